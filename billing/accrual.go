package billing

import (
	"math/big"
	"math/bits"

	"github.com/justspend/justspend/internal/fixed"
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// RateScale is the number of decimal places a DailyRate keeps: 0.05% a
// day is 0.0005 exactly, and an APR of 18% over 365 days is
// 0.000493150685 (rounded half-even to 12 places).
const RateScale = 12

// DailyRate is a non-negative interest or penalty rate per day, kept as an
// integer number of 10^-12, so that accruing needs no decimal arithmetic.
type DailyRate struct{ units uint64 }

// NewDailyRate returns rate per day, which must lie between 0 and 1 and
// have at most RateScale decimal places.
func NewDailyRate(rate decimal.Decimal) (DailyRate, error) {
	// The common case in integers, without big.Int arithmetic: a
	// coefficient c that fits an int64, at most RateScale places, and
	// 0 <= c × 10^exp <= 1.
	if exp := int(rate.Exponent()); exp >= -RateScale && exp <= 0 && rate.NumDigits() <= 18 {
		one := uint64(1) // 10^-exp: c of this is 1
		for range -exp {
			one *= 10
		}
		if c := rate.CoefficientInt64(); c >= 0 && uint64(c) <= one {
			units := uint64(c)
			for range RateScale + exp {
				units *= 10
			}
			return DailyRate{units: units}, nil
		}
	}
	if !rates.Unit(rate) {
		return DailyRate{}, &InputError{Arg: "daily rate", Reason: "must be 0 to 1, not " + rate.String()}
	}
	scaled := rate.Shift(RateScale)
	if !scaled.IsInteger() {
		return DailyRate{}, &InputError{Arg: "daily rate", Reason: rate.String() + " has more than 12 decimal places"}
	}
	return DailyRate{units: uint64(scaled.IntPart())}, nil
}

// DailyRateFromAnnual returns apr / basis (365 or 360) rounded half-even
// to RateScale places: the daily periodic rate of a card APR.
func DailyRateFromAnnual(apr decimal.Decimal, basis int) (DailyRate, error) {
	if basis != 365 && basis != 360 {
		return DailyRate{}, &InputError{Arg: "basis", Reason: "must be 365 or 360"}
	}
	return NewDailyRate(apr.DivRound(decimal.NewFromInt(int64(basis)), RateScale+2).RoundBank(RateScale))
}

// Decimal returns the rate.
func (r DailyRate) Decimal() decimal.Decimal { return decimal.New(int64(r.units), -RateScale) }

// IsZero reports whether the rate is zero.
func (r DailyRate) IsZero() bool { return r.units == 0 }

// Accrual accumulates interest exactly, in 10^-12 of a minor unit, and is
// rounded to whole minor units only when it is posted. The zero value is
// an empty accrual. It is a small value: copy it.
type Accrual struct{ hi, lo uint64 }

// Add accrues rate on balance for days days. A balance of zero or below
// (a credit balance) earns nothing. It reports false if the accrual would
// exceed 2^128 units, in which case it is unchanged.
func (a Accrual) Add(balance money.Amount, rate DailyRate, days int) (Accrual, bool) {
	if balance.Units() <= 0 || days <= 0 || rate.units == 0 {
		return a, true
	}
	hi, lo := bits.Mul64(uint64(balance.Units()), rate.units)
	if days > 1 {
		// (hi:lo) × days, with hi × days kept in 64 bits.
		h2, l2 := bits.Mul64(lo, uint64(days))
		hh, hl := bits.Mul64(hi, uint64(days))
		if hh != 0 {
			return a, false
		}
		var c uint64
		hi, c = bits.Add64(hl, h2, 0)
		if c != 0 {
			return a, false
		}
		lo = l2
	}
	var c uint64
	lo, c = bits.Add64(a.lo, lo, 0)
	hi, c = bits.Add64(a.hi, hi, c)
	if c != 0 {
		return a, false
	}
	return Accrual{hi: hi, lo: lo}, true
}

// Equal reports whether a and b hold the same amount; it lets go-cmp
// compare accounts without options.
func (a Accrual) Equal(b Accrual) bool { return a == b }

// IsZero reports whether nothing has accrued.
func (a Accrual) IsZero() bool { return a.hi == 0 && a.lo == 0 }

// Decimal returns the exact accrued amount in minor units.
func (a Accrual) Decimal() decimal.Decimal {
	return decimal.NewFromBigInt(fixed.Uint128{Hi: a.hi, Lo: a.lo}.Big(), -RateScale)
}

// Post rounds the accrual to whole minor units of currency c with mode.
func (a Accrual) Post(c money.Currency, mode money.Rounding) (money.Amount, error) {
	if a.hi == 0 { // the usual size: round in integers
		return money.FromScaled(a.lo, RateScale, c, mode)
	}
	return money.FromDecimal(a.Decimal().Shift(-int32(c.Digits())), c, mode)
}

// MarshalText encodes the exact accrual in minor units, "12.345678901234".
func (a Accrual) MarshalText() ([]byte, error) { return []byte(a.Decimal().String()), nil }

// UnmarshalText decodes what MarshalText writes: a non-negative decimal
// with at most RateScale places.
func (a *Accrual) UnmarshalText(b []byte) error {
	d, err := decimal.NewFromString(string(b))
	if err != nil || d.Sign() < 0 || !d.Shift(RateScale).IsInteger() {
		return &InputError{Arg: "accrual", Reason: "not a non-negative decimal with at most 12 places: " + string(b)}
	}
	n := d.Shift(RateScale).BigInt()
	if n.BitLen() > 128 {
		return &InputError{Arg: "accrual", Reason: "out of range"}
	}
	lo := new(big.Int).And(n, new(big.Int).SetUint64(^uint64(0)))
	*a = Accrual{hi: new(big.Int).Rsh(n, 64).Uint64(), lo: lo.Uint64()}
	return nil
}
