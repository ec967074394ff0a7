package credit

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Hardship is a product's hardship policy: what it offers a holder who
// cannot pay as agreed. Its zero value offers nothing, and the commands
// are refused (CodeNotOffered).
//
// A deferral (Engine.DeferDue) moves the last statement's due date later
// by up to DeferDays days, once a statement and at most DefersPerYear
// times in any twelve months, while the statement is not yet late: Huabei's
// 延期还款, which Alipay offered during the COVID-19 outbreak of 2020 (up
// to 30 days, applied for before the due date, no interest during the
// deferral, as third-party descriptions of it have it). Nothing accrues
// during the deferral that would not accrue before a due date (see
// billing.Account.Defer); the price, if any, is DeferFeeRate of what the
// statement still bills.
//
// A rescheduling (Engine.Reschedule) re-spreads what a purchase's
// installment plan owes in periods not yet billed over one of the
// Reschedule plans, once a purchase (see billing.Account.Reschedule): the
// old periods' fees are waived and the new plan's are owed.
//
// A re-aging (Engine.Reage) brings a past-due line current without
// forgiving any of it: what is past due becomes due again on the current
// or next statement's due date, the line's days past due, penalties and
// count towards charge-off stop, and the holder owes what was owed (see
// billing.Account.Reage). The FFIEC's Uniform Retail Credit
// Classification and Account Management Policy (65 Fed. Reg. 36903, June
// 12, 2000) lets a US bank re-age an open-end account only when the
// borrower has shown a renewed willingness and ability to repay, the
// account has existed at least nine months, the borrower has made at
// least three consecutive minimum monthly payments or the equivalent
// cumulative amount, and at most once in any twelve months and twice in
// any five years: ReageMinMonths, ReageAfterPayments, ReagesPerYear and
// ReagesPerFiveYears say each of those (FFIECReaging sets them so); the
// willingness and ability to repay are the host's to judge.
type Hardship struct {
	// DeferDays is the most days a due date may move; 0 offers no
	// deferral. At most MaxDeferDays.
	DeferDays int `json:"defer_days,omitempty"`
	// DefersPerYear is how many deferrals a line may take in any twelve
	// months: 1 or more when DeferDays is set.
	DefersPerYear int `json:"defers_per_year,omitempty"`
	// DeferFeeRate is a deferral's fee, a rate (0 to 1) of what the
	// statement still bills, rounded half up; zero charges none.
	DeferFeeRate decimal.Decimal `json:"defer_fee_rate,omitzero"`
	// Reschedule are the plans, each named, over which an installment
	// plan's periods not yet billed may be laid out again; none offers no
	// rescheduling. They take no down payment and the holder pays their
	// fee.
	Reschedule []billing.Plan `json:"reschedule,omitempty"`

	// ReagesPerYear is how many re-agings (Engine.Reage) a line may take
	// in any twelve months, 1 to 12; 0 offers no re-aging.
	ReagesPerYear int `json:"reages_per_year,omitempty"`
	// ReagesPerFiveYears is how many it may take in any five years:
	// ReagesPerYear to 60, or 0 for no limit but the yearly one.
	ReagesPerFiveYears int `json:"reages_per_five_years,omitempty"`
	// ReageMinMonths is how many months a line must have been open to be
	// re-aged, 0 to 120.
	ReageMinMonths int `json:"reage_min_months,omitempty"`
	// ReageAfterPayments is how many regular minimum payments the holder
	// must have paid since the line fell past due, 0 to 12 (see
	// Engine.Reage for how they are counted).
	ReageAfterPayments int `json:"reage_after_payments,omitempty"`
}

// FFIECReaging is the re-aging policy of the FFIEC's Uniform Retail
// Credit Classification and Account Management Policy for open-end
// accounts (65 Fed. Reg. 36903, June 12, 2000): a line open nine months
// or more, three minimum payments (or their cumulative amount) paid, at
// most once in twelve months and twice in five years. It sets only the
// re-aging fields.
func FFIECReaging() Hardship {
	return Hardship{ReagesPerYear: 1, ReagesPerFiveYears: 2, ReageMinMonths: 9, ReageAfterPayments: 3}
}

