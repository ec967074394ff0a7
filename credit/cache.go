package credit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"sync"

	"github.com/justspend/justspend/calendar"
)

// The Engine keeps recently used lines decoded, with the idempotency keys
// of their journals, so that a command costs one read of the journal's
// (usually empty) tail instead of a replay. The cache is split in shards by
// line ID, each with its own lock, so that commands on different lines
// rarely wait for each other. It holds about Config.CacheLines lines (an
// eighth more, since IDs never spread quite evenly over the shards) and
// forgets one at random to make room; a forgotten line is rebuilt from its
// latest snapshot and its journal.
//
// A line's successive cache entries share one keyring (the keys of its
// latest facts, and the fingerprint indexes of older keys and of archived
// purchases: see index.go), which only grows, under its shard's lock. An
// entry's keyring covers every fact up to its line's version (and possibly
// later ones, which is harmless: a key used later is still a key used). A
// command checks its key against the entry it loaded, never against
// whatever the cache holds by then, so that an entry dropped or rebuilt by
// another goroutine in between cannot make a used key look new.
//
// Snapshots hold the line and the two indexes, never the keys' results.
// One is taken once SnapshotEvery facts have followed the last; a snapshot
// larger than snapshotSmall waits until the journal has grown by a quarter
// of its size too, so that the bytes snapshots write stay proportional to
// the journal's, however long the line's history. A snapshot is encoded and
// saved holding no lock other commands take.

// maxCacheShards is how many shards a large cache has.
const maxCacheShards = 64

// lineCache is the Engine's cache of decoded lines.
type lineCache struct {
	seed   maphash.Seed
	shards []cacheShard
}

type cacheShard struct {
	mu    sync.Mutex
	lines map[string]*cached
	max   int
}

// cached is a decoded line, the running checksum of its journal and the
// keyring of what the journal used.
type cached struct {
	shard *cacheShard
	line  Line   // replaced, never changed, under shard.mu
	sum   uint32 // the Sum of the record at line.Version
	keys  *keyring
}

// keyring is what a line's journal used, as far as the Engine knows: the
// keys of its latest facts in full, older keys and archived purchases in
// fingerprint indexes. Changed only under its entry's shard lock.
type keyring struct {
	recent  []keyUse // keys not yet in old, in the order they were used
	old     index    // older keys
	archive index    // archived purchases: the facts that hold them
	// statements are the facts that archived statements, in order (their
	// fingerprints are 0).
	statements index
	// The last snapshot saved or loaded: its version and size, and the
	// journal's bytes since.
	snapVersion int64
	snapBytes   int
	sinceBytes  int
}

// indexMerge is how many keys a keyring keeps in full before it moves them
// into its index.
const indexMerge = 64

// snapshotSmall is the size under which a snapshot is taken every
// SnapshotEvery facts whatever the journal's growth.
const snapshotSmall = 64 << 10

// add records a key's use. Call it with the shard's lock held.
func (r *keyring) add(u keyUse) {
	r.recent = append(r.recent, u)
}

// tidy folds the recent keys into the index once there are twice
// indexMerge of them. Call it with the shard's lock held.
func (r *keyring) tidy() {
	if n := len(r.recent); n >= 2*indexMerge {
		r.fold(r.recent[n-1].Version)
	}
}

// fold moves the recent keys of facts up to version through into the
// index, keeping the latest indexMerge of them in full too (a retry soon
// after a command finds its result in memory). Call it with the shard's
// lock held.
func (r *keyring) fold(through int64) {
	var add []indexEntry
	var keep []keyUse
	for i, u := range r.recent {
		switch {
		case u.Version > through:
			keep = append(keep, u)
		case i >= len(r.recent)-indexMerge:
			keep = append(keep, u)
			fallthrough
		default:
			add = append(add, indexEntry{print: fingerprint(printKey, u.Key), version: u.Version, prev: u.prev})
		}
	}
	r.old, r.recent = r.old.with(add), keep
}

