package credit_test

import (
	"fmt"
	"sync/atomic"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// simHardshipProduct is Huabei with a hardship policy: due dates deferred
// up to 30 days, twice in twelve months, for 0.5% of what the statement
// still bills; installment plans rescheduled over 6 or 12 months at
// Huabei's rates; and a line open three months re-aged once a year and
// twice in five, once a regular minimum payment is paid.
func simHardshipProduct() credit.Product {
	p := credit.Huabei()
	p.Name, p.Description = "huabei-hardship", "Huabei with deferrals, rescheduling and re-aging"
	p.Hardship = credit.Hardship{DeferDays: 30, DefersPerYear: 2, DeferFeeRate: decimal.RequireFromString("0.005"),
		Reschedule:    []billing.Plan{p.Installments[1], p.Installments[3]}, // 6-month, 12-month
		ReagesPerYear: 1, ReagesPerFiveYears: 2, ReageMinMonths: 3, ReageAfterPayments: 1}
	return p
}

// hardshipModel is what the reference model keeps of hardship commands:
// the deferrals taken (the statement and the day), the purchases
// rescheduled and the days the line was re-aged.
type hardshipModel struct {
	deferred    []struct{ on, statement calendar.Date }
	rescheduled map[string]bool
	reaged      []calendar.Date
}

// hardshipStats counts the hardship commands the simulation issued and
// those the engine took, predicted exactly (the line stood on the
// command's day) or not.
var hardshipStats struct {
	defers, deferred, deferredPredicted, reschedules, rescheduled, rescheduledPredicted atomic.Int64
	reages, reaged, reagedPredicted, reagesPastDue                                      atomic.Int64
}

func hardshipCounts() string {
	h := &hardshipStats
	return fmt.Sprintf("%d deferrals asked, %d taken (%d predicted exactly); %d reschedulings asked, %d taken (%d predicted exactly); %d re-agings asked (%d of past-due lines), %d taken (%d predicted exactly)",
		h.defers.Load(), h.deferred.Load(), h.deferredPredicted.Load(), h.reschedules.Load(), h.rescheduled.Load(), h.rescheduledPredicted.Load(),
		h.reages.Load(), h.reagesPastDue.Load(), h.reaged.Load(), h.reagedPredicted.Load())
}

// hardship issues a deferral, a rescheduling or a re-age, on any product:
// those without a policy refuse them. A past-due line asks for a re-age
// half the time.
func (s *sim) hardship(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	if pastDue := !before.Account.Overdue.Statement.IsZero(); r.IntN(8) == 0 || pastDue && r.IntN(2) == 0 {
		return s.reage(l, r, before)
	}
	if r.IntN(2) == 0 || deferWindow(l, before) && r.IntN(3) > 0 {
		return s.deferDue(l, r, before)
	}
	return s.reschedule(l, r, before)
}

// deferWindow reports whether the line's last statement bills something
// still owed and is not yet due: a deferral would be taken.
func deferWindow(l *simLine, before *credit.Line) bool {
	a := &before.Account
	unpaid, _ := a.StatementUnpaid()
	return unpaid.IsPositive() && !a.Last.Date.IsZero() && !l.day.After(a.Last.Due)
}

// current reports whether the line stands on the command's day already,
// so that what the command sees is before: no advance comes first.
func (l *simLine) current(before *credit.Line) bool { return before.Today == l.day }

func (s *sim) deferDue(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	h := l.product.Hardship
	days := 1 + r.IntN(30)
	if r.IntN(10) == 0 {
		days = []int{0, -3, 31, 45}[r.IntN(4)]
	}
	cmd := credit.Deferral{Key: l.key(), Line: l.lineID(r), Days: days, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("defer due by %d days key %q", days, cmd.Key), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.DeferDue(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) {
			return e.Pay(s.ctx, credit.Payment{Key: cmd.Key, Line: cmd.Line, Amount: l.amount(int64(max(days, 1))), At: cmd.At})
		}}
	hardshipStats.defers.Add(1)
	hm := &l.model.hardship
	switch {
	case h.DeferDays == 0:
		return sc, prediction{reject: true, code: credit.CodeNotOffered}
	case days < 1 || days > h.DeferDays:
		return sc, prediction{reject: true, code: credit.CodeBadDays}
	case l.model.status == credit.Closed:
		return sc, prediction{reject: true, code: credit.CodeLineClosed}
	}
	a := &before.Account
	unpaid, _ := a.StatementUnpaid()
	taken, again := 0, false
	for _, d := range hm.deferred {
		again = again || d.statement == a.Last.Date
		if d.on.After(l.day.AddMonths(-12)) {
			taken++
		}
	}
	pred := prediction{}
	if l.current(before) {
		switch {
		case a.ChargedOff():
			pred.code = credit.CodeChargedOff
		case a.Last.Date.IsZero() || !unpaid.IsPositive():
			pred.code = credit.CodeNothingToDefer
		case l.day.After(a.Last.Due.AddDays(l.product.Billing.Cycle.GraceDays)) || !a.Overdue.Statement.IsZero():
			pred.code = credit.CodeStatementLate
		case again:
			pred.code = credit.CodeDeferredAlready
		case taken >= h.DefersPerYear:
			pred.code = credit.CodeDeferLimit
		}
		pred.reject, pred.accept = pred.code != "", pred.code == ""
	}
	// The fee is 0.5% of what the statement still bills, half up.
	fee := (unpaid.Units()*5 + 500) / 1000
	oldOwed, _ := a.Owed()
	pred.then = func(after *credit.Line, _ any) error {
		hardshipStats.deferred.Add(1)
		if pred.accept {
			hardshipStats.deferredPredicted.Add(1)
			if want := before.Account.Last.Due.AddDays(days); after.Account.Last.Due != want {
				return fmt.Errorf("deferred to %v, the model says %v", after.Account.Last.Due, want)
			}
			owed, _ := after.Account.Owed()
			if got := owed.Units() - oldOwed.Units(); got != fee {
				return fmt.Errorf("a deferral's fee: the engine charged %d, the model %d", got, fee)
			}
		}
		for _, d := range after.Deferrals {
			if d.On == after.Today && d.To != after.Account.Last.Due {
				return fmt.Errorf("deferral %+v, the statement is due %v", d, after.Account.Last.Due)
			}
		}
		hm.deferred = append(hm.deferred, struct{ on, statement calendar.Date }{after.Today, after.Account.Last.Date})
		return nil
	}
	return sc, pred
}

func (s *sim) reschedule(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	h := l.product.Hardship
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.plan != "" && pu.posted > 0 })
	plan := []string{"6-month", "12-month", "9-month"}[r.IntN(3)]
	cmd := credit.Rescheduling{Key: l.key(), Line: l.lineID(r), Purchase: l.pid(r, id), Plan: plan, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("reschedule %q over %q key %q", id, plan, cmd.Key), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.Reschedule(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) {
			return e.Pay(s.ctx, credit.Payment{Key: cmd.Key, Line: cmd.Line, Amount: l.amount(1), At: cmd.At})
		}}
	hardshipStats.reschedules.Add(1)
	hm := &l.model.hardship
	j := -1
	for i := range h.Reschedule {
		if h.Reschedule[i].Name == plan {
			j = i
		}
	}
	switch {
	case len(h.Reschedule) == 0:
		return sc, prediction{reject: true, code: credit.CodeNotOffered}
	case j < 0:
		return sc, prediction{reject: true, code: credit.CodePlanNotOffered}
	case l.model.status == credit.Closed:
		return sc, prediction{reject: true, code: credit.CodeLineClosed}
	case hm.rescheduled[id]:
		// Refused: rescheduled_already, or unknown_purchase once the
		// purchase is settled and archived, or charged_off.
		return sc, prediction{reject: true}
	}
	a := &before.Account
	principal, fees, _, _ := a.Unbilled(id)
	open := false
	for _, pu := range before.Purchases {
		open = open || pu.ID == id
	}
	pred := prediction{}
	var newFee int64
	if l.current(before) {
		switch {
		case a.ChargedOff():
			pred.code = credit.CodeChargedOff
		case !open:
			pred.code = credit.CodeUnknownPurchase
		case !principal.IsPositive():
			pred.code = credit.CodeNothingToReschedule
		}
		pred.reject, pred.accept = pred.code != "", pred.code == ""
		if pred.accept {
			// The new plan's fee, by its total rate, rounded as Alipay
			// rounds each period's share.
			sch, err := h.Reschedule[j].Schedule(principal, l.day, nil)
			if err != nil {
				return sc, prediction{}
			}
			newFee = sch.TotalFee.Units()
			var sum int64
			for _, in := range sch.Installments {
				sum += in.Fee.Units()
			}
			if sum != newFee {
				pred.then = func(*credit.Line, any) error { return fmt.Errorf("schedule fees %d ≠ total %d", sum, newFee) }
				return sc, pred
			}
		}
	}
	oldOwed, _ := a.Owed()
	pred.then = func(after *credit.Line, _ any) error {
		hardshipStats.rescheduled.Add(1)
		if pred.accept {
			hardshipStats.rescheduledPredicted.Add(1)
			owed, _ := after.Account.Owed()
			if got, want := owed.Units()-oldOwed.Units(), newFee-fees.Units(); got != want {
				return fmt.Errorf("a rescheduling moved what is owed by %d, the model says %d (new fee %d, fees waived %d)", got, want, newFee, fees.Units())
			}
			// The principal moves, none of it is added or lost: what the
			// purchase owes in installment principal after, with what a
			// credit balance paid of a first period billed at once, is
			// what it owed before.
			var was, is int64
			for _, d := range before.Account.Debts {
				if d.Ref == id && d.Kind == billing.InstallmentDebt && d.Component == billing.Principal {
					was += d.Amount.Units()
				}
			}
			for _, d := range after.Account.Debts {
				if d.Ref == id && d.Kind == billing.InstallmentDebt && d.Component == billing.Principal {
					is += d.Amount.Units()
				}
			}
			if used := before.Account.Credit.Units() - after.Account.Credit.Units(); is+used < was || is > was {
				return fmt.Errorf("installment principal %d after (credit used %d), %d before", is, used, was)
			}
		}
		if hm.rescheduled == nil {
			hm.rescheduled = map[string]bool{}
		}
		hm.rescheduled[id] = true
		return nil
	}
	return sc, pred
}