// MaxDeferDays is the most days Hardship.DeferDays may allow.
const MaxDeferDays = 90

// Hardship codes of a *CommandError.
const (
	// CodeNotOffered: the product's Hardship policy does not offer the command.
	CodeNotOffered = "not_offered"
	// CodeBadDays: a deferral of no days, or of more than the product allows.
	CodeBadDays = "bad_days"
	// CodeNothingToDefer: no statement, or nothing it billed still owed.
	CodeNothingToDefer = "nothing_to_defer"
	// CodeStatementLate: the statement's due date and grace days have passed.
	CodeStatementLate = "statement_late"
	// CodeDeferredAlready: the statement was deferred before.
	CodeDeferredAlready = "deferred_already"
	// CodeDeferLimit: the line took as many deferrals in twelve months as the product allows.
	CodeDeferLimit = "defer_limit"
	// CodeNothingToReschedule: the purchase owes no principal in installment periods not yet billed.
	CodeNothingToReschedule = "nothing_to_reschedule"
	// CodeRescheduledAlready: the purchase's plan was rescheduled before.
	CodeRescheduledAlready = "rescheduled_already"
	// CodeNothingToReage: the line is not past due, or has no statement yet.
	CodeNothingToReage = "nothing_to_reage"
	// CodeReageTooSoon: the line has not been open Hardship.ReageMinMonths.
	CodeReageTooSoon = "reage_too_soon"
	// CodeReageLimit: the line took as many re-agings in twelve months, or
	// in five years, as the product allows.
	CodeReageLimit = "reage_limit"
	// CodeReageNotEarned: the holder has not paid Hardship.ReageAfterPayments
	// minimum payments since the line fell past due.
	CodeReageNotEarned = "reage_not_earned"
)

// validate reports the first field of h out of range.
func (h Hardship) validate(bad func(field, format string, args ...any) error) error {
	switch {
	case h.DeferDays < 0 || h.DeferDays > MaxDeferDays:
		return bad("hardship.defer_days", "must be 0-%d, not %d", MaxDeferDays, h.DeferDays)
	case h.DeferDays > 0 && (h.DefersPerYear < 1 || h.DefersPerYear > 12):
		return bad("hardship.defers_per_year", "must be 1-12 when defer_days is set, not %d", h.DefersPerYear)
	case h.DeferDays == 0 && (h.DefersPerYear != 0 || !h.DeferFeeRate.IsZero()):
		return bad("hardship.defer_days", "is 0 (no deferral) but the policy sets its limits or fee")
	case !rates.Sane(h.DeferFeeRate) || !rates.Unit(h.DeferFeeRate):
		return bad("hardship.defer_fee_rate", "must be 0 to 1")
	}
	switch {
	case h.ReagesPerYear < 0 || h.ReagesPerYear > 12:
		return bad("hardship.reages_per_year", "must be 0-12, not %d", h.ReagesPerYear)
	case h.ReagesPerFiveYears != 0 && (h.ReagesPerFiveYears < max(h.ReagesPerYear, 1) || h.ReagesPerFiveYears > 60):
		return bad("hardship.reages_per_five_years", "must be 0 (no limit) or %d-60, not %d", max(h.ReagesPerYear, 1), h.ReagesPerFiveYears)
	case h.ReageMinMonths < 0 || h.ReageMinMonths > 120:
		return bad("hardship.reage_min_months", "must be 0-120, not %d", h.ReageMinMonths)
	case h.ReageAfterPayments < 0 || h.ReageAfterPayments > 12:
		return bad("hardship.reage_after_payments", "must be 0-12, not %d", h.ReageAfterPayments)
	case h.ReagesPerYear == 0 && (h.ReagesPerFiveYears != 0 || h.ReageMinMonths != 0 || h.ReageAfterPayments != 0):
		return bad("hardship.reages_per_year", "is 0 (no re-aging) but the policy sets its conditions")
	}
	for i, plan := range h.Reschedule {
		field := "hardship.reschedule[" + strconv.Itoa(i) + "]"
		if plan.DownPayment.IsPositive() {
			return bad(field+".down_payment", "a rescheduled plan takes no down payment")
		}
		if plan.FeePayer != billing.Buyer {
			return bad(field+".fee_payer", "the holder pays a rescheduled plan's fee")
		}
	}
	return nil
}

