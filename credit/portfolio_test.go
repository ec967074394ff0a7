package credit_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// TestPortfolio: three lines on the launch product; one paid, one 22 days
// past due, one 53 days past due.
func TestPortfolio(t *testing.T) {
	h := newHarness(t, "2014-12-10 09:00")
	ctx := context.Background()
	for i, pay := range []int64{200000, 0, 0} {
		id := fmt.Sprintf("L%d", i)
		if _, err := h.e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: "huabei-2014", Limit: cny(3000000)}); err != nil {
			t.Fatal(err)
		}
		h.clock.Set(at("2014-12-18 10:00"))
		if _, err := h.e.Authorize(ctx, credit.Authorize{Key: "a", Line: id, Purchase: "p", Amount: cny(200000), Merchant: tmall}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: id, Purchase: "p", Amount: cny(200000)}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: id, Purchase: "p"}); err != nil {
			t.Fatal(err)
		}
		if pay > 0 {
			h.clock.Set(at("2015-01-05 10:00"))
			if _, err := h.e.Pay(ctx, credit.Payment{Key: "pay", Line: id, Amount: cny(pay)}); err != nil {
				t.Fatal(err)
			}
		}
		h.clock.Set(at("2014-12-10 09:00"))
	}
	on := day(t, "2015-03-04")
	h.clock.Set(at("2015-03-04 00:00"))
	var lines []*credit.Line
	for i := range 3 {
		l, err := h.e.Advance(ctx, fmt.Sprintf("L%d", i), on)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	var calls []int
	p, err := credit.Report(on, func(yield func(*credit.Line) bool) {
		for _, l := range lines {
			if !yield(l) {
				return
			}
		}
	}, func(done int) { calls = append(calls, done) })
	if err != nil {
		t.Fatal(err)
	}
	if p.Lines != 3 || p.TotalLimit != cny(9000000) || len(calls) != 1 || calls[0] != 3 {
		t.Fatalf("report %+v, progress %v", p, calls)
	}
	// Lines 1 and 2: 2,000 due 10 January (53 days) and the penalty billed
	// on 1 February, due 10 February (22 days): the oldest decides.
	if p.PastDueLines[credit.PastDue31To60] != 2 || p.PastDueLines[credit.PastDue1To30] != 0 {
		t.Errorf("buckets %v %v", p.PastDueLines, p.PastDue)
	}
	if !p.Utilization.IsPositive() || p.Outstanding.Units() <= 400000 {
		t.Errorf("utilization %s, outstanding %v", p.Utilization, p.Outstanding)
	}
	_, err = credit.Report(on, func(yield func(*credit.Line) bool) {
		yield(lines[0])
		other := *lines[1]
		other.Limit = money.FromMinor(1, money.USD)
		yield(&other)
	}, nil)
	if err == nil {
		t.Error("mixed currencies: no error")
	}
}
