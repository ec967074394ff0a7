package compliance

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// regZ52b cites Regulation Z's safe harbor for penalty fees.
func regZ52b(h SafeHarbor) Citation {
	return Citation{
		Authority: "Consumer Financial Protection Bureau",
		Title:     "Regulation Z (Truth in Lending), 12 CFR part 1026, § 1026.52 Limitations on fees",
		Number:    "12 CFR 1026.52(b)(1)(ii)",
		Date:      "amounts adjusted each year; here " + h.As,
		Section:   "(b)(1)(ii): a penalty fee within the safe harbor, or (b)(1)(i) a fee the issuer has shown to be a reasonable proportion of its costs",
		Binds:     "card issuers, on credit-card accounts under open-end (not home-secured) consumer credit plans",
		Read: "the regulation's text of § 1026.52(a)-(b)(1)(i) at https://frrsdigital.com/topic-by-locator/6-5885 and " +
			"https://www.consumerfinance.gov/policy-compliance/rulemaking/regulations/1026/52/; the amounts in Alston & Bird (2024) " +
			"and the National Law Review (2025) as DefaultSafeHarbor says; the 2024 rule at " +
			"https://regulations.justia.com/regulations/fedreg/2024/03/15/2024-05011.html",
	}
}

// regZ52b2iA cites Regulation Z's cap of a late fee at the minimum payment.
func regZ52b2iA() Citation {
	return Citation{
		Authority: "Consumer Financial Protection Bureau",
		Title:     "Regulation Z (Truth in Lending), 12 CFR part 1026, § 1026.52 Limitations on fees, and its official interpretation",
		Number:    "12 CFR 1026.52(b)(2)(i)(A)",
		Date:      "in force since 2010-08-22 (the CARD Act's penalty-fee provisions)",
		Section: "no penalty fee above the dollar amount associated with the violation; for a late payment, " +
			"the required minimum periodic payment due immediately before the fee (comment 52(b)(2)(i))",
		Binds: "card issuers, on credit-card accounts under open-end (not home-secured) consumer credit plans",
		Read: "NAFCU Compliance Blog, \"A Brief Refresher on Credit Card Penalty Fees\", 2020-09-11, " +
			"https://www.nafcu.org/compliance-blog/brief-refresher-credit-card-penalty-fees; the CFPB's list of the penalty-fee provisions at " +
			"https://www.consumerfinance.gov/compliance/compliance-resources/consumer-cards-resources/credit-card-penalty-fees/",
	}
}

// regZ52a cites Regulation Z's limit on fees in the first year.
func regZ52a() Citation {
	return Citation{
		Authority: "Consumer Financial Protection Bureau",
		Title:     "Regulation Z (Truth in Lending), 12 CFR part 1026, § 1026.52 Limitations on fees",
		Number:    "12 CFR 1026.52(a)",
		Date:      "as amended 2013-03-28 (78 FR 18795: the first year only, not before account opening)",
		Section: "(a)(1): the fees a consumer is required to pay in the first year after account opening at most 25% of the credit limit " +
			"in effect when the account is opened; (a)(2): not late, over-the-limit or returned-payment fees, nor fees the consumer is not required to pay",
		Binds: "card issuers, on credit-card accounts under open-end (not home-secured) consumer credit plans",
		Read: "https://www.consumerfinance.gov/policy-compliance/rulemaking/regulations/1026/52/ and " +
			"https://frrsdigital.com/topic-by-locator/6-5885 (the text of (a)); the 2013 amendment's summary at " +
			"https://regulations.justia.com/regulations/fedreg/2013/03/28/2013-07066.html",
	}
}

