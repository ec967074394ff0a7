package billing

import (
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// MaxChargeOffDays is the most days past due a charge-off rule may wait:
// ten years.
const MaxChargeOffDays = 3650

// The Refs of the lines a charge-off and a write-off make.
const (
	// ChargeOffRef is the Ref of a charge-off's lines, of a recovery and
	// of the write-off of what is left of a charged-off balance.
	ChargeOffRef = "charge-off"
	// ToleranceRef is the Ref of the write-off of a small remainder left
	// after a due date (WriteOffRule).
	ToleranceRef = "tolerance"
)

// ChargeOffRule is when a lender gives up on an account's debt: once the
// account is more than AfterDays days past due, it is charged off at the
// start of that day. Days past due count from the oldest due date the
// account is overdue by (the credit package's portfolio report ages lines
// the same way), and the account must be overdue (its due date and grace
// days passed with the minimum unpaid, or for per-item products an item
// late by its own due date).
//
// A charge-off posts the interest and penalties accrued to that day
// (rounded once, as a statement would), then moves everything the holder
// owes, billed or not, to the charged-off balance: future installment
// periods are billed at once and fall due that day. From then on nothing
// accrues, no late fee is charged and the account is never overdue again;
// a payment is a recovery, and any debt that arises later (a purchase
// authorized before and delivered after) is charged off the day it
// arises. The holder owes exactly what they owed: a charge-off is the
// lender's recognition of a loss, not a waiver.
//
// The zero value (0) never charges off. Sources for the usual figures:
// the FFIEC's Uniform Retail Credit Classification and Account Management
// Policy (2000) charges off open-end retail credit at 180 days past due
// and closed-end at 120; the CBRC's Measures for the Supervision and
// Administration of Credit Card Business of Commercial Banks (商业银行信用卡业务监督管理办法,
// 2011) Article 92 classes a card debt as loss (损失类) once it is more
// than 180 days past due.
type ChargeOffRule struct {
	AfterDays int `json:"after_days"`
}

// Validate reports a rule out of range.
func (r ChargeOffRule) Validate() error {
	if r.AfterDays < 0 || r.AfterDays > MaxChargeOffDays {
		return &PlanError{Field: "charge_off.after_days", Reason: "must be 0 (never) to " + strconv.Itoa(MaxChargeOffDays) + ", not " + strconv.Itoa(r.AfterDays)}
	}
	return nil
}

// WriteOffRule writes off small remainders: UpTo is the most that is
// written off, and the zero Amount (the default) writes off nothing. It
// acts on two occasions.
//
// On the day after a due date, when what is billed and past its due date
// comes to no more than UpTo, it is written off (a WriteOffLine, Ref
// ToleranceRef) before anything else happens that day: the statement
// counts as paid in full, so no interest reaches back, no penalty runs and
// the account is not overdue. This is China's "tolerance repayment" (容差还款):
// the China Banking Association's self-regulatory convention for bank
// cards (中国银行卡行业自律公约, as revised and published on 7 February
// 2013, in force from 1 July 2013), Article 14(2), has member banks deem a
// cardholder who leaves unpaid after the due date no more than a set
// amount, at least RMB 10, to have repaid in full. The convention says
// nothing of what becomes of the remainder; this package writes it off,
// so that it neither carries nor accrues.
//
// On a charged-off account (ChargeOffRule), whenever the charged-off
// balance comes to no more than UpTo, it is written off (Ref
// ChargeOffRef): a recovery that leaves a few yuan settles the debt.
type WriteOffRule struct {
	UpTo money.Amount `json:"up_to,omitzero"`
}

// Validate reports a rule out of range; the product checks the currency.
func (r WriteOffRule) Validate() error {
	if r.UpTo != (money.Amount{}) && !r.UpTo.IsPositive() {
		return &PlanError{Field: "write_off.up_to", Reason: "must be positive (or left out for none), not " + r.UpTo.String()}
	}
	return nil
}

// ChargeOff is an account's charge-off (Account.ChargeOff is nil until
// the account is charged off).
// Amount is everything charged off (on On, and any debt charged off
// since); of it, Recovered is what money in has paid since (payments,
// refunds, a credit balance) and WrittenOff what was written off, and
// Balance is what is still owed: Amount = Recovered + WrittenOff +
// Balance. Since is the oldest due date the account was past due by when
// it was charged off.
type ChargeOff struct {
	On         calendar.Date `json:"on"`
	Since      calendar.Date `json:"since"`
	Amount     money.Amount  `json:"amount"`
	Recovered  money.Amount  `json:"recovered"`
	WrittenOff money.Amount  `json:"written_off"`
	Balance    money.Amount  `json:"balance"`
}

// IsZero reports whether c is nil or the zero ChargeOff: no charge-off.
func (c *ChargeOff) IsZero() bool { return c == nil || c.On.IsZero() }

// ChargedOff reports whether the account has been charged off.
func (a *Account) ChargedOff() bool { return !a.ChargeOff.IsZero() }

// ChargedOffBalance returns what the account owes of its charged-off
// balance: the zero Amount when it has not been charged off.
func (a *Account) ChargedOffBalance() money.Amount {
	if a.ChargeOff.IsZero() {
		return money.Amount{}
	}
	return a.ChargeOff.Balance
}

// PastDueSince returns the oldest due date the account is past due by on
// day on, and whether it is past due (overdue) at all: the due date of
// the statement (or item) that made it overdue, or of an older debt
// billed on or before that statement and still unpaid, but no earlier
// than the due date the account has been overdue from without a break
// (Overdue.Since): debt carried from a statement whose minimum was paid on
// time is past due only since the account fell behind. Days past due are
// its DaysUntil(on).
func (a *Account) PastDueSince(on calendar.Date) (calendar.Date, bool) {
	od := a.Overdue
	if od.Statement.IsZero() {
		return calendar.Date{}, false
	}
	oldest, since := od.Due, od.since()
	for i := range a.Debts {
		d := &a.Debts[i]
		if !d.Billed.IsZero() && !d.Billed.After(od.Statement) && d.Due.Before(on) && d.Due.Before(oldest) {
			oldest = d.Due
			if oldest.Before(since) {
				oldest = since
			}
		}
	}
	return oldest, true
}

// DueOf returns the date debt d falls due on as the account stands: its
// own due date, or, when the account is overdue on a statement that billed
// d (or a later one) and that statement was due earlier, the statement's
// due date. An installment period billed on a statement after the holder
// changed the statement and due days can fall due on its plan's date a
// month after the statement's; the statement asks for it all the same, so
// once that statement is overdue the period is past due with it.
func (a *Account) DueOf(d *Debt) calendar.Date {
	if od := &a.Overdue; !od.Statement.IsZero() && !d.Billed.IsZero() && !d.Billed.After(od.Statement) && od.Due.Before(d.Due) {
		return od.Due
	}
	return d.Due
}

// since returns the due date the account has been overdue from without a
// break (Overdue.Since, or Due when it is not set).
func (od *Overdue) since() calendar.Date {
	if od.Since.IsZero() || od.Since.After(od.Due) {
		return od.Due
	}
	return od.Since
}

// chargeOffDue charges the account off at the start of day d when the
// rule says so; it reports whether it did.
func (a *Account) chargeOffDue(r Rules, d calendar.Date) (bool, error) {
	if r.ChargeOff.AfterDays == 0 {
		return false, nil
	}
	since, overdue := a.PastDueSince(d)
	if !overdue || since.DaysUntil(d) <= r.ChargeOff.AfterDays {
		return false, nil
	}
	return true, a.chargeOff(r, d, since)
}

// chargeOff charges the account off on day d: the accruals post, every
// debt moves to the charged-off balance, and the overdue state ends.
func (a *Account) chargeOff(r Rules, d, since calendar.Date) error {
	cur := a.Currency
	for i := range 2 { // interest, then penalties (no pointers kept: a stays on its caller's stack)
		acc, c, kind, ref := a.InterestAccrued, Interest, InterestLine, "interest"
		if i == 1 {
			acc, c, kind, ref = a.PenaltyAccrued, Penalty, PenaltyLine, "penalty"
		}
		v, err := acc.Post(cur, r.Rounding)
		if err != nil {
			return err
		}
		if v.IsPositive() {
			a.Debts = append(a.Debts, Debt{Ref: ref, Kind: RegularDebt, Component: c, Posted: d, Billed: d, Due: d, Original: v, Amount: v})
			a.Lines = append(a.Lines, Line{Kind: kind, Date: d, Ref: ref, Amount: v})
		}
	}
	a.InterestAccrued, a.PenaltyAccrued = Accrual{}, Accrual{}
	z := money.Zero(cur)
	a.ChargeOff = &ChargeOff{On: d, Since: since, Amount: z, Recovered: z, WrittenOff: z, Balance: z}
	a.Overdue = Overdue{Balance: z, Minimum: z, Fees: z}
	a.Last.MinimumUnpaid = z
	a.GraceLost = false
	a.FeesCharged = nil
	return a.sweepChargedOff(r, d)
}

// sweepChargedOff keeps a charged-off account's books after every change:
// what money in paid of the charged-off debts is recovered, any new debt
// is charged off (billed and due at once), and a charged-off balance of
// no more than the write-off rule's UpTo is written off.
func (a *Account) sweepChargedOff(r Rules, on calendar.Date) error {
	if !a.ChargedOff() {
		return nil
	}
	var kept, fresh checked.Sum
	for i := range a.Debts {
		if a.Debts[i].ChargedOff {
			kept.Add(a.Debts[i].Amount.Units())
		} else {
			fresh.Add(a.Debts[i].Amount.Units())
		}
	}
	co := *a.ChargeOff // a change replaces it: earlier accounts keep theirs
	defer func() { a.ChargeOff = &co }()
	var rec checked.Sum
	rec.Add(co.Amount.Units())
	rec.Sub(co.WrittenOff.Units())
	k, okK := kept.Value()
	rec.Sub(k)
	f, okF := fresh.Value()
	recovered, okR := rec.Value()
	if !okK || !okF || !okR {
		return money.ErrOverflow
	}
	cur := a.Currency
	co.Recovered = money.FromMinor(recovered, cur)
	if f > 0 {
		for i := range a.Debts {
			d := &a.Debts[i]
			if d.ChargedOff {
				continue
			}
			d.ChargedOff = true
			if d.Billed.IsZero() {
				d.Billed = on
			}
			if d.Due.IsZero() || d.Due.After(on) {
				d.Due = on
			}
		}
		amount, ok := checked.Add(co.Amount.Units(), f)
		if !ok {
			return money.ErrOverflow
		}
		co.Amount = money.FromMinor(amount, cur)
		a.Lines = append(a.Lines,
			Line{Kind: ChargeOffLine, Date: on, Ref: ChargeOffRef, Amount: money.FromMinor(-f, cur)},
			Line{Kind: ChargedOffLine, Date: on, Ref: ChargeOffRef, Amount: money.FromMinor(f, cur)})
	}
	balance, ok := checked.Add(k, f)
	if !ok {
		return money.ErrOverflow
	}
	if up := r.WriteOff.UpTo; balance > 0 && up.Currency() == cur && balance <= up.Units() {
		for i := range a.Debts {
			a.Debts[i].Amount = money.Zero(cur)
		}
		a.Debts = withoutPaidOff(a.Debts)
		co.WrittenOff = money.FromMinor(co.WrittenOff.Units()+balance, cur)
		a.Lines = append(a.Lines, Line{Kind: WriteOffLine, Date: on, Ref: ChargeOffRef, Amount: money.FromMinor(-balance, cur)})
		balance = 0
	}
	co.Balance = money.FromMinor(balance, cur)
	return nil
}

// writeOffRemainder writes off, at the start of day d, what is billed and
// past its due date when d is the day after a due date and it comes to no
// more than the write-off rule's UpTo (see WriteOffRule).
func (a *Account) writeOffRemainder(r Rules, d calendar.Date) error {
	up := r.WriteOff.UpTo
	if !up.IsPositive() || up.Currency() != a.Currency {
		return nil
	}
	prev := d.AddDays(-1)
	judged := !a.Last.Date.IsZero() && a.Last.Due == prev
	var sum checked.Sum
	for i := range a.Debts {
		db := &a.Debts[i]
		if db.Billed.IsZero() || !db.Due.Before(d) {
			continue
		}
		judged = judged || db.Due == prev
		sum.Add(db.Amount.Units())
	}
	t, ok := sum.Value()
	if !ok {
		return money.ErrOverflow
	}
	if !judged || t <= 0 || t > up.Units() {
		return nil
	}
	for i := range a.Debts {
		db := &a.Debts[i]
		if !db.Billed.IsZero() && db.Due.Before(d) {
			db.Amount = money.Zero(a.Currency)
		}
	}
	a.Debts = withoutPaidOff(a.Debts)
	written := money.FromMinor(t, a.Currency)
	a.Lines = append(a.Lines, Line{Kind: WriteOffLine, Date: d, Ref: ToleranceRef, Amount: neg(written)})
	a.settle(written)
	return nil
}
