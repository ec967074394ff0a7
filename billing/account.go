package billing

import (
	"maps"
	"slices"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Account is a credit line's billing state as a plain value: the pieces of
// debt outstanding, any credit balance, interest and penalties accrued but
// not yet posted, the lines since the last statement and a summary of that
// statement. Every method is pure: it returns a new Account and leaves its
// receiver unchanged, so a rejected command changes nothing. Events must
// come in date order; each first accrues interest through its own date,
// so a day's interest is charged on the balance that day opened with.
type Account struct {
	Currency        money.Currency `json:"currency"`
	Debts           []Debt         `json:"debts"`
	Credit          money.Amount   `json:"credit"` // owed to the holder
	InterestAccrued Accrual        `json:"interest_accrued"`
	PenaltyAccrued  Accrual        `json:"penalty_accrued"`
	AccruedThrough  calendar.Date  `json:"accrued_through"`
	GraceLost       bool           `json:"grace_lost"` // DailyBalance: a statement was not paid in full in time
	Lines           []Line         `json:"lines"`      // since the last statement
	Last            LastStatement  `json:"last"`
	Overdue         Overdue        `json:"overdue"`
	// FeesCharged is the late fees charged on each purchase still owing,
	// by its ref, for caps per order (PenaltyRule.PerItem).
	FeesCharged map[string]money.Amount `json:"fees_charged,omitempty"`
	// ChargeOff is the account's charge-off (ChargeOffRule); nil until it
	// is charged off. It is never changed in place: a change replaces it.
	ChargeOff *ChargeOff `json:"charge_off,omitempty"`
}

// LastStatement summarizes the most recent statement and what has been
// paid against it since.
type LastStatement struct {
	Date          calendar.Date `json:"date,omitzero"` // zero before the first statement
	Due           calendar.Date `json:"due,omitzero"`
	Closing       money.Amount  `json:"closing"`
	Balance       money.Amount  `json:"balance"`
	Basis         MinimumBasis  `json:"basis"`
	Minimum       money.Amount  `json:"minimum"`
	MinimumUnpaid money.Amount  `json:"minimum_unpaid"`
}

// Overdue records a statement whose minimum was not paid in time. The
// account stays overdue while anything billed on or before that statement
// is unpaid.
type Overdue struct {
	Statement calendar.Date `json:"statement,omitzero"` // zero when not overdue
	Due       calendar.Date `json:"due,omitzero"`
	Balance   money.Amount  `json:"balance"` // that statement's balance, for late-fee caps
	Minimum   money.Amount  `json:"minimum"` // its minimum still unpaid
	// MinimumDue is the whole minimum payment that was due (for one late
	// item, the item): what Regulation Z lets a late fee come to at most.
	MinimumDue money.Amount `json:"minimum_due,omitzero"`
	FeeTiers   int          `json:"fee_tiers"`
	Fees       money.Amount `json:"fees"`
	// Since is the due date the account has been overdue from without a
	// break when a later statement went late while it still was (zero
	// reads as Due, the statement's or item's own). Debt carried from an
	// older statement whose minimum was paid on time is past due from no
	// earlier than that (Account.PastDueSince).
	Since calendar.Date `json:"since,omitzero"`
}

// NewAccount returns an empty account in currency c, opened on date opened.
func NewAccount(c money.Currency, opened calendar.Date) Account {
	z := money.Zero(c)
	return Account{
		Currency: c, Credit: z, AccruedThrough: opened,
		Last:    LastStatement{Closing: z, Balance: z, Minimum: z, MinimumUnpaid: z, Basis: MinimumBasis{z, z, z, z, z, z, z}},
		Overdue: Overdue{Balance: z, Minimum: z, Fees: z},
	}
}

// clone returns a copy whose slices the caller may change.
func (a Account) clone() Account {
	a.Debts = slices.Clone(a.Debts)
	a.Lines = slices.Clone(a.Lines)
	a.FeesCharged = maps.Clone(a.FeesCharged)
	return a
}

func (a Account) check(on calendar.Date, amount money.Amount) error {
	if on.IsZero() || on.Before(a.AccruedThrough) {
		return &InputError{Arg: "date", Reason: on.String() + " is before the account's last event, " + a.AccruedThrough.String()}
	}
	if amount.Currency() != a.Currency {
		return &money.MismatchError{Op: "account", A: a.Currency, B: amount.Currency()}
	}
	if !amount.IsPositive() {
		return &InputError{Arg: "amount", Reason: "must be positive, not " + amount.String()}
	}
	return nil
}

// Owed returns what the holder owes net of any credit balance: the sum of
// every debt, billed or not, less the credit balance. A sum beyond int64
// minor units is money.ErrOverflow; no method of this package builds an
// account whose sums overflow.
func (a Account) Owed() (money.Amount, error) {
	var n checked.Sum
	for i := range a.Debts {
		n.Add(a.Debts[i].Amount.Units())
	}
	n.Sub(a.Credit.Units())
	return total(n, a.Currency)
}

// total returns a checked sum as an amount, or money.ErrOverflow.
func total(s checked.Sum, c money.Currency) (money.Amount, error) {
	v, ok := s.Value()
	if !ok {
		return money.Amount{}, money.ErrOverflow
	}
	return money.FromMinor(v, c), nil
}

// checkTotals reports money.ErrOverflow when any total the account's
// accessors and statements take (what is owed, billed, unbilled, and the
// lines since the last statement) leaves int64: every method that changes
// an account calls it last, so that none builds one whose sums overflow.
func (a *Account) checkTotals() error {
	var owed, billed, lines checked.Sum
	for i := range a.Debts {
		v := a.Debts[i].Amount.Units()
		owed.Add(v)
		if !a.Debts[i].Billed.IsZero() {
			billed.Add(v)
		}
	}
	owed.Sub(a.Credit.Units())
	for i := range a.Lines {
		v := a.Lines[i].Amount.Units()
		lines.Add(max(v, -v)) // charges and credits are summed apart
	}
	for _, s := range []checked.Sum{owed, billed, lines} {
		if _, ok := s.Value(); !ok {
			return money.ErrOverflow
		}
	}
	return nil
}

// Purchase posts a purchase of amount on date on, as a regular or
// temporary-limit debt carrying apr (for highest-rate-first allocation).
func (a Account) Purchase(r Rules, ref string, on calendar.Date, amount money.Amount, kind DebtKind, apr decimal.Decimal) (Account, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, err
	}
	if kind == InstallmentDebt {
		return Account{}, &InputError{Arg: "kind", Reason: "use InstallmentPurchase for installment plans"}
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	b.Debts = append(b.Debts, Debt{Ref: ref, Kind: kind, Component: Principal, Posted: on, APR: apr, Original: amount, Amount: amount, Order: amount})
	b.Lines = append(b.Lines, Line{Kind: PurchaseLine, Date: on, Ref: ref, Amount: amount})
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}

// InstallmentPurchase puts a purchase on an installment plan: each period
// of s becomes a principal and a fee debt, billed on the last statement
// day on or before the period's bill date, or at once when that statement
// has already been cut (a down payment, or pay in 4 with payments every two
// weeks). A statement dated on is cut before on's purchases unless the
// statement day closes the cycle. A down payment (period 0) is a debt like
// the others; PayInstallment pays it at checkout.
func (a Account) InstallmentPurchase(r Rules, ref string, on calendar.Date, s Schedule) (Account, error) {
	if err := a.check(on, s.Principal); err != nil {
		return Account{}, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	b.addInstallments(r, ref, on, s)
	b.Lines = append(b.Lines, Line{Kind: InstallmentPurchaseLine, Date: on, Ref: ref, Amount: s.Principal})
	if s.TotalFee.IsPositive() {
		b.Lines = append(b.Lines, Line{Kind: InstallmentFeeLine, Date: on, Ref: ref, Amount: s.TotalFee})
	}
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}

func (a *Account) addInstallments(r Rules, ref string, on calendar.Date, s Schedule) {
	for _, in := range s.Installments {
		billOn, billed := lastStatementDay(r.Cycle.StatementDay, in.Billed), calendar.Date{}
		if billOn.Before(on) || billOn == on && !r.Cycle.StatementDayClosesCycle {
			billOn, billed = on, on // its statement has been cut: bill it now
		}
		for _, part := range []struct {
			c Component
			v money.Amount
		}{{Principal, in.Principal}, {Fee, in.Fee}} {
			if part.v.IsPositive() {
				a.Debts = append(a.Debts, Debt{Ref: ref, Kind: InstallmentDebt, Component: part.c, Period: in.Period,
					Posted: on, BillOn: billOn, Billed: billed, Due: in.Due, Original: part.v, Amount: part.v, Order: s.Principal})
			}
		}
	}
}

// lastStatementDay returns the statement date on or before d.
func lastStatementDay(day int, d calendar.Date) calendar.Date {
	s := d.FirstOfMonth().AddDays(day - 1)
	if s.After(d) {
		s = d.FirstOfMonth().AddMonths(-1).AddDays(day - 1)
	}
	return s
}

// Charge posts a fee of amount on date on.
func (a Account) Charge(r Rules, ref string, on calendar.Date, amount money.Amount) (Account, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	b.Debts = append(b.Debts, Debt{Ref: ref, Kind: RegularDebt, Component: Fee, Posted: on, Original: amount, Amount: amount})
	b.Lines = append(b.Lines, Line{Kind: FeeLine, Date: on, Ref: ref, Amount: amount})
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}

// Pay applies a payment of amount on date on by the rules' allocation; what
// is left after every payable debt becomes a credit balance.
func (a Account) Pay(r Rules, on calendar.Date, amount money.Amount) (Account, []Paid, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, nil, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, nil, err
	}
	debts, paid, left, err := r.Allocation.Apply(amount, b.Debts, on, r.Cycle.GraceDays, b.Last.MinimumUnpaid)
	if err != nil {
		return Account{}, nil, err
	}
	b.Debts = debts
	if b.Credit, err = b.Credit.Add(left); err != nil {
		return Account{}, nil, err
	}
	if b.ChargedOff() {
		// What pays the charged-off balance is a recovery; the rest is a
		// credit balance, as on any account.
		if paid := amount.Units() - left.Units(); paid > 0 {
			b.Lines = append(b.Lines, Line{Kind: RecoveryLine, Date: on, Ref: ChargeOffRef, Amount: money.FromMinor(-paid, b.Currency)})
		}
		if left.IsPositive() {
			b.Lines = append(b.Lines, Line{Kind: PaymentLine, Date: on, Amount: neg(left)})
		}
	} else {
		b.Lines = append(b.Lines, Line{Kind: PaymentLine, Date: on, Amount: neg(amount)})
	}
	b.settle(amount)
	if err := b.sweepChargedOff(r, on); err != nil {
		return Account{}, nil, err
	}
	if err := b.checkTotals(); err != nil {
		return Account{}, nil, err
	}
	return b, paid, nil
}

// PayInstallment pays amount towards one period of the installment plan
// of ref posted on on (its fee, then its principal), whatever the
// allocation order: a down payment taken at checkout pays its own
// purchase's period 0. What the period no longer owes (a credit balance
// paid it as it was billed) becomes a credit balance.
func (a Account) PayInstallment(r Rules, on calendar.Date, ref string, period int, amount money.Amount) (Account, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	billedBefore, err := b.BilledUnpaid()
	if err != nil {
		return Account{}, err
	}
	left := amount.Units()
	for _, c := range []Component{Fee, Principal} {
		for i := range b.Debts {
			d := &b.Debts[i]
			if d.Ref != ref || d.Kind != InstallmentDebt || d.Period != period || d.Posted != on || d.Component != c {
				continue
			}
			take := min(left, d.Amount.Units())
			d.Amount = money.FromMinor(d.Amount.Units()-take, b.Currency)
			left -= take
		}
	}
	if left > 0 { // the period owed less (a credit balance paid part of it): the rest is credit
		if b.Credit, err = b.Credit.Add(money.FromMinor(left, b.Currency)); err != nil {
			return Account{}, err
		}
	}
	b.Debts = withoutPaidOff(b.Debts)
	b.Lines = append(b.Lines, Line{Kind: PaymentLine, Date: on, Ref: ref, Amount: neg(amount)})
	billedAfter, err := b.BilledUnpaid()
	if err != nil {
		return Account{}, err
	}
	paidBilled, _ := billedBefore.Sub(billedAfter)
	b.settle(paidBilled)
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}

// settle counts a payment (or the part of a refund that paid billed debt)
// against the last statement's minimum and any overdue minimum, and ends
// the overdue state once its debts are repaid.
func (a *Account) settle(amount money.Amount) {
	sub := func(x money.Amount) money.Amount {
		return money.FromMinor(max(0, x.Units()-amount.Units()), x.Currency())
	}
	a.Last.MinimumUnpaid = sub(a.Last.MinimumUnpaid)
	a.Overdue.Minimum = sub(a.Overdue.Minimum)
	a.clearOverdue()
}

// BilledUnpaid returns what has been billed and is still unpaid: paying it
// pays every statement in full. A sum beyond int64 minor units is
// money.ErrOverflow.
func (a Account) BilledUnpaid() (money.Amount, error) {
	var n checked.Sum
	for i := range a.Debts {
		if !a.Debts[i].Billed.IsZero() {
			n.Add(a.Debts[i].Amount.Units())
		}
	}
	return total(n, a.Currency)
}

func (a *Account) clearOverdue() {
	if a.Overdue.Statement.IsZero() {
		return
	}
	for _, d := range a.Debts {
		if !d.Billed.IsZero() && !d.Billed.After(a.Overdue.Statement) {
			return
		}
	}
	z := money.Zero(a.Currency)
	a.Overdue = Overdue{Balance: z, Minimum: z, Fees: z}
}

// Refund returns amount of purchase ref on date on. It first reduces what
// is still owed on that purchase (unbilled before billed; an installment
// plan's future periods from the last back, waiving the fees of periods it
// cancels), then pays other debt by the rules' allocation, and leaves the
// rest as a credit balance that can be paid out.
func (a Account) Refund(r Rules, ref string, on calendar.Date, amount money.Amount) (Account, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	left := amount.Units()
	billedBefore, err := b.BilledUnpaid()
	if err != nil {
		return Account{}, err
	}
	b.Lines = append(b.Lines, Line{Kind: RefundLine, Date: on, Ref: ref, Amount: neg(amount)})
	for _, i := range refundOrder(b.Debts, ref) {
		d := &b.Debts[i]
		take := min(left, d.Amount.Units())
		d.Amount = money.FromMinor(d.Amount.Units()-take, b.Currency)
		left -= take
		if d.Kind == InstallmentDebt && d.Billed.IsZero() && d.Amount.IsZero() {
			// The period is cancelled: its fee goes too.
			for j := range b.Debts {
				f := &b.Debts[j]
				if f.Ref == ref && f.Period == d.Period && f.Component == Fee && f.Billed.IsZero() && f.Amount.IsPositive() {
					b.Lines = append(b.Lines, Line{Kind: WaiverLine, Date: on, Ref: ref, Amount: neg(f.Amount)})
					f.Amount = money.Zero(b.Currency)
				}
			}
		}
		if left == 0 {
			break
		}
	}
	b.Debts = withoutPaidOff(b.Debts)
	if left > 0 && len(b.Debts) > 0 {
		debts, _, rest, err := r.Allocation.Apply(money.FromMinor(left, b.Currency), b.Debts, on, r.Cycle.GraceDays, b.Last.MinimumUnpaid)
		if err != nil {
			return Account{}, err
		}
		b.Debts, left = debts, rest.Units()
	}
	if b.Credit, err = b.Credit.Add(money.FromMinor(left, b.Currency)); err != nil {
		return Account{}, err
	}
	billedAfter, err := b.BilledUnpaid()
	if err != nil {
		return Account{}, err
	}
	paidBilled, _ := billedBefore.Sub(billedAfter)
	b.settle(paidBilled)
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}

// refundOrder returns the indexes of ref's principal: unbilled regular
// first, then billed, then installment periods billed, then unbilled from
// the last period back.
func refundOrder(debts []Debt, ref string) []int {
	var idx []int
	for i, d := range debts {
		if d.Ref == ref && d.Component == Principal {
			idx = append(idx, i)
		}
	}
	rank := func(d Debt) int {
		switch {
		case d.Kind != InstallmentDebt && d.Billed.IsZero():
			return 0
		case d.Kind != InstallmentDebt:
			return 1
		case !d.Billed.IsZero():
			return 2
		}
		return 3
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		if ri, rj := rank(debts[i]), rank(debts[j]); ri != rj {
			return ri - rj
		}
		if rank(debts[i]) == 3 {
			return debts[j].Period - debts[i].Period
		}
		return debts[i].Period - debts[j].Period
	})
	return idx
}

