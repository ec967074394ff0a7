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
// sign tests, Equal, String and Display.
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
// JSON is {"amount":"1234.56","currency":"CNY"}, decoded strictly. Display
// is for people: "¥1,234.56".
//
// The package knows nothing of credit lines, dates or billing, and imports
// nothing else from this module.
package money
