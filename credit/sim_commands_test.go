package credit_test

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// The commands. Each returns the command and the model's prediction.

func (s *sim) choose(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	// On products that charge off, a line now and then goes through a
	// spell of 150 to 250 days in which the holder pays nothing (no
	// payment, payoff or refund), long enough to be charged off; the spell
	// ends with the charge-off, and the payments after it are recoveries.
	if l.product.Billing.ChargeOff.AfterDays > 0 {
		if !before.Account.ChargeOff.IsZero() || l.day.After(l.delinquentUntil) {
			l.delinquentUntil = calendar.Date{}
		}
		if l.delinquentUntil.IsZero() && before.Account.ChargeOff.IsZero() && r.IntN(100) == 0 {
			l.delinquentUntil = l.day.AddDays(150 + r.IntN(100))
		}
	}
	// Days pass: about a sixth of the commands advance the line by a few
	// days, so that two years take about as many commands as a line gets.
	w := r.IntN(100)
	if !l.delinquentUntil.IsZero() && (w >= 52 && w < 61 && l.model.postsAtPay || w >= 65 && w < 86) {
		return s.advance(l, r) // the holder pays nothing
	}
	if h := l.product.Hardship; h.DeferDays > 0 && (r.IntN(10) == 0 || deferWindow(l, before) && r.IntN(4) == 0 ||
		h.ReagesPerYear > 0 && !before.Account.Overdue.Statement.IsZero() && r.IntN(4) == 0) {
		return s.hardship(l, r, before) // a product that offers them: often, and on a past-due line more often
	}
	switch {
	case w < 16:
		return s.advance(l, r)
	case w < 40:
		return s.authorize(l, r, before)
	case w < 52:
		return s.capture(l, r)
	case w < 61:
		if l.model.postsAtPay && r.IntN(8) > 0 {
			return s.pay(l, r, before) // nothing waits for delivery
		}
		return s.deliver(l, r)
	case w < 64:
		return s.void(l, r)
	case w < 65:
		return s.refundRequest(l, r)
	case w < 72:
		return s.refund(l, r)
	case w < 85:
		return s.pay(l, r, before)
	case w < 86:
		if r.IntN(2) == 0 {
			return s.reverse(l, r)
		}
		return s.payoff(l, r)
	case w < 88:
		return s.payout(l, r, before)
	case w < 90:
		return s.tempLimit(l, r)
	case w < 91:
		return s.changeLimit(l, r)
	case w < 93:
		return s.dueDays(l, r)
	case w < 95:
		return s.convert(l, r, before)
	case w < 97:
		return s.status(l, r, before)
	case w < 98 || w < 99 && len(l.product.Hardship.Reschedule) > 0:
		return s.hardship(l, r, before)
	default:
		return s.misuseKey(l, r)
	}
}

func (s *sim) advance(l *simLine, r chooser) (*simCommand, prediction) {
	if l.day.Before(l.end) {
		l.day = l.day.AddDays(1 + r.IntN(l.stride))
		if l.day.After(l.end) {
			l.day = l.end // a line ends by 2018-01-01, before the clock
		}
	}
	to := l.day
	if l.injected(futureDated) { // a day past the clock's: tomorrow, a century on, the calendar's last
		clockDay := calendar.DateOf(simClockTime.Add(credit.DefaultMaxAhead), l.zone)
		last, _ := calendar.NewDate(9999, 12, 30)
		to = []calendar.Date{clockDay.AddDays(1 + r.IntN(3)), clockDay.AddDays(36525), last}[r.IntN(3)]
	}
	id := l.lineID(r)
	cmd := &simCommand{desc: fmt.Sprint("advance ", id, " to ", to), run: func(e *credit.Engine) (any, error) { return e.Advance(s.ctx, id, to) }}
	return cmd, prediction{accept: true}
}