// Payout pays amount of the credit balance out to the holder.
func (a Account) Payout(r Rules, on calendar.Date, amount money.Amount) (Account, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, err
	}
	if c, _ := amount.Cmp(a.Credit); c > 0 {
		return Account{}, &InputError{Arg: "amount", Reason: "payout " + amount.String() + " exceeds the credit balance " + a.Credit.String()}
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	b.Credit, _ = b.Credit.Sub(amount)
	b.Lines = append(b.Lines, Line{Kind: PayoutLine, Date: on, Amount: amount})
	if err := b.checkTotals(); err != nil {
		return Account{}, err
	}
	return b, nil
}

func neg(a money.Amount) money.Amount { return money.FromMinor(-a.Units(), a.Currency()) }

// finish ends every method that changes an account: a credit balance pays
// the debt a payment could pay (see applyCredit), then every total is
// checked.
func (a *Account) finish(r Rules, on calendar.Date) error {
	if err := a.applyCredit(r, on); err != nil {
		return err
	}
	if err := a.sweepChargedOff(r, on); err != nil {
		return err
	}
	return a.checkTotals()
}

// applyCredit pays debt from the credit balance, by the rules' allocation,
// as soon as a payment could pay it: a purchase as it posts, an
// installment period, fee, interest or penalty as it is billed (future
// installment periods wait for their statement, as they do for a payment).
// So a holder who paid in advance, or was refunded, is never billed for
// what the credit covers, and never overdue for it.
func (a *Account) applyCredit(r Rules, on calendar.Date) error {
	if !a.Credit.IsPositive() {
		return nil
	}
	payable := false
	for i := range a.Debts {
		d := &a.Debts[i]
		if d.Amount.IsPositive() && (d.Kind != InstallmentDebt || !d.Billed.IsZero()) {
			payable = true
			break
		}
	}
	if !payable {
		return nil
	}
	billedBefore, err := a.BilledUnpaid()
	if err != nil {
		return err
	}
	debts, _, left, err := r.Allocation.Apply(a.Credit, a.Debts, on, r.Cycle.GraceDays, a.Last.MinimumUnpaid)
	if err != nil {
		return err
	}
	a.Debts, a.Credit = debts, left
	billedAfter, err := a.BilledUnpaid()
	if err != nil {
		return err
	}
	paid, _ := billedBefore.Sub(billedAfter)
	a.settle(paid)
	return nil
}
