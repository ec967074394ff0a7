package credit

import (
	"fmt"
	"math/big"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// compiled is a validated product with its zone and calendar resolved.
type compiled struct {
	Product
	loc  *time.Location
	days *productDays // nil for a product without a calendar
	// cal is what billing asks: days, or while a fact applies, days with
	// the answers the fact pins (see applyPinned).
	cal calendar.WorkingDays
}

// compile validates p and resolves its zone and its calendar, among the
// host's calendars first.
func compile(p Product, hosts map[string]calendar.WorkingDays) (*compiled, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	loc, err := p.Location()
	if err != nil {
		return nil, err
	}
	days, err := resolveCalendar(&p, hosts)
	if err != nil {
		return nil, err
	}
	c := &compiled{Product: p, loc: loc, days: days}
	if days != nil {
		c.cal = days
	}
	return c, nil
}

// rules returns the billing rules in force on l: the product's, with the
// holder's statement and due days.
func (l *Line) rules(p *compiled) billing.Rules {
	r := p.Billing
	r.Calendar = p.cal
	if l.DueDays.StatementDay != 0 {
		r.Cycle.StatementDay = l.DueDays.StatementDay
		if r.Cycle.Due.Kind == calendar.DayOfMonthAfter {
			r.Cycle.Due.Day = l.DueDays.DueDay
		}
	}
	return r
}

// apply folds one fact into the line, returning a new Line.
func (l Line) apply(p *compiled, f Fact) (Line, error) {
	n, _, err := l.applyPinned(p, f)
	return n, err
}

// applyPinned is apply, with the calendar answers the fact pins (Fact.Days)
// and those it asked that it did not pin: a new fact pins them.
func (l Line) applyPinned(p *compiled, f Fact) (Line, []DayAnswer, error) {
	return l.applyPins(p, f, f.Days)
}

// applyPins is apply, with the calendar answers pinned given: a fact's
// own, or more (see rederive).
func (l Line) applyPins(p *compiled, f Fact, pinned []DayAnswer) (Line, []DayAnswer, error) {
	if p.days == nil {
		n, err := l.applyFact(p, f)
		return n, nil, err
	}
	pins := &pinnedDays{days: p.days, pinned: pinned}
	pc := *p
	pc.cal = pins
	n, err := l.applyFact(&pc, f)
	return n, pins.asked, err
}

// applyFact folds one fact into the line.
func (l Line) applyFact(p *compiled, f Fact) (Line, error) {
	n := l.clone()
	var err error
	switch f.Kind {
	case factOpened:
		var d openedData
		if d, err = payloadOf[openedData](f); err == nil {
			n.ID, n.Holder, n.Product, n.Limit, n.Opened, n.Today = d.ID, d.Holder, d.Product, d.Limit, f.On, f.On
			n.Account = billing.NewAccount(d.Limit.Currency(), f.On)
			n.DueDays = DueDayOption{StatementDay: p.Billing.Cycle.StatementDay, DueDay: p.Billing.Cycle.Due.Day}
		}
	case factAdvanced:
		var d advancedData
		if d, err = payloadOf[advancedData](f); err == nil {
			if err = n.advance(p, d.To); err == nil {
				err = n.archive(d.Archived, d.ArchivedStatements)
			}
		}
	case factAuthorized:
		var d authorizedData
		if d, err = payloadOf[authorizedData](f); err == nil {
			n.authorize(p, f.On, d)
		}
	case factDeclined, factDelinquency: // a record of what the facts before it did
	case factCaptured:
		var d purchaseData
		if d, err = payloadOf[purchaseData](f); err == nil {
			err = n.capture(p, f.On, d.Purchase, d.Amount)
		}
	case factDelivered:
		var d purchaseData
		if d, err = payloadOf[purchaseData](f); err == nil {
			err = n.deliver(p, f.On, d.Purchase)
		}
	case factVoided:
		var d purchaseData
		if d, err = payloadOf[purchaseData](f); err == nil {
			err = n.void(d.Purchase)
		}
	case factPaidOff:
		var d payoffData
		if d, err = payloadOf[payoffData](f); err == nil {
			var q billing.AccountPayoff
			n.Account, q, err = n.Account.PayOff(n.rules(p), f.On, billing.PayoffScope{Ref: d.Purchase, Periods: d.Periods}, p.EarlyPayoff)
			if err == nil && q.Total.Units() != d.Amount.Units() {
				err = fmt.Errorf("the payoff comes to %v, not the %v recorded", q.Total, d.Amount)
			}
		}
	case factRefundRequested, factRefundRequestClosed:
		var d purchaseData
		if d, err = payloadOf[purchaseData](f); err == nil {
			n.restore(d.Restored)
			if f.Kind == factRefundRequested {
				err = n.requestRefund(d.Purchase, f.On)
			} else {
				err = n.closeRefundRequest(d.Purchase, f.On)
			}
		}
	case factRefunded:
		var d purchaseData
		if d, err = payloadOf[purchaseData](f); err == nil {
			n.restore(d.Restored)
			if d.Restated != nil {
				err = n.restate(d.Restated)
			} else {
				err = n.refund(p, f.On, d.Purchase, d.Amount)
			}
		}
	case factPaid:
		var d amountData
		if d, err = payloadOf[amountData](f); err == nil {
			if d.Restated != nil {
				err = n.restate(d.Restated)
			} else {
				n.Account, _, err = n.Account.Pay(n.rules(p), f.On, d.Amount)
			}
		}
	case factReversed:
		var d reversalData
		if d, err = payloadOf[reversalData](f); err == nil {
			if d.Restated != nil {
				err = n.restate(d.Restated)
			} else if d.Recovery {
				n.Account, err = n.Account.ReverseRecovery(n.rules(p), f.On, d.Amount)
			} else {
				n.Account, err = n.Account.Reverse(n.rules(p), f.On, d.Amount)
			}
		}
	case factPaidOut:
		var d amountData
		if d, err = payloadOf[amountData](f); err == nil {
			n.Account, err = n.Account.Payout(n.rules(p), f.On, d.Amount)
		}
	case factTempLimit:
		var d TempLimit
		if d, err = payloadOf[TempLimit](f); err == nil {
			n.TempLimits = append(n.TempLimits, d)
		}
	case factLimit:
		var d amountData
		if d, err = payloadOf[amountData](f); err == nil {
			n.Limit = d.Amount
		}
	case factStatus:
		var d statusData
		if d, err = payloadOf[statusData](f); err == nil {
			n.Status = d.Status
		}
	case factDueDays:
		var d DueDayOption
		if d, err = payloadOf[DueDayOption](f); err == nil {
			n.NextDueDays, n.DueDaysSince = &d, f.On
		}
	case factConverted:
		var d convertedData
		if d, err = payloadOf[convertedData](f); err == nil {
			i := p.billPlan(d.Plan)
			if i < 0 {
				return Line{}, fmt.Errorf("no bill-installment plan %q", d.Plan)
			}
			n.Account, _, err = n.Account.ConvertToInstallments(n.rules(p), f.On, d.Amount, p.BillInstallments[i])
		}
	case factDeferred, factRescheduled, factReaged:
		err = n.applyHardship(p, f)
	default:
		return Line{}, fmt.Errorf("%w: unknown fact kind %q", ErrCorruptJournal, f.Kind)
	}
	if err != nil {
		return Line{}, err
	}
	// No holds, purchases or fees charged is nil, as the journal's JSON has
	// it, so that a line read from a snapshot is the very line kept.
	if len(n.Holds) == 0 {
		n.Holds = nil
	}
	if len(n.Purchases) == 0 {
		n.Purchases = nil
	}
	if len(n.Account.FeesCharged) == 0 {
		n.Account.FeesCharged = nil
	}
	// Every sum a line's balances take must fit, and every balance stay
	// within MaxBalanceUnits: a fact that would break either is refused, so
	// that no line the Engine keeps has a sum that overflows, now or after
	// anything expires or accrues.
	b, err := n.Balances()
	if err != nil {
		return Line{}, err
	}
	for _, v := range []money.Amount{b.Credit, b.Held, b.Unbilled, b.Billed, b.Installments, b.Limit} {
		if v.Units() > MaxBalanceUnits {
			return Line{}, fmt.Errorf("%w: a balance of %v passes the most a line keeps, %v", money.ErrOverflow, v, money.FromMinor(MaxBalanceUnits, v.Currency()))
		}
	}
	n.Version++
	return n, nil
}

// advance brings the line to the start of day to: statements are cut (on
// the statement day itself, or at its end when it closes the cycle), holds
// expire, temporary limits lapse, and interest and penalties accrue.
func (l *Line) advance(p *compiled, to calendar.Date) error {
	for d := l.Today.AddDays(1); !d.After(to); d = d.AddDays(1) {
		r := l.rules(p)
		cutOn := calendar.Date{}
		switch {
		case r.Cycle.StatementDayClosesCycle && d.AddDays(-1).Day() == r.Cycle.StatementDay && d.AddDays(-1).After(l.Opened):
			cutOn = d.AddDays(-1)
		case !r.Cycle.StatementDayClosesCycle && d.Day() == r.Cycle.StatementDay:
			cutOn = d
		}
		// After a change of statement day, the first statement on the new
		// day comes at least 16 days after the last one: never a cycle of a
		// few days.
		if last := l.Account.Last.Date; !cutOn.IsZero() && !last.IsZero() && last.DaysUntil(cutOn) < 16 {
			cutOn = calendar.Date{}
		}
		if !cutOn.IsZero() {
			acct, st, err := l.Account.CloseStatement(r, cutOn)
			if err != nil {
				return err
			}
			l.Account, l.Statements = acct, append(l.Statements, st)
			if l.NextDueDays != nil {
				l.DueDays, l.NextDueDays = *l.NextDueDays, nil
			}
		}
		kept := l.Holds[:0]
		for _, h := range l.Holds {
			if d.Before(h.Expires) {
				kept = append(kept, h)
				continue
			}
			if i := l.purchase(h.Purchase); i >= 0 && l.Purchases[i].Captured.IsZero() {
				l.mutPurchase(i).State = Expired
			}
		}
		if len(kept) == 0 {
			kept = nil // as the journal's JSON has it, so that a replay is the same line
		}
		l.Holds = kept
		if err := l.autoConfirm(p, d); err != nil {
			return err
		}
		l.Today = d
	}
	// Interest, penalties and late fees accrue through the day reached, on
	// the balances it opened with.
	acct, err := l.Account.AccrueThrough(l.rules(p), l.Today)
	if err != nil {
		return err
	}
	l.Account = acct
	return nil
}

func (l *Line) authorize(p *compiled, on calendar.Date, d authorizedData) {
	c := l.Limit.Currency()
	z := money.Zero(c)
	l.Purchases = append(l.Purchases, &Purchase{
		ID: d.Request.Purchase, Merchant: d.Request.Merchant, State: Authorized,
		Authorized: d.Request.Amount, Original: d.Original, Rate: d.Rate,
		Captured: z, Pending: z, Refunded: z, Posted: z, RefundedPosted: z, MerchantFees: z, FeesReturned: z, Settlement: z,
		Plan: d.Request.Plan, AuthorizedOn: on, Promotion: d.Promotion,
	})
	l.Holds = append(l.Holds, Hold{Purchase: d.Request.Purchase, Amount: d.Request.Amount, Expires: on.AddDays(p.HoldDays)})
	if l.CountDay != on {
		l.CountDay, l.CountOnDay = on, 0
	}
	l.CountOnDay++
}

func (l *Line) hold(id string) int {
	for i := range l.Holds {
		if l.Holds[i].Purchase == id {
			return i
		}
	}
	return -1
}

func (l *Line) capture(p *compiled, on calendar.Date, id string, amount money.Amount) error {
	i, h := l.purchase(id), l.hold(id)
	if i < 0 || h < 0 {
		return fmt.Errorf("purchase %s has no open authorization", id)
	}
	if amount.Units() > l.Holds[h].Amount.Units() || !amount.IsPositive() {
		return fmt.Errorf("capture %v exceeds the %v still authorized", amount, l.Holds[h].Amount)
	}
	pu := l.mutPurchase(i)
	l.Holds[h].Amount, _ = l.Holds[h].Amount.Sub(amount)
	if l.Holds[h].Amount.IsZero() {
		l.Holds = append(l.Holds[:h], l.Holds[h+1:]...)
	}
	pu.Captured, _ = pu.Captured.Add(amount)
	pu.Pending, _ = pu.Pending.Add(amount)
	pu.CapturedOn = on
	if pu.State == Authorized {
		pu.State = Captured
	}
	if p.Billing.Cycle.Posting == billing.PostOnPayment {
		return l.deliver(p, on, id)
	}
	if k := p.plan(pu.Plan); k >= 0 {
		// What is captured posts on delivery, maybe automatically on an
		// Advance: the plan must be able to lay it out then, or the line
		// could never post it (a part too small to round half-up over the
		// periods). Refused now, when the capture can be asked again.
		if err := p.Installments[k].Fits(pu.Pending); err != nil {
			return fmt.Errorf("the plan cannot lay out the %v captured: %w", pu.Pending, err)
		}
	}
	return nil
}

// deliver posts what is captured and not yet posted to the account: as a
// regular purchase (the part beyond the fixed limit as temporary-limit
// use), or on the chosen installment plan.
func (l *Line) deliver(p *compiled, on calendar.Date, id string) error {
	i := l.purchase(id)
	if i < 0 {
		return fmt.Errorf("no purchase %s", id)
	}
	pu := l.mutPurchase(i)
	amount := pu.Pending
	if !amount.IsPositive() {
		return fmt.Errorf("purchase %s has nothing captured to post", id)
	}
	r := l.rules(p)
	fixed, ok := l.fixedHeadroom()
	if !ok {
		return money.ErrOverflow
	}
	headroom, ok := checked.Add(fixed, amount.Units()) // this purchase's own pending amount is in used
	if !ok {
		return money.ErrOverflow
	}
	pu.Pending = money.Zero(amount.Currency())
	var err error
	var merchantFunded money.Amount
	if pu.Plan != "" {
		i := p.plan(pu.Plan)
		if i < 0 {
			return fmt.Errorf("no installment plan %q", pu.Plan)
		}
		plan, perr := planFor(p, pu.Merchant, i)
		if perr != nil {
			return fmt.Errorf("merchant fee share %q: %w", pu.Merchant.FeeShare, perr)
		}
		promo := pu.Promotion
		if !promo.IsZero() {
			plan.FreePeriods = promo.FreePeriods
		}
		s, serr := plan.Schedule(amount, on, p.cal)
		if serr != nil {
			return serr
		}
		if l.Account, err = l.Account.InstallmentPurchase(r, id, on, s); err != nil {
			return err
		}
		if len(s.Installments) > 0 && s.Installments[0].Period == 0 {
			// The down payment is paid at checkout: it pays this purchase's
			// period 0, not whatever the allocation would pay first.
			if l.Account, err = l.Account.PayInstallment(r, on, id, 0, s.Installments[0].Total); err != nil {
				return err
			}
		}
		merchantFunded = s.MerchantFee
		if !promo.IsZero() && s.PromotionFee.IsPositive() {
			// The campaign funds the fee waived: the merchant its share,
			// the platform the rest from the purchase's grant; beyond the
			// grant (a purchase posted in parts, each rounded on its own),
			// the merchant.
			m, platform, err := splitWaived(s.PromotionFee, promo.MerchantShare)
			if err != nil {
				return err
			}
			if left := promo.Grant.Units() - promo.Funded.Units(); platform > left {
				m, platform = m+platform-left, left
			}
			merchantFunded = money.FromMinor(merchantFunded.Units()+m, merchantFunded.Currency())
			if platform > 0 {
				promo.Funded = money.FromMinor(promo.Funded.Units()+platform, s.PromotionFee.Currency())
				pu.Promotion = promo
			}
		}
		pu.Schedule = &s
	} else {
		temp := min(max(amount.Units()-max(headroom, 0), 0), amount.Units())
		regular := amount.Units() - temp
		for _, part := range []struct {
			units int64
			kind  billing.DebtKind
		}{{regular, billing.RegularDebt}, {temp, billing.TemporaryDebt}} {
			if part.units > 0 {
				if l.Account, err = l.Account.Purchase(r, id, on, money.FromMinor(part.units, amount.Currency()), part.kind, decimal.Zero); err != nil {
					return err
				}
			}
		}
	}
	fee, err := merchantFee(p, pu.Merchant, amount)
	if err != nil {
		return err
	}
	fees := fee.Units()
	if merchantFunded.Currency().IsValid() {
		fees += merchantFunded.Units()
	}
	c := amount.Currency()
	pu.Posted = money.FromMinor(pu.Posted.Units()+amount.Units(), c)
	pu.MerchantFees = money.FromMinor(pu.MerchantFees.Units()+fees, c)
	pu.settle()
	pu.State, pu.PostedOn = Posted, on
	return nil
}

// settle works out what the merchant is owed.
func (pu *Purchase) settle() {
	c := pu.Posted.Currency()
	pu.Settlement = money.FromMinor(pu.Posted.Units()-pu.MerchantFees.Units()-pu.RefundedPosted.Units()+pu.FeesReturned.Units(), c)
}

// returnFees records a refund of part of what was posted: the merchant
// gets back its fees in proportion, so that fees returned over all refunds
// are round(fees × refunded / posted), half even, and a full refund
// returns them all.
func (pu *Purchase) returnFees(refunded int64) {
	c := pu.Posted.Currency()
	pu.RefundedPosted = money.FromMinor(pu.RefundedPosted.Units()+refunded, c)
	target := pu.MerchantFees.Units()
	if posted := pu.Posted.Units(); posted > 0 && pu.RefundedPosted.Units() < posted {
		target = share(pu.MerchantFees.Units(), pu.RefundedPosted.Units(), posted)
	}
	pu.FeesReturned = money.FromMinor(target, c)
	pu.settle()
}

// share returns total × num / den rounded half even (den > 0).
func share(total, num, den int64) int64 {
	q, r := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(total), big.NewInt(num)), big.NewInt(den), new(big.Int))
	switch c := new(big.Int).Lsh(new(big.Int).Abs(r), 1).Cmp(big.NewInt(den)); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		if r.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Int64()
}

