package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// chargeOffStory runs an account through events and statements: a
// statement on every 1st, and each event on its day.
type chargeOffStory struct {
	t     *testing.T
	r     Rules
	a     Account
	today calendar.Date
	sts   []Statement
}

func newStory(t *testing.T, r Rules, opened string) *chargeOffStory {
	return &chargeOffStory{t: t, r: r, a: NewAccount(money.CNY, day(t, opened)), today: day(t, opened)}
}

// to brings the account to the end of day s, cutting statements on the way.
func (s *chargeOffStory) to(on string) {
	s.t.Helper()
	end := day(s.t, on)
	for d := s.today.AddDays(1); !d.After(end); d = d.AddDays(1) {
		if d.Day() == s.r.Cycle.StatementDay {
			var st Statement
			var err error
			if s.a, st, err = s.a.CloseStatement(s.r, d); err != nil {
				s.t.Fatalf("statement %v: %v", d, err)
			}
			if err := st.Reconcile(); err != nil {
				s.t.Fatal(err)
			}
			s.sts = append(s.sts, st)
		}
	}
	var err error
	if s.a, err = s.a.AccrueThrough(s.r, end); err != nil {
		s.t.Fatal(err)
	}
	s.today = end
}

func (s *chargeOffStory) pay(on string, units int64) {
	s.t.Helper()
	s.to(on)
	var err error
	if s.a, _, err = s.a.Pay(s.r, day(s.t, on), cny(units)); err != nil {
		s.t.Fatal(err)
	}
}

// linesOf returns the lines of kind k since the account opened.
func (s *chargeOffStory) linesOf(k LineKind) []Line {
	var out []Line
	for _, st := range s.sts {
		for _, ln := range st.Lines {
			if ln.Kind == k {
				out = append(out, ln)
			}
		}
	}
	for _, ln := range s.a.Lines {
		if ln.Kind == k {
			out = append(out, ln)
		}
	}
	return out
}

func (s *chargeOffStory) sum(k LineKind) int64 {
	var n int64
	for _, ln := range s.linesOf(k) {
		n += ln.Amount.Units()
	}
	return n
}

