package billing

import (
	"errors"
	"testing"
)

// TestPayoffPolicies: RMB 1,111.11 over 6 at 4.5% (8.35 then 8.33 of fee
// a period), bought 2025-01-20; periods due on the 10th, billed on the
// 1st. On 5 March, with period 1 paid, period 2 is billed and periods 3-6
// are not.
func TestPayoffPolicies(t *testing.T) {
	s, err := huabeiPlan(6, "0.045").Schedule(cny(111111), day(t, "2025-01-20"), nil)
	if err != nil {
		t.Fatal(err)
	}
	on := day(t, "2025-03-05")
	tests := []struct {
		policy             PayoffPolicy
		fee, waived, total int64
	}{
		{ChargeAllFees, 4165, 0, 92590 + 4165},
		{ChargeBilledFees, 833, 3332, 92590 + 833},
		{ChargeNoFees, 0, 4165, 92590},
	}
	for _, tt := range tests {
		q, err := s.Payoff(on, 1, tt.policy)
		if err != nil {
			t.Fatal(err)
		}
		if q.Principal != cny(92590) || q.Fee != cny(tt.fee) || q.Waived != cny(tt.waived) || q.Total != cny(tt.total) || !q.Interest.IsZero() {
			t.Errorf("%s: %+v", tt.policy, q)
		}
	}
	// Nothing paid, on the purchase day: every fee is unbilled.
	q, err := s.Payoff(day(t, "2025-01-20"), 0, ChargeBilledFees)
	if err != nil || q.Principal != cny(111111) || !q.Fee.IsZero() || q.Waived != cny(5000) {
		t.Errorf("payoff on day one: %+v, %v", q, err)
	}
	// Everything paid: nothing left.
	q, err = s.Payoff(day(t, "2025-08-01"), 6, ChargeAllFees)
	if err != nil || !q.Total.IsZero() {
		t.Errorf("payoff after the last period: %+v, %v", q, err)
	}
}

// TestPayoffInterest: a loan's interest is charged to the payoff date.
// 1,200 at 12% with 100 principal a month from 15 January: period 2 runs
// 15 February to 15 March (28 days, 11.00 of interest); paying off on
// 1 March (14 days in) charges 5.50.
func TestPayoffInterest(t *testing.T) {
	loan := Loan{Periods: 12, AnnualRate: dec("0.12"), Amortization: EqualPrincipal, PeriodsPerYear: 12, Due: monthly}
	s, err := loan.Schedule(cny(120000), day(t, "2025-01-15"), nil)
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.Payoff(day(t, "2025-03-01"), 1, ChargeAllFees)
	if err != nil {
		t.Fatal(err)
	}
	if q.Principal != cny(110000) || q.Interest != cny(550) || q.Total != cny(110550) {
		t.Errorf("quote %+v", q)
	}
	// Period 1 unpaid and overdue on 1 March: its 12.00 in full as well.
	q, err = s.Payoff(day(t, "2025-03-01"), 0, ChargeAllFees)
	if err != nil || q.Interest != cny(1750) {
		t.Errorf("with period 1 overdue: %+v, %v; want 17.50 of interest", q, err)
	}
}

func TestPayoffErrors(t *testing.T) {
	s, _ := huabeiPlan(3, "0.023").Schedule(cny(300000), day(t, "2025-01-20"), nil)
	for name, f := range map[string]func() error{
		"negative paid":  func() error { _, err := s.Payoff(day(t, "2025-02-01"), -1, ChargeAllFees); return err },
		"too many paid":  func() error { _, err := s.Payoff(day(t, "2025-02-01"), 4, ChargeAllFees); return err },
		"before start":   func() error { _, err := s.Payoff(day(t, "2025-01-19"), 0, ChargeAllFees); return err },
		"unknown policy": func() error { _, err := s.Payoff(day(t, "2025-02-01"), 0, 7); return err },
	} {
		if err := f(); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error = %v, want ErrInvalidInput", name, err)
		}
	}
}
