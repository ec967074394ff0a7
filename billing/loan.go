package billing

import (
	"math/big"
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/fixed"
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

// Loan is an interest-bearing amortizing loan as data. Interest is
// computed per period at decimal precision and rounded half-even to the
// minor unit once per period.
//
// For equal installments the payment is the annuity payment at the
// periodic rate (AnnualRate / PeriodsPerYear), rounded half-up, or up to
// InstallmentMultiple; with a day count other than Periodic each period's
// interest follows the actual dates, and the last installment absorbs
// every difference. A loan that is repaid before its last period ends
// there.
type Loan struct {
	Periods        int               `json:"periods"`          // 1-600
	AnnualRate     decimal.Decimal   `json:"annual_rate"`      // 0 to 10 (1000%)
	Amortization   Amortization      `json:"amortization"`     // equal installments or equal principal
	Interest       InterestBasis     `json:"interest"`         // declining balance or flat
	DayCount       DayCount          `json:"day_count"`        // how a period's interest is measured
	PeriodsPerYear int               `json:"periods_per_year"` // 12 for monthly
	Due            calendar.DateRule `json:"due"`              // period k is due on Due.Nth(start, k)
	// InstallmentMultiple, in minor units, rounds equal installments up to
	// a multiple (100 for whole yuan); the last installment absorbs the
	// difference. 0 or 1 for none.
	InstallmentMultiple int64 `json:"installment_multiple,omitempty"`
}

// Validate reports the first field out of range.
func (l Loan) Validate() error {
	if err := checkRates("annual_rate", l.AnnualRate); err != nil {
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
	}
	if err := l.Due.Validate(); err != nil {
		return &PlanError{Field: "due", Reason: err.Error()}
	}
	return nil
}

// Schedule lays out the loan of principal from start; c is the calendar for
// the due rule's roll (nil if it does not roll).
func (l Loan) Schedule(principal money.Amount, start calendar.Date, c calendar.WorkingDays) (Schedule, error) {
	if err := l.Validate(); err != nil {
		return Schedule{}, err
	}
	if !principal.IsPositive() {
		return Schedule{}, &InputError{Arg: "principal", Reason: "must be positive, not " + principal.String()}
	}
	cur := principal.Currency()
	periodic := l.AnnualRate.DivRound(decimal.NewFromInt(int64(l.PeriodsPerYear)), 18)
	n := int64(l.Periods)
	P := principal.Units()

	var payment int64 // equal installments, declining balance
	var flat shares   // flat interest per period
	var equal shares  // equal principal per period
	switch {
	case l.Interest == FlatInterest:
		total, err := principal.MulRate(l.AnnualRate.Mul(decimal.NewFromInt(n)).DivRound(decimal.NewFromInt(int64(l.PeriodsPerYear)), 18), money.HalfEven)
		if err != nil {
			return Schedule{}, err
		}
		flat = lastGetsRest(total.Units(), n)
		equal = lastGetsRest(P, n)
	case l.Amortization == EqualPrincipal:
		equal = lastGetsRest(P, n)
	default:
		var err error
		if payment, err = annuityPayment(P, periodic, l.Periods); err != nil {
			return Schedule{}, err
		}
		if m := l.InstallmentMultiple; m > 1 && payment%m != 0 {
			payment += m - payment%m
		}
	}

	s := Schedule{
		Principal: principal, Start: start, TotalFee: money.Zero(cur), MerchantFee: money.Zero(cur),
		PeriodsPerYear: l.PeriodsPerYear, Installments: make([]Installment, 0, l.Periods),
	}
	balance, totalInterest := P, int64(0)
	prev := start
	for k := int64(1); k <= n && balance > 0; k++ {
		due, err := l.Due.Nth(c, start, int(k))
		if err != nil {
			return Schedule{}, err
		}
		var interest int64
		if l.Interest == FlatInterest {
			interest = flat.at(k, n)
		} else {
			rate := periodic
			if l.DayCount != Periodic {
				rate = l.AnnualRate.Mul(l.DayCount.YearFraction(prev, due, l.PeriodsPerYear))
			}
			a, err := money.FromMinor(balance, cur).MulRate(rate, money.HalfEven)
			if err != nil {
				return Schedule{}, err
			}
			interest = a.Units()
		}
		var prin int64
		switch {
		case k == n:
			prin = balance
		case l.Interest == FlatInterest || l.Amortization == EqualPrincipal:
			prin = equal.at(k, n)
		default:
			prin = min(max(payment-interest, 0), balance)
		}
		balance -= prin
		totalInterest += interest
		s.Installments = append(s.Installments, Installment{
			Period: int(k), Due: due, Billed: due,
			Principal: money.FromMinor(prin, cur), Fee: money.Zero(cur), Interest: money.FromMinor(interest, cur),
			Total: money.FromMinor(prin+interest, cur), Remaining: money.FromMinor(balance, cur),
		})
		prev = due
	}
	s.TotalInterest = money.FromMinor(totalInterest, cur)
	return s, nil
}

// lastGetsRest divides total over n periods rounded down, the rest in the last.
func lastGetsRest(total, n int64) shares {
	q := total / n
	return shares{first: q, regular: q, last: total - (n-1)*q}
}

// annuityPayment returns principal × r / (1 − (1+r)^-n) in minor units,
// rounded half-up; r is the periodic rate. For r = 0 it is principal/n
// rounded up.
func annuityPayment(principal int64, r decimal.Decimal, n int) (int64, error) {
	if r.IsZero() {
		return (principal + int64(n) - 1) / int64(n), nil
	}
	// r = coef × 10^exp; 1/(1+r) as a Q62 discount factor.
	coef := r.Coefficient()
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-r.Exponent())), nil)
	if r.Exponent() > 0 {
		coef.Mul(coef, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(r.Exponent())), nil))
		scale.SetInt64(1)
	}
	// v = scale / (scale + coef), in Q62.
	vq := new(big.Int).Lsh(scale, fixed.Shift)
	vq.Quo(vq, new(big.Int).Add(scale, coef))
	vn := fixed.Pow(fixed.Q(vq.Uint64()), n)
	// payment = principal × coef × 2^62 / (scale × (2^62 − v^n)).
	num := new(big.Int).Mul(big.NewInt(principal), coef)
	num.Lsh(num, fixed.Shift)
	den := new(big.Int).Mul(scale, new(big.Int).SetUint64(uint64(fixed.One-vn)))
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, money.ErrOverflow
	}
	return q.Int64(), nil
}
