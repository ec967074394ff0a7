package credit_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// slowStore widens the window between a command's read and its append, so
// that concurrent commands on a line really do conflict, and counts the
// conflicts.
type slowStore struct {
	credit.Store
	conflicts atomic.Int64
}

func (s *slowStore) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	time.Sleep(20 * time.Microsecond)
	err := s.Store.Append(ctx, line, version, recs)
	if errors.Is(err, credit.ErrConflict) {
		s.conflicts.Add(1)
	}
	return err
}

// TestConcurrentAuthorizations runs credittest's concurrency test on the
// in-memory store, slowed so that conflicts really happen, and checks that
// they were retried; then that advancing twice to one day changes nothing
// the second time.
func TestConcurrentAuthorizations(t *testing.T) {
	mem := credittest.NewMemStore()
	store := &slowStore{Store: mem}
	approved := credittest.RunConcurrentAuthorizations(t, store)
	if store.conflicts.Load() == 0 {
		t.Error("no conflicts: the test did not exercise retries")
	}
	t.Logf("approved %d of 11014000 asked; %d conflicts retried", approved, store.conflicts.Load())
	e := newEngine(t, mem, credittest.NewClock(at("2015-03-01 10:00")))
	ctx := context.Background()
	a1, err := e.Advance(ctx, "L", day(t, "2015-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	a2, err := e.Advance(ctx, "L", day(t, "2015-03-01"))
	if err != nil || a2.Version != a1.Version {
		t.Errorf("second advance: version %d → %d, %v", a1.Version, a2.Version, err)
	}
	checkJournal(t, mem, e, "L")
}

// TestConcurrentLines: 16 lines, each with 8 goroutines authorizing,
// capturing, delivering and paying at once. Every line's journal replays
// to its live state, its postings balance, and no line lent beyond its
// limit.
func TestConcurrentLines(t *testing.T) {
	mem := credittest.NewMemStore()
	store := &slowStore{Store: mem}
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), Retries: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const lines, workers, each = 16, 8, 40
	for i := range lines {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: fmt.Sprint("L", i), Holder: "h", Product: "huabei", Limit: cny(2000000)}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range lines {
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(i), uint64(w)))
				line := fmt.Sprint("L", i)
				for n := range each {
					id := fmt.Sprintf("w%d-%d", w, n)
					d, err := e.Authorize(ctx, credit.Authorize{Key: "a" + id, Line: line, Purchase: id, Amount: cny(10000 + int64(r.IntN(200000))), Merchant: tmall})
					if err != nil {
						t.Error(err)
						return
					}
					if d.Approved && d.AvailableAfter.IsNegative() {
						t.Errorf("%s/%s approved with %v available after", line, id, d.AvailableAfter)
					}
					if !d.Approved || r.IntN(3) == 0 {
						continue
					}
					pu, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c" + id, Line: line, Purchase: id, Amount: cny(d.AvailableBefore.Units() - d.AvailableAfter.Units())})
					if err == nil {
						_, err = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d" + id, Line: line, Purchase: id})
					}
					if err == nil && r.IntN(2) == 0 {
						_, err = e.Pay(ctx, credit.Payment{Key: "p" + id, Line: line, Amount: pu.Captured})
					}
					if err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	for i := range lines {
		id := fmt.Sprint("L", i)
		l, err := e.Line(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if b := balances(t, l); b.Available.IsNegative() || b.Used.Units() > b.Limit.Units() {
			t.Errorf("%s: used %v of %v", id, b.Used, b.Limit)
		}
		checkJournal(t, mem, e, id)
	}
	t.Logf("%d lines × %d goroutines × %d purchases; %d conflicts retried", lines, workers, each, store.conflicts.Load())
}
