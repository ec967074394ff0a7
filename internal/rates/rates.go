// Package rates bounds the decimals a product states (rates, shares): a
// decimal of ten million places is a valid shopspring decimal, but every
// comparison with it builds a number of as many digits, so that checking
// a product could take minutes.
package rates

import "github.com/shopspring/decimal"

// MaxPlaces is the most decimal places, and the largest power of ten, a
// sane decimal has; MaxBits bounds its coefficient.
const (
	MaxPlaces = 40
	MaxBits   = 160
)

// Sane reports whether d has at most MaxPlaces decimal places, no power of
// ten above MaxPlaces and a coefficient of at most MaxBits bits: every
// rate a product needs, and nothing that is slow to compare. It allocates
// nothing for a coefficient that fits in int64.
func Sane(d decimal.Decimal) bool {
	if e := d.Exponent(); e < -MaxPlaces || e > MaxPlaces {
		return false
	}
	switch n := d.NumDigits(); {
	case n <= 48: // below 10^48 < 2^160
		return true
	case n >= 50: // at least 10^49 > 2^160
		return false
	}
	return d.Coefficient().BitLen() <= MaxBits
}

// Unit reports whether d is from 0 to 1, both included: a rate or a
// share. It allocates nothing for a coefficient of up to 18 digits, where
// comparing with 1 would scale one of them to the other's exponent.
func Unit(d decimal.Decimal) bool {
	switch d.Sign() {
	case -1:
		return false
	case 0:
		return true
	}
	n := d.NumDigits()
	switch whole := n + int(d.Exponent()); { // digits before the point
	case whole <= 0:
		return true
	case whole >= 2:
		return false
	}
	// 1 <= d < 10: at most 1 only if it is 1, its coefficient 10^(n-1).
	if n <= 18 {
		p := int64(1)
		for range n - 1 {
			p *= 10
		}
		return d.CoefficientInt64() == p
	}
	return d.Cmp(decimal.NewFromInt(1)) <= 0
}
