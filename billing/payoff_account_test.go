package billing

import (
	"testing"

	"github.com/justspend/justspend/money"
)

// TestAccountPayoff: Huabei's 12 periods at 8.8% on CNY 3,000 are 250.00
// principal and 22.00 fee a period (fee 264.00). Paying off the next three
// periods not yet billed takes 750.00 of principal; their 66.00 of fees are
// charged or waived as the policy says. Paying off the whole plan after the
// first period is billed takes all 3,000.00 and the fees the policy keeps
// (the billed period's 22.00 under charge_billed).
func TestAccountPayoff(t *testing.T) {
	r := huabeiRules()
	plan := huabeiPlan(12, "0.088")
	for _, tt := range []struct {
		name                    string
		scope                   PayoffScope
		policy                  PayoffPolicy
		principal, fees, waived int64
		debtsLeft               int // pieces of debt the plan still owes after
	}{
		{"three periods, all fees", PayoffScope{Ref: "tv", Periods: 3}, ChargeAllFees, 75000, 6600, 0, 2 * 9},
		{"three periods, billed fees", PayoffScope{Ref: "tv", Periods: 3}, ChargeBilledFees, 75000, 0, 6600, 2 * 9},
		{"the whole plan, billed fees", PayoffScope{Ref: "tv"}, ChargeBilledFees, 300000, 2200, 24200, 0},
		{"the whole plan, no fees", PayoffScope{Ref: "tv"}, ChargeNoFees, 300000, 0, 26400, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAccount(money.CNY, day(t, "2015-01-01"))
			s, err := plan.Schedule(cny(300000), day(t, "2015-01-05"), nil)
			if err != nil {
				t.Fatal(err)
			}
			a = okAccount(t)(a.InstallmentPurchase(r, "tv", day(t, "2015-01-05"), s))
			a, _ = mustClose(t, a, r, "2015-02-01") // bills period 1
			b, q, err := a.PayOff(r, day(t, "2015-02-05"), tt.scope, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			if q.Principal != cny(tt.principal) || q.Fees != cny(tt.fees) || q.Waived != cny(tt.waived) || q.Total != cny(tt.principal+tt.fees) {
				t.Errorf("quote %+v; want principal %d, fees %d, waived %d", q, tt.principal, tt.fees, tt.waived)
			}
			if len(b.Debts) != tt.debtsLeft {
				t.Errorf("%d pieces of debt left, want %d", len(b.Debts), tt.debtsLeft)
			}
			want := owed(t, a).Units() - tt.principal - tt.fees - tt.waived
			if owed(t, b).Units() != want {
				t.Errorf("owed after %v, want %d", owed(t, b), want)
			}
		})
	}
}

// TestAccountPayoffWholeLine: paying off a whole account posts the interest
// and penalties accrued to the day, as a statement would, so that paying
// the quote leaves nothing owed. A 1,000.00 statement missed since its due
// date on 10 February: by 15 February 5 days of 0.05% penalty on 1,000.00
// (2.50) have accrued, and the payoff is 1,002.50.
func TestAccountPayoffWholeLine(t *testing.T) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 100000)
	a, _ = mustClose(t, a, r, "2015-02-01")
	b, q, err := a.PayOff(r, day(t, "2015-02-15"), PayoffScope{}, ChargeBilledFees)
	if err != nil {
		t.Fatal(err)
	}
	if q.Principal != cny(100000) || q.Penalties != cny(250) || q.Total != cny(100250) {
		t.Errorf("quote %+v, want 1,000.00 + 2.50 penalty = 1,002.50", q)
	}
	if len(b.Debts) != 0 || !b.Credit.IsZero() || !owed(t, b).IsZero() || !b.PenaltyAccrued.IsZero() || !b.Overdue.Statement.IsZero() {
		t.Errorf("after the payoff: debts %v, credit %v, overdue %+v", b.Debts, b.Credit, b.Overdue)
	}
}
