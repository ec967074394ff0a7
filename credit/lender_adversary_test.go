package credit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// lenderBook drives lines of one product on an in-memory store.
type lenderBook struct {
	t     *testing.T
	ctx   context.Context
	store *credittest.MemStore
	clock *credittest.Clock
	e     *credit.Engine
	p     credit.Product
	n     int
}

var lenderZone = time.FixedZone("CST", 8*3600)

func lenderDay(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func lenderAt(s string) time.Time { return lenderDay(s).At(12, 0, lenderZone) }

func lenderCNY(fen int64) money.Amount { return money.FromMinor(fen, money.CNY) }

func newLenderBook(t *testing.T, p credit.Product, start string, every int64) *lenderBook {
	t.Helper()
	b := &lenderBook{t: t, ctx: context.Background(), store: credittest.NewMemStore(), clock: credittest.NewClock(lenderAt(start)), p: p}
	e, err := credit.NewEngine(credit.Config{Store: b.store, Clock: b.clock, Products: []credit.Product{p}, SnapshotEvery: every})
	if err != nil {
		t.Fatal(err)
	}
	b.e = e
	return b
}

func (b *lenderBook) key() string { b.n++; return fmt.Sprintf("k%d", b.n) }

func (b *lenderBook) set(day string) { b.clock.Set(lenderAt(day)) }

func (b *lenderBook) open(line string) {
	b.t.Helper()
	if _, err := b.e.OpenLine(b.ctx, credit.OpenLine{Key: b.key(), Line: line, Holder: "h", Product: b.p.Name, Limit: lenderCNY(5000000)}); err != nil {
		b.t.Fatal(err)
	}
}

func (b *lenderBook) buy(line, id, plan string, fen int64) {
	b.t.Helper()
	shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "electronics"}
	if d, err := b.e.Authorize(b.ctx, credit.Authorize{Key: b.key(), Line: line, Purchase: id, Amount: lenderCNY(fen), Merchant: shop, Plan: plan}); err != nil || !d.Approved {
		b.t.Fatalf("authorize %s: %+v, %v", id, d, err)
	}
	if _, err := b.e.Capture(b.ctx, credit.PurchaseCommand{Key: b.key(), Line: line, Purchase: id, Amount: lenderCNY(fen)}); err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.e.ConfirmDelivery(b.ctx, credit.PurchaseCommand{Key: b.key(), Line: line, Purchase: id}); err != nil {
		b.t.Fatal(err)
	}
}

func (b *lenderBook) pay(line string, fen int64) {
	b.t.Helper()
	if _, err := b.e.Pay(b.ctx, credit.Payment{Key: b.key(), Line: line, Amount: lenderCNY(fen)}); err != nil {
		b.t.Fatal(err)
	}
}

func (b *lenderBook) advance(line, day string) *credit.Line {
	b.t.Helper()
	b.set(day)
	l, err := b.e.Advance(b.ctx, line, lenderDay(day))
	if err != nil {
		b.t.Fatal(err)
	}
	return l
}

// check reads the line back and holds it to the books: the holder's
// postings come to what the line owes net of its credit, every fact's
// postings sum to zero, and fresh Engines, with and without snapshots,
// rebuild the same line.
func (b *lenderBook) check(line string) *credit.Line {
	b.t.Helper()
	l, err := b.e.Line(b.ctx, line)
	if err != nil {
		b.t.Fatal(err)
	}
	holder, _ := longPostings(b.t, b.e, line)
	net, err := l.Account.Owed() // net of the credit balance
	if err != nil {
		b.t.Fatal(err)
	}
	if holder != net {
		b.t.Errorf("%s: the holder's postings come to %v, the line owes %v net", line, holder, net)
	}
	for _, every := range []int64{0, 1, 3} {
		e2, err := credit.NewEngine(credit.Config{Store: b.store, Clock: b.clock, Products: []credit.Product{b.p}, SnapshotEvery: every})
		if err != nil {
			b.t.Fatal(err)
		}
		again, err := e2.Line(b.ctx, line)
		if err != nil {
			b.t.Fatal(err)
		}
		if d := longDiff(l, again); d != "" {
			b.t.Errorf("%s: a fresh Engine (snapshots every %d) rebuilds another line: %s", line, every, d)
		}
	}
	return l
}

