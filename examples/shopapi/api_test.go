package main

import (
	"encoding/json"
	"github.com/justspend/justspend/internal/storyclock"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/money"
)

// beijing is the presets' zone, as a fixed offset.
var beijing = time.FixedZone("CST", 8*3600)

// api is a server under test on a pinned clock, at 10 December 2014,
// 09:00 in Beijing.
type api struct {
	t     *testing.T
	url   string
	clock *storyclock.Clock
}

func newAPI(t *testing.T) *api {
	t.Helper()
	clock := storyclock.New(time.Date(2014, 12, 10, 9, 0, 0, 0, beijing))
	s, err := newServer(clock)
	if err != nil {
		t.Fatal(err)
	}
	return &api{t: t, url: serve(t, s), clock: clock}
}

// serve serves s until the test ends and returns its URL.
func serve(t *testing.T, s *server) string {
	srv := httptest.NewServer(s.routes())
	t.Cleanup(srv.Close)
	return srv.URL
}

// in returns a on the same server, reporting to t (a subtest's).
func (a *api) in(t *testing.T) *api {
	b := *a
	b.t = t
	return &b
}

// response is what a request got back.
type response struct {
	status int
	body   string
}

// do sends a request; key "" sends no Idempotency-Key header.
func (a *api) do(method, path, key, body string) response {
	a.t.Helper()
	req, err := http.NewRequest(method, a.url+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set(keyHeader, key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		a.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	return response{res.StatusCode, string(b)}
}

// expect sends a request and fails the test unless it gets status.
func (a *api) expect(status int, method, path, key, body string) response {
	a.t.Helper()
	r := a.do(method, path, key, body)
	if r.status != status {
		a.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, status, r.body)
	}
	return r
}

// at sets the clock to a Beijing time, "2006-01-02 15:04".
func (a *api) at(s string) {
	a.t.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, beijing)
	if err != nil {
		a.t.Fatal(err)
	}
	a.clock.Set(t)
}

// decode decodes a response body into a T.
func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("decoding %T from %s: %v", v, r.body, err)
	}
	return v
}

// amounts checks amounts against their canonical strings ("CNY 2000.00"):
// exact, to the fen.
func amounts(t *testing.T, what string, got map[string]money.Amount, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok || g.String() != w {
			t.Errorf("%s: %s is %v, want %s", what, name, g, w)
		}
	}
}

// errorOf decodes an error body.
func errorOf(t *testing.T, r response) apiError {
	t.Helper()
	return *decode[errorBody](t, r).Error
}

// Bodies the tests send.
const (
	openWang  = `{"line":"wang","holder":"Wang","product":"huabei-2014","limit":{"amount":"30000.00","currency":"CNY"}}`
	tmall     = `"merchant":{"id":"tmall-uniqlo","enrolled":true,"category":"apparel"}`
	coat      = `{"purchase":"order-1","amount":{"amount":"2000.00","currency":"CNY"},` + tmall + `}`
	gloves    = `{"purchase":"order-2","amount":{"amount":"800.00","currency":"CNY"},` + tmall + `}`
	pay500    = `{"amount":{"amount":"500.00","currency":"CNY"}}`
	refund300 = `{"amount":{"amount":"300.00","currency":"CNY"}}`
)

// withLine returns a server with Wang's line open.
func withLine(t *testing.T) *api {
	a := newAPI(t)
	a.expect(http.StatusCreated, "POST", "/lines", "open-wang", openWang)
	return a
}
