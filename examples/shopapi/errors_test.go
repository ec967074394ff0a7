package main

import (
	"encoding/json"
	"github.com/justspend/justspend/internal/storyclock"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// withOrder returns a server with Wang's line open and order-1 (RMB 2,000)
// checked out under key checkout-1.
func withOrder(t *testing.T) *api {
	a := withLine(t)
	a.expect(http.StatusCreated, "POST", "/lines/wang/purchases", "checkout-1", coat)
	return a
}

// A retry returns the first response exactly, even after the line has
// moved on: the checkout's purchase is still "captured" after delivery,
// the payment's balances those of the moment it was taken.
func TestRetryReturnsTheFirstResponse(t *testing.T) {
	a := withLine(t)
	first := a.expect(http.StatusCreated, "POST", "/lines/wang/purchases", "checkout-1", coat)
	paid := a.expect(http.StatusOK, "POST", "/lines/wang/payments", "pay-1", pay500)
	a.at("2014-12-15 10:00")
	a.expect(http.StatusOK, "POST", "/lines/wang/purchases/order-1/delivery", "delivered-1", "{}")
	a.expect(http.StatusOK, "POST", "/lines/wang/purchases/order-1/refunds", "refund-1", refund300)

	for _, tt := range []struct {
		name, path, key, body string
		want                  response
	}{
		{"checkout", "/lines/wang/purchases", "checkout-1", coat, first},
		{"payment", "/lines/wang/payments", "pay-1", pay500, paid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.in(t).do("POST", tt.path, tt.key, tt.body); got != tt.want {
				t.Errorf("retry: %d %s\nfirst: %d %s", got.status, got.body, tt.want.status, tt.want.body)
			}
		})
	}
	c := decode[checkoutResult](t, first)
	if c.Purchase.State != credit.Captured {
		t.Errorf("the replayed checkout shows the purchase %s", c.Purchase.State)
	}
	b := decode[credit.Balances](t, paid)
	// Paid before anything posted: a credit balance of RMB 500.
	amounts(t, "replayed payment", map[string]money.Amount{"credit": b.Credit, "held": b.Held},
		map[string]string{"credit": "CNY 500.00", "held": "CNY 2000.00"})
}

// The same checkout sent by eight clients at once, under one key, is one
// purchase, and every client gets the same answer.
func TestConcurrentRetries(t *testing.T) {
	a := withLine(t)
	var wg sync.WaitGroup
	got := make([]response, 8)
	for i := range got {
		wg.Go(func() { got[i] = a.do("POST", "/lines/wang/purchases", "checkout-1", coat) })
	}
	wg.Wait()
	for i, r := range got {
		if r != got[0] || r.status != http.StatusCreated {
			t.Errorf("client %d: %d %s", i, r.status, r.body)
		}
	}
	b := decode[credit.Balances](t, a.expect(http.StatusOK, "GET", "/lines/wang/balances", "", ""))
	amounts(t, "balances", map[string]money.Amount{"held": b.Held, "available": b.Available},
		map[string]string{"held": "CNY 2000.00", "available": "CNY 28000.00"})
}

// A key binds the command it was first used for: anything else under it
// is 409, and changes nothing.
func TestKeyReusedForAnotherCommand(t *testing.T) {
	a := withOrder(t)
	a.expect(http.StatusOK, "POST", "/lines/wang/payments", "pay-1", pay500)
	for _, tt := range []struct {
		name, path, key, body string
	}{
		{"open the line again with another limit", "/lines", "open-wang", strings.Replace(openWang, "30000.00", "20000.00", 1)},
		{"checkout key for another order", "/lines/wang/purchases", "checkout-1", strings.Replace(coat, "order-1", "order-9", 1)},
		{"checkout key for a payment", "/lines/wang/payments", "checkout-1", pay500},
		{"payment key for another amount", "/lines/wang/payments", "pay-1", `{"amount":{"amount":"600.00","currency":"CNY"}}`},
		{"payment key for a refund", "/lines/wang/purchases/order-1/refunds", "pay-1", pay500},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := a.in(t).expect(http.StatusConflict, "POST", tt.path, tt.key, tt.body)
			if e := errorOf(t, r); e.Code != "idempotency_key_reused" || e.Field != keyHeader {
				t.Errorf("error %+v", e)
			}
		})
	}
	// Opening the line under a new key is a conflict of another kind.
	r := a.expect(http.StatusConflict, "POST", "/lines", "open-wang-2", openWang)
	if e := errorOf(t, r); e.Code != "line_exists" {
		t.Errorf("error %+v", e)
	}
	b := decode[credit.Balances](t, a.expect(http.StatusOK, "GET", "/lines/wang/balances", "", ""))
	amounts(t, "balances", map[string]money.Amount{"credit": b.Credit, "available": b.Available, "limit": b.Limit},
		map[string]string{"credit": "CNY 500.00", "available": "CNY 28500.00", "limit": "CNY 30000.00"})
}

