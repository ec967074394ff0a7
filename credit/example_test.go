package credit_test

import (
	"context"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/memstore"
	"github.com/justspend/justspend/money"
)

// The whole path on the in-memory store: open a line, authorize at
// checkout, capture, confirm delivery, and the month-end run that cuts the
// statement.
func Example_checkout() {
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	clock := credittest.NewClock(time.Date(2014, 12, 18, 10, 0, 0, 0, beijing)) // credit.SystemClock in production
	e, err := credit.NewEngine(credit.Config{Store: memstore.New(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	_, err = e.OpenLine(ctx, credit.OpenLine{Key: "open-1", Line: "L1", Holder: "Wang",
		Product: "huabei-2014", Limit: money.FromMinor(3000000, money.CNY)})
	if err != nil {
		panic(err)
	}

	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	order := credit.Authorize{Key: "auth-1", Line: "L1", Purchase: "order-1",
		Amount: money.FromMinor(200000, money.CNY), Merchant: shop}
	d, _ := e.Authorize(ctx, order)
	fmt.Println("approved:", d.Approved, "available after:", d.AvailableAfter)

	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "cap-1", Line: "L1", Purchase: "order-1", Amount: order.Amount})
	clock.Set(time.Date(2014, 12, 20, 15, 0, 0, 0, beijing)) // the shopper confirms receipt
	_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-1", Line: "L1", Purchase: "order-1"})

	clock.Set(time.Date(2015, 1, 1, 0, 0, 0, 0, beijing)) // midnight: the month-end run
	jan1, _ := calendar.ParseDate("2015-01-01")
	l, _ := e.Advance(ctx, "L1", jan1)
	st := l.Statements[0]
	fmt.Println("statement", st.Date, "due", st.Due, "balance", st.Balance, "minimum", st.Minimum)
	// Output:
	// approved: true available after: CNY 28000.00
	// statement 2015-01-01 due 2015-01-10 balance CNY 2000.00 minimum CNY 200.00
}

// An engine on the in-memory store, with the clock at 10 December 2014 in
// Beijing.
func exampleEngine() (*credit.Engine, *credittest.Clock) {
	clock := credittest.NewClock(time.Date(2014, 12, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open-1", Line: "line-1", Holder: "shopper-1",
		Product: "huabei-2014", Limit: money.FromMinor(3000000, money.CNY)}); err != nil {
		panic(err)
	}
	return e, clock
}

// The checkout path: a declined request lists every reason; an approved
// one holds the credit.
func ExampleEngine_Authorize() {
	e, _ := exampleEngine()
	ctx := context.Background()
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}

	d, _ := e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "line-1", Purchase: "order-1",
		Amount: money.FromMinor(80000, money.CNY), Merchant: shop})
	fmt.Println(d.Approved, d.Reasons[0].Code, d.Reasons[0].Limit)

	d, _ = e.Authorize(ctx, credit.Authorize{Key: "auth-2", Line: "line-1", Purchase: "order-2",
		Amount: money.FromMinor(200000, money.CNY), Merchant: shop})
	fmt.Println(d.Approved, d.AvailableBefore, "->", d.AvailableAfter)
	// Output:
	// false below_minimum_purchase CNY 1000.00
	// true CNY 30000.00 -> CNY 28000.00
}

// Capture at payment, then delivery posts the purchase to its cycle.
func ExampleEngine_ConfirmDelivery() {
	e, clock := exampleEngine()
	ctx := context.Background()
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "a", Line: "line-1", Purchase: "order-2", Amount: money.FromMinor(200000, money.CNY), Merchant: shop})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: "line-1", Purchase: "order-2", Amount: money.FromMinor(200000, money.CNY)})

	clock.Add(10 * 24 * time.Hour) // received on 20 December
	p, _ := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: "line-1", Purchase: "order-2"})
	fmt.Println(p.State, p.PostedOn)
	// Output: posted 2014-12-20
}

// Repayment, and the month-end run that cuts statements.
func ExampleEngine_Advance() {
	e, clock := exampleEngine()
	ctx := context.Background()
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "a", Line: "line-1", Purchase: "order-2", Amount: money.FromMinor(200000, money.CNY), Merchant: shop})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: "line-1", Purchase: "order-2", Amount: money.FromMinor(200000, money.CNY)})
	_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: "line-1", Purchase: "order-2"})

	clock.Set(time.Date(2015, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))) // midnight: the month-end run
	jan1, _ := calendar.ParseDate("2015-01-01")
	l, _ := e.Advance(ctx, "line-1", jan1)
	st := l.Statements[0]
	fmt.Println("statement", st.Date, "due", st.Due, "balance", st.Balance, "minimum", st.Minimum)

	clock.Set(time.Date(2015, 1, 9, 12, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	b, _ := e.Pay(ctx, credit.Payment{Key: "pay-1", Line: "line-1", Amount: st.Balance})
	fmt.Println("available after paying in full", b.Available)
	// Output:
	// statement 2015-01-01 due 2015-01-10 balance CNY 2000.00 minimum CNY 200.00
	// available after paying in full CNY 30000.00
}

// Decide is the pure rules engine: quote a purchase without an engine.
func ExampleDecide() {
	p := credit.Xinyongbao2013()
	l := &credit.Line{Limit: money.FromMinor(10000, money.CNY), Status: credit.Active}
	req := &credit.AuthRequest{Purchase: "g1", Amount: money.FromMinor(600, money.CNY),
		Merchant: credit.Merchant{ID: "game-co", Enrolled: true, Category: "game"}}
	d, err := credit.Decide(l, &p, req, nil)
	fmt.Println(d.Approved, d.Reasons[0].Code, d.Reasons[0].Limit, d.Reasons[0].Actual, err)
	// Output: false above_category_limit CNY 5.00 CNY 6.00 <nil>
}
