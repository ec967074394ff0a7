package money

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strconv"
	"testing"
)

func TestParseCurrency(t *testing.T) {
	tests := []struct {
		code            string
		want            Currency
		numeric, digits int
		name            string
	}{
		{"CNY", CNY, 156, 2, "Yuan Renminbi"},
		{"USD", USD, 840, 2, "US Dollar"},
		{"JPY", JPY, 392, 0, "Yen"},
		{"KWD", KWD, 414, 3, "Kuwaiti Dinar"},
		{"CLF", CLF, 990, 4, "Unidad de Fomento"},
		{"ALL", ALL, 8, 2, "Lek"},
		{"ZWG", ZWG, 924, 2, "Zimbabwe Gold"},
	}
	for _, tt := range tests {
		got, err := ParseCurrency(tt.code)
		if err != nil {
			t.Fatalf("ParseCurrency(%q): %v", tt.code, err)
		}
		if got != tt.want || got.Code() != tt.code || got.Numeric() != tt.numeric || got.Digits() != tt.digits || got.Name() != tt.name {
			t.Errorf("ParseCurrency(%q) = %s %d %d %q, want %s %d %d %q",
				tt.code, got, got.Numeric(), got.Digits(), got.Name(), tt.want, tt.numeric, tt.digits, tt.name)
		}
	}
}

func TestParseCurrencyErrors(t *testing.T) {
	tests := []struct {
		code string
		want error
	}{
		{"", ErrSyntax},
		{"cny", ErrSyntax},
		{"Cny", ErrSyntax},
		{"CN", ErrSyntax},
		{"CNYY", ErrSyntax},
		{"C1Y", ErrSyntax},
		{" CNY", ErrSyntax},
		{"ABC", ErrUnknownCurrency},
		{"XAU", ErrUnknownCurrency}, // in ISO 4217 but without a minor unit
		{"HRK", ErrUnknownCurrency}, // withdrawn in 2023
	}
	for _, tt := range tests {
		_, err := ParseCurrency(tt.code)
		var ce *CurrencyError
		if !errors.Is(err, tt.want) || !errors.As(err, &ce) || ce.Code != tt.code {
			t.Errorf("ParseCurrency(%q) error = %v, want a *CurrencyError matching %v", tt.code, err, tt.want)
		}
	}
}

func TestNewCurrency(t *testing.T) {
	c, err := NewCurrency("CNY", 156, 2)
	if err != nil || c != CNY {
		t.Errorf("NewCurrency(CNY, 156, 2) = %v, %v; want the constant CNY", c, err)
	}
	pts, err := NewCurrency("PTS", 0, 0)
	if err != nil || pts.Code() != "PTS" || pts.Digits() != 0 || pts.Name() != "" {
		t.Errorf("NewCurrency(PTS) = %v (%q, %d), %v", pts, pts.Name(), pts.Digits(), err)
	}
	xcg, err := NewCurrency("XCG", 532, 2)
	if err != nil || xcg.Numeric() != 532 || xcg.Digits() != 2 || xcg == ANG {
		t.Errorf("NewCurrency(XCG) = %v, %v", xcg, err)
	}
	for _, bad := range []struct {
		code            string
		numeric, digits int
		want            error
	}{
		{"pts", 0, 0, ErrSyntax},
		{"PT", 0, 0, ErrSyntax},
		{"PTS", -1, 0, ErrInvalidArgument},
		{"PTS", 1000, 0, ErrInvalidArgument},
		{"PTS", 0, -1, ErrInvalidArgument},
		{"PTS", 0, MaxDigits + 1, ErrInvalidArgument},
	} {
		if _, err := NewCurrency(bad.code, bad.numeric, bad.digits); !errors.Is(err, bad.want) {
			t.Errorf("NewCurrency(%q, %d, %d) error = %v, want %v", bad.code, bad.numeric, bad.digits, err, bad.want)
		}
	}
}

func TestZeroCurrency(t *testing.T) {
	var c Currency
	if c.IsValid() || c.Code() != "" || c.String() != "<no currency>" {
		t.Errorf("zero Currency: IsValid %v, Code %q, String %q", c.IsValid(), c.Code(), c.String())
	}
	// It encodes as "" and decodes back, alone and in JSON.
	b, err := c.MarshalText()
	if err != nil || b == nil || len(b) != 0 {
		t.Errorf("zero Currency MarshalText = %q (nil %v), %v; want empty", b, b == nil, err)
	}
	back := CNY
	if err := back.UnmarshalText(nil); err != nil || back != 0 {
		t.Errorf("UnmarshalText(empty) = %v, %v", back, err)
	}
	type product struct {
		Currency Currency `json:"currency"`
	}
	js, err := json.Marshal(product{})
	if err != nil || string(js) != `{"currency":""}` {
		t.Errorf("Marshal(product{}) = %s, %v", js, err)
	}
	p := product{Currency: CNY}
	if err := json.Unmarshal(js, &p); err != nil || p.Currency != 0 {
		t.Errorf("Unmarshal(%s) = %v, %v", js, p.Currency, err)
	}
	// A Currency that is neither valid nor zero does not encode, and
	// ParseCurrency, which reads codes, refuses "".
	if _, err := Currency(5).MarshalText(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Currency(5).MarshalText error = %v, want ErrInvalidArgument", err)
	}
	if _, err := ParseCurrency(""); !errors.Is(err, ErrSyntax) {
		t.Errorf(`ParseCurrency("") error = %v, want ErrSyntax`, err)
	}
}

// TestBuiltinTableMatchesData checks the generated table against the data
// file it comes from, row by row.
func TestBuiltinTableMatchesData(t *testing.T) {
	f, err := os.Open("iso4217.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, rec := range records[1:] {
		code := rec[0]
		c, err := ParseCurrency(code)
		if rec[2] == "N.A." {
			if err == nil {
				t.Errorf("%s has no minor unit but parses as %v", code, c)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseCurrency(%s): %v", code, err)
			continue
		}
		numeric, _ := strconv.Atoi(rec[1])
		digits, _ := strconv.Atoi(rec[2])
		if c.Numeric() != numeric || c.Digits() != digits || c.Name() != rec[4] {
			t.Errorf("%s = %d %d %q, data file says %d %d %q", code, c.Numeric(), c.Digits(), c.Name(), numeric, digits, rec[4])
		}
		want = append(want, code)
	}
	var got []string
	for _, c := range Currencies() {
		got = append(got, c.Code())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Currencies() = %v,\nwant %v", got, want)
	}
	if len(got) < 150 {
		t.Errorf("only %d currencies in the table", len(got))
	}
}

func TestCurrencyText(t *testing.T) {
	b, err := KWD.MarshalText()
	if err != nil || string(b) != "KWD" {
		t.Fatalf("KWD.MarshalText() = %q, %v", b, err)
	}
	var c Currency
	if err := c.UnmarshalText([]byte("KWD")); err != nil || c != KWD {
		t.Errorf("UnmarshalText(KWD) = %v, %v", c, err)
	}
	if err := c.UnmarshalText([]byte("kwd")); !errors.Is(err, ErrSyntax) || c != KWD {
		t.Errorf("UnmarshalText(kwd) = %v, %v; want ErrSyntax and no change", c, err)
	}
}
