package billing

import (
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/golden"
	"github.com/justspend/justspend/money"
)

// TestGoldenSchedules compares whole schedules with files under testdata/.
// Run `go test ./billing -run TestGoldenSchedules -update` to rewrite them
// after a deliberate change, and read the diff.
func TestGoldenSchedules(t *testing.T) {
	jd := Plan{Periods: 6, FeeModel: PerPeriodRate, FeeRate: dec("0.005"), Due: monthly}
	payIn4 := Plan{Periods: 3, DownPayment: dec("0.25"), Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}}
	mortgage := Loan{Periods: 360, AnnualRate: dec("0.049"), PeriodsPerYear: 12, Due: monthly}
	actual := Loan{Periods: 12, AnnualRate: dec("0.0365"), DayCount: Actual365, PeriodsPerYear: 12, Due: monthly}
	tests := []struct {
		name     string
		schedule func() (Schedule, error)
	}{
		{"huabei_alipay_1111.11_6", func() (Schedule, error) {
			return huabeiPlan(6, "0.045").Schedule(cny(111111), day(t, "2025-01-20"), nil)
		}},
		{"huabei_3000_12", func() (Schedule, error) {
			return huabeiPlan(12, "0.075").Schedule(cny(300000), day(t, "2025-01-20"), nil)
		}},
		{"jd_1000_6_per_period", func() (Schedule, error) { return jd.Schedule(cny(100000), day(t, "2015-01-31"), nil) }},
		{"pay_in_4_usd_99.99", func() (Schedule, error) {
			return payIn4.Schedule(money.FromMinor(9999, money.USD), day(t, "2025-03-01"), nil)
		}},
		{"annuity_360_months", func() (Schedule, error) { return mortgage.Schedule(cny(100000000), day(t, "2025-01-31"), nil) }},
		{"annuity_actual_365", func() (Schedule, error) { return actual.Schedule(cny(1200000), day(t, "2024-01-31"), nil) }},
	}
	for _, tt := range tests {
		s, err := tt.schedule()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkSums(t, s)
		got := s.String()
		if r, err := s.AnnualizedRate(); err == nil {
			got += "annualized: nominal " + r.Nominal.String() + ", effective " + r.Effective.String() + "\n"
		}
		golden.Check(t, tt.name, []byte(got))
	}
}
