package money

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/justspend/justspend/internal/strictjson"
	"github.com/shopspring/decimal"
)

// ExchangeRate is a stated price of one unit of a base currency in a quote
// currency: USD/CNY 6.2 means one US dollar costs 6.2 yuan. It converts in
// both directions: base amounts are multiplied by the rate, quote amounts
// divided by it, each rounded once with the mode the caller names. Record the
// rate used with every converted amount (a refund of a cross-border purchase
// must say which rate it uses); the JSON form is
// {"base":"USD","quote":"CNY","rate":"6.2"}.
type ExchangeRate struct {
	base, quote Currency
	rate        decimal.Decimal
}

// NewExchangeRate returns the rate at which one unit of base costs rate
// units of quote. The currencies must be valid and different, and the rate
// positive.
func NewExchangeRate(base, quote Currency, rate decimal.Decimal) (ExchangeRate, error) {
	switch {
	case !base.IsValid() || !quote.IsValid():
		return ExchangeRate{}, &ArgumentError{Op: "NewExchangeRate", Reason: "invalid currency"}
	case base == quote:
		return ExchangeRate{}, &ArgumentError{Op: "NewExchangeRate", Reason: "base and quote are both " + base.String()}
	case rate.Sign() <= 0:
		return ExchangeRate{}, &ArgumentError{Op: "NewExchangeRate", Reason: "rate " + rate.String() + " is not positive"}
	}
	return ExchangeRate{base: base, quote: quote, rate: rate}, nil
}

// Base returns the currency of which one unit is priced.
func (x ExchangeRate) Base() Currency { return x.base }

// Quote returns the currency the price is stated in.
func (x ExchangeRate) Quote() Currency { return x.quote }

// Rate returns the price of one unit of Base in Quote.
func (x ExchangeRate) Rate() decimal.Decimal { return x.rate }

// Equal reports whether x and y state the same currencies and numerically
// equal rates ("6.2" equals "6.20").
func (x ExchangeRate) Equal(y ExchangeRate) bool {
	return x.base == y.base && x.quote == y.quote && x.rate.Equal(y.rate)
}

// String returns "USD/CNY 6.2".
func (x ExchangeRate) String() string {
	return x.base.String() + "/" + x.quote.String() + " " + x.rate.String()
}

// Convert converts a from one side of the rate to the other, rounding to
// the target currency's minor units with mode: an amount in Base is
// multiplied by the rate and one in Quote divided by it. An amount in neither
// currency is a *MismatchError. Converting is not a hot path and uses
// big-integer arithmetic; the result is exact for the mode.
func (x ExchangeRate) Convert(a Amount, mode Rounding) (Amount, error) {
	if !mode.valid() {
		return Amount{}, invalidRounding("Convert", mode)
	}
	if !x.base.IsValid() {
		return Amount{}, &ArgumentError{Op: "Convert", Reason: "zero ExchangeRate"}
	}
	var to Currency
	var num, den *big.Int
	switch a.cur {
	case x.base:
		// units(to) = units(from) * rate * 10^(digits(to) - digits(from))
		to = x.quote
		num = new(big.Int).Mul(big.NewInt(a.units), x.rate.Coefficient())
		den = big.NewInt(1)
		scale(num, den, int64(to.Digits())-int64(a.cur.Digits())+int64(x.rate.Exponent()))
	case x.quote:
		// units(to) = units(from) / rate * 10^(digits(to) - digits(from))
		to = x.base
		num = big.NewInt(a.units)
		den = x.rate.Coefficient()
		scale(num, den, int64(to.Digits())-int64(a.cur.Digits())-int64(x.rate.Exponent()))
	default:
		return Amount{}, &MismatchError{Op: "Convert", A: a.cur, B: x.base}
	}
	units, err := quoRoundBig(num, den, mode)
	if err != nil {
		return Amount{}, err
	}
	return Amount{units: units, cur: to}, nil
}

// scale multiplies the fraction num/den by 10^exp.
func scale(num, den *big.Int, exp int64) {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(max(exp, -exp)), nil)
	if exp >= 0 {
		num.Mul(num, p)
	} else {
		den.Mul(den, p)
	}
}

type exchangeRateJSON struct {
	Base  *string `json:"base"`
	Quote *string `json:"quote"`
	Rate  *string `json:"rate"`
}

// MarshalJSON encodes {"base":"USD","quote":"CNY","rate":"6.2"}.
func (x ExchangeRate) MarshalJSON() ([]byte, error) {
	if !x.base.IsValid() {
		return nil, &ArgumentError{Op: "MarshalJSON", Reason: "zero ExchangeRate"}
	}
	b, q, r := x.base.Code(), x.quote.Code(), x.rate.String()
	return json.Marshal(exchangeRateJSON{Base: &b, Quote: &q, Rate: &r})
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly: every field
// present, no others, the rate a string, and the result valid as
// NewExchangeRate requires.
func (x *ExchangeRate) UnmarshalJSON(data []byte) error {
	var v exchangeRateJSON
	if err := strictjson.Decode(data, &v); err != nil {
		return &ParseError{Func: "ExchangeRate.UnmarshalJSON", Input: string(data), Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	if v.Base == nil || v.Quote == nil || v.Rate == nil {
		return &ParseError{Func: "ExchangeRate.UnmarshalJSON", Input: string(data), Err: ErrSyntax}
	}
	base, err := ParseCurrency(*v.Base)
	if err != nil {
		return err
	}
	quote, err := ParseCurrency(*v.Quote)
	if err != nil {
		return err
	}
	rate, err := decimal.NewFromString(*v.Rate)
	if err != nil {
		return &ParseError{Func: "ExchangeRate.UnmarshalJSON", Input: *v.Rate, Err: ErrSyntax}
	}
	r, err := NewExchangeRate(base, quote, rate)
	if err != nil {
		return err
	}
	*x = r
	return nil
}
