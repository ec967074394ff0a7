package credit_test

import (
	"testing"

	"github.com/justspend/justspend/credit"
)

// TestAutoConfirm: on Huabei, a purchase whose shopper never confirms
// receipt is posted once 10 full days have passed after its capture (3 for
// virtual goods), not counting days a refund request was open. It used to
// hold the limit forever and never be billed.
func TestAutoConfirm(t *testing.T) {
	for _, c := range []struct {
		name     string
		category string
		request  []string // the refund request's opening and closing days
		posted   string
	}{
		{"physical goods", "apparel", nil, "2014-12-21"},
		{"virtual goods", "game", nil, "2014-12-14"},
		{"a refund request open 15 to 18 December", "apparel", []string{"2014-12-15", "2014-12-18"}, "2014-12-24"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "2014-12-10 10:00")
			h.open("huabei-2014", cny(3000000))
			m := tmall
			m.Category = c.category
			if d := h.buy("b", "p", cny(200000), m, ""); !d.Approved { // captured on 10 December
				t.Fatal(d)
			}
			for i, on := range c.request {
				h.clock.Set(at(on + " 10:00"))
				cmd := credit.PurchaseCommand{Key: "r" + on, Line: "L", Purchase: "p"}
				var err error
				if i == 0 {
					_, err = h.e.RequestRefund(h.ctx, cmd)
				} else {
					_, err = h.e.CloseRefundRequest(h.ctx, cmd)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			posted := day(t, c.posted)
			h.clock.Set(posted.AddDays(-1).At(23, 0, beijing))
			l, err := h.e.Advance(h.ctx, "L", posted.AddDays(-1))
			if err != nil || l.Purchases[0].State != credit.Captured {
				t.Fatalf("the day before: %v, %v", l.Purchases[0].State, err)
			}
			h.clock.Set(posted.At(0, 0, beijing))
			l, err = h.e.Advance(h.ctx, "L", posted)
			if err != nil {
				t.Fatal(err)
			}
			pu := l.Purchases[0]
			if pu.State != credit.Posted || pu.PostedOn != posted || !pu.Pending.IsZero() || owed(t, l) != cny(200000) {
				t.Errorf("on %v: %v posted on %v, pending %v, owed %v", posted, pu.State, pu.PostedOn, pu.Pending, owed(t, l))
			}
			checkJournal(t, h.store, h.e, "L")
		})
	}
	// While a request is open, nothing is confirmed; a second request
	// while one is open, or closing none, is refused.
	h := newHarness(t, "2014-12-10 10:00")
	h.open("huabei-2014", cny(3000000))
	h.buy("b", "p", cny(200000), tmall, "")
	if _, err := h.e.RequestRefund(h.ctx, credit.PurchaseCommand{Key: "r1", Line: "L", Purchase: "p"}); err != nil {
		t.Fatal(err)
	}
	_, err := h.e.RequestRefund(h.ctx, credit.PurchaseCommand{Key: "r2", Line: "L", Purchase: "p"})
	wantCode(t, "a second request", err, "refund_requested")
	h.clock.Set(at("2015-02-01 00:00"))
	l, err := h.e.Advance(h.ctx, "L", day(t, "2015-02-01"))
	if err != nil || l.Purchases[0].State != credit.Captured {
		t.Errorf("with a request open since 10 December, on 1 February: %v, %v", l.Purchases[0].State, err)
	}
	if _, err := h.e.Refund(h.ctx, credit.PurchaseCommand{Key: "ref", Line: "L", Purchase: "p", Amount: cny(200000)}); err != nil {
		t.Fatal(err)
	}
	_, err = h.e.CloseRefundRequest(h.ctx, credit.PurchaseCommand{Key: "c", Line: "L", Purchase: "p"})
	wantCode(t, "closing after the refund closed it", err, "no_refund_request")
}
