package credit

import (
	"context"
	"encoding/json"
	"errors"
	"hash/maphash"
	"maps"
	"slices"
	"strconv"
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
	// CacheLines is how many lines the Engine keeps decoded between
	// commands; 0 means 100,000. A line not in the cache is rebuilt from
	// its snapshot and journal.
	CacheLines int
	// MaxAhead is how far past the Clock a command may be dated: a command
	// whose At is later than the clock's now plus MaxAhead is refused
	// (code future_dated), and Advance brings a line at most to the day
	// that instant falls on in the product's zone. It absorbs clock skew
	// between hosts; nothing may move a line into the future, where every
	// fact is irreversible. 0 means DefaultMaxAhead; at most a day.
	MaxAhead time.Duration
	// Calendars are business calendars by the names products give them
	// (Product.Calendar). A name here is used before a built-in calendar
	// of the same name, so that a holiday notice published after this
	// release reaches the Engine at run time:
	//
	//	cn, _ := calendar.ChinaProjected()
	//	notice, _ := calendar.LoadOfficial(noticeJSON) // the 2027 notice, say
	//	cfg.Calendars = map[string]calendar.WorkingDays{"CN": cn.With(notice)}
	//
	// Other names are resolved by calendar.Country ("CN" and the rickar/cal
	// countries: "US", "GB", "DE", "JP", ...). A name no product uses is
	// ignored; a product whose name resolves to nothing fails NewEngine.
	Calendars map[string]calendar.WorkingDays
	// OnCommit, if not nil, is told each time a command (or an Advance)
	// commits: which line, and the version it now stands at. It is called
	// after the append, holding no lock, on the goroutine that ran the
	// command, so it should be quick (hand the Commit to a queue); a host
	// reads the facts themselves with Engine.Events (see Event).
	OnCommit func(Commit)
}

// DefaultMaxAhead is Config.MaxAhead's default.
const DefaultMaxAhead = 5 * time.Minute

// Engine applies commands to lines kept in a Store. It only loads, decides
// (purely), appends and retries; it keeps a bounded cache of decoded lines,
// which it brings up to date from the store on every command.
// Safe for concurrent use.
type Engine struct {
	store    Store
	products map[string]*compiled
	clock    Clock
	rules    []Rule
	retries  int
	every    int64
	ahead    time.Duration
	cache    *lineCache
	buffers  sync.Pool // of *[]byte, for encoding facts
	onCommit func(Commit)
	turns    *turns
	// calendars are the host's (Config.Calendars), for the products a
	// what-if proposes (WhatIf).
	calendars map[string]calendar.WorkingDays
	// campaignBooks are the campaigns' journals as last read, by name.
	campaignMu    sync.Mutex
	campaignBooks map[string]*campaignBook
}

// NewEngine returns an Engine for cfg, validating every product. A missing
// Store or Clock, a nil Rule or a MaxAhead out of range is a *ConfigError
// naming the field; a product that does not validate, a *ProductError.
func NewEngine(cfg Config) (*Engine, error) {
	switch {
	case isNil(cfg.Store):
		return nil, &ConfigError{Field: "Store", Reason: "is nil: the Engine keeps lines in a Store"}
	case isNil(cfg.Clock):
		return nil, &ConfigError{Field: "Clock", Reason: "is nil: give credit.SystemClock, or a fake clock in tests"}
	case cfg.MaxAhead < 0 || cfg.MaxAhead > 24*time.Hour:
		return nil, &ConfigError{Field: "MaxAhead", Reason: "must be from 0 to 24h, not " + cfg.MaxAhead.String()}
	case cfg.Retries < 0:
		return nil, &ConfigError{Field: "Retries", Reason: "must not be negative"}
	case cfg.SnapshotEvery < 0:
		return nil, &ConfigError{Field: "SnapshotEvery", Reason: "must not be negative"}
	case cfg.CacheLines < 0:
		return nil, &ConfigError{Field: "CacheLines", Reason: "must not be negative"}
	}
	for i, r := range cfg.Rules {
		if isNil(r) {
			return nil, &ConfigError{Field: "Rules[" + strconv.Itoa(i) + "]", Reason: "is nil"}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Calendars)) {
		if isNil(cfg.Calendars[name]) {
			return nil, &ConfigError{Field: "Calendars[" + strconv.Quote(name) + "]", Reason: "is nil"}
		}
	}
	e := &Engine{store: cfg.Store, products: map[string]*compiled{}, clock: cfg.Clock, rules: slices.Clone(cfg.Rules), onCommit: cfg.OnCommit,
		retries: cfg.Retries, every: cfg.SnapshotEvery, ahead: cfg.MaxAhead, calendars: maps.Clone(cfg.Calendars)}
	e.buffers.New = func() any { b := make([]byte, 0, 2048); return &b }
	e.turns = &turns{seed: maphash.MakeSeed()}
	if e.retries == 0 {
		e.retries = 8
	}
	if e.every == 0 {
		e.every = 64
	}
	if e.ahead == 0 {
		e.ahead = DefaultMaxAhead
	}
	if cfg.CacheLines == 0 {
		cfg.CacheLines = 100_000
	}
	e.cache = newLineCache(cfg.CacheLines)
	for _, p := range cfg.Products {
		c, err := compile(p, cfg.Calendars)
		if err != nil {
			return nil, err
		}
		if _, dup := e.products[p.Name]; dup {
			return nil, &ProductError{Product: p.Name, Field: "name", Reason: "given twice"}
		}
		e.products[p.Name] = c
	}
	if err := checkCampaigns(e.products); err != nil {
		return nil, err
	}
	return e, nil
}

