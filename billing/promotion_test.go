package billing

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// TestFreePeriods: CNY 1,200 on Huabei's 12 periods at 8.8% with 3 of them
// free. The fee is 1,200 × 8.8% = 105.60, 8.80 a period (10,560 fen
// divide by 12 exactly); periods 1-3 are waived, 26.40, and the shopper
// pays 8.80 in periods 4-12, 79.20 in all.
func TestFreePeriods(t *testing.T) {
	plan := huabeiPlan(12, "0.088")
	plan.FreePeriods = 3
	s, err := plan.Schedule(cny(120000), day(t, "2025-11-11"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.TotalFee != cny(7920) || s.PromotionFee != cny(2640) || s.MerchantFee != cny(0) {
		t.Fatalf("shopper %v, waived %v, merchant %v; want 79.20, 26.40, 0", s.TotalFee, s.PromotionFee, s.MerchantFee)
	}
	for _, in := range s.Installments {
		want := int64(880)
		if in.Period <= 3 {
			want = 0
		}
		if in.Fee.Units() != want || in.Principal != cny(10000) {
			t.Errorf("period %d: %v + %v, want 100.00 + %d fen", in.Period, in.Principal, in.Fee, want)
		}
	}
}

// TestSharedFee: the merchant and the shopper share the fee. CNY 1,111.11
// on 12 periods at 8.8%: 97.7776... rounds to 97.78; the merchant's 30% is
// 29.334, 29.33 half-even; the shopper's 68.45 is 5.70 a period with the
// 0.05 left over in period 1 (Alipay's rule): 5.75, then 5.70. With 3 free
// periods, 5.75 + 5.70 + 5.70 = 17.15 is waived and the shopper pays 9 ×
// 5.70 = 51.30; 29.33 + 17.15 + 51.30 = 97.78.
func TestSharedFee(t *testing.T) {
	plan := huabeiPlan(12, "0.088")
	plan.FeePayer, plan.MerchantShare = SharedFee, dec("0.3")
	s, err := plan.Schedule(cny(111111), day(t, "2025-11-11"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.TotalFee != cny(6845) || s.MerchantFee != cny(2933) || !s.PromotionFee.IsZero() {
		t.Fatalf("shopper %v, merchant %v, waived %v; want 68.45, 29.33, none", s.TotalFee, s.MerchantFee, s.PromotionFee)
	}
	if f1, f2 := s.Installments[0].Fee, s.Installments[1].Fee; f1 != cny(575) || f2 != cny(570) {
		t.Errorf("fees %v, %v; want 5.75, 5.70", f1, f2)
	}
	plan.FreePeriods = 3
	if s, err = plan.Schedule(cny(111111), day(t, "2025-11-11"), nil); err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.TotalFee != cny(5130) || s.MerchantFee != cny(2933) || s.PromotionFee != cny(1715) {
		t.Fatalf("shopper %v, merchant %v, waived %v; want 51.30, 29.33, 17.15", s.TotalFee, s.MerchantFee, s.PromotionFee)
	}
}

// TestFreePeriodsEdges: every period free; a flat fee paid with a down
// payment counts as period 1's; a plan without a fee waives nothing; a
// per-period fee waives whole periods.
func TestFreePeriodsEdges(t *testing.T) {
	all := huabeiPlan(3, "0.025")
	all.FreePeriods = 5 // more than the plan has: all of them
	s, err := all.Schedule(cny(100000), day(t, "2025-01-20"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if !s.TotalFee.IsZero() || s.PromotionFee != cny(2500) {
		t.Errorf("all free: shopper %v, waived %v; want 0 and 25.00", s.TotalFee, s.PromotionFee)
	}
	flat := cny(500)
	payIn4 := Plan{Periods: 3, FeeModel: FlatFee, Flat: &flat, DownPayment: dec("0.25"), Due: monthly, FreePeriods: 1}
	if s, err = payIn4.Schedule(cny(10000), day(t, "2025-01-20"), nil); err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if !s.TotalFee.IsZero() || s.PromotionFee != flat || s.Installments[0].Total != cny(2500) {
		t.Errorf("flat fee up front: shopper %v, waived %v, down payment %v; want 0, 5.00, 25.00", s.TotalFee, s.PromotionFee, s.Installments[0].Total)
	}
	none := Plan{Periods: 4, Due: monthly, FreePeriods: 2}
	if s, err = none.Schedule(cny(10000), day(t, "2025-01-20"), nil); err != nil {
		t.Fatal(err)
	}
	if s.PromotionFee != (money.Amount{}) {
		t.Errorf("no fee: waived %v, want the zero Amount", s.PromotionFee)
	}
	jd := Plan{Periods: 12, FeeModel: PerPeriodRate, FeeRate: dec("0.005"), Due: monthly, FreePeriods: 2}
	if s, err = jd.Schedule(cny(100000), day(t, "2025-01-20"), nil); err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.PromotionFee != cny(1000) || s.TotalFee != cny(5000) { // 5.00 a period, 2 of 12 free
		t.Errorf("per period: waived %v, shopper %v; want 10.00 and 50.00", s.PromotionFee, s.TotalFee)
	}
}

// TestSharedFeeValidation: a share is given exactly when the fee is shared,
// strictly between 0 and 1, with no more digits than a rate has.
func TestSharedFeeValidation(t *testing.T) {
	long := decimal.RequireFromString("0.1234567890123456789012345678901234567890123")
	for _, tc := range []struct {
		name  string
		edit  func(*Plan)
		field string
	}{
		{"shared without share", func(p *Plan) { p.FeePayer = SharedFee }, "merchant_share"},
		{"share of 1", func(p *Plan) { p.FeePayer, p.MerchantShare = SharedFee, dec("1") }, "merchant_share"},
		{"negative share", func(p *Plan) { p.FeePayer, p.MerchantShare = SharedFee, dec("-0.1") }, "merchant_share"},
		{"share without sharing", func(p *Plan) { p.MerchantShare = dec("0.5") }, "merchant_share"},
		{"share with merchant payer", func(p *Plan) { p.FeePayer, p.MerchantShare = Merchant, dec("0.5") }, "merchant_share"},
		{"too many digits", func(p *Plan) { p.FeePayer, p.MerchantShare = SharedFee, long }, "merchant_share"},
		{"unknown payer", func(p *Plan) { p.FeePayer = SharedFee + 1 }, "fee_payer"},
		{"negative free periods", func(p *Plan) { p.FreePeriods = -1 }, "free_periods"},
		{"too many free periods", func(p *Plan) { p.FreePeriods = MaxPeriods + 1 }, "free_periods"},
	} {
		p := huabeiPlan(6, "0.045")
		tc.edit(&p)
		var pe *PlanError
		if err := p.Validate(); !errors.As(err, &pe) || pe.Field != tc.field || !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("%s: %v, want a PlanError on %s", tc.name, err, tc.field)
		}
	}
	ok := huabeiPlan(6, "0.045")
	ok.FeePayer, ok.MerchantShare, ok.FreePeriods = SharedFee, dec("0.25"), 6
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestSharedFeeJSON: the new fields round-trip, and a plan without them
// writes the bytes it wrote before they existed.
func TestSharedFeeJSON(t *testing.T) {
	p := huabeiPlan(6, "0.045")
	before, _ := json.Marshal(p)
	if string(before) != `{"periods":6,"fee_model":"total_rate","fee_rate":"0.045","fee_payer":"buyer","split":"alipay","due":{"kind":"day_of_month_after","day":10,"months":1},"bill_days_before_due":9,"down_payment":"0"}` {
		t.Errorf("a plan without promotions writes %s", before)
	}
	p.FeePayer, p.MerchantShare, p.FreePeriods = SharedFee, dec("0.5"), 2
	b, _ := json.Marshal(p)
	var back Plan
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.FeePayer != SharedFee || !back.MerchantShare.Equal(dec("0.5")) || back.FreePeriods != 2 {
		t.Errorf("round trip of %s: %+v", b, back)
	}
}

// TestPlanFits: Fits says whether Schedule can lay a principal out, for
// every split. Over 12 periods rounded half-up, 0.06 to 0.10 would be
// 0.01 a period, 0.11 for the first eleven: too few; 0.11 fits (0.00 in
// the last), as do 0.05 (0.00 a period, 0.05 in the last) and any amount under
// Alipay's rule (rounded down, the rest in period 1). A pay-in-4 plan
// splits what its 25% down payment leaves: 0.07 leaves 0.05 over 3.
func TestPlanFits(t *testing.T) {
	halfUp := Plan{Periods: 12, Split: HalfUpLastSplit, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}
	alipay := halfUp
	alipay.Split = AlipaySplit
	payIn4 := Plan{Periods: 3, Split: HalfUpLastSplit, DownPayment: decimal.RequireFromString("0.25"), Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}
	start, _ := calendar.ParseDate("2025-11-11")
	for _, tc := range []struct {
		name string
		plan Plan
		fen  int64
		fits bool
	}{
		{"half-up 0.07", halfUp, 7, false},
		{"half-up 0.06", halfUp, 6, false},
		{"half-up 0.10", halfUp, 10, false},
		{"half-up 0.11", halfUp, 11, true},
		{"half-up 0.12", halfUp, 12, true},
		{"half-up 0.05", halfUp, 5, true},
		{"alipay 0.07", alipay, 7, true},
		{"pay in 4, 0.07", payIn4, 7, true},
		{"zero", alipay, 0, false},
		{"negative", alipay, -1, false},
	} {
		amount := money.FromMinor(tc.fen, money.CNY)
		err := tc.plan.Fits(amount)
		if (err == nil) != tc.fits {
			t.Errorf("%s: Fits = %v, want fits %v", tc.name, err, tc.fits)
		}
		if tc.fen > 0 {
			if _, serr := tc.plan.Schedule(amount, start, nil); (serr == nil) != (err == nil) {
				t.Errorf("%s: Fits %v but Schedule %v", tc.name, err, serr)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = halfUp.Fits(money.FromMinor(120000, money.CNY)) }); n != 0 {
		t.Errorf("Fits allocates %v times", n)
	}
}
