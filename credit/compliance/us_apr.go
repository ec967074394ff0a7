package compliance

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// regZ22a cites Regulation Z's accuracy of a closed-end APR.
func regZ22a() Citation {
	return Citation{
		Authority: "Consumer Financial Protection Bureau",
		Title:     "Regulation Z (Truth in Lending), 12 CFR part 1026, § 1026.22 Determination of annual percentage rate, and Appendix J",
		Number:    "12 CFR 1026.22(a)(1)-(3)",
		Date:      "as in force (the text read carries the Bureau's name, so 2011 or later)",
		Section: "(a)(1): the APR by the actuarial method of Appendix J (or the United States Rule); (a)(2): accurate within 1/8 of 1 percentage point; " +
			"(a)(3): within 1/4 of 1 percentage point in an irregular transaction (multiple advances, irregular payment periods, or irregular payment amounts " +
			"other than an irregular first period or an irregular first or final payment)",
		Binds: "creditors in closed-end consumer credit",
		Read:  "https://frrsdigital.com/topic-by-locator/6-5885 (the Federal Reserve's FRRS copy of § 1026.22(a))",
	}
}

// regZ14 cites Regulation Z's APR for open-end credit.
func regZ14() Citation {
	return Citation{
		Authority: "Consumer Financial Protection Bureau",
		Title:     "Regulation Z (Truth in Lending), 12 CFR part 1026, § 1026.14 Determination of annual percentage rate",
		Number:    "12 CFR 1026.14(a)-(b)",
		Date:      "as in force",
		Section: "(a): accurate within 1/8 of 1 percentage point; (b): the APR is each periodic rate multiplied by the number of periods in a year " +
			"(365 for a daily rate)",
		Binds: "creditors in open-end consumer credit",
		Read:  "https://frrsdigital.com/topic-by-locator/6-5783 (the Federal Reserve's FRRS copy of § 1026.14(a)-(c))",
	}
}

// APRToleranceRule (us.reg-z.1026.22-apr-tolerance) checks, for each
// installment plan on the sample purchase, that the APR billing computes
// (Schedule.AnnualizedRate: the internal rate per period times periods a
// year, as though every period were whole) is within Regulation Z's
// tolerance of the Appendix J actuarial APR (billing.ActuarialAPR, from
// the dated payments and the odd first period): 1/8 of a percentage point,
// or 1/4 when the middle payments differ or due dates roll (irregular). A
// plan outside it is a Violation if the host discloses billing's figure:
// disclose the Appendix J one. Value is the difference and Limit the
// tolerance, as fractions. Pay in 4 has no fee: 0% both ways.
func APRToleranceRule(s Sample) Rule {
	return Rule{ID: "us.reg-z.1026.22-apr-tolerance", Citation: regZ22a(), Check: func(p credit.Product) []Finding {
		var out []Finding
		start := s.start()
		for _, it := range plans(p, s) {
			if it.Err != nil {
				out = append(out, Finding{Severity: Warning, Field: it.Field, Found: it.What + ": no APR: " + it.Err.Error(),
					Requires: "an APR by Appendix J"})
				continue
			}
			actual, irregular, err := actuarial(it, start)
			if err != nil {
				out = append(out, Finding{Severity: Warning, Field: it.Field, Found: it.What + ": no Appendix J APR: " + err.Error(),
					Requires: "an APR by Appendix J"})
				continue
			}
			tol, kind := decimal.RequireFromString("0.00125"), "1/8"
			if irregular {
				tol, kind = decimal.RequireFromString("0.0025"), "1/4"
			}
			diff := it.Simple.Sub(actual)
			f := Finding{Severity: Pass, Field: it.Field,
				Found: it.What + ": APR " + pct(it.Simple) + " by whole periods, " + pct(actual) + " by Appendix J from " + start.String() +
					", " + points(diff.Abs()) + " apart",
				Requires: "an APR within " + kind + " of a percentage point (" + points(tol) + ") of the Appendix J APR",
				Value:    diff.Abs(), Limit: tol}
			if diff.Abs().GreaterThan(tol) {
				f.Severity, f.Note = Violation, "disclose the Appendix J APR, "+pct(actual)+", not the whole-period figure"
			}
			out = append(out, f)
		}
		if len(out) == 0 {
			out = append(out, Finding{Severity: Pass, Field: "installments", Found: "offers no installment plan",
				Requires: "an accurate APR for each closed-end plan"})
		}
		return out
	}}
}

