package credittest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/shopspring/decimal"
)

// A test compares what the Engine hands out with go-cmp and CmpOptions:
// here, that a second Engine, which knows the line only from the store,
// rebuilds the very line the first one holds. A diff names the fields that
// differ; decimals equal in value, such as 6.2 and 6.20, do not.
func ExampleCmpOptions() {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(time.Date(2014, 12, 12, 9, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "wang", Holder: "Wang", Product: "huabei-2014", Limit: rmb(30000)}); err != nil {
		panic(err)
	}
	shop := credit.Merchant{ID: "tmall-xiaomi", Enrolled: true, Category: "electronics"}
	if _, err := e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "wang", Purchase: "w1", Amount: rmb(2499), Merchant: shop}); err != nil {
		panic(err)
	}
	live, err := e.Line(ctx, "wang")
	if err != nil {
		panic(err)
	}

	restarted, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		panic(err)
	}
	rebuilt, err := restarted.Line(ctx, "wang")
	if err != nil {
		panic(err)
	}
	fmt.Printf("rebuilt from the store: diff %q\n", cmp.Diff(live, rebuilt, credittest.CmpOptions()))

	rebuilt.Holds[0].Amount = rmb(2500)
	fmt.Println("a changed hold differs:", !cmp.Equal(live, rebuilt, credittest.CmpOptions()))

	rate, same := decimal.RequireFromString("6.2"), decimal.RequireFromString("6.20")
	fmt.Println("6.2 equals 6.20:", cmp.Equal(rate, same, credittest.CmpOptions()))
	// Output:
	// rebuilt from the store: diff ""
	// a changed hold differs: true
	// 6.2 equals 6.20: true
}
