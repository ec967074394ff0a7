package credit_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// typicalLine returns a Huabei line with a statement, a few purchases and
// an open hold.
func typicalLine(b *testing.B) (*credit.Line, *credit.Product) {
	h := newHarness(&testing.T{}, "2015-01-03 10:00")
	h.open("huabei", cny(1000000))
	for i := 0; i < 4; i++ {
		id := fmt.Sprintf("p%d", i)
		h.buy("b"+id, id, cny(int64(10000+i*1000)), tmall, "")
		h.deliver("d"+id, id)
	}
	if _, err := h.e.Authorize(h.ctx, credit.Authorize{Key: "hold", Line: "L", Purchase: "held", Amount: cny(5000), Merchant: tmall}); err != nil {
		b.Fatal(err)
	}
	l := h.line()
	p := credit.Huabei()
	return l, &p
}

// BenchmarkDecide: the pure authorization decision on a typical line.
func BenchmarkDecide(b *testing.B) {
	l, p := typicalLine(b)
	req := &credit.AuthRequest{Purchase: "new", Amount: cny(25000), Merchant: tmall, On: l.Today}
	for b.Loop() {
		if d, err := credit.Decide(l, p, req, nil); err != nil || !d.Approved {
			b.Fatal(d.Reasons, err)
		}
	}
}

// BenchmarkEngineAuthorize: an authorization through the in-memory store,
// commit included, on a typical line: ten authorizations a line, so a line
// carries 5 open authorizations on average. Lines are opened a thousand at
// a time with the timer stopped (stopping it reads the memory statistics,
// which stops the world, so it is done rarely).
func BenchmarkEngineAuthorize(b *testing.B) {
	const perLine, batch = 10, 1000
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lines := lineBatches{perLine: perLine, batch: batch, open: func(id string) {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: "huabei", Limit: cny(5000000)}); err != nil {
			b.Fatal(err)
		}
	}}
	i := 0
	for b.Loop() {
		id := strconv.Itoa(i)
		line := lines.line(b, i)
		if _, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: line, Purchase: id, Amount: cny(1), Merchant: tmall}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkEngineAuthorizeParallel: authorizations on many lines at once,
// ten a line as in BenchmarkEngineAuthorize, from as many goroutines as
// GOMAXPROCS.
func BenchmarkEngineAuthorizeParallel(b *testing.B) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), Retries: 100})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lines := make([]string, b.N/10+2)
	for i := range lines {
		lines[i] = fmt.Sprint("L", i)
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: lines[i], Holder: "h", Product: "huabei", Limit: cny(5000000)}); err != nil {
			b.Fatal(err)
		}
	}
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var i, end int64 // each goroutine takes a line's ten IDs at a time
		for pb.Next() {
			if i == end {
				end = n.Add(10)
				i = end - 10
			}
			id := strconv.FormatInt(i, 10)
			i++
			if _, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: lines[(i-1)/10], Purchase: id, Amount: money.FromMinor(1, money.CNY), Merchant: tmall}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// naiveLedger is an authorization written the obvious way: a map of used
// credit in decimals behind one mutex, checked against each line's limit.
// No journal, no idempotency, no rules but the limit, no statements: the
// baseline BenchmarkEngineAuthorize is compared with.
type naiveLedger struct {
	mu     sync.Mutex
	limits map[string]decimal.Decimal
	used   map[string]decimal.Decimal
}

func (n *naiveLedger) open(line string, limit decimal.Decimal) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.limits[line], n.used[line] = limit, decimal.Zero
}

func (n *naiveLedger) authorize(line string, amount decimal.Decimal) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	used := n.used[line].Add(amount)
	if used.GreaterThan(n.limits[line]) {
		return false
	}
	n.used[line] = used
	return true
}

// BenchmarkAuthorizeBaseline: the obvious authorization, in the shape of
// BenchmarkEngineAuthorize (ten authorizations a line).
func BenchmarkAuthorizeBaseline(b *testing.B) {
	n := &naiveLedger{limits: map[string]decimal.Decimal{}, used: map[string]decimal.Decimal{}}
	limit, amount := decimal.RequireFromString("50000.00"), decimal.RequireFromString("0.01")
	i, line := 0, ""
	for b.Loop() {
		if i%10 == 0 {
			line = "L" + strconv.Itoa(i)
			n.open(line, limit)
		}
		if !n.authorize(line, amount) {
			b.Fatal("declined")
		}
		i++
	}
}

// floorLedger is the least an authorization can be: one map lookup, a few
// int64 operations and a 200-byte record appended to a journal (one
// buffer, emptied each megabyte as a log written out would be, so that
// the floor measures the append and not a growing heap).
type floorLedger struct {
	mu      sync.Mutex
	lines   map[string]*floorLine
	journal []byte
}

type floorLine struct {
	limit, used int64
}

