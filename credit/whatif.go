package credit

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// What-if: the lines of a book replayed under a proposed change to their
// product, fact by fact beside the product as it is, and compared (see
// WhatIf and the package documentation's section "The book: portfolio
// and what-if").

// WhatIfOptions are WhatIf's settings. The zero value lists the lines that
// would differ and those the proposal cannot replay, each with the
// statements and plans that would differ, and counts the rest.
type WhatIfOptions struct {
	// Unchanged lists the lines on which nothing would differ too.
	Unchanged bool
	// Detail lists every statement and every installment purchase of a
	// listed line, not only those that would differ.
	Detail bool
	// Progress, if not nil, is called with the number of lines done every
	// 1,000 lines and at the end.
	Progress func(done int)
}

// WhatIfReport is what a proposed product would have changed on a book of
// lines: line by line (sorted by line ID) and in total.
type WhatIfReport struct {
	Product string       `json:"product"`
	Lines   []WhatIfLine `json:"lines"`
	Totals  WhatIfTotals `json:"totals"`
}

// WhatIfTotals sums a report. Lines counts the lines on the product, each
// replayed under both products; Stopped, those of them the proposal could
// not replay to the end, which the figures leave out; Skipped, the lines
// on other products, not replayed.
type WhatIfTotals struct {
	Lines   int `json:"lines"`
	Differ  int `json:"differ"` // lines replayed to the end on which something would differ
	Stopped int `json:"stopped"`
	Skipped int `json:"skipped"`
	// StatementsDiffer counts the statements that would differ, a
	// statement cut under one product only included; PlansDiffer the
	// installment purchases whose annualized rate would.
	StatementsDiffer int `json:"statements_differ"`
	PlansDiffer      int `json:"plans_differ"`
	// WouldDecline counts the authorizations approved that the proposal's
	// rules would decline; WouldApprove, the declined ones it would
	// approve.
	WouldDecline int `json:"would_decline"`
	WouldApprove int `json:"would_approve"`
	// Current and Proposed sum the figures of the lines replayed to the
	// end (MaxDaysPastDue is the most of any line).
	Current  WhatIfFigures `json:"current"`
	Proposed WhatIfFigures `json:"proposed"`
}

// WhatIfLine is one line of a report: its figures under the product as it
// is and as proposed, the statements and installment purchases that would
// differ, and the authorizations the proposal would decide otherwise. A
// line the proposal cannot replay has Stopped, its current figures and
// nothing else (Differs is false: its figures are not compared).
type WhatIfLine struct {
	Line         string            `json:"line"`
	Differs      bool              `json:"differs"`
	Stopped      *WhatIfStop       `json:"stopped,omitempty"`
	Current      WhatIfFigures     `json:"current"`
	Proposed     WhatIfFigures     `json:"proposed"`
	Statements   []WhatIfStatement `json:"statements,omitempty"`
	Plans        []WhatIfPlan      `json:"plans,omitempty"`
	WouldDecline []string          `json:"would_decline,omitempty"` // purchases approved that the proposal would decline
	WouldApprove []string          `json:"would_approve,omitempty"` // purchases declined that it would approve
}

// WhatIfFigures are a line's figures under one product at the end of its
// journal, or their sum over a book. Income is summed from the postings of
// the line's facts (the recorded ones under the product as it is, those
// the replay makes under the proposal): what the income accounts took,
// corrections and waivers netted. Delinquency is the Engine's own (the
// line's Account.Overdue), observed after each fact; within a fact that
// spans many days (an advance) it counts from the day the overdue began
// and every statement cut in it that went late, and a charge-off ends an
// overdue as a payment does, after the days past due it reached.
type WhatIfFigures struct {
	Statements int          `json:"statements"` // statements cut
	Owed       money.Amount `json:"owed"`       // at the end: every debt, billed or not, less any credit balance
	// Accrued is the interest and penalties accrued at the end and not yet
	// posted, rounded as they will post: income still to come.
	Accrued      money.Amount `json:"accrued"`
	Interest     money.Amount `json:"interest"`      // income:interest
	Fees         money.Amount `json:"fees"`          // income:fee: installment and other fees, less waivers
	Penalties    money.Amount `json:"penalties"`     // income:penalty: overdue penalties and late fees
	MerchantFees money.Amount `json:"merchant_fees"` // income:merchant_fee, less what refunds returned
	Declined     int          `json:"declined"`      // authorizations declined
	// LateStatements counts the statements whose minimum (or, on products
	// that judge each item, an item of which) went unpaid past its due
	// date and grace days, making the line overdue; DaysOverdue the days
	// the line was overdue; MaxDaysPastDue the most days past due it
	// reached (from the oldest due date missed, as Report ages it).
	LateStatements int `json:"late_statements"`
	DaysOverdue    int `json:"days_overdue"`
	MaxDaysPastDue int `json:"max_days_past_due"`
	// Overdue is 1 for a line overdue at the end (in totals, the lines),
	// and DaysPastDue its days past due then.
	Overdue     int `json:"overdue"`
	DaysPastDue int `json:"days_past_due"`
}

