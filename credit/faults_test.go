package credit_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// errInjected is the failure faultStore reports.
var errInjected = errors.New("injected store failure")

// faultStore wraps a store and, by a seeded random draw on each call,
// fails before an append (nothing written), fails after it (written, yet
// the caller sees an error), delays, or reports a conflict that did not
// happen. It counts what it injected.
type faultStore struct {
	credit.Store
	mu                                    sync.Mutex
	r                                     *rand.Rand
	before, after, delays, conflicts, ops atomic.Int64
}

func newFaultStore(s credit.Store, seed uint64) *faultStore {
	return &faultStore{Store: s, r: rand.New(rand.NewPCG(seed, 7))}
}

func (s *faultStore) draw() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.IntN(100)
}

func (s *faultStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	if s.draw() < 5 {
		s.delays.Add(1)
		time.Sleep(50 * time.Microsecond)
	}
	return s.Store.Load(ctx, line, after)
}

func (s *faultStore) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	s.ops.Add(1)
	switch w := s.draw(); {
	case w < 10:
		s.before.Add(1)
		return errInjected
	case w < 20:
		if err := s.Store.Append(ctx, line, version, recs); err != nil {
			return err
		}
		s.after.Add(1)
		return errInjected
	case w < 30:
		s.conflicts.Add(1)
		return credit.ErrConflict
	case w < 35:
		s.delays.Add(1)
		time.Sleep(50 * time.Microsecond)
	}
	return s.Store.Append(ctx, line, version, recs)
}

// scriptedCommand is one command of a fixed script: the same commands, with
// the same keys and dates, run against a clean store and a faulty one.
type scriptedCommand func(ctx context.Context, e *credit.Engine) (any, error)

// faultScript returns a seeded script of commands on line id of product
// huabei: authorizations, captures, deliveries, refunds, payments and
// advances over three months.
func faultScript(id string, seed uint64, n int) []scriptedCommand {
	r := rand.New(rand.NewPCG(seed, 11))
	zone := time.FixedZone("CST", 8*3600)
	day := calendar.DateOf(time.Date(2015, 3, 2, 0, 0, 0, 0, zone), zone)
	var script []scriptedCommand
	opened := day.At(9, 0, zone)
	script = append(script, func(ctx context.Context, e *credit.Engine) (any, error) {
		return e.OpenLine(ctx, credit.OpenLine{Key: id + "-open", Line: id, Holder: "h", Product: "huabei", Limit: cny(2000000), At: opened})
	})
	purchases := 0
	for k := range n {
		key := fmt.Sprint(id, "-", k)
		at := day.At(10, 0, zone)
		pu := fmt.Sprint(id, "-p", r.IntN(purchases+1))
		var c scriptedCommand
		switch r.IntN(7) {
		case 0:
			pu = fmt.Sprint(id, "-p", purchases)
			purchases++
			amount := cny(10000 + int64(r.IntN(300000)))
			plan := []string{"", "3-month", "6-month", "9-month", "12-month"}[r.IntN(2)*(1+r.IntN(4))] // none, or one of the four
			c = func(ctx context.Context, e *credit.Engine) (any, error) {
				return e.Authorize(ctx, credit.Authorize{Key: key, Line: id, Purchase: pu, Amount: amount, Merchant: tmall, Plan: plan, At: at})
			}
		case 1:
			amount := cny(1000 + int64(r.IntN(300000)))
			c = func(ctx context.Context, e *credit.Engine) (any, error) {
				return e.Capture(ctx, credit.PurchaseCommand{Key: key, Line: id, Purchase: pu, Amount: amount, At: at})
			}
		case 2:
			c = func(ctx context.Context, e *credit.Engine) (any, error) {
				return e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: key, Line: id, Purchase: pu, At: at})
			}
		case 3:
			amount := cny(1000 + int64(r.IntN(50000)))
			c = func(ctx context.Context, e *credit.Engine) (any, error) {
				return e.Refund(ctx, credit.PurchaseCommand{Key: key, Line: id, Purchase: pu, Amount: amount, At: at})
			}
		case 4:
			amount := cny(1000 + int64(r.IntN(200000)))
			c = func(ctx context.Context, e *credit.Engine) (any, error) {
				return e.Pay(ctx, credit.Payment{Key: key, Line: id, Amount: amount, At: at})
			}
		default:
			day = day.AddDays(1 + r.IntN(3))
			to := day
			c = func(ctx context.Context, e *credit.Engine) (any, error) { return e.Advance(ctx, id, to) }
		}
		script = append(script, c)
	}
	return script
}

