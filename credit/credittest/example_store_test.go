package credittest_test

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// mapStore is a host's own Store, as simple as a Store can be: every line
// under one lock. Its tests run the conformance suite on it:
//
//	func TestMapStore(t *testing.T) {
//		credittest.RunStoreTests(t, func() credit.Store { return newMapStore() })
//		credittest.RunConcurrentAuthorizations(t, newMapStore())
//	}
type mapStore struct {
	mu    sync.Mutex
	lines map[string][]credit.Record
	// ignoreAfter is a bug: Load returns the whole journal.
	ignoreAfter bool
}

func newMapStore() *mapStore { return &mapStore{lines: map[string][]credit.Record{}} }

func (s *mapStore) Load(_ context.Context, line string, after int64) ([]credit.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	recs := s.lines[line]
	if len(recs) == 0 {
		return nil, credit.ErrNotFound
	}
	if s.ignoreAfter {
		after = 0
	}
	return slices.Clone(recs[min(max(after, 0), int64(len(recs))):]), nil
}

func (s *mapStore) Append(_ context.Context, line string, version int64, records []credit.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if int64(len(s.lines[line])) != version {
		return credit.ErrConflict
	}
	for i, r := range records {
		if r.Version != version+int64(i)+1 {
			return credit.ErrConflict
		}
	}
	s.lines[line] = append(s.lines[line], records...)
	return nil
}

// The conformance suite on a host's own store, outside go test: the store
// passes, and the same store with a bug in Load does not. In the host's
// tests, RunStoreTests runs the same checks as subtests.
func ExampleCheckStore() {
	fmt.Println("mapStore:", credittest.CheckStore(func() credit.Store { return newMapStore() }))

	buggy := func() credit.Store { s := newMapStore(); s.ignoreAfter = true; return s }
	fmt.Println("with the bug:")
	fmt.Println(credittest.CheckStore(buggy))
	// Output:
	// mapStore: <nil>
	// with the bug:
	// append and load: Load after 2 = [1:"{\"x\":1}" 2:"two" 3:"three"], <nil>; want [3:"three"]
	// append and load: Load after 3 = [1:"{\"x\":1}" 2:"two" 3:"three"], <nil>; want []
}

// The concurrency test on a host's own store: 64 checkouts at once on one
// line, through one Engine, never approve more than the limit.
func ExampleCheckConcurrentAuthorizations() {
	approved, err := credittest.CheckConcurrentAuthorizations(newMapStore())
	fmt.Println("passes:", err == nil, "approved within the limit:", approved <= 1000000)
	// Output:
	// passes: true approved within the limit: true
}

// Tests keep the in-memory store under its old name: it is memstore.Store.
func ExampleNewMemStore() {
	ctx := context.Background()
	s := credittest.NewMemStore()
	err := s.Append(ctx, "li", 0, []credit.Record{{Version: 1, Data: []byte(`{"v":1}`)}})
	fmt.Println(err, s.Lines())
	err = s.Append(ctx, "li", 0, []credit.Record{{Version: 1, Data: []byte(`{"v":1}`)}})
	fmt.Println(err)
	// Output:
	// <nil> [li]
	// line changed concurrently
}
