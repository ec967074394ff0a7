package billing

import (
	"fmt"
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Amortization says how a loan's installments are shaped.
type Amortization uint8

const (
	EqualInstallments Amortization = iota // the same total every period (annuity)
	EqualPrincipal                        // the same principal every period, interest on top
)

func amortizationNames() []string { return []string{"equal_installments", "equal_principal"} }

func (a Amortization) String() string {
	return textenum.Name("Amortization", a, amortizationNames())
}

// MarshalText encodes "equal_installments" or "equal_principal".
func (a Amortization) MarshalText() ([]byte, error) {
	return textenum.Marshal("Amortization", a, amortizationNames())
}

// UnmarshalText decodes "equal_installments" or "equal_principal".
func (a *Amortization) UnmarshalText(b []byte) error {
	return unmarshalEnum(a, b, "Amortization", "amortization", amortizationNames())
}

// InterestBasis says what interest is charged on.
type InterestBasis uint8

const (
	DecliningBalance InterestBasis = iota // on the principal still owed
	FlatInterest                          // on the original principal for the whole term
)

func interestBasisNames() []string { return []string{"declining", "flat"} }

func (b InterestBasis) String() string {
	return textenum.Name("InterestBasis", b, interestBasisNames())
}

// MarshalText encodes "declining" or "flat".
func (b InterestBasis) MarshalText() ([]byte, error) {
	return textenum.Marshal("InterestBasis", b, interestBasisNames())
}

// UnmarshalText decodes "declining" or "flat".
func (b *InterestBasis) UnmarshalText(text []byte) error {
	return unmarshalEnum(b, text, "InterestBasis", "interest", interestBasisNames())
}

// PaymentTiming says when in its period a loan's installment is paid.
type PaymentTiming uint8

const (
	// EndOfPeriod pays each installment at the end of its period, in
	// arrears: installment k is due on Due.Nth(start, k) with the interest
	// of the period that ends then. The usual loan, and the zero value.
	EndOfPeriod PaymentTiming = iota
	// StartOfPeriod pays each installment at the start of its period, in
	// advance (an annuity due): the first is due on the start date and
	// carries no interest, installment k on Due.Nth(start, k−1).
	StartOfPeriod
)

func paymentTimingNames() []string { return []string{"end_of_period", "start_of_period"} }

func (t PaymentTiming) String() string {
	return textenum.Name("PaymentTiming", t, paymentTimingNames())
}

// MarshalText encodes "end_of_period" or "start_of_period".
func (t PaymentTiming) MarshalText() ([]byte, error) {
	return textenum.Marshal("PaymentTiming", t, paymentTimingNames())
}

// UnmarshalText decodes "end_of_period" or "start_of_period".
func (t *PaymentTiming) UnmarshalText(b []byte) error {
	return unmarshalEnum(t, b, "PaymentTiming", "timing", paymentTimingNames())
}

// Loan is an interest-bearing amortizing loan as data. It loads from JSON;
// a three-year car loan at 6% with 30% left to the last installment is
//
//	{"periods": 36, "annual_rate": "0.06", "amortization": "equal_installments",
//	 "interest": "declining", "day_count": "periodic", "periods_per_year": 12,
//	 "due": {"kind": "monthly", "months": 1}, "balloon_share": "0.3"}
//
// Interest is exact. Every interest amount is the exact value rounded
// once, half-even, to the minor unit: balance × AnnualRate /
// PeriodsPerYear with the Periodic day count, balance × AnnualRate × the
// year fraction between due dates with the others, and principal ×
// AnnualRate × Periods / PeriodsPerYear for the whole of flat interest.
// No rate is rounded first: 4.9%/12 is kept as the fraction 49/12000, so
// 598,500.00 × 4.9%/12 is exactly 2,443.875 and rounds half-even to
// 2,443.88, where a periodic rate rounded to 18 places
// (0.004083333333333333) would give 2,443.8749… and 2,443.87. Rates whose
// fractions fit in 64 bits are applied in 128-bit integers without
// allocating, others in math/big with the same result; money never passes
// through float64.
//
// Amortization and Interest give three shapes:
//
//   - Equal installments on the declining balance (an annuity): the level
//     payment is the exact annuity payment P·r/(1 − (1+r)^−n) at the
//     periodic rate r = AnnualRate/PeriodsPerYear, a fraction of integers
//     rounded once, half-up (at a zero rate, P/n rounded up). Each period's
//     principal is the payment less its interest. With a day count other
//     than Periodic the payment is still the periodic one and each
//     period's interest follows the actual dates. A loan that is repaid
//     before its last period ends there.
//   - Equal principal on the declining balance: the principal divided
//     equally over the periods, the interest on what is still owed on top.
//   - Flat interest (either amortization): the interest on the original
//     principal for the whole term, divided equally over the periods like
//     the principal, so every installment is the same.
//
// In every shape the last installment repays whatever principal is left,
// so it absorbs every rounding difference, and the rows sum exactly to the
// principal and the interest.
//
// Split says how equal shares are rounded: the principal of an
// equal-principal loan, and principal and interest of a flat one. Nil, the
// default, rounds each share down and puts the rest into the last period,
// as the loan always did. AlipaySplit puts the rest into period 1;
// HalfUpLastSplit rounds each share half-up and puts the rest, up or down,
// into the last period (a principal too small for that is an InputError).
// Unlike a Plan's fee, the flat interest total stays rounded half-even
// under either rule: Split only divides. Equal installments have a single rounded payment and
// no shares, so Split is refused for them.
//
// InstallmentMultiple (in minor units; 100 for whole yuan) rounds up, once,
// the amount that is the same every period, and the last installment
// absorbs the difference:
//
//   - equal installments: the payment (the exact annuity payment rounded up
//     to the multiple instead of half-up);
//   - flat interest: the whole installment, (principal − balloon +
//     interest)/n rounded up, its principal part being the installment less
//     the period's interest share (the interest rounded down over n);
//   - equal principal: the principal share, (principal − balloon)/n rounded
//     up. Its installments fall with the interest, so a multiple of the
//     total would make the principal unequal; whole units of principal are
//     what a multiple can mean there.
//
// A multiple and a Split are two rules for the same rounding, so a loan
// may have one or the other. An equal-principal or flat loan whose rounded
// shares would repay more than the principal before its last period is an
// InputError (an annuity simply ends early).
//
// Timing StartOfPeriod makes an annuity due: the first installment is due
// on the start date and carries no interest, and the payment is
// P·r/((1 − (1+r)^−n)(1+r)). The rows are numbered 0 to n−1 by the
// periods elapsed when each is due, so the first is period 0, like a Plan's
// down payment: Schedule.AnnualizedRate and Payoff count it as paid at the
// start. Microsoft's PMT(8%/12, 10, 10000, 0, 1) is 1,030.16 (DAX PMT
// reference, MicrosoftDocs/query-docs) and MESCIUS's PMT(0.005, 15, 5000,
// 0, 1) is 345.10 (developer.mescius.com, PMT); this loan gives both. Flat
// interest is charged for the term whatever the dates, so it has no
// start-of-period form and is refused, as is an annuity due of a single
// period, which would be repaid the day it is made.
//
// Balloon (an amount in the principal's currency) or BalloonShare (a share
// of the principal, rounded half-even to the minor unit) is left to be
// paid with the last installment, on top of its share: the level payment
// amortizes only the principal less the present value of the balloon,
// (P − B·v^n)·r/(1 − v^n) with v = 1/(1+r), and equal-principal or flat
// shares divide P − B. Interest runs on the whole balance, balloon
// included, and flat interest on the whole principal. With StartOfPeriod
// the balloon is paid with the last installment at the start of the last
// period, so its present value is B·v^(n−1). A balloon must be below the
// principal. Spreadsheets' PMT(rate, nper, pv, fv, type) solves
// pv·(1+rate)^nper + pmt·(1+rate·type)·((1+rate)^nper − 1)/rate + fv = 0
// (Microsoft's PV function page; ECMA-376 Part 4, PV), which puts fv at
// the end of the term whatever the type. So PMT(r, n, −P, B, 0) is the
// EndOfPeriod payment with Balloon B; PMT(r, n, −P, B, 1), whose fv comes
// a period after the last payment, is the StartOfPeriod payment with
// Balloon B/(1+r).
type Loan struct {
	Periods        int               `json:"periods"`          // 1-600
	AnnualRate     decimal.Decimal   `json:"annual_rate"`      // 0 to 10 (1000%)
	Amortization   Amortization      `json:"amortization"`     // equal installments or equal principal
	Interest       InterestBasis     `json:"interest"`         // declining balance or flat
	DayCount       DayCount          `json:"day_count"`        // how a period's interest is measured
	PeriodsPerYear int               `json:"periods_per_year"` // 12 for monthly
	Due            calendar.DateRule `json:"due"`              // period k is due on Due.Nth(start, k)
	// InstallmentMultiple, in minor units, rounds the installment (or the
	// equal-principal share) up to a multiple (100 for whole yuan); the
	// last installment absorbs the difference. 0 or 1 for none.
	InstallmentMultiple int64 `json:"installment_multiple,omitempty"`
	// Split rounds equal-principal and flat shares: nil (the default) for
	// rounded down with the rest in the last period, or AlipaySplit or
	// HalfUpLastSplit. Not for equal installments.
	Split *SplitRule `json:"split,omitempty"`
	// Timing is EndOfPeriod (the default) or StartOfPeriod (annuity due).
	Timing PaymentTiming `json:"timing,omitempty"`
	// Balloon is an amount left to the last installment; nil for none.
	Balloon *money.Amount `json:"balloon,omitempty"`
	// BalloonShare is the share of the principal left to the last
	// installment: at least 0 and below 1. At most one of Balloon and
	// BalloonShare may be set.
	BalloonShare decimal.Decimal `json:"balloon_share,omitzero"`
}

// Validate reports the first field out of range.
func (l Loan) Validate() error {
	if err := checkRates("annual_rate", l.AnnualRate); err != nil {
		return err
	}
	if err := checkRates("balloon_share", l.BalloonShare); err != nil {
		return err
	}
	switch {
	case l.Periods < 1 || l.Periods > MaxPeriods:
		return &PlanError{Field: "periods", Reason: "must be 1-" + strconv.Itoa(MaxPeriods) + ", not " + strconv.Itoa(l.Periods)}
	case l.AnnualRate.Sign() < 0 || l.AnnualRate.GreaterThan(decimal.NewFromInt(10)):
		return &PlanError{Field: "annual_rate", Reason: "must be 0 to 10, not " + l.AnnualRate.String()}
	case l.Amortization > EqualPrincipal:
		return &PlanError{Field: "amortization", Reason: "unknown " + l.Amortization.String()}
	case l.Interest > FlatInterest:
		return &PlanError{Field: "interest", Reason: "unknown " + l.Interest.String()}
	case l.DayCount > ActualActual:
		return &PlanError{Field: "day_count", Reason: "unknown " + l.DayCount.String()}
	case l.PeriodsPerYear < 1 || l.PeriodsPerYear > 366:
		return &PlanError{Field: "periods_per_year", Reason: "must be 1-366, not " + strconv.Itoa(l.PeriodsPerYear)}
	case l.InstallmentMultiple < 0 || l.InstallmentMultiple > 1e9:
		return &PlanError{Field: "installment_multiple", Reason: "must be 0-1e9"}
	case l.Split != nil && *l.Split > HalfUpLastSplit:
		return &PlanError{Field: "split", Reason: "unknown rule " + l.Split.String()}
	case l.Split != nil && l.annuity():
		return &PlanError{Field: "split", Reason: "equal installments have one rounded payment and no shares to split"}
	case l.Split != nil && l.InstallmentMultiple > 1:
		return &PlanError{Field: "split", Reason: "a split rule and an installment multiple both round the shares; set one"}
	case l.Timing > StartOfPeriod:
		return &PlanError{Field: "timing", Reason: "unknown " + l.Timing.String()}
	case l.Timing == StartOfPeriod && l.Interest == FlatInterest:
		return &PlanError{Field: "timing", Reason: "flat interest is charged for the term whatever the dates; it has no start-of-period form"}
	case l.Timing == StartOfPeriod && l.Periods < 2:
		return &PlanError{Field: "timing", Reason: "an annuity due of one period is repaid the day it is made"}
	case l.Balloon != nil && (l.Balloon.IsNegative() || !l.Balloon.Currency().IsValid()):
		return &PlanError{Field: "balloon", Reason: "must be a non-negative amount in a currency"}
	case l.BalloonShare.Sign() < 0 || l.BalloonShare.GreaterThanOrEqual(decimal.NewFromInt(1)):
		return &PlanError{Field: "balloon_share", Reason: "must be at least 0 and below 1, not " + l.BalloonShare.String()}
	case l.Balloon != nil && !l.BalloonShare.IsZero():
		return &PlanError{Field: "balloon", Reason: "a loan has a balloon amount or a balloon share, not both"}
	}
	if err := l.Due.Validate(); err != nil {
		return &PlanError{Field: "due", Reason: err.Error()}
	}
	return nil
}

// annuity reports whether the loan pays equal installments on the
// declining balance.
func (l Loan) annuity() bool {
	return l.Interest == DecliningBalance && l.Amortization == EqualInstallments
}

// Schedule lays out the loan of principal from start; c is the calendar for
// the due rule's roll (nil if it does not roll). The principal must be
// positive, and a balloon in its currency and below it.
func (l Loan) Schedule(principal money.Amount, start calendar.Date, c calendar.WorkingDays) (Schedule, error) {
	if err := l.Validate(); err != nil {
		return Schedule{}, err
	}
	if !principal.IsPositive() || !principal.Currency().IsValid() {
		return Schedule{}, &InputError{Arg: "principal", Reason: "must be positive, not " + principal.String()}
	}
	cur := principal.Currency()
	P := principal.Units()
	B, err := l.balloon(principal)
	if err != nil {
		return Schedule{}, err
	}
	n := int64(l.Periods)
	annual := rateFraction(l.AnnualRate)
	periodic := annual.times(1, uint64(l.PeriodsPerYear))
	m := max(l.InstallmentMultiple, 1)

	var payment int64     // equal installments
	var prinShares shares // equal principal and flat: principal per period
	var flat shares       // flat: interest per period
	var flatTotal int64   // flat: the whole interest
	switch {
	case l.Interest == FlatInterest:
		if flatTotal, err = periodic.times(uint64(n), 1).of(P, money.HalfEven); err != nil {
			return Schedule{}, err
		}
		if m == 1 {
			if prinShares, err = l.shares(P-B, n); err != nil {
				return Schedule{}, err
			}
			if flat, err = l.shares(flatTotal, n); err != nil {
				return Schedule{}, err
			}
			break
		}
		// The whole installment rounded up to the multiple; its principal
		// part is what the interest share leaves.
		flat = lastGetsRest(flatTotal, n)
		sum, ok := checked.Add(P-B, flatTotal)
		if !ok {
			return Schedule{}, money.ErrOverflow
		}
		per := ceilDiv(sum, n*m) * m
		if prinShares, err = multipleShares(P-B, per-flat.regular, n, m); err != nil {
			return Schedule{}, err
		}
	case l.Amortization == EqualPrincipal:
		if m == 1 {
			prinShares, err = l.shares(P-B, n)
		} else {
			prinShares, err = multipleShares(P-B, ceilDiv(P-B, n*m)*m, n, m)
		}
		if err != nil {
			return Schedule{}, err
		}
	default:
		if payment, err = levelPayment(P, B, periodic, l.Periods, l.Timing == StartOfPeriod, m); err != nil {
			return Schedule{}, err
		}
	}

	s := Schedule{
		Principal: principal, Start: start, TotalFee: money.Zero(cur), MerchantFee: money.Zero(cur),
		PeriodsPerYear: l.PeriodsPerYear, Installments: make([]Installment, 0, l.Periods),
	}
	var totalInterest checked.Sum
	balance, prev := P, start
	for k := int64(1); k <= n && balance > 0; k++ {
		period := k // periods elapsed when row k is due
		if l.Timing == StartOfPeriod {
			period = k - 1
		}
		due := start
		if period > 0 {
			if due, err = l.Due.Nth(c, start, int(period)); err != nil {
				return Schedule{}, err
			}
		}
		var interest int64
		switch {
		case period == 0: // an annuity due's first row: no time has run
		case l.Interest == FlatInterest:
			interest = flat.at(k, n)
		default:
			rate := periodic
			if l.DayCount != Periodic {
				rate = annual.times(yearFraction(l.DayCount, prev, due, l.PeriodsPerYear))
			}
			if interest, err = rate.of(balance, money.HalfEven); err != nil {
				return Schedule{}, err
			}
		}
		var prin int64
		switch {
		case k == n:
			prin = balance
		case l.annuity():
			prin = min(max(payment-interest, 0), balance-B)
		default:
			prin = prinShares.at(k, n)
		}
		total, ok := checked.Add(prin, interest)
		if !ok {
			return Schedule{}, money.ErrOverflow
		}
		balance -= prin
		totalInterest.Add(interest)
		s.Installments = append(s.Installments, Installment{
			Period: int(period), Due: due, Billed: due,
			Principal: money.FromMinor(prin, cur), Fee: money.Zero(cur), Interest: money.FromMinor(interest, cur),
			Total: money.FromMinor(total, cur), Remaining: money.FromMinor(balance, cur),
		})
		prev = due
	}
	sum, ok := totalInterest.Value()
	if !ok {
		return Schedule{}, money.ErrOverflow
	}
	s.TotalInterest = money.FromMinor(sum, cur)
	return s, nil
}

// balloon returns the loan's balloon for principal in minor units: 0 <= B
// < principal.
func (l Loan) balloon(principal money.Amount) (int64, error) {
	field := "balloon"
	var b money.Amount
	switch {
	case !l.BalloonShare.IsZero():
		field = "balloon_share"
		var err error
		if b, err = principal.MulRate(l.BalloonShare, money.HalfEven); err != nil {
			return 0, err
		}
	case l.Balloon != nil:
		if l.Balloon.Currency() != principal.Currency() {
			return 0, &PlanError{Field: field, Reason: "is in " + l.Balloon.Currency().Code() + ", the principal in " + principal.Currency().Code()}
		}
		b = *l.Balloon
	default:
		return 0, nil
	}
	if b.Units() >= principal.Units() {
		return 0, &PlanError{Field: field, Reason: b.String() + " must be below the principal " + principal.String()}
	}
	return b.Units(), nil
}

// shares divides total minor units over n periods by the loan's Split:
// rounded down with the rest in the last period when it is nil.
func (l Loan) shares(total, n int64) (shares, error) {
	if l.Split == nil {
		return lastGetsRest(total, n), nil
	}
	return l.Split.shares(total, n)
}

// lastGetsRest divides total over n periods rounded down, the rest in the last.
func lastGetsRest(total, n int64) shares {
	q := total / n
	return shares{first: q, regular: q, last: total - (n-1)*q}
}

// multipleShares is per (a share already rounded up to the multiple m) in
// every period but the last, which takes the rest of total. Shares that
// would leave the last period less than nothing are an InputError.
func multipleShares(total, per, n, m int64) (shares, error) {
	if per > 0 && n-1 > total/per { // (n−1)×per > total, without overflow

		return shares{}, &InputError{Arg: "principal", Reason: fmt.Sprintf(
			"%d minor units are too few for %d installments rounded up to multiples of %d", total, n, m)}
	}
	return shares{first: per, regular: per, last: total - (n-1)*per}, nil
}

// ceilDiv returns x/d rounded up, for x >= 0 and d > 0.
func ceilDiv(x, d int64) int64 { return x/d + min(x%d, 1) }