// reschedulePlan returns the index of the rescheduling plan named name,
// or -1.
func (h *Hardship) reschedulePlan(name string) int {
	for i := range h.Reschedule {
		if h.Reschedule[i].Name == name {
			return i
		}
	}
	return -1
}

// Deferred is a deferral a line took: on day On, the statement of
// Statement, due on From, moved to To.
type Deferred struct {
	On        calendar.Date `json:"on"`
	Statement calendar.Date `json:"statement"`
	From      calendar.Date `json:"from"`
	To        calendar.Date `json:"to"`
}

// Deferral asks to move the due date of the line's last statement Days
// days later (Engine.DeferDue).
type Deferral struct {
	Key  string `json:"key"`
	Line string `json:"line"`
	Days int    `json:"days"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

func (cmd Deferral) hash() string {
	return canon(nil).str("defer_due").str(cmd.Key).str(cmd.Line).num(int64(cmd.Days)).sum()
}

// Rescheduling asks to lay out again what purchase Purchase's installment
// plan owes in periods not yet billed, over the product's rescheduling
// plan Plan (Engine.Reschedule).
type Rescheduling struct {
	Key      string `json:"key"`
	Line     string `json:"line"`
	Purchase string `json:"purchase"`
	Plan     string `json:"plan"` // the Name of one of the product's Hardship.Reschedule plans
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

func (cmd Rescheduling) hash() string {
	return canon(nil).str("reschedule").str(cmd.Key).str(cmd.Line).str(cmd.Purchase).str(cmd.Plan).sum()
}

// Reaged is a re-age a line took (Engine.Reage): on day On it stood
// DaysPastDue days past due with PastDue keeping it there, and what was
// past due became due on Due.
type Reaged struct {
	On          calendar.Date `json:"on"`
	DaysPastDue int           `json:"days_past_due"`
	PastDue     money.Amount  `json:"past_due"`
	Due         calendar.Date `json:"due"`
}

// Reaging asks to bring the line, past due, current (Engine.Reage).
type Reaging struct {
	Key  string `json:"key"`
	Line string `json:"line"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

func (cmd Reaging) hash() string {
	return canon(nil).str("reage").str(cmd.Key).str(cmd.Line).sum()
}

// The facts of hardship commands.
const (
	factDeferred    = "deferred"
	factRescheduled = "rescheduled"
	factReaged      = "reaged"
)

// reagedData is a re-age's fact: the due date it gave what was past due
// (billing.Account.ReageDue), for the journal's reader. A replay works it
// out again, as the command did (with the calendar answers the fact
// pinned); a what-if, under the proposal.
type reagedData struct {
	Due calendar.Date `json:"due"`
}

// deferredData is a deferral's fact: the new due date and the fee, so
// that a replay needs nothing of the product.
type deferredData struct {
	To  calendar.Date `json:"to"`
	Fee money.Amount  `json:"fee"`
}

// rescheduledData is a rescheduling's fact, with the plan it took in full.
type rescheduledData struct {
	Purchase string       `json:"purchase"`
	Plan     billing.Plan `json:"plan"`
}

// applyHardship folds a hardship fact into n.
func (n *Line) applyHardship(p *compiled, f Fact) error {
	switch f.Kind {
	case factDeferred:
		d, err := payloadOf[deferredData](f)
		if err != nil {
			return err
		}
		rec := Deferred{On: f.On, Statement: n.Account.Last.Date, From: n.Account.Last.Due, To: d.To}
		if n.Account, err = n.Account.Defer(n.rules(p), f.On, d.To, d.Fee); err != nil {
			return err
		}
		// Only the last twelve months count.
		keep := n.Deferrals[:0:0]
		for _, old := range n.Deferrals {
			if old.On.After(f.On.AddMonths(-12)) {
				keep = append(keep, old)
			}
		}
		n.Deferrals = append(keep, rec)
	case factRescheduled:
		d, err := payloadOf[rescheduledData](f)
		if err != nil {
			return err
		}
		i := n.purchase(d.Purchase)
		if i < 0 {
			return fmt.Errorf("no open purchase %q to reschedule", d.Purchase)
		}
		if n.Account, _, err = n.Account.Reschedule(n.rules(p), f.On, d.Purchase, d.Plan); err != nil {
			return err
		}
		n.mutPurchase(i).Rescheduled = f.On
	case factReaged:
		if _, err := payloadOf[reagedData](f); err != nil {
			return err
		}
		r := n.rules(p)
		due, err := n.Account.ReageDue(r, f.On)
		if err != nil {
			return err
		}
		was := n.Delinquency(&p.Product)
		if n.Account, err = n.Account.Reage(r, f.On); err != nil {
			return err
		}
		// Only the last five years count.
		keep := n.Reagings[:0:0]
		for _, old := range n.Reagings {
			if old.On.After(f.On.AddMonths(-60)) {
				keep = append(keep, old)
			}
		}
		n.Reagings = append(keep, Reaged{On: f.On, DaysPastDue: was.DaysPastDue, PastDue: was.PastDue, Due: due})
	default:
		return fmt.Errorf("%w: unknown fact kind %q", ErrCorruptJournal, f.Kind)
	}
	return nil
}

// DeferDue moves the due date of the line's last statement, and of what
// it billed that is still owed, Days days later, as the product's
// Hardship policy allows, and returns the line as it left it. The
// deferral shows on the next statement as a billing.DeferralLine, with
// its fee if the policy charges one.
//
// A payment or refund recorded later with a value date on or before the
// deferral's day that pays what the statement billed in full restates the
// line without the deferral or its fee (there was nothing to defer);
// Line.Deferrals still counts it.
//
// It is refused (a *CommandError) when the product offers no deferral
// (not_offered, field days), Days is not 1 to Hardship.DeferDays
// (bad_days), there is no statement or nothing it billed is still owed
// (nothing_to_defer), its due date and grace days have passed
// (statement_late), it was deferred before (deferred_already), the line
// took Hardship.DefersPerYear deferrals in the twelve months before
// (defer_limit), or the line is charged off (charged_off) or closed.
func (e *Engine) DeferDue(ctx context.Context, cmd Deferral) (*Line, error) {
	const op = "defer_due"
	rebuild := func(l Line) (*Line, error) { return &l, nil }
	return run(ctx, e, command[*Line]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(), at: cmd.At, rebuild: rebuild, copyOut: (*Line).copyOut}, func(l Line, p *compiled, on calendar.Date, _ journalAt) (Fact, *Line, error) {
		fail := func(code, field, reason string) (Fact, *Line, error) {
			return Fact{}, nil, &CommandError{Op: op, Code: code, Field: field, Reason: reason}
		}
		h := p.Hardship
		a := &l.Account
		switch {
		case h.DeferDays == 0:
			return fail(CodeNotOffered, "days", "the product offers no deferral (hardship.defer_days)")
		case cmd.Days < 1 || cmd.Days > h.DeferDays:
			return fail(CodeBadDays, "days", "a due date moves 1 to "+strconv.Itoa(h.DeferDays)+" days, not "+strconv.Itoa(cmd.Days))
		case l.Status == Closed:
			return fail(CodeLineClosed, "", "the line is closed")
		case a.ChargedOff():
			return fail(CodeChargedOff, "", "the line is charged off: its balance is due in full")
		}
		unpaid, err := a.StatementUnpaid()
		if err != nil {
			return Fact{}, nil, err
		}
		switch {
		case a.Last.Date.IsZero() || !unpaid.IsPositive():
			return fail(CodeNothingToDefer, "", "the last statement bills nothing still owed")
		case on.After(l.rules(p).Cycle.LateAfter(a.Last.Due)) || !a.Overdue.Statement.IsZero():
			return fail(CodeStatementLate, "at", "the statement was due on "+a.Last.Due.String())
		}
		taken := 0
		for _, d := range l.Deferrals {
			if d.Statement == a.Last.Date {
				return fail(CodeDeferredAlready, "", "the statement of "+a.Last.Date.String()+" was deferred on "+d.On.String())
			}
			if d.On.After(on.AddMonths(-12)) {
				taken++
			}
		}
		if taken >= h.DefersPerYear {
			return fail(CodeDeferLimit, "", "the product allows "+strconv.Itoa(h.DefersPerYear)+" deferrals in twelve months")
		}
		fee, err := unpaid.MulRate(h.DeferFeeRate, money.HalfUp)
		if err != nil {
			return Fact{}, nil, err
		}
		f, err := newFact(factDeferred, on, deferredData{To: a.Last.Due.AddDays(cmd.Days), Fee: fee})
		return f, nil, err
	})
}