func TestBadRequests(t *testing.T) {
	a := withOrder(t)
	long := strings.Repeat("k", credit.MaxIDBytes)
	for _, tt := range []struct {
		name, path, key, body string
		code, field           string
	}{
		{"open without a key", "/lines", "", openWang, "missing_idempotency_key", keyHeader},
		{"checkout without a key", "/lines/wang/purchases", "", coat, "missing_idempotency_key", keyHeader},
		{"delivery without a key", "/lines/wang/purchases/order-1/delivery", "", "", "missing_idempotency_key", keyHeader},
		{"refund without a key", "/lines/wang/purchases/order-1/refunds", "", refund300, "missing_idempotency_key", keyHeader},
		{"payment without a key", "/lines/wang/payments", "", pay500, "missing_idempotency_key", keyHeader},
		{"a key that is not clean text", "/lines/wang/payments", "pay\xff", pay500, "bad_id", keyHeader},
		{"a key too long", "/lines/wang/payments", long, pay500, "bad_idempotency_key", keyHeader},
		{"a key of the server's", "/lines/wang/payments", "k" + captureSuffix, pay500, "bad_idempotency_key", keyHeader},

		{"not JSON", "/lines/wang/payments", "k", `{"amount":`, "bad_json", ""},
		{"an empty body", "/lines/wang/payments", "k", "", "bad_json", ""},
		{"an unknown field", "/lines/wang/payments", "k", `{"amount":{"amount":"500.00","currency":"CNY"},"tip":1}`, "bad_json", "tip"},
		{"trailing data", "/lines/wang/payments", "k", pay500 + `{}`, "bad_json", ""},
		{"an amount as a number", "/lines/wang/payments", "k", `{"amount":{"amount":500,"currency":"CNY"}}`, "bad_json", "amount"},
		{"too many decimals", "/lines/wang/payments", "k", `{"amount":{"amount":"500.001","currency":"CNY"}}`, "bad_json", "amount"},
		{"a field given twice", "/lines/wang/purchases", "k", `{"purchase":"a","purchase":"b"}`, "bad_json", "purchase"},
		{"a field in another case", "/lines/wang/payments", "k", `{"Amount":{"amount":"500.00","currency":"CNY"}}`, "bad_json", "Amount"},

		{"a key in the body", "/lines/wang/payments", "k", `{"key":"other","amount":{"amount":"500.00","currency":"CNY"}}`, "body_contradicts_request", "key"},
		{"another line in the body", "/lines/wang/payments", "k", `{"line":"li","amount":{"amount":"500.00","currency":"CNY"}}`, "body_contradicts_request", "line"},
		{"another purchase in the body", "/lines/wang/purchases/order-1/refunds", "k", `{"purchase":"order-2","amount":{"amount":"1.00","currency":"CNY"}}`, "body_contradicts_request", "purchase"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := a.in(t).expect(http.StatusBadRequest, "POST", tt.path, tt.key, tt.body)
			if e := errorOf(t, r); e.Code != tt.code || e.Field != tt.field {
				t.Errorf("error %+v, want code %s field %q", e, tt.code, tt.field)
			}
		})
	}
	r := a.expect(http.StatusRequestEntityTooLarge, "POST", "/lines/wang/payments", "k", `{"line":"`+strings.Repeat("w", maxBody)+`"}`)
	if e := errorOf(t, r); e.Code != "body_too_large" {
		t.Errorf("error %+v", e)
	}
	// The body may repeat what the URL says.
	a.expect(http.StatusOK, "POST", "/lines/wang/payments", "k", `{"line":"wang","amount":{"amount":"1.00","currency":"CNY"}}`)
}

func TestNotFound(t *testing.T) {
	a := withOrder(t)
	for _, tt := range []struct {
		method, path, body string
		code               string
	}{
		{"GET", "/lines/li", "", "unknown_line"},
		{"GET", "/lines/li/balances", "", "unknown_line"},
		{"GET", "/lines/li/statements", "", "unknown_line"},
		{"GET", "/lines/li/statements/latest", "", "unknown_line"},
		{"GET", "/lines/li/payoff", "", "unknown_line"},
		{"POST", "/lines/li/purchases", coat, "unknown_line"},
		{"POST", "/lines/li/payments", pay500, "unknown_line"},
		{"POST", "/lines/li/purchases/order-1/delivery", "", "unknown_line"},
		{"POST", "/lines/wang/purchases/order-9/delivery", "", "unknown_purchase"},
		{"POST", "/lines/wang/purchases/order-9/refunds", refund300, "unknown_purchase"},
		{"GET", "/lines/wang/statements/latest", "", "no_statement"},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := a.in(t).expect(http.StatusNotFound, tt.method, tt.path, "k", tt.body)
			if e := errorOf(t, r); e.Code != tt.code {
				t.Errorf("error %+v, want %s", e, tt.code)
			}
		})
	}
}

