package compliance

import (
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func usd(units int64) money.Amount { return money.FromMinor(units, money.USD) }
func ptr[T any](v T) *T            { return &v }

// usCard is a US credit card for the tests: 24% APR on a 365-day year, a
// USD 25 late fee capped at the minimum payment, and one optional plan of
// 12 monthly payments at 8.8% of the principal, due on the purchase's day
// of the month.
func usCard() credit.Product {
	return credit.Product{
		Name: "us-card", Currency: money.USD, Zone: "America/New_York",
		MinLimit: usd(50000), MaxLimit: usd(1000000),
		HoldDays: 7,
		Billing: billing.Rules{
			Cycle:    billing.CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 24}, CutoffHour: 24},
			Interest: billing.InterestRule{Method: billing.DailyBalance, APR: dec("0.24"), DayBasis: 365},
			Penalty: billing.PenaltyRule{Method: billing.LateFees, CapAtMinimum: true,
				Fees: []billing.LateFee{{AfterDays: 0, Amount: usd(2500)}}},
			Minimum:    billing.MinimumPayment{BalanceRate: dec("0.01"), PlusCharges: true},
			Allocation: billing.USCardAllocation(),
			Rounding:   money.HalfEven,
		},
		Installments: []billing.Plan{{Name: "12-month", Periods: 12, FeeModel: billing.TotalRate, FeeRate: dec("0.088"),
			Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}},
	}
}

// run checks p against rule and returns its findings.
func run(t *testing.T, p credit.Product, rule Rule) []Finding {
	t.Helper()
	r, err := Check(p, rule)
	if err != nil {
		t.Fatal(err)
	}
	return r.Findings
}

// only checks p against rule and returns its one finding.
func only(t *testing.T, p credit.Product, rule Rule) Finding {
	t.Helper()
	fs := run(t, p, rule)
	if len(fs) != 1 {
		t.Fatalf("%s: %d findings, want 1: %+v", rule.ID, len(fs), fs)
	}
	return fs[0]
}

// field returns the finding about field, failing if there is none.
func field(t *testing.T, fs []Finding, name string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.Field == name {
			return f
		}
	}
	t.Fatalf("no finding about %s in %+v", name, fs)
	return Finding{}
}
