package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

func monthlyLoan(n int, rate string) Loan {
	return Loan{Periods: n, AnnualRate: dec(rate), PeriodsPerYear: 12, Due: monthly}
}

// TestAnnuityPayments: monthly payments published in spreadsheet
// documentation. Each schedule's first installment is the payment; the
// last absorbs the rounding.
func TestAnnuityPayments(t *testing.T) {
	tests := []struct {
		source    string
		principal int64
		rate      string
		n         int
		payment   int64
	}{
		{"Microsoft Excel PMT: 10,000 at 8% for 10 months", 1000000, "0.08", 10, 103703},
		{"Claris FileMaker PMT: 21,000 at 6.9% for 48 months", 2100000, "0.069", 48, 50190},
		{"Microsoft FoxPro PAYMENT: 100,000 at 10.5% for 20 years", 10000000, "0.105", 240, 99838},
		{"MESCIUS PMT: 5,000 at 6% for 15 months", 500000, "0.06", 15, 34682},
	}
	for _, tt := range tests {
		s, err := monthlyLoan(tt.n, tt.rate).Schedule(usd(tt.principal), day(t, "2025-01-15"), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, s)
		if got := s.Installments[0].Total.Units(); got != tt.payment {
			t.Errorf("%s: payment %d, want %d", tt.source, got, tt.payment)
		}
		last := s.Installments[len(s.Installments)-1]
		if len(s.Installments) != tt.n || last.Remaining.Units() != 0 {
			t.Errorf("%s: %d rows, ends at %v", tt.source, len(s.Installments), last.Remaining)
		}
		if diff := last.Total.Units() - tt.payment; diff > int64(tt.n) || diff < -int64(tt.n) {
			t.Errorf("%s: last installment %v is far from the payment", tt.source, last.Total)
		}
		for _, in := range s.Installments[:tt.n-1] {
			if in.Total.Units() != tt.payment {
				t.Fatalf("%s: period %d pays %v", tt.source, in.Period, in.Total)
			}
		}
	}
}

