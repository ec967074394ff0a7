package credit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	cache    map[string]Line
}

// NewEngine returns an Engine for cfg, validating every product.
func NewEngine(cfg Config) (*Engine, error) {
	if cfg.Store == nil || cfg.Clock == nil {
		return nil, errors.New("credit: NewEngine needs a Store and a Clock")
	}
	e := &Engine{store: cfg.Store, products: map[string]*compiled{}, clock: cfg.Clock, rules: cfg.Rules,
		retries: cfg.Retries, every: cfg.SnapshotEvery, cache: map[string]Line{}}
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
	e.mu.Lock()
	l, cached := e.cache[id]
	e.mu.Unlock()
	if !cached {
		if s, ok := e.store.(Snapshotter); ok {
			snap, found, err := s.LoadSnapshot(ctx, id)
			if err != nil {
				return Line{}, nil, err
			}
			if found {
				if err := json.Unmarshal(snap.Data, &l); err != nil {
					return Line{}, nil, fmt.Errorf("%w: snapshot of %s: %v", ErrCorruptJournal, id, err)
				}
			}
		}
	}
	recs, err := e.store.Load(ctx, id, l.Version)
	if err != nil {
		return Line{}, nil, err
	}
	p := e.products[l.Product]
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
	}
	if p == nil {
		return Line{}, nil, fmt.Errorf("%w: line %s uses unknown product %q", ErrNotFound, id, l.Product)
	}
	e.remember(l)
	return l, p, nil
}

func (e *Engine) remember(l Line) {
	e.mu.Lock()
	if old, ok := e.cache[l.ID]; !ok || old.Version < l.Version {
		e.cache[l.ID] = l
	}
	e.mu.Unlock()
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
			if use, ok := l.Keys[key]; ok {
				if use.Hash != hash {
					return &IdempotencyError{Key: key}
				}
				if result != nil && use.Result != nil {
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
		if key != "" && res != nil {
			if last.Result, err = json.Marshal(res); err != nil {
				return err
			}
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
		e.remember(final)
		e.snapshot(ctx, final)
		return assign(result, res)
	}
}

func assign(dst, src any) error {
	if dst == nil || src == nil {
		return nil
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
		b, err := json.Marshal(facts[i])
		if err != nil {
			return nil, Line{}, err
		}
		recs = append(recs, Record{Version: next.Version, Data: b})
		cur = next
	}
	return recs, cur, nil
}

// factPostings derives a fact's postings from what it changed.
func factPostings(before, after *Line) []Posting {
	lines := emitted(before, after)
	var out []Posting
	for _, pu := range after.Purchases {
		merchant := pu.Merchant.ID
		var own []billing.Line
		for _, ln := range lines {
			if ln.Ref == pu.ID {
				own = append(own, ln)
			}
		}
		out = append(out, postings(own, merchant)...)
		// The merchant's service fee and any installment fee it funds.
		prev := Purchase{}
		if i := before.purchase(pu.ID); i >= 0 {
			prev = before.Purchases[i]
		}
		var posted int64
		for _, ln := range own {
			if ln.Kind == billing.PurchaseLine || ln.Kind == billing.InstallmentPurchaseLine {
				posted += ln.Amount.Units()
			}
		}
		if posted > 0 {
			settled := pu.Settlement.Units() - prev.Settlement.Units()
			if prev.Settlement.Currency() != pu.Settlement.Currency() {
				settled = pu.Settlement.Units()
			}
			if fee := posted - settled; fee != 0 {
				c := pu.Settlement.Currency()
				out = append(out, posting("merchant:"+merchant, fee, c), posting("income:merchant_fee", -fee, c))
			}
		}
	}
	var rest []billing.Line
	for _, ln := range lines {
		if after.purchase(ln.Ref) < 0 {
			rest = append(rest, ln)
		}
	}
	return append(out, postings(rest, "")...)
}

// snapshot saves the line's state every so many versions.
func (e *Engine) snapshot(ctx context.Context, l Line) {
	s, ok := e.store.(Snapshotter)
	if !ok || l.Version%e.every != 0 {
		return
	}
	if b, err := json.Marshal(l); err == nil {
		_ = s.SaveSnapshot(ctx, l.ID, Record{Version: l.Version, Data: b}) // a lost snapshot costs only time
	}
}

func hashOf(cmd any) string {
	b, _ := json.Marshal(cmd)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
