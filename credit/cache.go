package credit

import (
	"context"
	"encoding/json"
	"fmt"
)

// The Engine keeps recently used lines decoded, with the idempotency keys
// of their journals, so that a command costs one read of the journal's
// (usually empty) tail instead of a replay. The cache holds at most
// Config.CacheLines lines and forgets one at random to make room; a
// forgotten line is rebuilt from its latest snapshot and its journal.
//
// A line's successive cache entries share one keys map, which only grows,
// under Engine.mu. An entry's keys cover every fact up to its line's
// version (and possibly later ones, which is harmless: a key used later
// is still a key used). A command checks its key against the entry it
// loaded, never against whatever the cache holds by then, so that an entry
// dropped or rebuilt by another goroutine in between cannot make a used
// key look new.

// cached is a decoded line and the idempotency keys of its journal.
type cached struct {
	line Line // replaced, never changed, under Engine.mu
	keys map[string]keyUse
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
	e.mu.Lock()
	c := e.cache[id]
	if c != nil {
		l, keys = c.line, c.keys // copied under the lock: remember replaces c.line
	}
	e.mu.Unlock()
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
	e.mu.Lock()
	defer e.mu.Unlock()
	for k, v := range tail {
		keys[k] = v
	}
	n := &cached{line: l, keys: keys}
	if cur := e.cache[id]; cur == nil || cur.line.Version < l.Version {
		e.put(id, n)
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
			tail[f.Key] = keyUse{Hash: f.Hash, Result: f.Result}
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
	e.mu.Lock()
	defer e.mu.Unlock()
	u, ok := c.keys[key]
	return u, ok
}

// remember caches final, the line after facts were appended to the line
// of entry base.
func (e *Engine) remember(base *cached, final Line, facts []Fact) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range facts {
		if f.Key != "" {
			base.keys[f.Key] = keyUse{Hash: f.Hash, Result: f.Result, value: f.result}
		}
	}
	switch cur := e.cache[final.ID]; {
	case cur == nil:
		e.put(final.ID, &cached{line: final, keys: base.keys})
	case cur.line.Version < final.Version:
		cur.line, cur.keys = final, base.keys
	}
}

// put adds an entry, forgetting a random line first if the cache is full.
// Call it with e.mu held.
func (e *Engine) put(id string, c *cached) {
	if _, ok := e.cache[id]; !ok && len(e.cache) >= e.cacheLines {
		for old := range e.cache { // map order is random
			delete(e.cache, old)
			break
		}
	}
	e.cache[id] = c
}

// forget drops a line from the cache.
func (e *Engine) forget(line string) {
	e.mu.Lock()
	delete(e.cache, line)
	e.mu.Unlock()
}

// snapshot saves the line's state (and its keys) every so many versions.
func (e *Engine) snapshot(ctx context.Context, c *cached, l Line) {
	s, ok := e.store.(Snapshotter)
	if !ok || l.Version%e.every != 0 {
		return
	}
	e.mu.Lock()
	b, err := json.Marshal(snapshotData{Line: l, Keys: c.keys})
	e.mu.Unlock()
	if err == nil {
		_ = s.SaveSnapshot(ctx, l.ID, Record{Version: l.Version, Data: b}) // a lost snapshot costs only time
	}
}