// archived records the purchases and statements a fact at version
// (continuing prev) archived. Call it with the shard's lock held.
func (r *keyring) archived(ids []string, statements int, version int64, prev uint32) {
	add := make([]indexEntry, len(ids))
	for i, id := range ids {
		add[i] = indexEntry{print: fingerprint(printPurchase, id), version: version, prev: prev}
	}
	r.archive = r.archive.with(add)
	if statements > 0 {
		r.statements = r.statements.with([]indexEntry{{version: version, prev: prev}})
	}
}

// newLineCache returns a cache for about lines lines (at least one).
func newLineCache(lines int) *lineCache {
	lines = max(lines, 1)
	c := &lineCache{seed: maphash.MakeSeed(), shards: make([]cacheShard, min(lines, maxCacheShards))}
	for i := range c.shards {
		// An eighth more than an even share: line IDs never hash quite
		// evenly, and a full shard forgets lines it will soon need.
		c.shards[i] = cacheShard{lines: map[string]*cached{}, max: lines/len(c.shards) + lines/len(c.shards)/8 + 1}
	}
	return c
}

func (c *lineCache) shard(id string) *cacheShard {
	return &c.shards[maphash.String(c.seed, id)%uint64(len(c.shards))]
}

// snapshotData is the JSON form of a snapshot: the line at its version,
// the Sum of the journal's record at that version and the Sum that record
// continued (which tie the snapshot to the journal it was taken from, and
// let the Engine check that record whole), and the keys used so far. The
// snapshot ends with its own seal: the CRC-32C of its bytes up to the
// seal, continued from Sum, so that a snapshot with a byte wrong is
// refused like a record with one.
type snapshotData struct {
	Line Line   `json:"line"`
	Prev uint32 `json:"prev"`
	Sum  uint32 `json:"sum"`
	// Keys and Archive are the indexes of keys and of archived purchases
	// (index.MarshalBinary). A snapshot of an earlier release holds its keys
	// in full (as "keys") and neither index: the Engine reads the journal
	// from the start instead, and writes a new snapshot in time.
	Format     int    `json:"format"`
	Keys       []byte `json:"key_index,omitempty"`
	Archive    []byte `json:"archive_index,omitempty"`
	Statements []byte `json:"statement_index,omitempty"`
}

// snapshotFormat is the Format of the snapshots this release writes.
const snapshotFormat = 2

// loaded is a line as the Engine read it: the line, its product, the cache
// entry whose keys cover it and the checksum its next fact continues.
type loaded struct {
	line Line
	p    *compiled
	c    *cached
	sum  uint32
	// unverified: the cached line, its journal's tail not read (see
	// loadAs).
	unverified bool
}

// load returns line id as stored, from the cache or a snapshot plus the
// journal's tail, checked record by record (see replay). What the store
// returns that is not the journal the Engine wrote is a *CorruptError, and
// the line leaves the cache.
func (e *Engine) load(ctx context.Context, id string) (loaded, error) {
	return e.loadAs(ctx, id, false)
}

// loadAs is load; cached says a cached line will do, without reading the
// journal's tail: a command appends at the cached version, and the store
// refuses the append if the line has moved on (the command then reads the
// tail and tries again), so that the common case costs one round trip.
func (e *Engine) loadAs(ctx context.Context, id string, cached bool) (loaded, error) {
	lo, err := e.loadChecked(ctx, id, cached)
	if errors.Is(err, ErrNotFound) {
		return loaded{}, &NotFoundError{Line: id, Err: err}
	}
	if err != nil {
		var ce *CorruptError
		if errors.As(err, &ce) {
			e.forget(id)
		}
		return loaded{}, err
	}
	return lo, nil
}

