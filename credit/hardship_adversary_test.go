package credit_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// hardshipAdversaryProduct is Huabei with every hardship command offered:
// a 30-day deferral twice a year at 1% of what the statement still bills,
// rescheduling over the 12-month plan, and a re-age once a year, twice
// in five, after one regular minimum payment; value dates up to 10 days.
func hardshipAdversaryProduct() credit.Product {
	p := credit.Huabei()
	p.Name = "huabei-hardship-adversary"
	p.ValueDateDays = 10
	p.Hardship = credit.Hardship{DeferDays: 30, DefersPerYear: 2, DeferFeeRate: decimal.RequireFromString("0.01"),
		Reschedule: p.Installments[3:4], ReagesPerYear: 1, ReagesPerFiveYears: 2, ReageAfterPayments: 1}
	return p
}

// A statement of 1 February, due 10 February, deferred by 30 days to 11
// March: the statement of 1 March, which carries what the deferred one
// billed, asks it no earlier than 11 March. Paid in full that day, the
// line was never past due and owes nothing: no penalty, no interest.
// (The March statement was due on its own 10 March, so the line fell
// past due on the day the deferral had moved the debt to.)
func TestHardshipDeferralPastTheNextStatementsDueDate(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	b.advance("L", "2020-02-08")
	l, err := b.e.DeferDue(b.ctx, credit.Deferral{Key: "defer", Line: "L", Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if l.Account.Last.Due != lenderDay("2020-03-11") {
		t.Fatalf("deferred to %v", l.Account.Last.Due)
	}
	l = b.advance("L", "2020-03-02")
	if l.Account.Last.Date != lenderDay("2020-03-01") || l.Account.Last.Due.Before(lenderDay("2020-03-11")) {
		t.Fatalf("the March statement is due on %v, before the deferred 11 March", l.Account.Last.Due)
	}
	l = b.advance("L", "2020-03-11")
	if dq := l.Delinquency(&p); !l.Account.Overdue.Statement.IsZero() || dq.DaysPastDue != 0 {
		t.Fatalf("on the deferred due date: overdue %+v, %d days past due", l.Account.Overdue, dq.DaysPastDue)
	}
	owed, _ := l.Account.Owed()
	if owed != lenderCNY(101000) { // 1,000.00 and the 10.00 fee
		t.Fatalf("owes %v on 11 March", owed)
	}
	b.pay("L", 101000)
	l = b.advance("L", "2020-04-20")
	if owed, _ := l.Account.Owed(); !owed.IsZero() || !l.Account.Overdue.Statement.IsZero() {
		t.Fatalf("paid in full on the deferred due date, the line owes %v (overdue %+v)", owed, l.Account.Overdue)
	}
	b.check("L")
}

var _ = errors.As

// Seven years of re-agings under a policy of once a year and twice in
// five: each year the line buys in January, misses the February due
// date, pays a minimum in March and asks to be re-aged. 2020 and 2021 are
// taken, 2022 to 2024 refused (two in five years), 2025 taken (2020's
// has aged out) and 2026 too (2021's has), 2027 refused. Snapshots are
// taken after every fact, and fresh Engines rebuild the line each year.
func TestHardshipReageLimitsOverSevenYears(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2019-12-05", 1)
	b.open("L")
	try := func(year string) error {
		b.set(year + "-01-20")
		b.buy("L", "tv"+year, "", 100000)
		l := b.advance("L", year+"-03-04")
		if l.Account.Overdue.Statement.IsZero() {
			t.Fatalf("%s: not overdue", year)
		}
		b.pay("L", 30000)
		before, err := b.e.Line(b.ctx, "L")
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.e.Reage(b.ctx, credit.Reaging{Key: "reage-" + year, Line: "L"})
		if err != nil {
			after, _ := b.e.Line(b.ctx, "L")
			if d := longDiff(before, after); d != "" {
				t.Fatalf("%s: a refused re-age changed the line: %s", year, d)
			}
		}
		for _, d := range []string{"-03-05", "-04-05", "-05-05"} { // settle in full, accruals too
			l = b.advance("L", year+d)
			if o, _ := l.Account.Owed(); o.IsPositive() {
				b.pay("L", o.Units())
			}
		}
		b.check("L")
		return err
	}
	taken := 0
	for _, c := range []struct{ year, code string }{
		{"2020", ""}, {"2021", ""}, {"2022", credit.CodeReageLimit}, {"2023", credit.CodeReageLimit},
		{"2024", credit.CodeReageLimit}, {"2025", ""}, {"2026", ""}, {"2027", credit.CodeReageLimit},
	} {
		err := try(c.year)
		var ce *credit.CommandError
		switch {
		case c.code == "" && err != nil:
			t.Fatalf("%s: %v", c.year, err)
		case c.code == "":
			taken++
		case !errors.As(err, &ce) || ce.Code != c.code || ce.Op != "reage":
			t.Fatalf("%s: %v, want %s", c.year, err, c.code)
		}
	}
	l := b.check("L")
	if taken != 4 || len(l.Reagings) != 2 || l.Reagings[0].On != lenderDay("2025-03-04") || l.Reagings[1].On != lenderDay("2026-03-04") {
		t.Fatalf("%d taken; the line keeps %+v", taken, l.Reagings)
	}
}

// Two Engines on one store, each asked to defer the same statement under
// its own key, at once, many times over: exactly one deferral is taken on
// each line, the other is refused as deferred already (or, if it lost
// every retry, as a conflict) and changes nothing; each key sent again
// to either Engine replays its first result; the line each Engine reads
// is the line a fresh Engine rebuilds.
func TestHardshipTwoEnginesDeferOneStatement(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 2)
	other, err := credit.NewEngine(credit.Config{Store: b.store, Clock: b.clock, Products: []credit.Product{p}, SnapshotEvery: 3})
	if err != nil {
		t.Fatal(err)
	}
	const lines = 12
	ids := make([]string, lines)
	for i := range ids {
		ids[i] = "L" + strconv.Itoa(i)
		b.open(ids[i])
	}
	b.set("2020-01-20")
	for _, id := range ids {
		b.buy(id, "tv", "", 100000)
	}
	for _, id := range ids {
		b.advance(id, "2020-02-08")
		if _, err := other.Line(b.ctx, id); err != nil { // warm the other Engine's cache
			t.Fatal(err)
		}
	}
	engines := []*credit.Engine{b.e, other}
	type result struct {
		l   *credit.Line
		err error
	}
	results := make([][2]result, lines)
	var wg sync.WaitGroup
	for i, id := range ids {
		for k := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l, err := engines[k].DeferDue(b.ctx, credit.Deferral{Key: "defer-" + strconv.Itoa(k), Line: id, Days: 10 + k})
				results[i][k] = result{l, err}
			}()
		}
	}
	wg.Wait()
	for i, id := range ids {
		won := -1
		for k := range 2 {
			r := results[i][k]
			var ce *credit.CommandError
			switch {
			case r.err == nil:
				if won >= 0 {
					t.Fatalf("%s: both deferrals taken", id)
				}
				won = k
			case errors.As(r.err, &ce) && ce.Code == credit.CodeDeferredAlready, errors.Is(r.err, credit.ErrConflict):
			default:
				t.Fatalf("%s: engine %d: %v", id, k, r.err)
			}
		}
		if won < 0 {
			t.Fatalf("%s: no deferral taken: %v, %v", id, results[i][0].err, results[i][1].err)
		}
		want := lenderDay("2020-02-10").AddDays(10 + won)
		for k, e := range engines {
			l, err := e.DeferDue(b.ctx, credit.Deferral{Key: "defer-" + strconv.Itoa(won), Line: id, Days: 10 + won})
			if err != nil || l.Account.Last.Due != want || len(l.Deferrals) != 1 {
				t.Fatalf("%s: the winning key sent again to engine %d: %v, %v", id, k, err, l)
			}
			got, err := e.Line(b.ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Account.Last.Due != want || len(got.Deferrals) != 1 {
				t.Fatalf("%s: engine %d reads due %v, deferrals %+v", id, k, got.Account.Last.Due, got.Deferrals)
			}
		}
		l := b.check(id)
		if fee := lenderCNY(1000); len(l.Account.Debts) != 2 || l.Account.Debts[1].Amount != fee {
			t.Fatalf("%s: debts %+v, want the purchase and one fee of %v", id, l.Account.Debts, fee)
		}
	}
}