// WhatIfStatement is the statement of one date under each product: nil
// where that product cuts none on that date.
type WhatIfStatement struct {
	Date     calendar.Date     `json:"date"`
	Differs  bool              `json:"differs"`
	Current  *StatementFigures `json:"current,omitempty"`
	Proposed *StatementFigures `json:"proposed,omitempty"`
}

// StatementFigures are what a what-if compares of a statement.
type StatementFigures struct {
	Closing money.Amount  `json:"closing"`
	Minimum money.Amount  `json:"minimum"`
	Due     calendar.Date `json:"due"`
}

// WhatIfPlan is the annualized rate an installment purchase's schedule
// discloses under each product: the nominal (simple) rate of
// billing.Schedule's AnnualizedRate, as a fraction; nil where the
// purchase has no schedule (not posted) or its cost has no rate.
type WhatIfPlan struct {
	Purchase string           `json:"purchase"`
	Plan     string           `json:"plan"`
	Differs  bool             `json:"differs"`
	Current  *decimal.Decimal `json:"current,omitempty"`
	Proposed *decimal.Decimal `json:"proposed,omitempty"`
}

// WhatIfStop is the fact at which a line's replay under the proposal
// stopped, and why: the fact cannot apply (a plan the proposal does not
// offer, a capture of a hold the proposal let expire, a payout above the
// credit balance the line would have), or the command that made it would
// have been refused (closing a line the proposal leaves owing, a payoff
// with nothing left to pay off).
type WhatIfStop struct {
	Version int64         `json:"version"`
	Kind    string        `json:"kind"` // the fact's kind, as Engine.Events gives it
	On      calendar.Date `json:"on"`
	Reason  string        `json:"reason"`
}

// WhatIf replays lines under proposed, a change to the product of the same
// name, beside the product as it is, and reports line by line and in
// total what would differ: statements (closing balance, minimum and due
// date by statement date), income by kind, delinquency, the annualized
// rate each installment purchase's plan discloses, and the authorizations
// the proposal's rules would decide otherwise. It reads the lines'
// journals from the store and writes nothing: not to the store, not to the
// Engine's cache.
//
// The proposal is validated as NewEngine validates a product, with the
// Engine's calendars: one that does not validate, names a product the
// Engine does not have, or changes its currency is a *ProductError naming
// the field. Lines on other products are skipped (counted, not listed); an
// ID that is not clean text is a *CommandError, a line the store does not
// have ErrNotFound, and a journal the Engine cannot read a *CorruptError.
// A line the proposal cannot replay is reported with the fact it stopped
// at; the others go on. What replays as recorded and what the proposal
// works out again is in the package documentation ("The book: portfolio
// and what-if").
//
// A line costs about two replays of its journal, one under each product,
// and one more of its history for each fact that restated it (a
// value-dated payment or refund, a reversal).
func (e *Engine) WhatIf(ctx context.Context, proposed Product, lines []string, opts WhatIfOptions) (WhatIfReport, error) {
	w, err := e.whatIf(proposed, opts)
	if err != nil {
		return WhatIfReport{}, err
	}
	for i, id := range lines {
		if err := idError("what_if", "lines["+strconv.Itoa(i)+"]", id, true, CodeMissingID); err != nil {
			return WhatIfReport{}, err
		}
	}
	ids := slices.Compact(slices.Sorted(slices.Values(lines)))
	rep := WhatIfReport{Product: proposed.Name, Lines: []WhatIfLine{}}
	t := &rep.Totals
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return WhatIfReport{}, err
		}
		ln, skipped, err := w.line(ctx, id)
		if err != nil {
			return WhatIfReport{}, err
		}
		switch {
		case skipped:
			t.Skipped++
		case ln.Stopped != nil:
			t.Lines++
			t.Stopped++
		default:
			t.Lines++
			if ln.Differs {
				t.Differ++
			}
			if err := errors.Join(t.Current.add(&ln.Current), t.Proposed.add(&ln.Proposed)); err != nil {
				return WhatIfReport{}, err
			}
			t.StatementsDiffer += w.statementsDiffer
			t.PlansDiffer += w.plansDiffer
			t.WouldDecline += len(ln.WouldDecline)
			t.WouldApprove += len(ln.WouldApprove)
		}
		if !skipped && (ln.Differs || ln.Stopped != nil || opts.Unchanged) {
			rep.Lines = append(rep.Lines, ln)
		}
		if opts.Progress != nil && (i+1)%1000 == 0 {
			opts.Progress(i + 1)
		}
	}
	if opts.Progress != nil {
		opts.Progress(len(ids))
	}
	return rep, nil
}

