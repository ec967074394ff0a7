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
		{decimal.RequireFromString("1" + string(make([]byte, 0)) + "2345678901234567890123456789012345678901234567890123"), false},
	} {
		if got := Sane(c.d); got != c.want {
			t.Errorf("Sane(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}
