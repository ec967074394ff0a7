package billing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// ErrUnbalanced reports a statement whose lines do not carry its opening
// balance to its closing balance. The library never builds one; a host that
// edits a statement can check with Reconcile.
var ErrUnbalanced = errors.New("statement does not reconcile")

// Statement is what a holder is shown for one billing cycle. Its lines are
// itemized and reconcile exactly: Opening + Charges − Credits = Closing,
// where Closing is everything owed (billed or not, installment periods
// included) less any credit balance. Balance is the part billed and due by
// Due; Installments the installment periods still to be billed.
type Statement struct {
	Date              calendar.Date `json:"date"`
	From              calendar.Date `json:"from"`    // the first day of the cycle
	Through           calendar.Date `json:"through"` // its last day: Date, or the day before when the statement is cut before Date's events
	Due               calendar.Date `json:"due"`
	InterestFreeUntil calendar.Date `json:"interest_free_until"` // pay Balance in full by then and no interest accrues
	Opening           money.Amount  `json:"opening"`
	Lines             []Line        `json:"lines"`
	Items             []Debt        `json:"items"`   // what this statement bills: new purchases, installment periods, fees, interest, penalties
	Charges           money.Amount  `json:"charges"` // the positive lines
	Credits           money.Amount  `json:"credits"` // the negative lines, as a positive amount
	Closing           money.Amount  `json:"closing"`
	Balance           money.Amount  `json:"balance"`
	Installments      money.Amount  `json:"installments"`
	Basis             MinimumBasis  `json:"basis"`
	Minimum           money.Amount  `json:"minimum"`
	// CreditApplied is what the credit balance paid of the debt this
	// statement bills, before its balance and minimum were worked out.
	CreditApplied money.Amount `json:"credit_applied"`
}

// Reconcile checks that the lines carry Opening to Closing and sum to
// Charges − Credits.
// Every sum is checked: one beyond int64 minor units does not reconcile.
func (s Statement) Reconcile() error {
	charges, credits, ok := sumLines(s.Lines)
	closing := checked.Sum{}
	closing.Add(s.Opening.Units())
	closing.Add(charges)
	closing.Sub(credits)
	c, closingOK := closing.Value()
	if !ok || !closingOK {
		return fmt.Errorf("%w: its sums leave int64 (%w)", ErrUnbalanced, money.ErrOverflow)
	}
	if charges != s.Charges.Units() || credits != s.Credits.Units() || c != s.Closing.Units() {
		return fmt.Errorf("%w: opening %s + charges %d − credits %d ≠ closing %s", ErrUnbalanced, s.Opening, charges, credits, s.Closing)
	}
	return nil
}

// sumLines returns the sum of the positive lines and of the negative ones
// (as a positive number), and whether both fit in int64.
func sumLines(lines []Line) (charges, credits int64, ok bool) {
	var ch, cr checked.Sum
	for i := range lines {
		if v := lines[i].Amount.Units(); v < 0 {
			cr.Sub(v)
		} else {
			ch.Add(v)
		}
	}
	charges, okCh := ch.Value()
	credits, okCr := cr.Value()
	return charges, credits, okCh && okCr
}

