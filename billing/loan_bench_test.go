package billing

import "testing"

// Run with: go test ./billing/ -run '^$' -bench Loan -benchmem
//
// Each benchmark lays out a 30-year monthly loan of CNY 1,000,000 at 4.9%
// (360 periods), one shape each.

func benchLoan(b *testing.B, loan Loan) {
	b.Helper()
	start := day(b, "2025-01-31")
	if _, err := loan.Schedule(cny(100000000), start, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		loan.Schedule(cny(100000000), start, nil)
	}
}

func BenchmarkLoanAnnuity360(b *testing.B) {
	benchLoan(b, monthlyLoan(360, "0.049"))
}

func BenchmarkLoanEqualPrincipal360(b *testing.B) {
	loan := monthlyLoan(360, "0.049")
	loan.Amortization = EqualPrincipal
	benchLoan(b, loan)
}

func BenchmarkLoanFlat360(b *testing.B) {
	loan := monthlyLoan(360, "0.049")
	loan.Interest = FlatInterest
	benchLoan(b, loan)
}

func BenchmarkLoanAnnuityActual365_360(b *testing.B) {
	loan := monthlyLoan(360, "0.049")
	loan.DayCount = Actual365
	benchLoan(b, loan)
}

// BenchmarkLoanDueBalloon360: paid in advance with a 30% balloon (new in
// this change, so it has no earlier figure).
func BenchmarkLoanDueBalloon360(b *testing.B) {
	loan := monthlyLoan(360, "0.049")
	loan.Timing, loan.BalloonShare = StartOfPeriod, dec("0.3")
	benchLoan(b, loan)
}
