package credittest

import (
	"context"
	"slices"
	"sync"

	"github.com/justspend/justspend/credit"
)

// MemStore is an in-memory credit.Store and credit.Snapshotter, safe for
// concurrent use. It is the library's built-in store: fine for tests,
// examples and single-process hosts that keep nothing across restarts.
// Each line has its own lock, so commands on different lines do not wait
// for each other.
type MemStore struct {
	lines sync.Map // line ID → *journal
}

// journal is one line's records and latest snapshot.
type journal struct {
	mu       sync.Mutex
	records  []credit.Record
	snapshot credit.Record
	hasSnap  bool
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore { return &MemStore{} }

// journal returns the line's journal, creating an empty one if asked.
func (s *MemStore) journal(line string, create bool) *journal {
	if j, ok := s.lines.Load(line); ok {
		return j.(*journal)
	}
	if !create {
		return nil
	}
	j, _ := s.lines.LoadOrStore(line, &journal{})
	return j.(*journal)
}

// Load returns the line's records after version after.
func (s *MemStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
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
	after = min(max(after, 0), int64(len(j.records)))
	return slices.Clone(j.records[after:]), nil // the Engine only reads Data
}

// Append adds records if the line is still at version.
func (s *MemStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
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

// LoadSnapshot returns the line's latest snapshot.
func (s *MemStore) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return credit.Record{}, false, err
	}
	j := s.journal(line, false)
	if j == nil {
		return credit.Record{}, false, nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.snapshot, j.hasSnap, nil
}

// SaveSnapshot keeps the line's state as of snap.Version.
func (s *MemStore) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j := s.journal(line, true)
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.hasSnap || j.snapshot.Version < snap.Version {
		j.snapshot, j.hasSnap = credit.Record{Version: snap.Version, Data: slices.Clone(snap.Data)}, true
	}
	return nil
}

// Lines returns the IDs of every line in the store.
func (s *MemStore) Lines() []string {
	var ids []string
	s.lines.Range(func(id, j any) bool {
		jj := j.(*journal)
		jj.mu.Lock()
		if len(jj.records) > 0 {
			ids = append(ids, id.(string))
		}
		jj.mu.Unlock()
		return true
	})
	return ids
}