// CloseStatement cuts the statement dated s: it accrues through s, posts
// accrued interest and penalties (each rounded once, with the rules'
// rounding; the part below one minor unit is dropped), bills everything
// posted since the last statement and every installment period whose bill
// date has come, and computes the minimum payment. The host calls it on each
// statement day: before that day's events when the statement day belongs
// to the next cycle, after them when it closes this one.
func (a Account) CloseStatement(r Rules, s calendar.Date) (Account, Statement, error) {
	if err := r.Validate(); err != nil {
		return Account{}, Statement{}, err
	}
	if s.Day() != r.Cycle.StatementDay {
		return Account{}, Statement{}, &InputError{Arg: "date", Reason: s.String() + " is not a statement day"}
	}
	if !a.Last.Date.IsZero() && !s.After(a.Last.Date) {
		return Account{}, Statement{}, &InputError{Arg: "date", Reason: "statement " + s.String() + " is not after the last one"}
	}
	b, err := a.AccrueThrough(r, s)
	if err != nil {
		return Account{}, Statement{}, err
	}
	cur := b.Currency
	for _, p := range []struct {
		acc  Accrual
		c    Component
		kind LineKind
		ref  string
	}{{b.InterestAccrued, Interest, InterestLine, "interest"}, {b.PenaltyAccrued, Penalty, PenaltyLine, "penalty"}} {
		v, err := p.acc.Post(cur, r.Rounding)
		if err != nil {
			return Account{}, Statement{}, err
		}
		if v.IsPositive() {
			b.Debts = append(b.Debts, Debt{Ref: p.ref, Kind: RegularDebt, Component: p.c, Posted: s, Original: v, Amount: v})
			b.Lines = append(b.Lines, Line{Kind: p.kind, Date: s, Ref: p.ref, Amount: v})
		}
	}
	b.InterestAccrued, b.PenaltyAccrued = Accrual{}, Accrual{}

	statementDue, err := r.Cycle.DueDate(r.Calendar, s, s)
	if err != nil {
		return Account{}, Statement{}, err
	}
	if !b.Last.Date.IsZero() && b.Last.Due.After(statementDue) {
		// The last statement was deferred (Account.Defer) past this one's
		// due date: what it billed is carried here, and falls due no
		// earlier than the deferral moved it to.
		statementDue = b.Last.Due
	}
	due := calendar.Date{}
	for i := range b.Debts {
		d := &b.Debts[i]
		switch {
		case !d.Billed.IsZero():
			continue
		case d.Kind == InstallmentDebt:
			if d.BillOn.After(s) {
				continue
			}
		case r.Cycle.DueFrom == DueFromPurchase:
			if d.Due, err = r.Cycle.DueDate(r.Calendar, s, d.Posted); err != nil {
				return Account{}, Statement{}, err
			}
		default:
			d.Due = statementDue
		}
		d.Billed = s
	}
	// A credit balance pays what the statement bills before it is shown:
	// a holder in credit is billed nothing the credit covers.
	creditBefore := b.Credit
	if err := b.applyCredit(r, s); err != nil {
		return Account{}, Statement{}, err
	}
	creditApplied, _ := creditBefore.Sub(b.Credit)

	// The statement's items are what it bills: counted first, so that the
	// list is the size of one cycle's items and not of every debt held.
	nItems := 0
	for i := range b.Debts {
		if b.Debts[i].Billed == s {
			nItems++
		}
	}
	items := make([]Debt, 0, nItems)
	// Every sum is checked.
	var balance, installments, closing checked.Sum
	var parts [5]checked.Sum // installments due, charges, new principal, overdue, carried principal
	for _, d := range b.Debts {
		v := d.Amount.Units()
		closing.Add(v)
		if d.Billed.IsZero() {
			installments.Add(v) // only future installment periods stay unbilled here
			continue
		}
		balance.Add(v)
		if d.Billed == s {
			items = append(items, d)
			if due.IsZero() || d.Due.Before(due) {
				due = d.Due
			}
		}
		switch {
		case d.Kind == InstallmentDebt:
			parts[0].Add(v)
		case d.Component != Principal:
			parts[1].Add(v)
		case d.Billed == s:
			parts[2].Add(v)
		case !b.Overdue.Statement.IsZero() && !d.Billed.After(b.Overdue.Statement):
			parts[3].Add(v)
		default:
			parts[4].Add(v)
		}
	}
	closing.Sub(b.Credit.Units())
	if r.Cycle.DueFrom == DueFromStatement || due.IsZero() {
		due = statementDue
	}
	var sums [8]money.Amount // balance, installments, closing, then the parts
	for i, t := range append([]checked.Sum{balance, installments, closing}, parts[:]...) {
		if sums[i], err = total(t, cur); err != nil {
			return Account{}, Statement{}, err
		}
	}
	basis := MinimumBasis{Balance: sums[0], InstallmentDue: sums[3], Charges: sums[4], NewPrincipal: sums[5],
		Overdue: sums[6], CarriedPrincipal: sums[7], MinimumUnpaid: b.Overdue.Minimum}
	zeroIfUnset(&basis, cur)
	minimum, err := r.Minimum.Compute(basis)
	if err != nil {
		return Account{}, Statement{}, err
	}
	if b.ChargedOff() {
		minimum = basis.Balance // a charged-off balance is due in full
	}
	st := Statement{
		Date: s, Due: due, InterestFreeUntil: due, Opening: a.Last.Closing, Lines: b.Lines, Items: items,
		Closing: sums[2], Balance: basis.Balance, Installments: sums[1], Basis: basis, Minimum: minimum,
		CreditApplied: creditApplied,
	}
	// A statement cut before its day's events (the statement day opens the
	// next cycle) covers the last statement's day up to the day before its
	// own; one cut after them covers the day after the last statement up to
	// its own day.
	last := r.Cycle.PreviousStatement(s)
	if !a.Last.Date.IsZero() {
		last = a.Last.Date
	}
	st.From, st.Through = last, s.AddDays(-1)
	if r.Cycle.StatementDayClosesCycle {
		st.From, st.Through = last.AddDays(1), s
	}
	charges, credits, ok := sumLines(st.Lines)
	if !ok {
		return Account{}, Statement{}, money.ErrOverflow
	}
	st.Charges, st.Credits = money.FromMinor(charges, cur), money.FromMinor(credits, cur)
	if err := st.Reconcile(); err != nil {
		return Account{}, Statement{}, err
	}
	b.Lines = nil
	b.Last = LastStatement{Date: s, Due: due, Closing: st.Closing, Balance: st.Balance, Basis: basis,
		Minimum: minimum, MinimumUnpaid: minimum}
	if err := b.checkTotals(); err != nil {
		return Account{}, Statement{}, err
	}
	return b, st, nil
}

