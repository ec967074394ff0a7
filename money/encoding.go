package money

import (
	"database/sql/driver"
	"fmt"

	"github.com/justspend/justspend/internal/strictjson"
)

// The JSON form of an amount is an object with the amount as a string of
// major units carrying exactly the currency's minor digits, and the currency
// code: {"amount":"1234.56","currency":"CNY"}. A string keeps every digit
// through JSON decoders that read numbers as float64.
//
// The text form (encoding.TextMarshaler, database/sql) is the canonical
// String form, "CNY 1234.56".

type amountJSON struct {
	Amount   *string `json:"amount"`
	Currency *string `json:"currency"`
}

// MarshalJSON encodes {"amount":"1234.56","currency":"CNY"}. The zero
// Amount, which has no currency, is an error.
func (a Amount) MarshalJSON() ([]byte, error) { return a.AppendJSON(make([]byte, 0, 48)) }

// UnmarshalJSON decodes the form MarshalJSON writes, strictly: both fields
// present and no others, the amount a JSON string (not a number) with at
// most the currency's minor digits, and a built-in currency code. JSON null
// is an error too; use a pointer for an optional amount.
func (a *Amount) UnmarshalJSON(data []byte) error {
	var v amountJSON
	if err := strictjson.Decode(data, &v); err != nil {
		return &ParseError{Func: "Amount.UnmarshalJSON", Input: string(data), Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	if v.Amount == nil || v.Currency == nil {
		return &ParseError{Func: "Amount.UnmarshalJSON", Input: string(data), Err: fmt.Errorf("%w: amount and currency are both required", ErrSyntax)}
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

// AppendText appends the canonical form "CNY 1234.56" to b.
func (a Amount) AppendText(b []byte) ([]byte, error) {
	if !a.cur.IsValid() {
		return nil, &CurrencyError{Err: ErrInvalidArgument}
	}
	return a.appendCanonical(b), nil
}

// MarshalText returns the canonical form "CNY 1234.56".
func (a Amount) MarshalText() ([]byte, error) { return a.AppendText(nil) }

// UnmarshalText reads the canonical form, as Parse does.
func (a *Amount) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Value stores an amount in a database column as its canonical text,
// "CNY 1234.56". Hosts that prefer two columns (an integer of minor units
// and a currency code) store Units() and Currency().Code() instead.
func (a Amount) Value() (driver.Value, error) {
	b, err := a.AppendText(nil)
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
// to b, without the allocation MarshalJSON makes.
func (a Amount) AppendJSON(b []byte) ([]byte, error) {
	if !a.cur.IsValid() {
		return nil, &CurrencyError{Err: ErrInvalidArgument}
	}
	b = append(b, `{"amount":"`...)
	if a.units < 0 {
		b = append(b, '-')
	}
	b = appendMagnitude(b, absU(a.units), a.cur.Digits(), false)
	b = append(b, `","currency":"`...)
	b = a.cur.appendCode(b)
	return append(b, `"}`...), nil
}
