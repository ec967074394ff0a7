package money

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestConvert(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name       string
		base, quot Currency
		rate       string
		in         Amount
		mode       Rounding
		want       Amount
	}{
		// RMB 30,000 at 6.2 yuan to the dollar is 4,838.709677...: USD 4,838.71.
		{"yuan to dollars", USD, CNY, "6.2", cny(3000000), HalfEven, usd(483871)},
		{"yuan to dollars, down", USD, CNY, "6.2", cny(3000000), Down, usd(483870)},
		{"dollars to yuan", USD, CNY, "6.2", usd(483871), HalfEven, cny(3000000)},
		{"a Macy's price", USD, CNY, "6.2053", usd(19999), HalfEven, cny(124100)}, // 199.99 x 6.2053 = 1240.997...
		{"yen (0 places) to yuan", JPY, CNY, "0.0523", FromMinor(15000, JPY), HalfEven, cny(78450)},
		{"yuan to yen", JPY, CNY, "0.0523", cny(78450), HalfEven, FromMinor(15000, JPY)},
		{"dinar (3 places) to dollars", KWD, USD, "3.25", FromMinor(1001, KWD), HalfUp, usd(325)}, // 1.001 x 3.25 = 3.25325
		{"negative (a refund)", USD, CNY, "6.2", usd(-1000), HalfEven, cny(-6200)},
	}
	for _, tt := range tests {
		x, err := NewExchangeRate(tt.base, tt.quot, d(tt.rate))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := x.Convert(tt.in, tt.mode)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v.Convert(%v, %v) = %v, %v; want %v", tt.name, x, tt.in, tt.mode, got, err, tt.want)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	x, _ := NewExchangeRate(USD, CNY, decimal.RequireFromString("6.2"))
	if _, err := x.Convert(cny(100), Exact); !errors.Is(err, ErrNeedsRounding) {
		t.Errorf("1.00 / 6.2 with Exact: error = %v, want ErrNeedsRounding", err)
	}
	if _, err := x.Convert(cny(100), Rounding(9)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad mode: error = %v, want ErrInvalidArgument", err)
	}
	if _, err := (ExchangeRate{}).Convert(cny(100), HalfEven); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("zero ExchangeRate: error = %v, want ErrInvalidArgument", err)
	}
	huge, _ := NewExchangeRate(USD, CNY, decimal.RequireFromString("1e30"))
	if _, err := huge.Convert(usd(1), HalfEven); !errors.Is(err, ErrOverflow) {
		t.Errorf("1e30 rate: error = %v, want ErrOverflow", err)
	}
}

func TestExchangeRateJSON(t *testing.T) {
	x, _ := NewExchangeRate(USD, CNY, decimal.RequireFromString("6.2"))
	b, err := json.Marshal(x)
	if err != nil || string(b) != `{"base":"USD","quote":"CNY","rate":"6.2"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var y ExchangeRate
	if err := json.Unmarshal(b, &y); err != nil || !y.Equal(x) || y.String() != "USD/CNY 6.2" {
		t.Errorf("round trip = %v, %v; want %v", y, err, x)
	}
	for _, bad := range []string{
		`{"base":"USD","quote":"CNY"}`,
		`{"base":"USD","quote":"CNY","rate":6.2}`,
		`{"base":"USD","quote":"CNY","rate":"-1"}`,
		`{"base":"USD","quote":"USD","rate":"1"}`,
		`{"base":"usd","quote":"CNY","rate":"6.2"}`,
		`{"base":"USD","quote":"CNY","rate":"six"}`,
		`{"base":"USD","quote":"CNY","rate":"6.2","at":"today"}`,
	} {
		z := x
		if err := json.Unmarshal([]byte(bad), &z); err == nil || !z.Equal(x) {
			t.Errorf("Unmarshal(%s) = %v, %v; want an error and no change", bad, z, err)
		}
	}
}
