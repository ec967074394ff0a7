package compliance_test

import (
	"fmt"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/compliance"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// show prints each finding's field, severity and what was found.
func show(p credit.Product, rule compliance.Rule) {
	r, err := compliance.Check(p, rule)
	if err != nil {
		panic(err)
	}
	for _, f := range r.Findings {
		fmt.Printf("%s %s: %s\n", f.Field, f.Severity, f.Found)
	}
}

// Huabei's 3-month plan costs 2.5% of the principal: the rate to show is
// 14.94% a year.
func ExampleAnnualizedRateRule() {
	r, _ := compliance.Check(credit.Huabei(), compliance.AnnualizedRateRule(compliance.Sample{}))
	f := r.Findings[1]
	fmt.Println(f.Field, f.Severity)
	fmt.Println(f.Requires)
	fmt.Println(f.Note)
	// Output:
	// installments[0] info
	// show 14.94% as the annualized rate wherever the price is shown, more prominently than any daily, monthly or per-plan rate
	// stated for the whole plan: 2.5% over 3 periods spreads to 10.00% a year, but the principal is repaid as it goes, so the annualized rate is 14.94%
}

func ExampleOverdraftRateRule() {
	show(credit.Huabei(), compliance.OverdraftRateRule())
	// Output:
	// billing.interest.daily_rate pass: 0.05% a day = 18.25% a year, inside the 2017-2020 range
}

func ExampleNoInterestOnChargesRule() {
	p := credit.Huabei()
	p.Billing.Penalty.Base = billing.OverdueMinimum // the minimum includes interest, fees and penalties
	show(p, compliance.NoInterestOnChargesRule())
	// Output:
	// billing.interest pass: interest (remainder_after_due) runs on unpaid principal only, never on fees, interest or penalties
	// billing.penalty.base warning: the daily penalty of 0.05% runs on the unpaid minimum payment, which includes interest, fees and earlier penalties (billing.minimum.plus_charges)
}

func ExampleInstallmentTermRule() {
	p := credit.JDBaitiao2014()
	p.Installments = []billing.Plan{{Name: "72-month", Periods: 72, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}}
	show(p, compliance.InstallmentTermRule())
	// Output:
	// installments[0].periods violation: plan "72-month", 72 payments, no fee: from 2025-01-15 the last payment is due 2031-01-15, about 72 months later
}

func ExampleLendingCeilingRule() {
	show(credit.HuabeiLaunch2014(), compliance.LendingCeilingRule(compliance.DefaultLPR(), compliance.Sample{}))
	// Output:
	// billing.interest.daily_rate warning: interest (remainder_after_due) at 0.05% a day: 18.25% a year, 6.2500 percentage points above
}

// 0.07% a day is 25.55% a year, above 24%.
func ExampleComprehensiveCostRule() {
	p := credit.HuabeiLaunch2014()
	p.Billing.Interest.DailyRate = decimal.RequireFromString("0.0007")
	show(p, compliance.ComprehensiveCostRule(compliance.Sample{}))
	// Output:
	// billing.interest.daily_rate violation: interest (remainder_after_due) at 0.07% a day: 25.55% a year, 1.5500 percentage points above
}

func ExampleLateFeeSafeHarborRule() {
	p := credit.PayIn4()
	p.Billing.Penalty.Fees = []billing.LateFee{{AfterDays: 10, Amount: money.FromMinor(700, money.USD)}, {AfterDays: 30, Amount: money.FromMinor(3500, money.USD)}}
	show(p, compliance.LateFeeSafeHarborRule(compliance.DefaultSafeHarbor()))
	// Output:
	// billing.penalty.fees[0] pass: a late fee of USD 7.00, 10 days after the due date
	// billing.penalty.fees[1] warning: a late fee of USD 35.00, 30 days after the due date
}

// Without the 25% cap and with a USD 20.00 minimum purchase, pay in 4's
// items are USD 5.00, below the USD 7.00 fee.
func ExampleLateFeeMinimumRule() {
	p := credit.PayIn4()
	p.Billing.Penalty.CapRate = decimal.Zero
	p.Purchase.Min = &[]money.Amount{money.FromMinor(2000, money.USD)}[0]
	show(p, compliance.LateFeeMinimumRule(compliance.Sample{}))
	// Output:
	// billing.penalty.fees violation: the smallest purchase, USD 20.00, is paid in 4 items of at least USD 5.00 (plan "pay-in-4"); a late fee on it is at most USD 7.00 (the USD 7.00 fee)
}

func ExampleFirstYearFeesRule() {
	show(credit.PayIn4(), compliance.FirstYearFeesRule(compliance.Sample{}))
	// Output:
	// installments[0] pass: every purchase takes plan "pay-in-4", 3 payments after 25% down, no fee; the only other fees are late fees, which are excluded
}

// A Huabei-style plan sold in dollars, due on the 10th of each month from
// a purchase on the 15th: its first period is 26 days, and Appendix J's
// APR is 16.21%, not the 15.87% of whole months.
func ExampleAPRToleranceRule() {
	p := credit.PayIn4()
	p.Installments = []billing.Plan{{Name: "12-month", Periods: 12, FeeModel: billing.TotalRate, FeeRate: decimal.RequireFromString("0.088"),
		Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1}}}
	show(p, compliance.APRToleranceRule(compliance.Sample{}))
	// Output:
	// installments[0] violation: plan "12-month", 12 payments, a fee of 8.8% of the principal in all: APR 15.87% by whole periods, 16.21% by Appendix J from 2025-01-15, 0.3410 percentage points apart
}

func ExampleOpenEndAPRRule() {
	p := credit.PayIn4()
	p.Billing.Interest = billing.InterestRule{Method: billing.DailyBalance, APR: decimal.RequireFromString("0.24"), DayBasis: 360}
	show(p, compliance.OpenEndAPRRule())
	// Output:
	// billing.interest.day_basis violation: states an APR of 24% and charges it / 360 = 0.066667% a day, which × 365 is 24.3333%, 0.3333 percentage points apart
}
