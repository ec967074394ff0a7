package credit_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// hookStore lets a test stop a command at chosen points of its talk with
// the store.
type hookStore struct {
	credit.Store
	beforeLoad   func()
	beforeAppend func(recs []credit.Record)
	afterAppend  func(recs []credit.Record, err error)
}

func (s *hookStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	if s.beforeLoad != nil {
		s.beforeLoad()
	}
	return s.Store.Load(ctx, line, after)
}

func (s *hookStore) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	if s.beforeAppend != nil {
		s.beforeAppend(recs)
	}
	err := s.Store.Append(ctx, line, version, recs)
	if s.afterAppend != nil {
		s.afterAppend(recs, err)
	}
	return err
}

func hasKey(recs []credit.Record, key string) bool {
	return bytes.Contains(recs[len(recs)-1].Data, []byte(`"key":"`+key+`"`))
}

// TestKeyNotLostWhenCacheIsDropped: command A commits while command B,
// which loaded the same version, conflicts and drops the line from its
// cache, then reloads. A key used before both must still replay, not
// authorize a second time. (Commands on one line take turns within an
// Engine, so B runs on a second Engine over the same store, as on another
// host.) The store hooks force this interleaving:
//
//	A and B load version v; B waits at its append for A's append;
//	A appends (v+1) and waits; B's append conflicts, B drops the cache
//	entry and, about to reload, lets A finish and waits for it;
//	A caches its line; B reloads, decides again and appends (v+2).
func TestKeyNotLostWhenCacheIsDropped(t *testing.T) {
	hs := &hookStore{Store: credittest.NewMemStore()}
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: hs, Clock: clock, Products: credit.Presets()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	first := credit.Authorize{Key: "k0", Line: "L", Purchase: "p0", Amount: cny(1000), Merchant: tmall}
	want, err := e.Authorize(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	other, err := credit.NewEngine(credit.Config{Store: hs, Clock: clock, Products: credit.Presets()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Line(ctx, "L"); err != nil { // cached there too
		t.Fatal(err)
	}

	bAtAppend, aAppended, releaseA, aDone := make(chan struct{}), make(chan struct{}), make(chan struct{}), make(chan struct{})
	var bConflicted, bReloading sync.Once
	conflicted := make(chan struct{})
	hs.beforeAppend = func(recs []credit.Record) {
		switch {
		case hasKey(recs, "a"):
			<-bAtAppend
		case hasKey(recs, "b"):
			bConflicted.Do(func() { close(bAtAppend); <-aAppended })
		}
	}
	hs.afterAppend = func(recs []credit.Record, err error) {
		switch {
		case hasKey(recs, "a"):
			close(aAppended)
			<-releaseA
		case hasKey(recs, "b") && errors.Is(err, credit.ErrConflict):
			close(conflicted)
		}
	}
	hs.beforeLoad = func() {
		select {
		case <-conflicted: // only B loads after its conflict
			bReloading.Do(func() { close(releaseA); <-aDone })
		default:
		}
	}
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if name == "a" {
				defer close(aDone)
			}
			on := e
			if name == "b" {
				on = other
			}
			if _, err := on.Authorize(ctx, credit.Authorize{Key: name, Line: "L", Purchase: name, Amount: cny(1000), Merchant: tmall}); err != nil {
				t.Error(name, err)
			}
		}()
	}
	wg.Wait()
	hs.beforeLoad, hs.beforeAppend, hs.afterAppend = nil, nil, nil

	before, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	for _, on := range []*credit.Engine{e, other} {
		got, err := on.Authorize(ctx, first)
		if err != nil || !cmp.Equal(got, want, credittest.CmpOptions()) {
			t.Errorf("replaying k0: %+v, %v; want %+v", got, err, want)
		}
	}
	after, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != before.Version || len(after.Holds) != 3 {
		t.Errorf("replaying k0 changed the line: version %d → %d, %d holds (want 3)", before.Version, after.Version, len(after.Holds))
	}
}

// TestSmallCache: with room for two lines, commands on five lines still
// see every line's whole journal, and keys replay after their line was
// forgotten.
func TestSmallCache(t *testing.T) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), CacheLines: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	decisions := map[string]credit.Decision{}
	for round := range 3 {
		for i := range 5 {
			line := fmt.Sprint("L", i)
			if round == 0 {
				if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: line, Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
					t.Fatal(err)
				}
			}
			id := fmt.Sprint(line, "-", round)
			d, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: line, Purchase: id, Amount: cny(100000), Merchant: tmall})
			if err != nil {
				t.Fatal(err)
			}
			decisions[id] = d
		}
	}
	for id, want := range decisions { // replays, in random order
		line := id[:2]
		got, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: line, Purchase: id, Amount: cny(100000), Merchant: tmall})
		if err != nil || !cmp.Equal(got, want, credittest.CmpOptions()) {
			t.Errorf("replay %s: %+v, %v; want %+v", id, got, err, want)
		}
	}
	for i := range 5 {
		line := fmt.Sprint("L", i)
		l, err := e.Line(ctx, line)
		if err != nil {
			t.Fatal(err)
		}
		// 10,000.00 less three holds of 1,000.00.
		if l.Version != 4 || len(l.Holds) != 3 || balances(t, l).Available != cny(700000) {
			t.Errorf("%s: version %d, %d holds, available %v", line, l.Version, len(l.Holds), balances(t, l).Available)
		}
		checkJournal(t, store, e, line)
	}
}

// TestReplayRebuildsResult: a capture's and a payment's results are not
// kept in the journal; sent again later, to the same engine or to another
// that knows the line only from the store, they return the first result,
// rebuilt from the journal as it stood after their facts, and change
// nothing.
func TestReplayRebuildsResult(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	if d, err := h.e.Authorize(h.ctx, credit.Authorize{Key: "a1", Line: "L", Purchase: "p1", Amount: cny(300000), Merchant: tmall}); err != nil || !d.Approved {
		t.Fatal(d, err)
	}
	capture := credit.PurchaseCommand{Key: "c1", Line: "L", Purchase: "p1", Amount: cny(100000)}
	first, err := h.e.Capture(h.ctx, capture)
	if err != nil {
		t.Fatal(err)
	}
	pay := credit.Payment{Key: "pay1", Line: "L", Amount: cny(5000)}
	paid, err := h.e.Pay(h.ctx, pay)
	if err != nil {
		t.Fatal(err)
	}
	// The purchase and the balances move on after them.
	if _, err := h.e.Capture(h.ctx, credit.PurchaseCommand{Key: "c2", Line: "L", Purchase: "p1", Amount: cny(50000)}); err != nil {
		t.Fatal(err)
	}
	h.deliver("d1", "p1")
	version := h.line().Version
	other := newEngine(t, struct{ credit.Store }{h.store}, h.clock) // no snapshots: a whole replay
	for name, e := range map[string]*credit.Engine{"same engine": h.e, "another engine": other} {
		for range 2 { // the second time from the kept result
			got, err := e.Capture(h.ctx, capture)
			if err != nil || !cmp.Equal(got, first, credittest.CmpOptions()) {
				t.Errorf("%s: capture sent again = %+v, %v; want %+v", name, got, err, first)
			}
			b, err := e.Pay(h.ctx, pay)
			if err != nil || b != paid {
				t.Errorf("%s: payment sent again = %+v, %v; want %+v", name, b, err, paid)
			}
		}
	}
	if v := h.line().Version; v != version {
		t.Errorf("replays moved the line from version %d to %d", version, v)
	}
}
