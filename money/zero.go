package money

// The zero Amount, Amount{}, is zero in every currency (see the package
// documentation): arithmetic lets it adopt the other operand's currency,
// Equal matches it with zero in any currency, and it has one text form and
// one JSON form, each of which decodes back to it and to nothing else.

// zeroText is the text form of the zero Amount (String, MarshalText, Value).
const zeroText = "0"

// zeroJSON is the JSON form of the zero Amount.
const zeroJSON = `{"amount":"0","currency":""}`

// isZeroValue reports whether a is Amount{}.
func (a Amount) isZeroValue() bool { return a == Amount{} }
