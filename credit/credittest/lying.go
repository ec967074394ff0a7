package credittest

import (
	"bytes"
	"context"
	"encoding/json"
	"hash/crc32"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/justspend/justspend/credit"
)

// Lie is one way a Store can be wrong: what a database, a cache in front of
// it or a hand-written Store gets wrong, not what an attacker forges.
type Lie uint8

// The lies a LyingStore tells. The journal lies are told by Load, the
// snapshot lies by LoadSnapshot.
const (
	NoLie               Lie = iota
	DuplicateRecord         // one record returned twice
	SwapRecords             // two neighbouring records swapped, each with its version
	SwapData                // two neighbouring records' bytes swapped, the versions left in order
	DropRecord              // a record before the last left out
	DropTail                // the last record left out: a read from a replica that lags
	IgnoreAfter             // the whole journal, whatever version the Engine asked to read after
	FlipByte                // one byte of a record changed
	FutureFormat            // a record in a format this library does not write ("v":99), checksum and all
	OtherLine               // another line's records in place of this one's
	StaleSnapshot           // an older snapshot of the line: allowed, and harmless
	OtherSnapshot           // another line's snapshot
	AheadSnapshot           // a snapshot claiming a version the journal has not reached
	MislabelledSnapshot     // a snapshot stored under another version than the one it holds
	FlipSnapshotByte        // one digit of a snapshot changed, the JSON still valid
	lieCount
)

var lieNames = [...]string{"no lie", "duplicate record", "swap records", "swap data", "drop record", "drop tail",
	"ignore after", "flip byte", "future format", "other line", "stale snapshot", "other line's snapshot",
	"snapshot ahead of the journal", "mislabelled snapshot", "flip snapshot byte"}

func (l Lie) String() string {
	if int(l) < len(lieNames) {
		return lieNames[l]
	}
	return "lie " + strconv.Itoa(int(l))
}

// Lies returns every lie a LyingStore tells.
func Lies() []Lie {
	out := make([]Lie, 0, lieCount-1)
	for l := NoLie + 1; l < lieCount; l++ {
		out = append(out, l)
	}
	return out
}

// Detectable reports whether the Engine must report the lie, as a
// *credit.CorruptError, and commit nothing on it. The two lies it need not
// report are old reads that are not wrong: a journal without its newest
// records (the Engine's appends then fail their compare-and-swap, so
// nothing is committed on the old view) and an older snapshot (the Engine
// replays the journal from it).
func (l Lie) Detectable() bool { return l != NoLie && l != DropTail && l != StaleSnapshot }

func (l Lie) snapshot() bool { return l >= StaleSnapshot && l < lieCount }

// LyingStore wraps a Store that is also a credit.Snapshotter (such as
// MemStore) and, armed for a line, tells one lie about that line on the
// first call that can tell it: for tests of how the Engine, and a host's
// code around it, copes with a broken store. Lines are armed apart, so
// that tests on several lines may run at once. It is safe for concurrent
// use.
type LyingStore struct {
	inner credit.Store
	snaps credit.Snapshotter

	mu      sync.Mutex
	armed   map[string]Lie
	told    map[string][]Lie
	history map[string][]credit.Record // every snapshot saved or read, per line
	lines   []string                   // lines seen, in the order first seen
	seen    map[string]bool
}

// NewLyingStore returns a LyingStore over s, which must implement
// credit.Snapshotter.
func NewLyingStore(s interface {
	credit.Store
	credit.Snapshotter
}) *LyingStore {
	return &LyingStore{inner: s, snaps: s, armed: map[string]Lie{}, told: map[string][]Lie{},
		history: map[string][]credit.Record{}, seen: map[string]bool{}}
}

// see remembers a line that has records. Call it with s.mu held.
func (s *LyingStore) see(line string) {
	if !s.seen[line] {
		s.seen[line] = true
		s.lines = append(s.lines, line)
	}
}

// keep remembers a snapshot of line, if it is new. Call it with s.mu held.
func (s *LyingStore) keep(line string, snap credit.Record) {
	h := s.history[line]
	if len(h) == 0 || h[len(h)-1].Version != snap.Version {
		s.history[line] = append(h, credit.Record{Version: snap.Version, Data: slices.Clone(snap.Data)})
	}
}

