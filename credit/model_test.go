package credit_test

import (
	"fmt"
	"slices"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
)

// refModel is the simulation's reference model of one line: a separate,
// deliberately simple account of the balance arithmetic, written only for
// the tests. It follows each purchase through authorization, capture,
// posting, voiding, expiry and refund in plain integers, and each payment
// and payout, and so knows what must be held and what must be owed
// without asking the engine. It takes from the engine only what it does
// not model: the interest, penalties and fees charged (the postings to
// income accounts; package billing tests them against worked numbers),
// the down payment a posted plan takes (billing's schedules), the day the
// line has reached, and whether an authorization was approved (it checks
// the decision against the available credit instead).
type refModel struct {
	autoConfirm credit.AutoConfirm
	holdDays    int
	maxTemp     int64 // the most temporary limits may add at once
	postsAtPay  bool  // the product posts at capture, not at delivery
	limit       int64
	temps       []credit.TempLimit
	purchases   map[string]*modelPurchase
	status      credit.LineStatus

	posted, refundedPosted, paid, paidOut, downPayments, charges int64
	// writtenOff is what was written off: small remainders after a due
	// date, taken from the engine's postings, and charged-off balances of
	// at most the product's write-off amount, which the model predicts.
	writtenOff int64
	// stepWriteOffs counts the postings to loss:write_off of the command
	// being checked.
	stepWriteOffs int

	payments map[string]int64 // the payments taken and not reversed, by key
	reversed map[string]bool  // the payments reversed
	// reversedAmounts are their amounts, by key.
	reversedAmounts map[string]int64

	hardship hardshipModel // deferrals and reschedulings (sim_hardship_test.go)
}

// modelPurchase is one purchase as the model sees it.
type modelPurchase struct {
	state                               credit.PurchaseState
	hold                                int64 // authorized and neither captured, voided nor expired
	expires                             calendar.Date
	captured, pending, refunded, posted int64
	plan                                string
	category                            string
	capturedOn, requested               calendar.Date // the last capture; the refund request open since
	paused                              int           // days refund requests were open
}

func newRefModel(p *credit.Product, limit int64) *refModel {
	return &refModel{autoConfirm: p.AutoConfirm, holdDays: p.HoldDays, maxTemp: p.MaxTempLimit.Units(), postsAtPay: p.Billing.Cycle.Posting == billing.PostOnPayment, limit: limit,
		purchases: map[string]*modelPurchase{}, payments: map[string]int64{}, reversed: map[string]bool{}, reversedAmounts: map[string]int64{}}
}

// held is what authorizations and unposted captures hold.
func (m *refModel) held() int64 {
	var n int64
	for _, pu := range m.purchases {
		n += pu.hold + pu.pending
	}
	return n
}

// owed is what the holder owes, net of any credit balance.
func (m *refModel) owed() int64 {
	return m.posted - m.refundedPosted - m.paid - m.downPayments + m.paidOut + m.charges - m.writtenOff
}

// limitOn is the fixed limit plus the temporary limits in force on day.
func (m *refModel) limitOn(day calendar.Date) int64 {
	n := m.limit
	for _, t := range m.temps {
		if day.Before(t.Expires) {
			n += t.Amount.Units()
		}
	}
	return n
}

// tempRoom is how much more temporary limit the product allows on day.
func (m *refModel) tempRoom(day calendar.Date) int64 {
	return m.maxTemp - (m.limitOn(day) - m.limit)
}

// reach brings the model to the line's day: holds at or past their expiry
// are released, and purchases whose shopper did not confirm receipt are
// posted once the product's days have passed after their last capture,
// not counting days a refund request was open. (Only products that bill
// by delivery confirm automatically, and none of the presets' plans there
// takes a down payment.)
func (m *refModel) reach(day calendar.Date) {
	for id, pu := range m.purchases {
		if pu.hold > 0 && !day.Before(pu.expires) {
			pu.hold = 0
			if pu.captured == 0 {
				pu.state = credit.Expired
			}
		}
		days := m.autoConfirm.Days
		if slices.Contains(m.autoConfirm.VirtualCategories, pu.category) {
			days = m.autoConfirm.VirtualDays
		}
		if pu.pending > 0 && pu.requested.IsZero() && days > 0 && !day.Before(pu.capturedOn.AddDays(days+1+pu.paused)) {
			m.deliver(id, 0)
		}
	}
}