// BenchmarkAuthorizeFloor: the floor the Engine is measured against, in
// the shape of BenchmarkEngineAuthorize (ten a line).
func BenchmarkAuthorizeFloor(b *testing.B) {
	f := &floorLedger{lines: map[string]*floorLine{}, journal: make([]byte, 0, 1<<20)}
	record := make([]byte, 200)
	i, line := 0, ""
	for b.Loop() {
		if i%10 == 0 {
			line = "L" + strconv.Itoa(i)
			f.mu.Lock()
			f.lines[line] = &floorLine{limit: 5000000}
			f.mu.Unlock()
		}
		f.mu.Lock()
		l := f.lines[line]
		if l.used+1 > l.limit {
			f.mu.Unlock()
			b.Fatal("declined")
		}
		l.used++
		if len(f.journal)+len(record) > cap(f.journal) {
			f.journal = f.journal[:0]
		}
		f.journal = append(f.journal, record...)
		f.mu.Unlock()
		i++
	}
}

// BenchmarkEnginePay: a payment through the in-memory store, commit
// included, ten a line, on lines that each owe one posted purchase.
func BenchmarkEnginePay(b *testing.B) {
	const perLine, batch = 10, 1000
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lines := lineBatches{perLine: perLine, batch: batch, open: func(id string) {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: "jd-baitiao-2014", Limit: cny(1000000)}); err != nil {
			b.Fatal(err)
		}
		if d, err := e.Authorize(ctx, credit.Authorize{Key: "a", Line: id, Purchase: "p", Amount: cny(100000), Merchant: tmall}); err != nil || !d.Approved {
			b.Fatal(d, err)
		}
		if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: id, Purchase: "p", Amount: cny(100000)}); err != nil {
			b.Fatal(err)
		}
	}}
	i := 0
	for b.Loop() {
		line := lines.line(b, i)
		if _, err := e.Pay(ctx, credit.Payment{Key: strconv.Itoa(i), Line: line, Amount: cny(100)}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkEngineAdvance: one line brought on by a day through the
// in-memory store (interest and penalties accrue; a statement is cut one
// day in thirty), 360 days a line.
func BenchmarkEngineAdvance(b *testing.B) {
	const days = 360
	clock := credittest.NewClock(at("2016-12-31 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	start := day(b, "2015-01-03")
	var line string
	i := 0
	for b.Loop() {
		if i%days == 0 {
			b.StopTimer()
			line = fmt.Sprint("L", i/days)
			clock.Set(at("2015-01-03 10:00"))
			if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: line, Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
				b.Fatal(err)
			}
			if d, err := e.Authorize(ctx, credit.Authorize{Key: "a", Line: line, Purchase: "p", Amount: cny(100000), Merchant: tmall}); err != nil || !d.Approved {
				b.Fatal(d, err)
			}
			if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: line, Purchase: "p", Amount: cny(100000)}); err != nil {
				b.Fatal(err)
			}
			if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: line, Purchase: "p"}); err != nil {
				b.Fatal(err)
			}
			clock.Set(at("2016-12-31 10:00"))
			b.StartTimer()
		}
		if _, err := e.Advance(ctx, line, start.AddDays(i%days+1)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkEngineAuthorizeHotLine: authorizations from 64 goroutines on
// one line (new lines as each fills up), through the in-memory store made
// slow enough (20 µs an append) that a command's read and append are far
// apart, as on a database: the commands take turns within the Engine.
func BenchmarkEngineAuthorizeHotLine(b *testing.B) {
	store := &slowStore{Store: credittest.NewMemStore()}
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), Retries: 100_000})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "hot", Holder: "h", Product: "huabei", Limit: cny(5000000)}); err != nil {
		b.Fatal(err)
	}
	var n atomic.Int64
	b.SetParallelism(32)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := strconv.FormatInt(n.Add(1), 10)
			if _, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: "hot", Purchase: id, Amount: cny(1), Merchant: tmall}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(store.conflicts.Load())/float64(b.N), "conflicts/op")
}

// lineBatches opens lines a batch at a time, with the timer stopped
// (stopping it reads the memory statistics, which stops the world, so it
// is done rarely), and gives command i the line it falls on: perLine
// commands a line.
type lineBatches struct {
	perLine, batch int
	open           func(id string)
	lines          []string
}

func (lb *lineBatches) line(b *testing.B, i int) string {
	if i%(lb.perLine*lb.batch) == 0 {
		b.StopTimer()
		lb.lines = lb.lines[:0]
		for range lb.batch {
			id := fmt.Sprint("L", i/lb.perLine+len(lb.lines))
			lb.lines = append(lb.lines, id)
			lb.open(id)
		}
		b.StartTimer()
	}
	return lb.lines[i%(lb.perLine*lb.batch)/lb.perLine]
}