// merchantFee returns the service fee a merchant pays on amount.
func merchantFee(p *compiled, m Merchant, amount money.Amount) (money.Amount, error) {
	r := p.MerchantFeeRate
	if m.FeeRate != "" {
		var err error
		if r, err = decimal.NewFromString(m.FeeRate); err != nil {
			return money.Amount{}, err
		}
	}
	return amount.MulRate(r, money.HalfEven)
}

func (l *Line) void(id string) error {
	i, h := l.purchase(id), l.hold(id)
	if i < 0 || h < 0 {
		return fmt.Errorf("purchase %s has no open authorization", id)
	}
	l.Holds = append(l.Holds[:h], l.Holds[h+1:]...)
	if l.Purchases[i].Captured.IsZero() {
		l.mutPurchase(i).State = Voided
	}
	return nil
}

// refund returns amount of purchase id: first what is captured and not yet
// posted (it goes back to the limit and is never billed), then through the
// account.
func (l *Line) refund(p *compiled, on calendar.Date, id string, amount money.Amount) error {
	i := l.purchase(id)
	if i < 0 {
		return fmt.Errorf("no purchase %s", id)
	}
	if !l.Purchases[i].RefundRequested.IsZero() { // a refund closes the request
		if err := l.closeRefundRequest(id, on); err != nil {
			return err
		}
	}
	pu := l.mutPurchase(i)
	refundable := pu.Captured.Units() - pu.Refunded.Units()
	if amount.Units() > refundable || !amount.IsPositive() {
		return fmt.Errorf("refund %v exceeds the %v captured and not refunded", amount, money.FromMinor(refundable, amount.Currency()))
	}
	fromPending := min(pu.Pending.Units(), amount.Units())
	pu.Pending = money.FromMinor(pu.Pending.Units()-fromPending, amount.Currency())
	pu.Refunded, _ = pu.Refunded.Add(amount)
	if rest := amount.Units() - fromPending; rest > 0 {
		var err error
		if l.Account, err = l.Account.Refund(l.rules(p), id, on, money.FromMinor(rest, amount.Currency())); err != nil {
			return err
		}
		pu.returnFees(rest)
	}
	return nil
}

