package credit_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// Huabei with a hardship policy: a due date may move up to 30 days, once a
// statement and twice a year, free; an installment plan may be laid out
// again over 12 months at Huabei's 8.8%. A statement of RMB 1,000 due on
// 10 March 2020 is deferred to 9 April and paid on 8 April: no penalty. A
// 12-month plan of RMB 1,200 with six periods (600.00) left is rescheduled
// over 12 more on 20 June: the six periods' fees (52.80) are waived, and
// each new period is 50.00 and 4.40, the first billed on 1 July.
func Example_hardship() {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	p := credit.Huabei()
	p.Name = "huabei-hardship"
	p.Hardship = credit.Hardship{DeferDays: 30, DefersPerYear: 2, Reschedule: p.Installments[3:4]} // "12-month"

	clock := credittest.NewClock(time.Date(2019, 12, 20, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		panic(err)
	}
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	at := func(s string) time.Time { return d(s).At(12, 0, beijing) }
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "electronics"}
	buy := func(line, id, plan string, amount int64) {
		_, _ = e.Authorize(ctx, credit.Authorize{Key: "a-" + id, Line: line, Purchase: id, Amount: cny(amount), Merchant: shop, Plan: plan})
		_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c-" + id, Line: line, Purchase: id, Amount: cny(amount)})
		_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d-" + id, Line: line, Purchase: id})
	}
	var ce *credit.CommandError
	_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "Wang", Product: p.Name, Limit: cny(500000)})
	_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L2", Holder: "Li", Product: p.Name, Limit: cny(500000)})
	buy("L1", "phone", "12-month", 120000)

	// L2: RMB 1,000 on 5 February 2020, billed on 1 March, due 10 March,
	// deferred on 8 March by 30 days.
	clock.Set(at("2020-02-05"))
	buy("L2", "tv", "", 100000)
	clock.Set(at("2020-03-08"))
	l, err := e.DeferDue(ctx, credit.Deferral{Key: "defer-1", Line: "L2", Days: 30})
	if err != nil {
		panic(err)
	}
	fmt.Println("statement of", l.Account.Last.Date, "now due", l.Account.Last.Due, "to pay", l.Account.Last.Balance)
	_, err = e.DeferDue(ctx, credit.Deferral{Key: "defer-2", Line: "L2", Days: 5})
	if errors.As(err, &ce) {
		fmt.Println("again:", ce.Code)
	}
	clock.Set(at("2020-03-12"))
	l, _ = e.Advance(ctx, "L2", d("2020-03-12"))
	fmt.Println("overdue on 12 March:", !l.Account.Overdue.Statement.IsZero())
	clock.Set(at("2020-04-08"))
	b, _ := e.Pay(ctx, credit.Payment{Key: "pay-tv", Line: "L2", Amount: cny(100000)})
	fmt.Println("paid on 8 April: owed", b.Billed)
	clock.Set(at("2020-05-02"))
	_, _ = e.Advance(ctx, "L2", d("2020-05-02"))
	st, _ := e.Statements(ctx, "L2")
	for _, s := range st[1:] {
		fmt.Println("statement of", s.Date, "closing", s.Closing)
		for _, ln := range s.Lines {
			fmt.Println("  ", ln.Date, ln.Kind.Label("zh-CN"), ln.Ref, ln.Amount)
		}
	}

	// L1: a 12-month plan of RMB 1,200, six periods billed and paid.
	for _, m := range []string{"2020-01-05", "2020-02-05", "2020-03-05", "2020-04-05", "2020-05-05", "2020-06-05"} {
		clock.Set(at(m))
		_, _ = e.Pay(ctx, credit.Payment{Key: "pay-" + m, Line: "L1", Amount: cny(10880)})
	}
	clock.Set(at("2020-06-20"))
	l, err = e.Reschedule(ctx, credit.Rescheduling{Key: "r1", Line: "L1", Purchase: "phone", Plan: "12-month"})
	if err != nil {
		panic(err)
	}
	for _, ln := range l.Account.Lines {
		fmt.Println(ln.Date, ln.Kind.Label("zh-CN"), ln.Ref, ln.Amount)
	}
	_, err = e.Reschedule(ctx, credit.Rescheduling{Key: "r2", Line: "L1", Purchase: "phone", Plan: "12-month"})
	if errors.As(err, &ce) {
		fmt.Println("again:", ce.Code, ce.Field)
	}
	clock.Set(at("2020-07-02"))
	l, _ = e.Advance(ctx, "L1", d("2020-07-02"))
	fmt.Println("1 July: to pay", l.Account.Last.Balance, "by", l.Account.Last.Due)
	// Output:
	// statement of 2020-03-01 now due 2020-04-09 to pay CNY 1000.00
	// again: deferred_already
	// overdue on 12 March: false
	// paid on 8 April: owed CNY 0.00
	// statement of 2020-02-01 closing CNY 0.00
	// statement of 2020-03-01 closing CNY 1000.00
	//    2020-02-05 消费 tv CNY 1000.00
	// statement of 2020-04-01 closing CNY 1000.00
	//    2020-03-08 延期还款 due:2020-04-09 CNY 0.00
	// statement of 2020-05-01 closing CNY 0.00
	//    2020-04-08 还款  CNY -1000.00
	// 2020-06-05 还款  CNY -108.80
	// 2020-06-20 费用减免 phone CNY -52.80
	// 2020-06-20 账单分期 reschedule:phone CNY -600.00
	// 2020-06-20 分期消费 reschedule:phone CNY 600.00
	// 2020-06-20 分期手续费 phone CNY 52.80
	// again: rescheduled_already purchase
	// 1 July: to pay CNY 54.40 by 2020-07-10
}

