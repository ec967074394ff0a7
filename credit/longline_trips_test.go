package credit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// longCounting counts what an Engine asks of a MemStore.
type longCounting struct {
	*credittest.MemStore
	loads, ranges, appends, conflicts, snapLoads atomic.Int64
}

func (s *longCounting) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	s.loads.Add(1)
	return s.MemStore.Load(ctx, line, after)
}

func (s *longCounting) LoadRange(ctx context.Context, line string, after, through int64) ([]credit.Record, error) {
	s.ranges.Add(1)
	return s.MemStore.LoadRange(ctx, line, after, through)
}

func (s *longCounting) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	s.snapLoads.Add(1)
	return s.MemStore.LoadSnapshot(ctx, line)
}

func (s *longCounting) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	s.appends.Add(1)
	err := s.MemStore.Append(ctx, line, version, records)
	if errors.Is(err, credit.ErrConflict) {
		s.conflicts.Add(1)
	}
	return err
}

func (s *longCounting) reset() {
	s.loads.Store(0)
	s.ranges.Store(0)
	s.appends.Store(0)
	s.conflicts.Store(0)
	s.snapLoads.Store(0)
}

func (s *longCounting) String() string {
	return fmt.Sprintf("loads %d, range loads %d, snapshot loads %d, appends %d (conflicts %d)",
		s.loads.Load(), s.ranges.Load(), s.snapLoads.Load(), s.appends.Load(), s.conflicts.Load())
}

// On a warm Engine alone on its store, a command is one round trip: an
// append, no read; sixteen goroutines on one line take turns and never
// conflict; the refund of an archived purchase reads its one record.
func TestLongLineOneRoundTrip(t *testing.T) {
	ctx := context.Background()
	store := &longCounting{MemStore: credittest.NewMemStore()}
	clock := credittest.NewClock(longZone2016())
	e := longEngine(t, store, clock, 0)
	start := longDate(t, "2016-01-04")
	l := longHistory(t, e, clock, "O", start, 120)
	ln := l.observe()
	store.reset()
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				pid := fmt.Sprintf("o-%d-%d", g, k)
				if _, err := e.Authorize(ctx, credit.Authorize{Key: "a-" + pid, Line: "O", Purchase: pid, Amount: longCNY(1000), Merchant: l.shop}); err != nil {
					t.Error(err)
				}
			}
		}(g)
	}
	wg.Wait()
	if store.conflicts.Load() != 0 || store.loads.Load() != 0 || store.appends.Load() != 80 {
		t.Errorf("80 authorizations on one warm Engine: %v; want 80 appends and nothing else", store)
	}
	var archived string
	for id, p := range l.seen {
		if longArchived(ln, id) && p.State == credit.Posted && p.Rate == nil {
			archived = id
			break
		}
	}
	store.reset()
	if _, err := e.Refund(ctx, credit.PurchaseCommand{Key: "r-arch", Line: "O", Purchase: archived, Amount: longCNY(100)}); err != nil {
		t.Fatal(err)
	}
	if store.loads.Load()+store.ranges.Load() != 1 || store.appends.Load() != 1 {
		t.Errorf("refund of archived %s: %v; want one read of its record and one append", archived, store)
	}
	store.reset()
	first := l.cmds[5]
	if _, err := first.send(e); err != nil {
		t.Fatal(err)
	}
	t.Logf("replay of %s %s: %v", first.op, first.key, store)
}