// reage asks to re-age the line. The model predicts the refusal from the
// line as it stands (when the command's day is the line's) and its own
// record of re-agings: the payments that earn one are those the line's
// statements and current lines show after the oldest due date it is past
// due by, and a regular minimum is the last statement's with its overdue
// principal counted as carried. A re-age taken forgives nothing (what is
// owed is what it was), leaves the line current and moves what was past
// due to the last statement's due date, or the next statement's when that
// one has passed.
func (s *sim) reage(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	h := l.product.Hardship
	cmd := credit.Reaging{Key: l.key(), Line: l.lineID(r), At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("reage key %q", cmd.Key), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.Reage(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) {
			return e.Pay(s.ctx, credit.Payment{Key: cmd.Key, Line: cmd.Line, Amount: l.amount(7), At: cmd.At})
		}}
	a := &before.Account
	hm := &l.model.hardship
	switch {
	case h.ReagesPerYear == 0:
		hardshipStats.reages.Add(1)
		return sc, prediction{reject: true, code: credit.CodeNotOffered}
	case l.model.status == credit.Closed:
		hardshipStats.reages.Add(1)
		return sc, prediction{reject: true, code: credit.CodeLineClosed}
	}
	pred := prediction{}
	var due calendar.Date
	if l.current(before) {
		year, five := 0, 0
		for _, on := range hm.reaged {
			if on.After(l.day.AddMonths(-12)) {
				year++
			}
			if on.After(l.day.AddMonths(-60)) {
				five++
			}
		}
		switch {
		case a.ChargedOff():
			pred.code = credit.CodeChargedOff
		case a.Overdue.Statement.IsZero() || a.Last.Date.IsZero():
			pred.code = credit.CodeNothingToReage
		case l.day.Before(before.Opened.AddMonths(h.ReageMinMonths)):
			pred.code = credit.CodeReageTooSoon
		case year >= h.ReagesPerYear || h.ReagesPerFiveYears > 0 && five >= h.ReagesPerFiveYears:
			pred.code = credit.CodeReageLimit
		case !reageEarned(&l.product, before, l.day, h.ReageAfterPayments):
			pred.code = credit.CodeReageNotEarned
			if r.IntN(2) == 0 {
				// The holder pays a regular minimum first, to earn one.
				return s.payMinimum(l, before)
			}
		}
		pred.reject, pred.accept = pred.code != "", pred.code == ""
		if pred.accept {
			due = reageDue(before, l.day)
		}
	}
	hardshipStats.reages.Add(1)
	if !a.Overdue.Statement.IsZero() {
		hardshipStats.reagesPastDue.Add(1)
	}
	oldOwed, _ := a.Owed()
	pred.then = func(after *credit.Line, _ any) error {
		hardshipStats.reaged.Add(1)
		if n := len(after.Reagings); n == 0 || after.Reagings[n-1].On != after.Today {
			return fmt.Errorf("re-aged, and the line's re-agings are %+v", after.Reagings)
		}
		if !after.Account.Overdue.Statement.IsZero() {
			return fmt.Errorf("re-aged, and overdue %+v", after.Account.Overdue)
		}
		if p := l.product; after.Delinquency(&p).Bucket != (credit.Bucket{}) {
			return fmt.Errorf("re-aged, and in bucket %v", after.Delinquency(&p).Bucket)
		}
		if pred.accept {
			hardshipStats.reagedPredicted.Add(1)
			if owed, _ := after.Account.Owed(); owed != oldOwed {
				return fmt.Errorf("a re-age moved what is owed from %v to %v: nothing is forgiven or added", oldOwed, owed)
			}
			if got := after.Reagings[len(after.Reagings)-1]; got.Due != due || got.DaysPastDue < 1 || !got.PastDue.IsPositive() {
				return fmt.Errorf("re-aged %+v, the model says due on %v", got, due)
			}
			for _, d := range after.Account.Debts {
				if !d.Billed.IsZero() && d.Amount.IsPositive() && d.Due.Before(after.Today) {
					return fmt.Errorf("a debt still past its due date after a re-age: %+v", d)
				}
			}
		}
		hm.reaged = append(hm.reaged, after.Today)
		return nil
	}
	return sc, pred
}

