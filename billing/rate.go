package billing

import (
	"math/big"
	"slices"
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/fixed"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// AnnualizedRate discloses what credit costs as a yearly rate. All fees
// count as cost, and the base is the principal actually outstanding: the
// rate is the internal rate of return of the shopper's cash flows (the
// People's Bank of China's 2021 announcement No. 3 asks for this).
type AnnualizedRate struct {
	Periodic       decimal.Decimal // the rate per period
	PeriodsPerYear int
	// Nominal is Periodic × PeriodsPerYear: what PRC disclosures call the
	// annualized rate (simple) and Regulation Z the APR.
	Nominal decimal.Decimal
	// Effective is (1 + Periodic)^PeriodsPerYear − 1, compounded.
	Effective decimal.Decimal
}

// AnnualizedRate returns the schedule's rate: the amount financed
// (principal less any down payment) is received at the start, and each
// installment's total is paid at the end of its period.
func (s Schedule) AnnualizedRate() (AnnualizedRate, error) {
	advance := s.Principal
	payments := make([]money.Amount, 0, len(s.Installments))
	for _, in := range s.Installments {
		if in.Period == 0 { // paid at the start: it finances nothing
			var err error
			if advance, err = advance.Sub(in.Total); err != nil {
				return AnnualizedRate{}, err
			}
			continue
		}
		payments = append(payments, in.Total)
	}
	return PeriodicRate(advance, payments, s.PeriodsPerYear)
}

// PeriodicRate returns the rate at which payments, one at the end of each
// period, repay advance received at the start; periodsPerYear annualizes it
// (12 for monthly periods). Payments worth less than the advance would need
// a negative rate: ErrNoRate.
func PeriodicRate(advance money.Amount, payments []money.Amount, periodsPerYear int) (AnnualizedRate, error) {
	if periodsPerYear < 1 || periodsPerYear > 366 {
		return AnnualizedRate{}, &InputError{Arg: "periodsPerYear", Reason: "must be 1-366, not " + strconv.Itoa(periodsPerYear)}
	}
	target, err := amountTarget(advance)
	if err != nil {
		return AnnualizedRate{}, err
	}
	flows := make([]flow, 0, len(payments))
	for k, p := range payments {
		if p.Currency() != advance.Currency() {
			return AnnualizedRate{}, &money.MismatchError{Op: "PeriodicRate", A: advance.Currency(), B: p.Currency()}
		}
		if p.IsNegative() {
			return AnnualizedRate{}, &InputError{Arg: "payments", Reason: "payment " + p.String() + " is negative"}
		}
		flows = append(flows, flow{amount: uint64(p.Units()), t: k + 1})
	}
	v, err := solveDiscount(target, flows)
	if err != nil {
		return AnnualizedRate{}, err
	}
	periodic := rateFromDiscount(v, 1)
	return AnnualizedRate{
		Periodic:       rateDecimal(periodic),
		PeriodsPerYear: periodsPerYear,
		Nominal:        rateDecimal(periodic.Mul(periodic, big.NewInt(int64(periodsPerYear)))),
		Effective:      rateDecimal(rateFromDiscount(v, periodsPerYear)),
	}, nil
}

// amountTarget returns a positive advance scaled by 2^62.
func amountTarget(advance money.Amount) (fixed.Uint128, error) {
	if !advance.IsPositive() {
		return fixed.Uint128{}, &InputError{Arg: "advance", Reason: "must be positive, not " + advance.String()}
	}
	hi, lo := fixed.MulInt(uint64(advance.Units()), fixed.One)
	return fixed.Uint128{Hi: hi, Lo: lo}, nil
}

// UnitKind is the length of a Regulation Z unit-period.
type UnitKind uint8

const (
	UnitMonths     UnitKind = iota + 1 // Count months; fractions count 30 days a month
	UnitSemiMonths                     // half months; fractions count 15 days
	UnitWeeks                          // Count weeks; fractions count 7 days a week
	UnitDays                           // Count days (a single payment's whole term)
)

// UnitPeriod is the unit-period of Regulation Z Appendix J: the common
// interval between payments (a month, 3 months, a week, 2 weeks...).
type UnitPeriod struct {
	Kind  UnitKind
	Count int // how many months, weeks or days; 1 for semimonths
}

// perYear returns the number of unit-periods in a year as a fraction.
func (u UnitPeriod) perYear() (num, den int64) {
	switch u.Kind {
	case UnitMonths:
		return 12, int64(u.Count)
	case UnitSemiMonths:
		return 24, 1
	case UnitWeeks:
		return 52, int64(u.Count)
	}
	return 365, int64(u.Count)
}

// back returns d moved back t unit-periods, and the fraction divisor in days.
func (u UnitPeriod) back(d calendar.Date, t int) (calendar.Date, uint64) {
	switch u.Kind {
	case UnitMonths:
		// Payments on the last day of a month count from month end to
		// month end (Appendix J (b)(3)(iv)).
		if d == d.LastOfMonth() {
			return d.FirstOfMonth().AddMonths(-t * u.Count).LastOfMonth(), uint64(30 * u.Count)
		}
		return d.AddMonths(-t * u.Count), uint64(30 * u.Count)
	case UnitSemiMonths:
		for ; t > 0; t-- {
			if day := d.Day(); day > 15 {
				d = d.AddDays(-15)
			} else {
				d = d.FirstOfMonth().AddDays(-1).FirstOfMonth().AddDays(day + 14)
			}
		}
		return d, 15
	case UnitWeeks:
		return d.AddDays(-7 * u.Count * t), uint64(7 * u.Count)
	}
	return d.AddDays(-u.Count * t), uint64(u.Count)
}

// DatedAmount is an amount paid or received on a date.
type DatedAmount struct {
	Date   calendar.Date
	Amount money.Amount
}

// ActuarialAPR returns the annual percentage rate of a single-advance
// transaction by the actuarial method of Regulation Z, Appendix J: each
// payment is discounted over the whole unit-periods counted back from its
// date to the advance date, and the days left over as a fraction of a
// unit-period (odd first periods), by the general equation of
// paragraph (b)(8). The APR is the unit-period rate times the number of
// unit-periods in a year, with RatePlaces places (disclosures round it to
// two places of a percent).
func ActuarialAPR(advanceDate calendar.Date, advance money.Amount, payments []DatedAmount, unit UnitPeriod) (decimal.Decimal, error) {
	if unit.Kind < UnitMonths || unit.Kind > UnitDays || unit.Count < 1 || unit.Count > 3660 || unit.Kind == UnitSemiMonths && unit.Count != 1 {
		return decimal.Decimal{}, &InputError{Arg: "unit", Reason: "not a unit-period"}
	}
	target, err := amountTarget(advance)
	if err != nil {
		return decimal.Decimal{}, err
	}
	flows := make([]flow, 0, len(payments))
	for _, p := range payments {
		if p.Amount.Currency() != advance.Currency() {
			return decimal.Decimal{}, &money.MismatchError{Op: "ActuarialAPR", A: advance.Currency(), B: p.Amount.Currency()}
		}
		if p.Amount.IsNegative() || !p.Date.After(advanceDate) {
			return decimal.Decimal{}, &InputError{Arg: "payments", Reason: "each payment must be non-negative and after the advance"}
		}
		// The most whole unit-periods that fit between advance and payment.
		t := 0
		for {
			earlier, _ := unit.back(p.Date, t+1)
			if earlier.Before(advanceDate) || earlier.IsZero() {
				break
			}
			t++
		}
		start, divisor := unit.back(p.Date, t)
		days := uint64(advanceDate.DaysUntil(start))
		fl := flow{amount: uint64(p.Amount.Units()), t: t}
		if days > 0 {
			fl.fnum, fl.fden = days, divisor
		}
		flows = append(flows, fl)
	}
	v, err := solveDiscount(target, flows)
	if err != nil {
		return decimal.Decimal{}, err
	}
	num, den := unit.perYear()
	i := rateDecimal(rateFromDiscount(v, 1))
	return i.Mul(decimal.NewFromInt(num)).DivRound(decimal.NewFromInt(den), RatePlaces), nil
}

// XIRR returns the effective annual rate r at which dated cash flows are
// worth zero, discounting each by (1 + r)^(days/365) from the first date,
// as spreadsheet XIRR functions do. Money received is positive and money
// paid negative (or the other way round); there must be both. Only rates
// of 0 and above are searched: flows that would need a negative rate are
// ErrNoRate.
func XIRR(flows []DatedAmount) (decimal.Decimal, error) {
	if len(flows) < 2 {
		return decimal.Decimal{}, &InputError{Arg: "flows", Reason: "need at least two cash flows"}
	}
	first := flows[0].Date
	for _, f := range flows {
		if f.Date.Before(first) {
			first = f.Date
		}
	}
	var pos, neg []flow
	cur := flows[0].Amount.Currency()
	for _, f := range flows {
		if f.Amount.Currency() != cur {
			return decimal.Decimal{}, &money.MismatchError{Op: "XIRR", A: cur, B: f.Amount.Currency()}
		}
		fl := flow{amount: uint64(max(f.Amount.Units(), -f.Amount.Units())), t: first.DaysUntil(f.Date)}
		if f.Amount.IsNegative() {
			neg = append(neg, fl)
		} else if f.Amount.IsPositive() {
			pos = append(pos, fl)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return decimal.Decimal{}, &InputError{Arg: "flows", Reason: "need both a positive and a negative cash flow"}
	}
	byT := func(a, b flow) int { return a.t - b.t }
	slices.SortStableFunc(pos, byT)
	slices.SortStableFunc(neg, byT)
	// g(u) compares what is received with what is paid, discounted by the
	// daily factor u = (1 + r)^(-1/365). Bisect between a tiny u and u = 1
	// (r = 0) where g changes sign.
	g := func(u fixed.Q) int { return presentValue(pos, u).Cmp(presentValue(neg, u)) }
	lo, hi := fixed.Q(1), fixed.One
	glo, ghi := g(lo), g(hi)
	switch {
	case ghi == 0:
		return decimal.Decimal{}, nil
	case glo == 0 || glo == ghi:
		return decimal.Decimal{}, ErrNoRate
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if g(mid) == glo {
			lo = mid
		} else {
			hi = mid
		}
	}
	return rateDecimal(rateFromDiscount(hi, 365)), nil
}