// A line past due since 10 February is re-aged on 6 March, after a
// payment of 200.00; on 9 March the bank's file brings a payment of
// 1,010.00, all it owed, with a value date of 2 March. Worked out again
// from that day the line was no longer past due on 6 March, so there was
// nothing to re-age, and a re-age moves no money: the payment takes its
// value date, and the line owes what a twin line that paid the same on 2
// March and 6 March owes (no penalty after 2 March). The value date was
// dropped instead: the payment posted on 9 March and the line paid the
// penalty of the days between.
func TestHardshipValueDatedPaymentBeforeAReageItMadeMoot(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.open("T")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	b.buy("T", "tv", "", 100000)
	b.advance("T", "2020-03-02")
	b.pay("T", 101000)
	b.advance("T", "2020-03-06")
	b.pay("T", 20000)

	b.advance("L", "2020-03-06")
	b.pay("L", 20000)
	if _, err := b.e.Reage(b.ctx, credit.Reaging{Key: "reage", Line: "L"}); err != nil {
		t.Fatal(err)
	}
	b.set("2020-03-09")
	if _, err := b.e.Pay(b.ctx, credit.Payment{Key: "late-file", Line: "L", Amount: lenderCNY(101000), ValueDate: lenderDay("2020-03-02")}); err != nil {
		t.Fatal(err)
	}
	l := b.check("L")
	last := l.Account.Lines[len(l.Account.Lines)-1]
	if last.Kind != billing.PaymentLine || last.ValueDate != lenderDay("2020-03-02") {
		t.Fatalf("the payment posts as %+v, not valued on 2 March", last)
	}
	if len(l.Reagings) != 1 {
		t.Fatalf("the re-age the line took is still counted against its limits: %+v", l.Reagings)
	}
	l = b.advance("L", "2020-04-05")
	twin := b.advance("T", "2020-04-05")
	owes, _ := l.Account.Owed()
	twinOwes, _ := twin.Account.Owed()
	if owes != twinOwes || !l.Account.Overdue.Statement.IsZero() {
		t.Fatalf("the line owes %v (overdue %+v), the twin that paid on the value date %v", owes, l.Account.Overdue, twinOwes)
	}
	b.check("L")
	b.check("T")
}

