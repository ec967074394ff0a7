package compliance

import (
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// spc2020PrivateLending cites the Supreme People's Court's provisions on
// private lending as amended in 2020, and the Court's reply on whom they
// bind.
func spc2020PrivateLending() Citation {
	return Citation{
		Authority: "Supreme People's Court (最高人民法院)",
		Title: "最高人民法院关于审理民间借贷案件适用法律若干问题的规定 (Provisions on several issues concerning the application of law " +
			"in the trial of private lending cases), as amended",
		Date: "amended 2020-08-20",
		Section: "Article 25: interest agreed above four times the one-year loan prime rate (LPR) in force when the contract is made " +
			"is not supported; the LPR is the one the National Interbank Funding Center publishes monthly",
		Binds: "private lending, in court; by the Court's reply to the Guangdong Higher People's Court (in force 2021-01-01), " +
			"not the licensed local financial organizations (micro-loan companies, financing guarantee companies, pawnshops and others)",
		Read: "China News Service via Teller Report, 2020-08-20 (4 × 3.85% = 15.4% at the time), " +
			"https://www.tellerreport.com/news/2020-08-20-supreme-law--substantially-reduce-the-upper-limit-of-judicial-protection-of-private-lending-interest-rates-chinanews-com.Hy6Z1f1nfw.html; " +
			"Article 25 in translation at http://lnmlw.com/Bankloan/tjhaxssohg.html; " +
			"the reply, in translation, at http://cntslawfirm.com/En/law/info_1783.html",
	}
}

// comprehensiveCost24 cites the 24% ceiling on comprehensive financing
// cost.
func comprehensiveCost24() Citation {
	return Citation{
		Authority: "China's financial regulators (National Financial Regulatory Administration and People's Bank of China, as reported); " +
			"local banking regulators' window guidance",
		Title: "rules capping micro-loan companies' comprehensive financing cost (official title not read); " +
			"window guidance to consumer-finance companies",
		Date:    "reported 2026-01-15 (micro-loan companies)",
		Section: "the comprehensive financing cost, every charge and not only interest, at most 24% a year; about 12% by the end of 2027",
		Binds:   "micro-loan companies; consumer-finance companies under window guidance",
		Read: "Caixin Global, \"China Caps Borrowing Costs Charged by Micro-Loan Companies\", 2026-01-15 (the digest only), " +
			"https://www.caixinglobal.com/2026-01-15/china-caps-borrowing-costs-charged-by-micro-loan-companies-102404055.html; " +
			"MNI citing the Securities Times, \"China Lowers Rates Charged by Consumer Finance Companies\" (undated), " +
			"https://marketnews.com/china-to-lower-rate-of-consumer-finance-times",
	}
}

// costs returns what the shopper pays for credit, annualized: interest on
// what is carried and each installment plan on the sample. Penalties for
// lateness are left out: they are not the price of the loan.
func costs(p credit.Product, s Sample) []priced {
	var out []priced
	if it, ok := revolving(p); ok {
		out = append(out, it)
	}
	return append(out, plans(p, s)...)
}

// LendingCeilingRule (cn.spc-2020.lending-ceiling) compares each
// annualized cost (interest, each plan on the sample) with four times the
// one-year LPR: with DefaultLPR, 4 × 3.0% = 12% (Value the rate, Limit
// the ceiling, as fractions). Above it is a Warning,
// not a Violation: the ceiling is what a court will enforce in private
// lending, and the Court's reply leaves licensed lenders outside it.
// Huabei's 0.05% a day (18.25% a year) and its plans (14.94% to 15.87%)
// are above 12%; JD Baitiao's plans (8.98% to 10.90%) are below.
func LendingCeilingRule(lpr LPR, s Sample) Rule {
	ceiling := lpr.Rate.Mul(decimal.NewFromInt(4))
	return Rule{ID: "cn.spc-2020.lending-ceiling", Citation: spc2020PrivateLending(), Check: func(p credit.Product) []Finding {
		return against(costs(p, s), ceiling, Warning,
			"at most 4 × the one-year LPR ("+pct(lpr.Rate)+", published "+lpr.Published.String()+") = "+pct(ceiling)+" a year for a court to support it",
			"binds private lenders in court; a licensed lender is outside it, but it is the line courts and regulators point to")
	}}
}

// ComprehensiveCostRule (cn.comprehensive-cost-24) compares each
// annualized cost with 24% a year (Value and Limit as fractions): above
// it is a Violation for the
// micro-loan and consumer-finance companies that lend under Huabei-like
// products. Every preset passes: Huabei's highest is 18.25% a year.
func ComprehensiveCostRule(s Sample) Rule {
	limit := decimal.RequireFromString("0.24")
	return Rule{ID: "cn.comprehensive-cost-24", Citation: comprehensiveCost24(), Check: func(p credit.Product) []Finding {
		return against(costs(p, s), limit, Violation, "a comprehensive financing cost of at most 24.00% a year", "")
	}}
}

// against compares each cost with limit: above it is breach.
func against(items []priced, limit decimal.Decimal, breach Severity, requires, note string) []Finding {
	var out []Finding
	for _, it := range items {
		if it.Err != nil {
			out = append(out, Finding{Severity: Warning, Field: it.Field, Found: it.What + ": no annualized rate: " + it.Err.Error(), Requires: requires})
			continue
		}
		f := Finding{Severity: Pass, Field: it.Field, Found: it.What + ": " + pct(it.Simple) + " a year", Requires: requires,
			Value: it.Simple, Limit: limit}
		if it.Simple.GreaterThan(limit) {
			f.Severity, f.Note = breach, note
			f.Found += ", " + points(it.Simple.Sub(limit)) + " above"
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		out = append(out, Finding{Severity: Pass, Field: "billing.interest", Found: "charges the shopper no interest and offers no installment plan",
			Requires: requires, Limit: limit})
	}
	return out
}
