package money

import (
	"errors"
	"math"
	"testing"
)

func TestFromString(t *testing.T) {
	tests := []struct {
		s    string
		c    Currency
		want int64
	}{
		{"1234.56", CNY, 123456},
		{"1234.5", CNY, 123450},
		{"1234", CNY, 123400},
		{"0.01", CNY, 1},
		{"-0.01", CNY, -1},
		{"-0", CNY, 0},
		{"007.10", CNY, 710},
		{"1500", JPY, 1500},
		{"1.234", KWD, 1234},
		{"92233720368547758.07", CNY, math.MaxInt64},
		{"-92233720368547758.08", CNY, math.MinInt64},
	}
	for _, tt := range tests {
		got, err := FromString(tt.s, tt.c)
		if err != nil || got != FromMinor(tt.want, tt.c) {
			t.Errorf("FromString(%q, %v) = %v, %v; want %v", tt.s, tt.c, got, err, FromMinor(tt.want, tt.c))
		}
	}
}

// TestFromStringRound rounds the same inputs with every mode. The columns
// are Exact, HalfUp, HalfEven, HalfDown, Up, Down, Ceiling, Floor, in fen;
// 0 in the Exact column means ErrNeedsRounding.
func TestFromStringRound(t *testing.T) {
	tests := []struct {
		s    string
		want [8]int64
	}{
		{"1.005", [8]int64{0, 101, 100, 100, 101, 100, 101, 100}},
		{"1.015", [8]int64{0, 102, 102, 101, 102, 101, 102, 101}},
		{"1.0051", [8]int64{0, 101, 101, 101, 101, 100, 101, 100}},
		{"1.0049", [8]int64{0, 100, 100, 100, 101, 100, 101, 100}},
		{"1.00500", [8]int64{0, 101, 100, 100, 101, 100, 101, 100}},
		{"-1.005", [8]int64{0, -101, -100, -100, -101, -100, -100, -101}},
		{"-1.015", [8]int64{0, -102, -102, -101, -102, -101, -101, -102}},
		{"-0.001", [8]int64{0, 0, 0, 0, -1, 0, 0, -1}},
		{"2.50", [8]int64{250, 250, 250, 250, 250, 250, 250, 250}},
		{"2.500", [8]int64{0, 250, 250, 250, 250, 250, 250, 250}}, // exact value, but too many places for Exact
	}
	modes := [8]Rounding{Exact, HalfUp, HalfEven, HalfDown, Up, Down, Ceiling, Floor}
	for _, tt := range tests {
		for i, mode := range modes {
			got, err := FromStringRound(tt.s, CNY, mode)
			if mode == Exact && tt.want[i] == 0 {
				if !errors.Is(err, ErrNeedsRounding) {
					t.Errorf("FromStringRound(%q, Exact) = %v, %v; want ErrNeedsRounding", tt.s, got, err)
				}
				continue
			}
			if err != nil || got.Units() != tt.want[i] {
				t.Errorf("FromStringRound(%q, %v) = %v, %v; want %d fen", tt.s, mode, got, err, tt.want[i])
			}
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		s    string
		want Amount
	}{
		{"CNY 1234.56", cny(123456)},
		{"USD -0.50", usd(-50)},
		{"JPY 1500", FromMinor(1500, JPY)},
		{"KWD 0.250", FromMinor(250, KWD)},
	}
	for _, tt := range tests {
		got, err := Parse(tt.s)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.s, got, err, tt.want)
		}
		if got.String() != tt.s {
			t.Errorf("Parse(%q).String() = %q", tt.s, got.String())
		}
	}
}