// SystemClock is the Clock of a production host: the system's time.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// now reads the clock, refusing a reading outside MinYear to MaxYear.
func (e *Engine) now() (time.Time, error) {
	t := e.clock.Now()
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return time.Time{}, &ClockError{Time: t}
	}
	return t, nil
}

// when returns the instant a command is dated: at, or the clock's now when
// at is zero. An instant past the clock's now plus MaxAhead is refused, and
// so is one before MinYear (a line opened a century back would bill a
// century of statements at its first command).
func (e *Engine) when(op string, at time.Time) (time.Time, error) {
	now, err := e.now()
	if err != nil {
		return time.Time{}, err
	}
	if at.IsZero() {
		return now, nil
	}
	if at.UTC().Year() < MinYear {
		return time.Time{}, &CommandError{Op: op, Code: CodeBadDate, Field: "at", Reason: "dated " + at.UTC().Format(time.RFC3339) + ", before " + strconv.Itoa(MinYear)}
	}
	if limit := now.Add(e.ahead); at.After(limit) {
		return time.Time{}, &CommandError{Op: op, Code: CodeFutureDated, Field: "at",
			Reason: "dated " + at.UTC().Format(time.RFC3339) + ", after the clock's " + now.UTC().Format(time.RFC3339) + " plus " + e.ahead.String()}
	}
	return at, nil
}

// Line returns the line's current state: a deep copy, which the caller may
// keep or change.
func (e *Engine) Line(ctx context.Context, id string) (*Line, error) {
	if err := idError("line", "line", id, true, CodeMissingID); err != nil {
		return nil, err
	}
	lo, err := e.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return lo.line.copyOut(), nil
}

// journalAt is where a line's journal stood when the line was loaded: its
// last version and that record's Sum. (A command that reads the journal
// itself checks that it reads that journal.)
type journalAt struct {
	version int64
	sum     uint32
	entry   *cached // the cache entry it was loaded with: its keyring finds archived purchases
	// archiving are the purchases the command's own advance archives (not
	// yet in the keyring).
	archiving []Purchase
}

// decider decides a command on a line at a date: the fact to append and
// the result to return (or, for a command with a rebuild, a zero result:
// run rebuilds it from the line after the fact). run applies the fact,
// refusing the command if the line cannot take it.
type decider[R any] func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, R, error)

// command is what run needs to know of one command.
type command[R any] struct {
	op, line, key, hash string
	at                  time.Time
	// rebuild recomputes the command's result from the line as it stood
	// just after the command's fact. A command that has one keeps its
	// result out of the journal and out of memory (a replay rebuilds it);
	// one without (an authorization, whose decision host rules shape)
	// keeps it in its fact.
	rebuild func(l Line) (R, error)
	// copyOut returns a copy of a result that shares no memory with it:
	// what the Engine hands out, a host may change.
	copyOut func(R) R
	// anyDay: money in or out (a payment, refund or payout), which is
	// never refused for want of a day: when the line cannot be brought to
	// the command's day, it posts on the line's current day.
	anyDay bool
}

