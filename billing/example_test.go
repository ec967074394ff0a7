package billing_test

import (
	"encoding/json"
	"fmt"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Huabei's six-period plan at 4.5%, loaded from JSON, on RMB 1,111.11:
// Alipay's rule puts the fen that do not divide evenly into period 1.
func ExamplePlan_Schedule() {
	var plan billing.Plan
	err := json.Unmarshal([]byte(`{"periods": 6, "fee_model": "total_rate", "fee_rate": "0.045",
		"fee_payer": "buyer", "split": "alipay",
		"due": {"kind": "day_of_month_after", "day": 10, "months": 1}, "bill_days_before_due": 9}`), &plan)
	if err != nil {
		panic(err)
	}
	price, _ := money.FromString("1111.11", money.CNY)
	bought, _ := calendar.ParseDate("2025-01-20")
	s, err := plan.Schedule(price, bought, nil)
	if err != nil {
		panic(err)
	}
	for _, in := range s.Installments[:2] {
		fmt.Println(in.Period, in.Due, in.Principal, "+", in.Fee, "=", in.Total)
	}
	fmt.Println("fee", s.TotalFee)
	// Output:
	// 1 2025-02-10 CNY 185.21 + CNY 8.35 = CNY 193.56
	// 2 2025-03-10 CNY 185.18 + CNY 8.33 = CNY 193.51
	// fee CNY 50.00
}

// What Huabei's 3-period plan at 2.3% costs as an annualized rate: Alipay
// shows 13.7%.
func ExampleSchedule_AnnualizedRate() {
	plan := billing.Plan{Periods: 3, FeeModel: billing.TotalRate, FeeRate: decimal.RequireFromString("0.023"),
		Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}
	start, _ := calendar.ParseDate("2025-01-20")
	s, _ := plan.Schedule(money.FromMinor(300000, money.CNY), start, nil)
	r, _ := s.AnnualizedRate()
	fmt.Println("simple", r.Nominal.Shift(2).StringFixed(1)+"%", "effective", r.Effective.Shift(2).StringFixed(1)+"%")
	// Output: simple 13.7% effective 14.6%
}

// A 30-year mortgage of 1,000,000 at 4.9%, paid monthly.
func ExampleLoan_Schedule() {
	loan := billing.Loan{Periods: 360, AnnualRate: decimal.RequireFromString("0.049"), PeriodsPerYear: 12,
		Amortization: billing.EqualInstallments, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}
	start, _ := calendar.ParseDate("2025-01-31")
	s, _ := loan.Schedule(money.FromMinor(100000000, money.CNY), start, nil)
	first, last := s.Installments[0], s.Installments[359]
	fmt.Println(first.Due, first.Total, first.Interest)
	fmt.Println(last.Due, last.Total, "interest in all", s.TotalInterest)
	// Output:
	// 2025-02-28 CNY 5307.27 CNY 4083.33
	// 2055-01-31 CNY 5305.19 interest in all CNY 910615.12
}

func ExampleSchedule_Payoff() {
	plan := billing.Plan{Periods: 6, FeeModel: billing.TotalRate, FeeRate: decimal.RequireFromString("0.045"),
		Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1}, BillDaysBeforeDue: 9}
	bought, _ := calendar.ParseDate("2025-01-20")
	s, _ := plan.Schedule(money.FromMinor(111111, money.CNY), bought, nil)
	on, _ := calendar.ParseDate("2025-03-05")
	q, _ := s.Payoff(on, 1, billing.ChargeBilledFees) // period 1 paid; period 2 billed on 1 March
	fmt.Println(q.Principal, q.Fee, "waived", q.Waived, "total", q.Total)
	// Output: CNY 925.90 CNY 8.33 waived CNY 33.32 total CNY 934.23
}

// Regulation Z, Appendix J, example (c)(1)(i): $5,000 repaid by 24 monthly
// payments of $230 is an APR of 9.69%.
func ExampleActuarialAPR() {
	advanced, _ := calendar.ParseDate("1978-01-10")
	first, _ := calendar.ParseDate("1978-02-10")
	var payments []billing.DatedAmount
	for k := 0; k < 24; k++ {
		payments = append(payments, billing.DatedAmount{Date: first.AddMonths(k), Amount: money.FromMinor(23000, money.USD)})
	}
	apr, _ := billing.ActuarialAPR(advanced, money.FromMinor(500000, money.USD), payments,
		billing.UnitPeriod{Kind: billing.UnitMonths, Count: 1})
	fmt.Println(apr.Shift(2).StringFixed(2) + "%")
	// Output: 9.69%
}

func ExampleXIRR() {
	d := func(s string) calendar.Date { x, _ := calendar.ParseDate(s); return x }
	r, _ := billing.XIRR([]billing.DatedAmount{
		{Date: d("2015-01-01"), Amount: money.FromMinor(-1000000, money.CNY)},
		{Date: d("2016-01-01"), Amount: money.FromMinor(1100000, money.CNY)},
	})
	fmt.Println(r)
	// Output: 0.1
}

// An 11.11 promotion on Huabei's 12 periods at 8.8%: the merchant pays half
// the fee and the first 3 periods are free to the shopper. On CNY 1,200 the
// fee is 105.60: the merchant's half is 52.80, the shopper's 52.80 is 4.40
// a period, of which periods 1-3 (13.20) are waived and funded by the
// promotion; the shopper pays 39.60.
func ExamplePlan_Schedule_promotion() {
	var plan billing.Plan
	err := json.Unmarshal([]byte(`{"periods": 12, "fee_model": "total_rate", "fee_rate": "0.088",
		"fee_payer": "shared", "merchant_share": "0.5", "free_periods": 3, "split": "alipay",
		"due": {"kind": "day_of_month_after", "day": 10, "months": 1}, "bill_days_before_due": 9}`), &plan)
	if err != nil {
		panic(err)
	}
	bought, _ := calendar.ParseDate("2025-11-11")
	s, err := plan.Schedule(money.FromMinor(120000, money.CNY), bought, nil)
	if err != nil {
		panic(err)
	}
	for _, in := range []billing.Installment{s.Installments[0], s.Installments[3]} {
		fmt.Println(in.Period, in.Due, in.Principal, "+", in.Fee, "=", in.Total)
	}
	fmt.Println("shopper", s.TotalFee, "merchant", s.MerchantFee, "waived", s.PromotionFee)
	// Output:
	// 1 2025-12-10 CNY 100.00 + CNY 0.00 = CNY 100.00
	// 4 2026-03-10 CNY 100.00 + CNY 4.40 = CNY 104.40
	// shopper CNY 39.60 merchant CNY 52.80 waived CNY 13.20
}
