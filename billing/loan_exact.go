package billing

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Exact loan arithmetic. A decimal annual rate divided by the periods per
// year (4.9%/12 = 49/12000) or multiplied by a day count's year fraction
// (31/365) is a fraction, not a decimal, so the loan keeps every rate as
// an exact fraction of integers and rounds only the amount it yields: the
// true product, rounded once. Fractions whose parts fit in 64 bits (every
// realistic rate) are applied in 128-bit integer arithmetic without
// allocating; larger ones fall back to math/big with the same result.

// fraction is an exact non-negative fraction num/den in lowest terms. big
// is set, and num and den are not used, when a part does not fit in 64
// bits.
type fraction struct {
	num, den uint64
	big      *big.Rat
}

// rateFraction returns the decimal d >= 0 as an exact fraction.
func rateFraction(d decimal.Decimal) fraction {
	if e := d.Exponent(); d.NumDigits() <= 18 && e <= 0 && e >= -19 {
		// The usual rate, such as 0.049 = 49/1000: no big numbers.
		num, den := uint64(d.CoefficientInt64()), uint64(1)
		for range -e {
			den *= 10
		}
		g := gcd(num, den)
		return fraction{num: num / g, den: den / g}
	}
	num := d.Coefficient()
	den := big.NewInt(1)
	ten := big.NewInt(10)
	if e := int64(d.Exponent()); e >= 0 {
		num.Mul(num, new(big.Int).Exp(ten, big.NewInt(e), nil))
	} else {
		den.Exp(ten, big.NewInt(-e), nil)
	}
	return fromRat(new(big.Rat).SetFrac(num, den)) // SetFrac reduces
}

// fromRat returns r (reduced, >= 0) as a fraction, small when it fits.
func fromRat(r *big.Rat) fraction {
	if r.Num().IsUint64() && r.Denom().IsUint64() {
		return fraction{num: r.Num().Uint64(), den: r.Denom().Uint64()}
	}
	return fraction{big: r}
}

// rat returns f as a big.Rat (a new one for a small fraction).
func (f fraction) rat() *big.Rat {
	if f.big != nil {
		return f.big
	}
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(f.num), new(big.Int).SetUint64(f.den))
}

// isZero reports whether f is 0.
func (f fraction) isZero() bool {
	if f.big != nil {
		return f.big.Sign() == 0
	}
	return f.num == 0
}

// times returns f × num/den exactly (den > 0).
func (f fraction) times(num, den uint64) fraction {
	if f.big == nil {
		hn, ln := bits.Mul64(f.num, num)
		hd, ld := bits.Mul64(f.den, den)
		if hn == 0 && hd == 0 {
			g := gcd(ln, ld)
			return fraction{num: ln / g, den: ld / g}
		}
	}
	r := new(big.Rat).SetFrac(new(big.Int).SetUint64(num), new(big.Int).SetUint64(den))
	return fromRat(r.Mul(r, f.rat()))
}

// gcd is Euclid's greatest common divisor; gcd(0, d) = d.
func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// of returns x × f for x >= 0 in minor units, rounded once with mode
// (HalfEven, HalfUp, Up or Down). A result beyond int64 is
// money.ErrOverflow.
func (f fraction) of(x int64, mode money.Rounding) (int64, error) {
	if f.big == nil {
		hi, lo := bits.Mul64(uint64(x), f.num)
		if hi < f.den { // the quotient fits in 64 bits
			q, rem := bits.Div64(hi, lo, f.den)
			return roundQuotient(q, rem != 0, cmpHalf(rem, f.den), mode)
		}
	}
	r := f.rat()
	num := new(big.Int).Mul(big.NewInt(x), r.Num())
	return quoRound(num, r.Denom(), mode)
}

// cmpHalf compares a remainder rem of a division by den with den/2: -1
// below, 0 equal, +1 above.
func cmpHalf(rem, den uint64) int {
	switch other := den - rem; {
	case rem < other:
		return -1
	case rem > other:
		return 1
	}
	return 0
}

// roundQuotient rounds a non-negative quotient q whose dropped fraction is
// inexact and compares with one half as half does.
func roundQuotient(q uint64, inexact bool, half int, mode money.Rounding) (int64, error) {
	if inexact {
		switch mode {
		case money.HalfEven:
			if half > 0 || half == 0 && q&1 == 1 {
				q++
			}
		case money.HalfUp:
			if half >= 0 {
				q++
			}
		case money.Up:
			q++
		}
	}
	if q > math.MaxInt64 {
		return 0, money.ErrOverflow
	}
	return int64(q), nil
}