// Well-formed commands the Engine refuses are 422 with its code and the
// field at fault.
func TestRefused(t *testing.T) {
	a := withOrder(t)
	for _, tt := range []struct {
		method, path, body string
		code, field        string
	}{
		{"POST", "/lines", `{"line":"li","holder":"Li","product":"huabei-2099","limit":{"amount":"100.00","currency":"CNY"}}`, "unknown_product", "product"},
		{"POST", "/lines", `{"line":"li","holder":"Li","product":"huabei-2014","limit":{"amount":"100.00","currency":"USD"}}`, "currency_mismatch", "limit"},
		{"POST", "/lines/wang/payments", `{"amount":{"amount":"0.00","currency":"CNY"}}`, "bad_amount", "amount"},
		{"POST", "/lines/wang/payments", `{"amount":{"amount":"5.00","currency":"USD"}}`, "currency_mismatch", "amount"},
		{"POST", "/lines/wang/purchases/order-1/refunds", `{"amount":{"amount":"2000.01","currency":"CNY"}}`, "above_refundable", "amount"},
		{"POST", "/lines/wang/purchases/order-1/delivery", pay500, "bad_amount", "amount"},
		{"POST", "/lines/wang/purchases", `{"purchase":"order-1","amount":{"amount":"1500.00","currency":"CNY"},` + tmall + `}`, "bad_purchase_id", "purchase"},
		{"GET", "/lines/wang/payoff?purchase=order-1", "", "nothing_to_pay_off", "purchase"},
	} {
		t.Run(tt.code+" "+tt.path, func(t *testing.T) {
			r := a.in(t).expect(http.StatusUnprocessableEntity, tt.method, tt.path, "k", tt.body)
			if e := errorOf(t, r); e.Code != tt.code || e.Field != tt.field {
				t.Errorf("error %+v, want code %s field %q", e, tt.code, tt.field)
			}
		})
	}
	// A refused command binds nothing: the key is free for a corrected one.
	a.expect(http.StatusOK, "POST", "/lines/wang/payments", "k", pay500)
}

// A purchase the rules decline is 402 with the decision and every reason,
// recorded so that a retry gets the same.
func TestDecline(t *testing.T) {
	a := withLine(t)
	r := a.post(http.StatusPaymentRequired, "/lines/wang/purchases", "checkout-2", gloves)
	c := decode[checkoutResult](t, r)
	if c.Decision.Approved || c.Purchase != nil || len(c.Decision.Reasons) != 1 {
		t.Fatalf("decline: %s", r.body)
	}
	why := c.Decision.Reasons[0]
	if why.Code != "below_minimum_purchase" {
		t.Errorf("reason %s", why.Code)
	}
	amounts(t, "decline", map[string]money.Amount{"limit": why.Limit, "actual": why.Actual, "available after": c.Decision.AvailableAfter},
		map[string]string{"limit": "CNY 1000.00", "actual": "CNY 800.00", "available after": "CNY 30000.00"})
	// Declined at launch: a merchant not on Huabei, and above the limit.
	r = a.expect(http.StatusPaymentRequired, "POST", "/lines/wang/purchases", "checkout-3",
		`{"purchase":"order-3","amount":{"amount":"31000.00","currency":"CNY"},"merchant":{"id":"street","enrolled":false,"category":"apparel"}}`)
	var codes []string
	for _, why := range decode[checkoutResult](t, r).Decision.Reasons {
		codes = append(codes, why.Code)
	}
	if got := strings.Join(codes, " "); !strings.Contains(got, "merchant_not_enrolled") || !strings.Contains(got, "insufficient_credit") {
		t.Errorf("reasons %s", got)
	}
}

func TestPayoffQuery(t *testing.T) {
	a := withOrder(t)
	for _, q := range []string{"?periods=x", "?periods=1.5", "?purchase=order-1&tip=1"} {
		r := a.expect(http.StatusBadRequest, "GET", "/lines/wang/payoff"+q, "", "")
		if e := errorOf(t, r); e.Code != "bad_query" {
			t.Errorf("%s: error %+v", q, e)
		}
	}
	r := a.expect(http.StatusUnprocessableEntity, "GET", "/lines/wang/payoff?periods=2", "", "")
	if e := errorOf(t, r); e.Code != "bad_periods" || e.Field != "periods" {
		t.Errorf("error %+v", e)
	}
}

// TestUnmatchedRoutes: a path no route has, or a method its routes do not
// take, is answered in the API's error form.
func TestUnmatchedRoutes(t *testing.T) {
	s, err := newServer(storyclock.New(time.Date(2014, 12, 10, 9, 0, 0, 0, beijing)))
	if err != nil {
		t.Fatal(err)
	}
	url := serve(t, s)
	for _, c := range []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/nope", http.StatusNotFound, "no_route", ""},
		{"DELETE", "/lines/w", http.StatusMethodNotAllowed, "method_not_allowed", "GET"},
		{"GET", "/lines", http.StatusMethodNotAllowed, "method_not_allowed", "POST"},
	} {
		req, _ := http.NewRequest(c.method, url+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Error struct{ Code string } `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != c.status || body.Error.Code != c.code || resp.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d %q allow %q (%v); want %d %q allow %q", c.method, c.path, resp.StatusCode, body.Error.Code, resp.Header.Get("Allow"), err, c.status, c.code, c.allow)
		}
	}
}
