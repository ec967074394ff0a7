package billing_test

import (
	"fmt"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// huabei returns Huabei-style billing rules: statement on the 1st, due the
// 10th, 0.05% a day after a minimum payment, 0.05% a day on what is overdue.
func huabei() billing.Rules {
	rate := decimal.RequireFromString("0.0005")
	return billing.Rules{
		Cycle: billing.CycleRule{StatementDay: 1, CutoffHour: 24, StatementDayClosesCycle: true,
			Posting: billing.PostOnDelivery, Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10}},
		Interest: billing.InterestRule{Method: billing.RemainderAfterDue, DailyRate: rate},
		Penalty:  billing.PenaltyRule{Method: billing.OverdueDaily, DailyRate: rate, ReplacesInterest: true},
		Minimum: billing.MinimumPayment{NewPrincipalRate: decimal.RequireFromString("0.1"),
			CarriedPrincipalRate: decimal.RequireFromString("0.1"), PlusCharges: true},
		Allocation: billing.HuabeiAllocation(),
		Rounding:   money.HalfEven,
	}
}

// The Huabei launch story: RMB 2,000 delivered on 2014-12-20 is on the
// statement of 2015-01-01, due on 2015-01-10; paying only the minimum
// costs 0.05% a day on the rest.
func ExampleAccount_CloseStatement() {
	r := huabei()
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	a := billing.NewAccount(money.CNY, d("2014-12-01"))
	a, _ = a.Purchase(r, "order-1", d("2014-12-20"), money.FromMinor(200000, money.CNY), billing.RegularDebt, decimal.Zero)
	a, st, _ := a.CloseStatement(r, d("2015-01-01"))
	fmt.Println("due", st.Due, "balance", st.Balance, "minimum", st.Minimum)

	a, _, _ = a.Pay(r, d("2015-01-10"), st.Minimum)
	_, st, _ = a.CloseStatement(r, d("2015-02-01"))
	fmt.Println("interest", st.Lines[1].Amount, "(1,800 × 0.05% × 22 days)")
	// Output:
	// due 2015-01-10 balance CNY 2000.00 minimum CNY 200.00
	// interest CNY 19.80 (1,800 × 0.05% × 22 days)
}

// The same payment under three allocation orders.
func ExampleAllocation_Apply() {
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	debts := []billing.Debt{
		{Ref: "fee", Component: billing.Fee, Posted: d("2015-03-01"), Billed: d("2015-03-01"), Due: d("2015-03-10"), Amount: cny(500)},
		{Ref: "temporary", Kind: billing.TemporaryDebt, Component: billing.Principal, Posted: d("2015-02-20"), Billed: d("2015-03-01"), Due: d("2015-03-10"), Amount: cny(3000)},
		{Ref: "purchase", Component: billing.Principal, Posted: d("2015-02-10"), Billed: d("2015-03-01"), Due: d("2015-03-10"), Amount: cny(8000)},
	}
	for _, alloc := range []billing.Allocation{billing.ClassicAllocation(), billing.HuabeiAllocation()} {
		_, paid, _, _ := alloc.Apply(cny(4000), debts, d("2015-03-05"), 0, cny(0))
		fmt.Print(alloc.Name, ":")
		for _, p := range paid {
			fmt.Print(" ", p.Debt.Ref, " ", p.Paid)
		}
		fmt.Println()
	}
	// Output:
	// classic: fee CNY 5.00 purchase CNY 35.00
	// huabei: temporary CNY 30.00 fee CNY 5.00 purchase CNY 5.00
}

func ExampleMinimumPayment_Compute() {
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	m := huabei().Minimum
	min, _ := m.Compute(billing.MinimumBasis{
		Balance: cny(150000), NewPrincipal: cny(100000), CarriedPrincipal: cny(30000),
		InstallmentDue: cny(19356), Charges: cny(644), Overdue: cny(0), MinimumUnpaid: cny(0),
	})
	fmt.Println(min) // 100 + 30 + 193.56 + 6.44
	// Output: CNY 330.00
}
