package billing

import (
	"testing"

	"github.com/justspend/justspend/money"
)

// TestPromotionPerPeriodSharedFeeSums: JD's per-period pricing with the
// fee shared. CNY 1,000 on 6 periods at 0.75% a period costs 7.50 a
// period, 45.00; the merchant's 33% is 14.85 and the shopper's 30.15,
// which does not divide by 6. The shopper's rows must still sum to
// 30.15 (5.03 then 5.02 five times, or the remainder in the last period
// on the half-up-last rule), and shopper + merchant + waived be the
// whole 45.00, with and without free periods.
func TestPromotionPerPeriodSharedFeeSums(t *testing.T) {
	for _, split := range []SplitRule{AlipaySplit, HalfUpLastSplit} {
		for _, free := range []int{0, 1, 2, 6, 7} {
			for _, share := range []string{"0.33", "0.3", "0.01", "0.99", "0.123456"} {
				plan := huabeiPlan(6, "0.0075")
				plan.FeeModel, plan.Split, plan.FreePeriods = PerPeriodRate, split, free
				plan.FeePayer, plan.MerchantShare = SharedFee, dec(share)
				s, err := plan.Schedule(cny(100000), day(t, "2025-11-11"), nil)
				if err != nil {
					t.Fatal(err)
				}
				checkSums(t, s)
				if got := s.TotalFee.Units() + s.MerchantFee.Units() + s.PromotionFee.Units(); got != 4500 {
					t.Errorf("%v, %d free, share %s: shopper %v + merchant %v + waived %v = %d, want 4500",
						split, free, share, s.TotalFee, s.MerchantFee, s.PromotionFee, got)
				}
				for _, in := range s.Installments {
					if in.Period <= free && !in.Fee.IsZero() {
						t.Errorf("free period %d charges %v", in.Period, in.Fee)
					}
				}
			}
		}
	}
	// Without a share the per-period fees stay equal.
	plan := huabeiPlan(6, "0.0075")
	plan.FeeModel = PerPeriodRate
	s, err := plan.Schedule(cny(100000), day(t, "2025-11-11"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range s.Installments {
		if in.Fee != money.FromMinor(750, money.CNY) {
			t.Errorf("period %d fee %v, want 7.50", in.Period, in.Fee)
		}
	}
}

// TestPromotionHalfUpSliverOfSharedFee: CNY 1,000.00 on 12 periods at
// 8.8% split half-up-last, the merchant paying 99.92% of the 88.00 fee:
// 87.93, and the shopper 0.07. 0.07 over 12 rounds half-up to 0.01 a
// period, 11 of which are more than 0.07: the fee is laid out rounded
// down instead, 0.07 in the last period, rather than the plan refused
// (which left a purchase approved at checkout that could never post).
func TestPromotionHalfUpSliverOfSharedFee(t *testing.T) {
	plan := huabeiPlan(12, "0.088")
	plan.Split = HalfUpLastSplit
	plan.FeePayer, plan.MerchantShare = SharedFee, dec("0.9992")
	for _, free := range []int{0, 11, 12} {
		plan.FreePeriods = free
		s, err := plan.Schedule(cny(100000), day(t, "2025-11-11"), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkSums(t, s)
		if s.MerchantFee != cny(8793) || s.TotalFee.Units()+s.PromotionFee.Units() != 7 {
			t.Errorf("%d free: merchant %v, shopper %v, waived %v", free, s.MerchantFee, s.TotalFee, s.PromotionFee)
		}
		if last := s.Installments[11]; free < 12 && last.Fee != cny(7) {
			t.Errorf("%d free: last period's fee %v, want 0.07", free, last.Fee)
		}
	}
}