// actuarial returns the Appendix J APR of a laid-out plan, and whether
// the transaction is irregular.
func actuarial(it priced, start calendar.Date) (decimal.Decimal, bool, error) {
	sched := it.Schedule
	advance := sched.Principal
	var pays []billing.DatedAmount
	for _, in := range sched.Installments {
		if in.Period == 0 { // a down payment finances nothing
			advance, _ = advance.Sub(in.Total)
			continue
		}
		pays = append(pays, billing.DatedAmount{Date: in.Due, Amount: in.Total})
	}
	irregular := it.Plan.Due.Roll != calendar.NoRoll
	for i := 2; i < len(pays)-1; i++ {
		if pays[i].Amount != pays[1].Amount {
			irregular = true
		}
	}
	apr, err := billing.ActuarialAPR(start, advance, pays, unitPeriod(it.Plan.Due))
	return apr, irregular, err
}

// unitPeriod returns Appendix J's unit-period for a due rule: months for
// monthly rules, weeks for a multiple of 7 days, else days.
func unitPeriod(r calendar.DateRule) billing.UnitPeriod {
	switch r.Kind {
	case calendar.Monthly:
		return billing.UnitPeriod{Kind: billing.UnitMonths, Count: max(1, r.Months)}
	case calendar.DaysAfter:
		if r.Days > 0 && r.Days%7 == 0 {
			return billing.UnitPeriod{Kind: billing.UnitWeeks, Count: r.Days / 7}
		}
		return billing.UnitPeriod{Kind: billing.UnitDays, Count: max(1, r.Days)}
	}
	return billing.UnitPeriod{Kind: billing.UnitMonths, Count: 1}
}

// OpenEndAPRRule (us.reg-z.1026.14-apr) checks the APR of interest charged
// by a periodic rate. A daily_balance product states its APR and charges
// APR / day basis a day; § 1026.14(b) makes the APR that daily rate × 365,
// so a 360-day basis overstates the daily rate: 24% / 360 = 0.0667% a
// day, × 365 = 24.33%, 0.33 points over the 24% stated, more than the
// 1/8 point allowed: a Violation (Value the difference, Limit 0.00125). A
// product stating only a daily rate is Info: its APR, daily × 365 (Value),
// is what it must disclose.
func OpenEndAPRRule() Rule {
	return Rule{ID: "us.reg-z.1026.14-apr", Citation: regZ14(), Check: func(p credit.Product) []Finding {
		in := p.Billing.Interest
		tol := decimal.RequireFromString("0.00125")
		switch in.Method {
		case billing.DailyBalance:
			daily, err := billing.DailyRateFromAnnual(in.APR, in.DayBasis)
			if err != nil {
				return []Finding{{Severity: Warning, Field: "billing.interest.apr", Found: "no daily rate: " + err.Error(), Requires: "an APR of daily rate × 365"}}
			}
			apr := daily.Decimal().Mul(days365())
			diff := apr.Sub(in.APR).Abs()
			f := Finding{Severity: Pass, Field: "billing.interest.day_basis",
				Found: "states an APR of " + rawPct(in.APR) + " and charges it / " + strconv.Itoa(in.DayBasis) + " = " + rawPct(daily.Decimal().Round(8)) +
					" a day, which × 365 is " + pct4(apr) + ", " + points(diff) + " apart",
				Requires: "the APR disclosed within 1/8 of a percentage point of the daily periodic rate × 365",
				Value:    diff, Limit: tol}
			if diff.GreaterThan(tol) {
				f.Severity, f.Note = Violation, "disclose "+pct(apr)+" or charge on a 365-day year"
			}
			return []Finding{f}
		case billing.RemainderAfterDue, billing.FromPosting:
			apr := in.DailyRate.Mul(days365())
			return []Finding{{Severity: Info, Field: "billing.interest.daily_rate",
				Found:    "states a daily rate of " + rawPct(in.DailyRate) + " (" + in.Method.String() + ")",
				Requires: "an APR of the daily rate × 365 = " + pct(apr) + " disclosed", Value: apr}}
		}
		return []Finding{{Severity: Pass, Field: "billing.interest.method", Found: "charges no interest on what is carried",
			Requires: "an APR for each periodic rate; there is none"}}
	}}
}