// A re-age asks one regular minimum payment since the line fell past
// due: 200.00 paid on 6 March earns it, and the line is re-aged that day,
// its 1,000.00 due again on 10 March. On 8 March the payment bounces and
// is reversed. Worked out again without it, the holder never earned the
// re-age: the line is past due from 10 February as before (27 days on 8
// March, in the 1-30 bucket, with a delinquency fact saying so), not
// current and aged from the re-aged date. The re-age stays counted
// against the line's limits.
func TestHardshipReversedPaymentUndoesTheReageItEarned(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	b.advance("L", "2020-03-06")
	if _, err := b.e.Pay(b.ctx, credit.Payment{Key: "earns", Line: "L", Amount: lenderCNY(20000)}); err != nil {
		t.Fatal(err)
	}
	l, err := b.e.Reage(b.ctx, credit.Reaging{Key: "reage", Line: "L"})
	if err != nil {
		t.Fatal(err)
	}
	if dq := l.Delinquency(&p); dq.Bucket.String() != "current" {
		t.Fatalf("re-aged: %+v", dq)
	}
	b.set("2020-03-08")
	if _, err := b.e.ReversePayment(b.ctx, credit.Reversal{Key: "bounced", Line: "L", Payment: "earns"}); err != nil {
		t.Fatal(err)
	}
	l = b.check("L")
	dq := l.Delinquency(&p)
	if dq.DaysPastDue != 27 || dq.Bucket.String() != "1-30" || l.Account.Overdue.Statement.IsZero() {
		t.Fatalf("after the reversal: %d days past due in %v (overdue %+v), want 27 in 1-30", dq.DaysPastDue, dq.Bucket, l.Account.Overdue)
	}
	evs, err := b.e.Events(b.ctx, "L", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1].Fact
	var ch credit.DelinquencyChange
	if last.Kind != credit.KindDelinquency || json.Unmarshal(last.Data, &ch) != nil || ch.To.String() != "1-30" || ch.From.String() != "current" {
		t.Fatalf("the last fact is %s %s, not a move from current to 1-30", last.Kind, last.Data)
	}
	if len(l.Reagings) != 1 {
		t.Fatalf("reagings %+v", l.Reagings)
	}
	if _, err := b.e.Reage(b.ctx, credit.Reaging{Key: "again", Line: "L"}); !errors.As(err, new(*credit.CommandError)) {
		t.Fatalf("a second re-age within the year: %v", err)
	}
	l = b.advance("L", "2020-05-20")
	if dq := l.Delinquency(&p); dq.DaysPastDue != 100 {
		t.Fatalf("on 20 May: %d days past due, want 100 (from 10 February)", dq.DaysPastDue)
	}
	b.check("L")
}

