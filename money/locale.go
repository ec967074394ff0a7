package money

import (
	"fmt"
	"strconv"
)

// Locale says for which readers DisplayIn writes an amount: it picks the
// symbol that stands for each currency. The host chooses it, usually from
// the reader's language with ParseLocale. The zero Locale is
// LocaleDefault, the form Display writes.
//
// The symbols are CLDR's (the Unicode Common Locale Data Repository) for
// the language, for the currencies a shop most often shows; other
// currencies show their ISO 4217 code.
type Locale uint8

const (
	// LocaleDefault is Display's compact form: ¥ for CNY, $ for USD,
	// JP¥ for JPY, €, £ and HK$, and the ISO code for other currencies.
	LocaleDefault Locale = iota
	// LocaleZhCN is for readers of Chinese in mainland China, "zh-CN":
	// ¥ for CNY and, so that no other currency looks like the yuan, US$
	// for USD, JP¥ for JPY, HK$, NT$, AU$, CA$; €, £, ₩, ₹ as they are.
	LocaleZhCN
	// LocaleEn is for readers of English, "en": $ for USD, ¥ for JPY, and
	// so CN¥ for CNY; HK$, NT$, A$, CA$, €, £, ₩, ₹.
	LocaleEn
)

// ParseLocale returns the Locale for a BCP 47 language tag, matched without
// regard to case and with '-' or '_' between subtags: "zh-CN", "zh",
// "zh-Hans" and "zh-Hans-CN" are LocaleZhCN; "en" and "en-US" are
// LocaleEn; "" is LocaleDefault. Any other tag is an *ArgumentError, even
// a near one: readers in Hong Kong, Taiwan or Britain write some of these
// currencies otherwise (HK$ is "$" in zh-HK, USD is "US$" in en-GB), so the
// host decides what they see instead.
func ParseLocale(tag string) (Locale, error) {
	switch {
	case tag == "":
		return LocaleDefault, nil
	case sameTag(tag, "zh-CN"), sameTag(tag, "zh"), sameTag(tag, "zh-Hans"), sameTag(tag, "zh-Hans-CN"):
		return LocaleZhCN, nil
	case sameTag(tag, "en"), sameTag(tag, "en-US"):
		return LocaleEn, nil
	}
	return LocaleDefault, &ArgumentError{Op: "ParseLocale", Reason: "no locale for language tag " + strconv.Quote(tag)}
}

// sameTag reports whether tag is want, ignoring ASCII case and taking '_'
// for '-'.
func sameTag(tag, want string) bool {
	if len(tag) != len(want) {
		return false
	}
	for i := 0; i < len(tag); i++ {
		a, b := tag[i], want[i]
		if a == '_' {
			a = '-'
		}
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// String returns the locale's language tag: "zh-CN", "en", or "" for
// LocaleDefault.
func (l Locale) String() string {
	switch l {
	case LocaleDefault:
		return ""
	case LocaleZhCN:
		return "zh-CN"
	case LocaleEn:
		return "en"
	}
	return "Locale(" + strconv.Itoa(int(l)) + ")"
}

// MarshalText encodes the locale's language tag ("" for LocaleDefault).
func (l Locale) MarshalText() ([]byte, error) {
	if l > LocaleEn {
		return nil, fmt.Errorf("money: unknown %s", l)
	}
	return []byte(l.String()), nil
}

// UnmarshalText decodes what ParseLocale reads.
func (l *Locale) UnmarshalText(b []byte) error {
	v, err := ParseLocale(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