// RMB 1,000 bought on 5 March 2015 and never paid, on Huabei's rules
// charging off after 90 days past due and writing off up to RMB 10. The
// statement of 1 April bills it, due 10 April; from 11 April it is
// overdue and draws 0.05% a day, RMB 0.50, on the RMB 1,000 (the penalty
// replaces interest). It is charged off at the start of 10 July, its 91st
// day past due: 90 days of penalty, RMB 45.00 (10.50 posted on 1 May for
// 21 days, 15.50 on 1 June for 31, 15.00 on 1 July for 30, and 4.00 for 2
// to 9 July posted at the charge-off), so RMB 1,045.00 is charged off.
// Nothing accrues after it. A recovery of RMB 300 on 20 July leaves
// 745.00; a payment of 737.00 on 5 August leaves 8.00, which is written
// off.
func TestChargeOffHuabeiWorked(t *testing.T) {
	r := huabeiRules()
	r.ChargeOff = ChargeOffRule{AfterDays: 90}
	r.WriteOff = WriteOffRule{UpTo: cny(1000)}
	s := newStory(t, r, "2015-03-01")
	s.to("2015-03-05")
	var err error
	if s.a, err = s.a.Purchase(r, "order-1", day(t, "2015-03-05"), cny(100000), RegularDebt, decimal.Zero); err != nil {
		t.Fatal(err)
	}
	s.to("2015-07-09")
	if s.a.ChargedOff() {
		t.Fatalf("charged off on %v, before its 91st day past due", s.a.ChargeOff.On)
	}
	since, overdue := s.a.PastDueSince(day(t, "2015-07-09"))
	if !overdue || since != day(t, "2015-04-10") || since.DaysUntil(day(t, "2015-07-09")) != 90 {
		t.Fatalf("past due since %v (%v), want 2015-04-10, 90 days on 9 July", since, overdue)
	}
	for i, want := range []int64{1050, 1550, 1500} { // 1 May, 1 June, 1 July
		if got := s.sts[i+1].Lines[0]; got.Kind != PenaltyLine || got.Amount.Units() != want {
			t.Errorf("statement %v: first line %+v, want a penalty of %d", s.sts[i+1].Date, got, want)
		}
	}

	s.to("2015-07-10")
	co := s.a.ChargeOff
	if co.On != day(t, "2015-07-10") || co.Since != day(t, "2015-04-10") || co.Amount != cny(104500) || co.Balance != cny(104500) || !co.Recovered.IsZero() {
		t.Fatalf("charge-off %+v, want RMB 1,045.00 on 2015-07-10, past due since 2015-04-10", co)
	}
	if got := s.sum(PenaltyLine); got != 4500 {
		t.Errorf("penalties %d, want 4500 (90 days at RMB 0.50)", got)
	}
	if got := owed(t, s.a); got != cny(104500) {
		t.Errorf("owed %v after the charge-off, want RMB 1,045.00: the holder owes the same", got)
	}
	if !s.a.Overdue.Statement.IsZero() {
		t.Errorf("a charged-off account is overdue: %+v", s.a.Overdue)
	}
	pair := s.a.Lines[len(s.a.Lines)-2:]
	if pair[0].Kind != ChargeOffLine || pair[0].Amount != cny(-104500) || pair[1].Kind != ChargedOffLine || pair[1].Amount != cny(104500) {
		t.Errorf("charge-off lines %+v", pair)
	}
	for _, d := range s.a.Debts {
		if !d.ChargedOff {
			t.Errorf("debt %+v is not marked charged off", d)
		}
	}

	// Nothing accrues after the charge-off, over statements and months.
	s.to("2015-07-19")
	if !s.a.PenaltyAccrued.IsZero() || !s.a.InterestAccrued.IsZero() || owed(t, s.a) != cny(104500) {
		t.Fatalf("accrued after the charge-off: penalty %v, interest %v, owed %v", s.a.PenaltyAccrued.Decimal(), s.a.InterestAccrued.Decimal(), owed(t, s.a))
	}

	s.pay("2015-07-20", 30000)
	if got := s.a.Lines[len(s.a.Lines)-1]; got.Kind != RecoveryLine || got.Amount != cny(-30000) {
		t.Errorf("the payment's line %+v, want a recovery of RMB 300.00", got)
	}
	if co := s.a.ChargeOff; co.Recovered != cny(30000) || co.Balance != cny(74500) {
		t.Errorf("after the recovery %+v, want 300.00 recovered and 745.00 owed", co)
	}

	s.pay("2015-08-05", 73700)
	co = s.a.ChargeOff
	if co.Recovered != cny(103700) || co.WrittenOff != cny(800) || !co.Balance.IsZero() || len(s.a.Debts) != 0 || owed(t, s.a) != cny(0) {
		t.Fatalf("after paying all but 8.00: %+v, debts %v", co, s.a.Debts)
	}
	if got := s.a.Lines[len(s.a.Lines)-1]; got.Kind != WriteOffLine || got.Amount != cny(-800) || got.Ref != ChargeOffRef {
		t.Errorf("last line %+v, want RMB 8.00 written off", got)
	}

	// The statement of 1 August shows the charge-off and the recovery;
	// that of 1 September the last recovery and the write-off. Each
	// reconciles; the one of 1 August bills a balance due in full.
	s.to("2015-09-01")
	aug, sep := s.sts[len(s.sts)-2], s.sts[len(s.sts)-1]
	if aug.Date != day(t, "2015-08-01") || aug.Minimum != aug.Balance || aug.Balance != cny(74500) {
		t.Errorf("statement of %v: balance %v, minimum %v; want 745.00 due in full", aug.Date, aug.Balance, aug.Minimum)
	}
	kinds := func(st Statement) (out []LineKind) {
		for _, ln := range st.Lines {
			out = append(out, ln.Kind)
		}
		return out
	}
	if got := kinds(aug); len(got) != 4 || got[0] != PenaltyLine || got[1] != ChargeOffLine || got[2] != ChargedOffLine || got[3] != RecoveryLine {
		t.Errorf("August lines %v", got)
	}
	if got := kinds(sep); len(got) != 2 || got[0] != RecoveryLine || got[1] != WriteOffLine || !sep.Closing.IsZero() {
		t.Errorf("September lines %v, closing %v", got, sep.Closing)
	}
}

