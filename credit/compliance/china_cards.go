package compliance

import (
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// pboc2016No111 cites the People's Bank of China's 2016 notice on
// credit-card business, in force 2017-01-01.
func pboc2016No111() Citation {
	return Citation{
		Authority: "People's Bank of China (中国人民银行)",
		Title:     "中国人民银行关于信用卡业务有关事项的通知 (Notice on matters related to credit-card business)",
		Number:    "银发〔2016〕111号 (the number as a third party's source notes give it; not seen in the notice itself)",
		Date:      "announced 2016-04-15, in force 2017-01-01",
		Section: "I: the overdraft rate between 0.05% a day and 0.7 times that; III: the late-payment fee (滞纳金) is cancelled, " +
			"liquidated damages (违约金) only as agreed with the holder, no over-limit fee, and no interest on liquidated damages, " +
			"annual fees, cash-withdrawal fees or currency-exchange fees",
		Binds: "credit-card issuers",
		Read: "an English translation at http://www.buxiugangdiaosu.cc/?p=3039; HKTDC, \"PBOC Issues Circular on Matters Related to Credit Card Business\" " +
			"(effective 1 January 2017), http://economists-pick-research.hktdc.com/business-news/article/Regulatory-Alert-China/PBOC-Issues-Circular-on-Matters-Related-to-Credit-Card-Business/bacn/en/1/1X000000/1X0A5VVK.htm; " +
			"CCTV, \"PBOC tightens supervision of credit card rates\", 2016-04-16, http://english.cctv.com/2016/04/16/VIDEjOCOzxZQTho9pNPmodLm160416.shtml",
	}
}

// pboc2020No327 cites the People's Bank of China's 2020 notice that lifted
// the bounds on credit-card overdraft rates from 2021-01-01.
func pboc2020No327() Citation {
	return Citation{
		Authority: "People's Bank of China (中国人民银行)",
		Title:     "中国人民银行关于推进信用卡透支利率市场化改革的通知 (Notice on advancing the market-based reform of credit-card overdraft rates)",
		Number:    "银发〔2020〕327号",
		Date:      "2020-12-31, in force 2021-01-01",
		Section: "the overdraft rate is agreed between issuer and holder; the upper and lower limits (0.05% a day, and 0.7 times that) are cancelled; " +
			"the annualized rate is shown prominently, not only the daily rate or daily repayment",
		Binds: "credit-card issuers",
		Read: "Xinhua via People's Daily Online, \"China lifts credit-card overdraft interest rates limits\", 2021-01-11, http://en.people.cn/n3/2021/0111/c90000-9807874.html; " +
			"China Banking News, 2021-01-11, https://www.chinabankingnews.com/2021/01/11/china-removes-restrictions-on-credit-card-overdraft-rates-for-over-700-million-card-holders/; " +
			"the Chinese wording, number and date as quoted from the PBoC Xining branch's copy " +
			"(https://xining.pbc.gov.cn/zhengwugongkai/4081330/4406346/4693549/4159909/index.html) in a public repository's source notes",
	}
}

// cbirc2022Cards cites the CBIRC's and PBoC's 2022 notice on credit-card
// business.
func cbirc2022Cards() Citation {
	return Citation{
		Authority: "China Banking and Insurance Regulatory Commission and People's Bank of China",
		Title:     "关于进一步促进信用卡业务规范健康发展的通知 (Notice on further promoting the standardized and healthy development of credit-card business)",
		Date:      "reported 2022-07-07",
		Section: "installment business: a minimum starting amount and a maximum, a term of at most 5 years, its cost shown as interest; " +
			"the highest annualized rate shown prominently when the card contract is made",
		Binds: "banking institutions' credit-card business",
		Read: "People's Daily, 2022-07-08, p. 8, reprinted at http://m.09115.cn/jilin/guonei/69695.html; " +
			"Xinhua's report in English at http://lwxsd.com/en/info_view.php?tab=mynews&VID=25968; the notice's number was not found",
	}
}

// OverdraftRateRule (cn.pboc-2020-327.overdraft-rate) compares the
// product's daily interest rate with the range bank credit cards had to
// keep from 2017-01-01 to 2020-12-31: at most 0.05% a day (18.25% a year)
// and at least 0.7 times that, 0.035% (12.775% a year). The range was
// lifted from 2021-01-01, so nothing is broken today: a rate inside it
// passes, one outside it is Info, saying when it would have been broken.
// Value is the daily rate, Limit 0.0005.
func OverdraftRateRule() Rule {
	return Rule{ID: "cn.pboc-2020-327.overdraft-rate", Citation: pboc2020No327(), Check: func(p credit.Product) []Finding {
		in := p.Billing.Interest
		var daily decimal.Decimal
		field := "billing.interest.daily_rate"
		switch in.Method {
		case billing.RemainderAfterDue, billing.FromPosting:
			daily = in.DailyRate
		case billing.DailyBalance:
			daily, field = in.APR.DivRound(decimal.NewFromInt(int64(in.DayBasis)), 12), "billing.interest.apr"
		default:
			return []Finding{{Severity: Pass, Field: "billing.interest.method", Found: "charges no interest on what is carried",
				Requires: "since 2021-01-01 no bound on the rate; its annualized rate shown (none here)"}}
		}
		upper := decimal.RequireFromString("0.0005")
		lower := upper.Mul(decimal.RequireFromString("0.7"))
		found := rawPct(daily.Round(8)) + " a day = " + pct(daily.Mul(days365())) + " a year"
		req := "from 2021-01-01 no bound (the 2017-2020 range was " + rawPct(lower) + " to " + rawPct(upper) + " a day, " +
			rawPct(lower.Mul(days365())) + " to " + rawPct(upper.Mul(days365())) + " a year); the annualized rate shown"
		if daily.GreaterThanOrEqual(lower) && daily.LessThanOrEqual(upper) {
			return []Finding{{Severity: Pass, Field: field, Found: found + ", inside the 2017-2020 range", Requires: req, Value: daily, Limit: upper}}
		}
		return []Finding{{Severity: Info, Field: field, Found: found + ", outside the 2017-2020 range", Requires: req,
			Note:  "a bank credit card at this rate would have broken 银发〔2016〕111号 between 2017-01-01 and 2020-12-31",
			Value: daily, Limit: upper}}
	}}
}

// NoInterestOnChargesRule (cn.pboc-2016-111.no-interest-on-charges) checks
// that nothing charges interest on fees, interest or penalties, which the
// 2016 notice forbids, and that lateness costs liquidated damages rather
// than the cancelled late-payment fee. Billing charges interest on
// principal only, by construction, so interest always passes. A daily
// penalty on the unpaid minimum payment (penalty base overdue_minimum)
// when the minimum includes interest, fees and penalties
// (minimum.plus_charges) runs on charges: a Warning.
func NoInterestOnChargesRule() Rule {
	return Rule{ID: "cn.pboc-2016-111.no-interest-on-charges", Citation: pboc2016No111(), Check: func(p credit.Product) []Finding {
		r := p.Billing
		out := []Finding{{Severity: Pass, Field: "billing.interest",
			Found:    "interest (" + r.Interest.Method.String() + ") runs on unpaid principal only, never on fees, interest or penalties",
			Requires: "no interest on liquidated damages, annual, cash-withdrawal or currency-exchange fees"}}
		if r.Interest.Method == billing.NoInterest {
			out[0].Found = "charges no interest"
		}
		pen := r.Penalty
		switch {
		case pen.Method == billing.OverdueDaily && pen.Base == billing.OverdueMinimum && r.Minimum.PlusCharges:
			out = append(out, Finding{Severity: Warning, Field: "billing.penalty.base",
				Found: "the daily penalty of " + rawPct(pen.DailyRate) + " runs on the unpaid minimum payment, " +
					"which includes interest, fees and earlier penalties (billing.minimum.plus_charges)",
				Requires: "no interest on liquidated damages or fees: a daily charge on them works as interest",
				Note:     "set billing.penalty.base to overdue_balance, which is billed principal and installment fees only"})
		case pen.Method == billing.OverdueDaily:
			f := Finding{Severity: Pass, Field: "billing.penalty.base",
				Found:    "the daily penalty of " + rawPct(pen.DailyRate) + " runs on " + pen.Base.String() + ", never on interest or earlier penalties",
				Requires: "no interest on liquidated damages or fees"}
			if pen.Base == billing.OverdueBalance {
				f.Note = "the base includes billed installment fees: the penalty is liquidated damages, not interest, but a lender may prefer to leave fees out"
			}
			out = append(out, f)
		case pen.Method == billing.LateFees:
			out = append(out, Finding{Severity: Pass, Field: "billing.penalty.fees",
				Found:    "a flat fee for lateness, charged once per tier and never bearing interest",
				Requires: "liquidated damages only as agreed with the holder, in place of the cancelled late-payment fee (滞纳金)",
				Note:     "the holder's agreement is the host's to record"})
		}
		return out
	}}
}

// InstallmentTermRule (cn.cbirc-2022.installment-term) checks that every
// installment plan ends within five years of its start: the sample
// schedule's last due date at most 60 months after the purchase (Value
// and Limit are days from the purchase: 1,826 from 2025-01-15). The
// notice's other installment terms (a minimum and a maximum amount, the
// cost shown as interest) are for the host's pages and the
// annualized-rate rule.
func InstallmentTermRule() Rule {
	return Rule{ID: "cn.cbirc-2022.installment-term", Citation: cbirc2022Cards(), Check: func(p credit.Product) []Finding {
		var out []Finding
		start := Sample{}.start()
		limit := start.AddMonths(60)
		for _, it := range plans(p, Sample{}) {
			if it.Err != nil {
				out = append(out, Finding{Severity: Warning, Field: it.Field, Found: it.What + ": cannot be laid out: " + it.Err.Error(),
					Requires: "a term of at most 5 years"})
				continue
			}
			rows := it.Schedule.Installments
			last := rows[len(rows)-1].Due
			months := decimal.NewFromInt(int64(start.DaysUntil(last))).DivRound(decimal.RequireFromString("30.4375"), 1)
			f := Finding{Severity: Pass, Field: it.Field + ".periods",
				Found:    it.What + ": from " + start.String() + " the last payment is due " + last.String() + ", about " + months.String() + " months later",
				Requires: "a term of at most 5 years (due by " + limit.String() + ")",
				Value:    decimal.NewFromInt(int64(start.DaysUntil(last))), Limit: decimal.NewFromInt(int64(start.DaysUntil(limit)))}
			if last.After(limit) {
				f.Severity = Violation
			}
			out = append(out, f)
		}
		if len(out) == 0 {
			out = append(out, Finding{Severity: Pass, Field: "installments", Found: "offers no installment plan",
				Requires: "installment terms of at most 5 years"})
		}
		return out
	}}
}
