package credit_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// BenchmarkMonthEnd advances a book of lines through a statement day, in
// parallel across cores, at 10,000 and 100,000 lines, and at 1,000,000
// when JUSTSPEND_MONTHEND_MAX is 1000000 or more (the benchmark command
// sets it). The book is a realistic mix: the five presets in turn, each
// line with two or three purchases posted in the cycle, one on an
// installment plan where the product offers one. It reports lines a second,
// and the memory a line takes: the decoded line the Engine keeps
// (engine-B/line) and its journal in the in-memory store (journal-B/line).
func BenchmarkMonthEnd(b *testing.B) {
	most := 100_000
	if s := os.Getenv("JUSTSPEND_MONTHEND_MAX"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		most = n
	}
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		if n > most {
			continue
		}
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				monthEndRound(b, n)
				b.StartTimer()
			}
		})
	}
}

// monthEndRound builds a book of n lines (untimed), times its month-end
// and reports the figures. The book is garbage once it returns, so the
// next round measures only its own.
func monthEndRound(b *testing.B, n int) {
	book := newBook(b, n)
	b.StartTimer()
	start := time.Now()
	book.monthEnd(b)
	elapsed := time.Since(start)
	b.StopTimer()
	book.check(b)
	b.ReportMetric(float64(n)/elapsed.Seconds(), "lines/s")
	b.ReportMetric(book.engineBytes/float64(n), "engine-B/line")
	b.ReportMetric(book.journalBytes/float64(n), "journal-B/line")
}

// book is a set of lines on one engine, ready for their statement day.
type book struct {
	ctx          context.Context
	e            *credit.Engine
	store        credit.Store
	ids          []string
	statement    calendar.Date
	engineBytes  float64 // heap taken by the decoded lines, all told
	journalBytes float64 // bytes of the journals
}

// newBook opens n lines and posts their purchases, measuring the memory
// they take.
func newBook(b testing.TB, n int) *book {
	b.Helper()
	ctx := context.Background()
	store := credittest.NewMemStore()
	// The clock reads the day after the statement day (in every zone the
	// presets use): the book is built with dated commands, then advanced.
	clock := credittest.NewClock(time.Date(2015, 4, 2, 0, 0, 0, 0, time.UTC))
	opened := time.Date(2015, 3, 10, 10, 0, 0, 0, time.UTC)
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), CacheLines: n})
	if err != nil {
		b.Fatal(err)
	}
	bk := &book{ctx: ctx, e: e, store: store, ids: make([]string, n)}
	bk.statement, _ = calendar.ParseDate("2015-04-01")
	presets := credit.Presets()
	runtime.GC()
	runtime.GC() // a second cycle empties sync.Pool victim caches
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var journal atomic.Int64
	ok := parallel(b, n, func(i int) error {
		p := presets[i%len(presets)]
		id := "L" + strconv.Itoa(i)
		bk.ids[i] = id
		limit := p.MaxLimit
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: id, Holder: "h", Product: p.Name, Limit: limit, At: opened}); err != nil {
			return err
		}
		cur := p.Currency
		price := func(k int) money.Amount { // a tenth to a fifth of the limit, above any minimum
			return money.FromMinor(limit.Units()/10+int64(k)*limit.Units()/30, cur)
		}
		merchant := credit.Merchant{ID: "shop", Enrolled: true, Category: "apparel"}
		if p.Name == "xinyongbao-2013" {
			merchant.Category = "reading"
		}
		for k := range 2 + i%2 {
			plan := ""
			if len(p.Installments) > 0 && (k == 1 || p.Name == "pay-in-4") {
				plan = p.Installments[0].Name
			}
			order := "p" + strconv.Itoa(k)
			at := time.Date(2015, 3, 10+k, 10, 0, 0, 0, time.UTC)
			d, err := e.Authorize(ctx, credit.Authorize{Key: "a" + order, Line: id, Purchase: order, Amount: price(k), Merchant: merchant, Plan: plan, At: at})
			if err != nil {
				return err
			}
			if !d.Approved {
				return fmt.Errorf("%s (%s): %s declined: %v", id, p.Name, order, d.Reasons)
			}
			if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c" + order, Line: id, Purchase: order, Amount: price(k), At: at}); err != nil {
				return err
			}
			if p.Billing.Cycle.Posting == billing.PostOnDelivery {
				if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d" + order, Line: id, Purchase: order, At: at.Add(24 * time.Hour)}); err != nil {
					return err
				}
			}
		}
		recs, err := store.Load(ctx, id, 0)
		if err != nil {
			return err
		}
		var size int
		for _, r := range recs {
			size += len(r.Data)
		}
		journal.Add(int64(size))
		return nil
	})
	if !ok {
		b.FailNow()
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	bk.journalBytes = float64(journal.Load())
	bk.engineBytes = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) - bk.journalBytes
	return bk
}

// monthEnd advances every line to the statement day with
// Engine.AdvanceAll, as a host's month-end would.
func (bk *book) monthEnd(b *testing.B) {
	r, err := bk.e.AdvanceAll(bk.ctx, bk.ids, bk.statement)
	if err != nil || len(r.Failed) > 0 || r.Advanced != len(bk.ids) {
		b.Fatalf("month-end: %+v, %v", r, err)
	}
}

// check reads every line back (untimed): each is on the statement day
// with its (first) statement.
func (bk *book) check(b testing.TB) {
	ok := parallel(b, len(bk.ids), func(i int) error {
		l, err := bk.e.Line(bk.ctx, bk.ids[i])
		if err == nil && (len(l.Statements) == 0 || l.Today != bk.statement) {
			err = fmt.Errorf("%s: on %s with %d statements, not on %s with one", bk.ids[i], l.Today, len(l.Statements), bk.statement)
		}
		return err
	})
	if !ok {
		b.FailNow()
	}
}

// parallel runs f for 0..n-1 on as many goroutines as there are cores,
// and stops at the first error, which it reports to tb. It says whether
// all went well.
func parallel(tb testing.TB, n int, f func(i int) error) bool {
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Bool
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || failed.Load() {
					return
				}
				if err := f(i); err != nil {
					failed.Store(true)
					tb.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return !failed.Load()
}
