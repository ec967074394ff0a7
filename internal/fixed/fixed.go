// Package fixed is unsigned fixed-point arithmetic with 62 fraction bits,
// for discount factors and rates in [0, 4): the rate solvers and annuity
// factors of package billing. Every operation is integer arithmetic on
// math/bits, so results are exact to the last bit, reproducible on every
// machine, and free of float64.
package fixed

import (
	"math/big"
	"math/bits"
)

// Q is a number in [0, 4) as a multiple of 2^-62.
type Q uint64

// Shift is the number of fraction bits.
const Shift = 62

// One is 1.0.
const One Q = 1 << Shift

// Mul returns a×b, rounded to the nearest 2^-62. The product must be below 4.
func Mul(a, b Q) Q {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// (hi:lo) >> 62, plus the rounding bit 61.
	r := hi<<(64-Shift) | lo>>Shift
	if lo&(1<<(Shift-1)) != 0 {
		r++
	}
	return Q(r)
}

// Pow returns a^n for n >= 0 by repeated squaring.
func Pow(a Q, n int) Q {
	r := One
	for n > 0 {
		if n&1 == 1 {
			r = Mul(r, a)
		}
		a = Mul(a, a)
		n >>= 1
	}
	return r
}

// Div returns a/b rounded down; the quotient must be below 4 and b > 0.
func Div(a, b Q) Q {
	// (a << 62) / b as a 128-by-64 division.
	hi, lo := uint64(a)>>(64-Shift), uint64(a)<<Shift
	q, _ := bits.Div64(hi, lo, uint64(b))
	return Q(q)
}

// Ratio returns num/den rounded down; num/den must be below 4 and den > 0.
func Ratio(num, den uint64) Q {
	hi, lo := num>>(64-Shift), num<<Shift
	q, _ := bits.Div64(hi, lo, den)
	return Q(q)
}

// MulInt returns x×q as a 128-bit number scaled by 2^62 (hi, lo).
func MulInt(x uint64, q Q) (hi, lo uint64) { return bits.Mul64(x, uint64(q)) }

// Big returns q as the exact fraction q/2^62, numerator and denominator.
func (q Q) Big() (num, den *big.Int) {
	return new(big.Int).SetUint64(uint64(q)), new(big.Int).Lsh(big.NewInt(1), Shift)
}

// Uint128 is an unsigned 128-bit accumulator.
type Uint128 struct{ Hi, Lo uint64 }

// Add adds (hi, lo); it reports false if the sum overflowed 128 bits.
func (u *Uint128) Add(hi, lo uint64) bool {
	var c uint64
	u.Lo, c = bits.Add64(u.Lo, lo, 0)
	u.Hi, c = bits.Add64(u.Hi, hi, c)
	return c == 0
}

// Cmp compares u and v: -1, 0 or +1.
func (u Uint128) Cmp(v Uint128) int {
	switch {
	case u.Hi < v.Hi, u.Hi == v.Hi && u.Lo < v.Lo:
		return -1
	case u == v:
		return 0
	}
	return 1
}

// Big returns u as a big.Int.
func (u Uint128) Big() *big.Int {
	b := new(big.Int).SetUint64(u.Hi)
	b.Lsh(b, 64)
	return b.Or(b, new(big.Int).SetUint64(u.Lo))
}
