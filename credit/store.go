package credit

import "context"

// Record is one stored fact: the line's version after it and its encoded
// bytes. The library encodes and decodes facts itself (versioned JSON), so
// a store keeps only bytes and works on any database.
type Record struct {
	Version int64  `json:"version"`
	Data    []byte `json:"data"`
}

// Store is what a host implements to keep lines: a journal per line.
// Implementations must be safe for concurrent use, and must pass the
// conformance suite in package credittest.
type Store interface {
	// Load returns the line's records with versions above after, in
	// order. A line with no records at all is ErrNotFound. The Engine
	// only reads the records' Data, so a store may return bytes it keeps.
	Load(ctx context.Context, line string, after int64) ([]Record, error)
	// Append adds records to the line only if its last version is still
	// version (0 for a new line), atomically; otherwise it returns
	// ErrConflict and adds nothing. The records' versions are version+1,
	// version+2, ... The records' Data is handed over: the Engine never
	// changes it afterwards, so a store may keep it without copying.
	Append(ctx context.Context, line string, version int64, records []Record) error
}

// Snapshotter is optional: a Store that also implements it lets the
// Engine start from a saved state instead of the whole journal.
type Snapshotter interface {
	// LoadSnapshot returns the latest snapshot of the line, or ok false.
	LoadSnapshot(ctx context.Context, line string) (snap Record, ok bool, err error)
	// SaveSnapshot stores the line's state as of snap.Version.
	SaveSnapshot(ctx context.Context, line string, snap Record) error
}

// RangeLoader is optional: a Store that also implements it lets the Engine
// read one record of a long journal (the fact of an old idempotency key,
// or of an archived purchase) without the records after it.
type RangeLoader interface {
	// LoadRange returns the line's records with versions above after and
	// up to through, in order; ErrNotFound as Load.
	LoadRange(ctx context.Context, line string, after, through int64) ([]Record, error)
}

// Lines is an iterator over lines, supplied by a host for the portfolio
// view: it calls yield for each line and stops when yield returns false.
type Lines func(yield func(*Line) bool)