// merchants are those a simulated purchase may come from: for each product
// one that should be approved, and some that its rules refuse; now and
// then one whose category makes a host rule decline, panic or return a
// reason the journal cannot keep.
func (l *simLine) merchant(r chooser) (m credit.Merchant, ruleFails bool) {
	switch l.product.Name {
	case "xinyongbao-2013":
		cats := []string{"game", "reading", "video", "apparel"}
		m = credit.Merchant{ID: "weibo-app", Enrolled: true, Category: cats[r.IntN(len(cats))]}
	case "jd-baitiao-2014":
		m = credit.Merchant{ID: "jd-self", Enrolled: r.IntN(20) > 0, Category: "electronics", FundsInstallmentFees: r.IntN(4) == 0}
	case "pay-in-4":
		m = credit.Merchant{ID: "us-store", Enrolled: true, Category: "apparel", FeeRate: "0.03"}
	case simPromoName: // some merchants share the fee
		m = credit.Merchant{ID: "tmall-shop-1", Enrolled: r.IntN(20) > 0, Category: "apparel", FundsInstallmentFees: r.IntN(6) == 0}
		if !m.FundsInstallmentFees && r.IntN(3) == 0 {
			m.FeeShare = "0.25"
		}
	default:
		m = credit.Merchant{ID: "tmall-shop-1", Enrolled: r.IntN(20) > 0, Category: "apparel", FundsInstallmentFees: r.IntN(6) == 0}
	}
	if r.IntN(40) == 0 {
		m.Category, ruleFails = hostileCategory(r)
	}
	return m, ruleFails
}

// price returns a purchase amount scaled to the line's limit, now and
// then zero, negative or far too large.
func (l *simLine) price(r chooser) int64 {
	switch r.IntN(40) {
	case 0:
		return 0
	case 1:
		return -100
	case 2:
		return l.model.limit * 3
	}
	hi := max(l.model.limit/4, 100)
	return 1 + int64(r.IntN(int(hi)))
}

func (s *sim) authorize(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	id := fmt.Sprint(l.id, "-p", len(l.ids))
	if len(l.ids) > 0 && r.IntN(30) == 0 {
		id = l.ids[r.IntN(len(l.ids))] // a purchase ID already used
	}
	amount := l.price(r)
	plan := ""
	if n := len(l.product.Installments); n > 0 && (l.product.Name == "pay-in-4" || r.IntN(3) == 0) {
		plan = l.product.Installments[r.IntN(n)].Name
	}
	coupon := l.coupon(r)
	if coupon != "" && plan == "" && r.IntN(4) > 0 { // a coupon is for a plan: mostly one it covers
		plan = []string{"6-month", "12-month", "12-month-shared", "3-month"}[r.IntN(4)]
	}
	m, ruleFails := l.merchant(r)
	cmd := credit.Authorize{Key: l.key(), Line: l.lineID(r), Purchase: l.pid(r, id), Amount: l.amount(amount), Merchant: m, Plan: plan, At: l.at(), Campaign: coupon}
	sc := &simCommand{desc: fmt.Sprintf("authorize key %q %q %v plan %q coupon %q at %v", cmd.Key, cmd.Purchase, cmd.Amount, plan, coupon, cmd.Merchant), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.Authorize(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) { // the same key, to capture what it authorized
			return e.Capture(s.ctx, credit.PurchaseCommand{Key: cmd.Key, Line: cmd.Line, Purchase: cmd.Purchase, Amount: cmd.Amount, At: cmd.At})
		}}
	pred := prediction{reject: amount <= 0 || l.model.purchases[id] != nil || ruleFails}
	pred.accept = !pred.reject
	if ruleFails && !(amount <= 0 || l.model.purchases[id] != nil) {
		pred.code = "rule" // a host rule that fails refuses the command, and changes nothing
	}
	pred.then = func(after *credit.Line, res any) error {
		d := res.(credit.Decision)
		if !d.Approved {
			s.stats.declined.Add(1)
			if amount > d.AvailableBefore.Units() && !hasReason(d, credit.CodeInsufficientCredit) {
				return fmt.Errorf("declined without the insufficient-credit reason for %d on %v available: %+v", amount, d.AvailableBefore, d.Reasons)
			}
			if m.Category == "blocked" && !hasReason(d, "host_blocked") {
				return fmt.Errorf("the host rule's decline is missing: %+v", d.Reasons)
			}
			return nil
		}
		if amount > d.AvailableBefore.Units() || d.AvailableAfter.Units() != d.AvailableBefore.Units()-amount {
			return fmt.Errorf("approved %d on %v available, %v after", amount, d.AvailableBefore, d.AvailableAfter)
		}
		b, err := after.Balances()
		if err != nil {
			return err
		}
		if got := b.Available; got != d.AvailableAfter {
			return fmt.Errorf("approved with %v available after, the line shows %v", d.AvailableAfter, got)
		}
		l.ids = append(l.ids, id)
		pu := after.Purchases[len(after.Purchases)-1]
		l.model.authorize(id, amount, pu.AuthorizedOn, plan, m.Category)
		return nil
	}
	if coupon != "" {
		pure, grant := l.couponTerms(coupon, amount, plan, m, l.day)
		then := pred.then
		pred.then = func(after *credit.Line, res any) error {
			if err := then(after, res); err != nil {
				return err
			}
			return l.checkCoupon(&s.promo, coupon, pure, grant, res.(credit.Decision), after)
		}
	}
	return sc, pred
}