// whatIf is one WhatIf run: the product as it is and as proposed, and
// what its lines reuse.
type whatIf struct {
	e            *Engine
	cur, pro     *compiled
	opts         WhatIfOptions
	sameCalendar bool // the proposal answers days as the product does: the journal's pinned answers are its too
	facts        []Fact
	replayed     []Fact // the facts as the proposal applied them
	// What the last line counted, for the totals, and the line it came
	// to under each product (for tests).
	statementsDiffer, plansDiffer int
	ends                          [2]*Line
}

// whatIf validates a proposal as NewEngine validates a product, and
// returns a run of it.
func (e *Engine) whatIf(proposed Product, opts WhatIfOptions) (*whatIf, error) {
	pro, err := compile(proposed, e.calendars)
	if err != nil {
		return nil, err
	}
	cur := e.products[proposed.Name]
	switch {
	case cur == nil:
		return nil, &ProductError{Product: proposed.Name, Field: "name", Reason: "names no product of the Engine's: a proposal changes one it has"}
	case proposed.Currency != cur.Currency:
		return nil, &ProductError{Product: proposed.Name, Field: "currency", Reason: "a proposal keeps the product's currency, " + cur.Currency.String()}
	}
	return &whatIf{e: e, cur: cur, pro: pro, opts: opts,
		sameCalendar: proposed.Calendar == cur.Calendar && proposed.Uncovered == cur.Uncovered}, nil
}

// line replays line id under both products; skipped reports a line on
// another product.
func (w *whatIf) line(ctx context.Context, id string) (WhatIfLine, bool, error) {
	w.statementsDiffer, w.plansDiffer, w.ends = 0, 0, [2]*Line{}
	recs, err := w.e.store.Load(ctx, id, 0)
	if errors.Is(err, ErrNotFound) {
		return WhatIfLine{}, false, &NotFoundError{Line: id, Err: err}
	}
	if err != nil {
		return WhatIfLine{}, false, err
	}
	facts, mine, err := w.decode(id, recs)
	if err != nil || !mine {
		return WhatIfLine{}, !mine && err == nil, err
	}
	pro := w.pinned(facts)
	cur, prop := whatIfSide{p: w.cur}, whatIfSide{p: pro}
	ln := WhatIfLine{Line: id}
	replayed := w.replayed[:0]
	for i := range facts {
		f := &facts[i]
		v := int64(i) + 1
		if err := cur.apply(f, f.Postings); err != nil {
			return WhatIfLine{}, false, &CorruptError{Line: id, Version: v, Reason: "the fact does not apply", Err: err}
		}
		if f.Kind == factDeclined {
			cur.declined++
		}
		if ln.Stopped != nil {
			continue
		}
		pf, err := w.propose(&prop, &ln, *f, replayed)
		if err == nil {
			before := prop.l
			if err = prop.apply(&pf, nil); err == nil {
				prop.income(factPostings(&before, &prop.l))
				replayed = append(replayed, pf)
			}
		}
		if err != nil {
			ln.Stopped = &WhatIfStop{Version: v, Kind: f.Kind, On: f.On, Reason: err.Error()}
		}
	}
	w.replayed = reuse(replayed)
	w.ends = [2]*Line{&cur.l, &prop.l}
	if ln.Current, err = cur.figures(); err != nil {
		return WhatIfLine{}, false, err
	}
	if ln.Stopped != nil {
		ln.WouldDecline, ln.WouldApprove = nil, nil
		return ln, false, nil
	}
	if ln.Proposed, err = prop.figures(); err != nil {
		return WhatIfLine{}, false, err
	}
	ln.Statements, w.statementsDiffer = compareStatements(cur.l.Statements, prop.l.Statements, w.opts.Detail)
	ln.Plans, w.plansDiffer = comparePlans(&cur.l, &prop.l, w.opts.Detail)
	ln.Differs = ln.Current != ln.Proposed || w.statementsDiffer > 0 || w.plansDiffer > 0 || len(ln.WouldDecline) > 0 || len(ln.WouldApprove) > 0
	return ln, false, nil
}

