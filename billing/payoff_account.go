package billing

import (
	"slices"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// PayoffScope says what an early payoff settles: the whole account (Ref
// empty), or the installment plan of purchase Ref: all it still owes
// (Periods 0), or only its next Periods periods not yet billed (the
// shopper's "pay off three months of my installments").
type PayoffScope struct {
	Ref     string `json:"ref,omitempty"`
	Periods int    `json:"periods,omitempty"`
}

// AccountPayoff is what an early payoff takes on a date, and what it
// waives. Total is what the holder pays: Principal + Fees + Interest +
// Penalties, less any credit balance (never below zero).
type AccountPayoff struct {
	On        calendar.Date `json:"on"`
	Principal money.Amount  `json:"principal"`
	Fees      money.Amount  `json:"fees"`      // installment fees the policy charges, and other fees owed
	Interest  money.Amount  `json:"interest"`  // interest owed, and interest accrued to the date, rounded as a statement would post it
	Penalties money.Amount  `json:"penalties"` // likewise for penalties
	Waived    money.Amount  `json:"waived"`    // installment fees the policy waives
	Credit    money.Amount  `json:"credit"`    // the credit balance it uses
	Total     money.Amount  `json:"total"`
}

// PayOff settles the scope early on date on, under policy (see
// PayoffPolicy): fees of the plan periods it settles are waived as the
// policy says; for the whole account, interest and penalties accrued to
// on are posted first, as a statement would post them. The holder pays
// Total; afterwards the scope owes nothing. Call it with the account's
// rules; use the returned AccountPayoff alone for a quote.
func (a Account) PayOff(r Rules, on calendar.Date, scope PayoffScope, policy PayoffPolicy) (Account, AccountPayoff, error) {
	if policy > ChargeNoFees {
		return Account{}, AccountPayoff{}, &InputError{Arg: "policy", Reason: "unknown " + policy.String()}
	}
	if scope.Periods < 0 {
		return Account{}, AccountPayoff{}, &InputError{Arg: "periods", Reason: "must not be negative"}
	}
	if a.ChargedOff() {
		return Account{}, AccountPayoff{}, &InputError{Arg: "account", Reason: "is charged off: its balance is due in full, and a payment pays it"}
	}
	if on.IsZero() || on.Before(a.AccruedThrough) {
		return Account{}, AccountPayoff{}, &InputError{Arg: "date", Reason: "is before the account's last event, " + a.AccruedThrough.String()}
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, AccountPayoff{}, err
	}
	cur := b.Currency
	if scope.Ref == "" { // the accruals post now, as a statement would post them
		for _, acc := range []struct {
			accrued *Accrual
			c       Component
			kind    LineKind
			ref     string
		}{{&b.InterestAccrued, Interest, InterestLine, "interest"}, {&b.PenaltyAccrued, Penalty, PenaltyLine, "penalty"}} {
			v, err := acc.accrued.Post(cur, r.Rounding)
			if err != nil {
				return Account{}, AccountPayoff{}, err
			}
			*acc.accrued = Accrual{}
			if v.IsPositive() {
				b.Debts = append(b.Debts, Debt{Ref: acc.ref, Kind: RegularDebt, Component: acc.c, Posted: on, Billed: on, Due: on, Original: v, Amount: v})
				b.Lines = append(b.Lines, Line{Kind: acc.kind, Date: on, Ref: acc.ref, Amount: v})
			}
		}
	}
	settle := b.payoffDebts(scope)
	if scope.Ref != "" && len(settle) == 0 {
		return Account{}, AccountPayoff{}, &InputError{Arg: "ref", Reason: "purchase " + scope.Ref + " owes nothing on an installment plan"}
	}
	var principal, fees, interest, penalties, waived checked.Sum
	for _, i := range settle {
		d := &b.Debts[i]
		v := d.Amount.Units()
		switch {
		case d.Component == Fee && d.Kind == InstallmentDebt && (policy == ChargeNoFees || policy == ChargeBilledFees && d.Billed.IsZero()):
			waived.Add(v)
			b.Lines = append(b.Lines, Line{Kind: WaiverLine, Date: on, Ref: d.Ref, Amount: neg(d.Amount)})
		case d.Component == Principal:
			principal.Add(v)
		case d.Component == Fee:
			fees.Add(v)
		case d.Component == Interest:
			interest.Add(v)
		default:
			penalties.Add(v)
		}
	}
	var q AccountPayoff
	q.On = on
	for _, p := range []struct {
		s   checked.Sum
		dst *money.Amount
	}{{principal, &q.Principal}, {fees, &q.Fees}, {interest, &q.Interest}, {penalties, &q.Penalties}, {waived, &q.Waived}} {
		if *p.dst, err = total(p.s, cur); err != nil {
			return Account{}, AccountPayoff{}, err
		}
	}
	var due checked.Sum
	due.Add(q.Principal.Units())
	due.Add(q.Fees.Units())
	due.Add(q.Interest.Units())
	due.Add(q.Penalties.Units())
	owed, ok := due.Value()
	if !ok {
		return Account{}, AccountPayoff{}, money.ErrOverflow
	}
	use := min(owed, b.Credit.Units())
	q.Credit, q.Total = money.FromMinor(use, cur), money.FromMinor(owed-use, cur)
	billedBefore, err := b.BilledUnpaid()
	if err != nil {
		return Account{}, AccountPayoff{}, err
	}
	for _, i := range settle {
		b.Debts[i].Amount = money.Zero(cur)
	}
	b.Debts = withoutPaidOff(b.Debts)
	b.Credit = money.FromMinor(b.Credit.Units()-use, cur)
	if q.Total.IsPositive() {
		b.Lines = append(b.Lines, Line{Kind: PaymentLine, Date: on, Ref: scope.Ref, Amount: neg(q.Total)})
	}
	billedAfter, err := b.BilledUnpaid()
	if err != nil {
		return Account{}, AccountPayoff{}, err
	}
	paid, _ := billedBefore.Sub(billedAfter)
	b.settle(paid)
	if err := b.finish(r, on); err != nil {
		return Account{}, AccountPayoff{}, err
	}
	return b, q, nil
}

// payoffDebts returns the indexes of the debts a payoff of scope settles.
func (a *Account) payoffDebts(scope PayoffScope) []int {
	var idx []int
	if scope.Ref == "" {
		for i := range a.Debts {
			idx = append(idx, i)
		}
		return idx
	}
	var periods []int // the plan's unbilled periods, in order
	for i, d := range a.Debts {
		if d.Ref != scope.Ref || d.Kind != InstallmentDebt {
			continue
		}
		if scope.Periods == 0 {
			idx = append(idx, i)
		} else if d.Billed.IsZero() && !slices.Contains(periods, d.Period) {
			periods = append(periods, d.Period)
		}
	}
	if scope.Periods == 0 {
		return idx
	}
	slices.Sort(periods)
	periods = periods[:min(scope.Periods, len(periods))]
	for i, d := range a.Debts {
		if d.Ref == scope.Ref && d.Kind == InstallmentDebt && d.Billed.IsZero() && slices.Contains(periods, d.Period) {
			idx = append(idx, i)
		}
	}
	return idx
}
