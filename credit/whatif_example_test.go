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
	"github.com/shopspring/decimal"
)

// A risk team asks what doubling Huabei's overdue penalty, from 0.05% to
// 0.1% a day, would have done to a book of two lines: each bought CNY
// 1,000.00 in March, billed on 1 April and due on 10 April; one paid on
// the due date, the other ten days late. The journals replay under the
// proposal as recorded: the late line's ten days draw CNY 10.00 instead
// of CNY 5.00, and its statement of 1 May closes at that; the other line
// would not change.
func ExampleEngine_WhatIf() {
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	clock := credittest.NewClock(time.Date(2025, 6, 1, 0, 0, 0, 0, beijing)) // credit.SystemClock in production
	e, err := credit.NewEngine(credit.Config{Store: memstore.New(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	on := func(day string) time.Time {
		t, _ := time.ParseInLocation(time.DateOnly, day, beijing)
		return t.Add(10 * time.Hour)
	}
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	price := money.FromMinor(100000, money.CNY)
	may1, _ := calendar.ParseDate("2025-05-01")
	for line, paid := range map[string]string{"L1": "2025-04-10", "L2": "2025-04-20"} {
		must(e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: line, Holder: "h-" + line, Product: credit.ProductHuabei,
			Limit: money.FromMinor(1000000, money.CNY), At: on("2025-03-01")}))
		must(e.Authorize(ctx, credit.Authorize{Key: "auth", Line: line, Purchase: "order-1", Amount: price, Merchant: shop, At: on("2025-03-07")}))
		must(e.Capture(ctx, credit.PurchaseCommand{Key: "capture", Line: line, Purchase: "order-1", Amount: price, At: on("2025-03-07")}))
		must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "deliver", Line: line, Purchase: "order-1", At: on("2025-03-07")}))
		must(e.Pay(ctx, credit.Payment{Key: "pay", Line: line, Amount: price, At: on(paid)}))
		must(e.Advance(ctx, line, may1))
	}

	proposal := credit.Huabei()
	proposal.Billing.Penalty.DailyRate = decimal.RequireFromString("0.001")
	report, err := e.WhatIf(ctx, proposal, []string{"L1", "L2"}, credit.WhatIfOptions{})
	if err != nil {
		panic(err)
	}
	for _, ln := range report.Lines {
		fmt.Println(ln.Line, "penalties", ln.Current.Penalties, "->", ln.Proposed.Penalties, "after", ln.Current.DaysOverdue, "days overdue")
		for _, st := range ln.Statements {
			fmt.Println("  statement", st.Date, "closing", st.Current.Closing, "->", st.Proposed.Closing)
		}
	}
	t := report.Totals
	fmt.Println(t.Lines, "lines,", t.Differ, "would differ; penalty income", t.Current.Penalties, "->", t.Proposed.Penalties)
	// Output:
	// L2 penalties CNY 5.00 -> CNY 10.00 after 10 days overdue
	//   statement 2025-05-01 closing CNY 5.00 -> CNY 10.00
	// 2 lines, 1 would differ; penalty income CNY 5.00 -> CNY 10.00
}

// must panics on an error, for examples.
func must[T any](_ T, err error) {
	if err != nil {
		panic(err)
	}
}
