package credit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// Huabei with a charge-off after 90 days past due and small remainders
// written off up to RMB 10: RMB 1,000 delivered on 5 March 2015 and never
// repaid moves through the buckets, is charged off on 10 July with its 90
// days of penalty, and is then recovered in part and settled. The host
// hears of each change of bucket as a "delinquency" fact.
func Example_chargeOff() {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	p := credit.Huabei()
	p.Name = "huabei-charge-off"
	p.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 90}
	p.Billing.WriteOff = billing.WriteOffRule{UpTo: cny(1000)}

	clock := credittest.NewClock(time.Date(2015, 3, 5, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		panic(err)
	}
	_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "Wang", Product: p.Name, Limit: cny(500000)})
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "order-1", Amount: cny(100000), Merchant: shop})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "order-1", Amount: cny(100000)})
	_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "order-1"})

	// The nightly run, a day at a time.
	var l *credit.Line
	for d, _ := calendar.ParseDate("2015-03-06"); d.Month() != time.August; d = d.AddDays(1) {
		clock.Set(d.At(0, 0, beijing))
		l, _ = e.Advance(ctx, "L1", d)
	}
	dq := l.Delinquency(&p)
	co := l.Account.ChargeOff
	fmt.Println("on", dq.On, "bucket", dq.Bucket, "charged off", co.Amount, "on", co.On)

	clock.Set(time.Date(2015, 8, 3, 12, 0, 0, 0, beijing))
	b, _ := e.Pay(ctx, credit.Payment{Key: "r1", Line: "L1", Amount: cny(30000)})
	fmt.Println("after a recovery of CNY 300.00, charged off and owed", b.ChargedOff)
	clock.Set(time.Date(2015, 8, 5, 12, 0, 0, 0, beijing))
	b, _ = e.Pay(ctx, credit.Payment{Key: "r2", Line: "L1", Amount: cny(73700)})
	fmt.Println("after CNY 737.00 more, owed", b.ChargedOff, "billed", b.Billed)

	events, _ := e.Events(ctx, "L1", 0, 0)
	lender := map[string]money.Amount{}
	for _, ev := range events {
		if ev.Fact.Kind == credit.KindDelinquency {
			var ch credit.DelinquencyChange
			_ = json.Unmarshal(ev.Fact.Data, &ch)
			fmt.Println(ev.Fact.On, ch.From, "->", ch.To, ch.DaysPastDue, "days past due,", ch.PastDue)
		}
		for _, post := range ev.Fact.Postings {
			switch post.Account {
			case "loss:charge_off", "income:recovery", "charged_off":
				lender[post.Account], _ = lender[post.Account].Add(post.Amount)
			}
		}
	}
	fmt.Println("loss:charge_off", lender["loss:charge_off"], "income:recovery", lender["income:recovery"], "charged_off", lender["charged_off"])
	// Output:
	// on 2015-07-31 bucket charged_off charged off CNY 1045.00 on 2015-07-10
	// after a recovery of CNY 300.00, charged off and owed CNY 745.00
	// after CNY 737.00 more, owed CNY 0.00 billed CNY 0.00
	// 2015-04-11 current -> 1-30 1 days past due, CNY 1000.00
	// 2015-05-11 1-30 -> 31-60 31 days past due, CNY 1010.50
	// 2015-06-10 31-60 -> 61-90 61 days past due, CNY 1010.50
	// 2015-07-10 61-90 -> charged_off 91 days past due, CNY 1045.00
	// loss:charge_off CNY 1045.00 income:recovery CNY -1037.00 charged_off CNY 0.00
}
