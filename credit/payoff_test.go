package credit_test

import (
	"testing"

	"github.com/justspend/justspend/credit"
)

// TestPayOff: early payoff as a command, from the shopper's side. A CNY
// 3,000 television on Huabei's 12 periods at 8.8% (250.00 and 22.00 fee a
// period; Huabei's policy charges only the fees of periods already billed):
// paying off three months of installments after the first statement takes
// 750.00 and waives 66.00 of fees; paying off the whole line then takes
// the billed period (272.00) and the eight periods left (2,000.00, their
// 176.00 of fees waived). Paying the quote leaves the line owing nothing,
// so that it can close. (A payment of the same money used to become a
// credit balance, and "pay everything" left the accrued interest owing.)
func TestPayOff(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b", "tv", cny(300000), tmall, "12-month")
	h.deliver("d", "tv")
	h.clock.Set(at("2015-02-05 10:00"))
	plan := credit.Payoff{Key: "three", Line: "L", Purchase: "tv", Periods: 3}
	q, err := h.e.QuotePayoff(h.ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if q.Principal != cny(75000) || q.Waived != cny(6600) || q.Total != cny(75000) {
		t.Fatalf("quote for three periods: %+v", q)
	}
	plan.Amount = cny(74999)
	_, err = h.e.PayOff(h.ctx, plan)
	wantCode(t, "a payoff one fen short", err, "payoff_amount")
	plan.Amount = q.Total
	if _, err := h.e.PayOff(h.ctx, plan); err != nil {
		t.Fatal(err)
	}
	all := credit.Payoff{Key: "all", Line: "L"}
	q, err = h.e.QuotePayoff(h.ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if q.Principal != cny(225000) || q.Fees != cny(2200) || q.Waived != cny(17600) || q.Total != cny(227200) {
		t.Errorf("quote for the whole line: %+v; want principal 2,250.00, fees 22.00, waived 176.00, total 2,272.00", q)
	}
	all.Amount = q.Total
	if _, err := h.e.PayOff(h.ctx, all); err != nil {
		t.Fatal(err)
	}
	l := h.line()
	if len(l.Account.Debts) != 0 || !owed(t, l).IsZero() {
		t.Errorf("after paying off: debts %v, owed %v", l.Account.Debts, owed(t, l))
	}
	closed := credit.Closed
	if _, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "close", Line: "L", Status: &closed}); err != nil {
		t.Errorf("closing a paid-off line: %v", err)
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestPayOffWithAccruals: a statement of 2,000.00 paid down by its minimum
// of 200.00 accrues 0.05% a day on the 1,800.00 left from 11 January; on
// 16 January six days (5.40) have accrued. The payoff quote includes them,
// and paying it leaves nothing: the interest posts with the payoff.
func TestPayOffWithAccruals(t *testing.T) {
	e, clock, store := launch(t) // 2,000.00 billed on 1 January, due the 10th
	clock.Set(at("2015-01-09 10:00"))
	if _, err := e.Pay(t.Context(), credit.Payment{Key: "min", Line: "L1", Amount: cny(20000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2015-01-16 10:00"))
	q, err := e.QuotePayoff(t.Context(), credit.Payoff{Line: "L1"})
	if err != nil {
		t.Fatal(err)
	}
	if q.Principal != cny(180000) || q.Interest != cny(540) || q.Total != cny(180540) {
		t.Fatalf("quote %+v; want 1,800.00 + 5.40 interest", q)
	}
	if _, err := e.PayOff(t.Context(), credit.Payoff{Key: "off", Line: "L1", Amount: q.Total}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2015-03-01 00:00"))
	l, err := e.Advance(t.Context(), "L1", day(t, "2015-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if o := owed(t, l); !o.IsZero() || len(l.Account.Debts) != 0 {
		t.Errorf("two statements after the payoff: owed %v, debts %v", o, l.Account.Debts)
	}
	checkJournal(t, store, e, "L1")
}
