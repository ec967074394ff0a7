package credit_test

import (
	"context"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// An 11.11 coupon: on 11 November, Huabei's 12-period plan (8.8%) with its
// first 3 periods free, the merchant paying half of what is waived and the
// platform the rest from a budget of CNY 20.00. On CNY 1,200 the fee is
// 105.60, 8.80 a period: 26.40 is waived, 13.20 of it granted from the
// budget. A second coupon of the same size would pass the budget.
func ExampleEngine_Authorize_campaign() {
	ctx := context.Background()
	nov11, _ := calendar.ParseDate("2025-11-11")
	p := credit.Huabei()
	p.Campaigns = []credit.Campaign{{Name: "1111", From: nov11, Until: nov11, Plans: []string{"12-month"},
		FreePeriods: 3, MerchantShare: decimal.RequireFromString("0.5"), Budget: money.FromMinor(2000, money.CNY)}}
	clock := credittest.NewClock(time.Date(2025, 11, 11, 0, 5, 0, 0, time.FixedZone("CST", 8*3600)))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		panic(err)
	}
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "electronics"}
	for _, line := range []string{"L1", "L2"} {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: line, Holder: "h-" + line, Product: "huabei", Limit: money.FromMinor(1000000, money.CNY)}); err != nil {
			panic(err)
		}
		d, err := e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: line, Purchase: "order-1",
			Amount: money.FromMinor(120000, money.CNY), Merchant: shop, Plan: "12-month", Campaign: "1111"})
		if err != nil {
			panic(err)
		}
		if d.Approved {
			l, _ := e.Line(ctx, line)
			fmt.Println(line, "approved; granted", l.Purchases[0].Promotion.Grant)
		} else {
			fmt.Println(line, "declined:", d.Reasons[0].Code)
		}
	}
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "cap-1", Line: "L1", Purchase: "order-1", Amount: money.FromMinor(120000, money.CNY)})
	pu, _ := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-1", Line: "L1", Purchase: "order-1"})
	s := pu.Schedule
	fmt.Println("period 1 fee", s.Installments[0].Fee, "period 4 fee", s.Installments[3].Fee)
	fmt.Println("shopper", s.TotalFee, "waived", s.PromotionFee, "merchant fees", pu.MerchantFees, "campaign", pu.Promotion.Funded)
	// Output:
	// L1 approved; granted CNY 13.20
	// L2 declined: campaign_spent
	// period 1 fee CNY 0.00 period 4 fee CNY 8.80
	// shopper CNY 79.20 waived CNY 26.40 merchant fees CNY 13.20 campaign CNY 13.20
}

// A campaign's state: its budget, what its journal has granted and
// released, and what is left.
func ExampleEngine_Campaign() {
	ctx := context.Background()
	nov11, _ := calendar.ParseDate("2025-11-11")
	p := credit.Huabei()
	p.Campaigns = []credit.Campaign{{Name: "1111", From: nov11, Until: nov11, FreePeriods: 12,
		Budget: money.FromMinor(1000000, money.CNY), PerLine: 1}}
	clock := credittest.NewClock(time.Date(2025, 11, 11, 20, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	e, _ := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "h", Product: "huabei", Limit: money.FromMinor(1000000, money.CNY)})
	// 6 periods at 4.5% on CNY 2,000, all free: the campaign funds 90.00.
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "L1", Purchase: "order-1", Amount: money.FromMinor(200000, money.CNY),
		Merchant: credit.Merchant{ID: "shop", Enrolled: true}, Plan: "6-month", Campaign: "1111"})
	s, _ := e.Campaign(ctx, "1111")
	fmt.Println("budget", s.Budget, "granted", s.Granted, "released", s.Released, "remaining", s.Remaining, "grants", s.Grants)
	// Output: budget CNY 10000.00 granted CNY 90.00 released CNY 0.00 remaining CNY 9910.00 grants 1
}
