package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// FuzzPlanSchedule: for any plan, principal parts sum to the principal and
// fee parts to the fee; a zero-fee plan has a zero rate; a larger fee
// never gives a lower rate; an early payoff never exceeds what remains.
func FuzzPlanSchedule(f *testing.F) {
	f.Add(int64(111111), uint8(6), uint16(450), uint8(0), uint8(0), uint8(3), uint8(1))
	f.Add(int64(5), uint8(12), uint16(0), uint8(1), uint8(1), uint8(0), uint8(0))
	f.Add(int64(99999999), uint8(24), uint16(1000), uint8(2), uint8(0), uint8(24), uint8(2))
	f.Fuzz(func(t *testing.T, units int64, periods uint8, bps uint16, model uint8, split uint8, paid uint8, policy uint8) {
		if units <= 0 || units > 1e12 {
			return
		}
		n := int(periods%36) + 1
		rate := decimal.New(int64(bps%2001), -4) // 0 to 20%
		plan := Plan{Periods: n, FeeModel: []FeeModel{TotalRate, PerPeriodRate, NoFee}[model%3], FeeRate: rate, Split: SplitRule(split % 2), Due: monthly, BillDaysBeforeDue: 9}
		if plan.FeeModel == NoFee {
			plan.FeeRate = decimal.Zero
		}
		start := day(t, "2025-01-20")
		s, err := plan.Schedule(cny(units), start, nil)
		if errors.Is(err, ErrInvalidInput) && plan.Split == HalfUpLastSplit {
			return // too few minor units to round half-up over n periods
		}
		if err != nil {
			t.Fatalf("%+v on %d: %v", plan, units, err)
		}
		checkSums(t, s)
		r, err := s.AnnualizedRate()
		if err != nil {
			t.Fatalf("rate: %v", err)
		}
		if s.TotalFee.IsZero() != r.Nominal.IsZero() {
			t.Fatalf("fee %v but nominal rate %s", s.TotalFee, r.Nominal)
		}
		// One basis point more fee never lowers the rate.
		more := plan
		more.FeeModel = TotalRate
		more.FeeRate = plan.FeeRate.Add(decimal.New(1, -4))
		if plan.FeeModel == TotalRate {
			s2, err := more.Schedule(cny(units), start, nil)
			if err == nil {
				r2, err := s2.AnnualizedRate()
				if err != nil || r2.Nominal.LessThan(r.Nominal) {
					t.Fatalf("fee %v gives %s, more fee %v gives %s (%v)", s.TotalFee, r.Nominal, s2.TotalFee, r2.Nominal, err)
				}
			}
		}
		k := int(paid) % (len(s.Installments) + 1)
		remaining := money.Zero(money.CNY)
		for _, in := range s.Installments[k:] {
			remaining, _ = remaining.Add(in.Total)
		}
		for _, on := range []int{0, 15, 45, 400} {
			q, err := s.Payoff(start.AddDays(on), k, PayoffPolicy(policy%3))
			if err != nil {
				t.Fatal(err)
			}
			if c, _ := q.Total.Cmp(remaining); c > 0 {
				t.Fatalf("payoff %v exceeds what remains, %v", q.Total, remaining)
			}
		}
	})
}

// FuzzLoanSchedule: loan schedules also sum exactly and end at zero.
func FuzzLoanSchedule(f *testing.F) {
	f.Add(int64(1000000), uint16(120), uint16(800), uint8(0), uint8(0), uint8(0))
	f.Add(int64(333), uint16(7), uint16(3600), uint8(1), uint8(3), uint8(1))
	f.Fuzz(func(t *testing.T, units int64, periods uint16, bps uint16, shape uint8, dc uint8, basis uint8) {
		if units <= 0 || units > 1e12 {
			return
		}
		loan := Loan{
			Periods: int(periods%360) + 1, AnnualRate: decimal.New(int64(bps%5001), -4),
			Amortization: Amortization(shape % 2), DayCount: DayCount(dc % 5), Interest: InterestBasis(basis % 2),
			PeriodsPerYear: 12, Due: monthly,
		}
		s, err := loan.Schedule(cny(units), day(t, "2024-01-31"), nil)
		if err != nil {
			t.Fatalf("%+v: %v", loan, err)
		}
		checkSums(t, s)
	})
}