// Reschedule lays out again what a purchase's installment plan owes in
// periods not yet billed over the product's rescheduling plan cmd.Plan,
// from the command's day, and returns the line as it left it (see
// billing.Account.Reschedule for the statement lines). A purchase is
// rescheduled once (Purchase.Rescheduled).
//
// A purchase with a coupon keeps the free periods it has not been billed
// for: the new plan's first periods, as many, are free to the holder (the
// campaign and the merchant paid their fee when the purchase posted).
//
// It is refused (a *CommandError) when the product offers no rescheduling
// (not_offered, field plan) or not that plan (plan_not_offered), the
// purchase is unknown (unknown_purchase), owes no principal in periods
// not yet billed (nothing_to_reschedule), was rescheduled before
// (rescheduled_already), or the line is charged off (charged_off) or
// closed.
func (e *Engine) Reschedule(ctx context.Context, cmd Rescheduling) (*Line, error) {
	const op = "reschedule"
	for _, id := range []struct{ field, v string }{{"purchase", cmd.Purchase}, {"plan", cmd.Plan}} {
		if err := idError(op, id.field, id.v, false, ""); err != nil {
			return nil, err
		}
	}
	rebuild := func(l Line) (*Line, error) { return &l, nil }
	return run(ctx, e, command[*Line]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(), at: cmd.At, rebuild: rebuild, copyOut: (*Line).copyOut}, func(l Line, p *compiled, on calendar.Date, _ journalAt) (Fact, *Line, error) {
		fail := func(code, field, reason string) (Fact, *Line, error) {
			return Fact{}, nil, &CommandError{Op: op, Code: code, Field: field, Reason: reason}
		}
		h := &p.Hardship
		j := h.reschedulePlan(cmd.Plan)
		switch {
		case len(h.Reschedule) == 0:
			return fail(CodeNotOffered, "plan", "the product offers no rescheduling (hardship.reschedule)")
		case j < 0:
			return fail(CodePlanNotOffered, "plan", "no rescheduling plan "+strconv.Quote(cmd.Plan))
		case l.Status == Closed:
			return fail(CodeLineClosed, "", "the line is closed")
		case l.Account.ChargedOff():
			return fail(CodeChargedOff, "", "the line is charged off: its balance is due in full")
		}
		i := l.purchase(cmd.Purchase)
		if i < 0 {
			return Fact{}, nil, &CommandError{Op: op, Code: CodeUnknownPurchase, Field: "purchase", Reason: "no open purchase " + strconv.Quote(cmd.Purchase), Err: ErrNotFound}
		}
		if !l.Purchases[i].Rescheduled.IsZero() {
			return fail(CodeRescheduledAlready, "purchase", "rescheduled on "+l.Purchases[i].Rescheduled.String())
		}
		principal, _, _, err := l.Account.Unbilled(cmd.Purchase)
		if err != nil {
			return Fact{}, nil, err
		}
		if !principal.IsPositive() {
			return fail(CodeNothingToReschedule, "purchase", "the purchase owes nothing in installment periods not yet billed")
		}
		plan := h.Reschedule[j]
		plan.FreePeriods = max(plan.FreePeriods, couponPeriodsLeft(&l, i))
		f, err := newFact(factRescheduled, on, rescheduledData{Purchase: cmd.Purchase, Plan: plan})
		return f, nil, err
	})
}

