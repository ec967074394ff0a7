package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// TestAlipayRoundingExample is the example of Alipay's published buyer-fee
// rule (Alipay open platform, "买家分期费用计算规则", opendocs.alipay.com/open/277/105952,
// as implemented in pudongping/global-pay HbFqCost.php): RMB 1,111.11 over 6 periods at 4.5%.
func TestAlipayRoundingExample(t *testing.T) {
	s, err := huabeiPlan(6, "0.045").Schedule(cny(111111), day(t, "2025-01-20"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	if s.TotalFee != cny(5000) {
		t.Errorf("total fee %v, want 50.00", s.TotalFee)
	}
	want := [][3]int64{{18521, 835, 19356}, {18518, 833, 19351}, {18518, 833, 19351}, {18518, 833, 19351}, {18518, 833, 19351}, {18518, 833, 19351}}
	for i, in := range s.Installments {
		if got := [3]int64{in.Principal.Units(), in.Fee.Units(), in.Total.Units()}; got != want[i] {
			t.Errorf("period %d: principal, fee, total = %v, want %v", in.Period, got, want[i])
		}
	}
	if due, billed := s.Installments[0].Due, s.Installments[0].Billed; due != day(t, "2025-02-10") || billed != day(t, "2025-02-01") {
		t.Errorf("period 1 due %s billed %s, want 2025-02-10 and 2025-02-01", due, billed)
	}
}

// TestPlans: schedules worked by hand. Each row is principal, fee per
// period 1, period 2 and the last period, in fen.
func TestPlans(t *testing.T) {
	jd := Plan{Periods: 12, FeeModel: PerPeriodRate, FeeRate: dec("0.005"), Due: monthly}
	flat := cny(1000)
	tests := []struct {
		name                string
		plan                Plan
		principal           int64
		totalFee, merchant  int64
		first, second, last [2]int64 // principal, fee
	}{
		// 3,000 at 2.3% in 3: fee 69.00, 1,000 + 23 each.
		{"huabei 3 at 2.3%", huabeiPlan(3, "0.023"), 300000, 6900, 0, [2]int64{100000, 2300}, [2]int64{100000, 2300}, [2]int64{100000, 2300}},
		// 3,000 at 7.5% in 12: fee 225.00, 250 + 18.75 each.
		{"huabei 12 at 7.5%", huabeiPlan(12, "0.075"), 300000, 22500, 0, [2]int64{25000, 1875}, [2]int64{25000, 1875}, [2]int64{25000, 1875}},
		// 1,000 at 2.5% in 3: fee 25.00; 333.33 and 8.33 each, the 0.01s left into period 1.
		{"alipay leftovers", huabeiPlan(3, "0.025"), 100000, 2500, 0, [2]int64{33334, 834}, [2]int64{33333, 833}, [2]int64{33333, 833}},
		// The same, half-up with the remainder last.
		{"half-up, rest last", Plan{Periods: 3, FeeModel: TotalRate, FeeRate: dec("0.025"), Split: HalfUpLastSplit, Due: monthly}, 100000, 2500, 0, [2]int64{33333, 833}, [2]int64{33333, 833}, [2]int64{33334, 834}},
		// 0.05 over 2 half-up: 0.03 and 0.02 (0.025 rounds up).
		{"half-up tie", Plan{Periods: 2, FeeModel: NoFee, Split: HalfUpLastSplit, Due: monthly}, 5, 0, 0, [2]int64{3, 0}, [2]int64{2, 0}, [2]int64{2, 0}},
		// JD Baitiao: 0.5% of the original principal every period: 5.00 on
		// 1,000; 1,000 / 12 is 83.33 with 0.04 left into period 1.
		{"jd per period", jd, 100000, 6000, 0, [2]int64{8337, 500}, [2]int64{8333, 500}, [2]int64{8333, 500}},
		// The merchant pays 4.5% of 1,000: the shopper pays principal only.
		{"merchant pays", Plan{Periods: 6, FeeModel: TotalRate, FeeRate: dec("0.045"), FeePayer: Merchant, Due: monthly}, 100000, 0, 4500, [2]int64{16670, 0}, [2]int64{16666, 0}, [2]int64{16666, 0}},
		// A flat 10.00 fee with the first installment.
		{"flat fee", Plan{Periods: 3, FeeModel: FlatFee, Flat: &flat, Due: monthly}, 90000, 1000, 0, [2]int64{30000, 1000}, [2]int64{30000, 0}, [2]int64{30000, 0}},
		{"no fee, one period", Plan{Periods: 1, Due: monthly}, 12345, 0, 0, [2]int64{12345, 0}, [2]int64{12345, 0}, [2]int64{12345, 0}},
	}
	for _, tt := range tests {
		s, err := tt.plan.Schedule(cny(tt.principal), day(t, "2025-01-15"), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkSums(t, s)
		rows := s.Installments
		got := [3][2]int64{
			{rows[0].Principal.Units(), rows[0].Fee.Units()},
			{rows[min(1, len(rows)-1)].Principal.Units(), rows[min(1, len(rows)-1)].Fee.Units()},
			{rows[len(rows)-1].Principal.Units(), rows[len(rows)-1].Fee.Units()},
		}
		if want := [3][2]int64{tt.first, tt.second, tt.last}; got != want || s.TotalFee.Units() != tt.totalFee || s.MerchantFee.Units() != tt.merchant {
			t.Errorf("%s: rows %v fee %v merchant %v; want %v fee %d merchant %d", tt.name, got, s.TotalFee, s.MerchantFee, want, tt.totalFee, tt.merchant)
		}
	}
}

func TestPayInFour(t *testing.T) {
	plan := Plan{Periods: 3, DownPayment: dec("0.25"), Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}}
	s, err := plan.Schedule(usd(10000), day(t, "2025-03-01"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, s)
	wantDue := []string{"2025-03-01", "2025-03-15", "2025-03-29", "2025-04-12"}
	if len(s.Installments) != 4 {
		t.Fatalf("%d rows, want 4", len(s.Installments))
	}
	for i, in := range s.Installments {
		if in.Period != i || in.Total != usd(2500) || in.Due != day(t, wantDue[i]) {
			t.Errorf("row %d: period %d due %s total %v; want %d, %s, 25.00", i, in.Period, in.Due, in.Total, i, wantDue[i])
		}
	}
	if s.PeriodsPerYear != 26 {
		t.Errorf("PeriodsPerYear = %d, want 26", s.PeriodsPerYear)
	}
}

// TestAnchoredDueDates: monthly installments keep the purchase's day,
// clamped to each month's end.
func TestAnchoredDueDates(t *testing.T) {
	s, err := Plan{Periods: 4, Due: monthly}.Schedule(cny(40000), day(t, "2016-01-31"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"2016-02-29", "2016-03-31", "2016-04-30", "2016-05-31"} {
		if got := s.Installments[i].Due; got != day(t, want) {
			t.Errorf("period %d due %s, want %s", i+1, got, want)
		}
	}
	// Rolled to working days on China's calendar: 10 February 2024 fell
	// in the Spring Festival holiday.
	cn, err := calendar.China()
	if err != nil {
		t.Fatal(err)
	}
	rolled := huabeiPlan(3, "0.023")
	rolled.Due.Roll = calendar.Following
	s, err = rolled.Schedule(cny(300000), day(t, "2024-01-05"), cn)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Installments[0].Due; got != day(t, "2024-02-18") {
		t.Errorf("rolled due date %s, want 2024-02-18 (a make-up Sunday)", got)
	}
}

func TestPlanErrors(t *testing.T) {
	usdFee := usd(100)
	tests := []struct {
		name      string
		plan      Plan
		principal money.Amount
		want      error
	}{
		{"no periods", Plan{Due: monthly}, cny(100), ErrInvalidPlan},
		{"too many periods", Plan{Periods: MaxPeriods + 1, Due: monthly}, cny(100), ErrInvalidPlan},
		{"negative rate", Plan{Periods: 3, FeeModel: TotalRate, FeeRate: dec("-0.01"), Due: monthly}, cny(100), ErrInvalidPlan},
		{"rate above 100%", Plan{Periods: 3, FeeModel: TotalRate, FeeRate: dec("1.5"), Due: monthly}, cny(100), ErrInvalidPlan},
		{"rate on a no-fee plan", Plan{Periods: 3, FeeRate: dec("0.01"), Due: monthly}, cny(100), ErrInvalidPlan},
		{"flat fee missing", Plan{Periods: 3, FeeModel: FlatFee, Due: monthly}, cny(100), ErrInvalidPlan},
		{"flat fee in dollars", Plan{Periods: 3, FeeModel: FlatFee, Flat: &usdFee, Due: monthly}, cny(100), money.ErrCurrencyMismatch},
		{"unknown model", Plan{Periods: 3, FeeModel: 9, Due: monthly}, cny(100), ErrInvalidPlan},
		{"no due rule", Plan{Periods: 3}, cny(100), ErrInvalidPlan},
		{"down payment of 100%", Plan{Periods: 3, DownPayment: dec("1"), Due: monthly}, cny(100), ErrInvalidPlan},
		{"zero principal", Plan{Periods: 3, Due: monthly}, cny(0), ErrInvalidInput},
		{"negative principal", Plan{Periods: 3, Due: monthly}, cny(-100), ErrInvalidInput},
		{"too small to round half-up", Plan{Periods: 10, Split: HalfUpLastSplit, Due: monthly}, cny(5), ErrInvalidInput},
	}
	for _, tt := range tests {
		if _, err := tt.plan.Schedule(tt.principal, day(t, "2025-01-15"), nil); !errors.Is(err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.want)
		}
	}
}
