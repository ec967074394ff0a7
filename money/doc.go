// Package money holds exact amounts of money in a named currency.
//
// It owns currencies (ISO 4217 codes and their minor units), amounts as an
// integer number of minor units, arithmetic that never loses or invents a
// minor unit, multiplication by decimal rates with a named rounding mode,
// allocation of an amount into parts that sum exactly to the whole, and
// conversion between currencies at a stated exchange rate.
//
// It does not know about credit lines, dates, interest periods or billing:
// those live in the packages above it. It imports nothing else from this
// module.
package money
