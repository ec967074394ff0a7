package credit_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// reageProduct is Huabei with a re-aging policy: once a year, twice in
// five years, for a line open two months whose holder has paid two
// regular minimum payments since it fell past due.
func reageProduct() credit.Product {
	p := credit.Huabei()
	p.Name = "huabei-reage"
	p.Hardship = credit.Hardship{ReagesPerYear: 1, ReagesPerFiveYears: 2, ReageMinMonths: 2, ReageAfterPayments: 2}
	return p
}

// A re-age, in numbers. L1 opens on 5 January 2020 and buys RMB 1,000 on
// 20 January: the statement of 1 February asks 100.00 by 10 February,
// and nothing is paid. From 11 February the line is past due, at 0.05% a
// day of 1,000.00 (0.50): the statement of 1 March bills 20 days of it,
// 10.00, and asks the overdue 1,000.00 and the 10.00. Its regular
// minimum, were nothing past due, is 10% of 1,000.00 and the 10.00:
// 110.00, so two of them are 220.00. 150.00 paid on 6 March is not
// enough; with 100.00 more on 8 March (250.00) the line is re-aged that
// day, 27 days and 750.00 past due: the 750.00 is due with the March
// statement on 10 March, whose minimum becomes the regular 110.00, paid
// already. Every refusal names its code and changes nothing; the
// delinquency fact records the move to current; the postings balance; a
// new Engine replays the journal to the same line; and a payment
// recorded later with a value date before the re-age restates the line
// through it.
func TestReageCommand(t *testing.T) {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	at := func(s string) time.Time { return d(s).At(12, 0, beijing) }

	plain, p := credit.Huabei(), reageProduct()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2020-01-05"))
	cfg := credit.Config{Store: store, Clock: clock, Products: []credit.Product{plain, p}, SnapshotEvery: 3}
	e, err := credit.NewEngine(cfg)
	if err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"L1", "P1"} {
		prod := p.Name
		if id == "P1" {
			prod = plain.Name
		}
		must(e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: prod, Limit: cny(500000)}))
	}
	clock.Set(at("2020-01-20"))
	shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "electronics"}
	for _, id := range []string{"L1", "P1"} {
		must(e.Authorize(ctx, credit.Authorize{Key: "a", Line: id, Purchase: id + "-tv", Amount: cny(100000), Merchant: shop}))
		must(e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: id, Purchase: id + "-tv", Amount: cny(100000)}))
		must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: id, Purchase: id + "-tv"}))
	}
	refusals := 0
	refused := func(when, line, code string) {
		t.Helper()
		clock.Set(at(when))
		before, err := e.Advance(ctx, line, d(when))
		if err != nil {
			t.Fatal(err)
		}
		refusals++
		_, err = e.Reage(ctx, credit.Reaging{Key: "x" + string(rune('a'+refusals)), Line: line})
		var ce *credit.CommandError
		if !errors.As(err, &ce) || ce.Code != code || ce.Op != "reage" {
			t.Fatalf("%s on %s: got %v, want %s", line, when, err, code)
		}
		after, _ := e.Line(ctx, line)
		if diff := cmp.Diff(before, after, credittest.CmpOptions()); diff != "" {
			t.Fatalf("a refused re-age changed the line: %s", diff)
		}
	}
	refused("2020-02-05", "P1", credit.CodeNotOffered)
	refused("2020-02-05", "L1", credit.CodeNothingToReage) // not yet due
	refused("2020-02-20", "L1", credit.CodeReageTooSoon)   // past due, open 1 month and a half
	refused("2020-03-06", "L1", credit.CodeReageNotEarned) // nothing paid
	must(e.Pay(ctx, credit.Payment{Key: "pay1", Line: "L1", Amount: cny(15000)}))
	refused("2020-03-06", "L1", credit.CodeReageNotEarned) // 150.00 of 220.00

	clock.Set(at("2020-03-08"))
	must(e.Pay(ctx, credit.Payment{Key: "pay2", Line: "L1", Amount: cny(10000)}))
	was, _ := e.Line(ctx, "L1")
	if dq := was.Delinquency(&p); dq.DaysPastDue != 27 || dq.PastDue != cny(75000) || dq.Bucket.String() != "1-30" {
		t.Fatalf("before the re-age: %+v", dq)
	}
	if was.Account.Last.Minimum != cny(101000) {
		t.Fatalf("the March statement asks %v, want 1,010.00", was.Account.Last.Minimum)
	}
	l, err := e.Reage(ctx, credit.Reaging{Key: "reage", Line: "L1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []credit.Reaged{{On: d("2020-03-08"), DaysPastDue: 27, PastDue: cny(75000), Due: d("2020-03-10")}}
	if diff := cmp.Diff(want, l.Reagings, credittest.CmpOptions()); diff != "" {
		t.Fatalf("reagings: %s", diff)
	}
	if dq := l.Delinquency(&p); dq.Bucket.String() != "current" || dq.DaysPastDue != 0 {
		t.Fatalf("after the re-age: %+v", dq)
	}
	if a := l.Account.Last; a.Minimum != cny(11000) || !a.MinimumUnpaid.IsZero() {
		t.Fatalf("the March statement now asks %v, %v unpaid; want 110.00, paid", a.Minimum, a.MinimumUnpaid)
	}
	wasOwed, _ := was.Account.Owed()
	if owed, _ := l.Account.Owed(); owed != wasOwed {
		t.Fatalf("owed %v after the re-age, %v before", owed, wasOwed)
	}
	events, err := e.Events(ctx, "L1", was.Version, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Fact.Kind != "reaged" || len(events[0].Fact.Postings) != 0 || events[1].Fact.Kind != credit.KindDelinquency {
		t.Fatalf("the re-age's facts: %+v", events)
	}
	var ch credit.DelinquencyChange
	if err := json.Unmarshal(events[1].Fact.Data, &ch); err != nil || ch.From.String() != "1-30" || ch.To.String() != "current" {
		t.Fatalf("delinquency change %+v (%v)", ch, err)
	}

	// Paid nothing more, the line is not late on 11 March.
	clock.Set(at("2020-03-11"))
	if l, err = e.Advance(ctx, "L1", d("2020-03-11")); err != nil || !l.Account.Overdue.Statement.IsZero() {
		t.Fatalf("overdue on 11 March: %+v (%v)", l.Account.Overdue, err)
	}
	// 10.00 recorded on 12 March, paid on 7 March: the line is worked out
	// again, through the re-age.
	clock.Set(at("2020-03-12"))
	must(e.Pay(ctx, credit.Payment{Key: "pay3", Line: "L1", Amount: cny(1000), ValueDate: d("2020-03-07")}))
	if l, err = e.Line(ctx, "L1"); err != nil || len(l.Reagings) != 1 || !l.Account.Overdue.Statement.IsZero() {
		t.Fatalf("after the value-dated payment: %+v (%v)", l.Reagings, err)
	}
	var restated bool
	evs, _ := e.Events(ctx, "L1", 0, 0)
	for _, ev := range evs {
		restated = restated || ev.Fact.Kind == "paid" && len(ev.Fact.Data) > 0 && json.Valid(ev.Fact.Data) && containsRestated(ev.Fact.Data)
	}
	if !restated {
		t.Fatal("the value-dated payment posted on its own day: the re-age did not replay")
	}

	// Not paid in April, the line is past due again: one re-age a year.
	refused("2020-04-20", "L1", credit.CodeReageLimit)
	st, err := e.Statements(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	april := st[len(st)-1]
	var reageLines int
	for _, ln := range april.Lines {
		if ln.Kind == billing.ReageLine {
			reageLines++
			if ln.Ref != "due:2020-02-10..2020-03-10" || !ln.Amount.IsZero() {
				t.Fatalf("re-age line %+v", ln)
			}
		}
	}
	if reageLines != 1 || april.Reconcile() != nil {
		t.Fatalf("April statement: %d re-age lines, %v", reageLines, april.Reconcile())
	}

	// Money is conserved, and the journal replays to the same line.
	l, _ = e.Line(ctx, "L1")
	conserved(t, e, "L1")
	for _, snapshots := range []int64{0, 3} {
		cfg.SnapshotEvery = snapshots
		e2, err := credit.NewEngine(cfg)
		if err != nil {
			t.Fatal(err)
		}
		l2, err := e2.Line(ctx, "L1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(l, l2, credittest.CmpOptions()); diff != "" {
			t.Fatalf("replay differs: %s", diff)
		}
	}
}

// containsRestated reports whether a fact's data carries a restatement.
func containsRestated(data json.RawMessage) bool {
	var v struct {
		Restated json.RawMessage `json:"restated"`
	}
	return json.Unmarshal(data, &v) == nil && len(v.Restated) > 0
}

// The policy's fields are checked, each error naming its field.
func TestReagePolicyValidation(t *testing.T) {
	for _, c := range []struct {
		h     credit.Hardship
		field string
	}{
		{credit.Hardship{ReagesPerYear: -1}, "hardship.reages_per_year"},
		{credit.Hardship{ReagesPerYear: 13}, "hardship.reages_per_year"},
		{credit.Hardship{ReageMinMonths: 9}, "hardship.reages_per_year"},
		{credit.Hardship{ReageAfterPayments: 3}, "hardship.reages_per_year"},
		{credit.Hardship{ReagesPerFiveYears: 2}, "hardship.reages_per_year"},
		{credit.Hardship{ReagesPerYear: 2, ReagesPerFiveYears: 1}, "hardship.reages_per_five_years"},
		{credit.Hardship{ReagesPerYear: 1, ReagesPerFiveYears: 61}, "hardship.reages_per_five_years"},
		{credit.Hardship{ReagesPerYear: 1, ReageMinMonths: -1}, "hardship.reage_min_months"},
		{credit.Hardship{ReagesPerYear: 1, ReageMinMonths: 121}, "hardship.reage_min_months"},
		{credit.Hardship{ReagesPerYear: 1, ReageAfterPayments: -1}, "hardship.reage_after_payments"},
		{credit.Hardship{ReagesPerYear: 1, ReageAfterPayments: 13}, "hardship.reage_after_payments"},
		{credit.FFIECReaging(), ""},
		{credit.Hardship{ReagesPerYear: 12}, ""},
	} {
		p := credit.Huabei()
		p.Hardship = c.h
		err := p.Validate()
		var pe *credit.ProductError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%+v: %v", c.h, err)
		case c.field != "" && (!errors.As(err, &pe) || pe.Field != c.field):
			t.Errorf("%+v: %v, want an error on %s", c.h, err, c.field)
		}
	}
	if h := credit.FFIECReaging(); h.ReageMinMonths != 9 || h.ReageAfterPayments != 3 || h.ReagesPerYear != 1 || h.ReagesPerFiveYears != 2 {
		t.Errorf("FFIEC reaging %+v", h)
	}
}

// Pay in 4 judges each payment by its own due date, so a line can be past
// due before its first statement: a re-age then has no statement's due
// date to give and is refused (nothing_to_reage). $100.00 on 3 January
// 2020, periods of $25.00 due 17 January, 31 January and 14 February,
// none paid: on 5 February the statement of 1 February (due 11 February,
// its late fee's due date) is there, and periods 1 and 2 become due on
// 11 February; period 3 keeps its own date.
func TestReagePastDueBeforeAStatement(t *testing.T) {
	ctx := context.Background()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	at := func(s string) time.Time { return d(s).At(12, 0, ny) }
	usd := func(u int64) money.Amount { return money.FromMinor(u, money.USD) }
	p := credit.PayIn4()
	p.Name = "pay-in-4-reage"
	p.Hardship = credit.Hardship{ReagesPerYear: 1}
	clock := credittest.NewClock(at("2020-01-02"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: p.Name, Limit: usd(50000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2020-01-03"))
	m := credit.Merchant{ID: "us-store", Enrolled: true, Category: "apparel", FeeRate: "0.03"}
	if dec, err := e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "o", Amount: usd(10000), Merchant: m, Plan: "pay-in-4"}); err != nil || !dec.Approved {
		t.Fatal(dec, err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: "L", Purchase: "o", Amount: usd(10000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2020-01-25"))
	l, err := e.Advance(ctx, "L", d("2020-01-25"))
	if err != nil || l.Account.Overdue.Statement.IsZero() || !l.Account.Last.Date.IsZero() {
		t.Fatalf("25 January: overdue %+v, last statement %v (%v)", l.Account.Overdue, l.Account.Last.Date, err)
	}
	var ce *credit.CommandError
	if _, err := e.Reage(ctx, credit.Reaging{Key: "r1", Line: "L"}); !errors.As(err, &ce) || ce.Code != credit.CodeNothingToReage {
		t.Fatalf("before the first statement: %v", err)
	}
	clock.Set(at("2020-02-05"))
	if l, err = e.Reage(ctx, credit.Reaging{Key: "r2", Line: "L"}); err != nil {
		t.Fatal(err)
	}
	want := map[int]string{1: "2020-02-11", 2: "2020-02-11", 3: "2020-02-14"}
	for _, db := range l.Account.Debts {
		if w, ok := want[db.Period]; ok && db.Ref == "o" && db.Due != d(w) {
			t.Errorf("period %d due %v, want %s", db.Period, db.Due, w)
		}
	}
	if !l.Account.Overdue.Statement.IsZero() || len(l.Reagings) != 1 || l.Reagings[0].DaysPastDue != 19 || l.Reagings[0].PastDue != usd(5000) {
		t.Fatalf("re-aged: overdue %+v, %+v", l.Account.Overdue, l.Reagings)
	}
}
