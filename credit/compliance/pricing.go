package compliance

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// priced is one way a product charges the shopper for credit, annualized
// the way billing.AnnualizedRate does: Simple is the periodic rate times
// the periods in a year (the PRC "annualized rate (simple)", the US APR),
// Effective the rate compounded over those periods.
type priced struct {
	Field     string // the product field, "billing.interest.daily_rate" or "installments[2]"
	What      string // what is charged, in words with its stated rate
	Simple    decimal.Decimal
	Effective decimal.Decimal
	Detail    string // how the rate was found (the sample schedule), or ""
	Err       error  // the rate could not be found
	Plan      *billing.Plan
	Schedule  billing.Schedule
}

// days365 annualizes a daily rate: 365 days a year, simple.
func days365() decimal.Decimal { return decimal.NewFromInt(365) }

// revolving returns the product's interest on what is carried from a
// statement, annualized, and false if it charges none.
func revolving(p credit.Product) (priced, bool) {
	in := p.Billing.Interest
	switch in.Method {
	case billing.RemainderAfterDue, billing.FromPosting:
		r := in.DailyRate.Mul(days365())
		return priced{Field: "billing.interest.daily_rate", What: "interest (" + in.Method.String() + ") at " + rawPct(in.DailyRate) + " a day",
			Simple: r, Effective: r, Detail: rawPct(in.DailyRate) + " × 365 = " + pct(r)}, true
	case billing.DailyBalance:
		return priced{Field: "billing.interest.apr", What: "interest (daily_balance) at an APR of " + rawPct(in.APR) + " on a " + strconv.Itoa(in.DayBasis) + "-day year",
			Simple: in.APR, Effective: in.APR}, true
	}
	return priced{}, false
}

// penalty returns the product's daily overdue penalty, annualized, and
// false if it charges none by the day.
func penalty(p credit.Product) (priced, bool) {
	pen := p.Billing.Penalty
	if pen.Method != billing.OverdueDaily {
		return priced{}, false
	}
	r := pen.DailyRate.Mul(days365())
	return priced{Field: "billing.penalty.daily_rate", What: "overdue penalty at " + rawPct(pen.DailyRate) + " a day on the " + pen.Base.String(),
		Simple: r, Effective: r, Detail: rawPct(pen.DailyRate) + " × 365 = " + pct(r)}, true
}

// plans lays out every installment plan on the sample purchase and
// annualizes what the shopper pays for it; a flat-fee plan also on the
// smallest purchase the product takes, keeping the higher rate (a flat
// fee weighs most on the least principal).
func plans(p credit.Product, s Sample) []priced {
	wd, err := p.WorkingDays()
	if err != nil {
		wd = nil // a host calendar: plans that roll will say they cannot be laid out
	}
	amount, start := s.amount(p), s.start()
	var out []priced
	for _, list := range []struct {
		field string
		plans []billing.Plan
	}{{"installments", p.Installments}, {"bill_installments", p.BillInstallments}} {
		for i := range list.plans {
			plan := &list.plans[i]
			it := priced{Field: list.field + "[" + strconv.Itoa(i) + "]", What: describePlan(*plan), Plan: plan}
			amounts := []money.Amount{amount}
			if least := smallest(p); plan.FeeModel == billing.FlatFee && least.Units() < amount.Units() {
				// A flat fee does not shrink with the purchase: it costs
				// most on the smallest purchase the product takes.
				amounts = append(amounts, least)
			}
			for k, a := range amounts {
				one := priced{Field: it.Field, What: it.What, Plan: plan}
				sched, err := plan.Schedule(a, start, wd)
				if err == nil {
					var r billing.AnnualizedRate
					if r, err = sched.AnnualizedRate(); err == nil {
						one.Simple, one.Effective, one.Schedule = r.Nominal, r.Effective, sched
						one.Detail = "on " + a.String() + " from " + start.String() + ": the shopper pays " + sched.TotalFee.String() +
							" in fees over " + strconv.Itoa(plan.Periods) + " payments; internal rate " + pct4(r.Periodic) +
							" a period × " + strconv.Itoa(r.PeriodsPerYear) + " = " + pct(r.Nominal) + " simple, " + pct(r.Effective) + " compounded"
					}
				}
				one.Err = err
				if k == 0 || it.Err == nil && (one.Err != nil || one.Simple.GreaterThan(it.Simple)) {
					it = one
				}
			}
			out = append(out, it)
		}
	}
	return out
}

// smallest is the smallest purchase product p takes: Purchase.Min, or one
// unit of its currency (RMB 1.00, USD 1.00) when it sets none.
func smallest(p credit.Product) money.Amount {
	if m := p.Purchase.Min; m != nil && m.IsPositive() && m.Currency() == p.Currency {
		return *m
	}
	units := int64(1)
	for range p.Currency.Digits() {
		units *= 10
	}
	return money.FromMinor(units, p.Currency)
}

// describePlan says what a plan charges in the terms it is stated in.
func describePlan(plan billing.Plan) string {
	n := strconv.Itoa(plan.Periods)
	s := "plan " + strconv.Quote(plan.Name) + ", " + n + " payments"
	if plan.DownPayment.Sign() > 0 {
		s += " after " + rawPct(plan.DownPayment) + " down"
	}
	if plan.FeePayer == billing.Merchant && plan.FeeModel != billing.NoFee {
		return s + ", its fee paid by the merchant"
	}
	switch plan.FeeModel {
	case billing.TotalRate:
		s += ", a fee of " + rawPct(plan.FeeRate) + " of the principal in all"
	case billing.PerPeriodRate:
		s += ", a fee of " + rawPct(plan.FeeRate) + " of the principal each period"
	case billing.FlatFee:
		s += ", a flat fee of " + plan.Flat.String()
	default:
		return s + ", no fee"
	}
	if plan.FeePayer == billing.SharedFee {
		s += ", " + rawPct(plan.MerchantShare) + " of it paid by the merchant"
	}
	switch {
	case plan.FreePeriods >= plan.Periods:
		s += ", every period free to the shopper"
	case plan.FreePeriods == 1:
		s += ", period 1 free to the shopper"
	case plan.FreePeriods > 1:
		s += ", periods 1-" + strconv.Itoa(plan.FreePeriods) + " free to the shopper"
	}
	return s
}

func hundred() decimal.Decimal { return decimal.NewFromInt(100) }

// pct renders a computed rate as a percentage with two places.
func pct(d decimal.Decimal) string { return d.Mul(hundred()).StringFixed(2) + "%" }

// pct4 renders a computed rate as a percentage with four places.
func pct4(d decimal.Decimal) string { return d.Mul(hundred()).StringFixed(4) + "%" }

// points renders a difference of rates in percentage points, four places.
func points(d decimal.Decimal) string { return d.Mul(hundred()).StringFixed(4) + " percentage points" }

// rawPct renders a stated rate as a percentage, exactly.
func rawPct(d decimal.Decimal) string { return d.Mul(hundred()).String() + "%" }