func hasReason(d credit.Decision, code string) bool {
	for _, r := range d.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// pick returns a purchase ID of the line: mostly one that can take the
// command (ok says which), sometimes any, now and then one it does not
// have.
func (l *simLine) pick(r chooser, ok func(*modelPurchase) bool) string {
	if len(l.ids) == 0 || r.IntN(40) == 0 {
		return l.id + "-nosuch"
	}
	if r.IntN(8) > 0 {
		var fit []string
		for _, id := range l.ids[max(0, len(l.ids)-64):] { // the recent ones are the open ones
			if ok(l.model.purchases[id]) {
				fit = append(fit, id)
			}
		}
		if len(fit) > 0 {
			return fit[r.IntN(len(fit))]
		}
	}
	return l.ids[r.IntN(len(l.ids))]
}

// purchaseOp returns the engine's purchase command op.
func purchaseOp(e *credit.Engine, op string) func(context.Context, credit.PurchaseCommand) (credit.Purchase, error) {
	switch op {
	case "capture":
		return e.Capture
	case "deliver":
		return e.ConfirmDelivery
	case "void":
		return e.Void
	case "request refund":
		return e.RequestRefund
	case "close request":
		return e.CloseRefundRequest
	}
	return e.Refund
}

// purchaseTwin is the operation whose fields match op's: a capture's are a
// refund's, a delivery's a void's.
var purchaseTwin = map[string]string{"capture": "refund", "refund": "capture", "deliver": "void", "void": "deliver",
	"request refund": "close request", "close request": "request refund"}

func (s *sim) purchaseCommand(l *simLine, op string, id string, amount int64) *simCommand {
	cmd := credit.PurchaseCommand{Key: l.key(), Line: l.lineID(l.r), Purchase: l.pid(l.r, id), Amount: l.amount(amount), At: l.at()}
	if amount == 0 {
		cmd.Amount = money.Amount{}
	}
	return &simCommand{desc: fmt.Sprintf("%s key %q %q %v", op, cmd.Key, cmd.Purchase, cmd.Amount), key: cmd.Key,
		run:  func(e *credit.Engine) (any, error) { return purchaseOp(e, op)(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) { return purchaseOp(e, purchaseTwin[op])(s.ctx, cmd) }}
}

func (s *sim) capture(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.hold > 0 && l.day.Before(pu.expires) })
	hold := l.model.holdOn(id, l.day)
	amount := hold
	switch r.IntN(7) {
	case 0:
		amount = hold / 2
	case 1:
		amount = hold + 1 + int64(r.IntN(100))
	case 2:
		amount = 0
	case 3:
		if r.IntN(4) == 0 {
			amount = math.MaxInt64 // extreme: refused as too large
		}
	}
	cmd := s.purchaseCommand(l, "capture", id, amount)
	ok := l.model.canCapture(id, amount, l.day)
	return cmd, prediction{accept: ok, reject: !ok, then: func(after *credit.Line, res any) error {
		l.model.capture(id, amount, l.day)
		if l.model.postsAtPay {
			l.model.deliver(id, downPayment(after, id))
			return downPaid(after, id)
		}
		return nil
	}}
}

