package billing_test

import (
	"fmt"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// RMB 1,000 never repaid on Huabei-style rules that charge off after 90
// days past due and write off remainders up to RMB 10: 0.05% a day of
// penalty from 11 April to 9 July, the charge-off at the start of 10 July,
// then a recovery of RMB 300 and a payment that leaves RMB 8.00, written
// off.
func ExampleChargeOffRule() {
	r := huabei()
	r.ChargeOff = billing.ChargeOffRule{AfterDays: 90}
	r.WriteOff = billing.WriteOffRule{UpTo: money.FromMinor(1000, money.CNY)}
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }

	a := billing.NewAccount(money.CNY, d("2015-03-01"))
	a, _ = a.Purchase(r, "order-1", d("2015-03-05"), cny(100000), billing.RegularDebt, decimal.Zero)
	for _, s := range []string{"2015-04-01", "2015-05-01", "2015-06-01", "2015-07-01"} {
		a, _, _ = a.CloseStatement(r, d(s))
	}
	a, _ = a.AccrueThrough(r, d("2015-07-10"))
	fmt.Println("charged off", a.ChargeOff.Amount, "on", a.ChargeOff.On, "past due since", a.ChargeOff.Since)

	a, _ = a.AccrueThrough(r, d("2015-07-19"))
	a, _, _ = a.Pay(r, d("2015-07-20"), cny(30000))
	fmt.Println("recovered", a.ChargeOff.Recovered, "still owed", a.ChargeOff.Balance)

	a, _, _ = a.Pay(r, d("2015-08-05"), cny(73700))
	fmt.Println("written off", a.ChargeOff.WrittenOff, "still owed", a.ChargeOff.Balance)
	for _, ln := range a.Lines {
		fmt.Println(ln.Date, ln.Kind.Label("zh-CN"), ln.Amount)
	}
	// Output:
	// charged off CNY 1045.00 on 2015-07-10 past due since 2015-04-10
	// recovered CNY 300.00 still owed CNY 745.00
	// written off CNY 8.00 still owed CNY 0.00
	// 2015-07-10 逾期罚息 CNY 4.00
	// 2015-07-10 核销转出 CNY -1045.00
	// 2015-07-10 已核销欠款 CNY 1045.00
	// 2015-07-20 核销后还款 CNY -300.00
	// 2015-08-05 核销后还款 CNY -737.00
	// 2015-08-05 小额欠款减免 CNY -8.00
}

// China's tolerance repayment: a statement of RMB 1,000 paid but RMB 8.00
// by its due date is deemed paid in full the next day; the 8.00 is
// written off and draws no interest.
func ExampleWriteOffRule() {
	r := huabei()
	r.WriteOff = billing.WriteOffRule{UpTo: money.FromMinor(1000, money.CNY)}
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	a := billing.NewAccount(money.CNY, d("2015-03-01"))
	a, _ = a.Purchase(r, "order-1", d("2015-03-05"), money.FromMinor(100000, money.CNY), billing.RegularDebt, decimal.Zero)
	a, _, _ = a.CloseStatement(r, d("2015-04-01"))
	a, _, _ = a.Pay(r, d("2015-04-10"), money.FromMinor(99200, money.CNY))
	_, st, _ := a.CloseStatement(r, d("2015-05-01"))
	for _, ln := range st.Lines {
		fmt.Println(ln.Date, ln.Kind.Label("en"), ln.Ref, ln.Amount)
	}
	fmt.Println("closing", st.Closing)
	// Output:
	// 2015-04-10 Payment  CNY -992.00
	// 2015-04-11 Small balance written off tolerance CNY -8.00
	// closing CNY 0.00
}
