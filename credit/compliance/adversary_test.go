package compliance

import (
	"strings"
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// TestComplianceFlatFeeOnSmallestPurchase: a flat RMB 20.00 fee over 3
// months is 12.08% a year on the RMB 1,000.00 sample, but the product
// takes purchases from RMB 100.00, on which the same fee is 128.04% a
// year: the 24% comprehensive-cost rule reports the plan, and the rate to
// show is the higher one. Without a minimum purchase, the plan is priced
// on RMB 1.00. A shopper who pays no flat fee (the merchant pays it, or
// period 1 is free) pays 0%.
func TestComplianceFlatFeeOnSmallestPurchase(t *testing.T) {
	p := credit.Huabei()
	flat := money.FromMinor(2000, money.CNY)
	min := money.FromMinor(10000, money.CNY)
	p.Purchase.Min = &min
	plan := billing.Plan{Name: "flat-3", Periods: 3, FeeModel: billing.FlatFee, Flat: &flat, Due: p.Installments[0].Due, BillDaysBeforeDue: 9}
	p.Installments = append(p.Installments, plan)
	field := "installments[" + string(rune('0'+len(p.Installments)-1)) + "]"
	cost := only1(t, p, ComprehensiveCostRule(Sample{}), field)
	if cost.Severity != Violation || !cost.Value.Equal(dec("1.280366298")) {
		t.Errorf("on RMB 100.00: %+v", cost)
	}
	if shown := only1(t, p, AnnualizedRateRule(Sample{}), field); !shown.Value.Equal(cost.Value) || !strings.Contains(shown.Found, "on CNY 100.00") {
		t.Errorf("the rate to show: %+v", shown)
	}
	p.Purchase.Min = nil
	if f := only1(t, p, ComprehensiveCostRule(Sample{}), field); f.Severity != Violation && f.Severity != Warning {
		t.Errorf("on RMB 1.00: %+v", f)
	}
	for _, free := range []func(*billing.Plan){
		func(pl *billing.Plan) { pl.FeePayer = billing.Merchant },
		func(pl *billing.Plan) { pl.FreePeriods = 1 },
	} {
		q := p
		q.Installments = append([]billing.Plan(nil), p.Installments...)
		free(&q.Installments[len(q.Installments)-1])
		if f := only1(t, q, ComprehensiveCostRule(Sample{}), field); f.Severity != Pass || !f.Value.IsZero() {
			t.Errorf("a flat fee the shopper does not pay: %+v", f)
		}
	}
}

// only1 returns rule's finding about field on p.
func only1(t *testing.T, p credit.Product, rule Rule, name string) Finding {
	t.Helper()
	return field(t, run(t, p, rule), name)
}
