package credit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
)

// Clock tells the Engine the time. Inject a fake one in tests.
type Clock interface {
	Now() time.Time
}

// Config configures an Engine.
type Config struct {
	Store    Store
	Products []Product
	Clock    Clock
	Rules    []Rule // host authorization rules, after the built-in ones
	// Retries is how many times a command is retried after a conflict
	// (another writer changed the line first); 0 means 8.
	Retries int
	// SnapshotEvery saves a snapshot every so many facts when the store
	// implements Snapshotter; 0 means 64.
	SnapshotEvery int64
}

// Engine applies commands to lines kept in a Store. It only loads, decides
// (purely), appends and retries; it keeps a cache of decoded lines, which
// it revalidates against the store on every command. Safe for concurrent
// use.
type Engine struct {
	store    Store
	products map[string]*compiled
	clock    Clock
	rules    []Rule
	retries  int
	every    int64
	mu       sync.Mutex
	cache    map[string]*cached
}

// cached is a decoded line and the idempotency keys of its journal. The
// Line is never changed once cached; keys only grow, under Engine.mu.
type cached struct {
	line Line
	keys map[string]keyUse
}

// snapshotData is the JSON form of a snapshot.
type snapshotData struct {
	Line Line              `json:"line"`
	Keys map[string]keyUse `json:"keys"`
}

// NewEngine returns an Engine for cfg, validating every product.
func NewEngine(cfg Config) (*Engine, error) {
	if cfg.Store == nil || cfg.Clock == nil {
		return nil, errors.New("credit: NewEngine needs a Store and a Clock")
	}
	e := &Engine{store: cfg.Store, products: map[string]*compiled{}, clock: cfg.Clock, rules: cfg.Rules,
		retries: cfg.Retries, every: cfg.SnapshotEvery, cache: map[string]*cached{}}
	if e.retries <= 0 {
		e.retries = 8
	}
	if e.every <= 0 {
		e.every = 64
	}
	for _, p := range cfg.Products {
		c, err := compile(p)
		if err != nil {
			return nil, err
		}
		if _, dup := e.products[p.Name]; dup {
			return nil, &ProductError{Product: p.Name, Field: "name", Reason: "given twice"}
		}
		e.products[p.Name] = c
	}
	return e, nil
}

