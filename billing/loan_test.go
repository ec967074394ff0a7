package billing

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
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
	split := func(r SplitRule) *SplitRule { return &r }
	amount := func(a money.Amount) *money.Amount { return &a }
	base := func(f func(*Loan)) Loan {
		l := Loan{Periods: 3, AnnualRate: dec("0.1"), PeriodsPerYear: 12, Due: monthly}
		f(&l)
		return l
	}
	tests := []struct {
		name  string
		loan  Loan
		field string
	}{
		{"no periods", Loan{PeriodsPerYear: 12, Due: monthly}, "periods"},
		{"negative rate", Loan{Periods: 3, AnnualRate: dec("-0.1"), PeriodsPerYear: 12, Due: monthly}, "annual_rate"},
		{"absurd rate", Loan{Periods: 3, AnnualRate: dec("11"), PeriodsPerYear: 12, Due: monthly}, "annual_rate"},
		{"no periods per year", Loan{Periods: 3, Due: monthly}, "periods_per_year"},
		{"unknown amortization", Loan{Periods: 3, Amortization: 5, PeriodsPerYear: 12, Due: monthly}, "amortization"},
		{"unknown day count", Loan{Periods: 3, DayCount: 9, PeriodsPerYear: 12, Due: monthly}, "day_count"},
		{"negative multiple", Loan{Periods: 3, PeriodsPerYear: 12, Due: monthly, InstallmentMultiple: -1}, "installment_multiple"},
		{"no due rule", Loan{Periods: 3, PeriodsPerYear: 12}, "due"},
		{"unknown split", base(func(l *Loan) { l.Amortization = EqualPrincipal; l.Split = split(7) }), "split"},
		{"split on equal installments", base(func(l *Loan) { l.Split = split(AlipaySplit) }), "split"},
		{"split and multiple", base(func(l *Loan) {
			l.Amortization, l.Split, l.InstallmentMultiple = EqualPrincipal, split(HalfUpLastSplit), 100
		}), "split"},
		{"unknown timing", base(func(l *Loan) { l.Timing = 2 }), "timing"},
		{"flat interest in advance", base(func(l *Loan) { l.Interest, l.Timing = FlatInterest, StartOfPeriod }), "timing"},
		{"one period in advance", base(func(l *Loan) { l.Periods, l.Timing = 1, StartOfPeriod }), "timing"},
		{"negative balloon", base(func(l *Loan) { l.Balloon = amount(cny(-1)) }), "balloon"},
		{"balloon without currency", base(func(l *Loan) { l.Balloon = &money.Amount{} }), "balloon"},
		{"negative balloon share", base(func(l *Loan) { l.BalloonShare = dec("-0.1") }), "balloon_share"},
		{"balloon share of all", base(func(l *Loan) { l.BalloonShare = dec("1") }), "balloon_share"},
		{"absurd balloon share", base(func(l *Loan) { l.BalloonShare = dec("0.1").Shift(-50) }), "balloon_share"},
		{"balloon and share", base(func(l *Loan) { l.Balloon, l.BalloonShare = amount(cny(100)), dec("0.1") }), "balloon"},
		// Found only against the principal (CNY 1,000.00).
		{"balloon of the whole principal", base(func(l *Loan) { l.Balloon = amount(cny(100000)) }), "balloon"},
		{"balloon in another currency", base(func(l *Loan) { l.Balloon = amount(usd(100)) }), "balloon"},
	}
	for _, tt := range tests {
		_, err := tt.loan.Schedule(cny(100000), day(t, "2025-01-15"), nil)
		var pe *PlanError
		if !errors.Is(err, ErrInvalidPlan) || !errors.As(err, &pe) || pe.Field != tt.field {
			t.Errorf("%s: error = %v, want a PlanError on %s", tt.name, err, tt.field)
		}
	}
	// A share of 0.6 of one fen rounds half-even to the whole fen.
	loan := base(func(l *Loan) { l.BalloonShare = dec("0.6") })
	var pe *PlanError
	if _, err := loan.Schedule(cny(1), day(t, "2025-01-15"), nil); !errors.As(err, &pe) || pe.Field != "balloon_share" {
		t.Errorf("balloon share rounding to the principal: error = %v", err)
	}
	for name, p := range map[string]money.Amount{"zero": cny(0), "negative": cny(-5), "no currency": {}} {
		if _, err := monthlyLoan(3, "0.1").Schedule(p, day(t, "2025-01-15"), nil); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s principal: error = %v", name, err)
		}
	}
	// A due date beyond the calendar's data is reported, not guessed.
	cn, _ := calendar.China()
	loan = monthlyLoan(24, "0.1")
	loan.Due.Roll = calendar.Following
	if _, err := loan.Schedule(cny(100000), day(t, "2026-01-15"), cn); !errors.Is(err, calendar.ErrNotCovered) {
		t.Errorf("rolling into 2027: error = %v, want ErrNotCovered", err)
	}
}

