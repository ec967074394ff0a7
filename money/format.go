package money

import "strconv"

// String returns the canonical form "CNY 1234.56": the currency code, one
// space and the amount with exactly the currency's minor digits ("JPY 1500",
// "KWD -0.250"). Parse reads it back. The zero Amount prints as
// "<no currency> 0".
func (a Amount) String() string {
	var buf [32]byte
	return string(a.appendCanonical(buf[:0]))
}

func (a Amount) appendCanonical(b []byte) []byte {
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

// Display returns the amount for people to read: a symbol where the currency
// has a well-known one, thousands grouped with commas, and the currency's
// minor digits: "¥1,234.56" for CNY, "$1,234.56" for USD, "-¥0.50". A
// currency without a symbol here shows its code: "KWD 1,234.500". The form
// is for display only; store and exchange amounts with String or JSON.
func (a Amount) Display() string {
	var buf [40]byte
	b := buf[:0]
	if a.units < 0 {
		b = append(b, '-')
	}
	if sym := symbol(a.cur); sym != "" {
		b = append(b, sym...)
	} else {
		b = append(b, a.cur.String()...)
		b = append(b, ' ')
	}
	return string(appendMagnitude(b, absU(a.units), a.cur.Digits(), true))
}

// symbol returns the display symbol of a few common currencies, or "".
// CNY takes the bare "¥" as in mainland China; JPY is written "JP¥" so that
// the two stay apart.
func symbol(c Currency) string {
	switch c {
	case CNY:
		return "¥"
	case USD:
		return "$"
	case EUR:
		return "€"
	case GBP:
		return "£"
	case JPY:
		return "JP¥"
	case HKD:
		return "HK$"
	}
	return ""
}
