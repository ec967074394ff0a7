package money

//go:generate go run gen_currencies.go

// Currency is a currency: its ISO 4217 alphabetic code, numeric code and
// number of minor units (decimal places), packed into one comparable word.
//
// Every active ISO 4217 currency with a minor unit is a constant of this
// package (CNY, USD, JPY, KWD, ...), generated from iso4217.csv. A currency
// outside that table (a newer ISO code, a loyalty point) is made with
// NewCurrency. The zero Currency is no currency at all: it is not valid, and
// amounts in it mix with nothing (but for the zero Amount, Amount{}, which
// is zero in every currency). It encodes as the empty text, "" in JSON.
type Currency uint32

// Layout of a Currency word: three letters of five bits each (A=0) in bits
// 0-14, the numeric code in bits 15-24, the minor units in bits 25-28 and a
// validity bit in bit 31, so that the zero value is invalid.
const (
	letterBits    = 5
	numericShift  = 15
	numericMask   = 0x3ff
	digitsShift   = 25
	digitsMask    = 0xf
	validCurrency = Currency(1) << 31
	lettersMask   = validCurrency | 1<<(3*letterBits) - 1

	// MaxDigits is the largest number of minor units a Currency may have.
	MaxDigits = 9
)

// NewCurrency returns a currency that is not in the built-in ISO 4217 table:
// code must be three upper-case ASCII letters, numeric in 0-999 and digits
// in 0-MaxDigits. It does not consult the table, so NewCurrency("CNY", 156,
// 2) == CNY.
func NewCurrency(code string, numeric, digits int) (Currency, error) {
	c, ok := packCode(code)
	if !ok {
		return 0, &CurrencyError{Code: code, Err: ErrSyntax}
	}
	if numeric < 0 || numeric > 999 || digits < 0 || digits > MaxDigits {
		return 0, &CurrencyError{Code: code, Err: ErrInvalidArgument}
	}
	return c | Currency(numeric)<<numericShift | Currency(digits)<<digitsShift, nil
}

// ParseCurrency returns the built-in currency with the given ISO 4217
// alphabetic code. The code must be exactly three upper-case letters; a code
// of another shape is an ErrSyntax, and a well-formed code that is not in the
// table an ErrUnknownCurrency, both inside a *CurrencyError.
func ParseCurrency(code string) (Currency, error) {
	letters, ok := packCode(code)
	if !ok {
		return 0, &CurrencyError{Code: code, Err: ErrSyntax}
	}
	c, ok := builtinCurrency(letters)
	if !ok {
		return 0, &CurrencyError{Code: code, Err: ErrUnknownCurrency}
	}
	return c, nil
}

// packCode packs a three-letter upper-case code into the letter bits of a
// Currency, with the validity bit set.
func packCode(code string) (Currency, bool) {
	if len(code) != 3 {
		return 0, false
	}
	c := validCurrency
	for i := 0; i < 3; i++ {
		b := code[i]
		if b < 'A' || b > 'Z' {
			return 0, false
		}
		c |= Currency(b-'A') << (letterBits * (2 - i))
	}
	return c, true
}

// IsValid reports whether c is a currency (made by ParseCurrency,
// NewCurrency or one of the constants) rather than the zero Currency.
func (c Currency) IsValid() bool { return c&validCurrency != 0 }

// Code returns the three-letter alphabetic code, or "" for the zero Currency.
func (c Currency) Code() string {
	if !c.IsValid() {
		return ""
	}
	var b [3]byte
	return string(c.appendCode(b[:0]))
}

func (c Currency) appendCode(b []byte) []byte {
	return append(b,
		'A'+byte(c>>(2*letterBits)&0x1f),
		'A'+byte(c>>letterBits&0x1f),
		'A'+byte(c&0x1f))
}

// Numeric returns the ISO 4217 numeric code (156 for CNY).
func (c Currency) Numeric() int { return int(c >> numericShift & numericMask) }

// Digits returns the number of minor units: 2 for CNY (fen), 0 for JPY, 3 for KWD.
func (c Currency) Digits() int { return int(c >> digitsShift & digitsMask) }

// Name returns the English name from the ISO 4217 list, or "" for a
// currency that is not in the built-in table.
func (c Currency) Name() string { return builtinName(c) }

// String returns the alphabetic code, or "<no currency>" for the zero Currency.
func (c Currency) String() string {
	if !c.IsValid() {
		return "<no currency>"
	}
	return c.Code()
}

// MarshalText encodes the currency as its alphabetic code, and the zero
// Currency as the empty text (JSON ""), so that a zero struct holding one
// encodes; UnmarshalText reads both back. A Currency that is neither valid
// nor zero is an error.
func (c Currency) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		if c == 0 {
			return []byte{}, nil
		}
		return nil, &CurrencyError{Err: ErrInvalidArgument}
	}
	return c.appendCode(make([]byte, 0, 3)), nil
}

// UnmarshalText decodes a built-in currency from its alphabetic code, and
// the empty text as the zero Currency. (ParseCurrency, which reads codes,
// refuses "".)
func (c *Currency) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = 0
		return nil
	}
	v, err := ParseCurrency(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