// reuse empties facts for reuse, dropping what they hold.
func reuse(facts []Fact) []Fact {
	clear(facts)
	return facts[:0]
}

// decode checks and decodes a line's records as a load does (see replay).
// mine is false for a line on another product, whose records after the
// opening are left unread.
func (w *whatIf) decode(id string, recs []Record) (facts []Fact, mine bool, err error) {
	if len(recs) == 0 {
		return nil, false, &CorruptError{Line: id, Reason: "the store returned no records for the line without saying it is missing (ErrNotFound)"}
	}
	bad := func(v int64, err error, reason string) ([]Fact, bool, error) {
		return nil, false, &CorruptError{Line: id, Version: v, Reason: reason, Err: err}
	}
	facts = reuse(w.facts)
	sum := rootSum(id)
	for i, rec := range recs {
		v := int64(i) + 1
		carried, err := checkRecord(id, v, sum, rec)
		if err != nil {
			return nil, false, err
		}
		f, err := decodeFact(rec.Data)
		if err != nil {
			return bad(v, err, "the record does not decode")
		}
		if f.payload == nil {
			if err := typePayload(&f); err != nil {
				return bad(v, err, "the fact's data does not decode")
			}
		}
		if d, ok := f.payload.(advancedData); ok && len(d.Archived)+len(d.ArchivedStatements) > 0 {
			// Both replays keep every purchase and statement, to compare
			// them all.
			f.payload = advancedData{To: d.To}
		}
		if !readsFormat(f.V) {
			return bad(v, nil, "fact format "+strconv.Itoa(f.V)+" is not one this library reads")
		}
		if (f.Kind == factOpened) != (v == 1) {
			return bad(v, nil, "a journal opens its line with its first fact, and only then")
		}
		if v == 1 {
			d, err := payloadOf[openedData](f)
			switch {
			case err != nil:
				return bad(v, err, "the opening does not decode")
			case d.ID != id:
				return bad(v, nil, "the journal opens line "+strconv.Quote(d.ID))
			case d.Product != w.cur.Name:
				return nil, false, nil
			}
		}
		sum = carried
		facts = append(facts, f)
	}
	w.facts = facts
	return facts, true, nil
}

// typePayload decodes a fact's data once, as the type its kind applies
// with (see applyFact), so that the two replays and the decisions do not
// each decode it. A kind it does not know keeps its data, which
// payloadOf decodes.
func typePayload(f *Fact) error {
	if len(f.Data) == 0 {
		return nil
	}
	var err error
	switch f.Kind {
	case factOpened:
		f.payload, err = decodeAs[openedData](f.Data)
	case factAdvanced:
		f.payload, err = decodeAs[advancedData](f.Data)
	case factAuthorized, factDeclined:
		f.payload, err = decodeAs[authorizedData](f.Data)
	case factCaptured, factDelivered, factVoided, factRefunded, factRefundRequested, factRefundRequestClosed:
		f.payload, err = decodeAs[purchaseData](f.Data)
	case factPaidOff:
		f.payload, err = decodeAs[payoffData](f.Data)
	case factPaid, factPaidOut, factLimit:
		f.payload, err = decodeAs[amountData](f.Data)
	case factReversed:
		f.payload, err = decodeAs[reversalData](f.Data)
	case factTempLimit:
		f.payload, err = decodeAs[TempLimit](f.Data)
	case factStatus:
		f.payload, err = decodeAs[statusData](f.Data)
	case factDueDays:
		f.payload, err = decodeAs[DueDayOption](f.Data)
	case factConverted:
		f.payload, err = decodeAs[convertedData](f.Data)
	}
	return err
}

func decodeAs[T any](data []byte) (any, error) {
	var v T
	err := json.Unmarshal(data, &v)
	return v, err
}