// A debt that arises on a charged-off account is charged off the day it
// arises, and a payment beyond the charged-off balance is a credit
// balance.
func TestChargeOffLaterDebtAndOverpayment(t *testing.T) {
	r := huabeiRules()
	r.ChargeOff = ChargeOffRule{AfterDays: 30}
	s := newStory(t, r, "2015-03-01")
	s.to("2015-03-05")
	var err error
	if s.a, err = s.a.Purchase(r, "a", day(t, "2015-03-05"), cny(50000), RegularDebt, decimal.Zero); err != nil {
		t.Fatal(err)
	}
	s.to("2015-05-15") // due 10 April: charged off on 11 May
	if s.a.ChargeOff.On != day(t, "2015-05-11") {
		t.Fatalf("charged off on %v, want 2015-05-11", s.a.ChargeOff.On)
	}
	before := s.a.ChargeOff.Amount
	if s.a, err = s.a.Purchase(r, "b", day(t, "2015-05-15"), cny(2000), RegularDebt, decimal.Zero); err != nil {
		t.Fatal(err)
	}
	if got, want := s.a.ChargeOff.Amount.Units(), before.Units()+2000; got != want || s.a.ChargeOff.Balance.Units() != want {
		t.Fatalf("charged off %v (balance %v) after a later purchase, want %d", s.a.ChargeOff.Amount, s.a.ChargeOff.Balance, want)
	}
	bal := s.a.ChargeOff.Balance.Units()
	s.pay("2015-05-20", bal+1234)
	if !s.a.Credit.Equal(cny(1234)) || len(s.a.Debts) != 0 || s.a.ChargeOff.Recovered.Units() != bal {
		t.Fatalf("after an overpayment: credit %v, debts %v, %+v", s.a.Credit, s.a.Debts, s.a.ChargeOff)
	}
	last := s.a.Lines[len(s.a.Lines)-2:]
	if last[0].Kind != RecoveryLine || last[0].Amount.Units() != -bal || last[1].Kind != PaymentLine || last[1].Amount != cny(-1234) {
		t.Errorf("lines %+v", last)
	}
	if _, _, err := s.a.PayOff(r, day(t, "2015-05-20"), PayoffScope{}, ChargeAllFees); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("a payoff of a charged-off account: %v", err)
	}
}

