package money

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// MulRate returns a x rate, rounded to whole minor units with mode: a daily
// interest rate, a fee per period, a share. The result is exact for the mode:
// it is the true product rounded once.
//
// Rates with at most 18 significant digits and at most 19 decimal places,
// times amounts whose product fits, are computed in 128-bit integer
// arithmetic and do not allocate; anything larger falls back to big-integer
// arithmetic with the same result.
func (a Amount) MulRate(rate decimal.Decimal, mode Rounding) (Amount, error) {
	if !mode.valid() {
		return Amount{}, invalidRounding("MulRate", mode)
	}
	units, err := mulDecimal(a.units, rate, 0, mode)
	if err != nil {
		return Amount{}, err
	}
	return Amount{units: units, cur: a.cur}, nil
}

// maxPow10 is the largest n for which 10^n fits in a uint64.
const maxPow10 = 19

// pow10 returns 10^n for 0 <= n <= maxPow10.
func pow10(n int64) uint64 {
	switch n {
	case 0:
		return 1
	case 1:
		return 10
	case 2:
		return 100
	case 3:
		return 1e3
	case 4:
		return 1e4
	case 5:
		return 1e5
	case 6:
		return 1e6
	case 7:
		return 1e7
	case 8:
		return 1e8
	case 9:
		return 1e9
	case 10:
		return 1e10
	case 11:
		return 1e11
	case 12:
		return 1e12
	case 13:
		return 1e13
	case 14:
		return 1e14
	case 15:
		return 1e15
	case 16:
		return 1e16
	case 17:
		return 1e17
	case 18:
		return 1e18
	}
	return 1e19
}

// mulDecimal returns x x d x 10^shift rounded to an integer with mode, which
// must be valid.
func mulDecimal(x int64, d decimal.Decimal, shift int32, mode Rounding) (int64, error) {
	if d.NumDigits() <= 18 {
		// The coefficient fits in an int64: the fast path.
		coef := d.CoefficientInt64()
		exp := int64(d.Exponent()) + int64(shift)
		if r, ok, err := mulPow10Fast(x, coef, exp, mode); ok {
			return r, err
		}
	}
	return mulDecimalBig(x, d, shift, mode)
}

// mulDecimalBig is mulDecimal in big-integer arithmetic, for any input.
func mulDecimalBig(x int64, d decimal.Decimal, shift int32, mode Rounding) (int64, error) {
	num := new(big.Int).Mul(big.NewInt(x), d.Coefficient())
	exp := int64(d.Exponent()) + int64(shift)
	den := big.NewInt(1)
	ten := big.NewInt(10)
	if exp >= 0 {
		if num.Sign() != 0 && exp > 19 {
			return 0, ErrOverflow
		}
		num.Mul(num, new(big.Int).Exp(ten, big.NewInt(exp), nil))
	} else {
		den.Exp(ten, big.NewInt(-exp), nil)
	}
	return quoRoundBig(num, den, mode)
}

// mulPow10Fast computes x x coef x 10^exp rounded with mode in 128-bit
// arithmetic. ok is false when the inputs are outside what it handles.
func mulPow10Fast(x, coef, exp int64, mode Rounding) (r int64, ok bool, err error) {
	neg := (x < 0) != (coef < 0)
	hi, lo := bits.Mul64(absU(x), absU(coef))
	if hi == 0 && lo == 0 {
		return 0, true, nil
	}
	var q uint64
	switch {
	case exp >= 0:
		if exp > maxPow10 || hi != 0 {
			return 0, true, ErrOverflow
		}
		h, l := bits.Mul64(lo, pow10(exp))
		if h != 0 {
			return 0, true, ErrOverflow
		}
		q = l
	case -exp <= maxPow10:
		p := pow10(-exp)
		if hi >= p {
			return 0, true, ErrOverflow // the quotient needs more than 64 bits
		}
		var rem uint64
		q, rem = bits.Div64(hi, lo, p)
		if !fits(q, neg) {
			return 0, true, ErrOverflow
		}
		away, err := mode.roundAway(q, neg, rem != 0, cmpHalf(rem, p))
		if err != nil {
			return 0, true, err
		}
		if away {
			q++ // q <= 2^63 here, so this cannot wrap
		}
	default:
		return 0, false, nil
	}
	r, err = signed(q, neg)
	return r, true, err
}

// cmpHalf compares a remainder rem of a division by p with p/2, without
// overflowing: -1 below, 0 equal, +1 above.
func cmpHalf(rem, p uint64) int {
	other := p - rem
	switch {
	case rem < other:
		return -1
	case rem > other:
		return 1
	}
	return 0
}

// quoRoundBig returns num/den rounded with mode; den must be positive.
func quoRoundBig(num, den *big.Int, mode Rounding) (int64, error) {
	neg := num.Sign() < 0
	q, rem := new(big.Int).QuoRem(new(big.Int).Abs(num), den, new(big.Int))
	half := new(big.Int).Lsh(rem, 1).Cmp(den)
	if !q.IsUint64() || !fits(q.Uint64(), neg) {
		return 0, ErrOverflow
	}
	uq := q.Uint64()
	away, err := mode.roundAway(uq, neg, rem.Sign() != 0, half)
	if err != nil {
		return 0, err
	}
	if away {
		uq++ // at most 2^63+1: no wrap, and signed reports the overflow
	}
	return signed(uq, neg)
}

// absU returns |x| as a uint64 (|MinInt64| = 2^63 included).
func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-(x + 1)) + 1
	}
	return uint64(x)
}

// fits reports whether an int64 of magnitude m and the given sign exists.
func fits(m uint64, neg bool) bool {
	if neg {
		return m <= 1<<63
	}
	return m <= math.MaxInt64
}

// signed returns the int64 with magnitude m and the given sign.
func signed(m uint64, neg bool) (int64, error) {
	if !fits(m, neg) {
		return 0, ErrOverflow
	}
	if neg {
		return int64(-m), nil // -m wraps to the two's complement, 2^63 to MinInt64
	}
	return int64(m), nil
}