// TestFaults runs the same scripts on 8 lines twice: against a clean store,
// and against one that fails before and after appends, delays and reports
// false conflicts, with the client sending a command again (same key)
// until it gets an answer from the engine rather than from the store.
// Every effect happens exactly once: the journals are byte for byte the
// same, and so are the answers.
func TestFaults(t *testing.T) {
	ctx := context.Background()
	const lines, commands = 8, 300
	run := func(store credit.Store, retry bool) (map[string][]any, int) {
		e, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(at("2016-01-01 00:00")), Products: credit.Presets()})
		if err != nil {
			t.Fatal(err)
		}
		answers := map[string][]any{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		var resent atomic.Int64
		for i := range lines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprint("F", i)
				var got []any
				for _, c := range faultScript(id, uint64(i), commands) {
					res, err := c(ctx, e)
					for retry && errors.Is(err, errInjected) {
						resent.Add(1)
						res, err = c(ctx, e)
					}
					got = append(got, answer(res, err))
				}
				mu.Lock()
				answers[id] = got
				mu.Unlock()
			}()
		}
		wg.Wait()
		return answers, int(resent.Load())
	}
	clean := credittest.NewMemStore()
	want, _ := run(clean, false)
	faulty := credittest.NewMemStore()
	fs := newFaultStore(faulty, 42)
	got, resent := run(fs, true)
	for i := range lines {
		id := fmt.Sprint("F", i)
		for k := range want[id] {
			if fmt.Sprint(got[id][k]) != fmt.Sprint(want[id][k]) {
				t.Errorf("%s command %d: with faults %v, without %v", id, k, got[id][k], want[id][k])
				break
			}
		}
		a, _ := clean.Load(ctx, id, 0)
		b, _ := faulty.Load(ctx, id, 0)
		if len(a) != len(b) {
			t.Errorf("%s: %d facts without faults, %d with", id, len(a), len(b))
			continue
		}
		for k := range a {
			if a[k].Version != b[k].Version || !bytes.Equal(a[k].Data, b[k].Data) {
				t.Errorf("%s: fact %d differs:\n%s\n%s", id, k+1, a[k].Data, b[k].Data)
				break
			}
		}
	}
	if fs.before.Load() == 0 || fs.after.Load() == 0 || fs.conflicts.Load() == 0 || fs.delays.Load() == 0 {
		t.Error("some kind of fault was never injected")
	}
	t.Logf("faults injected over %d appends: %d failed before the append, %d after it landed, %d false conflicts, %d delays; %d commands sent again",
		fs.ops.Load(), fs.before.Load(), fs.after.Load(), fs.conflicts.Load(), fs.delays.Load(), resent)
}

// answer is what a client saw of a command: its result, or its error's
// kind and code.
func answer(res any, err error) any {
	if err == nil {
		if l, ok := res.(*credit.Line); ok {
			b, err := l.Balances()
			return fmt.Sprint("line v", l.Version, " ", b, err)
		}
		return res
	}
	var ce *credit.CommandError
	if errors.As(err, &ce) {
		return "error " + ce.Code
	}
	return "error " + err.Error()
}

// onceConflict reports one false conflict, on the first append.
type onceConflict struct {
	credit.Store
	done atomic.Bool
}

func (s *onceConflict) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	if s.done.CompareAndSwap(false, true) {
		return credit.ErrConflict
	}
	return s.Store.Append(ctx, line, version, recs)
}

// TestOpenLineAfterFalseConflict: a store that reports a conflict while
// writing nothing does not make OpenLine say the line exists. (TestFaults
// found that it did.)
func TestOpenLineAfterFalseConflict(t *testing.T) {
	ctx := context.Background()
	e, err := credit.NewEngine(credit.Config{Store: &onceConflict{Store: credittest.NewMemStore()}, Clock: credittest.NewClock(at("2015-03-02 09:00")), Products: credit.Presets()})
	if err != nil {
		t.Fatal(err)
	}
	l, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)})
	if err != nil || l.Version != 1 {
		t.Fatalf("open after a false conflict: %v, %v", l, err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open2", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)}); err == nil {
		t.Error("opening the line again under another key succeeded")
	}
}
