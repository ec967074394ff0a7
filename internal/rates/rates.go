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
// rate a product needs, and nothing that is slow to compare.
func Sane(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -MaxPlaces && e <= MaxPlaces && d.Coefficient().BitLen() <= MaxBits
}