// A holder who revolves, paying every statement's minimum on time for
// seven months, then misses one due date is one day past due the day
// after it: not aged from the due date of the purchase still carried
// from the first statement, and so not charged off on the spot by a
// 180-day rule. Missing the next one too, the line is past due from the
// first missed date without a break; each past-due debt is aged no
// further back than that.
func TestLenderRevolverMissingOneMinimumIsOneDayPastDue(t *testing.T) {
	p := credit.Huabei()
	p.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 180}
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	for _, m := range []string{"02", "03", "04", "05", "06", "07", "08"} {
		l := b.advance("L", "2020-"+m+"-05")
		if !l.Account.Overdue.Statement.IsZero() || !l.Account.Last.MinimumUnpaid.IsPositive() {
			t.Fatalf("%s: overdue %+v, minimum unpaid %v", m, l.Account.Overdue, l.Account.Last.MinimumUnpaid)
		}
		b.pay("L", l.Account.Last.MinimumUnpaid.Units())
	}
	for _, c := range []struct {
		day    string
		dpd    int
		bucket string
	}{{"2020-09-10", 0, "current"}, {"2020-09-11", 1, "1-30"}, {"2020-10-05", 25, "1-30"}, {"2020-10-11", 31, "31-60"}, {"2020-11-20", 71, "61-90"}} {
		l := b.advance("L", c.day)
		dq := l.Delinquency(&p)
		if l.Account.ChargedOff() || dq.DaysPastDue != c.dpd || dq.Bucket.String() != c.bucket {
			t.Fatalf("%s: %d days past due in %v (charged off %v), want %d in %s", c.day, dq.DaysPastDue, dq.Bucket, l.Account.ChargedOff(), c.dpd, c.bucket)
		}
		for _, it := range dq.Items {
			if it.DaysPastDue > dq.DaysPastDue {
				t.Fatalf("%s: item %s period %d is %d days past due, the line %d", c.day, it.Ref, it.Period, it.DaysPastDue, dq.DaysPastDue)
			}
		}
		if since, ok := l.Account.PastDueSince(l.Today); c.dpd > 0 && (!ok || since.DaysUntil(l.Today) != c.dpd) {
			t.Fatalf("%s: PastDueSince %v, %v", c.day, since, ok)
		}
	}
	// The charge-off comes 180 days after the first missed due date.
	if l := b.advance("L", "2021-03-09"); l.Account.ChargedOff() {
		t.Fatalf("charged off on 9 March 2021, %d days after 10 September", lenderDay("2020-09-10").DaysUntil(l.Today))
	}
	l := b.advance("L", "2021-03-10")
	if !l.Account.ChargedOff() || l.Account.ChargeOff.Since != lenderDay("2020-09-10") || l.Account.ChargeOff.On != lenderDay("2021-03-10") {
		t.Fatalf("charge-off %+v", l.Account.ChargeOff)
	}
	b.check("L")
}

