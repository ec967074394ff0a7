package money

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// TestBadInput lists malformed calls, each with the sentinel it must match
// and the type of the error returned.
func TestBadInput(t *testing.T) {
	rate := decimal.RequireFromString("0.0005")
	usdcny, _ := NewExchangeRate(USD, CNY, decimal.RequireFromString("6.2"))
	tests := []struct {
		name     string
		call     func() error
		want     error
		wantType string
	}{
		{"empty string", func() error { _, err := FromString("", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"only a sign", func() error { _, err := FromString("-", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"three places for CNY", func() error { _, err := FromString("1.234", CNY); return err }, ErrNeedsRounding, "*money.ParseError"},
		{"places for JPY", func() error { _, err := FromString("1.5", JPY); return err }, ErrNeedsRounding, "*money.ParseError"},
		{"letters", func() error { _, err := FromString("abc", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"exponent", func() error { _, err := FromString("1e3", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"plus sign", func() error { _, err := FromString("+1.00", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"leading dot", func() error { _, err := FromString(".50", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"trailing dot", func() error { _, err := FromString("5.", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"grouping", func() error { _, err := FromString("1,234.56", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"inner space", func() error { _, err := FromString("1 234", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"two dots", func() error { _, err := FromString("1.2.3", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"letter past the places", func() error { _, err := FromString("1.23x", CNY); return err }, ErrSyntax, "*money.ParseError"},
		{"overflow", func() error { _, err := FromString("92233720368547758.08", CNY); return err }, ErrOverflow, "*money.ParseError"},
		{"huge", func() error { _, err := FromString("99999999999999999999999999", CNY); return err }, ErrOverflow, "*money.ParseError"},
		{"no currency", func() error { _, err := FromString("1.00", Currency(0)); return err }, ErrInvalidArgument, "*money.ParseError"},
		{"bad rounding mode", func() error { _, err := FromStringRound("1.005", CNY, Rounding(42)); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"lowercase code", func() error { _, err := Parse("cny 1.00"); return err }, ErrSyntax, "*money.ParseError"},
		{"unknown code", func() error { _, err := Parse("ABC 1.00"); return err }, ErrUnknownCurrency, "*money.ParseError"},
		{"no space", func() error { _, err := Parse("CNY1.00"); return err }, ErrSyntax, "*money.ParseError"},
		{"two spaces", func() error { _, err := Parse("CNY  1.00"); return err }, ErrSyntax, "*money.ParseError"},
		{"symbol", func() error { _, err := Parse("¥1.00"); return err }, ErrSyntax, "*money.ParseError"},
		{"zero parts", func() error { _, err := cny(100).Split(0, LeftoverFirst()); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"negative parts", func() error { _, err := cny(100).Split(-3, LeftoverFirst()); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"leftover part out of range", func() error { _, err := cny(100).Split(3, LeftoverTo(3)); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"no ratios", func() error { _, err := cny(100).Allocate(nil, LeftoverFirst()); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"negative ratio", func() error { _, err := cny(100).Allocate([]int64{1, -1}, LeftoverFirst()); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"all-zero ratios", func() error { _, err := cny(100).Allocate([]int64{0, 0}, LeftoverFirst()); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"ratios overflow", func() error {
			_, err := cny(100).Allocate([]int64{math.MaxInt64, math.MaxInt64, 2}, LeftoverFirst())
			return err
		}, ErrInvalidArgument, "*money.ArgumentError"},
		{"zero exchange rate", func() error { _, err := NewExchangeRate(USD, CNY, decimal.Zero); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"negative exchange rate", func() error { _, err := NewExchangeRate(USD, CNY, decimal.NewFromInt(-6)); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"same currencies", func() error { _, err := NewExchangeRate(CNY, CNY, decimal.NewFromInt(1)); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"convert a third currency", func() error { _, err := usdcny.Convert(FromMinor(100, EUR), HalfEven); return err }, ErrCurrencyMismatch, "*money.MismatchError"},
		{"mismatched add", func() error { _, err := cny(1).Add(usd(1)); return err }, ErrCurrencyMismatch, "*money.MismatchError"},
		{"rate overflow", func() error { _, err := cny(math.MaxInt64).MulRate(decimal.NewFromInt(2), HalfEven); return err }, ErrOverflow, "*errors.errorString"},
		{"rate needs a mode", func() error { _, err := cny(1000).MulRate(rate, Exact); return err }, ErrNeedsRounding, "*errors.errorString"},
		{"JSON bare number", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":1.5,"currency":"CNY"}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON too many places", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":"1.505","currency":"CNY"}`)) }, ErrNeedsRounding, "*money.ParseError"},
		{"JSON unknown currency", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":"1.50","currency":"ABC"}`)) }, ErrUnknownCurrency, "*money.ParseError"},
		{"JSON missing currency", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":"1.50"}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON missing amount", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"currency":"CNY"}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON extra field", func() error {
			var a Amount
			return a.UnmarshalJSON([]byte(`{"amount":"1.50","currency":"CNY","note":"x"}`))
		}, ErrSyntax, "*money.ParseError"},
		{"JSON null", func() error { var a Amount; return a.UnmarshalJSON([]byte(`null`)) }, ErrSyntax, "*money.ParseError"},
		{"SQL NULL", func() error { var a Amount; return a.Scan(nil) }, ErrSyntax, "*money.ParseError"},
		{"SQL integer", func() error { var a Amount; return a.Scan(int64(150)) }, ErrSyntax, "*money.ParseError"},
		{"marshal no currency", func() error { _, err := FromMinor(5, Currency(0)).MarshalJSON(); return err }, ErrInvalidArgument, "*money.CurrencyError"},
		{"marshal text no currency", func() error { _, err := FromMinor(-5, Currency(0)).MarshalText(); return err }, ErrInvalidArgument, "*money.CurrencyError"},
		{"JSON units, no currency", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":"5","currency":""}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON zero with places, no currency", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":"0.00","currency":""}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON minus zero, no currency", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":"-0","currency":""}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON zero, no amount", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"currency":""}`)) }, ErrSyntax, "*money.ParseError"},
		{"JSON zero as a number", func() error { var a Amount; return a.UnmarshalJSON([]byte(`{"amount":0,"currency":""}`)) }, ErrSyntax, "*money.ParseError"},
		{"text zero with places", func() error { _, err := Parse("0.00"); return err }, ErrSyntax, "*money.ParseError"},
		{"text minus zero", func() error { _, err := Parse("-0"); return err }, ErrSyntax, "*money.ParseError"},
		{"text zero, space", func() error { _, err := Parse(" 0"); return err }, ErrSyntax, "*money.ParseError"},
		{"unsupported locale", func() error { _, err := ParseLocale("fr-FR"); return err }, ErrInvalidArgument, "*money.ArgumentError"},
		{"near locale", func() error { _, err := ParseLocale("zh-HK"); return err }, ErrInvalidArgument, "*money.ArgumentError"},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d bad inputs", len(tests))
	}
	for _, tt := range tests {
		err := tt.call()
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
			continue
		}
		if got := fmt.Sprintf("%T", err); got != tt.wantType {
			t.Errorf("%s: error type = %s, want %s", tt.name, got, tt.wantType)
		}
	}
}

// TestFailedDecodeChangesNothing checks that a rejected input leaves the
// destination as it was.
func TestFailedDecodeChangesNothing(t *testing.T) {
	orig := cny(4200)
	a := orig
	for _, in := range []string{`{"amount":"1.505","currency":"CNY"}`, `{"amount":"1.50"}`, `[]`, `null`} {
		if err := a.UnmarshalJSON([]byte(in)); err == nil || a != orig {
			t.Errorf("UnmarshalJSON(%s): err %v, value %v; want an error and %v", in, err, a, orig)
		}
	}
	if err := a.UnmarshalText([]byte("CNY 1.505")); err == nil || a != orig {
		t.Errorf("UnmarshalText: err %v, value %v", err, a)
	}
	if err := a.Scan(nil); err == nil || a != orig {
		t.Errorf("Scan(nil): err %v, value %v", err, a)
	}
}
