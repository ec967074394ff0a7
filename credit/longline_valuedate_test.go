package credit_test

import (
	"context"
	"sort"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// Value dates that straddle the Advance that archived a purchase. Twin
// lines run the same history; on the day before purchase P was archived,
// one refunds part of it, and the other refunds it three days later with
// that day as value date: the two owe the same, P reads the same, and
// every other purchase too. Likewise a statement paid on the 5th, and its
// twin paid on the 8th with the 5th as value date, across the Advances
// that archive what the payment settled.
func TestLongLineValueDatesStraddleArchiving(t *testing.T) {
	ctx := context.Background()
	start := longDate(t, "2016-01-04")
	// A reference run, to learn when each purchase leaves the line.
	ref := func() *longLine {
		clock := credittest.NewClock(longZone2016())
		e := longEngine(t, credittest.NewMemStore(), clock, 0)
		return longHistory(t, e, clock, "R", start, 200)
	}()
	refLine := ref.line()
	var ids []string
	for id := range ref.seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pid string
	var archivedOn calendar.Date
	for _, id := range ids {
		p := ref.seen[id]
		on := ref.seenOn[id].AddDays(1)
		if longArchived(refLine, id) && p.State == credit.Posted && p.Plan == "" && p.Rate == nil && !p.Refunded.IsPositive() &&
			on.After(start.AddDays(60)) && on.Day() != 5 && on.Day() > 4 && on.Day() < 25 {
			pid, archivedOn = id, on
			break
		}
	}
	if pid == "" {
		t.Fatal("no purchase to refund")
	}
	t.Logf("%s archived on %v", pid, archivedOn)
	suffix := pid[1:]
	store, clock, e := longStart(t, 0)
	clock.Set(start.At(9, 0, longZone))
	onTime := longOpen(t, e, clock, "A", 5000000)
	late := longOpen(t, e, clock, "B", 5000000)
	payOnTime := longOpen(t, e, clock, "C", 5000000)
	payLate := longOpen(t, e, clock, "D", 5000000)
	refundDay := archivedOn.AddDays(-1)
	onTime.hook = func(day calendar.Date) bool {
		if day == refundDay {
			onTime.mustPurchase("refund", "A"+suffix, 1500)
		}
		return false
	}
	late.hook = func(day calendar.Date) bool {
		if day == refundDay.AddDays(3) {
			cmd := credit.PurchaseCommand{Key: late.key("refund-vd"), Line: "B", Purchase: "B" + suffix, Amount: longCNY(1500), ValueDate: refundDay}
			late.must("refund", cmd.Key, func(e *credit.Engine) (any, error) { return e.Refund(ctx, cmd) })
		}
		return false
	}
	payMonth := archivedOn.AddMonths(1).FirstOfMonth().AddDays(4) // a 5th
	payLate.hook = func(day calendar.Date) bool {
		switch day {
		case payMonth:
			return true // not today
		case payMonth.AddDays(3):
			sts := payLate.line().Statements
			bal := sts[len(sts)-1].Balance
			vd := credit.Payment{Key: payLate.key("pay-vd"), Line: "D", Amount: bal, ValueDate: payMonth}
			payLate.must("pay", vd.Key, func(e *credit.Engine) (any, error) { return e.Pay(ctx, vd) })
		}
		return false
	}
	for _, l := range []*longLine{onTime, late, payOnTime, payLate} {
		l.run(start, payMonth.DaysUntil(start)*-1+10)
	}
	for _, l := range []*longLine{onTime, late} {
		if p, err := e.Purchase(ctx, l.id, l.id+suffix); err != nil || p.Refunded.Units() != 1500 {
			t.Fatalf("%s: the refund did not happen: %v, %v", l.id, p, err)
		}
	}
	for _, c := range payLate.cmds {
		if c.key == "D-pay-vd-1" || len(c.key) > 8 && c.key[:8] == "D-pay-vd" {
			goto paid
		}
	}
	t.Fatal("D never paid late")
paid:
	for _, pair := range [][2]*longLine{{onTime, late}, {payOnTime, payLate}} {
		a, b := pair[0], pair[1]
		la, lb := a.advance(), b.advance()
		if x, y := longAccountNorm(t, la), longAccountNorm(t, lb); x != y {
			t.Errorf("%s and %s owe differently:\n%s", a.id, b.id, longDiff(x, y))
		}
		if x, y := longNorm(t, a.id, la.Purchases), longNorm(t, b.id, lb.Purchases); x != y {
			t.Logf("%s and %s hold different purchases (%d, %d)", a.id, b.id, len(la.Purchases), len(lb.Purchases))
		}
		for _, id := range ids {
			if ref.seenOn[id].After(payMonth) {
				continue
			}
			pa, err := e.Purchase(ctx, a.id, a.id+id[1:])
			if err != nil {
				continue // not bought in this run
			}
			pb, err := e.Purchase(ctx, b.id, b.id+id[1:])
			if err != nil {
				t.Errorf("%s: %v", b.id, err)
				continue
			}
			if x, y := longNorm(t, a.id, pa), longNorm(t, b.id, pb); x != y {
				t.Errorf("purchase %s differs between %s and %s:\n%s", id[1:], a.id, b.id, longDiff(x, y))
			}
		}
		for _, l := range []*longLine{a, b} {
			holder, _ := longPostings(t, e, l.id)
			if owed := longOwed(t, l.line()); !holder.Equal(owed) {
				t.Errorf("%s: holder postings %v, owed %v", l.id, holder, owed)
			}
		}
	}
	longSame(t, store, clock, "B", e)
	longSame(t, store, clock, "D", e)
}
