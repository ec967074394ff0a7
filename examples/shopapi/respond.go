package main

import (
	"encoding/json"
	"log"
	"net/http"
)

// endpoint is a handler that returns its status and body, or an error
// that writeError turns into a status and a JSON error body.
type endpoint func(r *http.Request) (status int, body any, err error)

func (fn endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status, body, err := fn(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, status, body)
}

// writeJSON writes body with the library's own JSON encodings (amounts as
// {"amount":"2000.00","currency":"CNY"}, dates as "2015-01-01").
func writeJSON(w http.ResponseWriter, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		// A zero money.Amount (no currency) does not marshal; nothing
		// the Engine hands out on success has one.
		log.Printf("shopapi: encoding a %d response: %v", status, err)
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{&apiError{Code: "internal", Message: "the response could not be encoded"}})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
