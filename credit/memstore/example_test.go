package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/memstore"
	"github.com/justspend/justspend/money"
)

// A single-process host in production: the Engine on the in-memory store
// and the system clock. A second Engine in the same process, sharing the
// store, sees the line the first one keeps. Everything is gone when the
// process exits.
func Example() {
	ctx := context.Background()
	store := memstore.New()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: credit.SystemClock{}, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open-li", Line: "li", Holder: "Li", Product: "huabei",
		Limit: money.FromMinor(1000000, money.CNY)}); err != nil {
		panic(err)
	}
	shop := credit.Merchant{ID: "tmall-uniqlo", Enrolled: true, Category: "apparel"}
	d, err := e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "li", Purchase: "order-1",
		Amount: money.FromMinor(200000, money.CNY), Merchant: shop})
	if err != nil {
		panic(err)
	}
	fmt.Println("approved:", d.Approved, "available after:", d.AvailableAfter)

	other, err := credit.NewEngine(credit.Config{Store: store, Clock: credit.SystemClock{}, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	l, err := other.Line(ctx, "li")
	if err != nil {
		panic(err)
	}
	fmt.Println("the other engine sees:", l.Holder, l.Version, "facts,", len(l.Holds), "hold")
	// Output:
	// approved: true available after: CNY 8000.00
	// the other engine sees: Li 2 facts, 1 hold
}

// stoppedClock is a clock stopped at one instant, so that the examples
// print the same dates on every run; a host passes credit.SystemClock{}.
type stoppedClock time.Time

func (c stoppedClock) Now() time.Time { return time.Time(c) }

// A month-end portfolio report over every line in the store: Lines names
// them, the Engine reads each.
func ExampleStore_Lines() {
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	store := memstore.New()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: stoppedClock(time.Date(2014, 12, 18, 10, 0, 0, 0, beijing)), Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	for _, id := range []string{"wang", "li", "zhang"} {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open-" + id, Line: id, Holder: id, Product: "huabei-2014",
			Limit: money.FromMinor(1000000, money.CNY)}); err != nil {
			panic(err)
		}
	}
	shop := credit.Merchant{ID: "tmall-uniqlo", Enrolled: true, Category: "apparel"}
	amount := money.FromMinor(250000, money.CNY)
	if _, err := e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "li", Purchase: "order-1", Amount: amount, Merchant: shop}); err != nil {
		panic(err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "cap-1", Line: "li", Purchase: "order-1", Amount: amount}); err != nil {
		panic(err)
	}
	if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-1", Line: "li", Purchase: "order-1"}); err != nil {
		panic(err)
	}
	fmt.Println("lines:", store.Lines())

	var readErr error
	lines := func(yield func(*credit.Line) bool) {
		for _, id := range store.Lines() {
			l, err := e.Line(ctx, id)
			if err != nil {
				readErr = err
				return
			}
			if !yield(l) {
				return
			}
		}
	}
	p, err := credit.Report(calendar.DateOf(time.Date(2014, 12, 18, 10, 0, 0, 0, beijing), beijing), lines, credit.ReportOptions{})
	if err = errors.Join(err, readErr); err != nil {
		panic(err)
	}
	fmt.Println(p.Lines, "lines, limits", p.TotalLimit, "outstanding", p.Outstanding, "utilization", p.Utilization)
	// Output:
	// lines: [li wang zhang]
	// 3 lines, limits CNY 30000.00 outstanding CNY 2500.00 utilization 0.0833
}

// The Store on its own: a line's journal grows only at the version it is
// at, so of two writers that read version 1, one appends version 2 and the
// other gets credit.ErrConflict (the Engine then reads again and retries).
func ExampleStore_Append() {
	ctx := context.Background()
	s := memstore.New()
	fmt.Println(s.Append(ctx, "li", 0, []credit.Record{{Version: 1, Data: []byte("opened")}}))
	fmt.Println(s.Append(ctx, "li", 1, []credit.Record{{Version: 2, Data: []byte("first writer")}}))
	fmt.Println(s.Append(ctx, "li", 1, []credit.Record{{Version: 2, Data: []byte("second writer")}}))
	// Output:
	// <nil>
	// <nil>
	// line changed concurrently
}

// Load reads a line's journal after a version: all of it after 0, the
// tail after the version an Engine has cached. A line with no records is
// credit.ErrNotFound.
func ExampleStore_Load() {
	ctx := context.Background()
	s := memstore.New()
	if err := s.Append(ctx, "li", 0, []credit.Record{{Version: 1, Data: []byte("opened")}, {Version: 2, Data: []byte("bought")}}); err != nil {
		panic(err)
	}
	for _, after := range []int64{0, 1, 2} {
		recs, err := s.Load(ctx, "li", after)
		fmt.Print("after ", after, ":")
		for _, r := range recs {
			fmt.Printf(" %d %s;", r.Version, r.Data)
		}
		fmt.Println(" err", err)
	}
	_, err := s.Load(ctx, "wang", 0)
	fmt.Println(errors.Is(err, credit.ErrNotFound))
	// Output:
	// after 0: 1 opened; 2 bought; err <nil>
	// after 1: 2 bought; err <nil>
	// after 2: err <nil>
	// true
}

// A snapshot saves a line's state so that an Engine need not replay its
// whole journal; the Store keeps the latest one of each line.
func ExampleStore_SaveSnapshot() {
	ctx := context.Background()
	s := memstore.New()
	_, ok, _ := s.LoadSnapshot(ctx, "li")
	fmt.Println("at first:", ok)
	_ = s.SaveSnapshot(ctx, "li", credit.Record{Version: 40, Data: []byte("state at 40")})
	_ = s.SaveSnapshot(ctx, "li", credit.Record{Version: 20, Data: []byte("state at 20")}) // older: kept out
	snap, ok, err := s.LoadSnapshot(ctx, "li")
	fmt.Println(snap.Version, string(snap.Data), ok, err)
	// Output:
	// at first: false
	// 40 state at 40 true <nil>
}

// New returns an empty Store, as does a zero Store.
func ExampleNew() {
	var zero memstore.Store
	fmt.Println(len(memstore.New().Lines()), len(zero.Lines()))
	// Output:
	// 0 0
}
