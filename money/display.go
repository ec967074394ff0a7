package money

// Display returns the amount for people to read, in LocaleDefault's form: a
// symbol where the currency has a well-known one, thousands grouped with
// commas, and the currency's minor digits: "¥1,234.56" for CNY, "$1,234.56"
// for USD, "-¥0.50". A currency without a symbol here shows its code:
// "KWD 1,234.500". The form is for display only; store and exchange amounts
// with String or JSON. For a reader's language use DisplayIn.
func (a Amount) Display() string { return a.DisplayIn(LocaleDefault) }

// DisplayIn returns the amount for people who read locale l:
//
//   - the currency's symbol in l, or where it has none there its ISO code
//     and a space;
//   - the minus sign, if any, before the symbol: "-¥1,234.56";
//   - the whole units grouped by thousands with commas;
//   - exactly the currency's ISO 4217 minor digits (2 for CNY, 0 for JPY,
//     3 for KWD and BHD), never rounded, so that no fen is hidden.
//
// With LocaleZhCN, CNY 1234.56 is "¥1,234.56", USD 19.99 "US$19.99" and
// JPY 1500 "JP¥1,500"; with LocaleEn they are "CN¥1,234.56", "$19.99" and
// "¥1,500". KWD 1234.5 is "KWD 1,234.500" in both. The zero Amount, which
// has no currency, is "0" in every locale; an unknown Locale value writes
// LocaleDefault's form. The form is for display only: nothing parses it.
func (a Amount) DisplayIn(l Locale) string {
	var buf [48]byte
	return string(a.AppendDisplay(buf[:0], l))
}

// AppendDisplay appends DisplayIn(l) to b, without allocating when b has
// room (48 bytes always suffice).
func (a Amount) AppendDisplay(b []byte, l Locale) []byte {
	if a.isZeroValue() {
		return append(b, zeroText...)
	}
	if a.units < 0 {
		b = append(b, '-')
	}
	if sym := symbol(a.cur, l); sym != "" {
		b = append(b, sym...)
	} else {
		b = append(b, a.cur.String()...)
		b = append(b, ' ')
	}
	return appendMagnitude(b, absU(a.units), a.cur.Digits(), true)
}

// symbol returns the symbol of c for readers of l, or "" where c has none
// there. The symbols are CLDR's for zh and en; LocaleDefault keeps the few
// that Display has always written.
func symbol(c Currency, l Locale) string {
	switch l {
	case LocaleZhCN:
		return symbolZh(c)
	case LocaleEn:
		return symbolEn(c)
	}
	switch c {
	case CNY:
		return "¥"
	case USD:
		return "$"
	case EUR:
		return "€"
	case GBP:
		return "£"
	case JPY:
		return "JP¥"
	case HKD:
		return "HK$"
	}
	return ""
}

// symbolZh returns CLDR's zh symbols: the bare ¥ is the yuan's, so the yen
// is JP¥ and the dollars carry their country (US$, HK$, NT$).
func symbolZh(c Currency) string {
	switch c {
	case CNY:
		return "¥"
	case USD:
		return "US$"
	case JPY:
		return "JP¥"
	case AUD:
		return "AU$"
	default:
		return symbolCommon(c)
	}
}

// symbolEn returns CLDR's en symbols: the bare $ is the US dollar's and the
// bare ¥ the yen's, so the yuan is CN¥.
func symbolEn(c Currency) string {
	switch c {
	case CNY:
		return "CN¥"
	case USD:
		return "$"
	case JPY:
		return "¥"
	case AUD:
		return "A$"
	default:
		return symbolCommon(c)
	}
}

// symbolCommon returns the symbols CLDR's zh and en share.
func symbolCommon(c Currency) string {
	switch c {
	case EUR:
		return "€"
	case GBP:
		return "£"
	case HKD:
		return "HK$"
	case TWD:
		return "NT$"
	case CAD:
		return "CA$"
	case NZD:
		return "NZ$"
	case MXN:
		return "MX$"
	case BRL:
		return "R$"
	case XCD:
		return "EC$"
	case KRW:
		return "₩"
	case INR:
		return "₹"
	case ILS:
		return "₪"
	case VND:
		return "₫"
	}
	return ""
}
