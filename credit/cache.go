package credit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"sync"
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
// A line's successive cache entries share one keys map, which only grows,
// under its shard's lock. An entry's keys cover every fact up to its
// line's version (and possibly later ones, which is harmless: a key used
// later is still a key used). A command checks its key against the entry
// it loaded, never against whatever the cache holds by then, so that an
// entry dropped or rebuilt by another goroutine in between cannot make a
// used key look new.

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
// idempotency keys the journal used.
type cached struct {
	shard *cacheShard
	line  Line   // replaced, never changed, under shard.mu
	sum   uint32 // the Sum of the record at line.Version
	keys  map[string]keyUse
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
	Line Line              `json:"line"`
	Prev uint32            `json:"prev"`
	Sum  uint32            `json:"sum"`
	Keys map[string]keyUse `json:"keys"`
}

// loaded is a line as the Engine read it: the line, its product, the cache
// entry whose keys cover it and the checksum its next fact continues.
type loaded struct {
	line Line
	p    *compiled
	c    *cached
	sum  uint32
}

// load returns line id as stored, from the cache or a snapshot plus the
// journal's tail, checked record by record (see replay). What the store
// returns that is not the journal the Engine wrote is a *CorruptError, and
// the line leaves the cache.
func (e *Engine) load(ctx context.Context, id string) (loaded, error) {
	lo, err := e.loadChecked(ctx, id)
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

func (e *Engine) loadChecked(ctx context.Context, id string) (loaded, error) {
	var l Line
	var keys map[string]keyUse
	var sum uint32
	sh := e.cache.shard(id)
	sh.mu.Lock()
	c := sh.lines[id]
	if c != nil {
		l, sum, keys = c.line, c.sum, c.keys // copied under the lock: remember replaces c.line
	}
	sh.mu.Unlock()
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
	for k, v := range tail {
		keys[k] = v
	}
	n := &cached{shard: sh, line: l, sum: sum, keys: keys}
	if cur := sh.lines[id]; cur == nil || cur.line.Version < l.Version {
		sh.put(id, n)
	}
	return loaded{line: l, p: p, c: n, sum: sum}, nil
}

// replay applies a journal's records to l, whose last record's Sum is sum,
// and returns the line, its product, the Sum of its last record and the
// keys the records used. It trusts nothing: each record must carry the
// version after the one before, follow on from it by its Sum, be in a
// format this library writes, and apply; the first must open this very
// line, and no other may open one.
func (e *Engine) replay(id string, l Line, p *compiled, sum uint32, recs []Record) (Line, *compiled, uint32, map[string]keyUse, error) {
	tail := map[string]keyUse{}
	bad := func(v int64, err error, format string, args ...any) (Line, *compiled, uint32, map[string]keyUse, error) {
		return Line{}, nil, 0, nil, &CorruptError{Line: id, Version: v, Reason: fmt.Sprintf(format, args...), Err: err}
	}
	for _, rec := range recs {
		want := l.Version + 1
		carried, err := checkRecord(id, want, sum, rec)
		if err != nil {
			return Line{}, nil, 0, nil, err
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
		if l, err = l.apply(p, f); err != nil {
			return bad(want, err, "the fact does not apply")
		}
		if f.Key != "" {
			tail[f.Key] = keyUse{Hash: f.Hash, Version: rec.Version, Result: f.Result}
		}
		sum = carried
	}
	if p == nil {
		return bad(0, nil, "the line uses product %q, which this Engine was not given", l.Product)
	}
	return l, p, sum, tail, nil
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
func (e *Engine) fromSnapshot(ctx context.Context, id string) (Line, uint32, map[string]keyUse, []Record, error) {
	keys := map[string]keyUse{}
	fromStart := func() (Line, uint32, map[string]keyUse, []Record, error) {
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
	bad := func(err error, format string, args ...any) (Line, uint32, map[string]keyUse, []Record, error) {
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
	if sd.Keys != nil {
		keys = sd.Keys
	}
	return sd.Line, sd.Sum, keys, recs[1:], nil
}

// keyUse returns what key did on the line of entry c, if it was used.
func (e *Engine) keyUse(c *cached, key string) (keyUse, bool) {
	c.shard.mu.Lock()
	defer c.shard.mu.Unlock()
	u, ok := c.keys[key]
	return u, ok
}

// keepResult keeps a rebuilt result with its key in entry c.
func (e *Engine) keepResult(c *cached, key string, v any) {
	c.shard.mu.Lock()
	defer c.shard.mu.Unlock()
	if u, ok := c.keys[key]; ok {
		u.value = v
		c.keys[key] = u
	}
}

// remember caches final, the line after facts were appended to the line
// of entry base; sum is the Sum of the last fact.
func (e *Engine) remember(base *cached, final *Line, sum uint32, facts []Fact) {
	sh := e.cache.shard(final.ID)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	first := final.Version - int64(len(facts)) + 1 // the version of facts[0]
	for i, f := range facts {
		if f.Key != "" {
			base.keys[f.Key] = keyUse{Hash: f.Hash, Version: first + int64(i), Result: f.Result, value: f.result}
		}
	}
	switch cur := sh.lines[final.ID]; {
	case cur == nil:
		sh.put(final.ID, &cached{shard: sh, line: *final, sum: sum, keys: base.keys})
	case cur.line.Version < final.Version:
		cur.line, cur.sum, cur.keys = *final, sum, base.keys
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

// snapshot saves the line's state (and its keys) every so many versions.
func (e *Engine) snapshot(ctx context.Context, c *cached, l *Line, prev, sum uint32) {
	s, ok := e.store.(Snapshotter)
	if !ok || l.Version%e.every != 0 {
		return
	}
	c.shard.mu.Lock()
	b, err := json.Marshal(snapshotData{Line: *l, Prev: prev, Sum: sum, Keys: c.keys})
	c.shard.mu.Unlock()
	if err == nil { // seal it: the body without its closing brace, then the seal
		body := b[:len(b)-1]
		b = append(strconv.AppendUint(append(body, snapSealTag...), uint64(checksum(sum, body)), 10), '}')
	}
	if err == nil {
		_ = s.SaveSnapshot(ctx, l.ID, Record{Version: l.Version, Data: b}) // a lost snapshot costs only time
	}
}
