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

var beijing = time.FixedZone("CST", 8*3600)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, beijing)
	if err != nil {
		panic(err)
	}
	return t
}

func day(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func cny(u int64) money.Amount { return money.FromMinor(u, money.CNY) }

var tmall = credit.Merchant{ID: "tmall-shop-1", Enrolled: true, Category: "apparel"}

func newEngine(t *testing.T, store credit.Store, clock *credittest.Clock) *credit.Engine {
	t.Helper()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// launch runs the Huabei launch story up to the first statement and
// returns the engine, clock and store.
func launch(t *testing.T) (*credit.Engine, *credittest.Clock, *credittest.MemStore) {
	t.Helper()
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2014-12-10 09:00"))
	e := newEngine(t, store, clock)
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "shopper", Product: "huabei-2014", Limit: cny(3000000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2014-12-18 10:00"))
	d, err := e.Authorize(ctx, credit.Authorize{Key: "a800", Line: "L1", Purchase: "p800", Amount: cny(80000), Merchant: tmall})
	if err != nil {
		t.Fatal(err)
	}
	if d.Approved || len(d.Reasons) != 1 || d.Reasons[0].Code != credit.CodeBelowMinimumPurchase || d.Reasons[0].Limit != cny(100000) {
		t.Fatalf("RMB 800: %+v", d)
	}
	d, err = e.Authorize(ctx, credit.Authorize{Key: "a2000", Line: "L1", Purchase: "p1", Amount: cny(200000), Merchant: tmall})
	if err != nil || !d.Approved || d.AvailableAfter != cny(2800000) {
		t.Fatalf("RMB 2,000: %+v, %v", d, err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(200000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2014-12-20 15:30"))
	if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2015-01-01 00:00"))
	l, err := e.Advance(ctx, "L1", day(t, "2015-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Statements) != 1 {
		t.Fatalf("%d statements by 2015-01-01", len(l.Statements))
	}
	st := l.Statements[0]
	if st.Date != day(t, "2015-01-01") || st.Due != day(t, "2015-01-10") || st.Balance != cny(200000) || st.Minimum != cny(20000) {
		t.Fatalf("first statement:\n%s", st)
	}
	return e, clock, store
}

// TestHuabeiLaunchScenario: RMB 2,000 authorized on 2014-12-18 and
// delivered on the 20th is billed on 2015-01-01 and due on 2015-01-10,
// with three endings.
func TestHuabeiLaunchScenario(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		pay      int64
		interest int64
		penalty  int64
	}{
		{"paid in full", 200000, 0, 0},
		// 1,800 unpaid × 0.05% × 22 days (11 January through 1 February).
		{"minimum only", 20000, 1980, 0},
		// 2,000 overdue × 0.05% × 22 days; the penalty replaces interest.
		{"nothing paid", 0, 0, 2200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, clock, store := launch(t)
			clock.Set(at("2015-01-10 20:00"))
			if tt.pay > 0 {
				if _, err := e.Pay(ctx, credit.Payment{Key: "pay", Line: "L1", Amount: cny(tt.pay)}); err != nil {
					t.Fatal(err)
				}
			}
			clock.Set(at("2015-02-01 00:00"))
			l, err := e.Advance(ctx, "L1", day(t, "2015-02-01"))
			if err != nil {
				t.Fatal(err)
			}
			st := l.Statements[len(l.Statements)-1]
			var interest, penalty int64
			for _, ln := range st.Lines {
				switch ln.Kind {
				case billing.InterestLine:
					interest += ln.Amount.Units()
				case billing.PenaltyLine:
					penalty += ln.Amount.Units()
				}
			}
			if interest != tt.interest || penalty != tt.penalty {
				t.Errorf("February statement: interest %d, penalty %d; want %d, %d\n%s", interest, penalty, tt.interest, tt.penalty, st)
			}
			checkJournal(t, store, e, "L1")
		})
	}
}

// checkJournal replays the line's journal in a fresh engine and compares
// the result with the live state; every fact's postings sum to zero, and
// the holder's postings add up to what the holder owes.
func checkJournal(t *testing.T, store *credittest.MemStore, live *credit.Engine, id string) {
	t.Helper()
	ctx := context.Background()
	want, err := live.Line(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	fresh := newEngine(t, store, credittest.NewClock(time.Time{}))
	got, err := fresh.Line(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, credittest.CmpOptions()); diff != "" {
		t.Errorf("replaying the journal differs from the live line:\n%s", diff)
	}
	recs, err := store.Load(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var holder int64
	for _, r := range recs {
		var f credit.Fact
		if err := json.Unmarshal(r.Data, &f); err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, p := range f.Postings {
			sum += p.Amount.Units()
			if p.Account == "holder" {
				holder += p.Amount.Units()
			}
		}
		if sum != 0 {
			t.Errorf("version %d (%s): postings sum to %d", r.Version, f.Kind, sum)
		}
	}
	if owed := owed(t, got).Units(); holder != owed {
		t.Errorf("holder postings total %d, the line owes %d", holder, owed)
	}
}

// TestIdempotency: a replayed key returns the first result; a key reused
// for another command is an error; neither changes the line.
func TestIdempotency(t *testing.T) {
	ctx := context.Background()
	e, _, _ := launch(t)
	before, _ := e.Line(ctx, "L1")
	d, err := e.Authorize(ctx, credit.Authorize{Key: "a800", Line: "L1", Purchase: "p800", Amount: cny(80000), Merchant: tmall})
	if err != nil || d.Approved || d.Reasons[0].Code != credit.CodeBelowMinimumPurchase {
		t.Errorf("replayed decline: %+v, %v", d, err)
	}
	_, err = e.Authorize(ctx, credit.Authorize{Key: "a800", Line: "L1", Purchase: "p801", Amount: cny(150000), Merchant: tmall})
	var ie *credit.IdempotencyError
	if !errors.Is(err, credit.ErrIdempotencyMismatch) || !errors.As(err, &ie) || ie.Key != "a800" {
		t.Errorf("key reused for another command: %v", err)
	}
	after, _ := e.Line(ctx, "L1")
	if after.Version != before.Version {
		t.Errorf("replays changed the line: version %d → %d", before.Version, after.Version)
	}
}

// balances is l.Balances(), failing the test on overflow.
func balances(t testing.TB, l *credit.Line) credit.Balances {
	t.Helper()
	b, err := l.Balances()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// owed is what the line owes, failing the test on overflow.
func owed(t testing.TB, l *credit.Line) money.Amount {
	t.Helper()
	o, err := l.Account.Owed()
	if err != nil {
		t.Fatal(err)
	}
	return o
}