// run executes one command on e: idempotency, advancing the line to the
// command's date, deciding, appending and retrying on conflicts. (decide is
// apart from cmd so that it can stay on the caller's stack.) Every command
// that changes a line carries a key, and is dated no later than the
// clock allows.
func run[R any](ctx context.Context, e *Engine, cmd command[R], decide decider[R]) (R, error) {
	var zero R
	if err := firstError(idError(cmd.op, "line", cmd.line, true, CodeMissingID), idError(cmd.op, "key", cmd.key, true, CodeMissingKey)); err != nil {
		return zero, err
	}
	var err error
	if cmd.at, err = e.when(cmd.op, cmd.at); err != nil {
		return zero, err
	}
	// Commands on one line take turns within this Engine (a hot line
	// queues instead of fighting through the store); the host hears of
	// the commit once the turn is over.
	turn := e.turn(cmd.line)
	var res R
	var version int64
	cached := true
	for attempt := 0; ; attempt++ {
		var unverified bool
		res, version, unverified, err = runOnce(ctx, e, cmd, decide, cached)
		cached = false
		switch {
		case err != nil && unverified:
			// Refused on the cached line, whose tail was not read: only
			// the line as stored may refuse a command.
			attempt--
			continue
		case errors.Is(err, ErrConflict) && attempt < e.retries:
			continue
		}
		break
	}
	turn.Unlock()
	if err != nil {
		return zero, err
	}
	e.notify(cmd.line, version)
	if cmd.copyOut != nil {
		res = cmd.copyOut(res)
	}
	return res, nil
}

// runOnce is one attempt of run.
//
// A first attempt takes the line as cached, if it is, and appends at its
// version; a conflict (the line moved on, from another Engine or process)
// sends the next attempt to read the journal's tail.
//
// unverified reports a command refused on a line taken from the cache: run
// tries again on the line as stored. (A store's lie, a key used before and
// anything else are reported as they are.)
func runOnce[R any](ctx context.Context, e *Engine, cmd command[R], decide decider[R], cached bool) (res R, version int64, unverified bool, err error) {
	lo, err := e.loadAs(ctx, cmd.line, cached)
	if err != nil {
		return res, 0, false, err
	}
	res, version, err = decideAndCommit(ctx, e, cmd, decide, lo)
	return res, version, lo.unverified && err != nil && isRefusal(err), err
}

// isRefusal reports whether err is a command refused (*CommandError).
func isRefusal(err error) bool {
	var refused *CommandError
	return errors.As(err, &refused)
}

// decideAndCommit is runOnce on the line loaded.
func decideAndCommit[R any](ctx context.Context, e *Engine, cmd command[R], decide decider[R], lo loaded) (R, int64, error) {
	var zero R
	use, ok, err := e.keyUse(ctx, lo.c, cmd.line, cmd.key)
	if err != nil {
		return zero, 0, err
	}
	if ok {
		if !sameHash(use.Hash, cmd.hash) {
			return zero, 0, &IdempotencyError{Key: cmd.key, Op: cmd.op}
		}
		res, err := replayed(ctx, e, lo.c, cmd, use)
		return res, 0, err
	}
	l, p := &lo.line, lo.p
	on := l.rules(p).Cycle.PostingDate(cmd.at, p.loc)
	if on.Before(l.Opened) {
		return zero, 0, &CommandError{Op: cmd.op, Code: CodeBeforeOpening, Field: "at", Reason: "dated " + on.String() + ", before the line opened on " + l.Opened.String()}
	}
	if on.Before(l.Today) {
		on = l.Today // a late-arriving event posts on the line's current day
	}
	b := e.newBatch(cmd.line, l, lo.sum)
	defer b.release()
	if err := b.advance(p, on); err != nil {
		if !cmd.anyDay {
			return zero, 0, err
		}
		on = l.Today // money in or out posts where the line is (b is as it was)
	}
	f, res, err := decide(b.line, p, on, journalAt{version: b.version, sum: lo.sum, entry: lo.c, archiving: b.archiving()})
	if err != nil {
		return zero, 0, err
	}
	f.Key, f.Hash = cmd.key, cmd.hash
	if cmd.rebuild == nil {
		f.result = res
	}
	if err := b.add(p, f); err != nil {
		return zero, 0, &CommandError{Op: cmd.op, Code: failureCode(err, CodeRejected), Reason: "the line cannot take it", Err: err}
	}
	if cmd.rebuild != nil { // its result is what the line shows after the fact
		if res, err = cmd.rebuild(b.line); err != nil {
			return zero, 0, err
		}
	}
	if err := b.noteDelinquency(p, l); err != nil {
		return zero, 0, &CommandError{Op: cmd.op, Code: failureCode(err, CodeRejected), Reason: "the line cannot take it", Err: err}
	}
	if err := e.commit(ctx, lo.c, &b); err != nil {
		return zero, 0, err
	}
	return res, b.line.Version, nil
}

