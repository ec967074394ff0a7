package money

import "strings"

// FromString reads a decimal number of major units of c: "1234.56",
// "-0.5", "12". The grammar is an optional '-', one or more ASCII digits and
// an optional '.' followed by one or more digits; no '+', exponent, spaces or
// grouping. More decimal places than c has is ErrNeedsRounding (use
// FromStringRound to round instead). Errors are *ParseError.
func FromString(s string, c Currency) (Amount, error) {
	return fromString("FromString", s, c, Exact)
}

// FromStringRound is FromString, rounding any decimal places beyond c's
// minor units with mode.
func FromStringRound(s string, c Currency, mode Rounding) (Amount, error) {
	return fromString("FromStringRound", s, c, mode)
}

func fromString(fn, s string, c Currency, mode Rounding) (Amount, error) {
	if !c.IsValid() {
		return Amount{}, &ParseError{Func: fn, Input: s, Err: &CurrencyError{Err: ErrInvalidArgument}}
	}
	if !mode.valid() {
		return Amount{}, invalidRounding(fn, mode)
	}
	units, err := parseUnits(s, c.Digits(), mode)
	if err != nil {
		return Amount{}, &ParseError{Func: fn, Input: s, Err: err}
	}
	return Amount{units: units, cur: c}, nil
}

// Parse reads an amount in the canonical form that String writes: a
// built-in currency code, one space and a decimal number as FromString takes
// it, such as "CNY 1234.56" or "USD -0.50"; or exactly "0", the zero Amount
// (which is zero in every currency). Errors are *ParseError.
func Parse(s string) (Amount, error) {
	if s == zeroText {
		return Amount{}, nil
	}
	code, num, ok := strings.Cut(s, " ")
	if !ok {
		return Amount{}, &ParseError{Func: "Parse", Input: s, Err: ErrSyntax}
	}
	c, err := ParseCurrency(code)
	if err != nil {
		return Amount{}, &ParseError{Func: "Parse", Input: s, Err: err}
	}
	units, err := parseUnits(num, c.Digits(), Exact)
	if err != nil {
		return Amount{}, &ParseError{Func: "Parse", Input: s, Err: err}
	}
	return Amount{units: units, cur: c}, nil
}

// parseUnits reads a decimal number as an integer count of 10^-digits,
// rounding dropped places with mode.
func parseUnits(s string, digits int, mode Rounding) (int64, error) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || hasDot && frac == "" {
		return 0, ErrSyntax
	}
	const limit = 1 << 63 // the largest magnitude, that of MinInt64
	var m uint64
	overflow := false
	push := func(d byte) {
		if m > (limit-uint64(d))/10 {
			overflow = true
		}
		m = m*10 + uint64(d)
	}
	for i := 0; i < len(intPart); i++ {
		b := intPart[i]
		if b < '0' || b > '9' {
			return 0, ErrSyntax
		}
		if !overflow {
			push(b - '0')
		}
	}
	for i := 0; i < digits; i++ {
		d := byte(0)
		if i < len(frac) {
			if frac[i] < '0' || frac[i] > '9' {
				return 0, ErrSyntax
			}
			d = frac[i] - '0'
		}
		if !overflow {
			push(d)
		}
	}
	// Places beyond the currency's: whether any is non-zero, and how the
	// dropped fraction compares with one half.
	inexact, half := false, -1
	if len(frac) > digits {
		for i := digits; i < len(frac); i++ {
			b := frac[i]
			if b < '0' || b > '9' {
				return 0, ErrSyntax
			}
			if b != '0' {
				inexact = true
			}
		}
		if mode == Exact {
			return 0, ErrNeedsRounding // even "2.500" for CNY: the text has places CNY lacks
		}
		if first := frac[digits]; first > '5' {
			half = 1
		} else if first == '5' {
			half = 0
			if strings.TrimRight(frac[digits+1:], "0") != "" {
				half = 1
			}
		}
	}
	if overflow {
		return 0, ErrOverflow
	}
	away, err := mode.roundAway(m, neg, inexact, half)
	if err != nil {
		return 0, err
	}
	if away {
		m++
	}
	return signed(m, neg)
}