func (e *Engine) loadChecked(ctx context.Context, id string, cachedWillDo bool) (loaded, error) {
	var l Line
	var keys *keyring
	var sum uint32
	sh := e.cache.shard(id)
	sh.mu.Lock()
	c := sh.lines[id]
	if c != nil {
		l, sum, keys = c.line, c.sum, c.keys // copied under the lock: remember replaces c.line
	}
	sh.mu.Unlock()
	if c != nil && cachedWillDo {
		return loaded{line: l, p: e.products[l.Product], c: c, sum: sum, unverified: true}, nil
	}
	var recs []Record
	var err error
	if c == nil {
		l, sum, keys, recs, err = e.fromSnapshot(ctx, id)
	} else {
		recs, err = e.store.Load(ctx, id, l.Version)
	}
	if err != nil {
		return loaded{}, err
	}
	p := e.products[l.Product]
	if c != nil && len(recs) == 0 {
		return loaded{line: l, p: p, c: c, sum: sum}, nil
	}
	if l.Version == 0 && len(recs) == 0 {
		return loaded{}, &CorruptError{Line: id, Reason: "the store returned no records for the line without saying it is missing (ErrNotFound)"}
	}
	l, p, sum, tail, err := e.replay(id, l, p, sum, recs)
	if err != nil {
		return loaded{}, err
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	tail.into(keys)
	n := &cached{shard: sh, line: l, sum: sum, keys: keys}
	if cur := sh.lines[id]; cur == nil || cur.line.Version < l.Version {
		sh.put(id, n)
	}
	return loaded{line: l, p: p, c: n, sum: sum}, nil
}

// replayedTail is what a replay learned besides the line: the keys its facts
// used, the purchases they archived, and their bytes.
type replayedTail struct {
	keys       []keyUse
	archive    []indexEntry
	statements []indexEntry
	bytes      int
}

// into adds what the tail learned to r. Call it with r's shard lock held.
func (t *replayedTail) into(r *keyring) {
	for _, u := range t.keys {
		r.add(u)
	}
	r.tidy()
	r.archive = r.archive.with(t.archive)
	r.statements = r.statements.with(t.statements)
	r.sinceBytes += t.bytes
}

// replay applies a journal's records to l, whose last record's Sum is sum,
// and returns the line, its product, the Sum of its last record and the
// keys the records used. It trusts nothing: each record must carry the
// version after the one before, follow on from it by its Sum, be in a
// format this library writes, and apply; the first must open this very
// line, and no other may open one.
func (e *Engine) replay(id string, l Line, p *compiled, sum uint32, recs []Record) (Line, *compiled, uint32, replayedTail, error) {
	var tail replayedTail
	bad := func(v int64, err error, format string, args ...any) (Line, *compiled, uint32, replayedTail, error) {
		return Line{}, nil, 0, replayedTail{}, &CorruptError{Line: id, Version: v, Reason: fmt.Sprintf(format, args...), Err: err}
	}
	for _, rec := range recs {
		want := l.Version + 1
		carried, err := checkRecord(id, want, sum, rec)
		if err != nil {
			return Line{}, nil, 0, replayedTail{}, err
		}
		f, err := decodeFact(rec.Data)
		if err != nil {
			return bad(want, err, "the record does not decode")
		}
		if !readsFormat(f.V) {
			return bad(want, nil, "fact format %d is not one this library reads (it writes %d)", f.V, factFormat)
		}
		if (f.Kind == factOpened) != (want == 1) {
			return bad(want, nil, "a journal opens its line with its first fact, and only then")
		}
		if f.Kind == factOpened {
			d, err := payloadOf[openedData](f)
			if err != nil {
				return bad(want, err, "the opening does not decode")
			}
			if d.ID != id {
				return bad(want, nil, "the journal opens line %q", d.ID)
			}
			if p = e.products[d.Product]; p == nil {
				return bad(want, nil, "the line uses product %q, which this Engine was not given", d.Product)
			}
		}
		if p == nil {
			return bad(want, nil, "no opening before this record")
		}
		purchases, oldest := len(l.Purchases), oldestStatement(&l)
		if l, err = l.apply(p, f); err != nil {
			return bad(want, err, "the fact does not apply")
		}
		if f.Key != "" {
			tail.keys = append(tail.keys, keyUse{Key: f.Key, Hash: f.Hash, Version: rec.Version, Result: f.Result, prev: sum})
		}
		if f.Kind == factAdvanced && (len(l.Purchases) < purchases || oldestStatement(&l) != oldest) {
			ids, dates, err := archivedOf(f)
			if err != nil {
				return bad(want, err, "what it archived does not decode")
			}
			for _, pid := range ids {
				tail.archive = append(tail.archive, indexEntry{print: fingerprint(printPurchase, pid), version: rec.Version, prev: sum})
			}
			if len(dates) > 0 {
				tail.statements = append(tail.statements, indexEntry{version: rec.Version, prev: sum})
			}
		}
		tail.bytes += len(rec.Data)
		sum = carried
	}
	if p == nil {
		return bad(0, nil, "the line uses product %q, which this Engine was not given", l.Product)
	}
	return l, p, sum, tail, nil
}

// oldestStatement returns the date of the oldest statement l keeps: an
// advance that archives statements changes it (however many it cuts).
func oldestStatement(l *Line) calendar.Date {
	if len(l.Statements) == 0 {
		return calendar.Date{}
	}
	return l.Statements[0].Date
}

// checkRecord checks that rec is the record at version want of line id,
// following on from the record before it, whose Sum is prev. It returns
// rec's Sum.
func checkRecord(id string, want int64, prev uint32, rec Record) (uint32, error) {
	if rec.Version != want {
		return 0, &CorruptError{Line: id, Version: want, Reason: fmt.Sprintf("the store returned version %d where %d follows", rec.Version, want)}
	}
	body, carried, ok := unseal(rec.Data)
	switch {
	case !ok:
		return 0, &CorruptError{Line: id, Version: want, Reason: "the record does not end with its checksum"}
	case checksum(prev, body) != carried:
		return 0, &CorruptError{Line: id, Version: want, Reason: "the record does not follow on from the one before it (changed, moved, repeated, or from another line)"}
	}
	return carried, nil
}

// fromSnapshot returns the line's latest snapshot and the journal records
// after it, or an empty line and the whole journal when the store keeps
// no snapshot. A snapshot must be of this line at its version, and the
// journal's record at that version must carry the Sum the snapshot was
// taken at: it is read with the tail, so that a snapshot ahead of its
// journal, of another line or of another journal is caught.
func (e *Engine) fromSnapshot(ctx context.Context, id string) (Line, uint32, *keyring, []Record, error) {
	keys := &keyring{}
	fromStart := func() (Line, uint32, *keyring, []Record, error) {
		recs, err := e.store.Load(ctx, id, 0)
		return Line{}, rootSum(id), keys, recs, err
	}
	s, ok := e.store.(Snapshotter)
	if !ok {
		return fromStart()
	}
	snap, found, err := s.LoadSnapshot(ctx, id)
	if errors.Is(err, ErrNotFound) { // a store that says "none" this way
		found, err = false, nil
	}
	if err != nil {
		return Line{}, 0, nil, nil, err
	}
	if !found {
		return fromStart()
	}
	bad := func(err error, format string, args ...any) (Line, uint32, *keyring, []Record, error) {
		return Line{}, 0, nil, nil, &CorruptError{Line: id, Version: snap.Version, Reason: "snapshot: " + fmt.Sprintf(format, args...), Err: err}
	}
	body, seal, ok := unsealWith(snap.Data, snapSealTag)
	if !ok {
		return bad(nil, "does not end with its seal")
	}
	var sd snapshotData
	if err := json.Unmarshal(append(body[:len(body):len(body)], '}'), &sd); err != nil {
		return bad(err, "does not decode")
	}
	if checksum(sd.Sum, body) != seal {
		return bad(nil, "its bytes do not match its seal")
	}
	switch {
	case sd.Line.ID != id:
		return bad(nil, "is of line %q", sd.Line.ID)
	case snap.Version < 1 || sd.Line.Version != snap.Version:
		return bad(nil, "is stored as version %d but holds version %d", snap.Version, sd.Line.Version)
	case sd.Format == 0: // an earlier release's, with its keys in full: start over (a new one follows)
		return fromStart()
	case sd.Format != snapshotFormat:
		return bad(nil, "format %d is not one this library reads (it writes %d)", sd.Format, snapshotFormat)
	}
	if keys.old, err = unmarshalIndex(sd.Keys, snap.Version); err != nil {
		return bad(err, "its key index does not decode")
	}
	if keys.archive, err = unmarshalIndex(sd.Archive, snap.Version); err != nil {
		return bad(err, "its archive index does not decode")
	}
	if keys.statements, err = unmarshalIndex(sd.Statements, snap.Version); err != nil {
		return bad(err, "its statement index does not decode")
	}
	recs, err := e.store.Load(ctx, id, snap.Version-1)
	if err != nil {
		return Line{}, 0, nil, nil, err
	}
	switch {
	case len(recs) == 0:
		return bad(nil, "the journal has no record at its version: the snapshot is ahead of it")
	case recs[0].Version != snap.Version:
		return bad(nil, "the store returned version %d where its version was asked for", recs[0].Version)
	}
	if body, carried, ok := unseal(recs[0].Data); !ok || carried != sd.Sum || checksum(sd.Prev, body) != carried {
		return bad(nil, "was not taken from this journal (its record at that version does not check against it)")
	}
	keys.snapVersion, keys.snapBytes = snap.Version, len(snap.Data)
	return sd.Line, sd.Sum, keys, recs[1:], nil
}

// keyUse returns what key did on line id, whose entry is c, if it was
// used: from memory, or through the index from the record of the fact that
// used it.
func (e *Engine) keyUse(ctx context.Context, c *cached, id, key string) (keyUse, bool, error) {
	c.shard.mu.Lock()
	r := c.keys
	for i := len(r.recent) - 1; i >= 0; i-- {
		if r.recent[i].Key == key {
			u := r.recent[i]
			c.shard.mu.Unlock()
			return u, true, nil
		}
	}
	candidates := r.old.find(fingerprint(printKey, key))
	c.shard.mu.Unlock()
	for _, en := range candidates {
		f, err := e.record(ctx, id, en)
		if err != nil {
			return keyUse{}, false, err
		}
		if f.Key == key {
			return keyUse{Key: key, Hash: f.Hash, Version: en.version, Result: f.Result, prev: en.prev}, true, nil
		}
	}
	return keyUse{}, false, nil
}

// record returns the fact of the record an index entry points to, checked
// against the Sum it continues. A store that implements RangeLoader is
// asked for that record alone.
func (e *Engine) record(ctx context.Context, id string, en indexEntry) (Fact, error) {
	var recs []Record
	var err error
	if rl, ok := e.store.(RangeLoader); ok {
		recs, err = rl.LoadRange(ctx, id, en.version-1, en.version)
	} else {
		recs, err = e.store.Load(ctx, id, en.version-1)
	}
	if err != nil {
		return Fact{}, err
	}
	if len(recs) == 0 {
		// An older prefix of the journal (a lagging replica): nothing is
		// decided on it, and a command is tried again.
		return Fact{}, fmt.Errorf("%w: the store has no record at version %d of line %q, which the Engine has read before", ErrConflict, en.version, id)
	}
	// Any records after it were read too: they must follow on, and be of a
	// format this library reads.
	if err := checkRecords(id, en.version-1, en.prev, recs); err != nil {
		return Fact{}, err
	}
	var first Fact
	for i, rec := range recs {
		f, err := decodeFact(rec.Data)
		if err != nil || !readsFormat(f.V) {
			return Fact{}, &CorruptError{Line: id, Version: rec.Version, Reason: "the record does not decode", Err: err}
		}
		if i == 0 {
			first = f
		}
	}
	return first, nil
}

// keepResult keeps a rebuilt result with its key in entry c.
func (e *Engine) keepResult(c *cached, use keyUse, v any) {
	c.shard.mu.Lock()
	defer c.shard.mu.Unlock()
	r := c.keys
	for i := len(r.recent) - 1; i >= 0; i-- {
		if r.recent[i].Key == use.Key {
			r.recent[i].value = v
			return
		}
	}
	use.value = v
	r.add(use) // found through the index: kept in full again, for a while
}

// remember caches final, the line after facts were appended to the line
// of entry base; sum is the Sum of the last fact, prevs the Sums each fact
// continued.
func (e *Engine) remember(base *cached, final *Line, sum uint32, facts []Fact, prevs []uint32, bytes int) {
	sh := e.cache.shard(final.ID)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	first := final.Version - int64(len(facts)) + 1 // the version of facts[0]
	r := base.keys
	for i, f := range facts {
		v := first + int64(i)
		if f.Key != "" {
			r.add(keyUse{Key: f.Key, Hash: f.Hash, Version: v, Result: f.Result, prev: prevs[i], value: f.result})
		}
		if d, ok := f.payload.(advancedData); ok && len(d.Archived)+len(d.ArchivedStatements) > 0 {
			ids, _, _ := archivedOf(f)
			r.archived(ids, len(d.ArchivedStatements), v, prevs[i])
		}
	}
	r.tidy()
	r.sinceBytes += bytes
	switch cur := sh.lines[final.ID]; {
	case cur == nil:
		sh.put(final.ID, &cached{shard: sh, line: *final, sum: sum, keys: r})
	case cur.line.Version < final.Version:
		cur.line, cur.sum, cur.keys = *final, sum, r
	}
}

// put adds an entry, forgetting a random line first if the shard is full.
// Call it with sh.mu held.
func (sh *cacheShard) put(id string, c *cached) {
	if _, ok := sh.lines[id]; !ok && len(sh.lines) >= sh.max {
		for old := range sh.lines { // map order is random
			delete(sh.lines, old)
			break
		}
	}
	sh.lines[id] = c
}

// forget drops a line from the cache.
func (e *Engine) forget(id string) {
	sh := e.cache.shard(id)
	sh.mu.Lock()
	delete(sh.lines, id)
	sh.mu.Unlock()
}

// snapshot saves the line's state and its indexes once SnapshotEvery facts
// have followed the last snapshot (and, for a large snapshot, the journal
// has grown by a quarter of its size). Only folding the recent keys into
// the index holds the shard's lock; encoding and saving do not.
func (e *Engine) snapshot(ctx context.Context, c *cached, l *Line, prev, sum uint32) {
	s, ok := e.store.(Snapshotter)
	if !ok {
		return
	}
	sh, r := c.shard, c.keys
	sh.mu.Lock()
	if l.Version-r.snapVersion < e.every || r.snapBytes > snapshotSmall && 4*r.sinceBytes < r.snapBytes || r.snapVersion >= l.Version {
		sh.mu.Unlock()
		return
	}
	r.fold(l.Version)
	keys, archive, statements := r.old.through(l.Version), r.archive.through(l.Version), r.statements.through(l.Version)
	r.snapVersion = l.Version // no other snapshot of this line starts meanwhile
	sh.mu.Unlock()
	kb, ok1 := keys.MarshalBinary()
	ab, ok2 := archive.MarshalBinary()
	sb, ok3 := statements.MarshalBinary()
	if !ok1 || !ok2 || !ok3 {
		return // a line of four billion facts is read from its journal
	}
	b, err := json.Marshal(snapshotData{Line: *l, Prev: prev, Sum: sum, Format: snapshotFormat, Keys: kb, Archive: ab, Statements: sb})
	if err != nil {
		return
	}
	body := b[:len(b)-1] // seal it: the body without its closing brace, then the seal
	b = append(strconv.AppendUint(append(body, snapSealTag...), uint64(checksum(sum, body)), 10), '}')
	_ = s.SaveSnapshot(ctx, l.ID, Record{Version: l.Version, Data: b}) // a lost snapshot costs only time
	sh.mu.Lock()
	r.snapBytes, r.sinceBytes = len(b), 0
	sh.mu.Unlock()
}
