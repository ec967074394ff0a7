package credittest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

func TestMemStorePasses(t *testing.T) {
	credittest.RunStoreTests(t, func() credit.Store { return credittest.NewMemStore() })
	if err := credittest.CheckStore(func() credit.Store { return credittest.NewMemStore() }); err != nil {
		t.Error(err)
	}
	credittest.RunConcurrentAuthorizations(t, credittest.NewMemStore())
}

// buggyStore is an in-memory store with one bug.
type buggyStore struct {
	*credittest.MemStore
	bug string
}

func (s *buggyStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	switch s.bug {
	case "found":
		if recs, err := s.MemStore.Load(ctx, line, after); err == nil {
			return recs, nil
		}
		return nil, nil
	case "ignore after":
		after = 0
	case "one line":
		line = "all"
	case "bytes":
		recs, err := s.MemStore.Load(ctx, line, after)
		for i := range recs {
			recs[i].Data = []byte(strings.ReplaceAll(string(recs[i].Data), "\u4e2d", "?"))
		}
		return recs, err
	}
	return s.MemStore.Load(ctx, line, after)
}

func (s *buggyStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	switch s.bug {
	case "no swap":
		if recs, err := s.MemStore.Load(ctx, line, 0); err == nil {
			version = int64(len(recs))
		}
		for i := range records {
			records[i].Version = version + int64(i) + 1
		}
	case "one line":
		line = "all"
	case "stuck":
		if version > 0 {
			return credit.ErrConflict
		}
	}
	return s.MemStore.Append(ctx, line, version, records)
}

func (s *buggyStore) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	if s.bug == "first snapshot" {
		if _, ok, _ := s.LoadSnapshot(ctx, line); ok {
			return nil
		}
	}
	return s.MemStore.SaveSnapshot(ctx, line, snap)
}

// TestCheckStoreFindsBugs checks that each check of the suite fails a
// store with the bug it is there for.
func TestCheckStoreFindsBugs(t *testing.T) {
	for _, c := range []struct{ bug, check string }{
		{"found", "missing line: "},
		{"ignore after", "append and load: Load after 2"},
		{"no swap", "compare and swap: Append at stale version 0"},
		{"one line", "lines are separate: "},
		{"bytes", "bytes are kept exactly: "},
		{"first snapshot", "snapshots: LoadSnapshot"},
		{"stuck", "concurrent appends: writer"},
	} {
		t.Run(c.bug, func(t *testing.T) {
			err := credittest.CheckStore(func() credit.Store { return &buggyStore{credittest.NewMemStore(), c.bug} })
			if err == nil || !strings.Contains(err.Error(), c.check) {
				t.Errorf("CheckStore: %v; want an error from %q", err, c.check)
			}
		})
	}
}

// TestSnapshotsSkipped checks that a store without snapshots passes.
func TestSnapshotsSkipped(t *testing.T) {
	type journalOnly struct{ credit.Store }
	credittest.RunStoreTests(t, func() credit.Store { return journalOnly{credittest.NewMemStore()} })
}