// payMinimum pays the line's regular minimum (or 1.00 when it has none).
func (s *sim) payMinimum(l *simLine, before *credit.Line) (*simCommand, prediction) {
	amount := max(regularMinimum(&l.product, before), 100)
	sc, cmd := s.paymentCommand(l, false, amount, "a regular minimum, to earn a re-age", calendar.Date{})
	pred := prediction{accept: before.Account.Credit.Units()+amount <= credit.MaxBalanceUnits}
	pred.then = func(*credit.Line, any) error {
		l.model.paid += amount
		l.model.payments[cmd.Key] = amount
		return nil
	}
	return sc, pred
}

// regularMinimum is the last statement's minimum as it would be were
// nothing past due: its overdue principal counted as carried.
func regularMinimum(p *credit.Product, l *credit.Line) int64 {
	b := l.Account.Last.Basis
	if !b.Balance.Currency().IsValid() {
		return 0
	}
	b.CarriedPrincipal, _ = b.CarriedPrincipal.Add(b.Overdue)
	b.Overdue, b.MinimumUnpaid = money.Zero(b.Balance.Currency()), money.Zero(b.Balance.Currency())
	minimum, err := p.Billing.Minimum.Compute(b)
	if err != nil {
		return 0
	}
	return minimum.Units()
}