// pinned returns the proposed product as it answers days on a line whose
// journal is facts. When the proposal keeps the product's calendar, the
// answers the journal pinned are the past's and stand: a fact's own
// first, then the first the journal gave for the day, then the calendar
// as it is. When it names another calendar (or answers uncovered days
// otherwise), none of them is its answer, and every day is asked of its
// calendar (the facts' own answers are dropped as they replay).
func (w *whatIf) pinned(facts []Fact) *compiled {
	if !w.sameCalendar || w.pro.days == nil {
		return w.pro
	}
	var answers map[calendar.Date]bool
	for i := range facts {
		for _, a := range facts[i].Days {
			if _, ok := answers[a.Day]; !ok {
				if answers == nil {
					answers = map[calendar.Date]bool{}
				}
				answers[a.Day] = a.Working
			}
		}
	}
	if answers == nil {
		return w.pro
	}
	p := *w.pro
	p.days = &productDays{cal: journalDays{answers: answers, cal: w.pro.days.cal}, uncovered: w.pro.days.uncovered}
	p.cal = p.days
	return &p
}

// journalDays answers the days a journal pinned as it pinned them, and
// asks cal the others.
type journalDays struct {
	answers map[calendar.Date]bool
	cal     calendar.WorkingDays
}

// IsWorkingDay answers d.
func (j journalDays) IsWorkingDay(d calendar.Date) (bool, error) {
	if w, ok := j.answers[d]; ok {
		return w, nil
	}
	return j.cal.IsWorkingDay(d)
}

// Covers is the calendar's own, for products that refuse days it does not
// cover (see coveredThrough).
func (j journalDays) Covers(d calendar.Date) bool {
	if c, ok := j.cal.(interface{ Covers(calendar.Date) bool }); ok {
		return c.Covers(d)
	}
	_, err := j.cal.IsWorkingDay(d)
	return err == nil
}

