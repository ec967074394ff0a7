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

// TestConcurrentAuthorizations runs credittest's concurrency test (64
// goroutines on one line, one Engine) on the in-memory store, slowed so
// that a command's read and append are far apart: the commands take turns
// within the Engine, so none conflicts. Then the same on four Engines
// sharing the store, as four hosts would: they meet at the store, which
// refuses all but one append at a version, and the others retry; no Engine
// lends beyond the limit. Then advancing twice to one day changes nothing
// the second time.
func TestConcurrentAuthorizations(t *testing.T) {
	mem := credittest.NewMemStore()
	store := &slowStore{Store: mem}
	approved := credittest.RunConcurrentAuthorizations(t, store)
	if n := store.conflicts.Load(); n != 0 {
		t.Errorf("%d conflicts within one Engine: its commands on a line should take turns", n)
	}
	t.Logf("one Engine: approved %d of 11014000 asked; %d conflicts", approved, store.conflicts.Load())

	shared := &slowStore{Store: credittest.NewMemStore()}
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	var engines []*credit.Engine
	for range 4 {
		e, err := credit.NewEngine(credit.Config{Store: shared, Clock: clock, Products: credit.Presets(), Retries: 10_000})
		if err != nil {
			t.Fatal(err)
		}
		engines = append(engines, e)
	}
	ctx := context.Background()
	if _, err := engines[0].OpenLine(ctx, credit.OpenLine{Key: "open", Line: "H", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var lent atomic.Int64
	for g := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprint("g", g)
			d, err := engines[g%4].Authorize(ctx, credit.Authorize{Key: id, Line: "H", Purchase: id, Amount: cny(50000), Merchant: tmall})
			if err != nil {
				t.Error(err)
				return
			}
			if d.Approved {
				lent.Add(50000)
			}
		}()
	}
	wg.Wait()
	if lent.Load() > 1000000 || shared.conflicts.Load() == 0 {
		t.Errorf("four Engines: lent %d of a 1,000,000 limit, %d conflicts; want at most the limit, and conflicts retried", lent.Load(), shared.conflicts.Load())
	}
	t.Logf("four Engines: lent %d of 1,600,000 asked on a 1,000,000 line; %d conflicts retried", lent.Load(), shared.conflicts.Load())
	e := newEngine(t, mem, credittest.NewClock(at("2015-03-01 10:00")))
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