// Arm makes the store tell lie l about line once, on the next call for
// that line that can tell it (a journal lie needs records to lie about, a
// snapshot lie a snapshot). NoLie disarms it.
func (s *LyingStore) Arm(line string, l Lie) {
	s.mu.Lock()
	if l == NoLie {
		delete(s.armed, line)
	} else {
		s.armed[line] = l
	}
	s.mu.Unlock()
}

// Told returns the lies told about line since the last call for it, and
// forgets them.
func (s *LyingStore) Told(line string) []Lie {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.told[line]
	delete(s.told, line)
	return t
}

// tell records that lie l was told about line and disarms the line. Call
// it with s.mu held.
func (s *LyingStore) tell(line string, l Lie) {
	s.told[line] = append(s.told[line], l)
	delete(s.armed, line)
}

// Append appends to the inner store, truthfully.
func (s *LyingStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	err := s.inner.Append(ctx, line, version, records)
	if err == nil {
		s.mu.Lock()
		s.see(line)
		s.mu.Unlock()
	}
	return err
}

// SaveSnapshot saves to the inner store, and remembers the snapshot for
// the snapshot lies.
func (s *LyingStore) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	s.mu.Lock()
	s.keep(line, snap)
	s.mu.Unlock()
	return s.snaps.SaveSnapshot(ctx, line, snap)
}

// Load returns the line's records after version after, or a lie about
// them when armed with a journal lie that they allow.
func (s *LyingStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	recs, err := s.inner.Load(ctx, line, after)
	if err != nil {
		return recs, err
	}
	return s.lie(ctx, line, after, math.MaxInt64, recs)
}

// LoadRange returns the line's records after version after and up to
// through (credit.RangeLoader), or a lie about them as Load tells one.
func (s *LyingStore) LoadRange(ctx context.Context, line string, after, through int64) ([]credit.Record, error) {
	var recs []credit.Record
	var err error
	if rl, ok := s.inner.(credit.RangeLoader); ok {
		recs, err = rl.LoadRange(ctx, line, after, through)
	} else {
		recs, err = s.inner.Load(ctx, line, after)
		recs = upTo(recs, through)
	}
	if err != nil {
		return recs, err
	}
	return s.lie(ctx, line, after, through, recs)
}

// upTo returns the records with versions up to through.
func upTo(recs []credit.Record, through int64) []credit.Record {
	for i, r := range recs {
		if r.Version > through {
			return recs[:i]
		}
	}
	return recs
}

// lie returns recs, the records of line after version after and up to
// through, or the lie the line is armed with.
func (s *LyingStore) lie(ctx context.Context, line string, after, through int64, recs []credit.Record) ([]credit.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.see(line)
	lie := s.armed[line]
	if lie == NoLie || lie.snapshot() {
		return recs, nil
	}
	recs = slices.Clone(recs)
	n := len(recs)
	switch {
	case lie == DuplicateRecord && n >= 1:
		recs = slices.Insert(recs, n-1, recs[n-1])
	case lie == SwapRecords && n >= 2:
		recs[n-2], recs[n-1] = recs[n-1], recs[n-2]
	case lie == SwapData && n >= 2:
		recs[n-2].Data, recs[n-1].Data = recs[n-1].Data, recs[n-2].Data
	case lie == DropRecord && n >= 2:
		recs = slices.Delete(recs, n-2, n-1)
	case lie == DropTail && n >= 1:
		recs = recs[:n-1]
	case lie == IgnoreAfter && after > 0:
		all, err := s.inner.Load(ctx, line, 0)
		if err != nil {
			return nil, err
		}
		recs = upTo(all, through)
	case lie == FlipByte && n >= 1:
		d := slices.Clone(recs[n-1].Data)
		d[len(d)/2] ^= 0x04
		recs[n-1].Data = d
	case lie == FutureFormat && n >= 1:
		prev, err := s.sumBefore(ctx, line, recs[n-1].Version)
		if err != nil {
			return nil, err
		}
		d, ok := reformat(recs[n-1].Data, prev)
		if !ok {
			return recs, nil
		}
		recs[n-1].Data = d
	case lie == OtherLine:
		theirs := upTo(s.otherRecords(ctx, line, after), through)
		if len(theirs) == 0 {
			return recs, nil
		}
		recs = theirs
	default:
		return recs, nil
	}
	s.tell(line, lie)
	return recs, nil
}

