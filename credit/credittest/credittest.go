// Package credittest holds what a host needs to test code that uses
// package credit: an in-memory Store, a fake Clock, the conformance suite
// every Store must pass, and go-cmp options for comparing lines.
package credittest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// MemStore is an in-memory credit.Store and credit.Snapshotter, safe for
// concurrent use. It is the library's built-in store: fine for tests,
// examples and single-process hosts that keep nothing across restarts.
type MemStore struct {
	mu        sync.RWMutex
	journals  map[string][]credit.Record
	snapshots map[string]credit.Record
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{journals: map[string][]credit.Record{}, snapshots: map[string]credit.Record{}}
}

// Load returns the line's records after version after.
func (s *MemStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	j, ok := s.journals[line]
	if !ok {
		return nil, credit.ErrNotFound
	}
	if after < 0 || after > int64(len(j)) {
		after = min(max(after, 0), int64(len(j)))
	}
	return slices.Clone(j[after:]), nil // the Engine only reads Data
}

// Append adds records if the line is still at version.
func (s *MemStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.journals[line]
	if int64(len(j)) != version {
		return credit.ErrConflict
	}
	for i, r := range records {
		if r.Version != version+int64(i)+1 {
			return credit.ErrConflict
		}
		j = append(j, r) // Data is handed over (see credit.Store)
	}
	s.journals[line] = j
	return nil
}

// LoadSnapshot returns the line's latest snapshot.
func (s *MemStore) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.snapshots[line]
	return r, ok, ctx.Err()
}

// SaveSnapshot keeps the line's state as of snap.Version.
func (s *MemStore) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.snapshots[line]; !ok || old.Version < snap.Version {
		s.snapshots[line] = credit.Record{Version: snap.Version, Data: append([]byte(nil), snap.Data...)}
	}
	return ctx.Err()
}

// Lines returns the IDs of every line in the store.
func (s *MemStore) Lines() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, len(s.journals))
	for id := range s.journals {
		ids = append(ids, id)
	}
	return ids
}

// Clock is a fake clock: it says what it was set to. Safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the set time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set sets the time.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// Add moves the time on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// CmpOptions are go-cmp options for comparing lines, statements and
// decisions: decimals compare by value ("6.2" equals "6.20"). Amounts and
// dates need none.
func CmpOptions() cmp.Options {
	return cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })}
}
