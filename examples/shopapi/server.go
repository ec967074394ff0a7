package main

import (
	"context"
	"fmt"
	"github.com/justspend/justspend/internal/storyclock"
	"net/http"
	"strings"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/memstore"
)

// server is the HTTP API over one Engine.
type server struct {
	engine *credit.Engine
	clock  credit.Clock
	pinned *storyclock.Clock // the clock PUT /clock sets; nil on the system clock
	// days tells the day a line is on, by product name.
	days map[string]postingDay
}

// postingDay is what the server needs of a product to tell which day an
// instant posts on: the Engine keeps its products to itself.
type postingDay struct {
	cycle billing.CycleRule
	loc   *time.Location
}

// newServer returns a server on the in-memory store (package memstore)
// with the library's preset products (huabei-2014, huabei,
// jd-baitiao-2014, xinyongbao-2013, pay-in-4).
func newServer(clock credit.Clock) (*server, error) {
	products := credit.Presets()
	e, err := credit.NewEngine(credit.Config{Store: memstore.New(), Clock: clock, Products: products})
	if err != nil {
		return nil, err
	}
	s := &server{engine: e, clock: clock, days: map[string]postingDay{}}
	s.pinned, _ = clock.(*storyclock.Clock)
	for _, p := range products {
		loc, err := p.Location()
		if err != nil {
			return nil, fmt.Errorf("product %s: %w", p.Name, err)
		}
		s.days[p.Name] = postingDay{cycle: p.Billing.Cycle, loc: loc}
	}
	return s, nil
}

// routes returns the API's handler.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /lines", endpoint(s.openLine))
	mux.Handle("GET /lines/{line}", endpoint(s.getLine))
	mux.Handle("GET /lines/{line}/balances", endpoint(s.balances))
	mux.Handle("POST /lines/{line}/purchases", endpoint(s.checkout))
	mux.Handle("POST /lines/{line}/purchases/{purchase}/delivery", endpoint(s.confirmDelivery))
	mux.Handle("POST /lines/{line}/purchases/{purchase}/refunds", endpoint(s.refund))
	mux.Handle("POST /lines/{line}/payments", endpoint(s.pay))
	mux.Handle("GET /lines/{line}/statements", endpoint(s.statements))
	mux.Handle("GET /lines/{line}/statements/latest", endpoint(s.latestStatement))
	mux.Handle("GET /lines/{line}/payoff", endpoint(s.payoffQuote))
	mux.Handle("GET /clock", endpoint(s.getClock))
	mux.Handle("PUT /clock", endpoint(s.setClock))
	return unmatched(mux)
}

// unmatched answers a request no route takes in the API's own error form:
// 404 no_route for a path no route has, 405 method_not_allowed (with an
// Allow header) for a path whose routes take other methods.
func unmatched(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) == 0 {
			writeError(w, r, &apiError{Status: http.StatusNotFound, Code: "no_route", Message: "no route " + r.URL.Path})
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, r, &apiError{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
			Message: r.Method + " " + r.URL.Path + " is not a route; it takes " + strings.Join(allow, ", ")})
	})
}

// lineToday returns the line brought to today, as the month-end run would
// bring it: statements due by today are cut, interest accrues, holds
// expire. The Engine's Advance is idempotent by day, so reads may call it
// freely; it appends only when the line has a new day to reach.
func (s *server) lineToday(ctx context.Context, id string) (*credit.Line, error) {
	l, err := s.engine.Line(ctx, id)
	if err != nil {
		return nil, err
	}
	day, ok := s.days[l.Product]
	if !ok {
		return nil, fmt.Errorf("line %q is on product %q, which the server does not know", id, l.Product)
	}
	today := day.cycle.PostingDate(s.clock.Now(), day.loc)
	if !today.After(l.Today) {
		return l, nil
	}
	return s.engine.Advance(ctx, id, today)
}
