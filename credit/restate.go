package credit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// A value-dated payment or refund, and a payment reversal, change the
// past: the line is worked out again from its journal as if the money had
// arrived on its value date, or the reversed payment had never been made
// (the restatement), and the command's fact carries the account that
// gives. The journal stays append-only and statements already cut stay as
// they were: the restated account keeps the lines of the current cycle,
// adds the command's own line, and adds one correction line for each kind
// of charge (interest, penalty, fee) whose total the restatement changed,
// so that the next statement shows the correction and reconciles from the
// last one's closing balance.
//
// A restatement replays the line's whole journal, so it costs what a cold
// load without snapshots does: it is for the rare late or bounced payment,
// not the hot path.

// restatement is what a restating fact carries: the account the line has
// after it, and the purchases whose state it changed.
type restatement struct {
	Base      int64           `json:"base"` // the version of the line it restates
	Account   billing.Account `json:"account"`
	Purchases []Purchase      `json:"purchases,omitempty"`
}

// correctionRef is the Ref of the lines that correct charges a
// restatement changed.
const correctionRef = "correction"

// restate sets l's account and purchases to r's.
func (l *Line) restate(r *restatement) error {
	if r.Base != l.Version {
		return fmt.Errorf("the restatement is of version %d, not %d", r.Base, l.Version)
	}
	if r.Account.Currency != l.Account.Currency || len(r.Account.Lines) < len(l.Account.Lines) {
		return fmt.Errorf("the restatement is not of this account")
	}
	a := r.Account
	a.Debts, a.Lines, a.FeesCharged = slices.Clone(a.Debts), slices.Clone(a.Lines), maps.Clone(a.FeesCharged)
	if len(a.FeesCharged) == 0 {
		a.FeesCharged = nil // as the journal's JSON has it, so that a replay is the same line
	}
	l.Account = a
	for k := range r.Purchases {
		i := l.purchase(r.Purchases[k].ID)
		if i < 0 { // archived, and owing again: back into the line
			l.restore(&r.Purchases[k])
			continue
		}
		*l.mutPurchase(i) = r.Purchases[k].copyOut()
	}
	return nil
}

// event is a fact placed on the day it takes effect.
type event struct {
	on      calendar.Date
	version int64 // the record it comes from; 0 for the command's own
	f       Fact
}

// history returns the facts of line l's journal as it stood when the
// command loaded it (at), checked as a load checks them: every record the
// store returns must follow on from the one before, and the one at
// at.version must be the record the line was loaded from. (Facts of a
// command still being built are not among them: a restatement ends by
// bringing the line to its day, which is all they can have done.)
func (e *Engine) history(ctx context.Context, l *Line, at journalAt) ([]Fact, error) {
	recs, err := e.store.Load(ctx, l.ID, 0)
	if err != nil {
		return nil, err
	}
	facts := make([]Fact, 0, at.version)
	sum := rootSum(l.ID)
	for i, rec := range recs {
		v := int64(i) + 1
		if sum, err = checkRecord(l.ID, v, sum, rec); err != nil {
			return nil, err
		}
		if v == at.version && sum != at.sum {
			return nil, &CorruptError{Line: l.ID, Version: v, Reason: "the record is not the one the line was loaded from"}
		}
		var f Fact
		if err := json.Unmarshal(rec.Data, &f); err != nil || !readsFormat(f.V) {
			return nil, &CorruptError{Line: l.ID, Version: v, Reason: "the record does not decode", Err: err}
		}
		if v <= at.version { // those after were read, and checked: they must follow on too
			facts = append(facts, f)
		}
	}
	if int64(len(recs)) < at.version {
		// An older prefix of the journal (a lagging replica), every record
		// in order: nothing is committed on it, and the command is tried
		// again.
		return nil, fmt.Errorf("%w: the store returned %d records of a journal that has %d", ErrConflict, len(recs), at.version)
	}
	return facts, nil
}

