package money

import "strconv"

// String returns the canonical form "CNY 1234.56": the currency code, one
// space and the amount with exactly the currency's minor digits ("JPY 1500",
// "KWD -0.250"). Parse reads it back. The zero Amount prints as "0", which
// Parse also reads; an amount with units but no currency, which nothing
// reads, prints as "<no currency> 5".
func (a Amount) String() string {
	var buf [maxCanonicalLen]byte
	return string(a.appendCanonical(buf[:0]))
}

// maxCanonicalLen bounds the canonical form's length for a valid currency:
// a code, a space, a sign and the 19 digits of an int64 with a decimal point
// among them ("XXX -9223372036.854775808", 25 bytes).
const maxCanonicalLen = 32

func (a Amount) appendCanonical(b []byte) []byte {
	if a.isZeroValue() {
		return append(b, zeroText...)
	}
	if a.cur.IsValid() {
		b = a.cur.appendCode(b)
	} else {
		b = append(b, "<no currency>"...)
	}
	b = append(b, ' ')
	if a.units < 0 {
		b = append(b, '-')
	}
	return appendMagnitude(b, absU(a.units), a.cur.Digits(), false)
}

// appendMagnitude appends m minor units as a decimal number of major units
// with the given minor digits, grouping thousands with ',' if group is set.
func appendMagnitude(b []byte, m uint64, digits int, group bool) []byte {
	p := pow10(int64(digits))
	whole, frac := m/p, m%p
	if group {
		b = appendGrouped(b, whole)
	} else {
		b = strconv.AppendUint(b, whole, 10)
	}
	if digits > 0 {
		b = append(b, '.')
		var tmp [20]byte
		f := strconv.AppendUint(tmp[:0], frac, 10)
		for i := len(f); i < digits; i++ {
			b = append(b, '0')
		}
		b = append(b, f...)
	}
	return b
}

func appendGrouped(b []byte, n uint64) []byte {
	var tmp [20]byte
	s := strconv.AppendUint(tmp[:0], n, 10)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return b
}