// downPaid checks that a purchase posted on a plan with a down payment
// owes nothing on its period 0: the down payment paid it at checkout.
func downPaid(l *credit.Line, id string) error {
	for _, d := range l.Account.Debts {
		if d.Ref == id && d.Kind == billing.InstallmentDebt && d.Period == 0 {
			return fmt.Errorf("purchase %s: its down payment left %v of period 0 unpaid", id, d.Amount)
		}
	}
	return nil
}

// downPayment is what purchase id's plan took at once when it posted.
func downPayment(l *credit.Line, id string) int64 {
	for _, pu := range l.Purchases {
		if pu.ID == id && pu.Schedule != nil && len(pu.Schedule.Installments) > 0 && pu.Schedule.Installments[0].Period == 0 {
			return pu.Schedule.Installments[0].Total.Units()
		}
	}
	return 0
}

func (s *sim) deliver(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.pending > 0 })
	cmd := s.purchaseCommand(l, "deliver", id, 0)
	ok := l.model.canDeliver(id)
	return cmd, prediction{accept: ok, reject: !ok, then: func(after *credit.Line, res any) error {
		l.model.deliver(id, downPayment(after, id))
		return downPaid(after, id)
	}}
}

func (s *sim) void(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.hold > 0 && l.day.Before(pu.expires) })
	cmd := s.purchaseCommand(l, "void", id, 0)
	ok := l.model.canVoid(id, l.day)
	return cmd, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.void(id)
		return nil
	}}
}

// refundRequest opens a refund request, or closes the open one.
func (s *sim) refundRequest(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.captured > pu.refunded })
	pu := l.model.purchases[id]
	if pu != nil && !pu.requested.IsZero() || r.IntN(5) == 0 {
		cmd := s.purchaseCommand(l, "close request", id, 0)
		ok := pu != nil && !pu.requested.IsZero()
		return cmd, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
			l.model.closeRequest(id, l.day)
			return nil
		}}
	}
	cmd := s.purchaseCommand(l, "request refund", id, 0)
	ok := pu != nil && pu.requested.IsZero() && pu.captured > pu.refunded
	return cmd, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.requestRefund(id, l.day)
		return nil
	}}
}

func (s *sim) refund(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.captured > pu.refunded })
	var refundable int64
	if pu := l.model.purchases[id]; pu != nil {
		refundable = pu.captured - pu.refunded
	}
	amount := refundable
	switch r.IntN(6) {
	case 0:
		amount = 1 + refundable/3
	case 1:
		amount = refundable + 1
	case 2:
		if r.IntN(4) == 0 {
			amount = credit.MaxAmountUnits + 1 // extreme: refused as too large
		}
	}
	cmd := s.purchaseCommand(l, "refund", id, amount)
	ok := l.model.canRefund(id, amount)
	return cmd, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.refund(id, amount, l.day)
		return nil
	}}
}

// paymentOp returns the engine's Pay, or its Payout.
func paymentOp(e *credit.Engine, payout bool) func(context.Context, credit.Payment) (credit.Balances, error) {
	if payout {
		return e.Payout
	}
	return e.Pay
}

