package money

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/justspend/justspend/internal/strictjson"
)

// The JSON form of an amount is an object with the amount as a string of
// major units carrying exactly the currency's minor digits, and the currency
// code: {"amount":"1234.56","currency":"CNY"}. A string keeps every digit
// through JSON decoders that read numbers as float64. The zero Amount is
// {"amount":"0","currency":""}: the same shape, so a client that reads the
// two fields needs no special case.
//
// The text form (encoding.TextMarshaler, database/sql) is the canonical
// String form, "CNY 1234.56", and "0" for the zero Amount.

type amountJSON struct {
	Amount   *string `json:"amount"`
	Currency *string `json:"currency"`
}

// MarshalJSON encodes {"amount":"1234.56","currency":"CNY"}, and the zero
// Amount as {"amount":"0","currency":""}. Any other amount without a valid
// currency, such as FromMinor(5, Currency(0)), is an error.
func (a Amount) MarshalJSON() ([]byte, error) { return a.AppendJSON(make([]byte, 0, 48)) }

// UnmarshalJSON decodes the form MarshalJSON writes, strictly: both fields
// present and no others, the amount a JSON string (not a number) with at
// most the currency's minor digits, and a built-in currency code. The one
// amount without a currency it accepts is the zero Amount's exact form,
// amount "0" and currency "" ("0.00" or "5" with currency "" is an error).
// JSON null is an error too; use a pointer for an optional amount.
func (a *Amount) UnmarshalJSON(data []byte) error {
	// The form AppendJSON writes, byte for byte, as journals hold it, is
	// read without the general decoder; any other text, and any text this
	// cannot read, takes the strict path below, which also makes the errors.
	if v, ok := decodeCanonicalJSON(data); ok {
		*a = v
		return nil
	}
	var v amountJSON
	if err := strictjson.Decode(data, &v); err != nil {
		return &ParseError{Func: "Amount.UnmarshalJSON", Input: string(data), Err: fmt.Errorf("%w: %s", ErrSyntax, jsonShapeError(err))}
	}
	if v.Amount == nil || v.Currency == nil {
		return &ParseError{Func: "Amount.UnmarshalJSON", Input: string(data), Err: fmt.Errorf("%w: amount and currency are both required", ErrSyntax)}
	}
	if *v.Currency == "" && *v.Amount == zeroText {
		*a = Amount{}
		return nil
	}
	c, err := ParseCurrency(*v.Currency)
	if err != nil {
		return &ParseError{Func: "Amount.UnmarshalJSON", Input: string(data), Err: err}
	}
	units, err := parseUnits(*v.Amount, c.Digits(), Exact)
	if err != nil {
		return &ParseError{Func: "Amount.UnmarshalJSON", Input: string(data), Err: err}
	}
	*a = Amount{units: units, cur: c}
	return nil
}

// AppendText appends the canonical form "CNY 1234.56" to b, or "0" for the
// zero Amount. Any other amount without a valid currency is an error.
func (a Amount) AppendText(b []byte) ([]byte, error) {
	if !a.cur.IsValid() && !a.isZeroValue() {
		return nil, &CurrencyError{Err: ErrInvalidArgument}
	}
	return a.appendCanonical(b), nil
}

// MarshalText returns the canonical form "CNY 1234.56", or "0" for the zero
// Amount.
func (a Amount) MarshalText() ([]byte, error) { return a.AppendText(make([]byte, 0, maxCanonicalLen)) }

// UnmarshalText reads the canonical form, as Parse does ("0" is the zero
// Amount).
func (a *Amount) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Value stores an amount in a database column as its canonical text,
// "CNY 1234.56" ("0" for the zero Amount). Hosts that prefer two columns
// (an integer of minor units and a currency code) store Units() and
// Currency().Code() instead.
func (a Amount) Value() (driver.Value, error) {
	var buf [maxCanonicalLen]byte
	b, err := a.AppendText(buf[:0])
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads the canonical text from a string or []byte column. SQL NULL is
// an error; scan a nullable column into sql.Null[money.Amount].
func (a *Amount) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return a.UnmarshalText([]byte(v))
	case []byte:
		return a.UnmarshalText(v)
	case nil:
		return &ParseError{Func: "Amount.Scan", Input: "NULL", Err: ErrSyntax}
	}
	return &ParseError{Func: "Amount.Scan", Input: fmt.Sprintf("%T", src), Err: ErrSyntax}
}

// AppendJSON appends the JSON form {"amount":"1234.56","currency":"CNY"}
// to b, or {"amount":"0","currency":""} for the zero Amount, without the
// allocation MarshalJSON makes.
func (a Amount) AppendJSON(b []byte) ([]byte, error) {
	if !a.cur.IsValid() {
		if a.isZeroValue() {
			return append(b, zeroJSON...), nil
		}
		return nil, &CurrencyError{Err: ErrInvalidArgument}
	}
	b = append(b, jsonPrefix...)
	if a.units < 0 {
		b = append(b, '-')
	}
	b = appendMagnitude(b, absU(a.units), a.cur.Digits(), false)
	b = append(b, jsonMiddle...)
	b = a.cur.appendCode(b)
	return append(b, jsonSuffix...), nil
}

// The three constant parts of the JSON form, around the amount and the code.
const (
	jsonPrefix = `{"amount":"`
	jsonMiddle = `","currency":"`
	jsonSuffix = `"}`
)

// decodeCanonicalJSON reads data if it is exactly a form AppendJSON writes:
// ok is false for anything else (other spacing or key order, escapes, a bad
// number or code), which the strict decoder then handles. The amount's text
// is limited to '-', '.' and digits and the code to three capital letters,
// so that whatever this accepts, the strict decoder would accept with the
// same result.
func decodeCanonicalJSON(data []byte) (Amount, bool) {
	if string(data) == zeroJSON {
		return Amount{}, true
	}
	if len(data) < len(jsonPrefix)+len(jsonMiddle)+len(jsonSuffix) ||
		string(data[:len(jsonPrefix)]) != jsonPrefix ||
		string(data[len(data)-len(jsonSuffix):]) != jsonSuffix {
		return Amount{}, false
	}
	rest := data[len(jsonPrefix) : len(data)-len(jsonSuffix)]
	n := 0
	for n < len(rest) && (rest[n] >= '0' && rest[n] <= '9' || rest[n] == '-' || rest[n] == '.') {
		n++
	}
	num, rest := rest[:n], rest[n:]
	if len(rest) != len(jsonMiddle)+3 || string(rest[:len(jsonMiddle)]) != jsonMiddle {
		return Amount{}, false
	}
	c, ok := packCode(string(rest[len(jsonMiddle):]))
	if !ok {
		return Amount{}, false
	}
	if c, ok = builtinCurrency(c); !ok {
		return Amount{}, false
	}
	units, err := parseUnits(string(num), c.Digits(), Exact)
	if err != nil {
		return Amount{}, false
	}
	return Amount{units: units, cur: c}, true
}

// jsonShapeError says what is wrong with the JSON of an amount in the
// terms of its documented form, {"amount": "12.34", "currency": "CNY"},
// rather than of the decoder's internal types.
func jsonShapeError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return "an amount is a JSON object such as {\"amount\": \"12.34\", \"currency\": \"CNY\"}, not a JSON " + te.Value
		}
		return "its " + strconv.Quote(te.Field) + " is a JSON " + te.Value + ", not a string such as \"12.34\" or \"CNY\""
	}
	return err.Error()
}
