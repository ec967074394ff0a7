package credit

import (
	"encoding/json"
	"slices"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// Line is a credit line's state: the fold of its journal. The Engine hands
// out deep copies: a host may keep, sort or change them without reaching
// the Engine.
type Line struct {
	ID           string              `json:"id"`
	Holder       string              `json:"holder"`
	Product      string              `json:"product"`
	Status       LineStatus          `json:"status"`
	Opened       calendar.Date       `json:"opened"`
	Today        calendar.Date       `json:"today"` // the line has been advanced to the start of this day
	Limit        money.Amount        `json:"limit"`
	TempLimits   []TempLimit         `json:"temp_limits,omitempty"`
	Account      billing.Account     `json:"account"`
	Holds        []Hold              `json:"holds,omitempty"`
	Purchases    []*Purchase         `json:"purchases,omitempty"`        // the open ones; Engine.Purchase reads any
	Statements   []billing.Statement `json:"statements,omitempty"`       // the latest, and those still owed on; Engine.Statements has all
	DueDays      DueDayOption        `json:"due_days"`                   // the statement and due days in force
	NextDueDays  *DueDayOption       `json:"next_due_days,omitempty"`    // a change waiting for the next statement
	DueDaysSince calendar.Date       `json:"due_days_since,omitzero"`    // when the holder last changed them
	CountDay     calendar.Date       `json:"count_day,omitzero"`         // the day CountOnDay counts
	CountOnDay   int                 `json:"purchases_on_day,omitempty"` // authorizations approved that day
	Deferrals    []Deferred          `json:"deferrals,omitempty"`        // the due dates deferred in the last twelve months (Engine.DeferDue)
	Reagings     []Reaged            `json:"reagings,omitempty"`         // the re-agings of the last five years (Engine.Reage)
	Version      int64               `json:"version"`
}

// keyUse remembers what an idempotency key did.
type keyUse struct {
	Key     string
	Hash    string
	Version int64           // of the fact that used it
	Result  json.RawMessage // the result recorded in that fact, if it keeps one
	prev    uint32          // the Sum that fact's record continues
	value   any             // the typed result of a command run in this process, if it keeps one
}

// Balances splits what a line owes and holds by kind.
type Balances struct {
	Held         money.Amount `json:"held"`         // authorized and not captured, or captured and not yet posted
	Unbilled     money.Amount `json:"unbilled"`     // posted, not yet on a statement (installment periods excluded)
	Billed       money.Amount `json:"billed"`       // billed and unpaid
	Installments money.Amount `json:"installments"` // installment periods not yet billed
	Credit       money.Amount `json:"credit"`       // credit balance owed to the holder
	Used         money.Amount `json:"used"`         // what occupies the limit
	Limit        money.Amount `json:"limit"`        // fixed plus active temporary limits
	Available    money.Amount `json:"available"`    // Limit − Used; negative when more is used than the limit (a temporary limit lapsed unpaid, interest and penalties beyond it)

	// ChargedOff is the part of Billed that is charged off and still owed
	// (billing.Rules.ChargeOff); the zero Amount on a line never charged
	// off.
	ChargedOff money.Amount `json:"charged_off,omitzero"`
}

// Balances returns the line's balances on its current day. Every sum is
// checked: one beyond int64 minor units is money.ErrOverflow. The Engine
// refuses any command that would leave a line whose balances overflow, so
// the lines it hands out always have them.
func (l *Line) Balances() (Balances, error) {
	c := l.Limit.Currency()
	var held, unbilled, billed, inst, usedDebt checked.Sum
	for _, h := range l.Holds {
		held.Add(h.Amount.Units())
	}
	for i := range l.Purchases {
		held.Add(l.Purchases[i].Pending.Units())
	}
	for _, d := range l.Account.Debts {
		v := d.Amount.Units()
		switch {
		case !d.Billed.IsZero():
			billed.Add(v)
		case d.Kind == billing.InstallmentDebt:
			inst.Add(v)
		default:
			unbilled.Add(v)
		}
		// Principal occupies the limit whether billed or not (an
		// installment plan's whole principal, restored as it is repaid);
		// fees, interest and penalties once billed.
		if d.Component == billing.Principal || !d.Billed.IsZero() {
			usedDebt.Add(v)
		}
	}
	limit := l.limitSum()
	used := held
	u, _ := usedDebt.Value()
	used.Add(u)
	used.Sub(l.Account.Credit.Units())
	lim, _ := limit.Value()
	usedV, _ := used.Value()
	avail := checked.Sum{}
	avail.Add(lim)
	avail.Sub(usedV)
	var out [8]int64
	for i, s := range []checked.Sum{held, unbilled, billed, inst, usedDebt, used, limit, avail} {
		v, ok := s.Value()
		if !ok {
			return Balances{}, money.ErrOverflow
		}
		out[i] = v
	}
	return Balances{
		Held: money.FromMinor(out[0], c), Unbilled: money.FromMinor(out[1], c), Billed: money.FromMinor(out[2], c),
		Installments: money.FromMinor(out[3], c), Credit: l.Account.Credit, Used: money.FromMinor(out[5], c),
		Limit: money.FromMinor(out[6], c), Available: money.FromMinor(out[7], c), ChargedOff: l.Account.ChargedOffBalance(),
	}, nil
}

// limitSum is the fixed limit plus the temporary limits in force.
func (l *Line) limitSum() checked.Sum {
	var limit checked.Sum
	limit.Add(l.Limit.Units())
	for i := range l.TempLimits {
		if l.Today.Before(l.TempLimits[i].Expires) {
			limit.Add(l.TempLimits[i].Amount.Units())
		}
	}
	return limit
}

// available returns Limit − Used without building Balances: the hot path
// of authorization. ok is false when a sum leaves int64.
func (l *Line) available() (int64, bool) {
	var used checked.Sum
	used.Sub(l.Account.Credit.Units())
	for i := range l.Holds {
		used.Add(l.Holds[i].Amount.Units())
	}
	for i := range l.Purchases {
		used.Add(l.Purchases[i].Pending.Units())
	}
	for i := range l.Account.Debts {
		d := &l.Account.Debts[i]
		if d.Component == billing.Principal || !d.Billed.IsZero() {
			used.Add(d.Amount.Units())
		}
	}
	limit := l.limitSum()
	u, okU := used.Value()
	lim, okL := limit.Value()
	avail, okA := checked.Sub(lim, u)
	return avail, okU && okL && okA
}

// fixedHeadroom returns what is left of the fixed limit alone.
func (l *Line) fixedHeadroom() (int64, bool) {
	avail, ok := l.available()
	var b checked.Sum
	b.Add(avail)
	for i := range l.TempLimits {
		if l.Today.Before(l.TempLimits[i].Expires) {
			b.Sub(l.TempLimits[i].Amount.Units())
		}
	}
	v, okB := b.Value()
	return v, ok && okB
}

// purchase returns the index of purchase id, or -1.
func (l *Line) purchase(id string) int {
	for i := range l.Purchases {
		if l.Purchases[i].ID == id {
			return i
		}
	}
	return -1
}

// mutPurchase returns purchase i for changing: a copy, put in its place,
// so that earlier versions of the line keep theirs.
func (l *Line) mutPurchase(i int) *Purchase {
	cp := *l.Purchases[i]
	l.Purchases[i] = &cp
	return &cp
}

// settled reports whether the line owes nothing (not even installment
// periods still to be billed), holds nothing and has no credit balance:
// what closing it needs. A credit balance that nets against unbilled
// installments is not settled.
func (l *Line) settled() bool {
	if len(l.Account.Debts) > 0 || !l.Account.Credit.IsZero() || len(l.Holds) > 0 {
		return false
	}
	for _, pu := range l.Purchases {
		if !pu.Pending.IsZero() {
			return false
		}
	}
	return true
}

// overdue reports whether the line is overdue on its current day.
func (l *Line) overdue() bool { return !l.Account.Overdue.Statement.IsZero() }

// clone returns a copy the caller may change. Holds and the purchase
// pointers are changed in place, so they are copied, with room for one more;
// temporary limits and statements are only ever appended to, so clipping
// them is enough: the next append copies.
func (l Line) clone() Line {
	l.TempLimits = slices.Clip(l.TempLimits)
	l.Statements = slices.Clip(l.Statements)
	if len(l.Holds) > 0 {
		l.Holds = append(make([]Hold, 0, len(l.Holds)+1), l.Holds...)
	} else {
		l.Holds = nil // as the journal's JSON has it, so that a replay is the same line
	}
	l.Purchases = append(make([]*Purchase, 0, len(l.Purchases)+1), l.Purchases...) // purchases are copied on write
	return l
}

// copyOut returns a deep copy of l: nothing in it shares memory with l, so
// a host may keep, sort or change what the Engine hands out without
// reaching the Engine's cache.
func (l *Line) copyOut() *Line {
	n := *l
	n.TempLimits = slices.Clone(l.TempLimits)
	n.Deferrals = slices.Clone(l.Deferrals)
	n.Reagings = slices.Clone(l.Reagings)
	n.Holds = slices.Clone(l.Holds)
	n.Account.Debts = slices.Clone(l.Account.Debts)
	n.Account.Lines = slices.Clone(l.Account.Lines)
	if co := l.Account.ChargeOff; co != nil {
		c := *co
		n.Account.ChargeOff = &c
	}
	if l.Purchases != nil {
		n.Purchases = make([]*Purchase, len(l.Purchases))
		for i, pu := range l.Purchases {
			cp := pu.copyOut()
			n.Purchases[i] = &cp
		}
	}
	if l.Statements != nil {
		n.Statements = make([]billing.Statement, len(l.Statements))
		for i := range l.Statements {
			n.Statements[i] = copyStatement(&l.Statements[i])
		}
	}
	if l.NextDueDays != nil {
		d := *l.NextDueDays
		n.NextDueDays = &d
	}
	return &n
}

// copyOut returns a deep copy of the purchase.
func (pu *Purchase) copyOut() Purchase {
	n := *pu
	if pu.Rate != nil {
		r := *pu.Rate
		n.Rate = &r
	}
	if pu.Schedule != nil {
		s := *pu.Schedule
		s.Installments = slices.Clone(s.Installments)
		n.Schedule = &s
	}
	return n
}

func copyStatement(st *billing.Statement) billing.Statement {
	n := *st
	n.Lines = slices.Clone(st.Lines)
	n.Items = slices.Clone(st.Items)
	return n
}

// copyOut returns a copy of the decision that shares no memory with d.
func (d Decision) copyOut() Decision {
	d.Reasons = slices.Clone(d.Reasons)
	return d
}
