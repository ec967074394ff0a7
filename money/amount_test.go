package money

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func cny(units int64) Amount { return FromMinor(units, CNY) }
func usd(units int64) Amount { return FromMinor(units, USD) }

func TestAddSub(t *testing.T) {
	tests := []struct {
		a, b           Amount
		sum, diff      Amount
		sumErr, difErr error
	}{
		{cny(123456), cny(1), cny(123457), cny(123455), nil, nil},
		{cny(-500), cny(200), cny(-300), cny(-700), nil, nil},
		{cny(0), cny(0), cny(0), cny(0), nil, nil},
		{cny(math.MaxInt64), cny(1), Amount{}, cny(math.MaxInt64 - 1), ErrOverflow, nil},
		{cny(math.MinInt64), cny(-1), Amount{}, cny(math.MinInt64 + 1), ErrOverflow, nil},
		{cny(math.MinInt64), cny(1), cny(math.MinInt64 + 1), Amount{}, nil, ErrOverflow},
		{cny(math.MaxInt64), cny(-1), cny(math.MaxInt64 - 1), Amount{}, nil, ErrOverflow},
		{cny(-1), cny(math.MaxInt64), cny(math.MaxInt64 - 1), cny(math.MinInt64), nil, nil},
		{cny(1), usd(1), Amount{}, Amount{}, ErrCurrencyMismatch, ErrCurrencyMismatch},
		// The zero Amount is zero in the other operand's currency.
		{Amount{}, cny(1), cny(1), cny(-1), nil, nil},
		{cny(500), Amount{}, cny(500), cny(500), nil, nil},
		{Amount{}, Amount{}, Amount{}, Amount{}, nil, nil},
		{Amount{}, cny(math.MinInt64), cny(math.MinInt64), Amount{}, nil, ErrOverflow},
		// Zero in one currency is not zero in another, and an amount with
		// units but no currency is not the zero Amount.
		{cny(0), usd(500), Amount{}, Amount{}, ErrCurrencyMismatch, ErrCurrencyMismatch},
		{FromMinor(1, Currency(0)), cny(1), Amount{}, Amount{}, ErrCurrencyMismatch, ErrCurrencyMismatch},
	}
	for _, tt := range tests {
		sum, err := tt.a.Add(tt.b)
		if sum != tt.sum || !errors.Is(err, tt.sumErr) || (tt.sumErr == nil) != (err == nil) {
			t.Errorf("%v.Add(%v) = %v, %v; want %v, %v", tt.a, tt.b, sum, err, tt.sum, tt.sumErr)
		}
		diff, err := tt.a.Sub(tt.b)
		if diff != tt.diff || !errors.Is(err, tt.difErr) || (tt.difErr == nil) != (err == nil) {
			t.Errorf("%v.Sub(%v) = %v, %v; want %v, %v", tt.a, tt.b, diff, err, tt.diff, tt.difErr)
		}
	}
}

func TestMismatchError(t *testing.T) {
	_, err := cny(1).Add(usd(1))
	var me *MismatchError
	if !errors.As(err, &me) || me.Op != "Add" || me.A != CNY || me.B != USD {
		t.Fatalf("error = %#v, want *MismatchError{Add, CNY, USD}", err)
	}
	if got, want := err.Error(), "money: Add: currencies differ: CNY and USD"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestNegAbsSign(t *testing.T) {
	tests := []struct {
		a        Amount
		neg, abs Amount
		err      error
		sign     int
	}{
		{cny(250), cny(-250), cny(250), nil, 1},
		{cny(-250), cny(250), cny(250), nil, -1},
		{cny(0), cny(0), cny(0), nil, 0},
		{cny(math.MaxInt64), cny(-math.MaxInt64), cny(math.MaxInt64), nil, 1},
		{cny(math.MinInt64), Amount{}, Amount{}, ErrOverflow, -1},
	}
	for _, tt := range tests {
		neg, err := tt.a.Neg()
		if neg != tt.neg || !errors.Is(err, tt.err) {
			t.Errorf("%v.Neg() = %v, %v; want %v, %v", tt.a, neg, err, tt.neg, tt.err)
		}
		abs, err := tt.a.Abs()
		if abs != tt.abs || !errors.Is(err, tt.err) {
			t.Errorf("%v.Abs() = %v, %v; want %v, %v", tt.a, abs, err, tt.abs, tt.err)
		}
		if got := tt.a.Sign(); got != tt.sign {
			t.Errorf("%v.Sign() = %d, want %d", tt.a, got, tt.sign)
		}
		if tt.a.IsPositive() != (tt.sign > 0) || tt.a.IsNegative() != (tt.sign < 0) || tt.a.IsZero() != (tt.sign == 0) {
			t.Errorf("%v: IsPositive/IsNegative/IsZero disagree with sign %d", tt.a, tt.sign)
		}
	}
}

func TestCmpMinMax(t *testing.T) {
	tests := []struct {
		a, b     Amount
		cmp      int
		min, max Amount
	}{
		{cny(100), cny(200), -1, cny(100), cny(200)},
		{cny(200), cny(100), 1, cny(100), cny(200)},
		{cny(-5), cny(-5), 0, cny(-5), cny(-5)},
		{cny(math.MinInt64), cny(math.MaxInt64), -1, cny(math.MinInt64), cny(math.MaxInt64)},
		// The zero Amount compares as zero in the other's currency and takes
		// that currency in Min and Max.
		{Amount{}, cny(500), -1, cny(0), cny(500)},
		{cny(-500), Amount{}, -1, cny(-500), cny(0)},
		{Amount{}, cny(0), 0, cny(0), cny(0)},
		{Amount{}, Amount{}, 0, Amount{}, Amount{}},
	}
	for _, tt := range tests {
		c, err := tt.a.Cmp(tt.b)
		if err != nil || c != tt.cmp {
			t.Errorf("%v.Cmp(%v) = %d, %v; want %d", tt.a, tt.b, c, err, tt.cmp)
		}
		lo, err1 := Min(tt.a, tt.b)
		hi, err2 := Max(tt.a, tt.b)
		if lo != tt.min || hi != tt.max || err1 != nil || err2 != nil {
			t.Errorf("Min, Max(%v, %v) = %v, %v (%v, %v); want %v, %v", tt.a, tt.b, lo, hi, err1, err2, tt.min, tt.max)
		}
	}
	for name, f := range map[string]func() error{
		"Cmp":             func() error { _, err := cny(1).Cmp(usd(1)); return err },
		"Min":             func() error { _, err := Min(cny(1), usd(1)); return err },
		"Max":             func() error { _, err := Max(cny(1), usd(1)); return err },
		"Cmp zeros":       func() error { _, err := cny(0).Cmp(usd(0)); return err },
		"Min zeros":       func() error { _, err := Min(cny(0), usd(0)); return err },
		"Max no currency": func() error { _, err := Max(FromMinor(-1, Currency(0)), cny(1)); return err },
	} {
		if err := f(); !errors.Is(err, ErrCurrencyMismatch) {
			t.Errorf("%s across currencies: error = %v, want ErrCurrencyMismatch", name, err)
		}
	}
}

func TestSum(t *testing.T) {
	tests := []struct {
		name string
		in   []Amount
		want Amount
		err  error
	}{
		{"none", nil, cny(0), nil},
		{"three", []Amount{cny(100), cny(250), cny(-50)}, cny(300), nil},
		{"overflow", []Amount{cny(math.MaxInt64), cny(1), cny(-1)}, Amount{}, ErrOverflow},
		{"mixed", []Amount{cny(100), usd(100)}, Amount{}, ErrCurrencyMismatch},
		{"zero Amounts", []Amount{Amount{}, cny(100), Amount{}}, cny(100), nil},
		{"only zero Amounts", []Amount{Amount{}, Amount{}}, cny(0), nil},
		{"zero in another currency", []Amount{cny(100), usd(0)}, Amount{}, ErrCurrencyMismatch},
	}
	for _, tt := range tests {
		got, err := Sum(CNY, tt.in...)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("%s: Sum = %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.err)
		}
	}
	// The sum is in c even when c is no currency: a term in CNY is a mismatch.
	if got, err := Sum(Currency(0), Amount{}, cny(100)); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Sum(no currency, 0, CNY 1.00) = %v, %v; want ErrCurrencyMismatch", got, err)
	}
	if _, err := Sum(CNY, cny(1), usd(1)); err == nil || err.Error() != "money: Add: currencies differ: CNY and USD" {
		t.Errorf("Sum mismatch error = %v", err)
	}
}

