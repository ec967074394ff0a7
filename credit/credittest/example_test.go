package credittest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// beijing is the Huabei presets' zone, as a fixed offset.
var beijing = time.FixedZone("CST", 8*3600)

// rmb is an amount in whole yuan.
func rmb(yuan int64) money.Amount { return money.FromMinor(yuan*100, money.CNY) }

// A test of checkout code walks a line through a month on the fake clock:
// checkout on 12 December, delivery on the 15th, the statement cut at
// midnight on 1 January, the minimum paid on the due date, and the
// interest on what was left on the next statement (RMB 2,250.00 at 0.05% a
// day for the 22 days from 11 January: 24.75). Where this prints, a test
// compares with what it wants.
func Example() {
	ctx := context.Background()
	clock := credittest.NewClock(time.Date(2014, 12, 12, 9, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "li", Holder: "Li", Product: "huabei-2014", Limit: rmb(10000)}); err != nil {
		panic(err)
	}

	// Checkout: the shop authorizes and captures at payment.
	shop := credit.Merchant{ID: "tmall-uniqlo", Enrolled: true, Category: "apparel"}
	d, err := e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "li", Purchase: "order-1", Amount: rmb(2500), Merchant: shop})
	if err != nil {
		panic(err)
	}
	fmt.Println("12 Dec: approved", d.Approved, "available after", d.AvailableAfter)
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "cap-1", Line: "li", Purchase: "order-1", Amount: rmb(2500)}); err != nil {
		panic(err)
	}

	// Delivery: the purchase is billed from the day the shopper confirms.
	clock.Add(3 * 24 * time.Hour)
	p, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-1", Line: "li", Purchase: "order-1"})
	if err != nil {
		panic(err)
	}
	fmt.Println("15 Dec: posted on", p.PostedOn)

	// Statement day: the month-end run at midnight.
	clock.Set(time.Date(2015, 1, 1, 0, 0, 0, 0, beijing))
	l, err := e.Advance(ctx, "li", calendar.DateOf(clock.Now(), beijing))
	if err != nil {
		panic(err)
	}
	st := l.Statements[len(l.Statements)-1]
	fmt.Println("1 Jan: statement due", st.Due, "balance", st.Balance, "minimum", st.Minimum)

	// The due date: Li pays only the minimum.
	clock.Set(time.Date(2015, 1, 10, 20, 0, 0, 0, beijing))
	if _, err := e.Pay(ctx, credit.Payment{Key: "pay-1", Line: "li", Amount: st.Minimum}); err != nil {
		panic(err)
	}

	// The next statement bills interest on what was left.
	clock.Set(time.Date(2015, 2, 1, 0, 0, 0, 0, beijing))
	if l, err = e.Advance(ctx, "li", calendar.DateOf(clock.Now(), beijing)); err != nil {
		panic(err)
	}
	st = l.Statements[len(l.Statements)-1]
	fmt.Println("1 Feb: statement due", st.Due, "balance", st.Balance, "minimum", st.Minimum)
	// Output:
	// 12 Dec: approved true available after CNY 7500.00
	// 15 Dec: posted on 2014-12-15
	// 1 Jan: statement due 2015-01-10 balance CNY 2500.00 minimum CNY 250.00
	// 1 Feb: statement due 2015-02-10 balance CNY 2274.75 minimum CNY 249.75
}

// The fake clock says what it was set to, and moves only when told.
func ExampleNewClock() {
	clock := credittest.NewClock(time.Date(2014, 12, 31, 23, 0, 0, 0, beijing))
	fmt.Println(clock.Now().Format(time.DateTime))
	clock.Add(2 * time.Hour)
	fmt.Println(clock.Now().Format(time.DateTime))
	clock.Set(time.Date(2015, 1, 10, 0, 0, 0, 0, beijing))
	fmt.Println(clock.Now().Format(time.DateTime))
	// Output:
	// 2014-12-31 23:00:00
	// 2015-01-01 01:00:00
	// 2015-01-10 00:00:00
}