// autoConfirm posts, on day d, the captured purchases whose shopper has
// not confirmed receipt within the product's days (Product.AutoConfirm),
// not counting days a refund request was open.
func (l *Line) autoConfirm(p *compiled, d calendar.Date) error {
	if p.AutoConfirm.Days == 0 && p.AutoConfirm.VirtualDays == 0 {
		return nil
	}
	for i, pu := range l.Purchases {
		if !pu.Pending.IsPositive() || !pu.RefundRequested.IsZero() {
			continue
		}
		days := p.AutoConfirm.daysFor(pu.Merchant.Category)
		if days > 0 && !d.Before(pu.CapturedOn.AddDays(days+1+pu.PausedDays)) {
			if err := l.deliver(p, d, l.Purchases[i].ID); err != nil {
				return err
			}
			l.mutPurchase(i).AutoConfirmed = true
		}
	}
	return nil
}

// requestRefund opens a refund request of purchase id on day on.
func (l *Line) requestRefund(id string, on calendar.Date) error {
	i := l.purchase(id)
	if i < 0 || !l.Purchases[i].RefundRequested.IsZero() {
		return fmt.Errorf("purchase %s has a refund request open already, or none", id)
	}
	l.mutPurchase(i).RefundRequested = on
	return nil
}

// closeRefundRequest closes purchase id's open refund request on day on
// (granted, refused or withdrawn): the days it was open pause the
// automatic confirmation.
func (l *Line) closeRefundRequest(id string, on calendar.Date) error {
	i := l.purchase(id)
	if i < 0 || l.Purchases[i].RefundRequested.IsZero() {
		return fmt.Errorf("purchase %s has no refund request open", id)
	}
	pu := l.mutPurchase(i)
	pu.PausedDays += pu.RefundRequested.DaysUntil(on)
	pu.RefundRequested = calendar.Date{}
	return nil
}
