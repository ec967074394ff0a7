package main

import (
	"errors"
	"log"
	"net/http"
	"strconv"

	"github.com/justspend/justspend/credit"
)

// apiError is the error body of every failed request:
//
//	{"error": {"code": "bad_amount", "field": "amount", "message": "..."}}
//
// Code is the Engine's stable code (credit.CommandError.Code) or one of
// this server's; Field names the request field at fault, when one is.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Message }

type errorBody struct {
	Error *apiError `json:"error"`
}

// writeError maps err to a status and writes its body. The statuses:
//
//	400  the request is malformed: bad JSON (the Engine's bad_json), no or
//	     a bad Idempotency-Key, a body that contradicts the path
//	402  (not an error) a checkout the rules declined; see checkout
//	403  PUT /clock on a server that runs on the system clock
//	404  no such line (unknown_line) or purchase (unknown_purchase)
//	409  an Idempotency-Key used for a different command
//	     (idempotency_key_reused), or a line that exists (line_exists)
//	422  a well-formed command the Engine refuses: its code and field
//	500  anything else (a corrupt journal, a failing rule, a broken clock)
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := toAPIError(r, err)
	if e.Status >= 500 {
		log.Printf("shopapi: %s %s: %v", r.Method, r.URL.Path, err)
	}
	writeJSON(w, e.Status, errorBody{e})
}

func toAPIError(r *http.Request, err error) *apiError {
	var ae *apiError
	var ie *credit.IdempotencyError
	var ce *credit.CommandError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &ie):
		return &apiError{Status: http.StatusConflict, Code: "idempotency_key_reused", Field: keyHeader, Message: err.Error()}
	case errors.As(err, &ce):
		return commandError(ce)
	case errors.Is(err, credit.ErrNotFound):
		// The Engine's ErrNotFound does not say what was not found: for
		// a bare one, it is the line the path names.
		return &apiError{Status: http.StatusNotFound, Code: "unknown_line", Field: "line", Message: "no line " + strconv.Quote(r.PathValue("line"))}
	}
	return &apiError{Status: http.StatusInternalServerError, Code: "internal", Message: err.Error()}
}

// commandError maps a command the Engine refused.
func commandError(ce *credit.CommandError) *apiError {
	e := &apiError{Status: http.StatusUnprocessableEntity, Code: ce.Code, Field: ce.Field, Message: ce.Error()}
	switch {
	case ce.Code == "bad_json":
		e.Status = http.StatusBadRequest
	case ce.Field == "key": // the header's value is not clean text
		e.Status, e.Field = http.StatusBadRequest, keyHeader
	case errors.Is(ce, credit.ErrNotFound): // unknown_purchase; it is ErrInvalidCommand too
		e.Status = http.StatusNotFound
	case ce.Code == "line_exists":
		e.Status = http.StatusConflict
	}
	return e
}
