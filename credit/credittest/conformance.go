package credittest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/justspend/justspend/credit"
)

// RunStoreTests is the conformance suite every credit.Store must pass, the
// library's own and a host's: versions, compare-and-swap, isolation
// between lines, byte-exact storage, snapshots if offered, and concurrent
// appends of which exactly one wins each version. Each check is a subtest.
// newStore returns an empty store each call. A host runs it from a test
// of its own:
//
//	func TestStore(t *testing.T) {
//		credittest.RunStoreTests(t, func() credit.Store { return newEmptyStore(t) })
//	}
//
// CheckStore runs the same checks outside go test.
func RunStoreTests(t *testing.T, newStore func() credit.Store) {
	t.Helper()
	for _, c := range storeChecks() {
		t.Run(c.name, func(t *testing.T) {
			f := c.run(newStore)
			for _, err := range f.errs {
				t.Error(err)
			}
			if f.skip != "" {
				t.Skip(f.skip)
			}
		})
	}
}

// CheckStore runs the checks of RunStoreTests one after the other and
// returns what they found, each error prefixed with its check's name, or
// nil if the store passes them all. It is for where a *testing.T is not at
// hand: a command that vets a store before a host goes live on it, or an
// Example.
func CheckStore(newStore func() credit.Store) error {
	var errs []error
	for _, c := range storeChecks() {
		for _, err := range c.run(newStore).errs {
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
		}
	}
	return errors.Join(errs...)
}

// storeCheck is one check of the conformance suite.
type storeCheck struct {
	name  string
	check func(ctx context.Context, newStore func() credit.Store, f *findings)
}

// run runs the check and returns what it found.
func (c storeCheck) run(newStore func() credit.Store) *findings {
	f := &findings{}
	c.check(context.Background(), newStore, f)
	return f
}

// findings is what a check found, safe for concurrent use: its errors, or
// why it did not apply.
type findings struct {
	mu   sync.Mutex
	errs []error
	skip string
}

func (f *findings) errorf(format string, args ...any) {
	f.mu.Lock()
	f.errs = append(f.errs, fmt.Errorf(format, args...))
	f.mu.Unlock()
}

// rec is a record of version v holding s.
func rec(v int64, s string) credit.Record { return credit.Record{Version: v, Data: []byte(s)} }

// show writes records as version:data pairs, for error messages.
func show(recs []credit.Record) string {
	parts := make([]string, len(recs))
	for i, r := range recs {
		parts[i] = fmt.Sprintf("%d:%q", r.Version, r.Data)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// storeChecks returns the conformance suite's checks, in order.
func storeChecks() []storeCheck {
	return []storeCheck{
		{"missing line", checkMissingLine},
		{"append and load", checkAppendAndLoad},
		{"compare and swap", checkCompareAndSwap},
		{"lines are separate", checkLinesSeparate},
		{"bytes are kept exactly", checkBytesKept},
		{"snapshots", checkSnapshots},
		{"range loads", checkRangeLoads},
		{"concurrent appends", checkConcurrentAppends},
	}
}

// checkRangeLoads checks LoadRange, for a store that implements
// credit.RangeLoader: the records in the range and no others.
func checkRangeLoads(ctx context.Context, newStore func() credit.Store, f *findings) {
	s := newStore()
	rl, ok := s.(credit.RangeLoader)
	if !ok {
		return
	}
	if _, err := rl.LoadRange(ctx, "nope", 0, 1); !errors.Is(err, credit.ErrNotFound) {
		f.errorf("LoadRange of a missing line: %v, want credit.ErrNotFound", err)
	}
	if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, "one"), rec(2, "two"), rec(3, "three")}); err != nil {
		f.errorf("Append of versions 1 to 3 to a new line: %v", err)
		return
	}
	for _, c := range []struct {
		after, through int64
		want           string
	}{{0, 3, `[1:"one" 2:"two" 3:"three"]`}, {1, 2, `[2:"two"]`}, {0, 1, `[1:"one"]`}, {2, 9, `[3:"three"]`}, {3, 9, `[]`}} {
		got, err := rl.LoadRange(ctx, "a", c.after, c.through)
		if err != nil || show(got) != c.want {
			f.errorf("LoadRange after %d through %d = %s, %v; want %s", c.after, c.through, show(got), err, c.want)
		}
	}
}

func checkMissingLine(ctx context.Context, newStore func() credit.Store, f *findings) {
	if _, err := newStore().Load(ctx, "nope", 0); !errors.Is(err, credit.ErrNotFound) {
		f.errorf("Load of a missing line: %v, want credit.ErrNotFound", err)
	}
}

func checkAppendAndLoad(ctx context.Context, newStore func() credit.Store, f *findings) {
	s := newStore()
	if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, `{"x":1}`), rec(2, "two")}); err != nil {
		f.errorf("Append of versions 1 and 2 to a new line: %v", err)
		return
	}
	if err := s.Append(ctx, "a", 2, []credit.Record{rec(3, "three")}); err != nil {
		f.errorf("Append of version 3 at version 2: %v", err)
		return
	}
	for _, c := range []struct {
		after int64
		want  string
	}{{0, `[1:"{\"x\":1}" 2:"two" 3:"three"]`}, {2, `[3:"three"]`}, {3, `[]`}} {
		got, err := s.Load(ctx, "a", c.after)
		if err != nil || show(got) != c.want {
			f.errorf("Load after %d = %s, %v; want %s", c.after, show(got), err, c.want)
		}
	}
}

