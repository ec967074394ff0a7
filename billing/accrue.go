package billing

import (
	"slices"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// AccrueThrough accrues interest and penalties for every day after the
// account's last accrual through date to, on the balances as they stand,
// and charges any late fee that falls due. It returns a new Account.
func (a Account) AccrueThrough(r Rules, to calendar.Date) (Account, error) {
	b := a.clone()
	if to.Before(a.AccruedThrough) {
		return Account{}, &InputError{Arg: "date", Reason: to.String() + " is before the account's last event, " + a.AccruedThrough.String()}
	}
	interestRate, err := r.Interest.daily()
	if err != nil {
		return Account{}, err
	}
	var penaltyRate DailyRate
	if r.Penalty.Method == OverdueDaily {
		if penaltyRate, err = NewDailyRate(r.Penalty.DailyRate); err != nil {
			return Account{}, err
		}
	}
	for d := a.AccruedThrough.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if err := b.accrueDay(r, d, interestRate, penaltyRate); err != nil {
			return Account{}, err
		}
	}
	if to.After(b.AccruedThrough) {
		b.AccruedThrough = to
	}
	if err := b.finish(r, to); err != nil {
		return Account{}, err
	}
	return b, nil
}

// accrueDay accrues one day, d, on the balances d opened with.
func (a *Account) accrueDay(r Rules, d calendar.Date, interestRate, penaltyRate DailyRate) error {
	if a.ChargedOff() {
		return nil // nothing accrues on a charged-off account
	}
	if err := a.writeOffRemainder(r, d); err != nil {
		return err
	}
	last := a.Last
	if !last.Date.IsZero() && d == last.Due.AddDays(1) {
		// The day after a due date: the grace period is kept only by a
		// statement paid in full; bank-card interest reaches back.
		billed, err := a.BilledUnpaid()
		if err != nil {
			return err
		}
		unpaid := billed.IsPositive()
		if r.Interest.Method == DailyBalance && unpaid && !a.GraceLost {
			// The grace period is lost: interest reaches back over the
			// days of the most recent billing cycle, from the statement
			// date through the due date, on the part of the statement's
			// purchases still unpaid; Regulation Z (12 CFR
			// 1026.54(a)(1)) forbids it on days of earlier cycles and on
			// any part repaid within the grace period.
			days := last.Date.DaysUntil(last.Due) + 1
			for _, db := range a.Debts {
				if db.Billed == last.Date && db.Component == Principal && db.Kind != InstallmentDebt && db.Amount.IsPositive() {
					var ok bool
					if a.InterestAccrued, ok = a.InterestAccrued.Add(db.Amount, interestRate, days); !ok {
						return money.ErrOverflow
					}
				}
			}
		}
		a.GraceLost = unpaid
		if r.Interest.Method == FromPosting && unpaid {
			for _, db := range a.Debts {
				if db.Billed == last.Date && db.Component == Principal && db.Kind != InstallmentDebt {
					var ok bool
					if a.InterestAccrued, ok = a.InterestAccrued.Add(db.Original, interestRate, db.Posted.DaysUntil(last.Due)+1); !ok {
						return money.ErrOverflow
					}
				}
			}
		}
	}
	z := money.Zero(a.Currency)
	switch {
	case r.Penalty.Method == NoPenalty:
	case r.Penalty.PerItem:
		// Overdue while any item is late by its own due date: the oldest
		// late item is the one the line is overdue by.
		var late *Debt
		for i := range a.Debts {
			db := &a.Debts[i]
			if !db.Billed.IsZero() && db.Amount.IsPositive() && d.After(r.Cycle.LateAfter(db.Due)) && (late == nil || db.Due.Before(late.Due)) {
				late = db
			}
		}
		switch {
		case late == nil:
			a.Overdue = Overdue{Balance: z, Minimum: z, Fees: z}
		case a.Overdue.Statement.IsZero():
			a.Overdue = Overdue{Statement: late.Billed, Due: late.Due, Balance: a.order(late.Ref), Minimum: late.Amount, MinimumDue: late.Original, Fees: z}
		default:
			a.Overdue.Statement, a.Overdue.Due, a.Overdue.Minimum = late.Billed, late.Due, late.Amount
		}
	case !last.Date.IsZero() && d == r.Cycle.LateAfter(last.Due).AddDays(1) && last.MinimumUnpaid.IsPositive():
		// Overdue from this due date, or still from an earlier one (Since
		// is left out when it is Due).
		var since calendar.Date
		if !a.Overdue.Statement.IsZero() {
			if since = a.Overdue.since(); since == last.Due {
				since = calendar.Date{}
			}
		}
		a.Overdue = Overdue{Statement: last.Date, Due: last.Due, Balance: last.Balance, Minimum: last.MinimumUnpaid, MinimumDue: last.Minimum, Fees: z, Since: since}
	}
	a.clearOverdue()
	if off, err := a.chargeOffDue(r, d); off || err != nil {
		return err // charged off at the start of d: nothing accrues from d on
	}
	if r.Penalty.Method == LateFees && r.Penalty.PerItem {
		// Each late item pays its own fees, whether or not the line is
		// overdue by its first late item.
		if err := a.chargeItemLateFees(r, d); err != nil {
			return err
		}
	}
	overdue := !a.Overdue.Statement.IsZero()

	if !(overdue && r.Penalty.ReplacesInterest) && !interestRate.IsZero() {
		var sum checked.Sum
		for _, db := range a.Debts {
			if db.Component != Principal || db.Kind == InstallmentDebt {
				continue
			}
			switch r.Interest.Method {
			case RemainderAfterDue, FromPosting:
				if !db.Billed.IsZero() && (d.After(db.Due) || !db.FirstDue.IsZero() && d.After(db.FirstDue)) {
					sum.Add(db.Amount.Units())
				}
			case DailyBalance:
				if a.GraceLost {
					sum.Add(db.Amount.Units())
				}
			}
		}
		base, err := total(sum, a.Currency)
		if err != nil {
			return err
		}
		var ok bool
		if a.InterestAccrued, ok = a.InterestAccrued.Add(base, interestRate, 1); !ok {
			return money.ErrOverflow
		}
	}
	if !overdue {
		return nil
	}
	switch r.Penalty.Method {
	case OverdueDaily:
		base := a.Overdue.Minimum
		if r.Penalty.Base == OverdueBalance {
			var sum checked.Sum
			for _, db := range a.Debts {
				if (db.Component == Principal || db.Component == Fee) && !db.Billed.IsZero() && !db.Billed.After(a.Overdue.Statement) {
					sum.Add(db.Amount.Units())
				}
			}
			var err error
			if base, err = total(sum, a.Currency); err != nil {
				return err
			}
		}
		var ok bool
		if a.PenaltyAccrued, ok = a.PenaltyAccrued.Add(base, penaltyRate, 1); !ok {
			return money.ErrOverflow
		}
	case LateFees:
		if r.Penalty.PerItem {
			break // charged above
		}
		late := r.Cycle.LateAfter(a.Overdue.Due).DaysUntil(d) // 1 on the first late day
		for a.Overdue.FeeTiers < len(r.Penalty.Fees) && late > r.Penalty.Fees[a.Overdue.FeeTiers].AfterDays {
			limit, err := r.Penalty.feeCap(a.Overdue.Balance)
			if err != nil {
				return err
			}
			if r.Penalty.CapAtMinimum && a.Overdue.MinimumDue.Currency().IsValid() {
				if limit, err = money.Min(limit, a.Overdue.MinimumDue); err != nil {
					return err
				}
			}
			room, _ := limit.Sub(a.Overdue.Fees)
			fee, err := money.Min(r.Penalty.Fees[a.Overdue.FeeTiers].Amount, room)
			if err != nil {
				return err
			}
			a.Overdue.FeeTiers++
			if fee.IsPositive() {
				a.Overdue.Fees, _ = a.Overdue.Fees.Add(fee)
				a.Debts = append(a.Debts, Debt{Ref: "late-fee", Kind: RegularDebt, Component: Penalty, Posted: d, Original: fee, Amount: fee})
				a.Lines = append(a.Lines, Line{Kind: PenaltyLine, Date: d, Ref: "late-fee", Amount: fee})
			}
		}
	}
	return nil
}

