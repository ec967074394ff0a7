package billing

import (
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// payIn4Rules are the billing rules of a pay-in-4 product: a statement on
// the 1st, every payment due two weeks after the last, per-item lateness.
func payIn4Rules() Rules {
	return Rules{
		Cycle:      CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}, DueFrom: DueFromPurchase, CutoffHour: 24},
		Penalty:    PenaltyRule{Method: LateFees, PerItem: true, Fees: []LateFee{{AfterDays: 10, Amount: usd(700)}}, CapRate: dec("0.25")},
		Minimum:    MinimumPayment{PlusCharges: true},
		Allocation: ClassicAllocation(),
		Rounding:   money.HalfEven,
	}
}

func payIn4(t *testing.T, price int64, on string) Schedule {
	t.Helper()
	plan := Plan{Periods: 3, DownPayment: dec("0.25"), Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}}
	s, err := plan.Schedule(usd(price), day(t, on), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAllocationPaysEarliestDueFirst: two pay-in-4 orders on one day, their
// periods billed at once. A payment of what falls due on 16 March pays
// both orders' 16 March periods, not one order's 30 March period first.
// (examples/compare found that it did, leaving a period late.)
func TestAllocationPaysEarliestDueFirst(t *testing.T) {
	r := payIn4Rules()
	ok := okAccount(t)
	a := NewAccount(money.USD, day(t, "2015-03-01"))
	a = ok(a.InstallmentPurchase(r, "jacket", day(t, "2015-03-02"), payIn4(t, 20952, "2015-03-02")))
	a = ok(a.InstallmentPurchase(r, "phone", day(t, "2015-03-02"), payIn4(t, 48371, "2015-03-02")))
	a = ok(a.PayInstallment(r, day(t, "2015-03-02"), "jacket", 0, usd(5238)))
	a = ok(a.PayInstallment(r, day(t, "2015-03-02"), "phone", 0, usd(12093)))
	b, _, err := a.Pay(r, day(t, "2015-03-16"), usd(5238+12094))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Debts {
		if !d.Due.After(day(t, "2015-03-16")) {
			t.Errorf("%s period %d due %v still owes %v", d.Ref, d.Period, d.Due, d.Amount)
		}
	}
	if !b.Credit.IsZero() {
		t.Errorf("credit %v", b.Credit)
	}
}

// TestPayInstallment: a down payment pays its own purchase's period 0,
// whatever the allocation would pay first; what the period no longer owes
// is a credit balance, which pays what is billed next.
func TestPayInstallment(t *testing.T) {
	r := payIn4Rules()
	ok := okAccount(t)
	a := NewAccount(money.USD, day(t, "2015-03-01"))
	a = ok(a.InstallmentPurchase(r, "first", day(t, "2015-03-02"), payIn4(t, 10000, "2015-03-02")))
	a = ok(a.PayInstallment(r, day(t, "2015-03-02"), "first", 0, usd(2500)))
	a = ok(a.InstallmentPurchase(r, "second", day(t, "2015-03-02"), payIn4(t, 10000, "2015-03-02")))
	b := ok(a.PayInstallment(r, day(t, "2015-03-02"), "second", 0, usd(2500)))
	for _, d := range b.Debts {
		if d.Period == 0 {
			t.Errorf("%s's down payment still owes %v", d.Ref, d.Amount)
		}
	}
	if !b.Credit.IsZero() || owed(t, b) != usd(15000) {
		t.Errorf("credit %v, owed %v; want 0 and 150.00", b.Credit, owed(t, b))
	}
	if last := b.Lines[len(b.Lines)-1]; last.Kind != PaymentLine || last.Amount != usd(-2500) {
		t.Errorf("last line %+v, want the payment", last)
	}
	// One cent more than period 0 owes: the cent is a credit balance,
	// which at once pays the first purchase's period 1, billed at checkout
	// (its statement has been cut).
	c := ok(a.PayInstallment(r, day(t, "2015-03-02"), "second", 0, usd(2501)))
	if !c.Credit.IsZero() || owed(t, c) != usd(14999) {
		t.Errorf("paying a cent more than the period owes: credit %v, owed %v; want 0 and 149.99", c.Credit, owed(t, c))
	}
	for _, d := range c.Debts {
		if d.Ref == "first" && d.Period == 1 && d.Amount != usd(2499) {
			t.Errorf("the first purchase's period 1 owes %v, want 24.99", d.Amount)
		}
	}
}

// TestInstallmentsOnStatementDay: a purchase on the statement day, after
// that day's statement was cut, bills the periods that statement would
// have billed at once, so none falls due before it is billed; when the
// statement day closes the cycle, the day's own statement bills them.
func TestInstallmentsOnStatementDay(t *testing.T) {
	for _, closes := range []bool{false, true} {
		r := payIn4Rules()
		r.Cycle.StatementDayClosesCycle = closes
		a := okAccount(t)(NewAccount(money.USD, day(t, "2015-02-20")).InstallmentPurchase(r, "order", day(t, "2015-03-01"), payIn4(t, 10000, "2015-03-01")))
		for _, d := range a.Debts {
			billedNow := d.Billed == day(t, "2015-03-01")
			if d.Period <= 2 && billedNow == closes { // periods 0-2 fall due before 1 April
				t.Errorf("statement day closes the cycle %v: period %d (due %v) billed %v", closes, d.Period, d.Due, d.Billed)
			}
		}
	}
}
