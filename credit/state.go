package credit

import (
	"encoding/json"
	"slices"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// Line is a credit line's state: the fold of its journal. The Engine hands
// out copies; treat them as read-only values.
type Line struct {
	ID           string              `json:"id"`
	Holder       string              `json:"holder"`
	Product      string              `json:"product"`
	Status       LineStatus          `json:"status"`
	Opened       calendar.Date       `json:"opened"`
	Today        calendar.Date       `json:"today"` // the line has been advanced to the start of this day
	Limit        money.Amount        `json:"limit"`
	TempLimits   []TempLimit         `json:"temp_limits,omitempty"` // append only: shared between versions
	Account      billing.Account     `json:"account"`
	Holds        []Hold              `json:"holds,omitempty"`
	Purchases    []*Purchase         `json:"purchases,omitempty"`        // shared between versions: copy one before changing it (mutPurchase)
	Statements   []billing.Statement `json:"statements,omitempty"`       // append only: shared between versions
	DueDays      DueDayOption        `json:"due_days"`                   // the statement and due days in force
	NextDueDays  *DueDayOption       `json:"next_due_days,omitempty"`    // a change waiting for the next statement
	DueDaysSince calendar.Date       `json:"due_days_since,omitzero"`    // when the holder last changed them
	CountDay     calendar.Date       `json:"count_day,omitzero"`         // the day PurchasesOnDay counts
	CountOnDay   int                 `json:"purchases_on_day,omitempty"` // authorizations approved that day
	Version      int64               `json:"version"`
}

// keyUse remembers what an idempotency key did.
type keyUse struct {
	Hash    string          `json:"hash"`
	Version int64           `json:"version,omitempty"` // of the fact that used it
	Result  json.RawMessage `json:"result,omitempty"`  // the result recorded in that fact, if it keeps one
	value   any             // the typed result of a command run in this process, if it keeps one
}

// MarshalJSON encodes the key's result, typed or raw.
func (u keyUse) MarshalJSON() ([]byte, error) {
	type raw struct {
		Hash    string `json:"hash"`
		Version int64  `json:"version,omitempty"`
		Result  any    `json:"result,omitempty"`
	}
	r := raw{Hash: u.Hash, Version: u.Version, Result: u.value}
	if r.Result == nil && u.Result != nil {
		r.Result = u.Result
	}
	return json.Marshal(r)
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
	Available    money.Amount `json:"available"`    // Limit − Used; negative after a temporary limit lapses unpaid
}

// Balances returns the line's balances on its current day.
func (l *Line) Balances() Balances {
	c := l.Limit.Currency()
	var held, unbilled, billed, inst, usedDebt int64
	for _, h := range l.Holds {
		held += h.Amount.Units()
	}
	for i := range l.Purchases {
		held += l.Purchases[i].Pending.Units()
	}
	for _, d := range l.Account.Debts {
		v := d.Amount.Units()
		switch {
		case !d.Billed.IsZero():
			billed += v
		case d.Kind == billing.InstallmentDebt:
			inst += v
		default:
			unbilled += v
		}
		// Principal occupies the limit whether billed or not (an
		// installment plan's whole principal, restored as it is repaid);
		// fees, interest and penalties once billed.
		if d.Component == billing.Principal || !d.Billed.IsZero() {
			usedDebt += v
		}
	}
	limit := l.Limit.Units()
	for _, t := range l.TempLimits {
		if l.Today.Before(t.Expires) {
			limit += t.Amount.Units()
		}
	}
	used := held + usedDebt - l.Account.Credit.Units()
	return Balances{
		Held: money.FromMinor(held, c), Unbilled: money.FromMinor(unbilled, c), Billed: money.FromMinor(billed, c),
		Installments: money.FromMinor(inst, c), Credit: l.Account.Credit, Used: money.FromMinor(used, c),
		Limit: money.FromMinor(limit, c), Available: money.FromMinor(limit-used, c),
	}
}

// available returns Limit − Used without building Balances: the hot path
// of authorization.
func (l *Line) available() int64 {
	used := -l.Account.Credit.Units()
	for i := range l.Holds {
		used += l.Holds[i].Amount.Units()
	}
	for i := range l.Purchases {
		used += l.Purchases[i].Pending.Units()
	}
	for i := range l.Account.Debts {
		d := &l.Account.Debts[i]
		if d.Component == billing.Principal || !d.Billed.IsZero() {
			used += d.Amount.Units()
		}
	}
	limit := l.Limit.Units()
	for i := range l.TempLimits {
		if l.Today.Before(l.TempLimits[i].Expires) {
			limit += l.TempLimits[i].Amount.Units()
		}
	}
	return limit - used
}

// fixedHeadroom returns what is left of the fixed limit alone.
func (l *Line) fixedHeadroom() int64 {
	b := l.available()
	for i := range l.TempLimits {
		if l.Today.Before(l.TempLimits[i].Expires) {
			b -= l.TempLimits[i].Amount.Units()
		}
	}
	return b
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
	return len(l.Account.Debts) == 0 && l.Account.Credit.IsZero() && l.Balances().Held.IsZero()
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
	l.Holds = append(make([]Hold, 0, len(l.Holds)+1), l.Holds...)
	l.Purchases = append(make([]*Purchase, 0, len(l.Purchases)+1), l.Purchases...) // purchases are copied on write
	return l
}
