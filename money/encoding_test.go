package money

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"math"
	"testing"
)

var (
	_ sql.Scanner   = (*Amount)(nil)
	_ driver.Valuer = Amount{}
)

func TestString(t *testing.T) {
	tests := []struct {
		a    Amount
		want string
	}{
		{cny(123456), "CNY 1234.56"},
		{cny(-5), "CNY -0.05"},
		{cny(0), "CNY 0.00"},
		{FromMinor(1500, JPY), "JPY 1500"},
		{FromMinor(-250, KWD), "KWD -0.250"},
		{FromMinor(1, CLF), "CLF 0.0001"},
		{cny(math.MinInt64), "CNY -92233720368547758.08"},
		{Amount{}, "0"},
		{FromMinor(5, Currency(0)), "<no currency> 5"},
	}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		a    Amount
		want string
	}{
		{cny(123456), `{"amount":"1234.56","currency":"CNY"}`},
		{cny(-100), `{"amount":"-1.00","currency":"CNY"}`},
		{FromMinor(1500, JPY), `{"amount":"1500","currency":"JPY"}`},
		{FromMinor(5, KWD), `{"amount":"0.005","currency":"KWD"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.a)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.a, b, err, tt.want)
		}
		if ab, err := tt.a.AppendJSON([]byte("x")); err != nil || string(ab) != "x"+tt.want {
			t.Errorf("AppendJSON(%v) = %s, %v", tt.a, ab, err)
		}
		var back Amount
		if err := json.Unmarshal(b, &back); err != nil || back != tt.a {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", b, back, err, tt.a)
		}
	}
	// Fewer places than the currency has are unambiguous and accepted.
	var a Amount
	if err := json.Unmarshal([]byte(`{"currency":"CNY","amount":"12.5"}`), &a); err != nil || a != cny(1250) {
		t.Errorf(`Unmarshal "12.5" = %v, %v; want CNY 12.50`, a, err)
	}
	// Inside a struct, with an optional amount.
	type order struct {
		Price  Amount  `json:"price"`
		Refund *Amount `json:"refund"`
	}
	var o order
	if err := json.Unmarshal([]byte(`{"price":{"amount":"99.90","currency":"CNY"},"refund":null}`), &o); err != nil || o.Price != cny(9990) || o.Refund != nil {
		t.Errorf("order = %+v, %v", o, err)
	}
}

func TestTextAndSQL(t *testing.T) {
	a := cny(-123456)
	b, err := a.MarshalText()
	if err != nil || string(b) != "CNY -1234.56" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	v, err := a.Value()
	if err != nil || v != "CNY -1234.56" {
		t.Fatalf("Value = %v, %v", v, err)
	}
	var fromString, fromBytes Amount
	if err := fromString.Scan("CNY -1234.56"); err != nil || fromString != a {
		t.Errorf("Scan(string) = %v, %v", fromString, err)
	}
	if err := fromBytes.Scan([]byte("CNY -1234.56")); err != nil || fromBytes != a {
		t.Errorf("Scan([]byte) = %v, %v", fromBytes, err)
	}
	if _, err := FromMinor(5, Currency(0)).Value(); err == nil {
		t.Error("Value of an amount with no currency: no error")
	}
	var n sql.Null[Amount]
	if err := n.Scan(nil); err != nil || n.Valid {
		t.Errorf("sql.Null[Amount].Scan(nil) = %+v, %v", n, err)
	}
}