// LoadSnapshot returns the line's latest snapshot, or a lie about it when
// armed with a snapshot lie the snapshots saved allow.
func (s *LyingStore) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	snap, ok, err := s.snaps.LoadSnapshot(ctx, line)
	if err != nil || !ok {
		return snap, ok, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keep(line, snap)
	lie := s.armed[line]
	if !lie.snapshot() {
		return snap, ok, nil
	}
	hist := s.history[line]
	switch lie {
	case StaleSnapshot:
		if len(hist) < 2 {
			return snap, ok, nil
		}
		snap = hist[len(hist)-2]
	case OtherSnapshot:
		other := s.otherSnapshotLine(line)
		if other == "" {
			return snap, ok, nil
		}
		theirs := s.history[other]
		snap = theirs[len(theirs)-1]
	case AheadSnapshot:
		d, ok := relabel(snap.Data, snap.Version+7)
		if !ok {
			return snap, true, nil
		}
		snap = credit.Record{Version: snap.Version + 7, Data: d}
	case MislabelledSnapshot:
		if len(hist) < 2 {
			return snap, ok, nil
		}
		snap = credit.Record{Version: snap.Version, Data: hist[len(hist)-2].Data}
	case FlipSnapshotByte:
		d := slices.Clone(snap.Data)
		i := len(d) / 3
		for i < len(d) && (d[i] < '0' || d[i] > '9') {
			i++
		}
		if i == len(d) {
			return snap, true, nil
		}
		d[i] = '0' + (d[i]-'0'+1)%10
		snap = credit.Record{Version: snap.Version, Data: d}
	}
	s.tell(line, lie)
	return snap, true, nil
}

// otherRecords returns the records after version after of a line other
// than line that has some, or nil.
func (s *LyingStore) otherRecords(ctx context.Context, line string, after int64) []credit.Record {
	for _, l := range s.lines {
		if l == line {
			continue
		}
		if theirs, err := s.inner.Load(ctx, l, after); err == nil && len(theirs) > 0 {
			return theirs
		}
	}
	return nil
}

// otherSnapshotLine returns a line other than line that has a snapshot.
func (s *LyingStore) otherSnapshotLine(line string) string {
	for _, l := range s.lines {
		if l != line && len(s.history[l]) > 0 {
			return l
		}
	}
	return ""
}

// sumBefore returns the checksum a record at version v continues: its
// predecessor's, or the line ID's for the first record (credit.Fact).
func (s *LyingStore) sumBefore(ctx context.Context, line string, v int64) (uint32, error) {
	if v == 1 {
		return crc32.Update(0, crc32.MakeTable(crc32.Castagnoli), []byte(line)), nil
	}
	recs, err := s.inner.Load(ctx, line, v-2)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	var f struct {
		Sum uint32 `json:"sum"`
	}
	err = json.Unmarshal(recs[0].Data, &f)
	return f.Sum, err
}

// reformat rewrites a record as a later format would: "v":99, sealed with
// a checksum that follows on from prev.
func reformat(data []byte, prev uint32) ([]byte, bool) {
	const tag = `,"sum":`
	i := bytes.LastIndex(data, []byte(tag))
	rest, ok := bytes.CutPrefix(data[:max(i, 0)], []byte(`{"v":`))
	if i < 0 || !ok {
		return nil, false
	}
	_, rest, ok = bytes.Cut(rest, []byte(","))
	if !ok {
		return nil, false
	}
	body := append([]byte(`{"v":99,`), rest...)
	sum := crc32.Update(prev, crc32.MakeTable(crc32.Castagnoli), body)
	return append(strconv.AppendUint(append(body, tag...), uint64(sum), 10), '}'), true
}

// relabel rewrites a snapshot's line version.
func relabel(data []byte, version int64) ([]byte, bool) {
	var snap map[string]json.RawMessage
	if json.Unmarshal(data, &snap) != nil {
		return nil, false
	}
	var line map[string]json.RawMessage
	if json.Unmarshal(snap["line"], &line) != nil {
		return nil, false
	}
	line["version"] = json.RawMessage(strconv.FormatInt(version, 10))
	b, err := json.Marshal(line)
	if err != nil {
		return nil, false
	}
	snap["line"] = b
	out, err := json.Marshal(snap)
	return out, err == nil
}