// propose returns fact f as it replays under the proposal on the line it
// has reached (prop), whose earlier facts, as replayed, are replayed; or
// why the proposal cannot take it. The host's decisions stand: f is
// applied as recorded, but for what the proposal works out again (what a
// payoff comes to, a restatement) and the calendar answers it pins when
// the proposal answers days otherwise. An authorization's decision is
// taken again, and a different one noted in ln.
func (w *whatIf) propose(prop *whatIfSide, ln *WhatIfLine, f Fact, replayed []Fact) (Fact, error) {
	p, l := prop.p, &prop.l
	if !w.sameCalendar {
		f.Days = nil
	}
	days := f.Days
	switch f.Kind {
	case factAuthorized, factDeclined:
		d, err := payloadOf[authorizedData](f)
		if err != nil {
			return Fact{}, err
		}
		dec, err := w.e.decide("what_if", l, p, &d.Request)
		if err != nil {
			return Fact{}, err
		}
		if d.Request.Campaign != "" {
			proposeCoupon(&dec, p, &d.Request, f)
		}
		switch approved := f.Kind == factAuthorized; {
		case approved && !dec.Approved:
			ln.WouldDecline = append(ln.WouldDecline, d.Request.Purchase)
			prop.declined++
		case !approved && dec.Approved:
			ln.WouldApprove = append(ln.WouldApprove, d.Request.Purchase)
		case !approved:
			prop.declined++
		}
	case factStatus:
		d, err := payloadOf[statusData](f)
		if err != nil {
			return Fact{}, err
		}
		if d.Status == Closed && !l.settled() {
			owed, _ := l.Account.Owed()
			return Fact{}, errors.New("closing the line would be refused: it is not settled under the proposal (it owes " + owed.String() + ")")
		}
	case factPaidOff:
		// What a payoff takes is the proposal's.
		d, err := payloadOf[payoffData](f)
		if err != nil {
			return Fact{}, err
		}
		_, q, err := l.Account.PayOff(l.rules(p), f.On, billing.PayoffScope{Ref: d.Purchase, Periods: d.Periods}, p.EarlyPayoff)
		if err != nil {
			return Fact{}, errors.New("the payoff cannot be worked out under the proposal: " + err.Error())
		}
		d.Amount = q.Total
		f, _ = newFact(factPaidOff, f.On, d)
	case factDeferred:
		// What a deferral costs is the proposal's fee rate of what the
		// statement still bills under it; the due date moves as it did.
		d, err := payloadOf[deferredData](f)
		if err != nil {
			return Fact{}, err
		}
		unpaid, err := l.Account.StatementUnpaid()
		if err != nil {
			return Fact{}, err
		}
		if d.Fee, err = unpaid.MulRate(p.Hardship.DeferFeeRate, money.HalfUp); err != nil {
			return Fact{}, err
		}
		f, _ = newFact(factDeferred, f.On, d)
	case factRescheduled:
		// A rescheduling takes the proposal's plan of the name, when it
		// offers one (its fee, its periods); else the plan as taken.
		d, err := payloadOf[rescheduledData](f)
		if err != nil {
			return Fact{}, err
		}
		if j := p.Hardship.reschedulePlan(d.Plan.Name); j >= 0 {
			d.Plan = p.Hardship.Reschedule[j]
			f, _ = newFact(factRescheduled, f.On, d)
		}
	case factPaid:
		d, err := payloadOf[amountData](f)
		if err != nil || d.Restated == nil {
			return f, err
		}
		plain, _ := newFact(factPaid, f.On, amountData{Amount: d.Amount})
		f, err = w.restate(p, l, replayed, plain, d.ValueOn, func(evs []event) []event {
			placed := plain
			placed.On = d.ValueOn
			return append(evs, event{on: d.ValueOn, f: placed})
		}, func(r *restatement) any {
			return amountData{Amount: d.Amount, ValueOn: d.ValueOn, Restated: r}
		})
		if err != nil {
			return Fact{}, err
		}
	case factRefunded:
		d, err := payloadOf[purchaseData](f)
		if err != nil || d.Restated == nil {
			return f, err
		}
		valueOn := d.ValueOn
		d.ValueOn, d.Restated = calendar.Date{}, nil
		plain, _ := newFact(factRefunded, f.On, d)
		f, err = w.restate(p, l, replayed, plain, valueOn, func(evs []event) []event {
			placed := plain
			placed.On = valueOn
			return append(evs, event{on: valueOn, f: placed})
		}, func(r *restatement) any {
			v := d
			v.ValueOn, v.Restated = valueOn, r
			return v
		})
		if err != nil {
			return Fact{}, err
		}
	case factReversed:
		d, err := payloadOf[reversalData](f)
		if err != nil || d.Restated == nil {
			return f, err
		}
		d.Restated = nil
		plain, _ := newFact(factReversed, f.On, d)
		f, err = w.restate(p, l, replayed, plain, calendar.Date{}, func(evs []event) []event {
			return slices.DeleteFunc(evs, func(ev event) bool { return ev.version == d.Version })
		}, func(r *restatement) any {
			v := d
			v.Restated = r
			return v
		})
		if err != nil {
			return Fact{}, err
		}
	}
	f.Days = days
	return f, nil
}

// restate works a restating fact out again under the proposal (see
// restating), as the Engine would have: the line restated from the
// proposal's own history, or, when that cannot be done, plain on its own
// day. A value date further back than the proposal takes
// (Product.ValueDateDays) makes the payment or refund post on the day it
// was recorded, as the host would have had to record it.
func (w *whatIf) restate(p *compiled, l *Line, replayed []Fact, plain Fact, valueOn calendar.Date, edit func([]event) []event, data func(*restatement) any) (Fact, error) {
	if !valueOn.IsZero() && valueOn.DaysUntil(plain.On) > p.ValueDateDays {
		return plain, nil
	}
	return restating(p, l, replayed, plain, valueOn, edit, data)
}

// whatIfSide is a line replaying under one product, with what its facts
// have added up to.
type whatIfSide struct {
	p                                       *compiled
	l                                       Line
	interest, fees, penalties, merchantFees checked.Sum // income, as posted
	declined                                int
	late                                    []calendar.Date // the statements the line was overdue by
	daysOverdue, maxDaysPastDue             int
	wasOverdue, chargedOff                  bool
}