// Line returns the line's current state.
func (e *Engine) Line(ctx context.Context, id string) (*Line, error) {
	l, _, err := e.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// load returns the line as stored, from the cache or a snapshot plus the
// journal's tail.
func (e *Engine) load(ctx context.Context, id string) (Line, *compiled, error) {
	var l Line
	e.mu.Lock()
	c := e.cache[id]
	if c != nil {
		l = c.line // copied under the lock: remember updates the entry in place
	}
	e.mu.Unlock()
	keys := map[string]keyUse{}
	if c == nil {
		var err error
		if l, keys, err = e.fromSnapshot(ctx, id); err != nil {
			return Line{}, nil, err
		}
	}
	recs, err := e.store.Load(ctx, id, l.Version)
	if err != nil {
		return Line{}, nil, err
	}
	p := e.products[l.Product]
	tail := map[string]keyUse{}
	for _, rec := range recs {
		var f Fact
		if err := json.Unmarshal(rec.Data, &f); err != nil {
			return Line{}, nil, fmt.Errorf("%w: %s version %d: %v", ErrCorruptJournal, id, rec.Version, err)
		}
		if f.Kind == factOpened {
			var d openedData
			if err := json.Unmarshal(f.Data, &d); err != nil {
				return Line{}, nil, fmt.Errorf("%w: %v", ErrCorruptJournal, err)
			}
			if p = e.products[d.Product]; p == nil {
				return Line{}, nil, fmt.Errorf("%w: line %s uses unknown product %q", ErrCorruptJournal, id, d.Product)
			}
		}
		if p == nil {
			return Line{}, nil, fmt.Errorf("%w: line %s does not begin with its opening", ErrCorruptJournal, id)
		}
		if l, err = l.apply(p, f); err != nil {
			return Line{}, nil, fmt.Errorf("%w: %s version %d: %v", ErrCorruptJournal, id, rec.Version, err)
		}
		if f.Key != "" {
			tail[f.Key] = keyUse{Hash: f.Hash, Result: f.Result}
		}
	}
	if p == nil {
		return Line{}, nil, fmt.Errorf("%w: line %s uses unknown product %q", ErrNotFound, id, l.Product)
	}
	e.mu.Lock()
	if c = e.cache[id]; c == nil || c.line.Version < l.Version {
		if c != nil {
			keys = c.keys
		}
		for k, v := range tail {
			keys[k] = v
		}
		e.cache[id] = &cached{line: l, keys: keys}
	}
	e.mu.Unlock()
	return l, p, nil
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

// keyUse returns what key did on line id, if it was used.
func (e *Engine) keyUse(id, key string) (keyUse, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c := e.cache[id]; c != nil {
		u, ok := c.keys[key]
		return u, ok
	}
	return keyUse{}, false
}

// remember caches the line after a successful append of facts.
func (e *Engine) remember(l Line, facts []Fact) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.cache[l.ID]
	if c == nil {
		c = &cached{keys: map[string]keyUse{}}
		e.cache[l.ID] = c
	}
	if c.line.Version >= l.Version && c.line.ID != "" {
		return
	}
	c.line = l
	for _, f := range facts {
		if f.Key != "" {
			c.keys[f.Key] = keyUse{Hash: f.Hash, Result: f.Result, value: f.result}
		}
	}
}

// decider decides a command on a line at a date: the facts to append (each
// already applied to check it) and the result to return.
type decider func(l *Line, p *compiled, on calendar.Date) ([]Fact, any, error)

// run executes one command: idempotency, advancing the line to the
// command's date, deciding, appending and retrying on conflicts.
func (e *Engine) run(ctx context.Context, line, key string, cmd any, at time.Time, result any, decide decider) error {
	hash := ""
	if key != "" {
		hash = hashOf(cmd)
	}
	for attempt := 0; ; attempt++ {
		l, p, err := e.load(ctx, line)
		if err != nil {
			return err
		}
		if key != "" {
			if use, ok := e.keyUse(line, key); ok {
				if use.Hash != hash {
					return &IdempotencyError{Key: key}
				}
				switch {
				case result == nil:
				case use.value != nil:
					return assign(result, use.value)
				case use.Result != nil:
					return json.Unmarshal(use.Result, result)
				}
				return nil
			}
		}
		if at.IsZero() {
			at = e.clock.Now()
		}
		on := l.rules(p).Cycle.PostingDate(at, p.loc)
		if on.Before(l.Today) {
			on = l.Today // a late-arriving event posts on the line's current day
		}
		facts, next, err := e.advanceFacts(l, p, on)
		if err != nil {
			return err
		}
		more, res, err := decide(&next, p, on)
		if err != nil {
			return err
		}
		facts = append(facts, more...)
		if len(facts) == 0 {
			return assign(result, res)
		}
		last := &facts[len(facts)-1]
		last.Key, last.Hash = key, hash
		if key != "" {
			last.result = res
		}
		recs, final, err := e.encode(l, p, facts)
		if err != nil {
			return err
		}
		err = e.store.Append(ctx, line, l.Version, recs)
		if errors.Is(err, ErrConflict) && attempt < e.retries {
			e.forget(line)
			continue
		}
		if err != nil {
			e.forget(line)
			return err
		}
		e.remember(final, facts)
		e.snapshot(ctx, final)
		return assign(result, res)
	}
}

// assign stores a command's result in the caller's variable.
func assign(dst, src any) error {
	if dst == nil || src == nil {
		return nil
	}
	switch d := dst.(type) {
	case *Decision:
		if v, ok := src.(Decision); ok {
			*d = v
			return nil
		}
	case *Purchase:
		if v, ok := src.(Purchase); ok {
			*d = v
			return nil
		}
	case *Balances:
		if v, ok := src.(Balances); ok {
			*d = v
			return nil
		}
	}
	b, err := json.Marshal(src)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

func (e *Engine) forget(line string) {
	e.mu.Lock()
	delete(e.cache, line)
	e.mu.Unlock()
}

// advanceFacts returns the fact that brings l to day on, if it is behind,
// and the line after it.
func (e *Engine) advanceFacts(l Line, p *compiled, on calendar.Date) ([]Fact, Line, error) {
	if !on.After(l.Today) {
		return nil, l, nil
	}
	f, err := newFact(factAdvanced, on, advancedData{To: on})
	if err != nil {
		return nil, Line{}, err
	}
	next, err := l.apply(p, f)
	if err != nil {
		return nil, Line{}, &CommandError{Op: "advance", Code: "advance_failed", Reason: "the line could not be brought to " + on.String(), Err: err}
	}
	return []Fact{f}, next, nil
}

// encode replays facts on l to compute their postings and encodes them.
func (e *Engine) encode(l Line, p *compiled, facts []Fact) ([]Record, Line, error) {
	recs := make([]Record, 0, len(facts))
	cur := l
	for i := range facts {
		next, err := cur.apply(p, facts[i])
		if err != nil {
			return nil, Line{}, &CommandError{Op: facts[i].Kind, Code: "rejected", Reason: "the command cannot apply", Err: err}
		}
		facts[i].Postings = factPostings(&cur, &next)
		b, err := facts[i].appendJSON(make([]byte, 0, 1024))
		if err != nil {
			return nil, Line{}, err
		}
		recs = append(recs, Record{Version: next.Version, Data: b})
		cur = next
	}
	return recs, cur, nil
}

// factPostings derives a fact's postings from what it changed: the legs of
// every billing line it emitted, and for each purchase it posted, the
// merchant's service fee and any installment fee the merchant funds.
func factPostings(before, after *Line) []Posting {
	lines := emitted(before, after)
	if len(lines) == 0 {
		return nil // holds, limits and statuses move no money
	}
	var out []Posting
	posted := map[string]int64{}
	merchants := map[string]string{}
	for _, ln := range lines {
		merchant := ""
		if i := after.purchase(ln.Ref); i >= 0 {
			merchant = after.Purchases[i].Merchant.ID
			merchants[ln.Ref] = merchant
			if ln.Kind == billing.PurchaseLine || ln.Kind == billing.InstallmentPurchaseLine {
				posted[ln.Ref] += ln.Amount.Units()
			}
		}
		out = append(out, postings([]billing.Line{ln}, merchant)...)
	}
	for ref, amount := range posted {
		pu := after.Purchases[after.purchase(ref)]
		settled := pu.Settlement.Units()
		if i := before.purchase(ref); i >= 0 && before.Purchases[i].Settlement.Currency().IsValid() {
			settled -= before.Purchases[i].Settlement.Units()
		}
		if fee := amount - settled; fee != 0 {
			c := pu.Settlement.Currency()
			out = append(out, posting("merchant:"+merchants[ref], fee, c), posting("income:merchant_fee", -fee, c))
		}
	}
	return out
}

// snapshot saves the line's state (and its keys) every so many versions.
func (e *Engine) snapshot(ctx context.Context, l Line) {
	s, ok := e.store.(Snapshotter)
	if !ok || l.Version%e.every != 0 {
		return
	}
	e.mu.Lock()
	var b []byte
	var err error
	if c := e.cache[l.ID]; c != nil && c.line.Version == l.Version {
		b, err = json.Marshal(snapshotData{Line: l, Keys: c.keys})
	}
	e.mu.Unlock()
	if err == nil && b != nil {
		_ = s.SaveSnapshot(ctx, l.ID, Record{Version: l.Version, Data: b}) // a lost snapshot costs only time
	}
}
