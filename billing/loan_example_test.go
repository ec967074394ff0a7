package billing_test

import (
	"encoding/json"
	"fmt"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// A car of CNY 200,000 over 36 months at 6% with a 30% residual left to
// the last installment: the payments amortize 200,000 less the residual's
// present value, 60,000 × 1.005^−36 = 50,138.70, so 4,559.07 a month
// instead of 6,084.39; the last installment adds the 60,000.
func ExampleLoan_Schedule_balloon() {
	var loan billing.Loan
	err := json.Unmarshal([]byte(`{"periods": 36, "annual_rate": "0.06", "amortization": "equal_installments",
		"interest": "declining", "day_count": "periodic", "periods_per_year": 12,
		"due": {"kind": "monthly", "months": 1}, "balloon_share": "0.3"}`), &loan)
	if err != nil {
		panic(err)
	}
	start, _ := calendar.ParseDate("2025-01-31")
	s, err := loan.Schedule(money.FromMinor(20000000, money.CNY), start, nil)
	if err != nil {
		panic(err)
	}
	first, last := s.Installments[0], s.Installments[35]
	fmt.Println(first.Period, first.Due, first.Principal, "+", first.Interest, "=", first.Total)
	fmt.Println(last.Period, last.Due, last.Principal, "+", last.Interest, "=", last.Total)
	fmt.Println("interest", s.TotalInterest)
	// Output:
	// 1 2025-02-28 CNY 3559.07 + CNY 1000.00 = CNY 4559.07
	// 36 2028-01-31 CNY 64237.90 + CNY 321.19 = CNY 64559.09
	// interest CNY 24126.54
}

// 10,000 at 8% over 10 months paid at the start of each month (an annuity
// due), as Excel's PMT(8%/12, 10, 10000, 0, 1): the first installment is
// due on the start date and carries no interest. Rows are numbered by the
// months elapsed, so it is period 0.
func ExampleLoan_Schedule_annuityDue() {
	loan := billing.Loan{Periods: 10, AnnualRate: decimal.RequireFromString("0.08"), PeriodsPerYear: 12,
		Timing: billing.StartOfPeriod, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}
	start, _ := calendar.ParseDate("2025-01-15")
	s, err := loan.Schedule(money.FromMinor(1000000, money.USD), start, nil)
	if err != nil {
		panic(err)
	}
	for _, in := range []billing.Installment{s.Installments[0], s.Installments[1], s.Installments[9]} {
		fmt.Println(in.Period, in.Due, in.Principal, "+", in.Interest, "=", in.Total)
	}
	fmt.Println("interest", s.TotalInterest)
	// Output:
	// 0 2025-01-15 USD 1030.16 + USD 0.00 = USD 1030.16
	// 1 2025-02-15 USD 970.36 + USD 59.80 = USD 1030.16
	// 9 2025-10-15 USD 1023.38 + USD 6.82 = USD 1030.20
	// interest USD 301.64
}

// CNY 630,000 over 30 years at 4.9%, equal principal (1,750.00 a month).
// Month 19's interest is on 598,500.00: exactly 2,443.875, rounded
// half-even once to 2,443.88. The rounded months sum to the exact
// 464,336.25.
func ExampleLoan_Schedule_equalPrincipal() {
	loan := billing.Loan{Periods: 360, AnnualRate: decimal.RequireFromString("0.049"), PeriodsPerYear: 12,
		Amortization: billing.EqualPrincipal, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}
	start, _ := calendar.ParseDate("2025-01-31")
	s, err := loan.Schedule(money.FromMinor(63000000, money.CNY), start, nil)
	if err != nil {
		panic(err)
	}
	in := s.Installments[18]
	fmt.Println(in.Period, in.Principal, "+", in.Interest, "=", in.Total)
	fmt.Println("interest", s.TotalInterest)
	// Output:
	// 19 CNY 1750.00 + CNY 2443.88 = CNY 4193.88
	// interest CNY 464336.25
}
