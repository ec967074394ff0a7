package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// unpaidStatement is a Huabei-style account with a purchase of 1,000.00
// on 5 February 2020, billed on 1 March (minimum 100.00, due 10 March)
// and not paid: overdue from 11 March, at 0.05% a day of 1,000.00
// (0.50) instead of interest.
func unpaidStatement(t *testing.T, r Rules) Account {
	t.Helper()
	a := NewAccount(money.CNY, day(t, "2020-02-01"))
	a, err := a.Purchase(r, "order-1", day(t, "2020-02-05"), cny(100000), RegularDebt, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	if a, _, err = a.CloseStatement(r, day(t, "2020-03-01")); err != nil {
		t.Fatal(err)
	}
	return a
}

// Refused: every case names its argument, and the account is unchanged.
func TestReageRefusals(t *testing.T) {
	r := hardshipRules()
	a := unpaidStatement(t, r)
	fresh := NewAccount(money.CNY, day(t, "2020-02-01"))
	fresh, _ = fresh.Purchase(r, "order-1", day(t, "2020-02-05"), cny(100000), RegularDebt, decimal.Zero)
	late, err := a.AccrueThrough(r, day(t, "2020-03-20"))
	if err != nil {
		t.Fatal(err)
	}
	off := late
	off.ChargeOff = &ChargeOff{On: day(t, "2020-03-20"), Since: day(t, "2020-03-10")}
	for _, c := range []struct {
		name string
		a    Account
		on   string
		arg  string
	}{
		{"before the first statement", fresh, "2020-02-20", "date"},
		{"not yet past due", a, "2020-03-05", "account"},
		{"on its due date", a, "2020-03-10", "account"},
		{"a date before the last event", late, "2020-03-19", "date"},
		{"charged off", off, "2020-03-21", "account"},
	} {
		t.Run(c.name, func(t *testing.T) {
			was := c.a.clone()
			_, err := c.a.Reage(r, day(t, c.on))
			var ie *InputError
			if !errors.As(err, &ie) || ie.Arg != c.arg {
				t.Fatalf("got %v, want an InputError on %q", err, c.arg)
			}
			if len(c.a.Debts) != len(was.Debts) || c.a.Overdue != was.Overdue || c.a.AccruedThrough != was.AccruedThrough {
				t.Fatal("a refused re-age changed its receiver")
			}
		})
	}
}

// ReageDue: the last statement's due date while it has not passed, else
// the next statement's.
func TestReageDue(t *testing.T) {
	r := hardshipRules()
	a := unpaidStatement(t, r) // the statement of 1 March, due 10 March
	for _, c := range []struct{ on, want string }{
		{"2020-03-05", "2020-03-10"},
		{"2020-03-10", "2020-03-10"},
		{"2020-03-11", "2020-04-10"},
		{"2020-03-31", "2020-04-10"},
		{"2020-04-01", "2020-04-10"}, // the April statement, not yet cut (the statement day closes the cycle)
		{"2020-04-02", "2020-05-10"},
	} {
		if got, err := a.ReageDue(r, day(t, c.on)); err != nil || got != day(t, c.want) {
			t.Errorf("on %s: %v, %v; want %s", c.on, got, err, c.want)
		}
	}
	if got, _ := NewAccount(money.CNY, day(t, "2020-02-01")).ReageDue(r, day(t, "2020-02-10")); !got.IsZero() {
		t.Errorf("before the first statement: %v", got)
	}
}

// reaged checks what every re-age does: nothing owed changes, the account
// is no longer past due, order-1 is due on to (and was first due on 10
// March), and the last line records it.
func reaged(t *testing.T, a, b Account, on, to string) {
	t.Helper()
	before, _ := a.Owed()
	if after, _ := b.Owed(); after != before {
		t.Fatalf("owed %v after the re-age, %v before: something was forgiven", after, before)
	}
	if _, od := b.PastDueSince(day(t, on)); od || !b.Overdue.Statement.IsZero() {
		t.Fatalf("still past due: %+v", b.Overdue)
	}
	for _, d := range b.Debts {
		if d.Ref == "order-1" && (d.Due != day(t, to) || d.FirstDue != day(t, "2020-03-10")) {
			t.Fatalf("order-1 due %v (first due %v), want %s (2020-03-10)", d.Due, d.FirstDue, to)
		}
	}
	ln := b.Lines[len(b.Lines)-1]
	if ln.Kind != ReageLine || !ln.Amount.IsZero() || ln.Ref != "due:2020-03-10.."+to || ln.Date != day(t, on) {
		t.Fatalf("line %+v", ln)
	}
}

// lineTotals returns a statement's lines by kind.
func lineTotals(st Statement) map[LineKind]int64 {
	got := map[LineKind]int64{}
	for _, ln := range st.Lines {
		got[ln.Kind] += ln.Amount.Units()
	}
	return got
}

// Re-aged after the due date, on 20 March, 10 days past due: the 1,000.00
// becomes due with the next statement, on 10 April. The 10 days of
// penalty (5.00) stay; interest at 0.05% runs on from 10 March as on any
// principal carried past its due date (21 March to 1 April, 12 days on
// 1,000.00: 6.00); and the statement of 1 April asks the regular minimum,
// 10% of the principal carried and the charges (100.00 + 11.00 = 111.00),
// where the past-due account is asked the overdue 1,000.00 and the
// charges (1,011.00). 111.00 paid on 10 April keeps it current.
func TestReageAfterTheDueDate(t *testing.T) {
	r := hardshipRules()
	a := unpaidStatement(t, r)
	b, err := a.Reage(r, day(t, "2020-03-20"))
	if err != nil {
		t.Fatal(err)
	}
	reaged(t, a, b, "2020-03-20", "2020-04-10")
	if !b.Last.MinimumUnpaid.IsZero() || b.Last.Due != day(t, "2020-03-10") {
		t.Fatalf("the March statement still asks %v (due %v)", b.Last.MinimumUnpaid, b.Last.Due)
	}
	if v, _ := b.PenaltyAccrued.Post(money.CNY, r.Rounding); v != cny(500) {
		t.Fatalf("penalty accrued %v, want 5.00", v)
	}
	for _, c := range []struct {
		name                     string
		acct                     Account
		interest, penalty, minim int64
	}{
		{"re-aged", b, 600, 500, 11100},
		{"past due", a, 0, 1100, 101100},
	} {
		acct, st, err := c.acct.CloseStatement(r, day(t, "2020-04-01"))
		if err != nil {
			t.Fatal(err)
		}
		got := lineTotals(st)
		if got[InterestLine] != c.interest || got[PenaltyLine] != c.penalty || st.Minimum != cny(c.minim) || st.Due != day(t, "2020-04-10") {
			t.Fatalf("%s: interest %d, penalty %d, minimum %v due %v; want %d, %d, %d", c.name, got[InterestLine], got[PenaltyLine], st.Minimum, st.Due, c.interest, c.penalty, c.minim)
		}
		if st.Closing != cny(100000+c.interest+c.penalty) {
			t.Fatalf("%s: closing %v", c.name, st.Closing)
		}
		if acct, _, err = acct.Pay(r, day(t, "2020-04-10"), cny(11100)); err != nil {
			t.Fatal(err)
		}
		if acct, err = acct.AccrueThrough(r, day(t, "2020-04-11")); err != nil {
			t.Fatal(err)
		}
		if overdue := !acct.Overdue.Statement.IsZero(); overdue != (c.name == "past due") {
			t.Fatalf("%s: overdue on 11 April: %v", c.name, overdue)
		}
	}
}

// Re-aged before the next due date, on 6 April: the statement of 1 April
// (due 10 April) asked the overdue 1,000.00 and 11.00 of penalty
// (1,011.00); the 1,000.00 joins it, due on 10 April, and its minimum is
// worked out again as if nothing had been overdue: 10% of 1,000.00 and
// the 11.00, 111.00. The penalty of 2 to 6 April (2.50) stays. Paid on 10
// April, the 111.00 pays the penalty and 100.00 of principal; the May
// statement bills interest from the first due date on: 7 to 10 April on
// 1,000.00 (2.00) and 11 April to 1 May on 900.00 (9.45), 11.45 in all.
func TestReageBeforeTheNextDueDate(t *testing.T) {
	r := hardshipRules()
	a := unpaidStatement(t, r)
	a, _, err := a.CloseStatement(r, day(t, "2020-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Last.Minimum != cny(101100) || a.Overdue.Statement.IsZero() {
		t.Fatalf("April minimum %v, overdue %+v", a.Last.Minimum, a.Overdue)
	}
	b, err := a.Reage(r, day(t, "2020-04-06"))
	if err != nil {
		t.Fatal(err)
	}
	reaged(t, a, b, "2020-04-06", "2020-04-10")
	if b.Last.Minimum != cny(11100) || b.Last.MinimumUnpaid != cny(11100) || b.Last.Basis.CarriedPrincipal != cny(100000) || !b.Last.Basis.Overdue.IsZero() {
		t.Fatalf("the April statement: minimum %v, unpaid %v, basis %+v", b.Last.Minimum, b.Last.MinimumUnpaid, b.Last.Basis)
	}
	if a.Last.Minimum != cny(101100) {
		t.Fatal("Reage changed its receiver")
	}
	if v, _ := b.PenaltyAccrued.Post(money.CNY, r.Rounding); v != cny(250) {
		t.Fatalf("penalty accrued %v, want 2.50", v)
	}
	if b, _, err = b.Pay(r, day(t, "2020-04-10"), cny(11100)); err != nil {
		t.Fatal(err)
	}
	b, st, err := b.CloseStatement(r, day(t, "2020-05-01"))
	if err != nil {
		t.Fatal(err)
	}
	got := lineTotals(st)
	if got[InterestLine] != 1145 || got[PenaltyLine] != 250 || got[ReageLine] != 0 || st.Closing != cny(101100-11100+1145+250) {
		t.Fatalf("May statement: %v, closing %v", got, st.Closing)
	}
	if st.Minimum != cny(9000+1145+250) || !b.Overdue.Statement.IsZero() {
		t.Fatalf("May minimum %v, overdue %+v", st.Minimum, b.Overdue)
	}
}

// A 3-period plan of 300.00 (2.5%: 100.00 and 2.50 a period), period 1
// due 10 January and not paid, re-aged on 5 February: period 1, its fee
// with it, becomes due with period 2 on 10 February; period 3, not yet
// billed, keeps its date.
func TestReageInstallments(t *testing.T) {
	r := hardshipRules()
	a := NewAccount(money.CNY, day(t, "2019-12-01"))
	s, err := huabeiPlan(3, "0.025").Schedule(cny(30000), day(t, "2019-12-20"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, err = a.InstallmentPurchase(r, "order-1", day(t, "2019-12-20"), s); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"2020-01-01", "2020-02-01"} {
		if a, _, err = a.CloseStatement(r, day(t, m)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := a.Reage(r, day(t, "2020-02-05"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Debts {
		switch {
		case d.Billed.IsZero():
			if d.Period != 3 || !d.FirstDue.IsZero() || d.Due != s.Installments[2].Due {
				t.Errorf("a period not yet billed: %+v", d)
			}
		case d.Period == 1:
			if d.Due != day(t, "2020-02-10") || d.FirstDue != day(t, "2020-01-10") {
				t.Errorf("period 1: %+v", d)
			}
		case d.Period == 2:
			if d.Due != day(t, "2020-02-10") || !d.FirstDue.IsZero() {
				t.Errorf("period 2: %+v", d)
			}
		}
	}
	// The minimum was the two periods (205.00) and 22 days of penalty on
	// period 1's 102.50 (1.13): a Huabei minimum asks installment periods
	// in full, so it stays.
	if b.Last.Minimum != cny(20613) || a.Last.Minimum != b.Last.Minimum {
		t.Fatalf("minimum %v, was %v", b.Last.Minimum, a.Last.Minimum)
	}
}

// Judged item by item (pay in 4): a period billed on 1 March, due 6
// March (the statement's due date, its earliest item's) and not paid is
// late from 7 March, and its $7.00 late fee would come on 17 March, more
// than ten days late. Re-aged on 10 March, after that due date, it is due
// with the next statement's: 1 April and 14 days, 15 April. It is current
// until then, late again from 16 April if still unpaid, and the fee comes
// more than ten days after 15 April, on 26 April. (Period 2, due 20
// March, is paid that day.)
func TestReagePerItem(t *testing.T) {
	r := payIn4Rules()
	ok := okAccount(t)
	a := NewAccount(money.USD, day(t, "2015-02-01"))
	a = ok(a.InstallmentPurchase(r, "jacket", day(t, "2015-02-20"), payIn4(t, 20952, "2015-02-20")))
	a = ok(a.PayInstallment(r, day(t, "2015-02-20"), "jacket", 0, usd(5238)))
	a, _, err := a.CloseStatement(r, day(t, "2015-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	a = ok(a.AccrueThrough(r, day(t, "2015-03-10")))
	if a.Overdue.Statement.IsZero() {
		t.Fatalf("not overdue on 10 March: %+v", a.Debts)
	}
	b := ok(a.Reage(r, day(t, "2015-03-10")))
	for _, d := range b.Debts {
		if d.Period == 1 && (d.Due != day(t, "2015-04-15") || d.FirstDue != day(t, "2015-03-06")) {
			t.Fatalf("period 1 %+v", d)
		}
	}
	b = ok(b.PayInstallment(r, day(t, "2015-03-20"), "jacket", 2, usd(5238))) // period 2, on its day
	for _, c := range []struct {
		on      string
		overdue bool
		fees    int64
	}{{"2015-03-21", false, 0}, {"2015-04-15", false, 0}, {"2015-04-16", true, 0}, {"2015-04-25", true, 0}, {"2015-04-26", true, 700}} {
		x := ok(b.AccrueThrough(r, day(t, c.on)))
		var fees int64
		for _, ln := range x.Lines {
			if ln.Kind == PenaltyLine {
				fees += ln.Amount.Units()
			}
		}
		if overdue := !x.Overdue.Statement.IsZero(); overdue != c.overdue || fees != c.fees {
			t.Errorf("%s: overdue %v, fees %d; want %v, %d", c.on, overdue, fees, c.overdue, c.fees)
		}
	}
	if x := ok(a.AccrueThrough(r, day(t, "2015-03-17"))); len(x.Lines) == 0 || x.Lines[len(x.Lines)-1].Kind != PenaltyLine {
		t.Errorf("without the re-age, no late fee on 17 March: %+v", x.Lines)
	}
}