// effective returns the events of a journal on the days they take effect:
// a value-dated payment or refund on its value date (after the facts
// recorded that day), a reversed payment not at all, and every other fact
// on its own day (an advance without the purchases it archived).
func effective(facts []Fact) ([]event, error) {
	// A reversal that restated the line took its payment out of the
	// history; one that could not (it made the amount owed again as new
	// principal) stays in it, with its payment, as it was applied.
	reversed := map[int64]bool{}
	restatedReversal := map[int64]bool{}
	for i, f := range facts {
		if f.Kind == factReversed {
			d, err := payloadOf[reversalData](f)
			if err != nil {
				return nil, err
			}
			if d.Restated != nil {
				reversed[d.Version], restatedReversal[int64(i)+1] = true, true
			}
		}
	}
	events := make([]event, 0, len(facts))
	for i, f := range facts {
		v := int64(i) + 1
		ev := event{on: f.On, version: v, f: f}
		switch {
		case restatedReversal[v], reversed[v], f.Kind == factDelinquency:
			continue
		case f.Kind == factPaid:
			d, err := payloadOf[amountData](f)
			if err != nil {
				return nil, err
			}
			if !d.ValueOn.IsZero() {
				ev.on = d.ValueOn
				ev.f, _ = newFact(factPaid, d.ValueOn, amountData{Amount: d.Amount})
			}
		case f.Kind == factAdvanced:
			// The worked-out line keeps every purchase: which ones the
			// line archived does not change what it owes. It archives the
			// same statements, so that both count the same charges.
			d, err := payloadOf[advancedData](f)
			if err != nil {
				return nil, err
			}
			if len(d.Archived) > 0 {
				ev.f, _ = newFact(factAdvanced, f.On, advancedData{To: d.To, ArchivedStatements: d.ArchivedStatements})
				ev.f.Days = f.Days
			}
		case f.Kind == factRefunded:
			d, err := payloadOf[purchaseData](f)
			if err != nil {
				return nil, err
			}
			if !d.ValueOn.IsZero() {
				ev.on = d.ValueOn
				d.ValueOn, d.Restated = calendar.Date{}, nil
				ev.f, _ = newFact(factRefunded, ev.on, d)
			}
		}
		events = append(events, ev)
	}
	return events, nil
}

// rederive works line now out again from events (effective events,
// changed) and brings it to now's day. Calendar answers come from the
// journal (pins: every fact's Days), an event's own first, so that a due
// date the line was given stays where it was whatever calendar the Engine
// has now; an advance put before an event (the history changed, so the
// event may come on a day the line has not reached) takes the event's.
func rederive(p *compiled, now *Line, events []event, pins []DayAnswer) (Line, error) {
	slices.SortStableFunc(events, func(a, b event) int { return a.on.Compare(b.on) })
	var l Line
	step := func(f Fact, own []DayAnswer) error {
		var err error
		l, _, err = l.applyPins(p, f, append(slices.Clip(own), pins...))
		return err
	}
	for _, ev := range events {
		if l.ID != "" && ev.on.After(l.Today) {
			f, _ := newFact(factAdvanced, ev.on, advancedData{To: ev.on})
			if err := step(f, ev.f.Days); err != nil {
				return Line{}, err
			}
		}
		if ev.f.Kind == factReaged && l.Account.ChargeOff.IsZero() {
			// A re-age moves no money, and the changed history may not
			// have allowed it: it paid what was past due before (there is
			// nothing to re-age), or it took back a payment that earned
			// it (the payment reversed). Then the line stays past due.
			earned, _, _, err := l.reageEarned(p, ev.on)
			if err != nil {
				return Line{}, err
			}
			if l.Account.Overdue.Statement.IsZero() || !earned {
				continue
			}
		}
		if ev.f.Kind == factDeferred && l.Account.ChargeOff.IsZero() {
			// Nor would it have allowed a deferral of a statement it paid
			// in full before: there was nothing to defer, and no fee for
			// it.
			unpaid, err := l.Account.StatementUnpaid()
			if err != nil {
				return Line{}, err
			}
			if !unpaid.IsPositive() {
				continue
			}
		}
		if err := step(ev.f, ev.f.Days); err != nil {
			return Line{}, err
		}
	}
	if now.Today.After(l.Today) {
		f, _ := newFact(factAdvanced, now.Today, advancedData{To: now.Today})
		if err := step(f, nil); err != nil {
			return Line{}, err
		}
	}
	return l, nil
}

// pinsOf returns every calendar answer a journal's facts pinned, in order.
func pinsOf(facts []Fact) []DayAnswer {
	var pins []DayAnswer
	for _, f := range facts {
		pins = append(pins, f.Days...)
	}
	return pins
}

