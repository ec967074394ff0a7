package credit

import (
	"reflect"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/justspend/justspend/money"
)

// Bounds on what a command may carry. Everything a command brings in is
// checked against them where it enters, before the Engine reads the store,
// and a command outside them is a *CommandError that changes nothing.
const (
	// MaxIDBytes is the longest, in bytes of UTF-8, that a line ID, holder,
	// purchase ID, idempotency key, merchant ID or category, temporary
	// limit ID or plan name may be.
	MaxIDBytes = 255
	// MaxTextBytes is the longest a host rule's reason message may be.
	MaxTextBytes = 1024
	// MaxAmountUnits is the largest amount, in minor units, that one
	// command may carry: 10^15, RMB 10 trillion. A line's sums are checked
	// besides (a sum beyond int64 is refused with code "overflow"), but no
	// consumer line sees a single payment, refund or limit this large.
	MaxAmountUnits = 1_000_000_000_000_000
	// MaxBalanceUnits is the largest any balance of a line may be, in
	// minor units: its credit balance, what it holds, what it owes, its
	// limit. 10^17: RMB 1,000 trillion. A command that would take one past it
	// is refused (overflow); below it every sum the Engine takes fits in
	// int64 with room to spare, whatever expires or accrues later.
	MaxBalanceUnits = 100_000_000_000_000_000
	// MinYear and MaxYear bound the Clock: a clock that reads a year
	// outside them is a *ClockError, and nothing is done. No command may
	// be dated before MinYear (bad_date).
	MinYear = 1970
	MaxYear = 2199
)

// checkText reports whether s is clean text for an identifier: valid
// UTF-8, no control characters (C0, DEL, C1) and at most max bytes. It
// does not check emptiness.
func checkText(s string, max int) string {
	if len(s) > max {
		return "is " + strconv.Itoa(len(s)) + " bytes; at most " + strconv.Itoa(max) + " are allowed"
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII, the common case
			if c < 0x20 || c == 0x7f {
				return "contains the control character " + strconv.QuoteRune(rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return "is not valid UTF-8 (byte " + strconv.Itoa(i) + ")"
		}
		if unicode.IsControl(r) {
			return "contains the control character " + strconv.QuoteRune(r)
		}
		i += n
	}
	return ""
}

// idError checks an identifier a command carries: code missing (or
// missingCode) when it is empty and required, bad_id when it is not clean
// text.
func idError(op, field, s string, required bool, missingCode string) *CommandError {
	if s == "" {
		if !required {
			return nil
		}
		return &CommandError{Op: op, Code: missingCode, Field: field, Reason: "is empty"}
	}
	if why := checkText(s, MaxIDBytes); why != "" {
		return &CommandError{Op: op, Code: CodeBadID, Field: field, Reason: why}
	}
	return nil
}

// amountError checks an amount a command carries: positive, in currency c
// (when c is valid) and at most MaxAmountUnits.
func amountError(op, field string, a money.Amount, c money.Currency) *CommandError {
	switch {
	case !a.Currency().IsValid():
		return &CommandError{Op: op, Code: CodeBadAmount, Field: field, Reason: "has no currency"}
	case c.IsValid() && a.Currency() != c:
		return &CommandError{Op: op, Code: CodeCurrencyMismatch, Field: field, Reason: "is in " + a.Currency().String() + "; the line is in " + c.String()}
	case !a.IsPositive():
		return &CommandError{Op: op, Code: CodeBadAmount, Field: field, Reason: "must be positive, not " + a.String()}
	case a.Units() > MaxAmountUnits:
		return &CommandError{Op: op, Code: CodeBadAmount, Field: field, Reason: "is above the most one command may carry, " + money.FromMinor(MaxAmountUnits, a.Currency()).String()}
	}
	return nil
}

// isNil reports whether v is nil, or a nil pointer, func, map, slice,
// channel or interface in an interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Func, reflect.Map, reflect.Slice, reflect.Chan, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// firstError returns the first of errs that is not nil, as an error.
func firstError(errs ...*CommandError) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
