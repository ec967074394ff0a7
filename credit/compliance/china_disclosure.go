package compliance

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// pboc2021No3 cites the People's Bank of China's announcement on showing
// the annualized interest rate of loans.
func pboc2021No3() Citation {
	return Citation{
		Authority: "People's Bank of China (中国人民银行)",
		Title:     "中国人民银行公告〔2021〕第3号 (PBoC Announcement [2021] No. 3), on showing loans' annualized interest rate",
		Number:    "〔2021〕第3号",
		Date:      "2021-03-31",
		Section: "every loan product shows its annualized rate: all of the borrower's loan costs, interest and directly related fees, " +
			"as a share of the principal actually used, annualized; shown more prominently than any daily or monthly rate, " +
			"and not only one period's interest and fees",
		Binds: "every institution that lends (deposit-taking institutions, auto-finance, consumer-finance and micro-loan companies) " +
			"and the internet platforms that market loans",
		Read: "China Banking News, \"PBOC Requires All Loan Products to Clearly Display Real Annualized Interest Rates\", 2021-04-02, " +
			"https://www.chinabankingnews.com/2021/04/02/pboc-requires-all-loan-products-clearly-display-real-annualized-interest-rates/; " +
			"Reuters, 2021-03-31, https://www.reuters.com/article/china-cenbank-loans/china-asks-banks-internet-firms-to-clearly-disclose-annualised-interest-rates-for-all-loan-products-idUSB9N2LH00L; " +
			"International Financial News, 2021-04-06, via Sina Finance (machine translation); the announcement's own text was not read",
	}
}

// AnnualizedRateRule (cn.pboc-2021-3.annualized-rate) reports, for the
// host to show at checkout and on the statement, the annualized rate of
// everything the shopper pays for credit: interest at its daily rate
// times 365, each installment plan at the internal rate of return of its
// schedule on the sample purchase times 12 (billing.Schedule's
// AnnualizedRate), and the daily overdue penalty times 365. Each is Info:
// a product has no field that shows a rate, so the rule cannot see the
// checkout page; it gives the number the page must show (Value, as a
// fraction). A plan whose cost cannot be expressed as an annualized rate
// is a Warning.
//
// Worked numbers, on RMB 1,000.00 from 2025-01-15: Huabei's 3 months at
// 2.5% of the principal cost RMB 25.00, paid 341.68, 341.66, 341.66; the
// rate that discounts them to 1,000.00 is 1.2449% a month, 14.94% a year
// (simple), 16.01% compounded. JD Baitiao's 12 months at 0.5% a month
// (stated as 6% a year) cost RMB 60.00 and are 10.90% a year.
func AnnualizedRateRule(s Sample) Rule {
	return Rule{ID: "cn.pboc-2021-3.annualized-rate", Citation: pboc2021No3(), Check: func(p credit.Product) []Finding {
		var out []Finding
		show := func(it priced, note string) {
			out = append(out, Finding{Severity: Info, Field: it.Field,
				Found:    it.What + ": " + pct(it.Simple) + " a year, simple (" + it.Detail + ")",
				Requires: "show " + pct(it.Simple) + " as the annualized rate wherever the price is shown, more prominently than any daily, monthly or per-plan rate",
				Note:     note, Value: it.Simple})
		}
		if it, ok := revolving(p); ok {
			show(it, "")
		}
		for _, it := range plans(p, s) {
			if it.Err != nil {
				out = append(out, Finding{Severity: Warning, Field: it.Field, Found: it.What + ": no annualized rate: " + it.Err.Error(),
					Requires: "an annualized rate for the plan's cost"})
				continue
			}
			show(it, planNote(it))
		}
		if it, ok := penalty(p); ok {
			show(it, "a penalty for lateness, not a cost of the loan itself; shown annualized so that it is not quoted only by the day")
		}
		if len(out) == 0 {
			out = append(out, Finding{Severity: Pass, Field: "billing.interest",
				Found:    "charges the shopper no interest, installment fee or daily penalty",
				Requires: "an annualized rate for every loan cost; there is none"})
		}
		return out
	}}
}

// planNote says how a plan's stated rate misleads if shown alone.
func planNote(it priced) string {
	plan := it.Plan
	if plan.FeePayer == billing.Merchant || it.Simple.IsZero() {
		return ""
	}
	if (plan.FeePayer == billing.SharedFee || plan.FreePeriods > 0) && plan.FeeModel != billing.FlatFee {
		return "stated as the plan's whole fee, " + rawPct(plan.FeeRate) + ", of which the shopper pays only part (the merchant's share or the free periods are waived), " +
			"so the annualized rate is on what the shopper pays: " + pct(it.Simple)
	}
	n := decimal.NewFromInt(int64(plan.Periods))
	perYear := decimal.NewFromInt(int64(it.Schedule.PeriodsPerYear))
	switch plan.FeeModel {
	case billing.PerPeriodRate:
		stated := plan.FeeRate.Mul(perYear)
		return "stated per period: " + rawPct(plan.FeeRate) + " × " + strconv.Itoa(it.Schedule.PeriodsPerYear) + " = " + pct(stated) +
			" a year, but the fee runs on the whole principal while it is repaid, so the annualized rate is " + pct(it.Simple)
	case billing.TotalRate:
		stated := plan.FeeRate.Mul(perYear).DivRound(n, 10)
		return "stated for the whole plan: " + rawPct(plan.FeeRate) + " over " + strconv.Itoa(plan.Periods) + " periods spreads to " + pct(stated) +
			" a year, but the principal is repaid as it goes, so the annualized rate is " + pct(it.Simple)
	}
	return ""
}
