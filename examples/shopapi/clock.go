package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/internal/storyclock"
)

// A pinned clock (-now) is a storyclock.Clock, which PUT /clock moves:
// for tests and demos. Safe for concurrent use, as handlers read it while
// another request sets it.

// clockFrom returns the server's clock: the system's when now is empty,
// else a clock pinned at now (RFC 3339), which PUT /clock moves.
func clockFrom(now string) (credit.Clock, error) {
	if now == "" {
		return credit.SystemClock{}, nil
	}
	t, err := parseInstant(now)
	if err != nil {
		return nil, fmt.Errorf("-now: %w", err)
	}
	return storyclock.New(t), nil
}

// parseInstant reads an RFC 3339 instant in the years the Engine works
// with.
func parseInstant(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want an RFC 3339 instant such as 2014-12-10T09:00:00+08:00, not %q", s)
	}
	if y := t.UTC().Year(); y < credit.MinYear || y > credit.MaxYear {
		return time.Time{}, fmt.Errorf("%s is outside the years %d to %d", s, credit.MinYear, credit.MaxYear)
	}
	return t, nil
}

func describeClock(pinned *storyclock.Clock) string {
	if pinned == nil {
		return "system clock"
	}
	return "clock pinned at " + pinned.Now().Format(time.RFC3339) + "; PUT /clock moves it"
}

// clockState is the JSON of GET and PUT /clock.
type clockState struct {
	Now    time.Time `json:"now"`
	Pinned bool      `json:"pinned"`
}

// getClock: GET /clock.
func (s *server) getClock(*http.Request) (int, any, error) {
	return http.StatusOK, clockState{Now: s.clock.Now(), Pinned: s.pinned != nil}, nil
}

// setClock: PUT /clock {"now": "2015-01-01T00:00:00+08:00"}. Only a pinned
// server's clock moves, and it may move back: a line whose day is past the
// clock posts new events on its own day (see credit's package docs).
func (s *server) setClock(r *http.Request) (int, any, error) {
	if s.pinned == nil {
		return 0, nil, &apiError{Status: http.StatusForbidden, Code: "clock_not_pinned",
			Message: "the server runs on the system clock; start it with -now to set the time"}
	}
	body, err := readBody(r, false)
	if err != nil {
		return 0, nil, err
	}
	var req struct {
		Now string `json:"now"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || dec.More() {
		return 0, nil, &apiError{Status: http.StatusBadRequest, Code: "bad_json", Message: `want {"now": "RFC 3339 instant"}`}
	}
	t, err := parseInstant(req.Now)
	if err != nil {
		return 0, nil, &apiError{Status: http.StatusUnprocessableEntity, Code: "bad_time", Field: "now", Message: err.Error()}
	}
	s.pinned.Set(t)
	return http.StatusOK, clockState{Now: t, Pinned: true}, nil
}
