package memstore

import (
	"context"
	"slices"

	"github.com/justspend/justspend/credit"
)

// LoadSnapshot returns the line's latest snapshot, or ok false if none
// was saved.
func (s *Store) LoadSnapshot(ctx context.Context, line string) (snap credit.Record, ok bool, err error) {
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

// SaveSnapshot keeps a copy of snap as the line's snapshot, unless the
// line has one of that version or a later one already. A line has one
// snapshot at a time; its journal stays whole.
func (s *Store) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
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