// Huabei with the FFIEC's re-aging policy (FFIECReaging): a line open
// since June 2019 buys RMB 1,000 on 20 January 2020, billed on 1 February
// and due on 10 February, and pays nothing. On 6 March it is 25 days past
// due, and the statement of 1 March asks the overdue 1,000.00 and 10.00
// of penalty; its regular minimum would be 110.00 (10% and the penalty).
// Asked then, the re-age is refused: three minimum payments, 330.00, are
// not yet paid. Paid on 8 March, the line is re-aged: current, owing all
// it owed, the 670.00 left due with the March statement on 10 March.
func ExampleEngine_Reage() {
	ctx := context.Background()
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	beijing := time.FixedZone("CST", 8*3600)
	p := credit.Huabei()
	p.Name = "huabei-reage"
	p.Hardship = credit.FFIECReaging()

	clock := credittest.NewClock(time.Date(2019, 6, 1, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		panic(err)
	}
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	at := func(s string) time.Time { return d(s).At(12, 0, beijing) }
	_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "Zhang", Product: p.Name, Limit: cny(500000)})
	clock.Set(at("2020-01-20"))
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "electronics"}
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "a-tv", Line: "L1", Purchase: "tv", Amount: cny(100000), Merchant: shop})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c-tv", Line: "L1", Purchase: "tv", Amount: cny(100000)})
	_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d-tv", Line: "L1", Purchase: "tv"})

	clock.Set(at("2020-03-06"))
	l, _ := e.Advance(ctx, "L1", d("2020-03-06"))
	dq := l.Delinquency(&p)
	fmt.Println("6 March:", dq.Bucket, dq.DaysPastDue, "days past due, the statement asks", l.Account.Last.Minimum)
	var ce *credit.CommandError
	if _, err := e.Reage(ctx, credit.Reaging{Key: "reage-1", Line: "L1"}); errors.As(err, &ce) {
		fmt.Println("re-age:", ce.Code)
	}
	clock.Set(at("2020-03-08"))
	_, _ = e.Pay(ctx, credit.Payment{Key: "pay", Line: "L1", Amount: cny(33000)})
	l, err = e.Reage(ctx, credit.Reaging{Key: "reage-2", Line: "L1"})
	if err != nil {
		panic(err)
	}
	owed, _ := l.Account.Owed()
	r := l.Reagings[0]
	fmt.Println("re-aged on", r.On, "from", r.DaysPastDue, "days and", r.PastDue, "past due; now due", r.Due)
	fmt.Println("bucket", l.Delinquency(&p).Bucket, "owed", owed, "the statement asks", l.Account.Last.Minimum, "unpaid", l.Account.Last.MinimumUnpaid)
	// Output:
	// 6 March: 1-30 25 days past due, the statement asks CNY 1010.00
	// re-age: reage_not_earned
	// re-aged on 2020-03-08 from 27 days and CNY 670.00 past due; now due 2020-03-10
	// bucket current owed CNY 680.00 the statement asks CNY 110.00 unpaid CNY 0.00
}
