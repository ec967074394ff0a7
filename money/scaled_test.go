package money

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// TestFromScaled: a fixed-point value rounded to whole minor units in
// every mode, at and around the halves; and the errors.
func TestFromScaled(t *testing.T) {
	const half = 500_000_000_000 // 0.5 of a minor unit at scale 12
	tests := []struct {
		v    uint64
		mode Rounding
		want int64
	}{
		{12 * 1e12, Exact, 12},
		{12*1e12 + half, HalfUp, 13},
		{12*1e12 + half, HalfDown, 12},
		{12*1e12 + half, HalfEven, 12}, // 12 is even
		{13*1e12 + half, HalfEven, 14},
		{12*1e12 + half - 1, HalfUp, 12},
		{12*1e12 + half + 1, HalfDown, 13},
		{12*1e12 + 1, Up, 13},
		{12*1e12 + 1, Ceiling, 13},
		{12*1e12 + 999_999_999_999, Down, 12},
		{12*1e12 + 999_999_999_999, Floor, 12},
		{0, HalfEven, 0},
		{1, HalfEven, 0},
	}
	for _, tt := range tests {
		got, err := FromScaled(tt.v, 12, CNY, tt.mode)
		if err != nil || got != FromMinor(tt.want, CNY) {
			t.Errorf("FromScaled(%d, 12, %v) = %v, %v; want %d", tt.v, tt.mode, got, err, tt.want)
		}
	}
	if _, err := FromScaled(12*1e12+1, 12, CNY, Exact); !errors.Is(err, ErrNeedsRounding) {
		t.Errorf("inexact with Exact: %v", err)
	}
	if _, err := FromScaled(math.MaxUint64, 0, CNY, Down); !errors.Is(err, ErrOverflow) {
		t.Errorf("beyond int64: %v", err)
	}
	if _, err := FromScaled(1, 19, CNY, Down); err == nil {
		t.Error("scale 19 accepted")
	}
	if _, err := FromScaled(1, 2, CNY, Rounding(99)); err == nil {
		t.Error("an unknown mode accepted")
	}
	// The same as the decimal route, on a sweep of values.
	for v := uint64(0); v < 5e12; v += 123_456_789_013 {
		for m := HalfUp; m <= Floor; m++ {
			got, err := FromScaled(v, 12, CNY, m)
			want, err2 := FromDecimal(decimal.New(int64(v), -14), CNY, m) // v × 10^-12 fen = v × 10^-14 yuan
			if err != nil || err2 != nil || got != want {
				t.Errorf("FromScaled(%d, %v) = %v, %v; decimal route %v, %v", v, m, got, err, want, err2)
			}
		}
	}
}