// requestRefund and closeRequest open and close a refund request.
func (m *refModel) requestRefund(id string, day calendar.Date) { m.purchases[id].requested = day }

func (m *refModel) closeRequest(id string, day calendar.Date) {
	pu := m.purchases[id]
	pu.paused += pu.requested.DaysUntil(day)
	pu.requested = calendar.Date{}
}

func (m *refModel) authorize(id string, amount int64, on calendar.Date, plan, category string) {
	m.purchases[id] = &modelPurchase{state: credit.Authorized, hold: amount, expires: on.AddDays(m.holdDays), plan: plan, category: category}
}

// canCapture, canDeliver, canVoid and canRefund say whether the model
// accepts the command; the engine must agree.
func (m *refModel) canCapture(id string, amount int64, day calendar.Date) bool {
	return amount > 0 && amount <= m.holdOn(id, day)
}

func (m *refModel) canDeliver(id string) bool {
	pu := m.purchases[id]
	return pu != nil && pu.pending > 0
}

func (m *refModel) canVoid(id string, day calendar.Date) bool {
	return m.holdOn(id, day) > 0
}

func (m *refModel) canRefund(id string, amount int64) bool {
	pu := m.purchases[id]
	return pu != nil && amount > 0 && amount <= pu.captured-pu.refunded
}

func (m *refModel) capture(id string, amount int64, on calendar.Date) {
	pu := m.purchases[id]
	pu.capturedOn = on
	pu.hold -= amount
	pu.captured += amount
	pu.pending += amount
	if pu.state == credit.Authorized {
		pu.state = credit.Captured
	}
}

// deliver posts what is pending; downPayment is what a plan takes at
// once.
func (m *refModel) deliver(id string, downPayment int64) {
	pu := m.purchases[id]
	pu.posted += pu.pending
	m.posted += pu.pending
	pu.pending = 0
	pu.state = credit.Posted
	m.downPayments += downPayment
}

func (m *refModel) void(id string) {
	pu := m.purchases[id]
	pu.hold = 0
	if pu.captured == 0 {
		pu.state = credit.Voided
	}
}

func (m *refModel) refund(id string, amount int64, on calendar.Date) {
	pu := m.purchases[id]
	if !pu.requested.IsZero() { // a refund closes the request
		m.closeRequest(id, on)
	}
	fromPending := min(pu.pending, amount)
	pu.pending -= fromPending
	pu.refunded += amount
	m.refundedPosted += amount - fromPending
}

