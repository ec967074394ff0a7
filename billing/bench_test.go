package billing

import (
	"testing"

	"github.com/justspend/justspend/money"
)

// Run with: go test -run '^$' -bench . -benchmem ./billing

func BenchmarkSchedule12(b *testing.B) {
	plan := huabeiPlan(12, "0.075")
	start := day(b, "2025-01-20")
	for b.Loop() {
		plan.Schedule(cny(300000), start, nil)
	}
}

func BenchmarkAnnualizedRate12(b *testing.B) {
	s, err := huabeiPlan(12, "0.075").Schedule(cny(300000), day(b, "2025-01-20"), nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.AnnualizedRate()
	}
}

func BenchmarkAnnuitySchedule360(b *testing.B) {
	loan := Loan{Periods: 360, AnnualRate: dec("0.049"), PeriodsPerYear: 12, Due: monthly}
	start := day(b, "2025-01-31")
	for b.Loop() {
		loan.Schedule(cny(100000000), start, nil)
	}
}

func BenchmarkXIRR(b *testing.B) {
	flows := []DatedAmount{
		{day(b, "2008-01-01"), money.FromMinor(-1000000, money.USD)},
		{day(b, "2008-03-01"), money.FromMinor(275000, money.USD)},
		{day(b, "2008-10-30"), money.FromMinor(425000, money.USD)},
		{day(b, "2009-02-15"), money.FromMinor(325000, money.USD)},
		{day(b, "2009-04-01"), money.FromMinor(275000, money.USD)},
	}
	for b.Loop() {
		XIRR(flows)
	}
}
