package compliance_test

import (
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/compliance"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Check runs the rules for the product's currency and reports every
// finding; AtLeast picks out those a person must look at.
func ExampleCheck() {
	r, err := compliance.Check(credit.JDBaitiao2014())
	if err != nil {
		panic(err)
	}
	fmt.Println("worst:", r.Worst())
	for _, f := range r.AtLeast(compliance.Warning) {
		fmt.Println(f.Rule, f.Field)
		fmt.Println(" ", f.Found)
	}
	// Output:
	// worst: warning
	// cn.spc-2020.lending-ceiling billing.interest.daily_rate
	//   interest (remainder_after_due) at 0.05% a day: 18.25% a year, 6.2500 percentage points above
}

// A host's own rule, run with a built-in one.
func ExampleRule() {
	maxLine := compliance.Rule{
		ID:       "host.max-line",
		Citation: compliance.Citation{Authority: "Risk committee", Title: "Lines of at most RMB 20,000", Date: "2025-06-01"},
		Check: func(p credit.Product) []compliance.Finding {
			f := compliance.Finding{Severity: compliance.Pass, Field: "max_limit", Found: p.MaxLimit.String(), Requires: "at most CNY 20000.00"}
			if p.MaxLimit.Units() > 2000000 {
				f.Severity = compliance.Violation
			}
			return []compliance.Finding{f}
		},
	}
	r, _ := compliance.Check(credit.Huabei(), maxLine, compliance.InstallmentTermRule())
	fmt.Println(r.Findings[0].Rule, r.Findings[0].Severity, r.Findings[0].Found)
	fmt.Println(r.Worst(), len(r.Findings))
	// Output:
	// host.max-line violation CNY 50000.00
	// violation 9
}

// For picks the rules by the product's currency.
func ExampleFor() {
	for _, p := range credit.Presets() {
		rules := compliance.For(p)
		fmt.Println(p.Name, len(rules), rules[0].ID)
	}
	// Output:
	// huabei-2014 6 cn.pboc-2021-3.annualized-rate
	// huabei 6 cn.pboc-2021-3.annualized-rate
	// jd-baitiao-2014 6 cn.pboc-2021-3.annualized-rate
	// xinyongbao-2013 6 cn.pboc-2021-3.annualized-rate
	// pay-in-4 5 us.reg-z.1026.52b-safe-harbor
}

func ExampleChina() {
	for _, r := range compliance.China() {
		fmt.Println(r.ID, "|", r.Citation.Date)
	}
	// Output:
	// cn.pboc-2021-3.annualized-rate | 2021-03-31
	// cn.pboc-2020-327.overdraft-rate | 2020-12-31, in force 2021-01-01
	// cn.pboc-2016-111.no-interest-on-charges | announced 2016-04-15, in force 2017-01-01
	// cn.cbirc-2022.installment-term | reported 2022-07-07
	// cn.spc-2020.lending-ceiling | amended 2020-08-20
	// cn.comprehensive-cost-24 | reported 2026-01-15 (micro-loan companies)
}

// With the LPR in force when the contract is made: 4 × 3.85% = 15.4%, so
// Huabei's 9-month plan (15.34%) is within it and its 12-month plan
// (15.87%) is not.
func ExampleChinaWith() {
	published, _ := calendar.NewDate(2020, time.July, 20)
	rules := compliance.ChinaWith(compliance.ChinaOptions{
		LPR: compliance.LPR{Rate: decimal.RequireFromString("0.0385"), Published: published},
	})
	r, _ := compliance.Check(credit.Huabei(), rules[4])
	for _, f := range r.Findings[3:5] {
		fmt.Println(f.Field, f.Severity, f.Value.StringFixed(4), "of", f.Limit)
	}
	// Output:
	// installments[2] pass 0.1534 of 0.154
	// installments[3] warning 0.1587 of 0.154
}

func ExampleUS() {
	r, _ := compliance.Check(credit.PayIn4(), compliance.US()...)
	fmt.Println(r.Worst())
	fmt.Println(r.Findings[1].Found)
	// Output:
	// pass
	// the smallest purchase, USD 35.00, is paid in 4 items of at least USD 8.75 (plan "pay-in-4"); a late fee on it is at most USD 7.00 (the USD 7.00 fee, within 25% of the order = USD 8.75)
}

// The host's safe-harbor figures, here the USD 8 of the CFPB's 2024 rule
// that a court vacated: pay in 4's USD 7 would still pass.
func ExampleUSWith() {
	rules := compliance.USWith(compliance.USOptions{SafeHarbor: compliance.SafeHarbor{
		First: money.FromMinor(800, money.USD), Subsequent: money.FromMinor(800, money.USD), As: "USD 8 (2024 rule, vacated)"}})
	r, _ := compliance.Check(credit.PayIn4(), rules[0])
	fmt.Println(r.Findings[0].Severity, r.Findings[0].Value, "of", r.Findings[0].Limit)
	// Output:
	// pass 7 of 8
}

func ExampleDefaultLPR() {
	lpr := compliance.DefaultLPR()
	fmt.Println(lpr.Rate, lpr.Published, "ceiling", lpr.Rate.Mul(decimal.NewFromInt(4)))
	// Output:
	// 0.03 2025-05-20 ceiling 0.12
}

func ExampleDefaultSafeHarbor() {
	h := compliance.DefaultSafeHarbor()
	fmt.Println(h.First, h.Subsequent)
	// Output:
	// USD 30.00 USD 41.00
}

func ExampleReport_String() {
	r, _ := compliance.Check(credit.Xinyongbao2013(), compliance.InstallmentTermRule())
	fmt.Print(r)
	// Output:
	// xinyongbao-2013: 0 violation(s), 0 warning(s), 0 info, 1 pass
	// pass      cn.cbirc-2022.installment-term  installments
	//           found:    offers no installment plan
	//           requires: installment terms of at most 5 years
}

func ExampleReport_AtLeast() {
	r, _ := compliance.Check(credit.Huabei())
	fmt.Println(len(r.Findings), "findings,", len(r.AtLeast(compliance.Info)), "to show or look at,", len(r.AtLeast(compliance.Warning)), "to look at")
	// Output:
	// 39 findings, 19 to show or look at, 9 to look at
}

func ExampleReport_Worst() {
	for _, p := range credit.Presets() {
		r, _ := compliance.Check(p)
		fmt.Println(p.Name, r.Worst())
	}
	// Output:
	// huabei-2014 warning
	// huabei warning
	// jd-baitiao-2014 warning
	// xinyongbao-2013 pass
	// pay-in-4 pass
}

func ExampleCitation_String() {
	fmt.Println(compliance.OverdraftRateRule().Citation.Number)
	fmt.Println(compliance.APRToleranceRule(compliance.Sample{}).Citation)
	// Output:
	// 银发〔2020〕327号
	// Consumer Financial Protection Bureau, Regulation Z (Truth in Lending), 12 CFR part 1026, § 1026.22 Determination of annual percentage rate, and Appendix J, 12 CFR 1026.22(a)(1)-(3), as in force (the text read carries the Bureau's name, so 2011 or later), (a)(1): the APR by the actuarial method of Appendix J (or the United States Rule); (a)(2): accurate within 1/8 of 1 percentage point; (a)(3): within 1/4 of 1 percentage point in an irregular transaction (multiple advances, irregular payment periods, or irregular payment amounts other than an irregular first period or an irregular first or final payment)
}

func ExampleSeverity_MarshalText() {
	b, _ := compliance.Warning.MarshalText()
	fmt.Println(string(b), compliance.Violation)
	// Output:
	// warning violation
}