func zeroIfUnset(b *MinimumBasis, c money.Currency) {
	for _, p := range []*money.Amount{&b.Balance, &b.NewPrincipal, &b.CarriedPrincipal, &b.InstallmentDue, &b.Charges, &b.Overdue, &b.MinimumUnpaid} {
		if !p.Currency().IsValid() {
			*p = money.Zero(c)
		}
	}
}

// ConvertToInstallments moves amount of the last statement's new purchase
// principal onto an installment plan ("bill installments"), on a date from
// the statement day through its due date. The plan starts on the statement
// date, so its first period is billed on the next statement; the current
// statement's balance falls by amount and its minimum payment is computed
// again on what is left (less what has already been paid).
func (a Account) ConvertToInstallments(r Rules, on calendar.Date, amount money.Amount, plan Plan) (Account, Schedule, error) {
	if a.ChargedOff() {
		return Account{}, Schedule{}, &InputError{Arg: "account", Reason: "is charged off: its balance is due in full"}
	}
	if err := a.check(on, amount); err != nil {
		return Account{}, Schedule{}, err
	}
	if a.Last.Date.IsZero() || on.Before(a.Last.Date) || on.After(a.Last.Due) {
		return Account{}, Schedule{}, &InputError{Arg: "date", Reason: "a statement converts between its date and its due date"}
	}
	var sum checked.Sum
	for _, d := range a.Debts {
		if d.Billed == a.Last.Date && d.Kind != InstallmentDebt && d.Component == Principal {
			sum.Add(d.Amount.Units())
		}
	}
	convertible, ok := sum.Value()
	if !ok {
		return Account{}, Schedule{}, money.ErrOverflow
	}
	if amount.Units() > convertible {
		return Account{}, Schedule{}, &InputError{Arg: "amount", Reason: fmt.Sprintf("%s exceeds the statement's new principal still owed, %s", amount, money.FromMinor(convertible, a.Currency))}
	}
	s, err := plan.Schedule(amount, a.Last.Date, r.Calendar)
	if err != nil {
		return Account{}, Schedule{}, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, Schedule{}, err
	}
	left := amount.Units()
	for i := len(b.Debts) - 1; i >= 0 && left > 0; i-- { // the newest purchases first
		d := &b.Debts[i]
		if d.Billed == b.Last.Date && d.Kind != InstallmentDebt && d.Component == Principal {
			take := min(left, d.Amount.Units())
			d.Amount = money.FromMinor(d.Amount.Units()-take, b.Currency)
			left -= take
		}
	}
	b.Debts = withoutPaidOff(b.Debts)
	ref := "bill-installments:" + b.Last.Date.String()
	b.addInstallments(r, ref, on, s)
	b.Lines = append(b.Lines,
		Line{Kind: ConversionLine, Date: on, Ref: ref, Amount: neg(amount)},
		Line{Kind: InstallmentPurchaseLine, Date: on, Ref: ref, Amount: amount})
	if s.TotalFee.IsPositive() {
		b.Lines = append(b.Lines, Line{Kind: InstallmentFeeLine, Date: on, Ref: ref, Amount: s.TotalFee})
	}
	paid := b.Last.Minimum.Units() - b.Last.MinimumUnpaid.Units()
	b.Last.Balance, _ = b.Last.Balance.Sub(amount)
	b.Last.Basis.Balance, _ = b.Last.Basis.Balance.Sub(amount)
	b.Last.Basis.NewPrincipal, _ = b.Last.Basis.NewPrincipal.Sub(amount)
	if b.Last.Minimum, err = r.Minimum.Compute(b.Last.Basis); err != nil {
		return Account{}, Schedule{}, err
	}
	b.Last.MinimumUnpaid = money.FromMinor(max(0, b.Last.Minimum.Units()-paid), b.Currency)
	if err := b.finish(r, on); err != nil {
		return Account{}, Schedule{}, err
	}
	return b, s, nil
}

