package memstore

import (
	"context"
	"math"
	"slices"
	"sync"

	"github.com/justspend/justspend/credit"
)

// Store is an in-memory credit.Store and credit.Snapshotter, safe for
// concurrent use. The zero Store is empty and ready to use; a Store must
// not be copied after first use.
type Store struct {
	lines sync.Map // line ID → *journal
}

// journal is one line's records and latest snapshot.
type journal struct {
	mu       sync.Mutex
	records  []credit.Record
	snapshot credit.Record
	hasSnap  bool
}

// New returns an empty Store.
func New() *Store { return &Store{} }

// journal returns the line's journal, creating an empty one if asked.
func (s *Store) journal(line string, create bool) *journal {
	if j, ok := s.lines.Load(line); ok {
		return j.(*journal)
	}
	if !create {
		return nil
	}
	j, _ := s.lines.LoadOrStore(line, &journal{})
	return j.(*journal)
}

// Load returns the line's records with versions above after, in order: a
// new slice, whose records' Data the Store still holds. A line with no
// records is credit.ErrNotFound.
func (s *Store) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	return s.LoadRange(ctx, line, after, math.MaxInt64)
}

// LoadRange returns the line's records with versions above after and up
// to through, as Load does (credit.RangeLoader).
func (s *Store) LoadRange(ctx context.Context, line string, after, through int64) ([]credit.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	j := s.journal(line, false)
	if j == nil {
		return nil, credit.ErrNotFound
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if len(j.records) == 0 { // created by an append that failed
		return nil, credit.ErrNotFound
	}
	n := int64(len(j.records))
	after = min(max(after, 0), n)
	through = min(max(through, after), n)
	return slices.Clone(j.records[after:through]), nil
}

// Append adds records to the line if its last version is still version (0
// for a new line) and the records carry the versions that follow it;
// otherwise it returns credit.ErrConflict and adds nothing. The Store
// keeps the records' Data without copying it.
func (s *Store) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j := s.journal(line, version == 0)
	if j == nil {
		return credit.ErrConflict
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if int64(len(j.records)) != version {
		return credit.ErrConflict
	}
	for i, r := range records {
		if r.Version != version+int64(i)+1 {
			return credit.ErrConflict
		}
	}
	j.records = append(j.records, records...) // Data is handed over (see credit.Store)
	return nil
}
