package compliance

import (
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// Sample is the purchase on which rules lay out an installment plan to
// price it. The rates of fees proportional to the principal hardly depend
// on it (only through rounding to the minor unit), but Appendix J's odd
// first period depends on the start. A flat fee does: a flat-fee plan is
// priced on the sample and on the smallest purchase the product takes
// (Purchase.Min, or one unit of its currency), at the higher rate.
type Sample struct {
	// Amount is the purchase; zero means 1,000 units of the product's
	// currency (RMB 1,000.00, USD 1,000.00), raised to the product's
	// minimum purchase and lowered to its maximum purchase and line.
	Amount money.Amount
	// Start is the purchase (or statement) date; zero means 2025-01-15.
	Start calendar.Date
}

// amount returns the sample purchase for p.
func (s Sample) amount(p credit.Product) money.Amount {
	if s.Amount.IsPositive() && s.Amount.Currency() == p.Currency {
		return s.Amount
	}
	units := int64(1000)
	for range p.Currency.Digits() {
		units *= 10
	}
	if m := p.Purchase.Min; m != nil && m.Units() > units {
		units = m.Units()
	}
	if m := p.Purchase.Max; m != nil && m.Units() < units {
		units = m.Units()
	}
	if p.MaxLimit.IsPositive() && p.MaxLimit.Units() < units {
		units = p.MaxLimit.Units()
	}
	return money.FromMinor(max(units, 1), p.Currency)
}

// start returns the sample's start date.
func (s Sample) start() calendar.Date {
	if !s.Start.IsZero() {
		return s.Start
	}
	d, _ := calendar.NewDate(2025, time.January, 15) // a valid date
	return d
}