// String renders the statement for people and golden files.
func (s Statement) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "statement %s (cycle %s to %s), due %s, interest-free until %s\n", s.Date, s.From, s.Through, s.Due, s.InterestFreeUntil)
	fmt.Fprintf(&b, "  %-10s  %-22s  %-24s  %14s\n", "date", "line", "ref", "amount")
	for _, l := range s.Lines {
		fmt.Fprintf(&b, "  %-10s  %-22s  %-24s  %14s\n", l.Date, l.Kind, l.Ref, num(l.Amount))
	}
	fmt.Fprintf(&b, "  opening %s + charges %s - credits %s = closing %s\n", num(s.Opening), num(s.Charges), num(s.Credits), num(s.Closing))
	fmt.Fprintf(&b, "  billed this cycle:\n")
	for _, d := range s.Items {
		what := d.Component.String()
		if d.Kind == InstallmentDebt {
			what = fmt.Sprintf("period %d %s", d.Period, d.Component)
		}
		fmt.Fprintf(&b, "    %-24s  %-22s  due %s  %14s\n", d.Ref, what, d.Due, num(d.Amount))
	}
	fmt.Fprintf(&b, "  balance due %s; installments still to bill %s\n", num(s.Balance), num(s.Installments))
	fmt.Fprintf(&b, "  minimum %s from: new principal %s, carried principal %s, installments %s, charges %s, overdue %s\n",
		num(s.Minimum), num(s.Basis.NewPrincipal), num(s.Basis.CarriedPrincipal), num(s.Basis.InstallmentDue), num(s.Basis.Charges), num(s.Basis.Overdue))
	return b.String()
}
