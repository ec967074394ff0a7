package money

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error this package returns matches one of them with
// errors.Is; the typed errors below carry the details.
var (
	// ErrSyntax: a text that is not a number, an amount or a currency code
	// of the documented form.
	ErrSyntax = errors.New("invalid syntax")
	// ErrNeedsRounding: a value has more decimal places than the currency's
	// minor units and the rounding mode is Exact.
	ErrNeedsRounding = errors.New("value needs rounding to the currency's minor units")
	// ErrOverflow: a result does not fit in an int64 number of minor units.
	ErrOverflow = errors.New("amount out of range")
	// ErrUnknownCurrency: a well-formed code that is not in the built-in table.
	ErrUnknownCurrency = errors.New("unknown currency")
	// ErrCurrencyMismatch: an operation mixed two currencies.
	ErrCurrencyMismatch = errors.New("currencies differ")
	// ErrInvalidArgument: a part count, ratio, rate, rounding mode or
	// currency outside what the operation accepts.
	ErrInvalidArgument = errors.New("invalid argument")
)

// MismatchError reports an operation on amounts in different currencies.
// It matches ErrCurrencyMismatch.
type MismatchError struct {
	Op   string   // the operation, such as "Add"
	A, B Currency // the two currencies
}

func (e *MismatchError) Error() string {
	return "money: " + e.Op + ": currencies differ: " + e.A.String() + " and " + e.B.String()
}

// Is reports whether target is ErrCurrencyMismatch.
func (e *MismatchError) Is(target error) bool { return target == ErrCurrencyMismatch }

// ParseError reports a text that could not be read as an amount.
type ParseError struct {
	Func  string // the function, such as "FromString"
	Input string // the text given
	Err   error  // ErrSyntax, ErrNeedsRounding, ErrOverflow, or a *CurrencyError
}

func (e *ParseError) Error() string {
	return "money: " + e.Func + ": parsing " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// CurrencyError reports a currency code that is malformed or unknown, or a
// currency that is not valid for the operation.
type CurrencyError struct {
	Code string // the code given
	Err  error  // ErrSyntax, ErrUnknownCurrency or ErrInvalidArgument
}

func (e *CurrencyError) Error() string {
	return "money: currency " + strconv.Quote(e.Code) + ": " + e.Err.Error()
}

func (e *CurrencyError) Unwrap() error { return e.Err }

// ArgumentError reports an argument outside what an operation accepts. It
// matches ErrInvalidArgument.
type ArgumentError struct {
	Op     string // the operation, such as "Split"
	Reason string // what is wrong, in words
}

func (e *ArgumentError) Error() string { return "money: " + e.Op + ": " + e.Reason }

// Is reports whether target is ErrInvalidArgument.
func (e *ArgumentError) Is(target error) bool { return target == ErrInvalidArgument }