// restating returns the fact of a command that changes the past, on line
// l whose journal is facts: plain is the fact as it posts on its own day,
// valueOn the day it counts from (zero for a reversal), edit changes the
// effective history, and data makes the fact's data from a restatement.
// When the line cannot be worked out again that way (a later payoff or
// payout that the change would have made impossible, a sum out of range)
// it returns plain, which posts on its own day.
func restating(p *compiled, l *Line, facts []Fact, plain Fact, valueOn calendar.Date, edit func([]event) []event, data func(*restatement) any) (Fact, error) {
	after, err := l.apply(p, plain)
	if err != nil {
		return plain, nil // run refuses it, with the reason
	}
	events, err := effective(facts)
	if err != nil {
		return Fact{}, &CorruptError{Line: l.ID, Version: l.Version, Reason: "the journal does not decode", Err: err}
	}
	derived, err := rederive(p, l, edit(events), pinsOf(facts))
	if err != nil {
		return plain, nil
	}
	own := slices.Clone(after.Account.Lines[len(l.Account.Lines):])
	for i := range own {
		own[i].ValueDate = valueOn
	}
	r, err := restatementOf(l, &derived, plain.On, own...)
	if err != nil {
		return plain, nil
	}
	return newFact(plain.Kind, plain.On, data(r))
}

// restatementOf returns what line now restated as derived carries: the
// derived account with now's lines of the current cycle, then own (the
// command's own lines), then a correction line for each kind of charge
// whose total the restatement changed; and the purchases it changed. It
// fails when the lines would not carry the last statement's closing to the
// derived balance (something besides charges changed).
func restatementOf(now *Line, derived *Line, on calendar.Date, own ...billing.Line) (*restatement, error) {
	if !now.Account.ChargeOff.IsZero() || !derived.Account.ChargeOff.IsZero() {
		// A charge-off is the lender's books, not a charge: money on a
		// charged-off line posts on its own day, and so does money whose
		// restated history would have charged the line off.
		return nil, errChargedOffHistory
	}
	a := derived.Account
	a.Lines = append(slices.Clone(now.Account.Lines), own...)
	a.Last.Closing = now.Account.Last.Closing
	was, is := chargesOf(now), chargesOf(derived)
	for _, k := range []billing.LineKind{billing.InterestLine, billing.PenaltyLine, billing.FeeLine, billing.WaiverLine, billing.WriteOffLine} {
		w, okW := was[k].Value()
		is[k].Sub(w)
		d, ok := is[k].Value()
		if !ok || !okW {
			return nil, money.ErrOverflow
		}
		if d != 0 {
			a.Lines = append(a.Lines, billing.Line{Kind: k, Date: on, Ref: correctionRef, Amount: money.FromMinor(d, a.Currency)})
		}
	}
	var owed, lines checked.Sum
	owed.Sub(a.Last.Closing.Units())
	for i := range a.Debts {
		owed.Add(a.Debts[i].Amount.Units())
	}
	owed.Sub(a.Credit.Units())
	for i := range a.Lines[len(now.Account.Lines):] {
		lines.Add(a.Lines[len(now.Account.Lines)+i].Amount.Units())
	}
	for i := range now.Account.Lines {
		lines.Add(now.Account.Lines[i].Amount.Units())
	}
	o, ok1 := owed.Value()
	s, ok2 := lines.Value()
	if !ok1 || !ok2 || o != s {
		return nil, fmt.Errorf("the restated lines come to %d, not the %d the balance moved", s, o)
	}
	r := &restatement{Base: now.Version, Account: a}
	for _, pu := range derived.Purchases {
		i := now.purchase(pu.ID)
		if i < 0 {
			// Archived: settled, and no refund since (one would have
			// brought it back). A purchase that owes again (its payment
			// reversed) comes back into the line, as it stands.
			if slices.ContainsFunc(a.Debts, func(d billing.Debt) bool { return d.Ref == pu.ID }) {
				r.Purchases = append(r.Purchases, pu.copyOut())
			}
			continue
		}
		if !reflect.DeepEqual(*now.Purchases[i], *pu) {
			r.Purchases = append(r.Purchases, pu.copyOut())
		}
	}
	return r, nil
}

// errChargedOffHistory refuses a restatement across a charge-off.
var errChargedOffHistory = errors.New("a charged-off line is not restated")

// chargesOf totals, by kind, every line a line's account has ever had.
func chargesOf(l *Line) map[billing.LineKind]*checked.Sum {
	out := map[billing.LineKind]*checked.Sum{}
	for _, k := range []billing.LineKind{billing.InterestLine, billing.PenaltyLine, billing.FeeLine, billing.WaiverLine, billing.WriteOffLine} {
		out[k] = new(checked.Sum)
	}
	add := func(lines []billing.Line) {
		for _, ln := range lines {
			if s := out[ln.Kind]; s != nil {
				s.Add(ln.Amount.Units())
			}
		}
	}
	for _, st := range l.Statements {
		add(st.Lines)
	}
	add(l.Account.Lines)
	return out
}