// check compares the model with the engine's line and reports the first
// difference.
//
// A purchase the engine archived (settled, out of the line's state) is
// read through archived: it must be settled, and be what the model says.
func (m *refModel) check(l *credit.Line, archived func(id string) (*credit.Purchase, error)) error {
	b, err := l.Balances()
	if err != nil {
		return err
	}
	owed, err := l.Account.Owed()
	if err != nil {
		return err
	}
	if got, want := b.Held.Units(), m.held(); got != want {
		return fmt.Errorf("held: engine %d, model %d", got, want)
	}
	if got, want := owed.Units(), m.owed(); got != want {
		return fmt.Errorf("owed: engine %d, model %d (posted %d, refunded after posting %d, paid %d, down payments %d, paid out %d, charges %d, written off %d)",
			got, want, m.posted, m.refundedPosted, m.paid, m.downPayments, m.paidOut, m.charges, m.writtenOff)
	}
	if got, want := b.Limit.Units(), m.limitOn(l.Today); got != want {
		return fmt.Errorf("limit: engine %d, model %d", got, want)
	}
	if b.Used.Units()+b.Available.Units() != b.Limit.Units() {
		return fmt.Errorf("used %v + available %v ≠ limit %v", b.Used, b.Available, b.Limit)
	}
	// A credit balance pays what a payment could pay, as soon as it could:
	// it never sits beside payable debt, and a line in credit is never
	// overdue.
	if l.Account.Credit.IsPositive() {
		for _, d := range l.Account.Debts {
			if d.Amount.IsPositive() && (d.Kind != billing.InstallmentDebt || !d.Billed.IsZero()) {
				return fmt.Errorf("a credit balance of %v beside payable debt %+v", l.Account.Credit, d)
			}
		}
		if !l.Account.Overdue.Statement.IsZero() {
			return fmt.Errorf("overdue with a credit balance of %v", l.Account.Credit)
		}
	}
	if l.Status != m.status {
		return fmt.Errorf("status: engine %v, model %v", l.Status, m.status)
	}
	if len(l.Purchases) > len(m.purchases) {
		return fmt.Errorf("purchases: engine %d, model %d", len(l.Purchases), len(m.purchases))
	}
	all := slices.Clone(l.Purchases)
	for id := range m.purchases {
		if slices.ContainsFunc(l.Purchases, func(pu *credit.Purchase) bool { return pu.ID == id }) {
			continue
		}
		pu, err := archived(id)
		if err != nil {
			return fmt.Errorf("purchase %s: not in the line, and not archived: %v", id, err)
		}
		if pu.State != credit.Voided && pu.State != credit.Expired && (pu.State != credit.Posted || !pu.Pending.IsZero()) {
			return fmt.Errorf("purchase %s: archived while %v with %v pending", id, pu.State, pu.Pending)
		}
		all = append(all, pu)
	}
	for _, pu := range all {
		mp := m.purchases[pu.ID]
		if mp == nil {
			return fmt.Errorf("purchase %s: not in the model", pu.ID)
		}
		got := [4]int64{int64(pu.State), pu.Captured.Units(), pu.Pending.Units(), pu.Refunded.Units()}
		want := [4]int64{int64(mp.state), mp.captured, mp.pending, mp.refunded}
		if got != want || pu.Plan != mp.plan {
			return fmt.Errorf("purchase %s: engine (state, captured, pending, refunded) %v plan %q, model %v plan %q", pu.ID, got, pu.Plan, want, mp.plan)
		}
	}
	holds := map[string]int64{}
	for _, h := range l.Holds {
		holds[h.Purchase] += h.Amount.Units()
	}
	for id, mp := range m.purchases {
		if holds[id] != mp.hold {
			return fmt.Errorf("purchase %s: engine holds %d, model %d", id, holds[id], mp.hold)
		}
	}
	return nil
}

// billedTwice reports a purchase whose principal was billed for more than
// was posted, or an installment period billed on two statements.
func (m *refModel) billedTwice(sts []billing.Statement) error {
	principal := map[string]int64{}
	periods := map[string]calendar.Date{}
	for _, st := range sts {
		for _, it := range st.Items {
			if it.Component != billing.Principal {
				continue
			}
			if it.Kind == billing.InstallmentDebt {
				// A purchase captured in parts has a schedule for each
				// posting: a period is known by its posting too.
				key := fmt.Sprint(it.Ref, "@", it.Posted, "#", it.Period)
				if d, ok := periods[key]; ok && d != st.Date {
					return fmt.Errorf("installment %s billed on %v and %v", key, d, st.Date)
				}
				periods[key] = st.Date
				continue
			}
			principal[it.Ref] += it.Original.Units()
		}
	}
	// A reversal that could not take its payment out of the history owes
	// the payment again as principal of its own.
	var reversed int64
	for _, a := range m.reversedAmounts {
		reversed += a
	}
	if principal[billing.ReversalRef] > reversed {
		return fmt.Errorf("reversal principal billed %d, more than the %d reversed", principal[billing.ReversalRef], reversed)
	}
	delete(principal, billing.ReversalRef)
	refs := make([]string, 0, len(principal))
	for ref := range principal {
		refs = append(refs, ref)
	}
	slices.Sort(refs)
	for _, ref := range refs {
		if pu := m.purchases[ref]; pu == nil || principal[ref] > pu.posted {
			return fmt.Errorf("purchase %s: principal billed %d, more than was posted", ref, principal[ref])
		}
	}
	return nil
}