// reageEarned reports whether the payments line l shows after the oldest
// due date it is past due by on day on come to n regular minimum
// payments (and to something, when n is positive).
func reageEarned(p *credit.Product, l *credit.Line, on calendar.Date, n int) bool {
	if n == 0 {
		return true
	}
	since, _ := l.Account.PastDueSince(on)
	var paid int64
	count := func(lines []billing.Line) {
		for _, ln := range lines {
			if ln.Date.After(since) && (ln.Kind == billing.PaymentLine || ln.Kind == billing.ReversalLine) {
				paid -= ln.Amount.Units()
			}
		}
	}
	for _, st := range l.Statements {
		count(st.Lines)
	}
	count(l.Account.Lines)
	return paid > 0 && paid >= int64(n)*regularMinimum(p, l)
}

// reageDue is the due date a re-age on day on gives: the last statement's
// while it has not passed, else the next statement's (the first statement
// day from on after the last statement, due on the line's due day of its
// month).
func reageDue(l *credit.Line, on calendar.Date) calendar.Date {
	a := &l.Account
	if !a.Last.Due.Before(on) {
		return a.Last.Due
	}
	next := on.FirstOfMonth().AddDays(l.DueDays.StatementDay - 1)
	if next.Before(on) || !next.After(a.Last.Date) {
		next = on.FirstOfMonth().AddMonths(1).AddDays(l.DueDays.StatementDay - 1)
	}
	return next.FirstOfMonth().AddDays(l.DueDays.DueDay - 1)
}
