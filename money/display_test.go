package money

import (
	"errors"
	"math"
	"testing"
)

func TestDisplay(t *testing.T) {
	tests := []struct {
		a    Amount
		want string
	}{
		{cny(123456), "¥1,234.56"},
		{cny(3000000), "¥30,000.00"},
		{cny(-50), "-¥0.50"},
		{usd(483871), "$4,838.71"},
		{FromMinor(1234567, JPY), "JP¥1,234,567"},
		{FromMinor(1234500, KWD), "KWD 1,234.500"},
		{cny(99), "¥0.99"},
		{cny(100000), "¥1,000.00"},
		{cny(math.MinInt64), "-¥92,233,720,368,547,758.08"},
		{Amount{}, "0"},
	}
	for _, tt := range tests {
		if got := tt.a.Display(); got != tt.want {
			t.Errorf("%v.Display() = %q, want %q", tt.a, got, tt.want)
		}
		if got := tt.a.DisplayIn(LocaleDefault); got != tt.want {
			t.Errorf("%v.DisplayIn(LocaleDefault) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

// TestDisplayIn works each case out by hand: the sign, then the symbol (or
// the code and a space), then the whole units in groups of three, then
// exactly the currency's minor digits.
func TestDisplayIn(t *testing.T) {
	tests := []struct {
		a      Amount
		zh, en string
	}{
		// CNY, 2 places: 123456 fen = 1,234 yuan 56 fen.
		{cny(123456), "¥1,234.56", "CN¥1,234.56"},
		{cny(-123456), "-¥1,234.56", "-CN¥1,234.56"},
		{cny(0), "¥0.00", "CN¥0.00"},
		{cny(1), "¥0.01", "CN¥0.01"},
		{cny(-1), "-¥0.01", "-CN¥0.01"},
		{cny(99999), "¥999.99", "CN¥999.99"},
		{cny(100000), "¥1,000.00", "CN¥1,000.00"},
		{cny(3000000), "¥30,000.00", "CN¥30,000.00"},
		{cny(123456789012), "¥1,234,567,890.12", "CN¥1,234,567,890.12"},
		// The ends of int64: 9223372036854775807 fen.
		{cny(math.MaxInt64), "¥92,233,720,368,547,758.07", "CN¥92,233,720,368,547,758.07"},
		{cny(math.MinInt64), "-¥92,233,720,368,547,758.08", "-CN¥92,233,720,368,547,758.08"},
		// USD: the bare $ is the US dollar's in en only.
		{usd(1999), "US$19.99", "$19.99"},
		{usd(-483871), "-US$4,838.71", "-$4,838.71"},
		// JPY, no minor unit: 1500 yen.
		{FromMinor(1500, JPY), "JP¥1,500", "¥1,500"},
		{FromMinor(-1234567, JPY), "-JP¥1,234,567", "-¥1,234,567"},
		{FromMinor(math.MaxInt64, JPY), "JP¥9,223,372,036,854,775,807", "¥9,223,372,036,854,775,807"},
		// KWD and BHD, 3 places and no symbol: 1234500 fils = 1,234.500.
		{FromMinor(1234500, KWD), "KWD 1,234.500", "KWD 1,234.500"},
		{FromMinor(-5, KWD), "-KWD 0.005", "-KWD 0.005"},
		{FromMinor(1000, BHD), "BHD 1.000", "BHD 1.000"},
		{FromMinor(math.MinInt64, BHD), "-BHD 9,223,372,036,854,775.808", "-BHD 9,223,372,036,854,775.808"},
		// CLF, 4 places.
		{FromMinor(12345678, CLF), "CLF 1,234.5678", "CLF 1,234.5678"},
		// Symbols both languages share, and those they write differently.
		{FromMinor(123456, EUR), "€1,234.56", "€1,234.56"},
		{FromMinor(-50, GBP), "-£0.50", "-£0.50"},
		{FromMinor(80000, HKD), "HK$800.00", "HK$800.00"},
		{FromMinor(150000, TWD), "NT$1,500.00", "NT$1,500.00"},
		{FromMinor(1000, AUD), "AU$10.00", "A$10.00"},
		{FromMinor(1000, CAD), "CA$10.00", "CA$10.00"},
		{FromMinor(50000, KRW), "₩50,000", "₩50,000"},
		{FromMinor(100000, INR), "₹1,000.00", "₹1,000.00"},
		{FromMinor(25000, VND), "₫25,000", "₫25,000"},
		// No symbol in either: the code.
		{FromMinor(1000, SGD), "SGD 10.00", "SGD 10.00"},
		{FromMinor(1000, CHF), "CHF 10.00", "CHF 10.00"},
		// The zero Amount has no currency to show.
		{Amount{}, "0", "0"},
	}
	for _, tt := range tests {
		if got := tt.a.DisplayIn(LocaleZhCN); got != tt.zh {
			t.Errorf("%v.DisplayIn(zh-CN) = %q, want %q", tt.a, got, tt.zh)
		}
		if got := tt.a.DisplayIn(LocaleEn); got != tt.en {
			t.Errorf("%v.DisplayIn(en) = %q, want %q", tt.a, got, tt.en)
		}
		if got := string(tt.a.AppendDisplay([]byte("x"), LocaleZhCN)); got != "x"+tt.zh {
			t.Errorf("%v.AppendDisplay(x, zh-CN) = %q", tt.a, got)
		}
	}
	// An unknown Locale writes the default form.
	if got, want := cny(123456).DisplayIn(Locale(99)), cny(123456).Display(); got != want {
		t.Errorf("DisplayIn(Locale(99)) = %q, want %q", got, want)
	}
}

func TestAppendDisplayAllocs(t *testing.T) {
	buf := make([]byte, 0, 48)
	a := FromMinor(math.MinInt64, BHD)
	if n := testing.AllocsPerRun(100, func() { buf = a.AppendDisplay(buf[:0], LocaleEn) }); n != 0 {
		t.Errorf("AppendDisplay allocates %v times", n)
	}
	if len(buf) > 48 {
		t.Errorf("the longest display, %q, is %d bytes, more than the 48 documented", buf, len(buf))
	}
}

func TestParseLocale(t *testing.T) {
	tests := []struct {
		tag  string
		want Locale
		ok   bool
	}{
		{"zh-CN", LocaleZhCN, true},
		{"zh_CN", LocaleZhCN, true},
		{"ZH-cn", LocaleZhCN, true},
		{"zh", LocaleZhCN, true},
		{"zh-Hans", LocaleZhCN, true},
		{"zh-Hans-CN", LocaleZhCN, true},
		{"en", LocaleEn, true},
		{"en-US", LocaleEn, true},
		{"EN_us", LocaleEn, true},
		{"", LocaleDefault, true},
		{"zh-TW", LocaleDefault, false},
		{"zh-Hant", LocaleDefault, false},
		{"zh-HK", LocaleDefault, false},
		{"en-GB", LocaleDefault, false},
		{"fr", LocaleDefault, false},
		{"zh-", LocaleDefault, false},
		{"zh-CN ", LocaleDefault, false},
	}
	for _, tt := range tests {
		got, err := ParseLocale(tt.tag)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseLocale(%q) = %v, %v; want %v, ok %v", tt.tag, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ParseLocale(%q): error %v does not match ErrInvalidArgument", tt.tag, err)
		}
	}
	for _, l := range []Locale{LocaleDefault, LocaleZhCN, LocaleEn} {
		if back, err := ParseLocale(l.String()); err != nil || back != l {
			t.Errorf("ParseLocale(%q) = %v, %v; want %v", l.String(), back, err, l)
		}
	}
	if got := Locale(7).String(); got != "Locale(7)" {
		t.Errorf("Locale(7).String() = %q", got)
	}
}

// TestLocaleText: a locale encodes as its tag and reads back.
func TestLocaleText(t *testing.T) {
	for _, l := range []Locale{LocaleDefault, LocaleZhCN, LocaleEn} {
		b, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Locale
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("%v: %q reads back as %v, %v", l, b, back, err)
		}
	}
	if _, err := Locale(9).MarshalText(); err == nil {
		t.Error("Locale(9) encodes")
	}
}
