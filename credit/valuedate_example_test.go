package credit_test

import (
	"context"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// exampleOwing is the example engine with a purchase of CNY 2,000.00
// delivered on 20 December 2014: billed on 1 January, due on the 10th.
func exampleOwing() (*credit.Engine, func(string)) {
	e, clock := exampleEngine()
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	set := func(s string) {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, beijing)
		if err != nil {
			panic(err)
		}
		clock.Set(t)
	}
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	amount := money.FromMinor(200000, money.CNY)
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "auth-1", Line: "line-1", Purchase: "order-1", Amount: amount, Merchant: shop})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "cap-1", Line: "line-1", Purchase: "order-1", Amount: amount})
	set("2014-12-20 15:00")
	_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-1", Line: "line-1", Purchase: "order-1"})
	return e, set
}

// A payment made on the due date, 10 January, arrives in a settlement
// file recorded on the 13th: with its value date it draws no penalty.
func ExampleEngine_Pay_valueDate() {
	e, set := exampleOwing()
	ctx := context.Background()
	set("2015-01-13 09:00")
	due, _ := calendar.ParseDate("2015-01-10")
	b, err := e.Pay(ctx, credit.Payment{Key: "alipay-2015-01-10-0001", Line: "line-1",
		Amount: money.FromMinor(200000, money.CNY), ValueDate: due})
	if err != nil {
		panic(err)
	}
	l, _ := e.Line(ctx, "line-1")
	fmt.Println("billed", b.Billed, "overdue", !l.Account.Overdue.Statement.IsZero())
	last := l.Account.Lines[len(l.Account.Lines)-1]
	fmt.Println(last.Kind, last.Amount, "recorded", last.Date, "value date", last.ValueDate)
	// Output:
	// billed CNY 0.00 overdue false
	// payment CNY -2000.00 recorded 2015-01-13 value date 2015-01-10
}

// The shopper's bank returns a payment: the debt it paid comes back, with
// the penalty it would have drawn since the due date.
func ExampleEngine_ReversePayment() {
	e, set := exampleOwing()
	ctx := context.Background()
	set("2015-01-10 20:00")
	_, _ = e.Pay(ctx, credit.Payment{Key: "pay-1", Line: "line-1", Amount: money.FromMinor(200000, money.CNY)})
	set("2015-01-15 09:00")
	b, err := e.ReversePayment(ctx, credit.Reversal{Key: "bounce-1", Line: "line-1", Payment: "pay-1"})
	if err != nil {
		panic(err)
	}
	l, _ := e.Line(ctx, "line-1")
	penalty, _ := l.Account.PenaltyAccrued.Post(money.CNY, money.HalfEven)
	fmt.Println("billed", b.Billed, "overdue since", l.Account.Overdue.Due, "penalty accrued", penalty)
	// Output:
	// billed CNY 2000.00 overdue since 2015-01-10 penalty accrued CNY 5.00
}
