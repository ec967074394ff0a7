package funding_test

import (
	"context"
	"fmt"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/funding"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// A CNY 10,000.00 purchase on 12 monthly installments at 0.5% a period,
// funded 30% by the platform and 70% by a partner bank. The plan's fees,
// CNY 600.00, post with the purchase (CNY 180.00 and 420.00); the first
// installment of CNY 883.33 (833.33 of principal and a fee of 50.00) is
// billed on 1 April and paid on the 10th (CNY 265.00 and 618.33). The
// funders' books and their view of the portfolio follow from the line's
// events.
func Example() {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	p := credit.Huabei()
	p.Name = "huabei-joint"
	p.Installments = append(p.Installments, billing.Plan{Name: "12x0.5%", Periods: 12, FeeModel: billing.PerPeriodRate,
		FeeRate: decimal.RequireFromString("0.005"), Split: billing.AlipaySplit,
		Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1}, BillDaysBeforeDue: 9})
	plan, err := funding.LoadPlan([]byte(`{"name": "joint-30-70", "platform": "ant",
		"funders": [{"id": "ant", "share": "0.3"}, {"id": "bank", "share": "0.7"}]}`))
	if err != nil {
		panic(err)
	}

	clock := credittest.NewClock(time.Date(2015, 3, 5, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		panic(err)
	}
	_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "Wang", Product: p.Name, Limit: cny(5_000_000)})
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "appliances"}
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "tv", Amount: cny(1_000_000), Merchant: shop, Plan: "12x0.5%"})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "tv", Amount: cny(1_000_000)})
	_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "tv"})
	clock.Set(time.Date(2015, 4, 10, 9, 0, 0, 0, beijing))
	_, _ = e.Pay(ctx, credit.Payment{Key: "p1", Line: "L1", Amount: cny(88333)})

	ledger, _ := funding.NewLedger(plan)
	events, _ := e.Events(ctx, "L1", 0, 0)
	for _, ev := range events {
		parts, err := ledger.Apply(ev)
		if err != nil {
			panic(err)
		}
		if ev.Fact.Kind == "paid" {
			fmt.Println("the payment:", parts)
		}
	}
	l, _ := e.Line(ctx, "L1")
	view, err := funding.Report(l.Today, func(yield func(*credit.Line, *funding.Ledger) bool) { yield(l, ledger) }, credit.ReportOptions{})
	if err != nil {
		panic(err)
	}
	for _, v := range view.Funders {
		fmt.Println(v.Funder, "outstanding", v.Outstanding, "fees", v.Fees, "merchant fees", v.MerchantFees)
	}
	// Output:
	// the payment: [{funder:ant:holder CNY -265.00} {funder:bank:holder CNY -618.33} {funder:ant:cash CNY 265.00} {funder:bank:cash CNY 618.33}]
	// ant outstanding CNY 2915.00 fees CNY 180.00 merchant fees CNY 0.00
	// bank outstanding CNY 6801.67 fees CNY 420.00 merchant fees CNY 0.00
}
