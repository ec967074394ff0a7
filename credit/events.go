package credit

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
)

// Events are how a host learns what happened on lines without polling
// each one. The journal is the feed: Engine.Events returns a line's
// committed facts after a version, in order, checked as a load checks
// them, and Config.OnCommit tells the host which line moved to which
// version as each command commits, so that it knows which lines to read.
// A host that keeps, per line, the last version it handled reads every
// fact exactly once and in order, whatever the order the notifications
// came in (two commands on one line, committed by two goroutines, may
// notify in either order; a host that restarts reads on from what it
// kept).

// Event is one committed fact of a line.
type Event struct {
	Line    string `json:"line"`
	Version int64  `json:"version"`
	Fact    Fact   `json:"fact"`
}

// Commit is what Config.OnCommit is told: line Line now stands at
// Version, after the facts of one command (or one Advance).
type Commit struct {
	Line    string `json:"line"`
	Version int64  `json:"version"`
}

// Events returns the facts of line after version after (0 for all), at
// most limit of them (0 for no limit), in order. It reads the store, not
// the Engine's cache, and checks the records as a load does: versions in
// order and checksums that chain, from the line's ID when after is 0, else
// from the record at after. A line the store does not have is
// ErrNotFound.
func (e *Engine) Events(ctx context.Context, line string, after int64, limit int) ([]Event, error) {
	const op = "events"
	if err := idError(op, "line", line, true, CodeMissingID); err != nil {
		return nil, err
	}
	if after < 0 {
		return nil, &CommandError{Op: op, Code: CodeBadVersion, Field: "after", Reason: "versions are not negative"}
	}
	if limit < 0 {
		return nil, &CommandError{Op: op, Code: CodeBadVersion, Field: "limit", Reason: "a limit is not negative (0 for none)"}
	}
	from := max(after-1, 0)
	recs, err := e.store.Load(ctx, line, from)
	if errors.Is(err, ErrNotFound) {
		return nil, &NotFoundError{Line: line, Err: err}
	}
	if err != nil {
		return nil, err
	}
	sum := rootSum(line)
	if from > 0 { // the record at after: its own sum starts the chain
		if len(recs) == 0 {
			return nil, &CommandError{Op: op, Code: CodeBadVersion, Field: "after", Reason: "the line has no version " + strconv.FormatInt(after, 10)}
		}
		if recs[0].Version != after {
			return nil, &CorruptError{Line: line, Version: after, Reason: "the store did not return the record at the version asked after"}
		}
		var ok bool
		if _, sum, ok = unseal(recs[0].Data); !ok {
			return nil, &CorruptError{Line: line, Version: after, Reason: "the record carries no checksum"}
		}
		recs = recs[1:]
	}
	base := int64(0)
	if from > 0 {
		base = after
	}
	var out []Event
	for i, rec := range recs {
		v := base + int64(i) + 1
		if sum, err = checkRecord(line, v, sum, rec); err != nil {
			return nil, err
		}
		if v <= after || limit > 0 && len(out) == limit {
			continue // read and checked: every record must follow on
		}
		var f Fact
		if err := json.Unmarshal(rec.Data, &f); err != nil || !readsFormat(f.V) {
			return nil, &CorruptError{Line: line, Version: v, Reason: "the record does not decode", Err: err}
		}
		out = append(out, Event{Line: line, Version: v, Fact: f})
	}
	return out, nil
}

// notify tells the host's OnCommit that line moved to version. The
// command has committed whatever the host's function does: a panic in it
// is recovered and dropped, so that the caller still gets the command's
// result.
func (e *Engine) notify(line string, version int64) {
	if e.onCommit == nil {
		return
	}
	defer func() { _ = recover() }()
	e.onCommit(Commit{Line: line, Version: version})
}
