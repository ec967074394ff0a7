package compliance

import (
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/shopspring/decimal"
)

// LPR is a one-year loan prime rate (贷款市场报价利率) and the day it was
// published. The National Interbank Funding Center publishes it monthly;
// the Supreme People's Court's ceiling is four times the rate in force when
// the contract is made, which only the host knows.
type LPR struct {
	Rate      decimal.Decimal // 0.03 for 3.0%
	Published calendar.Date
}

// DefaultLPR is the one-year LPR of 3.0% published on 2025-05-20, cut from
// 3.1% (S&P Global Market Intelligence, "China cuts key lending reference
// rates to new all-time lows", 2025-05-20,
// https://www.spglobal.com/market-intelligence/en/news-insights/articles/2025/5/china-cuts-key-lending-reference-rates-to-new-alltime-lows-89107190).
// Four times it is 12%.
func DefaultLPR() LPR {
	d, _ := calendar.NewDate(2025, time.May, 20) // a valid date
	return LPR{Rate: decimal.RequireFromString("0.030"), Published: d}
}

// ChinaOptions adjusts the Chinese rules. The zero value is China().
type ChinaOptions struct {
	LPR    LPR    // zero: DefaultLPR
	Sample Sample // the purchase plans are priced on
}

// China returns the built-in rules for renminbi products, in this order:
// the annualized-rate disclosure of PBoC Announcement [2021] No. 3
// (AnnualizedRateRule), the credit-card overdraft rate range of 2017-2020
// and its lifting (OverdraftRateRule), no interest on fees or penalties
// (NoInterestOnChargesRule), credit-card installment terms of at most five
// years (InstallmentTermRule), the Supreme People's Court's private-lending
// ceiling of four times the LPR (LendingCeilingRule) and the 24% ceiling
// on comprehensive financing cost (ComprehensiveCostRule).
func China() []Rule { return ChinaWith(ChinaOptions{}) }

// ChinaWith returns China's rules with the given options.
func ChinaWith(o ChinaOptions) []Rule {
	if o.LPR.Rate.IsZero() {
		o.LPR = DefaultLPR()
	}
	return []Rule{
		AnnualizedRateRule(o.Sample),
		OverdraftRateRule(),
		NoInterestOnChargesRule(),
		InstallmentTermRule(),
		LendingCeilingRule(o.LPR, o.Sample),
		ComprehensiveCostRule(o.Sample),
	}
}