// A line that buys once and pays nothing, its journal one advance over
// seven months: under the product as it is it was overdue every day from
// the day after its first due date, and every statement since went late;
// under a proposal that charges off after 60 days it was overdue 60 days,
// reached 61 days past due, and was charged off. The what-if counts both
// (it saw neither the statements gone late within the advance, nor any
// delinquency a charge-off ended, and reported the proposal's line as
// never past due).
func TestLenderWhatIfCountsDelinquencyWithinOneAdvance(t *testing.T) {
	p := credit.Huabei()
	b := newLenderBook(t, p, "2020-01-05", 0)
	b.open("L")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	l := b.advance("L", "2020-09-20")
	if dq := l.Delinquency(&p); dq.DaysPastDue != 223 {
		t.Fatalf("%d days past due", dq.DaysPastDue)
	}
	proposed := credit.Huabei()
	proposed.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 60}
	r, err := b.e.WhatIf(b.ctx, proposed, []string{"L"}, credit.WhatIfOptions{Unchanged: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 1 || r.Lines[0].Stopped != nil {
		t.Fatalf("report %+v", r)
	}
	cur, prop := r.Lines[0].Current, r.Lines[0].Proposed
	if cur.LateStatements != 8 || cur.DaysOverdue != 223 || cur.MaxDaysPastDue != 223 || cur.DaysPastDue != 223 {
		t.Errorf("as it is: %d statements late, %d days overdue, at most %d days past due, %d at the end; want 8, 223, 223, 223",
			cur.LateStatements, cur.DaysOverdue, cur.MaxDaysPastDue, cur.DaysPastDue)
	}
	if prop.LateStatements < 2 || prop.DaysOverdue != 60 || prop.MaxDaysPastDue != 61 {
		t.Errorf("as proposed: %d statements late, %d days overdue, at most %d days past due; want 2 or more, 60, 61",
			prop.LateStatements, prop.DaysOverdue, prop.MaxDaysPastDue)
	}
	if r.Totals.Proposed.MaxDaysPastDue != 61 || r.Totals.Current.DaysOverdue != 223 {
		t.Errorf("totals %+v", r.Totals)
	}
}

// incomeRecovery totals what a line's facts posted to income:recovery
// (a credit, so negative) and to loss:charge_off.
func incomeRecovery(t *testing.T, b *lenderBook, line string) (recovery, loss money.Amount) {
	t.Helper()
	evs, err := b.e.Events(b.ctx, line, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	recovery, loss = lenderCNY(0), lenderCNY(0)
	for _, ev := range evs {
		for _, p := range ev.Fact.Postings {
			switch p.Account {
			case "income:recovery":
				recovery, _ = recovery.Add(p.Amount)
			case "loss:charge_off":
				loss, _ = loss.Add(p.Amount)
			}
		}
	}
	return recovery, loss
}

// A line charged off on 12 March with 1,015.00 owed recovers 500.00 on
// 20 March; the payment bounces and is reversed on 22 March. Nothing was
// recovered: the charge-off's Recovered is back to zero, its Amount is
// the 1,015.00 charged off, and the books' income:recovery and
// loss:charge_off say so (the reversal came back as new debt charged off:
// 1,515.00 charged off, 500.00 recovered, both overstated by 500.00). A
// later payment of all but 5.00 recovers 1,010.00 and the 5.00 is
// written off, to the fen.
func TestLenderReversedRecoveryIsTakenBack(t *testing.T) {
	p := credit.Huabei()
	p.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 30}
	p.Billing.WriteOff = billing.WriteOffRule{UpTo: lenderCNY(1000)}
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	l := b.advance("L", "2020-03-20")
	co := l.Account.ChargeOff
	if co.IsZero() || co.On != lenderDay("2020-03-12") || co.Amount != lenderCNY(101500) {
		t.Fatalf("charge-off %+v", co)
	}
	if _, err := b.e.Pay(b.ctx, credit.Payment{Key: "recovery", Line: "L", Amount: lenderCNY(50000)}); err != nil {
		t.Fatal(err)
	}
	b.set("2020-03-22")
	if _, err := b.e.ReversePayment(b.ctx, credit.Reversal{Key: "bounced", Line: "L", Payment: "recovery"}); err != nil {
		t.Fatal(err)
	}
	l = b.check("L")
	co = l.Account.ChargeOff
	if co.Amount != lenderCNY(101500) || !co.Recovered.IsZero() || co.Balance != lenderCNY(101500) || !co.WrittenOff.IsZero() {
		t.Fatalf("after the reversal: %+v, want 1015.00 charged off, none recovered", co)
	}
	if rec, loss := incomeRecovery(t, b, "L"); !rec.IsZero() || loss != lenderCNY(101500) {
		t.Fatalf("the books: income:recovery %v, loss:charge_off %v", rec, loss)
	}
	b.set("2020-03-23")
	b.pay("L", 101000)
	l = b.check("L")
	co = l.Account.ChargeOff
	if co.Recovered != lenderCNY(101000) || co.WrittenOff != lenderCNY(500) || !co.Balance.IsZero() || co.Amount != lenderCNY(101500) {
		t.Fatalf("after the recovery: %+v", co)
	}
	if rec, _ := incomeRecovery(t, b, "L"); rec != lenderCNY(-101000) {
		t.Fatalf("income:recovery %v, want -1010.00", rec)
	}
}