// TestLoanHalfFen: 598,500.00 × 4.9%/12 is exactly 598,500 × 49/12,000 =
// 2,443.875, a half fen, which half-even rounds to 2,443.88 (7 is odd). A
// periodic rate rounded to 18 places, 0.004083333333333333, made it
// 2,443.8749999999998 and 2,443.87.
func TestLoanHalfFen(t *testing.T) {
	for _, shape := range []Amortization{EqualInstallments, EqualPrincipal} {
		loan := monthlyLoan(1, "0.049")
		loan.Amortization = shape
		s, err := loan.Schedule(cny(59850000), day(t, "2025-01-15"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if in := s.Installments[0]; in.Interest != cny(244388) || in.Total != cny(59850000+244388) {
			t.Errorf("%s: one month on 598,500.00 is %v of interest, want 2,443.88", shape, in.Interest)
		}
	}
}

// TestLoanEqualPrincipalExact: CNY 630,000 over 360 months at 4.9%, equal
// principal. Each month repays 1,750.00, so month k's interest is on
// 1,750.00 × (361 − k), and in all
//
//	4.9%/12 × 1,750.00 × (360 + 359 + ... + 1) = 49/12,000 × 1,750.00 × 64,980 = 464,336.25.
//
// In fen month k's interest is 175,000 × (361 − k) × 49/12,000 =
// 714 + 7/12 fen times (361 − k): a half fen exactly when 361 − k is 6
// more than a multiple of 12, 30 months in all; half-even rounds 15 of
// them up and 15 down, so the rounded months sum to the exact 464,336.25.
// Month 19 is the 598,500.00 (2,443.875, rounded to 2,443.88). An
// 18-place periodic rate rounded all 30 halves down: 464,336.10.
func TestLoanEqualPrincipalExact(t *testing.T) {
	loan := monthlyLoan(360, "0.049")
	loan.Amortization = EqualPrincipal
	s, err := loan.Schedule(cny(63000000), day(t, "2025-01-31"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	// Every month independently, in rationals: balance × 49/12,000, half-even.
	var total int64
	r := big.NewRat(49, 12000)
	for k, in := range s.Installments {
		balance := int64(63000000 - 175000*k)
		want := halfEven(new(big.Rat).Mul(big.NewRat(balance, 1), r))
		total += want
		if in.Principal != cny(175000) || in.Interest.Units() != want {
			t.Fatalf("month %d: %v + %v, want 1,750.00 + %d fen", in.Period, in.Principal, in.Interest, want)
		}
	}
	if total != 46433625 || s.TotalInterest != cny(46433625) {
		t.Errorf("total interest %v (rationals: %d fen), want 464,336.25", s.TotalInterest, total)
	}
	if in := s.Installments[18]; in.Interest != cny(244388) {
		t.Errorf("month 19 on 598,500.00: %v, want 2,443.88", in.Interest)
	}
}

// TestLoanInterestIsExact: across shapes, timings, day counts, balloons,
// split rules and multiples, every row's interest is the exact balance ×
// rate × year fraction computed independently in rationals and rounded
// once, half-even; flat interest is principal × rate × periods/year
// rounded once. Every schedule sums exactly.
func TestLoanInterestIsExact(t *testing.T) {
	alipay, halfUp := AlipaySplit, HalfUpLastSplit
	start := day(t, "2023-11-30")
	var checked int
	for _, principal := range []int64{123456789, 100000, 9999} {
		for _, rate := range []string{"0.049", "0.1234567", "0.0365", "0"} {
			for _, n := range []int{2, 13, 120} {
				for _, shape := range []struct {
					am Amortization
					ib InterestBasis
				}{{EqualInstallments, DecliningBalance}, {EqualPrincipal, DecliningBalance}, {EqualInstallments, FlatInterest}} {
					for dc := Periodic; dc <= ActualActual; dc++ {
						for _, timing := range []PaymentTiming{EndOfPeriod, StartOfPeriod} {
							for _, balloon := range []string{"0", "0.3"} {
								for _, split := range []*SplitRule{nil, &alipay, &halfUp} {
									for _, multiple := range []int64{0, 100} {
										loan := Loan{
											Periods: n, AnnualRate: dec(rate), Amortization: shape.am, Interest: shape.ib,
											DayCount: dc, PeriodsPerYear: 12, Due: monthly, InstallmentMultiple: multiple,
											Split: split, Timing: timing, BalloonShare: dec(balloon),
										}
										if loan.Validate() != nil {
											continue // combinations the loan refuses
										}
										s, err := loan.Schedule(cny(principal), start, nil)
										if errors.Is(err, ErrInvalidInput) {
											continue // too few fen for the rounding rule
										}
										if err != nil {
											t.Fatalf("%+v: %v", loan, err)
										}
										checkSums(t, s)
										checkExactInterest(t, loan, s)
										checked++
									}
								}
							}
						}
					}
				}
			}
		}
	}
	if checked < 2000 {
		t.Errorf("only %d schedules checked", checked)
	}
}

// checkExactInterest recomputes every row's interest in rationals.
func checkExactInterest(t *testing.T, l Loan, s Schedule) {
	t.Helper()
	rate := new(big.Rat).SetFrac(l.AnnualRate.Coefficient(), big.NewInt(1))
	rate.Mul(rate, new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-l.AnnualRate.Exponent())), nil)))
	if l.Interest == FlatInterest {
		want := new(big.Rat).Mul(big.NewRat(s.Principal.Units()*int64(l.Periods), int64(l.PeriodsPerYear)), rate)
		if got := s.TotalInterest.Units(); got != halfEven(want) {
			t.Fatalf("%+v: flat interest %d, want %d", l, got, halfEven(want))
		}
		return
	}
	balance, prev := s.Principal.Units(), s.Start
	for _, in := range s.Installments {
		yf := big.NewRat(1, int64(l.PeriodsPerYear))
		if l.DayCount != Periodic {
			yf = refYearFraction(t, l.DayCount, prev, in.Due)
		}
		want := halfEven(new(big.Rat).Mul(new(big.Rat).Mul(big.NewRat(balance, 1), rate), yf))
		if in.Period == 0 {
			want = 0
		}
		if in.Interest.Units() != want {
			t.Fatalf("%+v: period %d on %d from %s to %s: interest %v, want %d fen", l, in.Period, balance, prev, in.Due, in.Interest, want)
		}
		balance, prev = in.Remaining.Units(), in.Due
	}
}

