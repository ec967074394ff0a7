package memstore_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/memstore"
)

func TestConformance(t *testing.T) {
	credittest.RunStoreTests(t, func() credit.Store { return memstore.New() })
}

func TestZeroStoreConformance(t *testing.T) {
	credittest.RunStoreTests(t, func() credit.Store { return new(memstore.Store) })
}

func TestConcurrentAuthorizations(t *testing.T) {
	credittest.RunConcurrentAuthorizations(t, memstore.New())
}

// TestCredittestMemStore checks that credittest's MemStore is this Store,
// so that tests written against it test what production runs.
func TestCredittestMemStore(t *testing.T) {
	var s *memstore.Store = credittest.NewMemStore()
	if s == nil {
		t.Fatal("credittest.NewMemStore returned nil")
	}
}

func TestLines(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	if got := s.Lines(); len(got) != 0 {
		t.Errorf("Lines of an empty store = %q", got)
	}
	for _, line := range []string{"zhang", "li", "wang"} {
		if err := s.Append(ctx, line, 0, []credit.Record{{Version: 1, Data: []byte(line)}}); err != nil {
			t.Fatal(err)
		}
	}
	// Neither a failed append nor a snapshot alone makes a line.
	if err := s.Append(ctx, "bad", 0, []credit.Record{{Version: 2}}); !errors.Is(err, credit.ErrConflict) {
		t.Errorf("Append of version 2 to a new line: %v, want ErrConflict", err)
	}
	if err := s.SaveSnapshot(ctx, "snap", credit.Record{Version: 1, Data: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	if got, want := s.Lines(), []string{"li", "wang", "zhang"}; !slices.Equal(got, want) {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	for _, line := range []string{"bad", "snap"} {
		if _, err := s.Load(ctx, line, 0); !errors.Is(err, credit.ErrNotFound) {
			t.Errorf("Load of %s: %v, want ErrNotFound", line, err)
		}
	}
}

func TestCanceledContext(t *testing.T) {
	s := memstore.New()
	if err := s.Append(context.Background(), "a", 0, []credit.Record{{Version: 1}}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Load(ctx, "a", 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Load: %v", err)
	}
	if err := s.Append(ctx, "a", 1, []credit.Record{{Version: 2}}); !errors.Is(err, context.Canceled) {
		t.Errorf("Append: %v", err)
	}
	if _, _, err := s.LoadSnapshot(ctx, "a"); !errors.Is(err, context.Canceled) {
		t.Errorf("LoadSnapshot: %v", err)
	}
	if err := s.SaveSnapshot(ctx, "a", credit.Record{Version: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("SaveSnapshot: %v", err)
	}
	if recs, err := s.Load(context.Background(), "a", 0); err != nil || len(recs) != 1 {
		t.Errorf("after canceled calls, Load = %v, %v", recs, err)
	}
}

// TestSnapshots checks that a snapshot is copied, and that an older one
// does not replace a newer.
func TestSnapshots(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	data := []byte("nine")
	if err := s.SaveSnapshot(ctx, "a", credit.Record{Version: 9, Data: data}); err != nil {
		t.Fatal(err)
	}
	data[0] = 'N'
	if err := s.SaveSnapshot(ctx, "a", credit.Record{Version: 5, Data: []byte("five")}); err != nil {
		t.Fatal(err)
	}
	snap, ok, err := s.LoadSnapshot(ctx, "a")
	if err != nil || !ok || snap.Version != 9 || string(snap.Data) != "nine" {
		t.Errorf("LoadSnapshot = %d %q, %v, %v; want 9 \"nine\"", snap.Version, snap.Data, ok, err)
	}
}
