package credittest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/justspend/justspend/credit"
)

// RunStoreTests is the conformance suite every credit.Store must pass, the
// library's own and a host's: versions, compare-and-swap, isolation
// between lines, byte-exact storage, snapshots if offered, and concurrent
// appends of which exactly one wins each version. newStore returns an
// empty store each call.
func RunStoreTests(t *testing.T, newStore func() credit.Store) {
	ctx := context.Background()
	rec := func(v int64, s string) credit.Record { return credit.Record{Version: v, Data: []byte(s)} }

	t.Run("missing line", func(t *testing.T) {
		if _, err := newStore().Load(ctx, "nope", 0); !errors.Is(err, credit.ErrNotFound) {
			t.Errorf("Load of a missing line: %v, want ErrNotFound", err)
		}
	})
	t.Run("append and load", func(t *testing.T) {
		s := newStore()
		if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, `{"x":1}`), rec(2, "two")}); err != nil {
			t.Fatal(err)
		}
		if err := s.Append(ctx, "a", 2, []credit.Record{rec(3, "three")}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load(ctx, "a", 0)
		if err != nil || len(got) != 3 || got[0].Version != 1 || string(got[0].Data) != `{"x":1}` || string(got[2].Data) != "three" {
			t.Fatalf("Load = %v, %v", got, err)
		}
		tail, err := s.Load(ctx, "a", 2)
		if err != nil || len(tail) != 1 || tail[0].Version != 3 {
			t.Errorf("Load after 2 = %v, %v", tail, err)
		}
		none, err := s.Load(ctx, "a", 3)
		if err != nil || len(none) != 0 {
			t.Errorf("Load after the last version = %v, %v", none, err)
		}
	})
	t.Run("compare and swap", func(t *testing.T) {
		s := newStore()
		if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, "one")}); err != nil {
			t.Fatal(err)
		}
		for _, v := range []int64{0, 2, 5} {
			if err := s.Append(ctx, "a", v, []credit.Record{rec(v+1, "late")}); !errors.Is(err, credit.ErrConflict) {
				t.Errorf("Append at stale version %d: %v, want ErrConflict", v, err)
			}
		}
		got, _ := s.Load(ctx, "a", 0)
		if len(got) != 1 {
			t.Errorf("a rejected append changed the journal: %v", got)
		}
	})
	t.Run("lines are separate", func(t *testing.T) {
		s := newStore()
		_ = s.Append(ctx, "a", 0, []credit.Record{rec(1, "a1")})
		if err := s.Append(ctx, "b", 0, []credit.Record{rec(1, "b1")}); err != nil {
			t.Fatal(err)
		}
		a, _ := s.Load(ctx, "a", 0)
		b, _ := s.Load(ctx, "b", 0)
		if len(a) != 1 || len(b) != 1 || string(a[0].Data) != "a1" || string(b[0].Data) != "b1" {
			t.Errorf("lines mixed: %v %v", a, b)
		}
	})
	t.Run("bytes are kept exactly", func(t *testing.T) {
		s := newStore()
		data := []byte("{\"k\":\"\u4e2d\u6587 \\u0000 \\n\"}")
		// Data is handed over (credit.Store), so the store may keep buf.
		buf := append([]byte(nil), data...)
		if err := s.Append(ctx, "a", 0, []credit.Record{{Version: 1, Data: buf}}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Load(ctx, "a", 0)
		if len(got) != 1 || !bytes.Equal(got[0].Data, data) {
			t.Errorf("stored %q, got back %v", data, got)
		}
	})
	t.Run("snapshots", func(t *testing.T) {
		s, ok := newStore().(credit.Snapshotter)
		if !ok {
			t.Skip("the store does not offer snapshots")
		}
		if _, found, err := s.LoadSnapshot(ctx, "a"); err != nil || found {
			t.Fatalf("snapshot of a new line: %v, %v", found, err)
		}
		_ = s.SaveSnapshot(ctx, "a", rec(5, "five"))
		_ = s.SaveSnapshot(ctx, "a", rec(9, "nine"))
		snap, found, err := s.LoadSnapshot(ctx, "a")
		if err != nil || !found || snap.Version != 9 || string(snap.Data) != "nine" {
			t.Errorf("latest snapshot = %v, %v, %v", snap, found, err)
		}
	})
	t.Run("concurrent appends", func(t *testing.T) {
		s := newStore()
		if err := s.Append(ctx, "a", 0, []credit.Record{rec(1, "open")}); err != nil {
			t.Fatal(err)
		}
		const writers, rounds = 16, 20
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for r := 0; r < rounds; r++ {
					for {
						got, err := s.Load(ctx, "a", 0)
						if err != nil {
							t.Error(err)
							return
						}
						v := int64(len(got))
						err = s.Append(ctx, "a", v, []credit.Record{rec(v+1, fmt.Sprintf("w%d r%d", w, r))})
						if errors.Is(err, credit.ErrConflict) {
							continue
						}
						if err != nil {
							t.Error(err)
							return
						}
						mu.Lock()
						wins++
						mu.Unlock()
						break
					}
				}
			}(w)
		}
		wg.Wait()
		got, _ := s.Load(ctx, "a", 0)
		if len(got) != 1+writers*rounds || wins != writers*rounds {
			t.Fatalf("%d records, %d wins; want %d", len(got), wins, 1+writers*rounds)
		}
		for i, r := range got {
			if r.Version != int64(i+1) {
				t.Fatalf("record %d has version %d", i, r.Version)
			}
		}
	})
}
