package money

import (
	"math"

	"github.com/shopspring/decimal"
)

// Amount is an exact amount of money: an integer number of minor units (fen
// for CNY, cents for USD) in a currency. It is a small value type: copy it,
// compare it with == (equal units and currency) and use it as a map key.
//
// The zero Amount, Amount{}, is zero units of no currency, and it is zero
// in every currency: Add, Sub, Cmp, Min, Max and Sum treat it as zero in the
// other operand's currency, and Equal reports it equal to zero in any
// currency. It prints as "0" and encodes as "0" and
// {"amount":"0","currency":""}, forms that decode back to it exactly.
//
// Operations that can fail return an error and never a wrong amount: mixing
// currencies is a *MismatchError and a result beyond int64 minor units is
// ErrOverflow. Nothing in this package panics on its input.
type Amount struct {
	units int64
	cur   Currency
}

// FromMinor returns units minor units of c: FromMinor(123456, CNY) is
// CNY 1234.56.
func FromMinor(units int64, c Currency) Amount { return Amount{units: units, cur: c} }

// Zero returns zero in c.
func Zero(c Currency) Amount { return Amount{cur: c} }

// FromDecimal returns d major units of c (d = 1234.565 for CNY 1234.565),
// rounded to c's minor units with mode. With Exact, a d with more decimal
// places than c has is ErrNeedsRounding.
func FromDecimal(d decimal.Decimal, c Currency, mode Rounding) (Amount, error) {
	if !c.IsValid() {
		return Amount{}, &CurrencyError{Err: ErrInvalidArgument}
	}
	if !mode.valid() {
		return Amount{}, invalidRounding("FromDecimal", mode)
	}
	units, err := mulDecimal(1, d, int32(c.Digits()), mode)
	if err != nil {
		return Amount{}, err
	}
	return Amount{units: units, cur: c}, nil
}

// Units returns the number of minor units.
func (a Amount) Units() int64 { return a.units }

// Currency returns the amount's currency.
func (a Amount) Currency() Currency { return a.cur }

// Decimal returns the amount in major units as a decimal (CNY 1234.56 is
// 1234.56). It allocates; keep it out of hot paths.
func (a Amount) Decimal() decimal.Decimal {
	return decimal.New(a.units, -int32(a.cur.Digits()))
}

// Equal reports whether a and b are the same amount: the same units in the
// same currency, or zero in one currency and the zero Amount, which is zero
// in every currency. So CNY 0.00 equals Amount{}, while CNY 0.01 and
// USD 0.01 differ, and so do CNY 0.00 and USD 0.00 (Equal is not transitive
// across currencies). It is true exactly when Cmp(a, b) returns 0 and no
// error.
//
// go-cmp calls Equal, so a struct in a test's "want" that leaves an amount
// out matches a result holding zero in the line's currency.
func (a Amount) Equal(b Amount) bool {
	return a == b || a.units == 0 && b.units == 0 && (a.cur == 0 || b.cur == 0)
}

// IsZero reports whether a has no units, in any currency: it is true for
// CNY 0.00 as well as for the zero Amount, so a field tagged
// json:",omitzero" leaves out both (and reads back as the zero Amount, which
// Equal and Add treat as zero in the line's currency). Compare with Amount{}
// to tell the zero value apart.
func (a Amount) IsZero() bool { return a.units == 0 }

// IsPositive reports whether a is above zero.
func (a Amount) IsPositive() bool { return a.units > 0 }

// IsNegative reports whether a is below zero.
func (a Amount) IsNegative() bool { return a.units < 0 }

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int {
	switch {
	case a.units < 0:
		return -1
	case a.units > 0:
		return 1
	}
	return 0
}

// Add returns a+b. The zero Amount adds to an amount in any currency:
// Amount{} + CNY 5.00 = CNY 5.00.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.cur != b.cur {
		// The zero Amount is zero in the other's currency.
		switch {
		case a == Amount{}:
			return b, nil
		case b == Amount{}:
			return a, nil
		}
		return Amount{}, &MismatchError{Op: "Add", A: a.cur, B: b.cur}
	}
	s := a.units + b.units
	// Overflow iff both operands have the same sign and the sum's differs.
	if (s^a.units)&(s^b.units) < 0 {
		return Amount{}, ErrOverflow
	}
	return Amount{units: s, cur: a.cur}, nil
}