func (s *sim) paymentCommand(l *simLine, payout bool, amount int64, note string, valueDate calendar.Date) (*simCommand, credit.Payment) {
	cmd := credit.Payment{Key: l.key(), Line: l.lineID(l.r), Amount: l.amount(amount), At: l.at(), ValueDate: valueDate}
	if !valueDate.IsZero() {
		note += fmt.Sprint(", value date ", valueDate)
	}
	op := "pay"
	if payout {
		op = "payout"
	}
	return &simCommand{desc: fmt.Sprintf("%s key %q %v (%s)", op, cmd.Key, cmd.Amount, note), key: cmd.Key,
		run:  func(e *credit.Engine) (any, error) { return paymentOp(e, payout)(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) { return paymentOp(e, !payout)(s.ctx, cmd) }}, cmd
}

func (s *sim) pay(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	o, err := before.Account.Owed()
	if err != nil {
		panic(err) // the engine hands out no line whose sums overflow
	}
	owed := o.Units()
	var amount int64
	switch r.IntN(7) {
	case 0:
		amount = owed
	case 1:
		amount = owed + 1 + int64(r.IntN(5000)) // an overpayment
	case 2:
		if n := len(before.Statements); n > 0 {
			amount = before.Statements[n-1].Minimum.Units()
		}
	case 3:
		amount = -int64(r.IntN(100)) // not a payment
	case 4:
		// Extreme: the most a command may carry (accepted: a huge credit
		// balance, paid out later), or more (refused).
		amount = []int64{credit.MaxAmountUnits, credit.MaxAmountUnits + 1, math.MaxInt64, math.MinInt64}[r.IntN(4)]
	default:
		amount = 1 + int64(r.IntN(int(max(owed, 100))))
	}
	if amount == 0 && r.IntN(4) > 0 {
		amount = 1 + int64(r.IntN(1000))
	}
	if up := l.product.Billing.WriteOff.UpTo.Units(); up > 0 && r.IntN(3) == 0 {
		// All that is billed but a few yuan, about the product's write-off
		// amount: a remainder written off after the due date, or on a
		// charged-off line at once.
		if billed, err := before.Account.BilledUnpaid(); err == nil && billed.Units() > 2*up {
			amount = billed.Units() - 1 - int64(r.IntN(int(up*6/5)))
		}
	}
	var valueDate calendar.Date
	if r.IntN(5) == 0 {
		// Recorded late: a value date up to nine days back (the Huabei
		// presets take a week, the others none).
		valueDate = l.day.AddDays(-r.IntN(10))
	}
	sc, cmd := s.paymentCommand(l, false, amount, fmt.Sprint("owed ", owed), valueDate)
	// Money in is taken on a line of any status; only a credit balance
	// past the most a line keeps would refuse it.
	ok := amount > 0 && amount <= credit.MaxAmountUnits
	pred := prediction{reject: !ok, accept: ok && before.Account.Credit.Units()+amount <= credit.MaxBalanceUnits}
	late := !valueDate.IsZero() && valueDate.Before(l.day)
	if ok && late {
		// The window, the opening day and the day the line can reach
		// decide; the model predicts only the sure rejections.
		pred.accept = false
	}
	pred.then = func(*credit.Line, any) error {
		if late {
			s.stats.valueDated.Add(1)
		}
		l.model.paid += amount
		l.model.payments[cmd.Key] = amount
		return nil
	}
	return sc, pred
}

// reverse reverses a payment the line took (now and then one it took
// back already, or a key that made none).
func (s *sim) reverse(l *simLine, r chooser) (*simCommand, prediction) {
	keys := slices.Sorted(maps.Keys(l.model.payments))
	payment := fmt.Sprint("no-such-payment-", r.IntN(3))
	if len(keys) > 0 && r.IntN(6) > 0 {
		payment = keys[r.IntN(len(keys))]
	}
	amount, known := l.model.payments[payment]
	cmd := credit.Reversal{Key: l.key(), Line: l.lineID(r), Payment: payment, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("reverse payment %q (%d) key %q", payment, amount, cmd.Key), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.ReversePayment(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) { // the same key, as a payment
			return e.Pay(s.ctx, credit.Payment{Key: cmd.Key, Line: cmd.Line, Amount: l.amount(1), At: cmd.At})
		}}
	pred := prediction{reject: !known, accept: known && amount <= credit.MaxAmountUnits/1000}
	if !known {
		pred.code = "unknown_payment"
		if l.model.reversed[payment] {
			pred.code = "already_reversed"
		}
	}
	return sc, prediction{accept: pred.accept, reject: pred.reject, code: pred.code, then: func(*credit.Line, any) error {
		l.model.paid -= amount
		delete(l.model.payments, payment)
		l.model.reversed[payment] = true
		l.model.reversedAmounts[payment] = amount
		return nil
	}}
}

// payoff pays off the whole line, or the next periods of a plan, with what
// the engine quotes (now and then a fen off).
func (s *sim) payoff(l *simLine, r chooser) (*simCommand, prediction) {
	cmd := credit.Payoff{Key: l.key(), Line: l.lineID(r), At: l.at()}
	if r.IntN(2) == 0 {
		cmd.Purchase = l.pick(r, func(pu *modelPurchase) bool { return pu.plan != "" && pu.posted > 0 })
		cmd.Periods = r.IntN(4)
	}
	quote := credit.Payoff{Line: l.id, Purchase: cmd.Purchase, Periods: cmd.Periods, At: l.day.At(10, 0, l.zone)}
	q, qerr := s.e.QuotePayoff(s.ctx, quote)
	cmd.Amount = q.Total
	if qerr == nil && r.IntN(8) == 0 {
		cmd.Amount = l.amount(q.Total.Units() + 1)
	}
	sc := &simCommand{desc: fmt.Sprintf("pay off %q %d periods with %v key %q", cmd.Purchase, cmd.Periods, cmd.Amount, cmd.Key), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.PayOff(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) { // the same key, as a payment of the amount
			return e.Pay(s.ctx, credit.Payment{Key: cmd.Key, Line: cmd.Line, Amount: cmd.Amount, At: cmd.At})
		}}
	// A payoff above the most one command may carry is refused: the
	// holder pays such a debt in several payments.
	ok := qerr == nil && cmd.Amount == q.Total && q.Total.Units() <= credit.MaxAmountUnits
	return sc, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.paid += cmd.Amount.Units()
		return nil
	}}
}

