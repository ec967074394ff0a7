package credit_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// longTwo returns two Engines on one store, both with line "S" cached: a
// purchase P0 delivered (posted) and P1 authorized.
func longTwo(t *testing.T) (a, b *credit.Engine, store *credittest.MemStore, clock *credittest.Clock) {
	t.Helper()
	ctx := context.Background()
	store = credittest.NewMemStore()
	clock = credittest.NewClock(longZone2016())
	a = longEngine(t, store, clock, 0)
	b = longEngine(t, store, clock, 0)
	l := longOpen(t, a, clock, "S", 100000)
	l.authorize("P0", 20000, "")
	l.mustPurchase("capture", "P0", 20000)
	l.mustPurchase("confirm", "P0", 0)
	l.authorize("P1", 30000, "")
	for _, e := range []*credit.Engine{a, b} {
		if _, err := e.Line(ctx, "S"); err != nil {
			t.Fatal(err)
		}
	}
	return a, b, store, clock
}

// longSame checks that every engine given shows the line a cold Engine
// reads from the store.
func longSame(t *testing.T, store credit.Store, clock credit.Clock, line string, engines ...*credit.Engine) {
	t.Helper()
	ctx := context.Background()
	want, err := longEngine(t, longPlainStore{store}, clock, 0).Line(ctx, line)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range engines {
		got, err := e.Line(ctx, line)
		if err != nil {
			t.Fatal(err)
		}
		if d := longDiff(want, got); d != "" {
			t.Errorf("engine %d: line differs from a replay of its journal (-replay +engine):\n%s", i, d)
		}
	}
}

// A key another Engine used, sent to an Engine whose cache has not seen
// it for a command its cached line refuses: the key is taken, so it is an
// *IdempotencyError, as on one Engine, not the refusal.
func TestLongLineStaleEngineKeyTakenForRefusedCommand(t *testing.T) {
	ctx := context.Background()
	a, b, store, clock := longTwo(t)
	if _, err := a.Capture(ctx, credit.PurchaseCommand{Key: "k", Line: "S", Purchase: "P1", Amount: longCNY(30000)}); err != nil {
		t.Fatal(err)
	}
	_, err := b.Capture(ctx, credit.PurchaseCommand{Key: "k", Line: "S", Purchase: "P9", Amount: longCNY(100)})
	var ie *credit.IdempotencyError
	if !errors.As(err, &ie) {
		t.Errorf("key of A's capture of P1 sent to B for a capture of unknown P9: %v (code %q), want an *IdempotencyError", err, longCode(err))
	}
	_, err = a.Capture(ctx, credit.PurchaseCommand{Key: "k", Line: "S", Purchase: "P9", Amount: longCNY(100)})
	if !errors.As(err, &ie) {
		t.Errorf("the same on A: %v", err)
	}
	longSame(t, store, clock, "S", a, b)
}