// apply applies f to the line, with the postings it makes (nil: the
// caller adds them), and observes its delinquency.
func (s *whatIfSide) apply(f *Fact, postings []Posting) error {
	from := s.l.Today
	n, _, err := s.l.applyPins(s.p, *f, f.Days)
	if err != nil {
		return err
	}
	s.l = n
	s.income(postings)
	l := &s.l
	od := l.Account.Overdue
	overdue := !od.Statement.IsZero()
	// A charge-off ends an overdue too: a line charged off by this fact
	// (an advance over many days) was overdue up to the day before, from
	// the due date it was charged off for.
	co := l.Account.ChargeOff
	offNow := !co.IsZero() && !s.chargedOff
	s.chargedOff = !co.IsZero()
	through, streak := l.Today, od.Due // the last day overdue in this span; the due date the overdue runs from
	if !od.Since.IsZero() && od.Since.Before(streak) {
		streak = od.Since
	}
	if offNow {
		through, streak = co.On.AddDays(-1), co.Since
	}
	cycle := l.rules(s.p).Cycle
	// The days the line was overdue since the last fact: all of them if
	// it was overdue then (only a payment or a refund, which are facts,
	// or a charge-off ends an overdue), else from its first late day.
	if !from.IsZero() && through.After(from) {
		switch {
		case s.wasOverdue:
			s.daysOverdue += from.DaysUntil(through)
		case overdue || offNow:
			start := cycle.LateAfter(streak).AddDays(1)
			if !start.After(from) {
				start = from.AddDays(1)
			}
			if !start.After(through) {
				s.daysOverdue += start.DaysUntil(through) + 1
			}
		}
	}
	if (overdue || offNow) && !from.IsZero() {
		// Every statement cut since the last fact and due within the
		// overdue went late: no payment came between (it would be a fact)
		// and its minimum asks what is overdue.
		for i := range l.Statements {
			st := &l.Statements[i]
			if st.Date.After(from) && !st.Due.Before(streak) && !cycle.LateAfter(st.Due).After(through) && !slices.Contains(s.late, st.Date) {
				s.late = append(s.late, st.Date)
			}
		}
	}
	if offNow {
		s.maxDaysPastDue = max(s.maxDaysPastDue, co.Since.DaysUntil(co.On))
	}
	if overdue {
		if !slices.Contains(s.late, od.Statement) {
			s.late = append(s.late, od.Statement)
		}
		oldest, _ := l.pastDue(l.Today, nil)
		s.maxDaysPastDue = max(s.maxDaysPastDue, oldest.DaysUntil(l.Today))
	}
	s.wasOverdue = overdue
	return nil
}

// income adds what postings take into the income accounts.
func (s *whatIfSide) income(postings []Posting) {
	for _, p := range postings {
		switch p.Account {
		case "income:interest":
			s.interest.Sub(p.Amount.Units())
		case "income:fee":
			s.fees.Sub(p.Amount.Units())
		case "income:penalty":
			s.penalties.Sub(p.Amount.Units())
		case "income:merchant_fee":
			s.merchantFees.Sub(p.Amount.Units())
		}
	}
}

// figures returns the side's figures at the end of the line's journal.
func (s *whatIfSide) figures() (WhatIfFigures, error) {
	l := &s.l
	c := l.Limit.Currency()
	owed, err := l.Account.Owed()
	if err != nil {
		return WhatIfFigures{}, err
	}
	var accrued checked.Sum
	for _, a := range []billing.Accrual{l.Account.InterestAccrued, l.Account.PenaltyAccrued} {
		v, err := a.Post(c, s.p.Billing.Rounding)
		if err != nil {
			return WhatIfFigures{}, err
		}
		accrued.Add(v.Units())
	}
	var sums [5]int64
	for i, sum := range []checked.Sum{accrued, s.interest, s.fees, s.penalties, s.merchantFees} {
		v, ok := sum.Value()
		if !ok {
			return WhatIfFigures{}, money.ErrOverflow
		}
		sums[i] = v
	}
	f := WhatIfFigures{Statements: len(l.Statements), Owed: owed,
		Accrued: money.FromMinor(sums[0], c), Interest: money.FromMinor(sums[1], c), Fees: money.FromMinor(sums[2], c),
		Penalties: money.FromMinor(sums[3], c), MerchantFees: money.FromMinor(sums[4], c),
		Declined: s.declined, LateStatements: len(s.late), DaysOverdue: s.daysOverdue, MaxDaysPastDue: s.maxDaysPastDue}
	if oldest, overdue := l.pastDue(l.Today, nil); overdue {
		f.Overdue, f.DaysPastDue = 1, max(oldest.DaysUntil(l.Today), 1)
	}
	return f, nil
}