func (s *sim) payout(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	credit_ := before.Account.Credit.Units()
	amount := credit_
	if r.IntN(3) == 0 {
		amount = credit_ + 1
	}
	sc, _ := s.paymentCommand(l, true, amount, fmt.Sprint("credit ", credit_), calendar.Date{})
	// The credit balance may change when the line advances to the
	// command's day, so the model predicts only the sure rejections.
	return sc, prediction{reject: amount <= 0 || amount > credit.MaxAmountUnits, then: func(*credit.Line, any) error {
		l.model.paidOut += amount
		return nil
	}}
}

// lineCommand wraps a LineCommand.
func (s *sim) lineCommand(cmd credit.LineCommand, desc string) *simCommand {
	return &simCommand{desc: fmt.Sprintf("%s key %q", desc, cmd.Key), key: cmd.Key,
		run: func(e *credit.Engine) (any, error) { return e.ChangeLine(s.ctx, cmd) },
		twin: func(e *credit.Engine) (any, error) { // the same key, to pay the limit in
			return e.Pay(s.ctx, credit.Payment{Key: cmd.Key, Line: cmd.Line, Amount: cmd.Limit, At: cmd.At})
		}}
}

func (s *sim) tempLimit(l *simLine, r chooser) (*simCommand, prediction) {
	t := credit.TempLimit{ID: fmt.Sprint("t", l.keys), Amount: l.amount(1 + int64(r.IntN(int(max(l.model.limit/2, 1))))),
		Expires: l.day.AddDays(r.IntN(60))}
	if r.IntN(10) == 0 {
		t.Amount = l.amount(l.model.maxTemp + 1) // above the product's cap on temporary limits
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.lineID(r), TempLimit: &t, At: l.at()}
	sc := s.lineCommand(cmd, fmt.Sprintf("temporary limit %v until %v", t.Amount, t.Expires))
	ok := t.Expires.After(l.day) && l.model.status != credit.Closed && l.model.tempRoom(l.day) >= t.Amount.Units()
	return sc, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.temps = append(l.model.temps, t)
		return nil
	}}
}