// couponPeriodsLeft is how many of the free periods of purchase i's coupon
// (Purchase.Promotion) are not yet billed: a rescheduling keeps them free,
// as the new plan's first periods, for the campaign and the merchant paid
// their fee when the purchase posted.
func couponPeriodsLeft(l *Line, i int) int {
	pu := l.Purchases[i]
	if pu.Promotion.IsZero() {
		return 0
	}
	left := map[int]bool{}
	for _, d := range l.Account.Debts {
		if d.Ref == pu.ID && d.Kind == billing.InstallmentDebt && d.Billed.IsZero() && d.Period >= 1 && d.Period <= pu.Promotion.FreePeriods {
			left[d.Period] = true
		}
	}
	return len(left)
}

// Reage brings the line, past due, current, as the product's Hardship
// policy allows, and returns the line as it left it: what is past due
// becomes due on the last statement's due date if it has not passed, else
// on the next statement's (billing.Account.ReageDue), the line's
// delinquency bucket is current again (a "delinquency" fact records the
// change), and nothing it owes is forgiven: penalties and fees charged
// stay, and interest keeps running as on a current line (see
// billing.Account.Reage). The next statement shows a billing.ReageLine.
// Line.Reagings keeps the re-agings of the last five years.
//
// The holder has paid Hardship.ReageAfterPayments minimum payments when
// the payments made since the line fell past due (the day after the
// oldest due date it is past due by), less any reversed in that time, come
// to at least that many times the line's regular minimum payment: the
// last statement's minimum as if nothing had been past due
// (billing.MinimumBasis.Current). Consecutive minimum payments come to it,
// and so does the same amount paid at once, the FFIEC's "equivalent
// cumulative amount"; with a number set, nothing paid never earns it. A
// restatement (a payment reversed, a payment or refund with an earlier
// value date) works the line out again without a re-age the changed
// history would not have allowed: one the reversed payment earned, or one
// of a line no longer past due that day. The line then stands as if it
// had not been re-aged, and Line.Reagings still counts it.
//
// It is refused (a *CommandError) when the product offers no re-aging
// (not_offered), the line is closed (line_closed) or charged off
// (charged_off), is not past due or, past due item by item, has no
// statement yet (nothing_to_reage), has been open fewer
// than Hardship.ReageMinMonths months (reage_too_soon), took
// Hardship.ReagesPerYear re-agings in the twelve months before or
// Hardship.ReagesPerFiveYears in the five years before (reage_limit), or
// the holder has not paid the minimum payments it asks
// (reage_not_earned). That the holder can and will pay again, the first
// of the FFIEC's conditions, is the host's judgment before it asks.
func (e *Engine) Reage(ctx context.Context, cmd Reaging) (*Line, error) {
	const op = "reage"
	rebuild := func(l Line) (*Line, error) { return &l, nil }
	return run(ctx, e, command[*Line]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(), at: cmd.At, rebuild: rebuild, copyOut: (*Line).copyOut}, func(l Line, p *compiled, on calendar.Date, _ journalAt) (Fact, *Line, error) {
		fail := func(code, reason string) (Fact, *Line, error) {
			return Fact{}, nil, &CommandError{Op: op, Code: code, Reason: reason}
		}
		h := &p.Hardship
		a := &l.Account
		switch {
		case h.ReagesPerYear == 0:
			return fail(CodeNotOffered, "the product offers no re-aging (hardship.reages_per_year)")
		case l.Status == Closed:
			return fail(CodeLineClosed, "the line is closed")
		case a.ChargedOff():
			return fail(CodeChargedOff, "the line is charged off: its balance is due in full")
		case a.Overdue.Statement.IsZero():
			return fail(CodeNothingToReage, "the line is not past due")
		case a.Last.Date.IsZero():
			return fail(CodeNothingToReage, "the line has no statement yet: a re-age makes what is past due due with a statement")
		case l.Opened.AddMonths(h.ReageMinMonths).After(on):
			return fail(CodeReageTooSoon, "the line opened on "+l.Opened.String()+": it is re-aged after "+strconv.Itoa(h.ReageMinMonths)+" months")
		}
		year, five := 0, 0
		for _, r := range l.Reagings {
			if r.On.After(on.AddMonths(-12)) {
				year++
			}
			if r.On.After(on.AddMonths(-60)) {
				five++
			}
		}
		switch {
		case year >= h.ReagesPerYear:
			return fail(CodeReageLimit, "the product allows "+strconv.Itoa(h.ReagesPerYear)+" re-agings in twelve months")
		case h.ReagesPerFiveYears > 0 && five >= h.ReagesPerFiveYears:
			return fail(CodeReageLimit, "the product allows "+strconv.Itoa(h.ReagesPerFiveYears)+" re-agings in five years")
		}
		r := l.rules(p)
		if earned, paid, minimum, err := l.reageEarned(p, on); err != nil {
			return Fact{}, nil, err
		} else if !earned {
			return fail(CodeReageNotEarned, "paid "+paid.String()+" since the line fell past due, not "+strconv.Itoa(h.ReageAfterPayments)+" regular minimum payments of "+minimum.String())
		}
		due, err := a.ReageDue(r, on)
		if err != nil {
			return Fact{}, nil, err
		}
		f, err := newFact(factReaged, on, reagedData{Due: due})
		return f, nil, err
	})
}

