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

// TestComplianceShopperRate: the rate a rule judges is the one on what
// the shopper pays. Huabei's 12 months at 8.8%, the merchant paying 50%
// and periods 1-3 free, is priced on the shopper's own schedule (its
// internal rate of return, not the stated 8.8%); the same plan paid by
// the merchant costs the shopper 0% and passes; and US Appendix J treats
// the free periods' smaller payments as irregular (1/4 point).
func TestComplianceShopperRate(t *testing.T) {
	p := credit.Huabei()
	k := 3 // 12-month
	plan := &p.Installments[k]
	plan.FeePayer, plan.MerchantShare, plan.FreePeriods = billing.SharedFee, dec("0.5"), 3
	name := "installments[3]"
	s := Sample{}
	sched, err := plan.Schedule(s.amount(p), s.start(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := sched.AnnualizedRate()
	if err != nil {
		t.Fatal(err)
	}
	// 1,000 × 8.8% = 88.00; the shopper's half, 44.00, is 3.66 a period
	// and 0.08 more in period 1; periods 1-3 free leave 9 × 3.66 = 32.94.
	if sched.TotalFee != money.FromMinor(3294, money.CNY) {
		t.Errorf("shopper's fee %v, want 32.94", sched.TotalFee)
	}
	shown := only1(t, p, AnnualizedRateRule(s), name)
	if !shown.Value.Equal(want.Nominal) || !strings.Contains(shown.Note, "only part") {
		t.Errorf("shown %+v; want %s", shown, want.Nominal)
	}
	full := credit.Huabei()
	stated, err := full.Installments[k].Schedule(s.amount(full), s.start(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := stated.AnnualizedRate(); !shown.Value.LessThan(r.Nominal) {
		t.Errorf("the shopper's rate %s is not below the whole fee's %s", shown.Value, r.Nominal)
	}
	plan.FeePayer, plan.MerchantShare = billing.Merchant, dec("0")
	if f := only1(t, p, ComprehensiveCostRule(s), name); f.Severity != Pass || !f.Value.IsZero() {
		t.Errorf("merchant-paid: %+v", f)
	}
	us := usCard()
	us.Installments[0].FreePeriods = 3
	f := only1(t, us, APRToleranceRule(s), "installments[0]")
	if f.Severity != Pass || !f.Limit.Equal(dec("0.0025")) {
		t.Errorf("US plan with free periods: %+v", f)
	}
}
