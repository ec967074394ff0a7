package credit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	shopdec "github.com/shopspring/decimal"
)

// A deferral and a rescheduling: every refusal names its code and field
// and changes nothing, the postings of every fact sum to zero and the
// holder's postings to what is owed, a new Engine replays the journal to
// the same line, and a value-dated payment recorded after the deferral
// (a restatement) replays it too.
func TestHardshipCommands(t *testing.T) {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	at := func(s string) time.Time { return d(s).At(12, 0, beijing) }

	plain := credit.Huabei()
	p := credit.Huabei()
	p.Name = "huabei-hardship"
	p.Hardship = credit.Hardship{DeferDays: 30, DefersPerYear: 1, DeferFeeRate: shopdec.RequireFromString("0.01"), Reschedule: p.Installments[3:4]}
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2020-01-20"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: []credit.Product{plain, p}})
	if err != nil {
		t.Fatal(err)
	}
	shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "electronics"}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	refused := func(err error, code, field string) {
		t.Helper()
		var ce *credit.CommandError
		if !errors.As(err, &ce) || ce.Code != code || ce.Field != field {
			t.Fatalf("got %v, want %s on %q", err, code, field)
		}
	}
	for _, id := range []string{"L1", "P1"} {
		prod := p.Name
		if id == "P1" {
			prod = plain.Name
		}
		must(e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: prod, Limit: cny(500000)}))
		for _, pu := range []struct {
			id, plan string
			amount   int64
		}{{id + "-tv", "", 100000}, {id + "-phone", "12-month", 120000}} {
			must(e.Authorize(ctx, credit.Authorize{Key: "a" + pu.id, Line: id, Purchase: pu.id, Amount: cny(pu.amount), Merchant: shop, Plan: pu.plan}))
			must(e.Capture(ctx, credit.PurchaseCommand{Key: "c" + pu.id, Line: id, Purchase: pu.id, Amount: cny(pu.amount)}))
			must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d" + pu.id, Line: id, Purchase: pu.id}))
		}
	}
	// The product without a policy offers nothing.
	clock.Set(at("2020-02-05"))
	_, err = e.DeferDue(ctx, credit.Deferral{Key: "x1", Line: "P1", Days: 10})
	refused(err, credit.CodeNotOffered, "days")
	_, err = e.Reschedule(ctx, credit.Rescheduling{Key: "x2", Line: "P1", Purchase: "P1-phone", Plan: "12-month"})
	refused(err, credit.CodeNotOffered, "plan")

	before, _ := e.Line(ctx, "L1")
	_, err = e.DeferDue(ctx, credit.Deferral{Key: "x3", Line: "L1", Days: 31})
	refused(err, credit.CodeBadDays, "days")
	_, err = e.DeferDue(ctx, credit.Deferral{Key: "x3", Line: "L1", Days: 0})
	refused(err, credit.CodeBadDays, "days")
	_, err = e.Reschedule(ctx, credit.Rescheduling{Key: "x4", Line: "L1", Purchase: "L1-phone", Plan: "3-month"})
	refused(err, credit.CodePlanNotOffered, "plan")
	_, err = e.Reschedule(ctx, credit.Rescheduling{Key: "x4", Line: "L1", Purchase: "nope", Plan: "12-month"})
	refused(err, credit.CodeUnknownPurchase, "purchase")
	_, err = e.Reschedule(ctx, credit.Rescheduling{Key: "x4", Line: "L1", Purchase: "L1-tv", Plan: "12-month"})
	refused(err, credit.CodeNothingToReschedule, "purchase")
	after, _ := e.Line(ctx, "L1")
	if diff := cmp.Diff(before, after, credittest.CmpOptions()); diff != "" {
		t.Fatalf("a refused command changed the line: %s", diff)
	}

	// The statement of 1 February bills the tv (1,000.00) and period 1 of
	// the phone (100.00 + 8.80): deferred 30 days from 10 February, with
	// a fee of 1% of 1,108.80, 11.09.
	l, err := e.DeferDue(ctx, credit.Deferral{Key: "def", Line: "L1", Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if l.Account.Last.Due != d("2020-03-11") || len(l.Deferrals) != 1 {
		t.Fatalf("due %v, deferrals %v", l.Account.Last.Due, l.Deferrals)
	}
	if n := len(l.Account.Lines); l.Account.Lines[n-1].Amount != cny(1109) {
		t.Fatalf("fee line %v", l.Account.Lines[n-1])
	}
	_, err = e.DeferDue(ctx, credit.Deferral{Key: "def2", Line: "L1", Days: 5})
	refused(err, credit.CodeDeferredAlready, "")
	clock.Set(at("2020-02-20"))
	must(e.Reschedule(ctx, credit.Rescheduling{Key: "res", Line: "L1", Purchase: "L1-phone", Plan: "12-month"}))
	_, err = e.Reschedule(ctx, credit.Rescheduling{Key: "res2", Line: "L1", Purchase: "L1-phone", Plan: "12-month"})
	refused(err, credit.CodeRescheduledAlready, "purchase")

	// Paid on 25 February, recorded on 3 March with its value date: the
	// line is worked out again through the deferral and rescheduling.
	clock.Set(at("2020-03-03"))
	must(e.Pay(ctx, credit.Payment{Key: "pay", Line: "L1", Amount: cny(50000), ValueDate: d("2020-02-25")}))
	// The March statement is the next to defer, but one a year is all.
	_, err = e.DeferDue(ctx, credit.Deferral{Key: "def3", Line: "L1", Days: 5})
	refused(err, credit.CodeDeferLimit, "")
	clock.Set(at("2020-04-15"))
	l, err = e.Advance(ctx, "L1", d("2020-04-15"))
	if err != nil {
		t.Fatal(err)
	}

	// Money is conserved, and the journal replays to the same line.
	conserved(t, e, "L1")
	e2, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: []credit.Product{plain, p}})
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