func (s *sim) changeLimit(l *simLine, r chooser) (*simCommand, prediction) {
	p := l.product
	lo, hi := p.MinLimit.Units(), p.MaxLimit.Units()
	limit := lo + int64(r.IntN(int(hi-lo)+1))
	if r.IntN(5) == 0 {
		limit = hi + 1
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.lineID(r), Limit: l.amount(limit), At: l.at()}
	sc := s.lineCommand(cmd, fmt.Sprintf("limit %v", cmd.Limit))
	ok := limit <= hi && l.model.status != credit.Closed
	return sc, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.limit = limit
		return nil
	}}
}

func (s *sim) dueDays(l *simLine, r chooser) (*simCommand, prediction) {
	opts := append([]credit.DueDayOption{{StatementDay: 3, DueDay: 13}}, l.product.DueDayOptions...) // the first is never offered
	o := opts[r.IntN(len(opts))]
	cmd := credit.LineCommand{Key: l.key(), Line: l.lineID(r), DueDays: &o, At: l.at()}
	sc := s.lineCommand(cmd, fmt.Sprintf("due days %+v", o))
	offered := false
	for _, p := range l.product.DueDayOptions {
		offered = offered || p == o
	}
	return sc, prediction{reject: !offered || l.model.status == credit.Closed}
}

func (s *sim) convert(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	var amount int64
	if n := len(before.Statements); n > 0 {
		amount = before.Statements[n-1].Balance.Units()
		if r.IntN(3) == 0 {
			amount /= 2
		}
	}
	plan := "12-month"
	if n := len(l.product.BillInstallments); n > 0 {
		plan = l.product.BillInstallments[r.IntN(n)].Name
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.lineID(r), Convert: l.amount(amount), Plan: plan, At: l.at()}
	sc := s.lineCommand(cmd, fmt.Sprintf("convert %v plan %q", cmd.Convert, plan))
	return sc, prediction{reject: len(l.product.BillInstallments) == 0 || l.model.status == credit.Closed}
}

func (s *sim) status(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	st := []credit.LineStatus{credit.Active, credit.Active, credit.Frozen}[r.IntN(3)]
	if l.end.DaysUntil(l.day) > -60 || r.IntN(20) == 0 {
		st = credit.Closed // mostly in a line's last two months, so that most lines live two years
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.lineID(r), Status: &st, At: l.at()}
	sc := s.lineCommand(cmd, fmt.Sprintf("status %v", st))
	pred := prediction{reject: l.model.status == credit.Closed ||
		st == credit.Closed && (l.model.owed() != 0 || l.model.held() != 0)}
	pred.then = func(after *credit.Line, _ any) error {
		b, err := after.Balances()
		if err != nil {
			return err
		}
		if st == credit.Closed && (len(after.Account.Debts) > 0 || !after.Account.Credit.IsZero() || !b.Held.IsZero()) {
			return fmt.Errorf("closed with debts %v, credit %v, held %v", after.Account.Debts, after.Account.Credit, b.Held)
		}
		l.model.status = st
		return nil
	}
	return sc, pred
}

// misuseKey sends a command under a key already used for another one: the
// same fields as another operation (a capture's as a refund, a payment's
// as a payout, a delivery's as a void, an authorization's as a capture, a
// line change's as a payment), or another payment. An IdempotencyError,
// and nothing changes.
func (s *sim) misuseKey(l *simLine, r chooser) (*simCommand, prediction) {
	if len(l.used) == 0 {
		return s.advance(l, r)
	}
	used := l.used[r.IntN(len(l.used))]
	if used.twin != nil && r.IntN(4) > 0 {
		s.stats.twins.Add(1)
		return &simCommand{desc: "the twin of " + used.desc, run: used.twin}, prediction{reject: true, code: "idempotency"}
	}
	cmd := credit.Payment{Key: used.key, Line: l.id, Amount: l.amount(7_654_321), At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("pay under used key %q", used.key), run: func(e *credit.Engine) (any, error) { return e.Pay(s.ctx, cmd) }}
	return sc, prediction{reject: true, code: "idempotency"}
}

// holdOn is what purchase id still holds on day, after expiry.
func (m *refModel) holdOn(id string, day calendar.Date) int64 {
	pu := m.purchases[id]
	if pu == nil || !day.Before(pu.expires) {
		return 0
	}
	return pu.hold
}