// LateFeeSafeHarborRule (us.reg-z.1026.52b-safe-harbor) checks each late
// fee tier against the safe harbor: at most First passes; at most
// Subsequent is a Warning (the safe harbor allows it only for a repeat
// within six billing cycles, and the product charges it on any); above
// both is a Violation unless the issuer has a cost analysis under
// (b)(1)(i), which the product cannot show. Value is the fee and Limit
// the safe harbor it is held to, in dollars. Pay in 4's USD 7.00 passes
// against USD 30.00.
func LateFeeSafeHarborRule(h SafeHarbor) Rule {
	return Rule{ID: "us.reg-z.1026.52b-safe-harbor", Citation: regZ52b(h), Check: func(p credit.Product) []Finding {
		if p.Currency != money.USD {
			return notUSD(p, "the late fees are")
		}
		pen := p.Billing.Penalty
		switch pen.Method {
		case billing.NoPenalty:
			return []Finding{{Severity: Pass, Field: "billing.penalty.method", Found: "charges no late fee",
				Requires: "a penalty fee of at most " + h.First.String()}}
		case billing.OverdueDaily:
			return []Finding{{Severity: Info, Field: "billing.penalty.daily_rate",
				Found:    "charges lateness as " + rawPct(pen.DailyRate) + " a day, not a fee of a set amount",
				Requires: "a penalty fee of at most " + h.First.String() + " per violation; a daily rate is not a fee and is not checked here"}}
		}
		var out []Finding
		for i, fee := range pen.Fees {
			f := Finding{Severity: Pass, Field: "billing.penalty.fees[" + strconv.Itoa(i) + "]",
				Found:    "a late fee of " + fee.Amount.String() + ", " + strconv.Itoa(fee.AfterDays) + " days after the due date",
				Requires: "at most " + h.First.String() + ", or " + h.Subsequent.String() + " for a repeat within the next six billing cycles",
				Value:    fee.Amount.Decimal(), Limit: h.First.Decimal()}
			switch {
			case fee.Amount.Units() > h.Subsequent.Units():
				f.Severity, f.Limit = Violation, h.Subsequent.Decimal()
				f.Note = "above both safe-harbor amounts: allowed only with a cost analysis under (b)(1)(i), which the product cannot show"
			case fee.Amount.Units() > h.First.Units():
				f.Severity = Warning
				f.Note = "within the safe harbor only for a repeat late payment; the product charges it on the first"
			}
			out = append(out, f)
		}
		return out
	}}
}

// LateFeeMinimumRule (us.reg-z.1026.52b2iA-fee-above-minimum) checks that
// no late fee can exceed the minimum payment it punishes. A product that
// caps every fee at the minimum due (billing.penalty.cap_at_minimum)
// passes. A product that judges lateness item by item (pay in 4) is
// checked on its smallest purchase, the worst case: the smallest item of
// any schedule that purchase can take, against the largest fee within the
// product's caps (Value the fee, Limit the item, in dollars). Pay in 4: a USD 35.00 purchase is paid as four items of USD 8.75;
// the fee is USD 7.00 (25% of the order would allow 8.75), so it passes.
// A statement product without the cap is a Warning: its minimum can be as
// small as its balance.
func LateFeeMinimumRule(s Sample) Rule {
	return Rule{ID: "us.reg-z.1026.52b2iA-fee-above-minimum", Citation: regZ52b2iA(), Check: func(p credit.Product) []Finding {
		if p.Currency != money.USD {
			return notUSD(p, "the late fees are")
		}
		pen := p.Billing.Penalty
		if pen.Method != billing.LateFees || len(pen.Fees) == 0 {
			return []Finding{{Severity: Pass, Field: "billing.penalty.method", Found: "charges no late fee of a set amount",
				Requires: "no late fee above the minimum payment due"}}
		}
		req := "no late fee above the required minimum payment due before it"
		if pen.CapAtMinimum {
			return []Finding{{Severity: Pass, Field: "billing.penalty.cap_at_minimum",
				Found: "every late fee is cut to the minimum payment (or late item) it follows", Requires: req}}
		}
		largest := pen.Fees[0].Amount
		for _, f := range pen.Fees {
			if f.Amount.Units() > largest.Units() {
				largest = f.Amount
			}
		}
		if !pen.PerItem {
			return []Finding{{Severity: Warning, Field: "billing.penalty.cap_at_minimum",
				Found:    "late fees of up to " + largest.String() + " are not capped at the statement's minimum payment, which can be as small as the balance",
				Requires: req, Note: "set billing.penalty.cap_at_minimum", Value: largest.Decimal()}}
		}
		order := money.FromMinor(1, p.Currency)
		if m := p.Purchase.Min; m != nil {
			order = *m
		}
		fee, how := feeOn(pen, largest, order)
		item, what := smallestItem(p, order, s)
		f := Finding{Severity: Pass, Field: "billing.penalty.fees",
			Found:    "the smallest purchase, " + order.String() + ", " + what + "; a late fee on it is at most " + fee.String() + how,
			Requires: req, Value: fee.Decimal(), Limit: item.Decimal()}
		if fee.Units() > item.Units() {
			f.Severity, f.Note = Violation, "set billing.penalty.cap_at_minimum, or a minimum purchase whose items exceed the fee"
		}
		return []Finding{f}
	}}
}