// Sub returns a-b. The zero Amount is zero in the other's currency:
// Amount{} - CNY 5.00 = CNY -5.00.
func (a Amount) Sub(b Amount) (Amount, error) {
	if a.cur != b.cur {
		// The zero Amount is zero in the other's currency.
		switch {
		case a == Amount{}:
			a.cur = b.cur
		case b == Amount{}:
			return a, nil
		default:
			return Amount{}, &MismatchError{Op: "Sub", A: a.cur, B: b.cur}
		}
	}
	d := a.units - b.units
	// Overflow iff the operands have different signs and the difference's
	// sign differs from a's.
	if (a.units^b.units)&(d^a.units) < 0 {
		return Amount{}, ErrOverflow
	}
	return Amount{units: d, cur: a.cur}, nil
}

// Neg returns -a. Only the most negative int64 amount cannot be negated.
func (a Amount) Neg() (Amount, error) {
	if a.units == math.MinInt64 {
		return Amount{}, ErrOverflow
	}
	return Amount{units: -a.units, cur: a.cur}, nil
}

// Abs returns |a|.
func (a Amount) Abs() (Amount, error) {
	if a.units < 0 {
		return a.Neg()
	}
	return a, nil
}

// Cmp compares a and b: -1 if a < b, 0 if equal, +1 if a > b. The zero
// Amount compares as zero in the other's currency.
func (a Amount) Cmp(b Amount) (int, error) {
	// The zero Amount is zero in the other's currency.
	if a.cur != b.cur && a != (Amount{}) && b != (Amount{}) {
		return 0, &MismatchError{Op: "Cmp", A: a.cur, B: b.cur}
	}
	switch {
	case a.units < b.units:
		return -1, nil
	case a.units > b.units:
		return 1, nil
	}
	return 0, nil
}

// inOneCurrency returns a and b in one currency: the zero Amount is zero
// in the other's; two other currencies are a *MismatchError of op.
func inOneCurrency(a, b Amount, op string) (Amount, Amount, error) {
	if a.cur != b.cur {
		switch {
		case a == Amount{}:
			a.cur = b.cur
		case b == Amount{}:
			b.cur = a.cur
		default:
			return Amount{}, Amount{}, &MismatchError{Op: op, A: a.cur, B: b.cur}
		}
	}
	return a, b, nil
}

// Min returns the smaller of a and b. The zero Amount takes the other's
// currency: Min(Amount{}, CNY 5.00) is CNY 0.00.
func Min(a, b Amount) (Amount, error) {
	a, b, err := inOneCurrency(a, b, "Min")
	if err != nil {
		return Amount{}, err
	}
	if b.units < a.units {
		return b, nil
	}
	return a, nil
}

// Max returns the larger of a and b. The zero Amount takes the other's
// currency: Max(Amount{}, CNY -5.00) is CNY 0.00.
func Max(a, b Amount) (Amount, error) {
	a, b, err := inOneCurrency(a, b, "Max")
	if err != nil {
		return Amount{}, err
	}
	if b.units > a.units {
		return b, nil
	}
	return a, nil
}

// Sum returns the sum of amounts, each of which must be in c or be the zero
// Amount; the sum is in c, and the sum of none is zero in c. It fails on the
// first mismatch and on overflow, even when a later term would have brought
// the total back in range.
func Sum(c Currency, amounts ...Amount) (Amount, error) {
	total := Zero(c)
	for _, a := range amounts {
		if a.cur != c {
			if a.isZeroValue() {
				continue
			}
			// Reported as Add's mismatch: Sum adds term by term.
			return Amount{}, &MismatchError{Op: "Add", A: c, B: a.cur}
		}
		var err error
		if total, err = total.Add(a); err != nil {
			return Amount{}, err
		}
	}
	return total, nil
}