// replayed returns the result a key's first use returned: the value kept
// in this process, the one recorded in the journal, or one rebuilt from
// the line as it stood after the key's fact (and then kept, so that a
// client retrying again and again costs one rebuild).
func replayed[R any](ctx context.Context, e *Engine, c *cached, cmd command[R], use keyUse) (R, error) {
	var r R
	if v, ok := use.value.(R); ok {
		return v, nil
	}
	if len(use.Result) > 0 {
		if err := json.Unmarshal(use.Result, &r); err != nil {
			return r, &CorruptError{Line: cmd.line, Version: use.Version, Reason: "the recorded result does not decode", Err: err}
		}
		return r, nil
	}
	if cmd.rebuild == nil {
		return r, &CorruptError{Line: cmd.line, Version: use.Version, Reason: "the fact keeps no result to replay"}
	}
	l, err := e.lineAt(ctx, c, cmd.line, use.Version)
	if err != nil {
		return r, err
	}
	if r, err = cmd.rebuild(l); err == nil {
		e.keepResult(c, use, r)
	}
	return r, err
}

// lineAt returns line id as it stood at version: the cached line when it
// is that version (a retry just after the first try), else rebuilt from
// the journal's records up to it.
func (e *Engine) lineAt(ctx context.Context, c *cached, id string, version int64) (Line, error) {
	c.shard.mu.Lock()
	l := c.line
	c.shard.mu.Unlock()
	if l.Version == version {
		return l, nil
	}
	var recs []Record
	var err error
	if rl, ok := e.store.(RangeLoader); ok {
		recs, err = rl.LoadRange(ctx, id, 0, version)
	} else {
		recs, err = e.store.Load(ctx, id, 0)
	}
	if err != nil {
		return Line{}, err
	}
	if version < 1 || version > int64(len(recs)) {
		return Line{}, &CorruptError{Line: id, Version: version, Reason: "the journal has no such version"}
	}
	l, _, sum, _, err := e.replay(id, Line{}, nil, rootSum(id), recs[:version])
	if err != nil {
		return Line{}, err
	}
	// Any records after it were not applied, but they were read: they must
	// follow on too.
	return l, checkRecords(id, version, sum, recs[version:])
}

// checkRecords checks that records follow on from version, whose record
// carries sum: versions in order and checksums that chain.
func checkRecords(id string, version int64, sum uint32, recs []Record) error {
	for _, rec := range recs {
		version++
		var err error
		if sum, err = checkRecord(id, version, sum, rec); err != nil {
			return err
		}
	}
	return nil
}

// PromotionAccountPrefix starts the account of a campaign's expense,
// "expense:promotion:<campaign>": a fact that posts a purchase with a
// coupon moves it by the fee the campaign's budget funds, against
// income:fee.
const PromotionAccountPrefix = "expense:promotion:"

// factPostings derives a fact's postings from what it changed: the legs of
// every billing line it emitted, and for each purchase it posted, the
// merchant's service fee and any installment fee the merchant funds.
func factPostings(before, after *Line) []Posting {
	lines := emitted(before, after)
	if len(lines) == 0 {
		return chargeOffPostings(before, after) // holds, limits and statuses move no money
	}
	var out []Posting
	var refs []string // purchases the lines touched, in order
	for _, ln := range lines {
		merchant := ""
		if i := after.purchase(ln.Ref); i >= 0 {
			merchant = after.Purchases[i].Merchant.ID
			if !slices.Contains(refs, ln.Ref) {
				refs = append(refs, ln.Ref)
			}
		}
		out = append(out, postings([]billing.Line{ln}, merchant)...)
	}
	// The merchant pays its fees on what posts, and gets them back in
	// proportion to what it refunds.
	for _, ref := range refs {
		pu := after.Purchases[after.purchase(ref)]
		kept, funded := pu.MerchantFees.Units()-pu.FeesReturned.Units(), pu.Promotion.Funded.Units()
		if i := before.purchase(ref); i >= 0 {
			kept -= before.Purchases[i].MerchantFees.Units() - before.Purchases[i].FeesReturned.Units()
			funded -= before.Purchases[i].Promotion.Funded.Units()
		}
		c := pu.Posted.Currency()
		if kept != 0 {
			out = append(out, posting("merchant:"+pu.Merchant.ID, kept, c), posting("income:merchant_fee", -kept, c))
		}
		// The fee a campaign's budget funds: the platform's expense, the
		// fee income the shopper does not pay.
		if funded != 0 {
			out = append(out, posting(PromotionAccountPrefix+pu.Promotion.Campaign, funded, c), posting("income:fee", -funded, c))
		}
	}
	return append(out, chargeOffPostings(before, after)...)
}