// The statement of 1 February, 1,000.00 due 10 February, is deferred on
// 8 February for a fee of 1% (10.00); on 12 February the bank's file
// brings a payment of 1,000.00 valued 7 February. Worked out again from
// that day the statement was paid before the deferral: there was nothing
// to defer and nothing to pay for it. The line owes nothing, as a twin
// that paid on 7 February does (it was charged the fee of a deferral it
// could not have asked for).
func TestHardshipValueDatedPaymentBeforeADeferralItMadeMoot(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.open("T")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	b.buy("T", "tv", "", 100000)
	b.advance("T", "2020-02-07")
	b.pay("T", 100000)
	b.advance("L", "2020-02-08")
	if _, err := b.e.DeferDue(b.ctx, credit.Deferral{Key: "defer", Line: "L", Days: 30}); err != nil {
		t.Fatal(err)
	}
	b.set("2020-02-12")
	if _, err := b.e.Pay(b.ctx, credit.Payment{Key: "late-file", Line: "L", Amount: lenderCNY(100000), ValueDate: lenderDay("2020-02-07")}); err != nil {
		t.Fatal(err)
	}
	l := b.check("L")
	valued, corrected := false, false
	for _, ln := range l.Account.Lines {
		valued = valued || ln.Kind == billing.PaymentLine && ln.ValueDate == lenderDay("2020-02-07")
		corrected = corrected || ln.Kind == billing.FeeLine && ln.Ref == "correction" && ln.Amount == lenderCNY(-1000)
	}
	if !valued || !corrected {
		t.Fatalf("the payment valued on 7 February %v, the fee corrected %v: %+v", valued, corrected, l.Account.Lines)
	}
	for _, day := range []string{"2020-02-12", "2020-04-20"} {
		l = b.advance("L", day)
		twin := b.advance("T", day)
		owes, _ := l.Account.Owed()
		twinOwes, _ := twin.Account.Owed()
		if !owes.IsZero() || owes != twinOwes || !l.Account.Overdue.Statement.IsZero() {
			t.Fatalf("%s: the line owes %v (overdue %+v), its twin %v", day, owes, l.Account.Overdue, twinOwes)
		}
	}
	if len(l.Deferrals) != 1 {
		t.Fatalf("deferrals %+v", l.Deferrals)
	}
	b.check("L")
}

// A what-if of a dearer hardship policy: deferral at 5% instead of 1%,
// rescheduling at 2% instead of 8.8%. The line that deferred a statement
// of 1,000.00 would have paid 50.00, not 10.00; the line that laid
// 1,000.00 of a 12-month plan out again over 12 months would have owed
// 20.00 of fees for it, not 88.00; the line that took neither differs in
// nothing. (The deferral's fee and the rescheduling's plan were replayed
// as recorded, so the what-if saw no difference.)
func TestHardshipWhatIfPricesTheProposalsHardshipFees(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 3)
	for _, id := range []string{"D", "S", "N"} {
		b.open(id)
	}
	b.set("2020-01-20")
	b.buy("D", "tv", "", 100000)
	b.buy("S", "ph", "12-month", 120000)
	b.buy("N", "tv", "", 100000)
	b.advance("D", "2020-02-08")
	if _, err := b.e.DeferDue(b.ctx, credit.Deferral{Key: "d", Line: "D", Days: 30}); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2020-02-05", "2020-03-05"} {
		b.advance("S", day)
		b.pay("S", 10880)
	}
	if _, err := b.e.Reschedule(b.ctx, credit.Rescheduling{Key: "s", Line: "S", Purchase: "ph", Plan: "12-month"}); err != nil {
		t.Fatal(err)
	}
	ids := []string{"D", "N", "S"}
	for _, id := range ids {
		b.advance(id, "2020-03-06")
	}
	same, err := b.e.WhatIf(b.ctx, p, ids, credit.WhatIfOptions{})
	if err != nil || same.Totals.Differ != 0 || same.Totals.Stopped != 0 {
		t.Fatalf("the product as it is: %+v, %v", same.Totals, err)
	}
	dearer := hardshipAdversaryProduct()
	dearer.Hardship.DeferFeeRate = decimal.RequireFromString("0.05")
	dearer.Hardship.Reschedule = slices.Clone(dearer.Hardship.Reschedule) // not the checkout plan's array
	dearer.Hardship.Reschedule[0].FeeRate = decimal.RequireFromString("0.02")
	r, err := b.e.WhatIf(b.ctx, dearer, ids, credit.WhatIfOptions{Unchanged: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int64{"D": {1000, 5000}, "N": {0, 0}, "S": {2*880 + 8800, 2*880 + 2000}}
	for _, l := range r.Lines {
		w := want[l.Line]
		if l.Stopped != nil || l.Current.Fees != lenderCNY(w[0]) || l.Proposed.Fees != lenderCNY(w[1]) || l.Differs != (w[0] != w[1]) {
			t.Errorf("%s: fees %v as it is and %v as proposed (differs %v, stopped %+v), want %v and %v",
				l.Line, l.Current.Fees, l.Proposed.Fees, l.Differs, l.Stopped, lenderCNY(w[0]), lenderCNY(w[1]))
		}
	}
	if len(r.Lines) != 3 {
		t.Fatalf("report %+v", r)
	}
}
