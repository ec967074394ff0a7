// Package money holds exact amounts of money in a named currency.
//
// An Amount is an int64 number of minor units (fen for CNY, cents for USD)
// and a Currency. It never passes through float64: amounts are built from
// minor units (FromMinor), from decimal text (FromString, Parse) or from a
// shopspring/decimal value with a named rounding mode (FromDecimal), and
// there is no constructor from a float.
//
// Currencies are ISO 4217 codes with their numeric code and minor units.
// Every active currency that has a minor unit is a constant (CNY, USD, JPY,
// KWD, ...) generated from iso4217.csv, whose header names its source and
// date; NewCurrency makes others. There is no registry to mutate.
//
// The package knows nothing of credit lines, dates or billing, and imports
// nothing else from this module.
//
// # Errors, not panics
//
// Every operation that can fail returns an error, and no function in this
// package panics on its input. Mixing currencies is a *MismatchError
// (ErrCurrencyMismatch); a result beyond int64 minor units is ErrOverflow;
// text that is not of the documented form is a *ParseError wrapping
// ErrSyntax, ErrNeedsRounding, ErrOverflow or a *CurrencyError; a bad part
// count, ratio, rate or rounding mode is an *ArgumentError
// (ErrInvalidArgument). A failed operation returns the zero Amount and a
// failed decode leaves its destination unchanged. The only operations that
// cannot fail are those whose result always exists: FromMinor, Zero, the
// sign tests, Equal, String, Display, DisplayIn and AppendDisplay.
//
// # The zero Amount
//
// Amount{}, what a struct field holds before anything is put in it, is zero
// units of no currency. Like time.Time{} and decimal.Decimal{} it is a
// usable value: it is zero in every currency. Add, Sub, Cmp, Min, Max and Sum
// treat it as zero in the other operand's currency (Amount{} + CNY 5.00 =
// CNY 5.00), and Equal reports it equal to zero in any currency, so a go-cmp
// "want" that leaves an amount out matches CNY 0.00. Amounts in two
// currencies still mix with nothing, zero ones included: CNY 0.00 + USD 5.00
// is a *MismatchError, and so is CNY 0.00 compared with USD 0.00. It prints
// as "0", its text and database form is "0" and its JSON is
// {"amount":"0","currency":""}, the same shape as any amount's; each of these
// decodes back to exactly Amount{}, and no other amount without a currency
// encodes or decodes. IsZero is true for it and for zero in any currency (so
// json:",omitzero" leaves both out); compare with Amount{} to tell them apart.
//
// # Rounding
//
// Whenever a value falls between two minor units the caller names the
// Rounding: HalfUp, HalfEven, HalfDown, Up, Down, Ceiling or Floor. The zero
// mode, Exact, refuses to round and returns ErrNeedsRounding, so a forgotten
// mode cannot round silently. Multiplying by a rate (MulRate) or converting
// at an exchange rate rounds the exact product once. Splitting and
// allocating never round: the parts always sum exactly to the whole, and a
// Leftover policy says where the indivisible minor units go.
//
// # Text and data
//
// String writes the canonical "CNY 1234.56" (always the currency's minor
// digits) and Parse reads it; it is also the text and database/sql form.
// JSON is {"amount":"1234.56","currency":"CNY"}, decoded strictly.
//
// # Display
//
// DisplayIn writes an amount for people who read a Locale, which the host
// chooses, usually from the reader's language with ParseLocale("zh-CN") or
// ParseLocale("en"): the minus sign, the currency's symbol in that language
// (or its ISO code and a space), the whole units grouped by thousands with
// commas, and exactly the currency's ISO 4217 minor digits, never rounded.
// A Chinese shopper reads CNY 1234.56 as "¥1,234.56", a refund as
// "-¥1,234.56", and the other currencies with the symbols CLDR gives
// Chinese, which keep the bare ¥ for the yuan: "US$19.99", "JP¥1,500",
// "HK$800.00", "KWD 1,234.500". In English the same amounts are
// "CN¥1,234.56", "$19.99", "¥1,500". Display writes the default Locale's
// compact form, "¥1,234.56" and "$19.99". The zero Amount shows as "0".
// Nothing parses these forms: store and exchange amounts as text or JSON.
package money
