package money

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

func TestMulRate(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name string
		a    Amount
		rate string
		mode Rounding
		want Amount
	}{
		// Huabei's 0.05% a day: 1,000.00 costs 0.50 a day; 900.00 (a 1,000
		// statement with 100 paid) 0.45; 5,000.00 overdue 2.50.
		{"daily rate on 1000", cny(100000), "0.0005", HalfEven, cny(50)},
		{"daily rate on 900", cny(90000), "0.0005", HalfEven, cny(45)},
		{"daily rate on 5000", cny(500000), "0.0005", HalfEven, cny(250)},
		// Alipay's fee on 1,111.11 at 4.5% is 49.99995, rounded half-even to 50.00.
		{"installment fee", cny(111111), "0.045", HalfEven, cny(5000)},
		{"installment fee 3000 at 2.3%", cny(300000), "0.023", HalfEven, cny(6900)},
		{"half to even, down", cny(1), "0.5", HalfEven, cny(0)},
		{"half to even, up", cny(3), "0.5", HalfEven, cny(2)},
		{"half up", cny(1), "0.5", HalfUp, cny(1)},
		{"half down", cny(3), "0.5", HalfDown, cny(1)},
		{"negative half even", cny(-3), "0.5", HalfEven, cny(-2)},
		{"negative ceiling", cny(-3), "0.5", Ceiling, cny(-1)},
		{"negative floor", cny(-3), "0.5", Floor, cny(-2)},
		{"negative rate", cny(1000), "-0.125", HalfUp, cny(-125)},
		{"up", cny(1001), "0.001", Up, cny(2)},
		{"down", cny(1999), "0.001", Down, cny(1)},
		{"integer rate", cny(250), "3", Exact, cny(750)},
		{"rate with positive exponent", cny(250), "3e2", Exact, cny(75000)},
		{"zero rate", cny(123456), "0", Exact, cny(0)},
		{"exact with no rounding needed", cny(1000), "0.25", Exact, cny(250)},
		{"extreme: MinInt64 times one", cny(math.MinInt64), "1", Exact, cny(math.MinInt64)},
		{"extreme: MaxInt64 halved", cny(math.MaxInt64), "0.5", HalfUp, cny(4611686018427387904)},
		// 0.05/365 to 28 places takes the big-integer path: 13.698... fen.
		{"long rate half even", cny(100000), "0.0001369863013698630136986301", HalfEven, cny(14)},
		{"long rate floor", cny(100000), "0.0001369863013698630136986301", Floor, cny(13)},
		{"a hair above MaxInt64, floored", cny(math.MaxInt64), "1.00000000000000000000001", Floor, cny(math.MaxInt64)},
		{"19-digit coefficient", cny(1), "1234567890123456789.5", HalfEven, cny(1234567890123456790)},
	}
	for _, tt := range tests {
		got, err := tt.a.MulRate(d(tt.rate), tt.mode)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v.MulRate(%s, %v) = %v, %v; want %v", tt.name, tt.a, tt.rate, tt.mode, got, err, tt.want)
		}
	}
}

func TestMulRateErrors(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		a    Amount
		rate string
		mode Rounding
		want error
	}{
		{cny(math.MaxInt64), "2", HalfEven, ErrOverflow},
		{cny(math.MinInt64), "-1", HalfEven, ErrOverflow},
		{cny(1), "1e20", HalfEven, ErrOverflow},
		{cny(1), "12345678901234567890", HalfEven, ErrOverflow},
		{cny(math.MaxInt64), "1.00000000000000000000001", Ceiling, ErrOverflow},
		{cny(1), "0.5", Exact, ErrNeedsRounding},
		{cny(100000), "0.0001369863013698630136986301", Exact, ErrNeedsRounding},
		{cny(1), "0.5", Rounding(99), ErrInvalidArgument},
	}
	for _, tt := range tests {
		got, err := tt.a.MulRate(d(tt.rate), tt.mode)
		if !errors.Is(err, tt.want) || got != (Amount{}) {
			t.Errorf("%v.MulRate(%s, %v) = %v, %v; want %v", tt.a, tt.rate, tt.mode, got, err, tt.want)
		}
	}
	// A zero amount times an enormous rate is zero, not an overflow.
	if got, err := cny(0).MulRate(d("1e40"), Exact); err != nil || got != cny(0) {
		t.Errorf("0 x 1e40 = %v, %v; want 0", got, err)
	}
}

// TestMulRateFastMatchesBig runs the same products through both paths.
func TestMulRateFastMatchesBig(t *testing.T) {
	rates := []string{"0.0005", "0.045", "0.5", "1.23456789", "-0.333333333333333333", "7", "0.0000000000000000001"}
	amounts := []int64{0, 1, 3, 99, 100001, -7, -123456789, math.MaxInt64 / 3, math.MinInt64 / 5}
	for _, r := range rates {
		rate := decimal.RequireFromString(r)
		for _, u := range amounts {
			for mode := HalfUp; mode <= Floor; mode++ {
				fast, ferr := mulDecimal(u, rate, 0, mode)
				slow, serr := mulDecimalBig(u, rate, 0, mode)
				if fast != slow || !errors.Is(ferr, serr) {
					t.Errorf("%d x %s %v: fast %d, %v; big %d, %v", u, r, mode, fast, ferr, slow, serr)
				}
			}
		}
	}
}
