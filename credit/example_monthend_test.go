package credit_test

import (
	"context"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// A month-end over a small book: three Huabei lines with a purchase each
// delivered in March 2015 and one line that does not exist. AdvanceAll
// cuts each line's statement of 1 April (due on the 10th) on all cores and lists the line
// it could not advance; the statements are read afterwards.
func ExampleEngine_AdvanceAll() {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	clock := credittest.NewClock(time.Date(2015, 3, 5, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{credit.Huabei()}})
	if err != nil {
		panic(err)
	}
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	lines := []string{"L1", "L2", "L3"}
	for i, id := range lines {
		price := cny(int64(i+1) * 10000)
		_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "holder-" + id, Product: "huabei", Limit: cny(500000)})
		_, _ = e.Authorize(ctx, credit.Authorize{Key: "a", Line: id, Purchase: "order", Amount: price, Merchant: shop})
		_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: id, Purchase: "order", Amount: price})
		_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: id, Purchase: "order"})
	}

	clock.Set(time.Date(2015, 4, 1, 0, 30, 0, 0, beijing))
	day, _ := calendar.ParseDate("2015-04-01")
	r, err := e.AdvanceAll(ctx, append(lines, "L4"), day)
	fmt.Println("advanced", r.Advanced, "unchanged", r.Unchanged, "error", err)
	for _, f := range r.Failed {
		fmt.Println("failed:", f)
	}
	for _, id := range lines {
		l, _ := e.Line(ctx, id)
		s := l.Statements[len(l.Statements)-1]
		fmt.Println(id, "statement of", s.Date, "due", s.Due, "balance", s.Balance)
	}
	// Output:
	// advanced 3 unchanged 0 error <nil>
	// failed: L4: credit: no line "L4": not found
	// L1 statement of 2015-04-01 due 2015-04-10 balance CNY 100.00
	// L2 statement of 2015-04-01 due 2015-04-10 balance CNY 200.00
	// L3 statement of 2015-04-01 due 2015-04-10 balance CNY 300.00
}
