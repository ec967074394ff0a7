package credit

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
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

// cached is a decoded line and the idempotency keys of its journal.
type cached struct {
	shard *cacheShard
	line  Line // replaced, never changed, under shard.mu
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

// snapshotData is the JSON form of a snapshot.
type snapshotData struct {
	Line Line              `json:"line"`
	Keys map[string]keyUse `json:"keys"`
}

// load returns the line as stored, from the cache or a snapshot plus the
// journal's tail, and the cache entry whose keys cover it.
func (e *Engine) load(ctx context.Context, id string) (Line, *compiled, *cached, error) {
	var l Line
	var keys map[string]keyUse
	sh := e.cache.shard(id)
	sh.mu.Lock()
	c := sh.lines[id]
	if c != nil {
		l, keys = c.line, c.keys // copied under the lock: remember replaces c.line
	}
	sh.mu.Unlock()
	if c == nil {
		var err error
		if l, keys, err = e.fromSnapshot(ctx, id); err != nil {
			return Line{}, nil, nil, err
		}
	}
	recs, err := e.store.Load(ctx, id, l.Version)
	if err != nil {
		return Line{}, nil, nil, err
	}
	p := e.products[l.Product]
	if c != nil && len(recs) == 0 {
		return l, p, c, nil
	}
	l, p, tail, err := e.replay(id, l, p, recs)
	if err != nil {
		return Line{}, nil, nil, err
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	for k, v := range tail {
		keys[k] = v
	}
	n := &cached{shard: sh, line: l, keys: keys}
	if cur := sh.lines[id]; cur == nil || cur.line.Version < l.Version {
		sh.put(id, n)
	}
	return l, p, n, nil
}

// replay applies a journal's records to l and returns the line, its
// product and the keys the records used.
func (e *Engine) replay(id string, l Line, p *compiled, recs []Record) (Line, *compiled, map[string]keyUse, error) {
	tail := map[string]keyUse{}
	for _, rec := range recs {
		var f Fact
		if err := json.Unmarshal(rec.Data, &f); err != nil {
			return Line{}, nil, nil, fmt.Errorf("%w: %s version %d: %v", ErrCorruptJournal, id, rec.Version, err)
		}
		if f.Kind == factOpened {
			var d openedData
			if err := json.Unmarshal(f.Data, &d); err != nil {
				return Line{}, nil, nil, fmt.Errorf("%w: %v", ErrCorruptJournal, err)
			}
			if p = e.products[d.Product]; p == nil {
				return Line{}, nil, nil, fmt.Errorf("%w: line %s uses unknown product %q", ErrCorruptJournal, id, d.Product)
			}
		}
		if p == nil {
			return Line{}, nil, nil, fmt.Errorf("%w: line %s does not begin with its opening", ErrCorruptJournal, id)
		}
		var err error
		if l, err = l.apply(p, f); err != nil {
			return Line{}, nil, nil, fmt.Errorf("%w: %s version %d: %v", ErrCorruptJournal, id, rec.Version, err)
		}
		if f.Key != "" {
			tail[f.Key] = keyUse{Hash: f.Hash, Version: rec.Version, Result: f.Result}
		}
	}
	if p == nil {
		return Line{}, nil, nil, fmt.Errorf("%w: line %s uses unknown product %q", ErrNotFound, id, l.Product)
	}
	return l, p, tail, nil
}

// fromSnapshot returns the line's latest snapshot, or an empty line when
// the store keeps none.
func (e *Engine) fromSnapshot(ctx context.Context, id string) (Line, map[string]keyUse, error) {
	keys := map[string]keyUse{}
	s, ok := e.store.(Snapshotter)
	if !ok {
		return Line{}, keys, nil
	}
	snap, found, err := s.LoadSnapshot(ctx, id)
	if err != nil || !found {
		return Line{}, keys, err
	}
	var sd snapshotData
	if err := json.Unmarshal(snap.Data, &sd); err != nil {
		return Line{}, nil, fmt.Errorf("%w: snapshot of %s: %v", ErrCorruptJournal, id, err)
	}
	if sd.Keys != nil {
		keys = sd.Keys
	}
	return sd.Line, keys, nil
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
// of entry base.
func (e *Engine) remember(base *cached, final *Line, facts []Fact) {
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
		sh.put(final.ID, &cached{shard: sh, line: *final, keys: base.keys})
	case cur.line.Version < final.Version:
		cur.line, cur.keys = *final, base.keys
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
func (e *Engine) snapshot(ctx context.Context, c *cached, l *Line) {
	s, ok := e.store.(Snapshotter)
	if !ok || l.Version%e.every != 0 {
		return
	}
	c.shard.mu.Lock()
	b, err := json.Marshal(snapshotData{Line: *l, Keys: c.keys})
	c.shard.mu.Unlock()
	if err == nil {
		_ = s.SaveSnapshot(ctx, l.ID, Record{Version: l.Version, Data: b}) // a lost snapshot costs only time
	}
}