// reageEarned reports whether the holder of l, past due, has paid the
// minimum payments p's Hardship.ReageAfterPayments asks for a re-age on
// day on, with what they paid and the regular minimum payment.
func (l *Line) reageEarned(p *compiled, on calendar.Date) (earned bool, paid, minimum money.Amount, err error) {
	n := p.Hardship.ReageAfterPayments
	if n == 0 {
		return true, paid, minimum, nil
	}
	if paid, minimum, err = l.paidSincePastDue(l.rules(p), on); err != nil {
		return false, paid, minimum, err
	}
	var times checked.Sum
	for range n {
		times.Add(minimum.Units())
	}
	asked, ok := times.Value()
	return ok && paid.Units() >= asked && paid.IsPositive(), paid, minimum, nil
}

// paidSincePastDue returns what the holder paid after the oldest due date
// the line is past due by on day on, less payments reversed in that time,
// and its regular minimum payment: the last statement's, as if nothing
// had been past due. The statements since that due date are all in the
// line (a statement billing what is still owed is never archived, nor
// any after it).
func (l *Line) paidSincePastDue(r billing.Rules, on calendar.Date) (paid, minimum money.Amount, err error) {
	c := l.Account.Currency
	since, overdue := l.Account.PastDueSince(on)
	if !overdue {
		return money.Zero(c), money.Zero(c), nil
	}
	var sum checked.Sum
	add := func(lines []billing.Line) {
		for i := range lines {
			ln := &lines[i]
			if ln.Date.After(since) && (ln.Kind == billing.PaymentLine || ln.Kind == billing.ReversalLine) {
				sum.Sub(ln.Amount.Units()) // a payment is negative, a reversal positive
			}
		}
	}
	for i := range l.Statements {
		if !l.Statements[i].Date.Before(since) {
			add(l.Statements[i].Lines)
		}
	}
	add(l.Account.Lines)
	v, ok := sum.Value()
	if !ok {
		return money.Amount{}, money.Amount{}, money.ErrOverflow
	}
	basis, err := l.Account.Last.Basis.Current()
	if err != nil {
		return money.Amount{}, money.Amount{}, err
	}
	if minimum, err = r.Minimum.Compute(basis); err != nil {
		return money.Amount{}, money.Amount{}, err
	}
	return money.FromMinor(v, c), minimum, nil
}
