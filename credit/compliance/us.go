package compliance

import (
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// SafeHarbor is Regulation Z's safe harbor for penalty fees, 12 CFR
// 1026.52(b)(1)(ii): a fee of at most First for a violation, or at most
// Subsequent for another of the same type in the same or one of the next
// six billing cycles. The amounts are adjusted each year for the consumer
// price index; As says which figures they are.
type SafeHarbor struct {
	First, Subsequent money.Amount
	As                string
}

// DefaultSafeHarbor is USD 30 and USD 41, the amounts in force before the
// CFPB's 2024 penalty-fee rule (Alston & Bird, "CFPB Issues Credit Card
// Penalty Fee Final Rule, Reduces Late Fees to $8", 2024,
// https://www.alstonconsumerfinance.com/cfpb-issues-credit-card-penalty-fee-final-rule-reduces-late-fees-to-8/).
// That rule's $8 for larger issuers never took effect and a court vacated
// it on 2025-04-15; for smaller issuers it had kept $32 and $43 (National
// Law Review, https://natlawreview.com/article/cfpb-late-fee-rule-vacated-texas-federal-court).
// Which figures stand today this package could not confirm; the lower
// pair is the safer test, and hosts pass the current pair in USOptions.
func DefaultSafeHarbor() SafeHarbor {
	return SafeHarbor{First: money.FromMinor(3000, money.USD), Subsequent: money.FromMinor(4100, money.USD),
		As: "USD 30 / USD 41, the amounts before the CFPB's 2024 rule (vacated 2025-04-15)"}
}

// USOptions adjusts the US rules. The zero value is US().
type USOptions struct {
	SafeHarbor SafeHarbor // zero: DefaultSafeHarbor
	Sample     Sample     // the purchase plans are priced on
}

// US returns the built-in rules for US-dollar products, in this order:
// the late-fee safe harbor (LateFeeSafeHarborRule), no late fee above the
// minimum payment due (LateFeeMinimumRule), first-year fees within 25% of
// the credit limit (FirstYearFeesRule), the accuracy of each installment
// plan's APR against Appendix J (APRToleranceRule) and the APR of
// interest charged by a periodic rate (OpenEndAPRRule).
//
// Regulation Z reaches consumer credit: a pay-in-4 plan with no finance
// charge and no more than four payments may fall outside it (this package
// read that only in secondary sources). The rules check such products as
// though it applied.
func US() []Rule { return USWith(USOptions{}) }

// USWith returns the US rules with the given options.
func USWith(o USOptions) []Rule {
	if !o.SafeHarbor.First.IsPositive() {
		o.SafeHarbor = DefaultSafeHarbor()
	}
	return []Rule{
		LateFeeSafeHarborRule(o.SafeHarbor),
		LateFeeMinimumRule(o.Sample),
		FirstYearFeesRule(o.Sample),
		APRToleranceRule(o.Sample),
		OpenEndAPRRule(),
	}
}

// notUSD is the finding of a US rule about dollar amounts on a product in
// another currency.
func notUSD(p credit.Product, field string) []Finding {
	return []Finding{{Severity: Info, Field: "currency", Found: "priced in " + p.Currency.String(),
		Requires: "the rule's dollar amounts apply to US-dollar products; " + field + " not checked"}}
}

// requiredPlan returns the plan every purchase must take, if any: the
// product's only checkout plan when it has a down payment (credit's rule
// for pay-in-4 products).
func requiredPlan(p credit.Product) (*billing.Plan, bool) {
	if len(p.Installments) == 1 && p.Installments[0].DownPayment.Sign() > 0 {
		return &p.Installments[0], true
	}
	return nil, false
}