func TestFromDecimal(t *testing.T) {
	tests := []struct {
		d    string
		c    Currency
		mode Rounding
		want Amount
		err  error
	}{
		{"1234.56", CNY, Exact, cny(123456), nil},
		{"1234.565", CNY, HalfEven, cny(123456), nil},
		{"1234.565", CNY, HalfUp, cny(123457), nil},
		{"1234.565", CNY, Exact, Amount{}, ErrNeedsRounding},
		{"-0.005", CNY, HalfUp, cny(-1), nil},
		{"1500", JPY, Exact, FromMinor(1500, JPY), nil},
		{"0.0001", KWD, Ceiling, FromMinor(1, KWD), nil},
		{"1e30", CNY, Exact, Amount{}, ErrOverflow},
		{"0.1234567890123456789012345", CNY, Floor, cny(12), nil}, // beyond the fast path
	}
	for _, tt := range tests {
		got, err := FromDecimal(decimal.RequireFromString(tt.d), tt.c, tt.mode)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("FromDecimal(%s, %v, %v) = %v, %v; want %v, %v", tt.d, tt.c, tt.mode, got, err, tt.want, tt.err)
		}
	}
	if _, err := FromDecimal(decimal.NewFromInt(1), Currency(0), Exact); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("FromDecimal in the zero Currency: error = %v, want ErrInvalidArgument", err)
	}
	if got := cny(-123456).Decimal(); !got.Equal(decimal.RequireFromString("-1234.56")) {
		t.Errorf("Decimal() = %v, want -1234.56", got)
	}
}

// TestCmpWithoutOptions shows that go-cmp compares structs holding amounts
// through Amount.Equal, with no options.
func TestCmpWithoutOptions(t *testing.T) {
	type invoice struct {
		Lines []Amount
		Total Amount
	}
	a := invoice{Lines: []Amount{cny(100), cny(250)}, Total: cny(350)}
	b := invoice{Lines: []Amount{cny(100), cny(250)}, Total: cny(350)}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("equal invoices differ:\n%s", diff)
	}
	b.Total = usd(350)
	if cmp.Equal(a, b) {
		t.Error("cmp.Equal ignores the currency")
	}
	b.Total = cny(351)
	if diff := cmp.Diff(a, b); diff == "" {
		t.Error("cmp.Diff finds no difference between CNY 3.50 and CNY 3.51")
	}
}

func TestRoundingText(t *testing.T) {
	for m := Exact; m <= Floor; m++ {
		b, err := m.MarshalText()
		var back Rounding
		if err != nil || back.UnmarshalText(b) != nil || back != m {
			t.Errorf("%v: %q, %v, %v", m, b, err, back)
		}
	}
	var m Rounding
	if err := m.UnmarshalText([]byte("HalfEven")); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("UnmarshalText(HalfEven) = %v", err)
	}
	if _, err := Rounding(42).MarshalText(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("MarshalText(42) = %v", err)
	}
}