// add adds g to the totals f.
func (f *WhatIfFigures) add(g *WhatIfFigures) error {
	for _, a := range []struct{ to, from *money.Amount }{{&f.Owed, &g.Owed}, {&f.Accrued, &g.Accrued}, {&f.Interest, &g.Interest},
		{&f.Fees, &g.Fees}, {&f.Penalties, &g.Penalties}, {&f.MerchantFees, &g.MerchantFees}} {
		v, err := a.to.Add(*a.from)
		if err != nil {
			return err
		}
		*a.to = v
	}
	f.Statements += g.Statements
	f.Declined += g.Declined
	f.LateStatements += g.LateStatements
	f.DaysOverdue += g.DaysOverdue
	f.MaxDaysPastDue = max(f.MaxDaysPastDue, g.MaxDaysPastDue)
	f.Overdue += g.Overdue
	f.DaysPastDue += g.DaysPastDue
	return nil
}

// compareStatements pairs two lines' statements by date (each list is in
// date order) and returns those that differ, or all of them, and how many
// differ.
func compareStatements(cur, pro []billing.Statement, all bool) ([]WhatIfStatement, int) {
	var out []WhatIfStatement
	differ := 0
	figures := func(st *billing.Statement) *StatementFigures {
		return &StatementFigures{Closing: st.Closing, Minimum: st.Minimum, Due: st.Due}
	}
	for i, j := 0, 0; i < len(cur) || j < len(pro); {
		var s WhatIfStatement
		switch {
		case j == len(pro) || i < len(cur) && cur[i].Date.Before(pro[j].Date):
			s = WhatIfStatement{Date: cur[i].Date, Current: figures(&cur[i])}
			i++
		case i == len(cur) || pro[j].Date.Before(cur[i].Date):
			s = WhatIfStatement{Date: pro[j].Date, Proposed: figures(&pro[j])}
			j++
		default:
			s = WhatIfStatement{Date: cur[i].Date, Current: figures(&cur[i]), Proposed: figures(&pro[j])}
			i++
			j++
		}
		s.Differs = s.Current == nil || s.Proposed == nil || *s.Current != *s.Proposed
		if s.Differs {
			differ++
		}
		if s.Differs || all {
			out = append(out, s)
		}
	}
	return out, differ
}

// comparePlans returns the installment purchases whose annualized rate
// differs between two replays of a line, or all of them, and how many
// differ.
func comparePlans(cur, pro *Line, all bool) ([]WhatIfPlan, int) {
	var out []WhatIfPlan
	differ := 0
	for _, pu := range cur.Purchases {
		j := -1
		if pu.Plan != "" {
			j = pro.purchase(pu.ID)
		}
		if j < 0 {
			continue
		}
		a, b := pu.Schedule, pro.Purchases[j].Schedule
		same := a == b || a != nil && b != nil && reflect.DeepEqual(*a, *b)
		if same && !all {
			continue // the same schedule discloses the same rate
		}
		p := WhatIfPlan{Purchase: pu.ID, Plan: pu.Plan, Current: annualized(a)}
		p.Proposed = p.Current
		if !same {
			p.Proposed = annualized(b)
		}
		x, y := p.Current, p.Proposed
		p.Differs = (x == nil) != (y == nil) || x != nil && !x.Equal(*y)
		if p.Differs {
			differ++
		}
		if p.Differs || all {
			out = append(out, p)
		}
	}
	return out, differ
}

// annualized returns the nominal annualized rate a schedule discloses, or
// nil.
func annualized(s *billing.Schedule) *decimal.Decimal {
	if s == nil {
		return nil
	}
	r, err := s.AnnualizedRate()
	if err != nil {
		return nil
	}
	return &r.Nominal
}

// proposeCoupon takes the coupon of request req, recorded in fact f, again
// under the proposal p: its terms are the proposal's, but what the
// campaign's budget and the line's uses decided stands, as recorded (a
// budget spans lines, which a what-if of one line does not run again).
func proposeCoupon(dec *Decision, p *compiled, req *AuthRequest, f Fact) {
	if _, why := p.terms(req.Campaign, req, req.On, req.On); why != nil {
		declineWith(dec, *why)
		return
	}
	var recorded Decision
	if d, ok := f.result.(Decision); ok {
		recorded = d
	} else if len(f.Result) == 0 || json.Unmarshal(f.Result, &recorded) != nil {
		return
	}
	for _, r := range recorded.Reasons {
		if r.Code == CodeCampaignSpent || r.Code == CodeCampaignNotEligible && r.MaxCount > 0 {
			declineWith(dec, r)
		}
	}
}