// order returns the size of the purchase ref, for late-fee caps.
func (a *Account) order(ref string) money.Amount {
	for _, d := range a.Debts {
		if d.Ref == ref && d.Order.Currency().IsValid() {
			return d.Order
		}
	}
	return money.Zero(a.Currency)
}

// chargeItemLateFees charges each late item (an installment period or a
// purchase due on its own date) the fee tiers it has reached, once each:
// the caps apply to all the fees of its order together (FeesCharged), and
// with CapAtMinimum no fee exceeds the item itself.
func (a *Account) chargeItemLateFees(r Rules, d calendar.Date) error {
	fees := r.Penalty.Fees
	for ref := range a.FeesCharged { // orders paid off: their count ends
		if !slices.ContainsFunc(a.Debts, func(db Debt) bool { return db.Ref == ref }) {
			delete(a.FeesCharged, ref)
		}
	}
	type charge struct {
		ref string
		fee money.Amount
	}
	var charged []charge
	for i := range a.Debts {
		db := &a.Debts[i]
		if db.Billed.IsZero() || !db.Amount.IsPositive() || db.Component != Principal {
			continue
		}
		late := r.Cycle.LateAfter(db.Due).DaysUntil(d) // 1 on the first late day
		for db.LateTiers < len(fees) && late > fees[db.LateTiers].AfterDays {
			limit, err := r.Penalty.feeCap(a.order(db.Ref))
			if err != nil {
				return err
			}
			if r.Penalty.CapAtMinimum {
				if limit, err = money.Min(limit, db.Original); err != nil {
					return err
				}
			}
			room, _ := limit.Sub(a.feesCharged(db.Ref))
			fee, err := money.Min(fees[db.LateTiers].Amount, room)
			if err != nil {
				return err
			}
			db.LateTiers++
			if fee.IsPositive() {
				if a.FeesCharged == nil {
					a.FeesCharged = map[string]money.Amount{}
				}
				a.FeesCharged[db.Ref], _ = a.feesCharged(db.Ref).Add(fee)
				charged = append(charged, charge{db.Ref, fee})
			}
		}
	}
	for _, c := range charged {
		a.Overdue.Fees, _ = a.Overdue.Fees.Add(c.fee)
		a.Debts = append(a.Debts, Debt{Ref: "late-fee", Kind: RegularDebt, Component: Penalty, Posted: d, Original: c.fee, Amount: c.fee})
		a.Lines = append(a.Lines, Line{Kind: PenaltyLine, Date: d, Ref: "late-fee:" + c.ref, Amount: c.fee})
	}
	return nil
}

// feesCharged returns the late fees charged on order ref so far.
func (a *Account) feesCharged(ref string) money.Amount {
	if v, ok := a.FeesCharged[ref]; ok {
		return v
	}
	return money.Zero(a.Currency)
}
