package billing_test

import (
	"fmt"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// A Huabei statement of RMB 1,000 due on 10 March 2020, deferred by 30
// days to 9 April: nothing is overdue on 11 March, and paid in full on 8
// April it draws neither penalty nor interest. Without the deferral the
// same payment is 29 days late: 0.05% a day on 1,000.00, 14.50.
func ExampleAccount_Defer() {
	r := huabei()
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }

	a := billing.NewAccount(money.CNY, d("2020-02-01"))
	a, _ = a.Purchase(r, "order-1", d("2020-02-05"), cny(100000), billing.RegularDebt, decimal.Zero)
	a, st, _ := a.CloseStatement(r, d("2020-03-01"))
	fmt.Println("statement", st.Closing, "due", st.Due, "minimum", st.Minimum)

	late := a
	a, _ = a.Defer(r, d("2020-03-08"), d("2020-03-10").AddDays(30), money.Zero(money.CNY))
	fmt.Println("deferred to", a.Last.Due)
	a, _ = a.AccrueThrough(r, d("2020-03-11"))
	fmt.Println("overdue on 11 March:", !a.Overdue.Statement.IsZero())
	a, _, _ = a.Pay(r, d("2020-04-08"), cny(100000))
	a, st, _ = a.CloseStatement(r, d("2020-05-01"))
	fmt.Println("next statement", st.Closing)
	for _, ln := range st.Lines {
		fmt.Println(ln.Date, ln.Kind.Label("zh-CN"), ln.Ref, ln.Amount)
	}

	late, _, _ = late.Pay(r, d("2020-04-08"), cny(100000))
	late, st, _ = late.CloseStatement(r, d("2020-05-01"))
	fmt.Println("without the deferral", st.Closing)
	// Output:
	// statement CNY 1000.00 due 2020-03-10 minimum CNY 100.00
	// deferred to 2020-04-09
	// overdue on 11 March: false
	// next statement CNY 0.00
	// 2020-03-08 延期还款 due:2020-04-09 CNY 0.00
	// 2020-04-08 还款  CNY -1000.00
	// without the deferral CNY 14.50
}

// A 12-period Huabei plan of RMB 1,200 (8.8% in all: 100.00 and 8.80 a
// period) with six periods left, 600.00, rescheduled over 12 more periods
// at the same 8.8%: the fees of the six periods left (52.80) are waived,
// and each new period is 50.00 and 4.40, from period 13 billed on 1
// August.
func ExampleAccount_Reschedule() {
	r := huabei()
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	plan := billing.Plan{Periods: 12, FeeModel: billing.TotalRate, FeeRate: decimal.RequireFromString("0.088"),
		Split: billing.AlipaySplit, Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1}, BillDaysBeforeDue: 9}

	a := billing.NewAccount(money.CNY, d("2019-12-01"))
	s, _ := plan.Schedule(money.FromMinor(120000, money.CNY), d("2019-12-20"), nil)
	a, _ = a.InstallmentPurchase(r, "order-1", d("2019-12-20"), s)
	for _, m := range []string{"2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01", "2020-05-01", "2020-06-01"} {
		var st billing.Statement
		a, st, _ = a.CloseStatement(r, d(m))
		a, _, _ = a.Pay(r, d(m).AddDays(5), st.Balance)
	}
	p, f, _, _ := a.Unbilled("order-1")
	fmt.Println("left", p, "fees", f)

	a, ns, _ := a.Reschedule(r, d("2020-07-15"), "order-1", plan)
	fmt.Println("new fee", ns.TotalFee)
	for _, in := range ns.Installments[:2] {
		fmt.Println("period", in.Period, "due", in.Due, in.Principal, in.Fee)
	}
	fmt.Println("...")
	last := ns.Installments[len(ns.Installments)-1]
	fmt.Println("period", last.Period, "due", last.Due, last.Principal, last.Fee)
	for _, ln := range a.Lines {
		fmt.Println(ln.Date, ln.Kind.Label("zh-CN"), ln.Ref, ln.Amount)
	}
	a, st, _ := a.CloseStatement(r, d("2020-08-01"))
	fmt.Println("1 August: balance", st.Balance, "due", st.Due)
	// Output:
	// left CNY 600.00 fees CNY 52.80
	// new fee CNY 52.80
	// period 13 due 2020-08-10 CNY 50.00 CNY 4.40
	// period 14 due 2020-09-10 CNY 50.00 CNY 4.40
	// ...
	// period 24 due 2021-07-10 CNY 50.00 CNY 4.40
	// 2020-06-06 还款  CNY -108.80
	// 2020-07-15 费用减免 order-1 CNY -52.80
	// 2020-07-15 账单分期 reschedule:order-1 CNY -600.00
	// 2020-07-15 分期消费 reschedule:order-1 CNY 600.00
	// 2020-07-15 分期手续费 order-1 CNY 52.80
	// 1 August: balance CNY 54.40 due 2020-08-10
}

// A Huabei statement of RMB 1,000 due on 10 March 2020 and not paid is 10
// days past due on 20 March; its April statement would ask the overdue
// 1,000.00 and 11.00 of penalty. Re-aged on 20 March, the 1,000.00 is due
// with the April statement on 10 April and nothing is forgiven: the April
// statement bills the 5.00 of penalty run up while it was past due and
// 6.00 of interest from 21 March, and asks the regular minimum, 10% of
// the principal and the charges: 111.00.
func ExampleAccount_Reage() {
	r := huabei()
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }

	a := billing.NewAccount(money.CNY, d("2020-02-01"))
	a, _ = a.Purchase(r, "order-1", d("2020-02-05"), cny(100000), billing.RegularDebt, decimal.Zero)
	a, st, _ := a.CloseStatement(r, d("2020-03-01"))
	fmt.Println("statement", st.Closing, "due", st.Due, "minimum", st.Minimum)

	a, _ = a.AccrueThrough(r, d("2020-03-20"))
	since, _ := a.PastDueSince(d("2020-03-20"))
	fmt.Println("past due since", since, since.DaysUntil(d("2020-03-20")), "days")
	pastDue := a

	a, _ = a.Reage(r, d("2020-03-20"))
	_, overdue := a.PastDueSince(d("2020-03-20"))
	owed, _ := a.Owed()
	fmt.Println("re-aged: past due", overdue, "owed", owed)
	a, st, _ = a.CloseStatement(r, d("2020-04-01"))
	for _, ln := range st.Lines {
		fmt.Println(ln.Date, ln.Kind.Label("zh-CN"), ln.Ref, ln.Amount)
	}
	fmt.Println("April statement", st.Closing, "due", st.Due, "minimum", st.Minimum)

	_, st, _ = pastDue.CloseStatement(r, d("2020-04-01"))
	fmt.Println("without the re-age: minimum", st.Minimum)
	// Output:
	// statement CNY 1000.00 due 2020-03-10 minimum CNY 100.00
	// past due since 2020-03-10 10 days
	// re-aged: past due false owed CNY 1000.00
	// 2020-03-20 逾期账龄重置 due:2020-03-10..2020-04-10 CNY 0.00
	// 2020-04-01 利息 interest CNY 6.00
	// 2020-04-01 逾期罚息 penalty CNY 5.00
	// April statement CNY 1011.00 due 2020-04-10 minimum CNY 111.00
	// without the re-age: minimum CNY 1011.00
}
