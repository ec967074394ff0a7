package billing

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// TestNewDailyRate: every way of writing a rate gives its exact units of
// 10^-12, the fast path and the general one alike, and rates out of range
// or finer than 10^-12 are refused.
func TestNewDailyRate(t *testing.T) {
	for _, tt := range []struct {
		in    decimal.Decimal
		units uint64
	}{
		{dec("0.0005"), 500_000_000},
		{dec("0.000500"), 500_000_000},
		{decimal.New(5, -4), 500_000_000},
		{decimal.New(50, -5), 500_000_000},
		{dec("1"), 1_000_000_000_000},
		{decimal.New(1, 0), 1_000_000_000_000},
		{decimal.New(10, -1), 1_000_000_000_000},
		{dec("0"), 0},
		{dec("0.000000000001"), 1},
		{dec("0.000136986301"), 136_986_301},
		{dec("0.0001369863010000"), 136_986_301},
		{decimal.New(1, 0).Div(decimal.NewFromInt(4)), 250_000_000_000},
	} {
		got, err := NewDailyRate(tt.in)
		if err != nil || got.units != tt.units {
			t.Errorf("NewDailyRate(%v) = %d, %v; want %d", tt.in, got.units, err, tt.units)
		}
	}
	for _, bad := range []decimal.Decimal{dec("-0.0001"), dec("1.0000001"), dec("0.0000000000001"), decimal.New(2, 0)} {
		if _, err := NewDailyRate(bad); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("NewDailyRate(%v): %v, want ErrInvalidInput", bad, err)
		}
	}
}