// checkChargeOff checks a command's effect on a product that charges off,
// after the model took the command's postings: a line past due more than
// the product's days is charged off on the day it passes them, and never
// before (the model predicts the day from the line as it was); a
// charged-off balance keeps its books; and a charged-off balance of at
// most the write-off amount is written off (the model predicts it).
func (s *sim) checkChargeOff(l *simLine, before, after *credit.Line) error {
	m := l.model
	defer func() { m.stepWriteOffs = 0 }()
	n := l.product.Billing.ChargeOff.AfterDays
	co := after.Account.ChargeOff
	if n == 0 {
		if !co.IsZero() {
			return fmt.Errorf("charged off %+v on a product that never charges off", co)
		}
		return nil
	}
	wasOff := !before.Account.ChargeOff.IsZero()
	if since, overdue := pastDueFrom(&l.product, &before.Account, before.Today); !wasOff && overdue && m.stepWriteOffs == 0 && !after.Today.Before(since.AddDays(n+1)) {
		// The model predicts the charge-off on since+n+1, unless the line's
		// aging moved its oldest due date later on the way (a newer
		// statement became the one it is overdue by, and the older one's
		// own due date no longer counts: Report ages lines the same way);
		// a small remainder written off after a due date may cure it too.
		switch {
		case co.IsZero():
			if later, od := after.Account.PastDueSince(after.Today); !od || !later.After(since) {
				return fmt.Errorf("past due since %v, and on %v not charged off after %d days", since, after.Today, n)
			}
		case co.Since.Before(since), co.Since == since && co.On != since.AddDays(n+1):
			return fmt.Errorf("past due since %v: charged off %+v, want on %v", since, co, since.AddDays(n+1))
		}
	}
	if co.IsZero() {
		if since, overdue := after.Account.PastDueSince(after.Today); overdue && since.DaysUntil(after.Today) > n {
			return fmt.Errorf("%d days past due on %v and not charged off", since.DaysUntil(after.Today), after.Today)
		}
		return nil
	}
	if !wasOff {
		s.stats.chargeOffs.Add(1)
		if co.Since.DaysUntil(co.On) <= n || co.On.After(after.Today) || !co.On.After(before.Today) {
			return fmt.Errorf("charged off %+v between %v and %v, after %d days past due", co, before.Today, after.Today, n)
		}
	}
	if !after.Account.Overdue.Statement.IsZero() || !after.Account.PenaltyAccrued.IsZero() || !after.Account.InterestAccrued.IsZero() {
		return fmt.Errorf("charged off, and overdue %+v or accruing", after.Account.Overdue)
	}
	var debts int64
	for _, d := range after.Account.Debts {
		if !d.ChargedOff {
			return fmt.Errorf("a debt %+v of a charged-off line is not charged off", d)
		}
		debts += d.Amount.Units()
	}
	if debts != co.Balance.Units() || co.Amount.Units() != co.Recovered.Units()+co.WrittenOff.Units()+co.Balance.Units() {
		return fmt.Errorf("charged-off books %+v, debts %d", co, debts)
	}
	if wasOff && co.WrittenOff.Units() > before.Account.ChargeOff.WrittenOff.Units() {
		s.stats.chargedOffWriteOffs.Add(1)
	}
	if up := l.product.Billing.WriteOff.UpTo.Units(); up > 0 {
		if o := m.owed(); o > 0 && o <= up {
			m.writtenOff += o
		}
	}
	return nil
}

// pastDueFrom is the oldest due date an account at the start of day today
// is past due by from the next day on: what billing.Account.PastDueSince
// says, except that a product judging each item (pay in 4) finds its
// oldest late item again each day, so an item paid since (by a refund)
// no longer counts.
func pastDueFrom(p *credit.Product, a *billing.Account, today calendar.Date) (calendar.Date, bool) {
	if !p.Billing.Penalty.PerItem {
		return a.PastDueSince(today)
	}
	d := today.AddDays(1)
	var late *billing.Debt
	for i := range a.Debts {
		db := &a.Debts[i]
		if !db.Billed.IsZero() && db.Amount.IsPositive() && d.After(p.Billing.Cycle.LateAfter(db.Due)) && (late == nil || db.Due.Before(late.Due)) {
			late = db
		}
	}
	if late == nil {
		return calendar.Date{}, false
	}
	oldest := late.Due
	for _, db := range a.Debts {
		if !db.Billed.IsZero() && !db.Billed.After(late.Billed) && db.Due.Before(d) && db.Due.Before(oldest) {
			oldest = db.Due
		}
	}
	return oldest, true
}
