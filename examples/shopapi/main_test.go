package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/credit"
)

func TestClockFrom(t *testing.T) {
	c, err := clockFrom("")
	if _, ok := c.(credit.SystemClock); !ok || err != nil {
		t.Errorf(`clockFrom(""): %T, %v; want the system clock`, c, err)
	}
	c, err = clockFrom("2014-12-10T09:00:00+08:00")
	if err != nil || !c.Now().Equal(time.Date(2014, 12, 10, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("pinned clock: %v, %v", c, err)
	}
	for _, bad := range []string{"2014-12-10", "yesterday", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z"} {
		if _, err := clockFrom(bad); err == nil {
			t.Errorf("clockFrom(%q): no error", bad)
		}
	}
}

func TestSetClock(t *testing.T) {
	a := newAPI(t)
	r := a.expect(http.StatusOK, "PUT", "/clock", "", `{"now":"2015-01-01T00:00:00+08:00"}`)
	if got := decode[clockState](t, r); !got.Pinned || !a.clock.Now().Equal(time.Date(2014, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("PUT /clock: %s; clock %s", r.body, a.clock.Now())
	}
	a.expect(http.StatusBadRequest, "PUT", "/clock", "", `{"now":"2015-01-01T00:00:00+08:00","zone":"x"}`)
	a.expect(http.StatusBadRequest, "PUT", "/clock", "", ``)
	a.expect(http.StatusUnprocessableEntity, "PUT", "/clock", "", `{"now":"2015-01-01"}`)

	s, err := newServer(credit.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	a.url = serve(t, s)
	r = a.expect(http.StatusForbidden, "PUT", "/clock", "", `{"now":"2015-01-01T00:00:00+08:00"}`)
	if e := errorOf(t, r); e.Code != "clock_not_pinned" {
		t.Errorf("error %+v", e)
	}
	if got := decode[clockState](t, a.expect(http.StatusOK, "GET", "/clock", "", "")); got.Pinned || time.Since(got.Now) > time.Minute {
		t.Errorf("GET /clock on the system clock: %+v", got)
	}
}

// TestRun starts the program's server on a free port, reads the URL it
// prints, asks it the time, and stops it.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", "2014-12-10T09:00:00+08:00", w) }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url, _, ok := strings.Cut(strings.TrimPrefix(line, "shopapi: listening on "), " ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("printed %q", line)
	}
	a := &api{t: t, url: url}
	if got := decode[clockState](t, a.expect(http.StatusOK, "GET", "/clock", "", "")); !got.Pinned || got.Now.Format(time.RFC3339) != "2014-12-10T09:00:00+08:00" {
		t.Errorf("GET /clock: %+v", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
	if err := run(context.Background(), "127.0.0.1:0", "tomorrow", io.Discard); err == nil {
		t.Error("run with a bad -now: no error")
	}
}
