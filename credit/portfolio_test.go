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
	}, credit.ReportOptions{Progress: func(done int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if p.Lines != 3 || p.TotalLimit != cny(9000000) || len(calls) != 1 || calls[0] != 3 {
		t.Fatalf("report %+v, progress %v", p, calls)
	}
	// Lines 1 and 2 paid nothing: overdue since 10 January (53 days on 4
	// March). Each owes 2,000 due 10 January (31-60 days) and the penalty
	// billed on 1 February, due 10 February (22 days, 1-30). Line 0 paid
	// its statement in full on time: not past due.
	want := []credit.PastDueBucket{{From: 1, To: 30}, {From: 31, To: 60, Lines: 2}, {From: 61, To: 90}, {From: 91}}
	for i, b := range p.PastDue {
		w := want[i]
		if b.From != w.From || b.To != w.To || b.Lines != w.Lines {
			t.Errorf("bucket %d: %+v, want %+v", i, b, w)
		}
	}
	if p.PastDue[1].Amount != cny(400000) || !p.PastDue[0].Amount.IsPositive() || !p.PastDue[2].Amount.IsZero() {
		t.Errorf("amounts %v %v %v: want the 2 × 2,000 at 31-60 days and the penalties at 1-30", p.PastDue[0].Amount, p.PastDue[1].Amount, p.PastDue[2].Amount)
	}
	if !p.Utilization.IsPositive() || p.Outstanding.Units() <= 400000 {
		t.Errorf("utilization %s, outstanding %v", p.Utilization, p.Outstanding)
	}
	_, err = credit.Report(on, func(yield func(*credit.Line) bool) {
		yield(lines[0])
		other := *lines[1]
		other.Limit = money.FromMinor(1, money.USD)
		yield(&other)
	}, credit.ReportOptions{})
	if err == nil {
		t.Error("mixed currencies: no error")
	}
}

// TestPortfolioMinimumPaid: a shopper who paid the minimum on time is not
// past due, though most of the statement is unpaid after its due date (the
// report used to put the 1,800 left in the 1-30 days bucket); one who paid
// less than the minimum is, with what that statement billed.
func TestPortfolioMinimumPaid(t *testing.T) {
	for _, c := range []struct {
		paid  int64
		lines int
		owed  int64
	}{{20000, 0, 0}, {19999, 1, 180001}} {
		h := newHarness(t, "2014-12-18 10:00")
		h.open("huabei-2014", cny(3000000))
		h.buy("b", "p", cny(200000), tmall, "")
		h.deliver("d", "p")
		h.clock.Set(at("2015-01-09 10:00"))
		if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "min", Line: "L", Amount: cny(c.paid)}); err != nil {
			t.Fatal(err)
		}
		h.clock.Set(at("2015-01-20 10:00"))
		l, err := h.e.Advance(h.ctx, "L", day(t, "2015-01-20"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := credit.Report(day(t, "2015-01-20"), func(yield func(*credit.Line) bool) { yield(l) }, credit.ReportOptions{Buckets: []int{7, 30}})
		if err != nil {
			t.Fatal(err)
		}
		// Overdue since 11 January: 10 days past due, in the 8-30 bucket.
		if b := p.PastDue[1]; b.Lines != c.lines || b.Amount.Units() != c.owed || p.PastDue[0].Lines+p.PastDue[2].Lines != 0 {
			t.Errorf("paid %d: buckets %+v; want %d line with %d in 8-30 days", c.paid, p.PastDue, c.lines, c.owed)
		}
		if overdue := !l.Account.Overdue.Statement.IsZero(); overdue != (c.lines == 1) {
			t.Errorf("paid %d: the engine says overdue %v", c.paid, overdue)
		}
	}
}
