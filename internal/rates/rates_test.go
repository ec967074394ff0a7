package rates

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestSane(t *testing.T) {
	for _, c := range []struct {
		d    decimal.Decimal
		want bool
	}{
		{decimal.RequireFromString("0.0005"), true},
		{decimal.RequireFromString("1"), true},
		{decimal.New(1, -40), true},
		{decimal.New(1, -41), false},
		{decimal.New(1, -100000000), false},
		{decimal.New(5, 41), false},
		{decimal.RequireFromString("1234567890123456789012345678901234567890123456789"), true},
		{decimal.RequireFromString("1461501637330902918203684832716283019655932542975"), true},  // 2^160 - 1: 49 digits, 160 bits
		{decimal.RequireFromString("1461501637330902918203684832716283019655932542976"), false}, // 2^160: 161 bits
		{decimal.RequireFromString("999999999999999999999999999999999999999999999999"), true},   // 48 digits
		{decimal.RequireFromString("-1461501637330902918203684832716283019655932542976"), false},
		{decimal.RequireFromString("10000000000000000000000000000000000000000000000000"), false}, // 10^49
		{decimal.RequireFromString("1" + string(make([]byte, 0)) + "2345678901234567890123456789012345678901234567890123"), false},
	} {
		if got := Sane(c.d); got != c.want {
			t.Errorf("Sane(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}

// TestUnit checks Unit against decimal's own comparison on rates of every
// shape: zero, negative, below one, one written many ways, just above one,
// large, and coefficients past 18 digits.
func TestUnit(t *testing.T) {
	for _, s := range []string{
		"0", "0.000", "-0.0001", "-1", "0.0005", "0.5", "0.999999999999999999", "0.9999999999999999999999",
		"1", "1.0", "1.00000000000000000", "1.000000000000000000000000", "1.0000000000000000001", "1.001",
		"1.5", "9.99", "10", "11", "100000000000000000000", "1e-40", "1e40", "0.1e1", "10e-1", "100e-2",
	} {
		d := decimal.RequireFromString(s)
		want := d.Sign() >= 0 && d.Cmp(decimal.NewFromInt(1)) <= 0
		if got := Unit(d); got != want {
			t.Errorf("Unit(%s) = %v, want %v", s, got, want)
		}
	}
	for _, d := range []decimal.Decimal{decimal.New(1, 0), decimal.New(10, -1), decimal.New(1000, -3), decimal.New(11, -1), decimal.New(1, -1), decimal.New(9, 0)} {
		want := d.Cmp(decimal.NewFromInt(1)) <= 0
		if got := Unit(d); got != want {
			t.Errorf("Unit(%v) = %v, want %v", d, got, want)
		}
	}
}

// TestSaneAllocations: checking a rate of ordinary size allocates nothing.
func TestSaneAllocations(t *testing.T) {
	d := decimal.RequireFromString("0.0005")
	if n := testing.AllocsPerRun(100, func() { _ = Sane(d) && Unit(d) }); n != 0 {
		t.Errorf("Sane and Unit allocate %v times", n)
	}
}
