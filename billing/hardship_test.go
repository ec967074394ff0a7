package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func hardshipRules() Rules {
	rate := dec("0.0005")
	return Rules{
		Cycle:      CycleRule{StatementDay: 1, CutoffHour: 24, StatementDayClosesCycle: true, Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10}},
		Interest:   InterestRule{Method: RemainderAfterDue, DailyRate: rate},
		Penalty:    PenaltyRule{Method: OverdueDaily, DailyRate: rate, ReplacesInterest: true},
		Minimum:    MinimumPayment{NewPrincipalRate: dec("0.1"), CarriedPrincipalRate: dec("0.1"), PlusCharges: true},
		Allocation: HuabeiAllocation(),
		Rounding:   money.HalfEven,
	}
}

// A deferred statement of 1,000.00 paid only its minimum (100.00) by the
// new due date draws interest on the 900.00 left from the day after the
// new due date, not the old one: 10 April to 1 May (the statement day closes
// the cycle) is 22 days at 0.05%, 9.90; a fee of 5.00 is billed on the
// next statement.
func TestDeferWorkedNumbers(t *testing.T) {
	r := hardshipRules()
	a := NewAccount(money.CNY, day(t, "2020-02-01"))
	a, err := a.Purchase(r, "order-1", day(t, "2020-02-05"), cny(100000), RegularDebt, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err = a.CloseStatement(r, day(t, "2020-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Defer(r, day(t, "2020-03-11"), day(t, "2020-04-09"), cny(0)); err == nil {
		t.Fatal("a late statement deferred")
	}
	if _, err := a.Defer(r, day(t, "2020-03-05"), day(t, "2020-03-10"), cny(0)); err == nil {
		t.Fatal("a deferral to the due date itself taken")
	}
	var ie *InputError
	if _, err := a.Defer(r, day(t, "2020-03-05"), day(t, "2020-04-09"), usd(1)); !errors.As(err, &ie) || ie.Arg != "fee" {
		t.Fatalf("fee in another currency: %v", err)
	}
	b, err := a.Defer(r, day(t, "2020-03-05"), day(t, "2020-04-09"), cny(500))
	if err != nil {
		t.Fatal(err)
	}
	if a.Last.Due != day(t, "2020-03-10") {
		t.Fatal("Defer changed its receiver")
	}
	for _, d := range b.Debts {
		if d.Ref == "order-1" && d.Due != day(t, "2020-04-09") {
			t.Fatalf("debt due %v", d.Due)
		}
	}
	if b, _, err = b.Pay(r, day(t, "2020-04-09"), cny(10000)); err != nil {
		t.Fatal(err)
	}
	b, st, err := b.CloseStatement(r, day(t, "2020-05-01"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Reconcile(); err != nil {
		t.Fatal(err)
	}
	got := map[LineKind]money.Amount{}
	for _, ln := range st.Lines {
		got[ln.Kind] = ln.Amount
	}
	if got[InterestLine] != cny(990) || got[FeeLine] != cny(500) || got[PenaltyLine].IsPositive() {
		t.Fatalf("lines %v", st.Lines)
	}
	if st.Closing != cny(90000+990+500) {
		t.Fatalf("closing %v", st.Closing)
	}
	if !b.Overdue.Statement.IsZero() {
		t.Fatal("overdue after the minimum was paid by the new due date")
	}
}

func TestRescheduleRefusals(t *testing.T) {
	r := hardshipRules()
	a := NewAccount(money.CNY, day(t, "2020-02-01"))
	a, _ = a.Purchase(r, "order-1", day(t, "2020-02-05"), cny(100000), RegularDebt, decimal.Zero)
	if _, _, err := a.Reschedule(r, day(t, "2020-02-06"), "order-1", huabeiPlan(12, "0.088")); err == nil {
		t.Fatal("a purchase not on installments rescheduled")
	}
	p := huabeiPlan(3, "0")
	p.DownPayment = dec("0.25")
	if _, _, err := a.Reschedule(r, day(t, "2020-02-06"), "order-1", p); err == nil {
		t.Fatal("a plan with a down payment taken")
	}
}