// halfEven rounds a non-negative rational half-even to an integer.
func halfEven(x *big.Rat) int64 {
	q, r := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	switch r.Lsh(r, 1).Cmp(x.Denom()) {
	case 1:
		q.Add(q, big.NewInt(1))
	case 0:
		if q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Int64()
}

// refYearFraction is a day count's year fraction in rationals, written
// from the conventions' definitions rather than from the loan's code.
func refYearFraction(t *testing.T, dc DayCount, from, to calendar.Date) *big.Rat {
	t.Helper()
	switch dc {
	case Actual365:
		return big.NewRat(int64(from.DaysUntil(to)), 365)
	case Actual360:
		return big.NewRat(int64(from.DaysUntil(to)), 360)
	case Thirty360:
		y1, m1, d1 := from.Date()
		y2, m2, d2 := to.Date()
		d1 = min(d1, 30)
		if d1 == 30 {
			d2 = min(d2, 30)
		}
		return big.NewRat(int64((y2-y1)*360+(int(m2)-int(m1))*30+d2-d1), 360)
	case ActualActual:
		sum := new(big.Rat)
		for y := from.Year(); y <= to.Year(); y++ {
			jan1, _ := calendar.NewDate(y, time.January, 1)
			next, _ := calendar.NewDate(y+1, time.January, 1)
			a, b := from, to
			if a.Before(jan1) {
				a = jan1
			}
			if b.After(next) {
				b = next
			}
			if a.Before(b) {
				sum.Add(sum, big.NewRat(int64(a.DaysUntil(b)), int64(jan1.DaysUntil(next))))
			}
		}
		return sum
	}
	t.Fatalf("no year fraction for %s", dc)
	return nil
}

// TestDayCountExact: the loan's exact year fractions agree with
// DayCount.YearFraction, which rounds them to 18 places.
func TestDayCountExact(t *testing.T) {
	from := day(t, "2015-01-01")
	for dc := Periodic; dc <= ActualActual; dc++ {
		for i := 0; i < 800; i += 7 {
			for _, length := range []int{0, 1, 28, 31, 59, 365, 400, 800} {
				a := from.AddDays(i)
				b := a.AddDays(length)
				num, den := yearFraction(dc, a, b, 12)
				exact := decimal.NewFromBigInt(new(big.Int).SetUint64(num), 0).DivRound(decimal.NewFromBigInt(new(big.Int).SetUint64(den), 0), 18)
				got := dc.YearFraction(a, b, 12)
				// Actual/Actual rounds each year's part: up to 1e-18 apart a year.
				if d := got.Sub(exact).Abs(); d.GreaterThan(dec("3e-18")) {
					t.Fatalf("%s %s..%s: exact %d/%d, YearFraction %s", dc, a, b, num, den, got)
				}
				if dc != Periodic {
					if ref := refYearFraction(t, dc, a, b); ref.Cmp(big.NewRat(int64(num), int64(den))) != 0 {
						t.Fatalf("%s %s..%s: %d/%d, want %s", dc, a, b, num, den, ref)
					}
				}
			}
		}
	}
}

// TestAnnuityDue: payments at the start of each period. Microsoft's DAX
// reference gives PMT(8%/12, 10, 10000, 0, 1) = 1,030.16432717797 and
// MESCIUS's PMT(0.005, 15, 5000, 0, 1) = 345.10: P·r/((1 − (1+r)^−n)(1+r)),
// for 10,000 at 8% over 10 months the ordinary payment 1,037.0320... divided
// by 1 + 0.08/12.
//
// The first installment, 1,030.16, is due on the start date with no
// interest and leaves 8,969.84; a month later the interest is 8,969.84 ×
// 0.08/12 = 59.798933..., so 59.80, with 970.36 of principal. The tenth
// installment, due 9 months after the start, pays the last 1,023.38 and
// 6.82 of interest: 1,030.20. Interest in all 301.64.
func TestAnnuityDue(t *testing.T) {
	tests := []struct {
		principal, payment, last, interest int64
		rate                               string
		n                                  int
	}{
		{1000000, 103016, 103020, 30164, "0.08", 10},
		{500000, 34510, 34504, 17644, "0.06", 15},
	}
	for _, tt := range tests {
		loan := monthlyLoan(tt.n, tt.rate)
		loan.Timing = StartOfPeriod
		start := day(t, "2025-01-15")
		s, err := loan.Schedule(usd(tt.principal), start, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, s)
		if len(s.Installments) != tt.n {
			t.Fatalf("%d rows, want %d", len(s.Installments), tt.n)
		}
		first, last := s.Installments[0], s.Installments[tt.n-1]
		if first.Period != 0 || first.Due != start || !first.Interest.IsZero() || first.Total.Units() != tt.payment {
			t.Errorf("first row %+v, want %d on the start date without interest", first, tt.payment)
		}
		for _, in := range s.Installments[1 : tt.n-1] {
			if in.Total.Units() != tt.payment {
				t.Errorf("period %d pays %v, want %d", in.Period, in.Total, tt.payment)
			}
		}
		if last.Period != tt.n-1 || last.Due != start.AddMonths(tt.n-1) || last.Total.Units() != tt.last || s.TotalInterest.Units() != tt.interest {
			t.Errorf("last row %+v, interest %v; want %d, %d", last, s.TotalInterest, tt.last, tt.interest)
		}
	}
	loan := monthlyLoan(10, "0.08")
	loan.Timing = StartOfPeriod
	s, _ := loan.Schedule(usd(1000000), day(t, "2025-01-15"), nil)
	if in := s.Installments[1]; in.Interest != usd(5980) || in.Principal != usd(97036) {
		t.Errorf("second row %v + %v, want 970.36 + 59.80", in.Principal, in.Interest)
	}
	// Paid in advance, the schedule's rate is the loan's 8% (to rounding):
	// the first row counts as paid at the start.
	r, err := s.AnnualizedRate()
	if err != nil || !r.Nominal.Round(4).Equal(dec("0.08")) {
		t.Errorf("annualized %+v, %v; want 8%%", r, err)
	}
	// Equal principal in advance: 1,200 over 12 at 12%, 100 a month from
	// the start date; interest on 1,100, 1,000, ... 100 over the 11
	// months that follow: 11.00 + 10.00 + ... + 1.00 = 66.00.
	loan = Loan{Periods: 12, AnnualRate: dec("0.12"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly, Timing: StartOfPeriod}
	s, err = loan.Schedule(cny(120000), day(t, "2025-01-15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	for i, in := range s.Installments {
		if in.Principal != cny(10000) || in.Interest != cny(int64(12-i)%12*100) {
			t.Errorf("equal principal in advance, period %d: %v + %v", in.Period, in.Principal, in.Interest)
		}
	}
	if s.TotalInterest != cny(6600) {
		t.Errorf("equal principal in advance: interest %v, want 66.00", s.TotalInterest)
	}
}

// TestLoanBalloon: a car of CNY 200,000 financed over 36 months at 6% with
// a 30% residual of 60,000.00 left to the last installment. The monthly
// rate is 0.5%; the balloon is worth 60,000 × 1.005^−36 = 50,138.695...
// today, so the payments amortize 149,861.304...: × 0.005/(1 − 1.005^−36)
// = × 0.0304219374... = 4,559.0712..., so 4,559.07 (6,084.39 without the
// balloon). Month 1 pays 1,000.00 of interest (200,000 × 0.5%) and 3,559.07
// of principal. Month 36 pays the 64,237.90 still owed, the balloon and
// 4,237.90 more, with 321.19 of interest: 64,559.09. Interest in all
// 24,126.54.
//
// Paid in advance, the balloon comes with the last installment, at the
// start of month 36: 60,000 × 1.005^−35 = 50,389.388..., and (200,000 −
// 50,389.388...) × 0.005/((1 − 1.005^−36) × 1.005) = 149,610.611... ×
// 0.0302705845... = 4,528.80.
func TestLoanBalloon(t *testing.T) {
	start := day(t, "2025-01-31")
	balloon := cny(6000000)
	tests := []struct {
		name               string
		loan               Loan
		payment, last, all int64
	}{
		{"balloon share", Loan{BalloonShare: dec("0.3")}, 455907, 6455909, 2412654},
		{"balloon amount", Loan{Balloon: &balloon}, 455907, 6455909, 2412654},
		{"no balloon", Loan{}, 608439, 0, 0},
		{"in advance", Loan{Balloon: &balloon, Timing: StartOfPeriod}, 452880, 6452883, 2303683},
	}
	for _, tt := range tests {
		loan := tt.loan
		loan.Periods, loan.AnnualRate, loan.PeriodsPerYear, loan.Due = 36, dec("0.06"), 12, monthly
		s, err := loan.Schedule(cny(20000000), start, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, s)
		first, last := s.Installments[0], s.Installments[35]
		if first.Total.Units() != tt.payment {
			t.Errorf("%s: payment %v, want %d", tt.name, first.Total, tt.payment)
		}
		for _, in := range s.Installments[:35] {
			if in.Total != first.Total {
				t.Errorf("%s: period %d pays %v", tt.name, in.Period, in.Total)
			}
		}
		if tt.last != 0 && (last.Total.Units() != tt.last || s.TotalInterest.Units() != tt.all) {
			t.Errorf("%s: last %+v, interest %v; want %d and %d", tt.name, last, s.TotalInterest, tt.last, tt.all)
		}
	}

	// Equal principal with the balloon: 140,000.00 over 36 is 3,888.88 a
	// month (rounded down), and month 36 repays the other 3,889.20 and the
	// 60,000.00.
	loan := Loan{Periods: 36, AnnualRate: dec("0.06"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly, BalloonShare: dec("0.3")}
	s, err := loan.Schedule(cny(20000000), start, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.Installments[0].Principal != cny(388888) || s.Installments[35].Principal != cny(6388920) {
		t.Errorf("equal principal with a balloon: %v ... %v", s.Installments[0].Principal, s.Installments[35].Principal)
	}
	// Flat interest is on the whole principal: 200,000 × 6% × 3 = 36,000.00,
	// 1,000.00 a month, with 3,888.88 of principal.
	loan.Interest = FlatInterest
	if s, err = loan.Schedule(cny(20000000), start, nil); err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.TotalInterest != cny(3600000) || s.Installments[0].Total != cny(488888) || s.Installments[35].Total != cny(6488920) {
		t.Errorf("flat with a balloon: interest %v, %v ... %v", s.TotalInterest, s.Installments[0].Total, s.Installments[35].Total)
	}
}

// TestLoanInstallmentMultiple: whole yuan (a multiple of 100 fen) in each
// shape.
func TestLoanInstallmentMultiple(t *testing.T) {
	start := day(t, "2025-01-15")
	tests := []struct {
		name        string
		loan        Loan
		principal   int64
		regular     func(Installment) int64 // what the multiple rounds
		per         int64                   // its value in every period but the last
		last        Installment
		totInterest int64
	}{
		// 10,000 at 8% over 10 months: the payment 1,037.032... rounded up
		// to 1,038.00 (half-up would be 1,037.03); month 10 repays the last
		// 1,021.21 with 1,021.21 × 0.08/12 = 6.808... = 6.81 of interest.
		{"equal installments", Loan{Periods: 10, AnnualRate: dec("0.08")}, 1000000,
			func(in Installment) int64 { return in.Total.Units() }, 103800,
			Installment{Principal: cny(102121), Interest: cny(681), Total: cny(102802)}, 37002},
		// 100,000 at 6% over 12 months, equal principal: 8,333.33... of
		// principal rounded up to 8,334.00, and 8,326.00 in month 12 with
		// 8,326.00 × 0.5% = 41.63 of interest. The balances are 100,000 −
		// 8,334k for k = 0..11, so the interest is 0.5% × (1,200,000 −
		// 8,334 × 66) = 0.5% × 649,956 = 3,249.78.
		{"equal principal", Loan{Periods: 12, AnnualRate: dec("0.06"), Amortization: EqualPrincipal}, 10000000,
			func(in Installment) int64 { return in.Principal.Units() }, 833400,
			Installment{Principal: cny(832600), Interest: cny(4163), Total: cny(836763)}, 324978},
		// 10,000 at 12% flat over 12 months: 1,200.00 of interest, 100.00 a
		// month; (10,000 + 1,200)/12 = 933.33... rounded up to 934.00, so
		// 834.00 of principal, and month 12 repays the other 826.00 with
		// its 100.00: 926.00.
		{"flat", Loan{Periods: 12, AnnualRate: dec("0.12"), Interest: FlatInterest}, 1000000,
			func(in Installment) int64 { return in.Total.Units() }, 93400,
			Installment{Principal: cny(82600), Interest: cny(10000), Total: cny(92600)}, 120000},
	}
	for _, tt := range tests {
		loan := tt.loan
		loan.PeriodsPerYear, loan.Due, loan.InstallmentMultiple = 12, monthly, 100
		s, err := loan.Schedule(cny(tt.principal), start, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, s)
		n := len(s.Installments)
		if n != loan.Periods {
			t.Fatalf("%s: %d rows", tt.name, n)
		}
		for _, in := range s.Installments[:n-1] {
			if got := tt.regular(in); got != tt.per {
				t.Errorf("%s: period %d: %d, want %d", tt.name, in.Period, got, tt.per)
			}
		}
		last := s.Installments[n-1]
		if last.Principal != tt.last.Principal || last.Interest != tt.last.Interest || last.Total != tt.last.Total || s.TotalInterest != cny(tt.totInterest) {
			t.Errorf("%s: last %v + %v = %v, interest %v", tt.name, last.Principal, last.Interest, last.Total, s.TotalInterest)
		}
	}
	// 10.00 over 12 in whole yuan: 1.00 a month would repay 11.00 before
	// month 12.
	for _, ib := range []InterestBasis{DecliningBalance, FlatInterest} {
		loan := Loan{Periods: 12, AnnualRate: dec("0.06"), Amortization: EqualPrincipal, Interest: ib, PeriodsPerYear: 12, Due: monthly, InstallmentMultiple: 100}
		if _, err := loan.Schedule(cny(1000), start, nil); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: too small for the multiple: error = %v", ib, err)
		}
	}
}

// TestLoanSplit: CNY 200.00 over 3 months at 12%, equal principal:
// 66.666... a month. The default rounds down with the rest last (66.66,
// 66.66, 66.68), Alipay's rule puts it first (66.68, 66.66, 66.66) and
// half-up rounds each share to 66.67 with 66.66 last. Interest is 1% of
// the balance each month, half-even: 2.00, then 1.33 on 133.34 (or 133.32),
// then 0.67 on 66.68 (or 0.67 on 66.66, 0.67 on 66.66).
//
// Flat at 10%, the interest is 200 × 10% × 3/12 = 5.00, split the same way:
// 1.66, 1.66, 1.68 and so on.
func TestLoanSplit(t *testing.T) {
	alipay, halfUp := AlipaySplit, HalfUpLastSplit
	tests := []struct {
		split     *SplitRule
		principal [3]int64
		interest  [3]int64
		flat      [3]int64
	}{
		{nil, [3]int64{6666, 6666, 6668}, [3]int64{200, 133, 67}, [3]int64{166, 166, 168}},
		{&alipay, [3]int64{6668, 6666, 6666}, [3]int64{200, 133, 67}, [3]int64{168, 166, 166}},
		{&halfUp, [3]int64{6667, 6667, 6666}, [3]int64{200, 133, 67}, [3]int64{167, 167, 166}},
	}
	for _, tt := range tests {
		loan := Loan{Periods: 3, AnnualRate: dec("0.12"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly, Split: tt.split}
		s, err := loan.Schedule(cny(20000), day(t, "2025-01-15"), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, s)
		flatLoan := loan
		flatLoan.Interest, flatLoan.AnnualRate = FlatInterest, dec("0.1")
		f, err := flatLoan.Schedule(cny(20000), day(t, "2025-01-15"), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, f)
		for i := range 3 {
			in, fi := s.Installments[i], f.Installments[i]
			if in.Principal.Units() != tt.principal[i] || in.Interest.Units() != tt.interest[i] ||
				fi.Principal.Units() != tt.principal[i] || fi.Interest.Units() != tt.flat[i] {
				t.Errorf("split %v, period %d: %v + %v, flat %v + %v", tt.split, i+1, in.Principal, in.Interest, fi.Principal, fi.Interest)
			}
		}
	}
	// Half-up shares can leave the last period less than nothing: 0.05
	// over 8 is 0.00625, rounded half-up to 0.01, and 7 of them are 0.07.
	loan := Loan{Periods: 8, AnnualRate: dec("0.12"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly, Split: &halfUp}
	if _, err := loan.Schedule(cny(5), day(t, "2025-01-15"), nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("half-up shares of 0.05 over 8: error = %v", err)
	}
}

// TestLoanJSON: the new fields load from the names in the Loan's
// documentation and are left out when unset.
func TestLoanJSON(t *testing.T) {
	var loan Loan
	err := json.Unmarshal([]byte(`{"periods": 36, "annual_rate": "0.06", "amortization": "equal_installments",
		"interest": "declining", "day_count": "periodic", "periods_per_year": 12,
		"due": {"kind": "monthly", "months": 1}, "balloon_share": "0.3"}`), &loan)
	if err != nil {
		t.Fatal(err)
	}
	s, err := loan.Schedule(cny(20000000), day(t, "2025-01-31"), nil)
	if err != nil || s.Installments[0].Total != cny(455907) {
		t.Fatalf("car loan from JSON: %v, %v", s.Installments[0].Total, err)
	}
	b, err := json.Marshal(monthlyLoan(12, "0.05"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"periods":12,"annual_rate":"0.05","amortization":"equal_installments","interest":"declining","day_count":"periodic","periods_per_year":12,"due":{"kind":"monthly","months":1}}`
	if string(b) != want {
		t.Errorf("a loan without the new fields:\n%s\nwant\n%s", b, want)
	}
	split, balloon := HalfUpLastSplit, cny(150000)
	full := Loan{Periods: 12, AnnualRate: dec("0.05"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly,
		Split: &split, Timing: StartOfPeriod, Balloon: &balloon}
	if b, err = json.Marshal(full); err != nil {
		t.Fatal(err)
	}
	var back Loan
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Split == nil || *back.Split != split || back.Timing != StartOfPeriod || back.Balloon == nil || *back.Balloon != balloon {
		t.Errorf("round trip of %s: %+v", b, back)
	}
	if err := json.Unmarshal([]byte(`{"timing": "whenever"}`), &back); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("unknown timing: %v", err)
	}
}

// TestLoanOverflow: amounts beyond int64 minor units are money.ErrOverflow,
// never a wrapped figure.
func TestLoanOverflow(t *testing.T) {
	for _, loan := range []Loan{
		{Periods: 2, AnnualRate: dec("10"), PeriodsPerYear: 1, Due: monthly},
		{Periods: 2, AnnualRate: dec("10"), Amortization: EqualPrincipal, PeriodsPerYear: 1, Due: monthly},
		{Periods: 600, AnnualRate: dec("10"), Interest: FlatInterest, PeriodsPerYear: 1, Due: monthly},
	} {
		if _, err := loan.Schedule(cny(math.MaxInt64/2), day(t, "2025-01-15"), nil); !errors.Is(err, money.ErrOverflow) {
			t.Errorf("%+v: error = %v, want money.ErrOverflow", loan, err)
		}
	}
}

// TestAnnuityPaymentExact: the level payment is the exact
// (P − B·v^k)·r/(1 − v^n), v = 1/(1+r), k = n at the end of each period,
// and divided by 1+r with k = n−1 at the start, computed here in
// rationals by repeated multiplication and rounded once: half-up, or up
// to the multiple.
func TestAnnuityPaymentExact(t *testing.T) {
	var count int
	for _, rate := range []string{"0.049", "0.08", "0.1234567", "0.0001", "9.99", "0.12345678901234567890123"} {
		for _, n := range []int{1, 2, 10, 360, 600} {
			for _, p := range []int64{1, 99999, 100000000, 123456789012} {
				for _, balloonShare := range []int64{0, 30, 99} {
					for _, due := range []bool{false, true} {
						for _, m := range []int64{1, 100} {
							b := p * balloonShare / 100
							r := new(big.Rat).SetFrac(dec(rate).Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-dec(rate).Exponent())), nil))
							r.Quo(r, big.NewRat(12, 1))
							got, err := levelPayment(p, b, rateFraction(dec(rate)).times(1, 12), n, due, m)
							if err != nil {
								t.Fatal(err)
							}
							if want := refPayment(r, p, b, n, due, m); got != want {
								t.Fatalf("rate %s/12, n %d, P %d, B %d, due %v, multiple %d: %d, want %d", rate, n, p, b, due, m, got, want)
							}
							count++
						}
					}
				}
			}
		}
	}
	if count != 1440 {
		t.Errorf("%d payments checked", count)
	}
}

// refPayment computes the payment in rationals from its definition.
func refPayment(r *big.Rat, p, b int64, n int, due bool, m int64) int64 {
	one := big.NewRat(1, 1)
	onePlus := new(big.Rat).Add(one, r)
	pow := func(k int) *big.Rat { // v^k = 1/(1+r)^k
		return new(big.Rat).SetFrac(
			new(big.Int).Exp(onePlus.Denom(), big.NewInt(int64(k)), nil),
			new(big.Int).Exp(onePlus.Num(), big.NewInt(int64(k)), nil))
	}
	k := n
	if due {
		k = n - 1
	}
	x := new(big.Rat).Sub(big.NewRat(p, 1), new(big.Rat).Mul(big.NewRat(b, 1), pow(k)))
	x.Mul(x, r)
	x.Quo(x, new(big.Rat).Sub(one, pow(n)))
	if due {
		x.Quo(x, onePlus)
	}
	x.Quo(x, big.NewRat(m, 1))
	q, rem := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	if m > 1 && rem.Sign() != 0 || m == 1 && rem.Lsh(rem, 1).Cmp(x.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64() * m
}