func checkCompareAndSwap(ctx context.Context, newStore func() credit.Store, f *findings) {
	s := newStore()
	if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, "one")}); err != nil {
		f.errorf("Append to a new line: %v", err)
		return
	}
	for _, v := range []int64{0, 2, 5} {
		if err := s.Append(ctx, "a", v, []credit.Record{rec(v+1, "late")}); !errors.Is(err, credit.ErrConflict) {
			f.errorf("Append at stale version %d: %v, want credit.ErrConflict", v, err)
		}
	}
	if got, err := s.Load(ctx, "a", 0); err != nil || len(got) != 1 {
		f.errorf("after rejected appends, Load = %s, %v; want the one record appended", show(got), err)
	}
}

func checkLinesSeparate(ctx context.Context, newStore func() credit.Store, f *findings) {
	s := newStore()
	for _, line := range []string{"a", "b"} {
		if err := s.Append(ctx, line, 0, []credit.Record{rec(1, line+"1")}); err != nil {
			f.errorf("Append to new line %s: %v", line, err)
			return
		}
	}
	a, errA := s.Load(ctx, "a", 0)
	b, errB := s.Load(ctx, "b", 0)
	if errA != nil || errB != nil || show(a) != `[1:"a1"]` || show(b) != `[1:"b1"]` {
		f.errorf("lines mixed: a = %s, %v; b = %s, %v", show(a), errA, show(b), errB)
	}
}

func checkBytesKept(ctx context.Context, newStore func() credit.Store, f *findings) {
	s := newStore()
	data := []byte("{\"k\":\"\u4e2d\u6587 \\u0000 \\n\"}")
	// Data is handed over (credit.Store), so the store may keep buf.
	buf := append([]byte(nil), data...)
	if err := s.Append(ctx, "a", 0, []credit.Record{{Version: 1, Data: buf}}); err != nil {
		f.errorf("Append to a new line: %v", err)
		return
	}
	if got, err := s.Load(ctx, "a", 0); err != nil || len(got) != 1 || !bytes.Equal(got[0].Data, data) {
		f.errorf("stored %q, Load = %s, %v", data, show(got), err)
	}
}

func checkSnapshots(ctx context.Context, newStore func() credit.Store, f *findings) {
	s, ok := newStore().(credit.Snapshotter)
	if !ok {
		f.skip = "the store does not offer snapshots"
		return
	}
	if _, found, err := s.LoadSnapshot(ctx, "a"); err != nil || found {
		f.errorf("LoadSnapshot of a new line: found %v, %v; want none", found, err)
		return
	}
	for _, snap := range []credit.Record{rec(5, "five"), rec(9, "nine")} {
		if err := s.SaveSnapshot(ctx, "a", snap); err != nil {
			f.errorf("SaveSnapshot of version %d: %v", snap.Version, err)
			return
		}
	}
	if snap, found, err := s.LoadSnapshot(ctx, "a"); err != nil || !found || snap.Version != 9 || string(snap.Data) != "nine" {
		f.errorf("LoadSnapshot = %s, %v, %v; want the latest, %s", show([]credit.Record{snap}), found, err, show([]credit.Record{rec(9, "nine")}))
	}
}

func checkConcurrentAppends(ctx context.Context, newStore func() credit.Store, f *findings) {
	s := newStore()
	if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, "open")}); err != nil {
		f.errorf("Append to a new line: %v", err)
		return
	}
	// An append conflicts only when another won after its Load, so no
	// writer meets more conflicts than there are appends in all: a store
	// that answers ErrConflict for ever fails the check instead of hanging it.
	const writers, rounds = 16, 20
	const maxTries = writers*rounds + 1
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for try := 1; ; try++ {
					if try > maxTries {
						f.errorf("writer %d: no append won in %d tries, more conflicts than appends", w, maxTries)
						return
					}
					got, err := s.Load(ctx, "a", 0)
					if err != nil {
						f.errorf("Load: %v", err)
						return
					}
					v := int64(len(got))
					err = s.Append(ctx, "a", v, []credit.Record{rec(v+1, fmt.Sprintf("w%d r%d", w, r))})
					if errors.Is(err, credit.ErrConflict) {
						continue
					}
					if err != nil {
						f.errorf("Append at version %d: %v", v, err)
						return
					}
					mu.Lock()
					wins++
					mu.Unlock()
					break
				}
			}
		}()
	}
	wg.Wait()
	got, err := s.Load(ctx, "a", 0)
	if err != nil || len(got) != 1+writers*rounds || wins != writers*rounds {
		f.errorf("%d records (%v), %d appends won; want %d records and %d wins", len(got), err, wins, 1+writers*rounds, writers*rounds)
		return
	}
	for i, r := range got {
		if r.Version != int64(i+1) {
			f.errorf("record %d has version %d", i, r.Version)
			return
		}
	}
}
