package main

import (
	"net/http"
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// post sends a POST twice under the same key, as a client that lost the
// first answer would, and checks that the retry gets exactly the first
// response.
func (a *api) post(status int, path, key, body string) response {
	a.t.Helper()
	first := a.expect(status, "POST", path, key, body)
	if again := a.do("POST", path, key, body); again != first {
		a.t.Fatalf("POST %s retried under key %q: got %d %s, first %d %s", path, key, again.status, again.body, first.status, first.body)
	}
	return first
}

// TestShopperStory walks Wang through Huabei at launch, every POST sent
// twice: she opens a line of RMB 30,000, buys a coat of RMB 2,000 on 10
// December, confirms receipt on the 15th, gets her statement on 1 January
// (due on the 10th), pays RMB 500 on the 5th, asks what paying off the
// rest takes, gets RMB 300 back for a returned belt, and asks again on the
// 20th, past the due date.
func TestShopperStory(t *testing.T) {
	a := newAPI(t)

	r := a.post(http.StatusCreated, "/lines", "open-wang", openWang)
	l := decode[credit.Line](t, r)
	if l.ID != "wang" || l.Holder != "Wang" || l.Status != credit.Active || l.Opened.String() != "2014-12-10" {
		t.Errorf("opened %s %s %s %s", l.ID, l.Holder, l.Status, l.Opened)
	}
	amounts(t, "opened", map[string]money.Amount{"limit": l.Limit}, map[string]string{"limit": "CNY 30000.00"})

	r = a.post(http.StatusCreated, "/lines/wang/purchases", "checkout-1", coat)
	c := decode[checkoutResult](t, r)
	if !c.Decision.Approved || len(c.Decision.Reasons) != 0 || c.Purchase == nil {
		t.Fatalf("checkout: %s", r.body)
	}
	amounts(t, "checkout", map[string]money.Amount{
		"available before": c.Decision.AvailableBefore, "available after": c.Decision.AvailableAfter,
		"authorized": c.Purchase.Authorized, "captured": c.Purchase.Captured, "pending": c.Purchase.Pending, "posted": c.Purchase.Posted,
	}, map[string]string{
		"available before": "CNY 30000.00", "available after": "CNY 28000.00",
		"authorized": "CNY 2000.00", "captured": "CNY 2000.00", "pending": "CNY 2000.00", "posted": "CNY 0.00",
	})
	if c.Purchase.State != credit.Captured {
		t.Errorf("after checkout the purchase is %s, want captured", c.Purchase.State)
	}

	a.at("2014-12-15 10:00")
	r = a.post(http.StatusOK, "/lines/wang/purchases/order-1/delivery", "delivered-1", "")
	p := decode[credit.Purchase](t, r)
	if p.State != credit.Posted || p.PostedOn.String() != "2014-12-15" {
		t.Errorf("delivered: %s on %s, want posted on 2014-12-15", p.State, p.PostedOn)
	}
	amounts(t, "delivered", map[string]money.Amount{"pending": p.Pending, "posted": p.Posted},
		map[string]string{"pending": "CNY 0.00", "posted": "CNY 2000.00"})

	a.at("2015-01-01 00:00") // the month-end run
	st := decode[billing.Statement](t, a.expect(http.StatusOK, "GET", "/lines/wang/statements/latest", "", ""))
	if st.Date.String() != "2015-01-01" || st.Due.String() != "2015-01-10" || len(st.Lines) != 1 || st.Lines[0].Ref != "order-1" {
		t.Errorf("statement of %s due %s with %d lines", st.Date, st.Due, len(st.Lines))
	}
	// The minimum is 10% of the new principal.
	amounts(t, "statement", map[string]money.Amount{"balance": st.Balance, "minimum": st.Minimum, "charges": st.Charges},
		map[string]string{"balance": "CNY 2000.00", "minimum": "CNY 200.00", "charges": "CNY 2000.00"})
	list := decode[statementList](t, a.expect(http.StatusOK, "GET", "/lines/wang/statements", "", ""))
	if len(list.Statements) != 1 || list.Statements[0].Date != st.Date {
		t.Errorf("statements: %d", len(list.Statements))
	}

	a.at("2015-01-05 10:00")
	b := decode[credit.Balances](t, a.post(http.StatusOK, "/lines/wang/payments", "pay-1", pay500))
	amounts(t, "paid", map[string]money.Amount{"billed": b.Billed, "used": b.Used, "available": b.Available, "held": b.Held},
		map[string]string{"billed": "CNY 1500.00", "used": "CNY 1500.00", "available": "CNY 28500.00", "held": "CNY 0.00"})

	q := decode[credit.PayoffQuote](t, a.expect(http.StatusOK, "GET", "/lines/wang/payoff", "", ""))
	if q.On.String() != "2015-01-05" {
		t.Errorf("payoff quoted on %s", q.On)
	}
	amounts(t, "payoff on the 5th", map[string]money.Amount{"principal": q.Principal, "interest": q.Interest, "total": q.Total},
		map[string]string{"principal": "CNY 1500.00", "interest": "CNY 0.00", "total": "CNY 1500.00"})

	r = a.post(http.StatusOK, "/lines/wang/purchases/order-1/refunds", "refund-1", refund300)
	p = decode[credit.Purchase](t, r)
	amounts(t, "refunded", map[string]money.Amount{"refunded": p.Refunded, "refunded posted": p.RefundedPosted, "settlement": p.Settlement},
		map[string]string{"refunded": "CNY 300.00", "refunded posted": "CNY 300.00", "settlement": "CNY 1700.00"})
	b = decode[credit.Balances](t, a.expect(http.StatusOK, "GET", "/lines/wang/balances", "", ""))
	amounts(t, "after the refund", map[string]money.Amount{"billed": b.Billed, "available": b.Available},
		map[string]string{"billed": "CNY 1200.00", "available": "CNY 28800.00"})

	// Past the due date, the RMB 1,200 left draws 0.05% a day, RMB 0.60,
	// from 11 January; a payoff on the 20th pays the 10 days 11 to 20
	// January, RMB 6.00 (as examples/checkout counts Li's 22 days 11
	// January to 1 February).
	a.at("2015-01-20 12:00")
	q = decode[credit.PayoffQuote](t, a.expect(http.StatusOK, "GET", "/lines/wang/payoff", "", ""))
	amounts(t, "payoff on the 20th", map[string]money.Amount{"principal": q.Principal, "interest": q.Interest, "penalties": q.Penalties, "total": q.Total},
		map[string]string{"principal": "CNY 1200.00", "interest": "CNY 6.00", "penalties": "CNY 0.00", "total": "CNY 1206.00"})
}