// TestLoanShapes: equal principal, flat interest and installment
// multiples, worked by hand.
func TestLoanShapes(t *testing.T) {
	// 1,200 over 12 months at 12% on the declining balance, 100 principal a
	// month: interest 12.00, 11.00, ..., 1.00, 78.00 in all.
	s, err := Loan{Periods: 12, AnnualRate: dec("0.12"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly}.Schedule(cny(120000), day(t, "2025-01-15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	for i, in := range s.Installments {
		if in.Principal != cny(10000) || in.Interest != cny(int64(12-i)*100) {
			t.Errorf("equal principal period %d: %v + %v", in.Period, in.Principal, in.Interest)
		}
	}
	if s.TotalInterest != cny(7800) {
		t.Errorf("equal principal interest %v, want 78.00", s.TotalInterest)
	}

	// Flat 12% a year on 1,200 for 12 months: 144.00 interest, 112.00 a month.
	s, err = Loan{Periods: 12, AnnualRate: dec("0.12"), Interest: FlatInterest, PeriodsPerYear: 12, Due: monthly}.Schedule(cny(120000), day(t, "2025-01-15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.TotalInterest != cny(14400) || s.Installments[5].Total != cny(11200) {
		t.Errorf("flat: interest %v, installment %v", s.TotalInterest, s.Installments[5].Total)
	}

	// Installments in whole yuan: 1,037.03 rounds up to 1,038.00 and the
	// last installment absorbs the difference.
	loan := monthlyLoan(10, "0.08")
	loan.InstallmentMultiple = 100
	s, err = loan.Schedule(cny(1000000), day(t, "2025-01-15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	for _, in := range s.Installments[:len(s.Installments)-1] {
		if in.Total != cny(103800) {
			t.Errorf("whole-yuan installment %d: %v", in.Period, in.Total)
		}
	}
	if last := s.Installments[len(s.Installments)-1]; last.Total.Units() >= 103800 {
		t.Errorf("last installment %v should absorb the rounding", last.Total)
	}

	// Zero interest: 1,000 over 3 is 333.34, 333.34, 333.32.
	s, err = monthlyLoan(3, "0").Schedule(cny(100000), day(t, "2025-01-15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.Installments[0].Total != cny(33334) || s.Installments[2].Total != cny(33332) || !s.TotalInterest.IsZero() {
		t.Errorf("zero-rate loan: %v", s)
	}
}

func TestDayCounts(t *testing.T) {
	tests := []struct {
		dc       DayCount
		from, to string
		want     string
	}{
		{Actual365, "2015-01-01", "2015-02-01", "0.084931506849315068"}, // 31/365
		{Actual360, "2015-01-01", "2015-02-01", "0.086111111111111111"}, // 31/360
		{Thirty360, "2015-01-31", "2015-02-28", "0.077777777777777778"}, // day 31 counts as 30: 28/360
		{Thirty360, "2015-01-30", "2015-03-31", "0.166666666666666667"}, // 60/360
		{Thirty360, "2015-01-15", "2016-01-15", "1"},
		{ActualActual, "2015-12-01", "2016-02-01", "0.169630960401227636"}, // 31/365 + 31/366
		{ActualActual, "2016-01-01", "2017-01-01", "1"},
		{Periodic, "2015-01-01", "2015-02-01", "0.083333333333333333"}, // 1/12
	}
	for _, tt := range tests {
		if got := tt.dc.YearFraction(day(t, tt.from), day(t, tt.to), 12); !got.Equal(dec(tt.want)) {
			t.Errorf("%s %s..%s = %s, want %s", tt.dc, tt.from, tt.to, got, tt.want)
		}
	}
	// 10,000 for January at 3.65% Actual/365: 31 days is 31.00 of interest.
	loan := Loan{Periods: 2, AnnualRate: dec("0.0365"), Amortization: EqualPrincipal, DayCount: Actual365, PeriodsPerYear: 12, Due: monthly}
	s, err := loan.Schedule(cny(1000000), day(t, "2015-01-01"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	// February: 5,000 for 28 days is 14.00.
	if s.Installments[0].Interest != cny(3100) || s.Installments[1].Interest != cny(1400) {
		t.Errorf("Actual/365 interest %v, %v; want 31.00, 14.00", s.Installments[0].Interest, s.Installments[1].Interest)
	}
}

func TestLoanErrors(t *testing.T) {
	tests := []struct {
		name string
		loan Loan
	}{
		{"no periods", Loan{PeriodsPerYear: 12, Due: monthly}},
		{"negative rate", Loan{Periods: 3, AnnualRate: dec("-0.1"), PeriodsPerYear: 12, Due: monthly}},
		{"absurd rate", Loan{Periods: 3, AnnualRate: dec("11"), PeriodsPerYear: 12, Due: monthly}},
		{"no periods per year", Loan{Periods: 3, Due: monthly}},
		{"unknown amortization", Loan{Periods: 3, Amortization: 5, PeriodsPerYear: 12, Due: monthly}},
		{"unknown day count", Loan{Periods: 3, DayCount: 9, PeriodsPerYear: 12, Due: monthly}},
		{"negative multiple", Loan{Periods: 3, PeriodsPerYear: 12, Due: monthly, InstallmentMultiple: -1}},
		{"no due rule", Loan{Periods: 3, PeriodsPerYear: 12}},
	}
	for _, tt := range tests {
		if _, err := tt.loan.Schedule(cny(100000), day(t, "2025-01-15"), nil); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("%s: error = %v, want ErrInvalidPlan", tt.name, err)
		}
	}
	if _, err := monthlyLoan(3, "0.1").Schedule(money.Amount{}, day(t, "2025-01-15"), nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("zero principal: error = %v", err)
	}
	// A due date beyond the calendar's data is reported, not guessed.
	cn, _ := calendar.China()
	loan := monthlyLoan(24, "0.1")
	loan.Due.Roll = calendar.Following
	if _, err := loan.Schedule(cny(100000), day(t, "2026-01-15"), cn); !errors.Is(err, calendar.ErrNotCovered) {
		t.Errorf("rolling into 2027: error = %v, want ErrNotCovered", err)
	}
}