// feeOn returns the most one late fee on an order can be, within the
// product's caps, and how the caps bound it.
func feeOn(pen billing.PenaltyRule, fee, order money.Amount) (money.Amount, string) {
	how := " (the " + fee.String() + " fee"
	if pen.CapRate.Sign() > 0 {
		c, err := order.MulRate(pen.CapRate, money.Down)
		if err == nil {
			how += ", within " + rawPct(pen.CapRate) + " of the order = " + c.String()
			if c.Units() < fee.Units() {
				fee = c
			}
		}
	}
	if c := pen.CapAmount; c != nil {
		how += ", within " + c.String()
		if c.Units() < fee.Units() {
			fee = *c
		}
	}
	return fee, how + ")"
}

// smallestItem returns the smallest part of order that falls due on its
// own, and says where it comes from: the smallest payment of any plan the
// order can take (of the one it must take, for pay in 4), or the order
// itself when it can be bought without a plan.
func smallestItem(p credit.Product, order money.Amount, s Sample) (money.Amount, string) {
	least, what := order, "is due whole"
	candidates := append(append([]billing.Plan(nil), p.Installments...), p.BillInstallments...)
	if plan, ok := requiredPlan(p); ok {
		least, what = money.FromMinor(1<<62, order.Currency()), ""
		candidates = []billing.Plan{*plan}
	}
	wd, err := p.WorkingDays()
	if err != nil {
		wd = nil
	}
	for _, plan := range candidates {
		sched, err := plan.Schedule(order, s.start(), wd)
		if err != nil {
			continue // a plan that cannot take this order has no items
		}
		items, smallest := 0, order
		for _, in := range sched.Installments {
			if in.Total.IsPositive() { // a payment of nothing cannot be late
				items++
				smallest = money.FromMinor(min(smallest.Units(), in.Total.Units()), order.Currency())
			}
		}
		if smallest.Units() < least.Units() {
			least = smallest
			what = "is paid in " + strconv.Itoa(items) + " items of at least " + smallest.String() + " (plan " + strconv.Quote(plan.Name) + ")"
		}
	}
	if what == "" { // the required plan could not be laid out
		return order, "is due whole"
	}
	return least, what
}

// FirstYearFeesRule (us.reg-z.1026.52a-first-year-fees) checks the fees a
// consumer must pay in the first year against 25% of the credit limit.
// Late fees are excluded by (a)(2)(i), and fees the consumer chooses by
// (a)(2)(ii): this package counts an installment plan's fee as chosen
// unless every purchase must take the plan. A required plan with a fee is
// a Warning: a year's purchases can carry fees beyond 25% of the limit.
// Value is the plan's fee on the sample and Limit 25% of the largest line,
// in dollars.
func FirstYearFeesRule(s Sample) Rule {
	return Rule{ID: "us.reg-z.1026.52a-first-year-fees", Citation: regZ52a(), Check: func(p credit.Product) []Finding {
		if p.Currency != money.USD {
			return notUSD(p, "the fees are")
		}
		quarter := decimal.RequireFromString("0.25")
		limit, _ := p.MaxLimit.MulRate(quarter, money.Down)
		req := "fees the consumer must pay in the first year at most 25% of the credit limit (" + limit.String() + " on the largest line, " + p.MaxLimit.String() + ")"
		plan, ok := requiredPlan(p)
		if !ok {
			return []Finding{{Severity: Pass, Field: "installments", Requires: req, Limit: limit.Decimal(),
				Found: "states no account fee; late fees are excluded, and installment plans, with their fees, are the shopper's choice"}}
		}
		it := Finding{Severity: Pass, Field: "installments[0]", Requires: req, Limit: limit.Decimal()}
		priced := plans(p, s)[0] // the required plan is the first checkout plan
		switch {
		case plan.FeeModel == billing.NoFee || plan.FeePayer == billing.Merchant || priced.Err == nil && priced.Schedule.TotalFee.IsZero():
			it.Found = "every purchase takes " + priced.What + "; the only other fees are late fees, which are excluded"
		case priced.Err != nil:
			it.Severity, it.Found = Warning, "every purchase takes "+priced.What+", which cannot be laid out: "+priced.Err.Error()
		default:
			fee := priced.Schedule.TotalFee
			it.Severity, it.Value = Warning, fee.Decimal()
			it.Found = "every purchase takes " + priced.What + ": " + fee.String() + " on " + priced.Schedule.Principal.String() +
				", so a year's purchases can carry fees beyond " + limit.String()
			it.Note = "cap the plan's fees per account-year, or make the plan optional"
		}
		return []Finding{it}
	}}
}
