package credit_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/justspend/justspend/credit"
)

// longOwing lists purchases with debt outstanding that the line does not
// hold: a purchase that owes is not settled, so it belongs in
// Line.Purchases.
func longOwing(l *credit.Line) []string {
	held := map[string]bool{}
	for _, p := range l.Purchases {
		held[p.ID] = true
	}
	var missing []string
	seen := map[string]bool{}
	for _, d := range l.Account.Debts {
		if d.Amount.IsPositive() && !held[d.Ref] && !seen[d.Ref] && len(d.Ref) > 1 && d.Ref[0] == 'p' {
			seen[d.Ref] = true
			missing = append(missing, d.Ref)
		}
	}
	return missing
}

// A payment settles ten purchases, which the next days' Advances archive;
// the payment bounces (ReversePayment): the debt comes back, and the
// purchases owe again. A purchase that owes is not settled, and a line
// that never paid holds those purchases; the line whose payment bounced
// keeps them archived.
func TestLongLineReversalLeavesOwingPurchasesArchived(t *testing.T) {
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	l := longOpen(t, e, clock, "L", 5000000)
	for i := 0; i < 10; i++ {
		pid := fmt.Sprintf("p%d", i)
		l.authorize(pid, 10000, "")
		l.mustPurchase("capture", pid, 10000)
		l.mustPurchase("confirm", pid, 0)
	}
	l.setDay(longDate(t, "2016-02-05"), 10)
	bal := l.advance().Statements[0].Balance
	pay := credit.Payment{Key: "pay", Line: "L", Amount: bal}
	if _, err := e.Pay(ctx, pay); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2016-02-06", "2016-02-07"} {
		l.setDay(longDate(t, d), 10)
		l.advance()
	}
	if n := len(l.line().Purchases); n > 2 {
		t.Fatalf("%d purchases still held after the payment settled them", n)
	}
	l.setDay(longDate(t, "2016-02-08"), 10)
	if _, err := e.ReversePayment(ctx, credit.Reversal{Key: "bounce", Line: "L", Payment: "pay"}); err != nil {
		t.Fatal(err)
	}
	l.setDay(longDate(t, "2016-02-09"), 10)
	ln := l.advance()
	b, _ := ln.Balances()
	if !b.Billed.IsPositive() {
		t.Fatalf("nothing owed after the reversal: %+v", b)
	}
	if missing := longOwing(ln); len(missing) > 0 {
		t.Errorf("after the reversal, purchases %v owe (billed %v) but the line holds only %d purchases", missing, b.Billed, len(ln.Purchases))
	}
	// A refund of one of them pays its own debt, as on a twin that
	// never paid.
	clock.Set(longDate(t, "2016-01-04").At(9, 0, longZone))
	n := longOpen(t, e, clock, "N", 5000000)
	for i := 0; i < 10; i++ {
		pid := fmt.Sprintf("p%d", i)
		n.authorize(pid, 10000, "")
		n.mustPurchase("capture", pid, 10000)
		n.mustPurchase("confirm", pid, 0)
	}
	n.setDay(longDate(t, "2016-02-09"), 10)
	n.advance()
	for _, x := range []*longLine{l, n} {
		x.mustPurchase("refund", "p3", 4000)
	}
	la, lb := l.line(), n.line()
	ba, _ := la.Balances()
	bb, _ := lb.Balances()
	if longDiff(ba, bb) != "" {
		t.Errorf("after a refund of p3, the line whose payment bounced and the one that never paid differ (-bounced +never paid):\n%s", longDiff(ba, bb))
	}
	pa, _ := e.Purchase(ctx, "L", "p3")
	pb, _ := e.Purchase(ctx, "N", "p3")
	if d := longDiff(pa, pb); d != "" {
		t.Errorf("p3 differs (-bounced +never paid):\n%s", d)
	}
	longSame(t, store, clock, "L", e)
}
