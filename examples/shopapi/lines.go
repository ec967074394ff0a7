package main

import (
	"net/http"

	"github.com/justspend/justspend/credit"
)

// openLine: POST /lines with a credit.OpenLine less its key:
//
//	{"line": "wang", "holder": "Wang", "product": "huabei-2014",
//	 "limit": {"amount": "30000.00", "currency": "CNY"}}
//
// 201 with the line as opened (credit.Line); a retry under the same key
// returns the same. 409 line_exists for a line opened under another key.
func (s *server) openLine(r *http.Request) (int, any, error) {
	key, err := idempotencyKey(r)
	if err != nil {
		return 0, nil, err
	}
	var cmd credit.OpenLine
	if err := decodeCommand(r, &cmd, false); err != nil {
		return 0, nil, err
	}
	if err := fromPath("key", &cmd.Key, key); err != nil {
		return 0, nil, err
	}
	l, err := s.engine.OpenLine(r.Context(), cmd)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, l, nil
}

// getLine: GET /lines/{line}, the whole credit.Line brought to today.
func (s *server) getLine(r *http.Request) (int, any, error) {
	l, err := s.lineToday(r.Context(), r.PathValue("line"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, l, nil
}

// balances: GET /lines/{line}/balances, the line's credit.Balances today.
func (s *server) balances(r *http.Request) (int, any, error) {
	l, err := s.lineToday(r.Context(), r.PathValue("line"))
	if err != nil {
		return 0, nil, err
	}
	b, err := l.Balances()
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, b, nil
}