// quoRound returns num/den (num >= 0, den > 0) rounded with mode.
func quoRound(num, den *big.Int, mode money.Rounding) (int64, error) {
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if !q.IsUint64() {
		return 0, money.ErrOverflow
	}
	return roundQuotient(q.Uint64(), rem.Sign() != 0, rem.Lsh(rem, 1).Cmp(den), mode)
}

// levelPayment returns the level installment that repays principal P over
// n periods at the periodic rate r, leaving the balloon B (0 <= B < P) to
// be paid with the last installment. With payments at the end of each
// period the exact value is
//
//	(P − B·v^n) · r / (1 − v^n),  v = 1/(1+r);
//
// with payments at the start (annuity due) the balloon is paid with the
// last installment, at the start of the last period, so
//
//	(P − B·v^(n−1)) · r / ((1 − v^n)(1 + r)).
//
// For r = a/b and s = a + b these are the fractions
//
//	a·(P·s^n − B·b^n) / (b·(s^n − b^n))  and  a·(P·s^(n−1) − B·b^(n−1)) / (s^n − b^n),
//
// computed in integers and rounded once: half-up, or up to a multiple of
// multiple when it is above 1. At r = 0 the payment is (P − B)/n rounded
// up (to the multiple).
func levelPayment(P, B int64, r fraction, n int, due bool, multiple int64) (int64, error) {
	m := max(multiple, 1)
	if r.isZero() {
		// (P − B)/n rounded up to m; n×m <= 600×10^9 cannot overflow.
		q := ceilDiv(P-B, int64(n)*m)
		if q > math.MaxInt64/m {
			return 0, money.ErrOverflow
		}
		return q * m, nil
	}
	var a, b big.Int
	if r.big != nil {
		a.Set(r.big.Num())
		b.Set(r.big.Denom())
	} else {
		a.SetUint64(r.num)
		b.SetUint64(r.den)
	}
	var s, sk, bk, num, den, t big.Int
	s.Add(&a, &b)
	k := int64(n)
	if due {
		k--
	}
	t.SetInt64(k)
	sk.Exp(&s, &t, nil) // s^k
	bk.Exp(&b, &t, nil) // b^k
	// num = a·(P·s^k − B·b^k)
	num.Mul(t.SetInt64(P), &sk)
	num.Sub(&num, t.Mul(t.SetInt64(B), &bk))
	num.Mul(&num, &a)
	if due { // den = s^n − b^n = s·s^(n−1) − b·b^(n−1)
		den.Mul(&sk, &s)
		den.Sub(&den, t.Mul(&bk, &b))
	} else { // den = b·(s^n − b^n)
		den.Sub(&sk, &bk)
		den.Mul(&den, &b)
	}
	if m == 1 {
		return quoRound(&num, &den, money.HalfUp)
	}
	q, err := quoRound(&num, den.Mul(&den, t.SetInt64(m)), money.Up)
	if err != nil {
		return 0, err
	}
	if q > math.MaxInt64/m {
		return 0, money.ErrOverflow
	}
	return q * m, nil
}

// yearFraction is the exact form of DayCount.YearFraction: the part of a
// year from from to to (from <= to) as num/den, with the same conventions.
// Actual/Actual puts every year's days over 365 × 366 = 133,590 so that
// days of leap and common years add exactly.
func yearFraction(c DayCount, from, to calendar.Date, periodsPerYear int) (num, den uint64) {
	switch c {
	case Actual365:
		return uint64(max(0, from.DaysUntil(to))), 365
	case Actual360:
		return uint64(max(0, from.DaysUntil(to))), 360
	case Thirty360:
		y1, m1, d1 := from.Date()
		y2, m2, d2 := to.Date()
		if d1 == 31 {
			d1 = 30
		}
		if d2 == 31 && d1 == 30 {
			d2 = 30
		}
		return uint64(max(0, 360*(y2-y1)+30*(int(m2)-int(m1))+d2-d1)), 360
	case ActualActual:
		var n uint64
		for d := from; d.Before(to); {
			end, err := calendar.NewDate(d.Year()+1, 1, 1)
			if err != nil || end.After(to) {
				end = to
			}
			per := uint64(366) // a day of a 365-day year is 366/133,590
			if calendar.DaysIn(d.Year(), 2) == 29 {
				per = 365
			}
			n += uint64(d.DaysUntil(end)) * per
			d = end
		}
		return n, 365 * 366
	}
	return 1, uint64(max(1, periodsPerYear))
}