// An installment plan is charged off whole: its future periods are billed
// and fall due on the day of the charge-off.
func TestChargeOffInstallments(t *testing.T) {
	r := huabeiRules()
	r.ChargeOff = ChargeOffRule{AfterDays: 60}
	s := newStory(t, r, "2015-03-01")
	s.to("2015-03-05")
	sch, err := huabeiPlan(12, "0.088").Schedule(cny(120000), day(t, "2015-03-05"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.a, err = s.a.InstallmentPurchase(r, "plan", day(t, "2015-03-05"), sch); err != nil {
		t.Fatal(err)
	}
	s.to("2015-07-31")
	co := s.a.ChargeOff
	if co.IsZero() {
		t.Fatal("not charged off")
	}
	// The first period, due 10 April, is 61 days past due on 10 June.
	if co.On != day(t, "2015-06-10") || co.Since != day(t, "2015-04-10") {
		t.Errorf("charged off on %v, past due since %v; want 2015-06-10 and 2015-04-10", co.On, co.Since)
	}
	want := sch.Principal.Units() + sch.TotalFee.Units() + s.sum(PenaltyLine) + s.sum(InterestLine)
	if co.Amount.Units() != want {
		t.Errorf("charged off %v, want the whole plan with its penalties, %d", co.Amount, want)
	}
	for _, d := range s.a.Debts {
		if d.Billed.IsZero() || d.Due.After(co.On) {
			t.Errorf("debt %+v is not billed and due by the charge-off", d)
		}
	}
}

// China's tolerance repayment: a statement paid in full but RMB 8.00 is
// deemed paid on the day after its due date; the 8.00 is written off, and
// neither interest nor penalty follows. RMB 10.01 left is not.
func TestWriteOffTolerance(t *testing.T) {
	for _, c := range []struct {
		left      int64
		writesOff bool
	}{{800, true}, {1000, true}, {1001, false}} {
		r := huabeiRules()
		r.WriteOff = WriteOffRule{UpTo: cny(1000)}
		s := newStory(t, r, "2015-03-01")
		s.to("2015-03-05")
		var err error
		if s.a, err = s.a.Purchase(r, "a", day(t, "2015-03-05"), cny(100000), RegularDebt, decimal.Zero); err != nil {
			t.Fatal(err)
		}
		s.pay("2015-04-10", 100000-c.left)
		s.to("2015-05-01")
		may := s.sts[len(s.sts)-1]
		if !c.writesOff {
			// The 10.01 draws interest from 11 April: 10.01 × 0.05% × 21 days.
			if len(s.linesOf(WriteOffLine)) != 0 || may.Closing.Units() != c.left+11 {
				t.Errorf("%d left: closing %v, write-offs %v", c.left, may.Closing, s.linesOf(WriteOffLine))
			}
			continue
		}
		wo := s.linesOf(WriteOffLine)
		if len(wo) != 1 || wo[0].Amount.Units() != -c.left || wo[0].Date != day(t, "2015-04-11") || wo[0].Ref != ToleranceRef {
			t.Errorf("%d left: write-offs %+v", c.left, wo)
		}
		if !may.Closing.IsZero() || s.sum(InterestLine) != 0 || s.sum(PenaltyLine) != 0 || !s.a.Overdue.Statement.IsZero() {
			t.Errorf("%d left: closing %v, interest %d, penalty %d, overdue %+v", c.left, may.Closing, s.sum(InterestLine), s.sum(PenaltyLine), s.a.Overdue)
		}
	}
}

// The zero rules neither charge off nor write off, however long an
// account is past due.
func TestChargeOffZeroRules(t *testing.T) {
	s := newStory(t, huabeiRules(), "2015-03-01")
	s.to("2015-03-05")
	var err error
	if s.a, err = s.a.Purchase(s.r, "a", day(t, "2015-03-05"), cny(500), RegularDebt, decimal.Zero); err != nil {
		t.Fatal(err)
	}
	s.to("2017-03-05")
	if s.a.ChargedOff() || len(s.linesOf(WriteOffLine)) != 0 || s.a.Overdue.Statement.IsZero() {
		t.Errorf("the zero rules: charge-off %+v, write-offs %v, overdue %+v", s.a.ChargeOff, s.linesOf(WriteOffLine), s.a.Overdue)
	}
}

func TestChargeOffRulesValidate(t *testing.T) {
	for _, c := range []struct {
		r     Rules
		field string
	}{
		{Rules{ChargeOff: ChargeOffRule{AfterDays: -1}}, "charge_off.after_days"},
		{Rules{ChargeOff: ChargeOffRule{AfterDays: MaxChargeOffDays + 1}}, "charge_off.after_days"},
		{Rules{WriteOff: WriteOffRule{UpTo: cny(0)}}, "write_off.up_to"},
		{Rules{WriteOff: WriteOffRule{UpTo: cny(-1)}}, "write_off.up_to"},
	} {
		r := huabeiRules()
		r.ChargeOff, r.WriteOff = c.r.ChargeOff, c.r.WriteOff
		var pe *PlanError
		if err := r.Validate(); !errors.As(err, &pe) || pe.Field != c.field {
			t.Errorf("%+v: %v, want a PlanError on %s", c.r, err, c.field)
		}
	}
	r := huabeiRules()
	r.ChargeOff, r.WriteOff = ChargeOffRule{AfterDays: MaxChargeOffDays}, WriteOffRule{UpTo: cny(1)}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
}

// TestDueOf: once an account is overdue on the statement of 1 September
// (due 20 September), an installment period that statement billed with
// its plan's own date of 10 October is past due from 20 September, as
// the statement asked for it; a period billed on the next statement, and
// every period while the account is not overdue, keeps its own date.
func TestDueOf(t *testing.T) {
	d := func(s string) calendar.Date { return day(t, s) }
	a := NewAccount(money.CNY, d("2016-08-01"))
	onIt := Debt{Ref: "p", Kind: InstallmentDebt, Billed: d("2016-09-01"), Due: d("2016-10-10")}
	next := Debt{Ref: "p", Kind: InstallmentDebt, Billed: d("2016-10-01"), Due: d("2016-11-10")}
	early := Debt{Ref: "q", Kind: RegularDebt, Billed: d("2016-08-01"), Due: d("2016-08-20")}
	for _, c := range []struct{ debt *Debt }{{&onIt}, {&next}, {&early}} {
		if got := a.DueOf(c.debt); got != c.debt.Due {
			t.Errorf("not overdue: DueOf(%v) = %v, want its own %v", c.debt.Billed, got, c.debt.Due)
		}
	}
	a.Overdue = Overdue{Statement: d("2016-09-01"), Due: d("2016-09-20")}
	for _, c := range []struct {
		debt *Debt
		want calendar.Date
	}{{&onIt, d("2016-09-20")}, {&next, d("2016-11-10")}, {&early, d("2016-08-20")}} {
		if got := a.DueOf(c.debt); got != c.want {
			t.Errorf("overdue: DueOf(billed %v, due %v) = %v, want %v", c.debt.Billed, c.debt.Due, got, c.want)
		}
	}
}
