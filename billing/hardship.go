package billing

import (
	"slices"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// Defer moves the last statement's due date later, to to, on date on (a
// deferred repayment, Huabei's 延期还款): the statement's due date and the
// due dates of what it billed that is still owed and was due on it. What
// follows a due date follows the new one: the account is overdue only if
// the minimum is still unpaid after to and its grace days, interest on the
// remainder after a minimum payment (RemainderAfterDue) starts after to,
// the grace period of DailyBalance interest is lost only then, and
// FromPosting interest, once the statement is not paid in full by to,
// reaches back from each purchase's posting to to, and a statement cut
// before to, which carries what the deferred one billed, falls due no
// earlier than to (CloseStatement). A fee, when positive,
// is charged as a FeeLine (Ref "deferral-fee") and billed on the next
// statement. A DeferralLine (amount zero, Ref "due:" and to) records the
// move on the statement.
//
// It is refused on a charged-off account, before the first statement,
// after the statement's due date and grace days have passed, and when to
// is not after the due date.
func (a Account) Defer(r Rules, on, to calendar.Date, fee money.Amount) (Account, error) {
	if a.ChargedOff() {
		return Account{}, &InputError{Arg: "account", Reason: "is charged off: its balance is due in full"}
	}
	if on.IsZero() || on.Before(a.AccruedThrough) {
		return Account{}, &InputError{Arg: "date", Reason: on.String() + " is before the account's last event, " + a.AccruedThrough.String()}
	}
	if a.Last.Date.IsZero() {
		return Account{}, &InputError{Arg: "date", Reason: "there is no statement to defer"}
	}
	if on.After(r.Cycle.LateAfter(a.Last.Due)) {
		return Account{}, &InputError{Arg: "date", Reason: "the statement of " + a.Last.Date.String() + " was due on " + a.Last.Due.String() + ": it is late"}
	}
	if !to.After(a.Last.Due) {
		return Account{}, &InputError{Arg: "to", Reason: to.String() + " is not after the due date, " + a.Last.Due.String()}
	}
	if fee.Currency() != a.Currency || fee.IsNegative() {
		return Account{}, &InputError{Arg: "fee", Reason: "must be zero or positive, in " + a.Currency.String()}
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	old := b.Last.Due
	for i := range b.Debts {
		d := &b.Debts[i]
		if d.Billed == b.Last.Date && d.Due == old {
			d.Due = to
		}
	}
	b.Last.Due = to
	b.Lines = append(b.Lines, Line{Kind: DeferralLine, Date: on, Ref: "due:" + to.String(), Amount: money.Zero(b.Currency)})
	if fee.IsPositive() {
		b.Debts = append(b.Debts, Debt{Ref: "deferral-fee", Kind: RegularDebt, Component: Fee, Posted: on, Original: fee, Amount: fee})
		b.Lines = append(b.Lines, Line{Kind: FeeLine, Date: on, Ref: "deferral-fee", Amount: fee})
	}
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}

// StatementUnpaid returns what the last statement billed that is still
// owed (zero before the first statement).
func (a Account) StatementUnpaid() (money.Amount, error) {
	var n checked.Sum
	if !a.Last.Date.IsZero() {
		for i := range a.Debts {
			if a.Debts[i].Billed == a.Last.Date {
				n.Add(a.Debts[i].Amount.Units())
			}
		}
	}
	return total(n, a.Currency)
}

// Unbilled returns the principal and fees of installment plan ref's
// periods not yet billed, and the plan's highest period number.
func (a Account) Unbilled(ref string) (principal, fees money.Amount, last int, err error) {
	var p, f checked.Sum
	for i := range a.Debts {
		d := &a.Debts[i]
		if d.Ref != ref || d.Kind != InstallmentDebt {
			continue
		}
		last = max(last, d.Period)
		if d.Billed.IsZero() {
			if d.Component == Principal {
				p.Add(d.Amount.Units())
			} else {
				f.Add(d.Amount.Units())
			}
		}
	}
	if principal, err = total(p, a.Currency); err == nil {
		fees, err = total(f, a.Currency)
	}
	return principal, fees, last, err
}

// Reschedule re-spreads what installment plan ref still owes in periods
// not yet billed over plan, from date on: their principal is laid out
// afresh (Plan.Schedule from on, as a purchase on that day would be), the
// fees of those periods are waived (a WaiverLine) and the new plan's fee
// is owed over its periods (an InstallmentFeeLine). The new periods are
// numbered after the plan's last, keep Ref ref (so a refund or an early
// payoff of the purchase finds them) and are billed as any installment
// period. The statement shows the move as a ConversionLine and an
// InstallmentPurchaseLine of the principal (Ref "reschedule:" and ref),
// which cancel: what the holder owes changes by the new fee less the
// fees waived. Periods already billed stay as they are.
//
// It is refused on a charged-off account, for a plan with a down
// payment, and when ref has no principal in periods not yet billed.
func (a Account) Reschedule(r Rules, on calendar.Date, ref string, plan Plan) (Account, Schedule, error) {
	if a.ChargedOff() {
		return Account{}, Schedule{}, &InputError{Arg: "account", Reason: "is charged off: its balance is due in full"}
	}
	if on.IsZero() || on.Before(a.AccruedThrough) {
		return Account{}, Schedule{}, &InputError{Arg: "date", Reason: on.String() + " is before the account's last event, " + a.AccruedThrough.String()}
	}
	if plan.DownPayment.IsPositive() {
		return Account{}, Schedule{}, &InputError{Arg: "plan", Reason: "a rescheduled plan takes no down payment"}
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, Schedule{}, err
	}
	principal, fees, last, err := b.Unbilled(ref)
	if err != nil {
		return Account{}, Schedule{}, err
	}
	if !principal.IsPositive() {
		return Account{}, Schedule{}, &InputError{Arg: "ref", Reason: "purchase " + ref + " owes no principal in installment periods not yet billed"}
	}
	s, err := plan.Schedule(principal, on, r.Calendar)
	if err != nil {
		return Account{}, Schedule{}, err
	}
	s.Installments = slices.Clone(s.Installments)
	for i := range s.Installments {
		s.Installments[i].Period += last
	}
	b.Debts = slices.DeleteFunc(b.Debts, func(d Debt) bool {
		return d.Ref == ref && d.Kind == InstallmentDebt && d.Billed.IsZero()
	})
	move := "reschedule:" + ref
	if fees.IsPositive() {
		b.Lines = append(b.Lines, Line{Kind: WaiverLine, Date: on, Ref: ref, Amount: neg(fees)})
	}
	b.addInstallments(r, ref, on, s)
	b.Lines = append(b.Lines,
		Line{Kind: ConversionLine, Date: on, Ref: move, Amount: neg(principal)},
		Line{Kind: InstallmentPurchaseLine, Date: on, Ref: move, Amount: principal})
	if s.TotalFee.IsPositive() {
		b.Lines = append(b.Lines, Line{Kind: InstallmentFeeLine, Date: on, Ref: ref, Amount: s.TotalFee})
	}
	if err := b.finish(r, on); err != nil {
		return Account{}, Schedule{}, err
	}
	return b, s, nil
}

// ReageDue returns the due date a re-age on day on (Account.Reage) gives
// what is past due: the last statement's due date when it has not passed
// (it is on or after on), else the due date of the next statement, the
// first statement day from on that is after the last statement. It is
// zero before the first statement.
func (a Account) ReageDue(r Rules, on calendar.Date) (calendar.Date, error) {
	if a.Last.Date.IsZero() {
		return calendar.Date{}, nil
	}
	if !a.Last.Due.Before(on) {
		return a.Last.Due, nil
	}
	first := on.FirstOfMonth()
	next := first.AddDays(r.Cycle.StatementDay - 1)
	if next.Before(on) || !next.After(a.Last.Date) {
		next = first.AddMonths(1).AddDays(r.Cycle.StatementDay - 1)
	}
	return r.Cycle.DueDate(r.Calendar, next, next)
}

// Reage brings a past-due account current on day on, forgiving nothing
// (re-aging: see "Hardship" in the package documentation). Every billed
// debt past its due date, installment periods included, becomes due on
// ReageDue: the last statement's due date if it has not passed, else the
// next statement's. The account is then no longer overdue, so its days
// past due, its late fees and penalties, and a charge-off's count of days
// start again only if it falls behind again. Nothing it owes changes:
// penalties and fees already charged stay, so do the interest and
// penalties accrued through on, and interest that runs after a due date
// keeps running from the debt's first due date (Debt.FirstDue), as on a
// current account that carries the debt. What the statement asks
// follows: when the last statement is not yet due its minimum payment is
// worked out again as if nothing had been overdue
// (MinimumBasis.Current), less what has been paid against it; when it is
// due already, nothing more is asked of it, and the next statement asks
// its regular minimum of all that is billed. A ReageLine (amount zero,
// Ref "due:", the oldest due date the account was past due by, ".." and
// the new due date) records it.
//
// It is refused on a charged-off account, before the first statement,
// when the account is not past due (Account.Overdue) and for a
// date before the account's last event.
func (a Account) Reage(r Rules, on calendar.Date) (Account, error) {
	if a.ChargedOff() {
		return Account{}, &InputError{Arg: "account", Reason: "is charged off: its balance is due in full"}
	}
	if on.IsZero() || on.Before(a.AccruedThrough) {
		return Account{}, &InputError{Arg: "date", Reason: on.String() + " is before the account's last event, " + a.AccruedThrough.String()}
	}
	if a.Last.Date.IsZero() {
		return Account{}, &InputError{Arg: "date", Reason: "there is no statement: nothing is past due"}
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	if b.ChargedOff() {
		return Account{}, &InputError{Arg: "account", Reason: "is charged off by " + on.String() + ": its balance is due in full"}
	}
	since, overdue := b.PastDueSince(on)
	if !overdue {
		return Account{}, &InputError{Arg: "account", Reason: "is not past due on " + on.String() + ": there is nothing to re-age"}
	}
	lastAhead := !b.Last.Due.Before(on) // the last statement is not yet due: its due date is ReageDue's
	to, err := b.ReageDue(r, on)
	if err != nil {
		return Account{}, err
	}
	for i := range b.Debts {
		d := &b.Debts[i]
		if d.Billed.IsZero() || !d.Amount.IsPositive() || !b.DueOf(d).Before(on) {
			continue
		}
		if d.FirstDue.IsZero() {
			d.FirstDue = b.DueOf(d)
		}
		d.Due = to
	}
	z := money.Zero(b.Currency)
	if lastAhead {
		paid := b.Last.Minimum.Units() - b.Last.MinimumUnpaid.Units()
		if b.Last.Basis, err = b.Last.Basis.Current(); err != nil {
			return Account{}, err
		}
		if b.Last.Minimum, err = r.Minimum.Compute(b.Last.Basis); err != nil {
			return Account{}, err
		}
		b.Last.MinimumUnpaid = money.FromMinor(max(0, b.Last.Minimum.Units()-paid), b.Currency)
	} else {
		b.Last.MinimumUnpaid = z
	}
	b.Overdue = Overdue{Balance: z, Minimum: z, Fees: z}
	b.Lines = append(b.Lines, Line{Kind: ReageLine, Date: on, Ref: "due:" + since.String() + ".." + to.String(), Amount: z})
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}
