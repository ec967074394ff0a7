package credit_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// huabeiChargeOff is Huabei charging off after 90 days past due and
// writing off remainders up to RMB 10.
func huabeiChargeOff() credit.Product {
	p := credit.Huabei()
	p.Name = "huabei-charge-off"
	p.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 90}
	p.Billing.WriteOff = billing.WriteOffRule{UpTo: cny(1000)}
	return p
}

// delinquentLine opens a Huabei line on 1 March 2015 whose RMB 1,000
// delivered on 5 March is never repaid, on an engine that also knows p.
func delinquentLine(t *testing.T, p credit.Product) (*credit.Engine, *credittest.Clock, *credittest.MemStore) {
	t.Helper()
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-03-01 09:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "shopper", Product: p.Name, Limit: cny(500000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2015-03-05 10:00"))
	if d, err := e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(100000), Merchant: tmall}); err != nil || !d.Approved {
		t.Fatalf("authorize: %+v, %v", d, err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(100000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"}); err != nil {
		t.Fatal(err)
	}
	return e, clock, store
}

// advanceTo moves the clock and the line to the start of day s.
func advanceTo(t *testing.T, e *credit.Engine, clock *credittest.Clock, s string) *credit.Line {
	t.Helper()
	clock.Set(at(s + " 00:00"))
	l, err := e.Advance(context.Background(), "L1", day(t, s))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestChargeOffEngine: the worked numbers of billing's charge-off story
// on the Engine, a day at a time. RMB 1,000 billed on 1 April is due on
// 10 April and unpaid: from 11 April it draws 0.05% a day, RMB 0.50, in
// place of interest. At the start of 10 July, 91 days past due, the line
// is charged off with RMB 1,045.00 (90 days of penalty, 45.00), and
// nothing accrues after. A recovery of RMB 300 on 20 July leaves 745.00;
// 737.00 on 5 August leaves 8.00, written off. The delinquency facts
// record current → 1-30 on 11 April, → 31-60 on 11 May, → 61-90 on 10
// June and → charged_off on 10 July.
func TestChargeOffEngine(t *testing.T) {
	ctx := context.Background()
	p := huabeiChargeOff()
	e, clock, store := delinquentLine(t, p)
	start := day(t, "2015-04-10")
	var l *credit.Line
	for d := start; !d.After(day(t, "2015-07-09")); d = d.AddDays(1) {
		l = advanceTo(t, e, clock, d.String())
		// The penalty accrued since the last statement, exactly.
		sinceCut := d.DaysUntil(d)
		if d.Day() >= 2 || d.Month() == time.April {
			first := d.FirstOfMonth()
			if d.Month() == time.April {
				first = start
			}
			sinceCut = first.DaysUntil(d)
		}
		if got, want := l.Account.PenaltyAccrued.Decimal().String(), money.FromMinor(int64(sinceCut)*50, money.CNY).Units(); got != decimalUnits(want) {
			t.Fatalf("%v: penalty accrued %s, want %d fen", d, got, want)
		}
		if dq := l.Delinquency(&p); d.After(start) && (dq.DaysPastDue != start.DaysUntil(d) || dq.Items[0].Amount != cny(100000) || dq.Items[0].DaysPastDue != dq.DaysPastDue) {
			t.Fatalf("%v: %+v, want %d days past due on RMB 1,000", d, dq, start.DaysUntil(d))
		}
	}
	if !l.Account.ChargeOff.IsZero() {
		t.Fatalf("charged off on %v, before the 91st day past due", l.Account.ChargeOff.On)
	}
	// On 9 July the principal is 90 days past due, and the penalties
	// billed on 1 May (10.50, due 10 May) and 1 June (15.50, due 10 June)
	// are past due too, each in its own bucket; 15.00 billed on 1 July is
	// not yet due.
	dq := l.Delinquency(&p)
	if dq.Bucket.String() != "61-90" || dq.DaysPastDue != 90 || dq.PastDue != cny(102600) || len(dq.Items) != 3 ||
		dq.Items[1].Bucket.String() != "31-60" || dq.Items[2].Bucket.String() != "1-30" || dq.Items[2].DaysPastDue != 29 {
		t.Errorf("on 9 July: %+v", dq)
	}

	l = advanceTo(t, e, clock, "2015-07-10")
	co := l.Account.ChargeOff
	if co.On != day(t, "2015-07-10") || co.Amount != cny(104500) || co.Balance != cny(104500) {
		t.Fatalf("charge-off %+v, want RMB 1,045.00 on 2015-07-10", co)
	}
	b := balances(t, l)
	if b.ChargedOff != cny(104500) || b.Billed != cny(104500) || owed(t, l) != cny(104500) {
		t.Errorf("balances %+v, owed %v", b, owed(t, l))
	}
	if dq := l.Delinquency(&p); !dq.Bucket.ChargedOff || dq.PastDue != cny(104500) {
		t.Errorf("charged off: %+v", dq)
	}
	l = advanceTo(t, e, clock, "2015-07-19")
	if owed(t, l) != cny(104500) || !l.Account.PenaltyAccrued.IsZero() {
		t.Errorf("accrued after the charge-off: owed %v", owed(t, l))
	}

	// Frozen: no authorization, no payoff, no conversion.
	d, err := e.Authorize(ctx, credit.Authorize{Key: "a2", Line: "L1", Purchase: "p2", Amount: cny(10000), Merchant: tmall})
	if err != nil || d.Approved || !hasReason(d, credit.CodeLineChargedOff) {
		t.Errorf("authorize on a charged-off line: %+v, %v", d, err)
	}
	_, err = e.PayOff(ctx, credit.Payoff{Key: "po", Line: "L1", Amount: cny(104500)})
	if code := errorCode(err); code != credit.CodeChargedOff {
		t.Errorf("payoff of a charged-off line: %v", err)
	}
	_, err = e.ChangeLine(ctx, credit.LineCommand{Key: "cv", Line: "L1", Convert: cny(10000), Plan: "3-month"})
	var ce *credit.CommandError
	if !errors.As(err, &ce) || ce.Code != credit.CodeChargedOff || ce.Field != "convert" {
		t.Errorf("conversion on a charged-off line: %v", err)
	}

	clock.Set(at("2015-07-20 12:00"))
	if b, err := e.Pay(ctx, credit.Payment{Key: "r1", Line: "L1", Amount: cny(30000)}); err != nil || b.ChargedOff != cny(74500) {
		t.Fatalf("recovery: %+v, %v", b, err)
	}
	clock.Set(at("2015-08-05 12:00"))
	if b, err := e.Pay(ctx, credit.Payment{Key: "r2", Line: "L1", Amount: cny(73700)}); err != nil || !b.ChargedOff.IsZero() || !b.Billed.IsZero() {
		t.Fatalf("last recovery: %+v, %v", b, err)
	}
	l = advanceTo(t, e, clock, "2015-09-01")
	if co := l.Account.ChargeOff; co.Recovered != cny(103700) || co.WrittenOff != cny(800) || !co.Balance.IsZero() || owed(t, l) != cny(0) {
		t.Errorf("at the end: %+v, owed %v", co, owed(t, l))
	}

	// The journal: postings sum to zero, the holder's to what is owed, and
	// the lender's side shows the loss, the recovery and the write-off.
	checkChargeOffJournal(t, store, e, p, map[string]int64{
		"loss:charge_off": 104500, "income:recovery": -103700, "charged_off": 0, "loss:write_off": 0, "income:penalty": -4500, "cash": 103700,
	})
	events, err := e.Events(ctx, "L1", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var moves []string
	for _, ev := range events {
		if ev.Fact.Kind != credit.KindDelinquency {
			continue
		}
		var ch credit.DelinquencyChange
		if err := json.Unmarshal(ev.Fact.Data, &ch); err != nil {
			t.Fatal(err)
		}
		moves = append(moves, ev.Fact.On.String()+" "+ch.From.String()+">"+ch.To.String())
	}
	want := []string{"2015-04-11 current>1-30", "2015-05-11 1-30>31-60", "2015-06-10 31-60>61-90", "2015-07-10 61-90>charged_off"}
	if diff := cmp.Diff(want, moves); diff != "" {
		t.Errorf("delinquency facts (-want +got):\n%s", diff)
	}
}

func decimalUnits(fen int64) string {
	return money.FromMinor(fen, money.CNY).Decimal().Shift(2).String()
}

// checkChargeOffJournal replays the journal in a fresh engine, checks that
// every fact's postings sum to zero and the holder's to what the line
// owes, and compares the other accounts' totals with want.
func checkChargeOffJournal(t *testing.T, store *credittest.MemStore, live *credit.Engine, p credit.Product, want map[string]int64) {
	t.Helper()
	ctx := context.Background()
	live1, err := live.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(time.Time{}), Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := fresh.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(live1, got, credittest.CmpOptions()); diff != "" {
		t.Errorf("replaying the journal differs from the live line:\n%s", diff)
	}
	recs, err := store.Load(ctx, "L1", 0)
	if err != nil {
		t.Fatal(err)
	}
	totals := map[string]int64{}
	for _, r := range recs {
		var f credit.Fact
		if err := json.Unmarshal(r.Data, &f); err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, p := range f.Postings {
			sum += p.Amount.Units()
			totals[p.Account] += p.Amount.Units()
		}
		if sum != 0 {
			t.Errorf("version %d (%s): postings sum to %d", r.Version, f.Kind, sum)
		}
	}
	if o := owed(t, got).Units(); totals["holder"] != o {
		t.Errorf("holder postings total %d, the line owes %d", totals["holder"], o)
	}
	for account, w := range want {
		if totals[account] != w {
			t.Errorf("%s: postings total %d, want %d", account, totals[account], w)
		}
	}
}

// A payment recorded with a value date before a charge-off does not undo
// it: money on a charged-off line posts on its own day, a recovery.
func TestChargeOffValueDatedPayment(t *testing.T) {
	ctx := context.Background()
	p := huabeiChargeOff()
	e, clock, _ := delinquentLine(t, p)
	advanceTo(t, e, clock, "2015-07-12")
	clock.Set(at("2015-07-12 12:00"))
	if _, err := e.Pay(ctx, credit.Payment{Key: "late", Line: "L1", Amount: cny(104500), ValueDate: day(t, "2015-07-08")}); err != nil {
		t.Fatal(err)
	}
	l, err := e.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	if co := l.Account.ChargeOff; co.On != day(t, "2015-07-10") || co.Recovered != cny(104500) || !co.Balance.IsZero() {
		t.Errorf("after a value-dated payment: %+v", co)
	}
}

// Products validate their charge-off and delinquency fields, naming the
// field; the zero values are the default and change nothing.
func TestChargeOffProductValidate(t *testing.T) {
	for _, c := range []struct {
		edit  func(p *credit.Product)
		field string
	}{
		{func(p *credit.Product) { p.Billing.ChargeOff.AfterDays = -1 }, "billing"},
		{func(p *credit.Product) { p.Billing.WriteOff.UpTo = money.FromMinor(1000, money.USD) }, "billing.write_off.up_to"},
		{func(p *credit.Product) { p.Billing.WriteOff.UpTo = cny(credit.MaxAmountUnits + 1) }, "billing.write_off.up_to"},
		{func(p *credit.Product) { p.Billing.WriteOff.UpTo = cny(-5) }, "billing"},
		{func(p *credit.Product) { p.Delinquency.Buckets = []int{} }, "delinquency.buckets"},
		{func(p *credit.Product) { p.Delinquency.Buckets = []int{30, 30} }, "delinquency.buckets[1]"},
		{func(p *credit.Product) { p.Delinquency.Buckets = []int{0} }, "delinquency.buckets[0]"},
		{func(p *credit.Product) { p.Delinquency.Buckets = make([]int, credit.MaxDelinquencyBuckets+1) }, "delinquency.buckets"},
	} {
		p := credit.Huabei()
		c.edit(&p)
		var pe *credit.ProductError
		if err := p.Validate(); !errors.As(err, &pe) || pe.Field != c.field {
			t.Errorf("want a ProductError on %s, got %v", c.field, err)
		}
	}
	for _, p := range credit.Presets() {
		if p.Billing.ChargeOff != (billing.ChargeOffRule{}) || p.Billing.WriteOff != (billing.WriteOffRule{}) || p.Delinquency.Buckets != nil {
			t.Errorf("preset %s charges off, writes off or ages by its own buckets", p.Name)
		}
	}
	data, err := json.Marshal(huabeiChargeOff())
	if err != nil {
		t.Fatal(err)
	}
	back, err := credit.LoadProduct(data)
	if err != nil || back.Billing.ChargeOff.AfterDays != 90 || back.Billing.WriteOff.UpTo != cny(1000) {
		t.Errorf("the product does not load back: %+v, %v", back.Billing, err)
	}
}

// The portfolio shows charged-off lines apart from the past-due buckets.
func TestChargeOffPortfolio(t *testing.T) {
	p := huabeiChargeOff()
	e, clock, _ := delinquentLine(t, p)
	l := advanceTo(t, e, clock, "2015-07-01")
	var lines []*credit.Line
	lines = append(lines, l)
	l = advanceTo(t, e, clock, "2015-07-10")
	lines = append(lines, l)
	r, err := credit.Report(day(t, "2015-07-10"), func(yield func(*credit.Line) bool) {
		for _, l := range lines {
			if !yield(l) {
				return
			}
		}
	}, credit.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The line as of 1 July, aged on 10 July: its principal 91 days past
	// due, the penalties billed on 1 May and 1 June 61 and 30 days. The
	// same line on 10 July is charged off with 1,045.00, apart.
	if r.PastDue[3].Lines != 1 || r.PastDue[3].Amount != cny(100000) || r.PastDue[2].Amount != cny(1050) || r.PastDue[0].Amount != cny(1550) ||
		r.ChargedOff != cny(104500) || r.ChargedOffLines != 1 {
		t.Errorf("report %+v", r)
	}
	if r.Outstanding.Units() != owed(t, lines[0]).Units()+104500 {
		t.Errorf("outstanding %v", r.Outstanding)
	}
}
