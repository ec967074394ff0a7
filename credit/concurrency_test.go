package credit_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// TestConcurrentAuthorizations: 32 goroutines ask for 1,000 each on a line
// of 10,000: exactly ten are approved, conflicts are retried, and no
// update is lost.
func TestConcurrentAuthorizations(t *testing.T) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), Retries: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	var approved atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			id := fmt.Sprint("p", g)
			d, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: "L", Purchase: id, Amount: cny(100000), Merchant: tmall, Plan: -1})
			if err != nil {
				t.Error(err)
				return
			}
			if d.Approved {
				approved.Add(1)
			}
		}(g)
	}
	wg.Wait()
	l, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	if approved.Load() != 10 || len(l.Holds) != 10 || l.Balances().Available != cny(0) {
		t.Errorf("approved %d, holds %d, available %v", approved.Load(), len(l.Holds), l.Balances().Available)
	}
	if l.Version != 1+32 { // the opening and one fact per request, declines included
		t.Errorf("version %d, want 33", l.Version)
	}
	// Advancing twice to the same day changes nothing the second time.
	a1, err := e.Advance(ctx, "L", day(t, "2015-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	a2, err := e.Advance(ctx, "L", day(t, "2015-03-01"))
	if err != nil || a2.Version != a1.Version {
		t.Errorf("second advance: version %d → %d, %v", a1.Version, a2.Version, err)
	}
	checkJournal(t, store, e, "L")
}