// A retry, sent to an Engine whose cached line is too old to take the
// command (it would refuse it), replays what the first attempt returned.
func TestLongLineStaleEngineRetryOfRefusableCommandReplays(t *testing.T) {
	ctx := context.Background()
	a, b, store, clock := longTwo(t)
	if _, err := a.Capture(ctx, credit.PurchaseCommand{Key: "cap", Line: "S", Purchase: "P1", Amount: longCNY(30000)}); err != nil {
		t.Fatal(err)
	}
	refund := credit.PurchaseCommand{Key: "ref", Line: "S", Purchase: "P1", Amount: longCNY(30000)}
	first, err := a.Refund(ctx, refund)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.Refund(ctx, refund) // B still has P1 authorized, nothing captured
	if err != nil {
		t.Fatalf("the refund's retry on B: %v (code %q), want a replay", err, longCode(err))
	}
	if d := longDiff(first, again); d != "" {
		t.Errorf("retry on B differs (-A +B):\n%s", d)
	}
	// B's cache does not know P2 yet: a capture of it is taken.
	if _, err := a.Authorize(ctx, credit.Authorize{Key: "a2", Line: "S", Purchase: "P2", Amount: longCNY(10000), Merchant: credit.Merchant{ID: "m", Enrolled: true, Category: "apparel"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Capture(ctx, credit.PurchaseCommand{Key: "c2", Line: "S", Purchase: "P2", Amount: longCNY(10000)}); err != nil {
		t.Errorf("B's capture of P2, which A authorized: %v", err)
	}
	// A pays under a key; B, stale, is sent the key with another amount.
	if _, err := a.Pay(ctx, credit.Payment{Key: "pay", Line: "S", Amount: longCNY(5000)}); err != nil {
		t.Fatal(err)
	}
	var ie *credit.IdempotencyError
	if _, err := b.Pay(ctx, credit.Payment{Key: "pay", Line: "S", Amount: longCNY(6000)}); !errors.As(err, &ie) {
		t.Errorf("B paid under A's key with another amount: %v", err)
	}
	longSame(t, store, clock, "S", a, b)
}

// What an Engine reads (the line, a purchase, the statements, a quote)
// after another Engine committed shows that commit.
func TestLongLineStaleEngineReads(t *testing.T) {
	ctx := context.Background()
	a, b, _, _ := longTwo(t)
	if _, err := a.Capture(ctx, credit.PurchaseCommand{Key: "cap", Line: "S", Purchase: "P1", Amount: longCNY(30000)}); err != nil {
		t.Fatal(err)
	}
	want, _ := a.Line(ctx, "S")
	got, err := b.Line(ctx, "S")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != want.Version {
		t.Errorf("B's Line is at version %d, the store at %d", got.Version, want.Version)
	}
	p, err := b.Purchase(ctx, "S", "P1")
	if err != nil {
		t.Fatal(err)
	}
	if p.State != credit.Captured {
		t.Errorf("B's Purchase(P1) is %v after A captured it", p.State)
	}
	auth := credit.Authorize{Key: "q", Line: "S", Purchase: "P3", Amount: longCNY(60000), Merchant: credit.Merchant{ID: "m", Enrolled: true, Category: "apparel"}}
	da, _ := a.Quote(ctx, auth)
	db, err := b.Quote(ctx, auth)
	if err != nil {
		t.Fatal(err)
	}
	if d := longDiff(da, db); d != "" {
		t.Errorf("quotes differ (-A +B):\n%s", d)
	}
}

// An Engine whose cache is months behind the store (another Engine ran
// the line since, archiving purchases and pushing keys out to the index)
// takes retries, reused keys and reused purchase IDs as one Engine would.
func TestLongLineStaleEngineMonthsBehind(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(longZone2016())
	a := longEngine(t, store, clock, 0)
	var b *credit.Engine
	start := longDate(t, "2016-01-04")
	l := longHistory(t, a, clock, "M", start, 3)
	stale := map[string]*credit.Engine{}
	for _, op := range []string{"b", "authorize", "capture", "confirm", "void", "refund", "pay"} {
		stale[op] = longEngine(t, store, clock, 0)
		if _, err := stale[op].Line(ctx, "M"); err != nil {
			t.Fatal(err)
		}
	}
	b = stale["b"]
	l.run(start.AddDays(3), 200)
	ln := l.observe()
	open := map[string]bool{}
	for _, p := range ln.Purchases {
		open[p.ID] = true
	}
	var archived string
	for id := range l.seen {
		if !open[id] && l.seenAt[id] > 50 {
			archived = id
			break
		}
	}
	if archived == "" {
		t.Fatal("nothing archived")
	}
	// A purchase ID A archived, never seen by B.
	d, err := b.Authorize(ctx, credit.Authorize{Key: "reuse", Line: "M", Purchase: archived, Amount: longCNY(10000), Merchant: l.shop})
	if longCode(err) != "bad_purchase_id" {
		t.Errorf("B authorized archived %s again: %+v, %v; want bad_purchase_id", archived, d, err)
	}
	// Retries of A's commands of every kind, from the middle of the run.
	var ie *credit.IdempotencyError
	kinds := map[string]bool{}
	for i, c := range l.cmds {
		if i < 20 || kinds[c.op] {
			continue
		}
		kinds[c.op] = true
		b := stale[c.op]
		if b == nil {
			t.Fatalf("no stale engine for %s", c.op)
		}
		got, err := c.send(b)
		if err != nil {
			t.Errorf("%s %s sent again to B: %v (code %q)", c.op, c.key, err, longCode(err))
		} else if d := longDiff(c.first, got); d != "" {
			t.Errorf("%s %s sent again to B (-first +B):\n%s", c.op, c.key, d)
		}
		if _, err := l.wrong(c, true)(b); !errors.As(err, &ie) {
			t.Errorf("key %s of a %s sent to B for another operation: %v", c.key, c.op, err)
		}
	}
	longSame(t, store, clock, "M", a, stale["b"], stale["capture"], stale["refund"])
	holder, _ := longPostings(t, b, "M")
	if owed := longOwed(t, l.line()); !holder.Equal(owed) {
		t.Errorf("holder postings %v, owed %v", holder, owed)
	}
}

// longKeysOnce checks that no key has more than one fact in the line's
// journal, and returns the keys that have one.
func longKeysOnce(t *testing.T, e *credit.Engine, line string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	keys := map[string]bool{}
	var after int64
	for {
		evs, err := e.Events(ctx, line, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			return keys
		}
		for _, ev := range evs {
			after = ev.Version
			if ev.Fact.Key == "" {
				continue
			}
			if keys[ev.Fact.Key] {
				t.Errorf("key %s has a second fact at version %d (%s)", ev.Fact.Key, ev.Version, ev.Fact.Kind)
			}
			keys[ev.Fact.Key] = true
		}
	}
}

// Three Engines on one store take commands on one line from six
// goroutines, a day at a time for two months, with retries sent to
// another Engine than the first attempt: no approval past the limit, no
// key applied twice, every retry replays, and every Engine ends with the
// line its journal gives.
func TestLongLineThreeEnginesInterleaved(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(longZone2016())
	var engines []*credit.Engine
	for i := 0; i < 3; i++ {
		engines = append(engines, longEngine(t, store, clock, int64(1+i*7)))
	}
	start := longDate(t, "2016-01-04")
	l := longOpen(t, engines[0], clock, "C", 1000000) // CNY 10,000
	shop := l.shop
	type done struct {
		key   string
		send  func(e *credit.Engine) (any, error)
		first any
	}
	var mu sync.Mutex
	var completed []done
	var approved []credit.Decision
	for d := 0; d < 60; d++ {
		day := start.AddDays(d)
		clock.Set(day.At(10, 0, longZone))
		var wg sync.WaitGroup
		for g := 0; g < 6; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(d), uint64(g)))
				e := engines[g%3]
				for k := 0; k < 6; k++ {
					key := fmt.Sprintf("c-%d-%d-%d", d, g, k)
					var send func(e *credit.Engine) (any, error)
					switch n := r.IntN(10); {
					case n < 4:
						cmd := credit.Authorize{Key: key, Line: "C", Purchase: "p-" + key, Amount: longCNY(int64(5000 + r.IntN(150000))), Merchant: shop}
						send = func(e *credit.Engine) (any, error) { return e.Authorize(ctx, cmd) }
					case n < 7:
						// capture and deliver a purchase of an earlier step
						mu.Lock()
						var pid string
						if len(approved) > 0 {
							pid = "p-" + completed[r.IntN(len(completed))].key
						}
						mu.Unlock()
						if pid == "" {
							continue
						}
						p, err := e.Purchase(ctx, "C", pid)
						if err != nil || p.State != credit.Authorized {
							continue
						}
						cmd := credit.PurchaseCommand{Key: key, Line: "C", Purchase: pid, Amount: p.Authorized}
						send = func(e *credit.Engine) (any, error) { return e.Capture(ctx, cmd) }
					case n < 8:
						cmd := credit.Payment{Key: key, Line: "C", Amount: longCNY(int64(10000 + r.IntN(200000)))}
						send = func(e *credit.Engine) (any, error) { return e.Pay(ctx, cmd) }
					default:
						mu.Lock()
						if len(completed) == 0 {
							mu.Unlock()
							continue
						}
						c := completed[r.IntN(len(completed))]
						mu.Unlock()
						got, err := c.send(engines[(g+1+r.IntN(2))%3])
						if err != nil {
							t.Errorf("retry of %s: %v", c.key, err)
						} else if d := longDiff(c.first, got); d != "" {
							t.Errorf("retry of %s on another engine (-first +retry):\n%s", c.key, d)
						}
						continue
					}
					got, err := send(e)
					if err != nil {
						if code := longCode(err); code != "not_authorized" && code != "unknown_purchase" {
							t.Errorf("%s: %v", key, err)
						}
						continue
					}
					mu.Lock()
					if dec, ok := got.(credit.Decision); ok {
						if dec.Approved {
							approved = append(approved, dec)
							if dec.AvailableAfter.IsNegative() {
								t.Errorf("%s approved with CNY %v available after", key, dec.AvailableAfter)
							}
						}
					}
					completed = append(completed, done{key, send, got})
					mu.Unlock()
				}
			}(g)
		}
		wg.Wait()
		if t.Failed() {
			break
		}
		// confirm what was captured, from one engine
		ln, err := engines[d%3].Line(ctx, "C")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ln.Purchases {
			if p.State == credit.Captured {
				if _, err := engines[d%3].ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-" + p.ID, Line: "C", Purchase: p.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		bal, _ := ln.Balances()
		if bal.Held.IsNegative() || bal.Available.Units() < -100000 {
			t.Errorf("day %v: %+v", day, bal)
		}
	}
	keys := longKeysOnce(t, engines[0], "C")
	for _, c := range completed {
		if !keys[c.key] {
			t.Errorf("key %s returned a result and left no fact", c.key)
		}
	}
	longSame(t, store, clock, "C", engines...)
	ln, _ := engines[0].Line(ctx, "C")
	holder, _ := longPostings(t, engines[1], "C")
	if owed := longOwed(t, ln); !holder.Equal(owed) {
		t.Errorf("holder postings %v, owed %v", holder, owed)
	}
	t.Logf("%d commands, %d approved, version %d, %d purchases open", len(completed), len(approved), ln.Version, len(ln.Purchases))
}

// An Advance to the day the line is already at, or a payoff quote, on an
// Engine whose cache has not seen another Engine's payment, answers with
// the line as the store has it: a nightly run reads its statements and
// reminders from what Advance returns.
func TestLongLineStaleEngineAdvanceAndQuotePayoff(t *testing.T) {
	ctx := context.Background()
	a, b, store, clock := longTwo(t)
	today := calendar.DateOf(clock.Now(), longZone)
	if _, err := a.Pay(ctx, credit.Payment{Key: "pay", Line: "S", Amount: longCNY(5000)}); err != nil {
		t.Fatal(err)
	}
	want, _ := a.Line(ctx, "S")
	qa, err := a.QuotePayoff(ctx, credit.Payoff{Line: "S"})
	if err != nil {
		t.Fatal(err)
	}
	qb, err := b.QuotePayoff(ctx, credit.Payoff{Line: "S"})
	if err != nil {
		t.Fatal(err)
	}
	if d := longDiff(qa, qb); d != "" {
		t.Errorf("B's payoff quote misses A's payment (-A +B):\n%s", d)
	}
	got, err := b.Advance(ctx, "S", today)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != want.Version {
		t.Errorf("B.Advance to the line's own day returned version %d; the store is at %d", got.Version, want.Version)
	}
	// and a day later, after A has advanced and paid again
	clock.Set(today.AddDays(1).At(10, 0, longZone))
	if _, err := a.Pay(ctx, credit.Payment{Key: "pay2", Line: "S", Amount: longCNY(1000)}); err != nil {
		t.Fatal(err)
	}
	c := longEngine(t, store, clock, 0)
	if _, err := c.Line(ctx, "S"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Pay(ctx, credit.Payment{Key: "pay3", Line: "S", Amount: longCNY(1000)}); err != nil {
		t.Fatal(err)
	}
	want, _ = a.Line(ctx, "S")
	got, err = c.Advance(ctx, "S", today.AddDays(1))
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != want.Version {
		t.Errorf("C.Advance to the line's own day returned version %d; the store is at %d", got.Version, want.Version)
	}
}
