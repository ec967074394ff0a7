package credit

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// Every command that changes a line carries Key, its idempotency key, and
// may carry At, the instant it happened.
//
// Key is required (an empty one is code missing_key) and scoped to the
// line: the same key on two lines names two commands. The first command to
// commit under a key on a line binds it: the same command sent again (the
// same operation and the same fields) returns exactly what the first
// returned and changes nothing, for as long as the journal lasts; any
// other command under that key is an *IdempotencyError. A command the
// Engine refuses (a *CommandError) binds nothing, so a corrected command
// may reuse its key; a declined authorization is recorded and binds its
// key. Use one key per attempt of an action, not one per order.
//
// At is the instant the command happened, in any zone; zero means now, by
// the Engine's Clock. It is not part of the command's identity: a retry
// stamped with the time it was sent replays the first result, which keeps
// the first At. A command dated before the line's current day posts on
// that day; one dated before the line opened is refused (before_opening),
// and so is one dated after the clock's now plus Config.MaxAhead
// (future_dated).

// OpenLine opens a credit line.
type OpenLine struct {
	Key     string       `json:"key"`
	Line    string       `json:"line"`
	Holder  string       `json:"holder"`
	Product string       `json:"product"`
	Limit   money.Amount `json:"limit"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

// OpenLine opens cmd.Line and returns it as opened. Opening a line that
// exists is ErrInvalidCommand (line_exists), unless the same command
// opened it under the same key: that returns the line as it was opened.
func (e *Engine) OpenLine(ctx context.Context, cmd OpenLine) (*Line, error) {
	const op = "open"
	if err := firstError(idError(op, "key", cmd.Key, true, CodeMissingKey), idError(op, "line", cmd.Line, true, CodeMissingID),
		idError(op, "holder", cmd.Holder, true, CodeMissingID)); err != nil {
		return nil, err
	}
	p := e.products[cmd.Product]
	switch {
	case p == nil:
		return nil, &CommandError{Op: op, Code: CodeUnknownProduct, Field: "product", Reason: "no product " + strconv.Quote(cmd.Product)}
	case cmd.Limit == (money.Amount{}):
		return nil, &CommandError{Op: op, Code: CodeMissingLimit, Field: "limit", Reason: "a line needs a limit in " + p.Currency.String()}
	case cmd.Limit.Currency() != p.Currency:
		return nil, &CommandError{Op: op, Code: CodeCurrencyMismatch, Field: "limit", Reason: "the limit must be in " + p.Currency.String()}
	case cmd.Limit.Units() < p.MinLimit.Units() || cmd.Limit.Units() > p.MaxLimit.Units():
		return nil, &CommandError{Op: op, Code: CodeLimitOutOfRange, Field: "limit", Reason: "the limit must be from " + p.MinLimit.String() + " to " + p.MaxLimit.String()}
	}
	at, err := e.when(op, cmd.At)
	if err != nil {
		return nil, err
	}
	on := calendar.DateOf(at, p.loc)
	f, err := newFact(factOpened, on, openedData{ID: cmd.Line, Holder: cmd.Holder, Product: cmd.Product, Limit: cmd.Limit})
	if err != nil {
		return nil, err
	}
	f.Key, f.Hash = cmd.Key, cmd.hash()
	b := e.newBatch(cmd.Line, &Line{}, rootSum(cmd.Line))
	defer b.release()
	if err := b.add(p, f); err != nil {
		return nil, &CommandError{Op: op, Code: failureCode(err, CodeRejected), Reason: "the line cannot open", Err: err}
	}
	l, committed, err := e.openOnce(ctx, cmd, &b, f)
	if committed {
		e.notify(cmd.Line, l.Version)
	}
	return l, err
}

// openOnce appends the opening of line cmd.Line (f, in b), in the line's
// turn, or returns what its key did before.
func (e *Engine) openOnce(ctx context.Context, cmd OpenLine, b *batch, f Fact) (l *Line, committed bool, err error) {
	const op = "open"
	defer e.turn(cmd.Line).Unlock()
	for attempt := 0; ; attempt++ {
		err = e.commit(ctx, &cached{shard: e.cache.shard(cmd.Line), keys: &keyring{}}, b)
		if !errors.Is(err, ErrConflict) {
			break
		}
		// The line exists, or the store reported a conflict that left no
		// line (then try again).
		lo, lerr := e.load(ctx, cmd.Line)
		switch {
		case errors.Is(lerr, ErrNotFound) && attempt < e.retries:
			continue
		case lerr != nil:
			return nil, false, lerr
		}
		use, ok, kerr := e.keyUse(ctx, lo.c, cmd.Line, cmd.Key)
		switch {
		case errors.Is(kerr, ErrConflict) && attempt < e.retries:
			continue // the store answered from an older part of the journal
		case kerr != nil:
			return nil, false, kerr
		case ok && sameHash(use.Hash, f.Hash):
			l, err := e.lineAt(ctx, lo.c, cmd.Line, use.Version)
			if err != nil {
				return nil, false, err
			}
			return l.copyOut(), false, nil
		case ok:
			return nil, false, &IdempotencyError{Key: cmd.Key, Op: op}
		}
		return nil, false, &CommandError{Op: op, Code: CodeLineExists, Field: "line", Reason: "line " + strconv.Quote(cmd.Line) + " exists"}
	}
	if err != nil {
		return nil, false, err
	}
	return b.line.copyOut(), true, nil
}

// Authorize asks to pay with the line at checkout. A price in another
// currency (Original) is converted to the line's currency at Rate before
// any rule applies; the refund later says which rate it uses.
type Authorize struct {
	Key      string              `json:"key"`
	Line     string              `json:"line"`
	Purchase string              `json:"purchase"`
	Amount   money.Amount        `json:"amount,omitzero"`   // in the line's currency
	Original money.Amount        `json:"original,omitzero"` // or: the price in the merchant's currency ...
	Rate     *money.ExchangeRate `json:"rate,omitempty"`    // ... and the stated rate between them
	Merchant Merchant            `json:"merchant"`
	// Plan is the Name of the product's checkout installment plan the
	// shopper chose; empty (the zero value) for none.
	Plan string `json:"plan,omitempty"`
	// Campaign is the Name of the product's campaign whose coupon the
	// shopper applies (see Campaign); empty for none. A coupon that does
	// not apply declines the authorization with its reason (codes
	// campaign_not_found, campaign_not_open, campaign_not_eligible,
	// campaign_spent): ask again without it, under a new key.
	Campaign string `json:"campaign,omitempty"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

// check reports the first field of cmd that no line could take.
func (cmd *Authorize) check(op string) error {
	if cmd.Purchase == "" {
		return &CommandError{Op: op, Code: CodeBadPurchaseID, Field: "purchase", Reason: "a new, unique purchase ID is needed"}
	}
	if err := firstError(idError(op, "purchase", cmd.Purchase, true, CodeBadPurchaseID), idError(op, "plan", cmd.Plan, false, ""),
		idError(op, "campaign", cmd.Campaign, false, "")); err != nil {
		return err
	}
	return cmd.Merchant.check(op)
}

// request builds the request on line l at date on.
func (cmd *Authorize) request(l *Line, on calendar.Date) (AuthRequest, error) {
	const op = "authorize"
	req := AuthRequest{Purchase: cmd.Purchase, Amount: cmd.Amount, Merchant: cmd.Merchant, Plan: cmd.Plan, On: on, Campaign: cmd.Campaign}
	c := l.Limit.Currency()
	if cmd.Rate != nil {
		if err := amountError(op, "original", cmd.Original, 0); err != nil {
			return AuthRequest{}, &CommandError{Op: op, Code: CodeConversionFailed, Field: "original", Reason: "cannot convert the price: it " + err.Reason}
		}
		a, err := cmd.Rate.Convert(cmd.Original, money.HalfEven)
		if err != nil {
			return AuthRequest{}, &CommandError{Op: op, Code: CodeConversionFailed, Field: "rate", Reason: "cannot convert the price", Err: err}
		}
		if a.Currency() != c {
			return AuthRequest{}, &CommandError{Op: op, Code: CodeCurrencyMismatch, Field: "rate", Reason: "the rate does not convert to " + c.String()}
		}
		req.Amount = a
	}
	if l.purchase(cmd.Purchase) >= 0 {
		return AuthRequest{}, purchaseIDUsed(op, cmd.Purchase)
	}
	if req.Amount.Currency().IsValid() && req.Amount.Currency() != c {
		return AuthRequest{}, &CommandError{Op: op, Code: CodeCurrencyMismatch, Field: "amount", Reason: "the amount must be in " + c.String() + ", or give the price in its own currency as original, with a rate"}
	}
	if err := amountError(op, "amount", req.Amount, c); err != nil {
		return AuthRequest{}, err
	}
	return req, nil
}

// purchaseIDUsed is the error of an authorization whose purchase ID the
// line has used.
func purchaseIDUsed(op, id string) error {
	return &CommandError{Op: op, Code: CodeBadPurchaseID, Field: "purchase", Reason: "purchase " + strconv.Quote(id) + " exists on the line: a new, unique purchase ID is needed"}
}

// archivedID refuses purchase ID id if line l, loaded as at, archived a
// purchase of that ID.
func (e *Engine) archivedID(ctx context.Context, op string, at journalAt, l *Line, id string) error {
	with, _, err := e.withPurchase(ctx, l, at, id)
	if err == nil && with != l {
		err = purchaseIDUsed(op, id)
	}
	return err
}

// Authorize decides cmd and, if approved, holds the credit until it is
// captured, voided or the hold expires. A declined request is recorded
// too, so that its key replays the same decision. With a Campaign, the
// coupon is checked after the rules and, on approval, its grant taken
// from the campaign's budget before the line's fact is appended (see
// Campaign and "Promotions" in the package documentation).
func (e *Engine) Authorize(ctx context.Context, cmd Authorize) (Decision, error) {
	const op = "authorize"
	if err := cmd.check(op); err != nil {
		return Decision{}, err
	}
	cmd.Rate = copyRate(cmd.Rate) // the host's variable is its own
	hash := cmd.hash()
	at := cmd.At
	if cmd.Campaign != "" && at.IsZero() {
		// A coupon is judged by the authorization's own date (see
		// Campaign): fix it once, for every try.
		var err error
		if at, err = e.now(); err != nil {
			return Decision{}, err
		}
	}
	dec, err := run(ctx, e, command[Decision]{op: op, line: cmd.Line, key: cmd.Key, hash: hash, at: at, copyOut: Decision.copyOut}, func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, Decision, error) {
		req, err := cmd.request(&l, on)
		if err == nil {
			err = e.archivedID(ctx, op, stored, &l, cmd.Purchase)
		}
		if err != nil {
			return Fact{}, Decision{}, err
		}
		dec, err := e.decide(op, &l, p, &req)
		if err != nil {
			return Fact{}, Decision{}, err
		}
		original := cmd.Original
		if cmd.Rate == nil {
			original = req.Amount
		}
		data := authorizedData{Request: req, Original: original, Rate: cmd.Rate}
		if cmd.Campaign != "" {
			dated := calendar.DateOf(at, p.loc)
			if err := e.applyCoupon(ctx, &l, p, on, dated, cmd.Key, hash, &dec, &data); err != nil {
				return Fact{}, Decision{}, err
			}
		}
		kind := factDeclined
		if dec.Approved {
			kind = factAuthorized
		}
		f, err := newFact(kind, on, data)
		return f, dec, err
	})
	if cmd.Campaign != "" && (err == nil && !dec.Approved || isRefusal(err)) {
		// A grant an earlier try of this authorization took, before the
		// line moved on and the retry was declined or refused (on the
		// line as stored: a purchase ID taken meanwhile, a line closed),
		// goes back to the budget. (Should this fail, the grant stays
		// held: the budget under-used, never over-spent; ReleaseGrants
		// gives back a declined one.)
		if c, ok := e.findCampaign(cmd.Campaign); ok {
			refused := ""
			if err != nil {
				refused = hash
			}
			_, _ = e.releaseUnused(ctx, &c, cmd.Line, cmd.Key, refused)
		}
	}
	return dec, err
}

// decide runs Decide with the Engine's rules, turning an overflow into a
// *CommandError.
func (e *Engine) decide(op string, l *Line, p *compiled, req *AuthRequest) (Decision, error) {
	dec, err := Decide(l, &p.Product, req, e.rules)
	if errors.Is(err, money.ErrOverflow) {
		return Decision{}, &CommandError{Op: op, Code: CodeOverflow, Reason: "the line's sums leave int64", Err: err}
	}
	if err == nil && req.Plan != "" {
		refuseUncovered(&dec, p, l.Today, req.Plan)
	}
	return dec, err
}

// Quote answers an Authorize without holding anything or recording it. It
// needs no key.
func (e *Engine) Quote(ctx context.Context, cmd Authorize) (Decision, error) {
	const op = "quote"
	if err := firstError(idError(op, "line", cmd.Line, true, CodeMissingID), idError(op, "key", cmd.Key, false, "")); err != nil {
		return Decision{}, err
	}
	if err := cmd.check(op); err != nil {
		return Decision{}, err
	}
	cmd.Rate = copyRate(cmd.Rate)
	at, err := e.when(op, cmd.At)
	if err != nil {
		return Decision{}, err
	}
	lo, err := e.load(ctx, cmd.Line)
	if err != nil {
		return Decision{}, err
	}
	l, p := lo.line, lo.p
	on := l.rules(p).Cycle.PostingDate(at, p.loc)
	if on.Before(l.Opened) {
		return Decision{}, &CommandError{Op: op, Code: CodeBeforeOpening, Field: "at", Reason: "dated " + on.String() + ", before the line opened on " + l.Opened.String()}
	}
	if on.After(l.Today) {
		f, _ := newFact(factAdvanced, on, advancedData{To: on})
		if l, err = l.apply(p, f); err != nil {
			return Decision{}, &CommandError{Op: "advance", Code: failureCode(err, CodeAdvanceFailed), Reason: "the line could not be brought to " + on.String(), Err: err}
		}
	}
	dated := calendar.DateOf(at, p.loc)
	if on.Before(l.Today) {
		on = l.Today
	}
	req, err := cmd.request(&l, on)
	if err == nil {
		err = e.archivedID(ctx, op, journalAt{entry: lo.c}, &l, cmd.Purchase)
	}
	if err != nil {
		return Decision{}, err
	}
	dec, err := e.decide(op, &l, p, &req)
	if err == nil && cmd.Campaign != "" {
		err = e.quoteCoupon(ctx, &l, p, on, dated, &dec, &req)
	}
	return dec.copyOut(), err
}

// PurchaseCommand captures, confirms delivery of, voids or refunds a
// purchase. Amount is for captures and refunds, in the line's currency;
// a refund of a purchase priced in another currency may give Original and
// Rate instead, and says so in the journal. ConfirmDelivery and Void take
// no amount: they act on all that is captured, or still authorized.
type PurchaseCommand struct {
	Key      string              `json:"key"`
	Line     string              `json:"line"`
	Purchase string              `json:"purchase"`
	Amount   money.Amount        `json:"amount,omitzero"`
	Original money.Amount        `json:"original,omitzero"`
	Rate     *money.ExchangeRate `json:"rate,omitempty"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
	// ValueDate, for a refund, is the earlier day it counts from (see
	// Payment.ValueDate); zero for the day it is recorded.
	ValueDate calendar.Date `json:"value_date,omitzero"`
}

// purchaseCommand runs one of the purchase commands; takesAmount says
// whether it carries an amount (capture, refund) or refuses one.
func (e *Engine) purchaseCommand(ctx context.Context, op, kind string, takesAmount bool, cmd PurchaseCommand, check func(l *Line, pu *Purchase, amount money.Amount) error) (Purchase, error) {
	if err := idError(op, "purchase", cmd.Purchase, true, CodeMissingID); err != nil {
		return Purchase{}, err
	}
	if !takesAmount && (cmd.Amount != (money.Amount{}) || cmd.Original != (money.Amount{}) || cmd.Rate != nil) {
		return Purchase{}, &CommandError{Op: op, Code: CodeBadAmount, Field: "amount", Reason: op + " takes no amount: it acts on the whole purchase"}
	}
	cmd.Rate = copyRate(cmd.Rate) // the host's variable is its own
	rebuild := func(l Line) (Purchase, error) {
		i := l.purchase(cmd.Purchase)
		if i < 0 {
			return Purchase{}, &CorruptError{Line: cmd.Line, Version: l.Version, Reason: "no purchase " + strconv.Quote(cmd.Purchase) + " to replay"}
		}
		return *l.Purchases[i], nil
	}
	copyOut := func(p Purchase) Purchase { return p.copyOut() }
	return run(ctx, e, command[Purchase]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(op), at: cmd.At, rebuild: rebuild, copyOut: copyOut, anyDay: kind == factRefunded}, func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, Purchase, error) {
		with, restored, err := e.withPurchase(ctx, &l, stored, cmd.Purchase)
		if err != nil {
			return Fact{}, Purchase{}, err
		}
		l = *with
		i := l.purchase(cmd.Purchase)
		if i < 0 {
			return Fact{}, Purchase{}, &CommandError{Op: op, Code: CodeUnknownPurchase, Field: "purchase", Reason: "no purchase " + strconv.Quote(cmd.Purchase), Err: ErrNotFound}
		}
		amount := cmd.Amount
		if takesAmount {
			if cmd.Rate != nil {
				if err := amountError(op, "original", cmd.Original, 0); err != nil {
					return Fact{}, Purchase{}, &CommandError{Op: op, Code: CodeConversionFailed, Field: "original", Reason: "cannot convert: it " + err.Reason}
				}
				a, err := cmd.Rate.Convert(cmd.Original, money.HalfEven)
				if err != nil {
					return Fact{}, Purchase{}, &CommandError{Op: op, Code: CodeConversionFailed, Field: "rate", Reason: "cannot convert", Err: err}
				}
				amount = a
			}
			if err := amountError(op, "amount", amount, l.Limit.Currency()); err != nil {
				return Fact{}, Purchase{}, err
			}
		}
		if err := check(&l, l.Purchases[i], amount); err != nil {
			return Fact{}, Purchase{}, err
		}
		if kind != factRefunded && !cmd.ValueDate.IsZero() {
			return Fact{}, Purchase{}, &CommandError{Op: op, Code: CodeBadValueDate, Field: "value_date", Reason: "only a payment or a refund takes a value date"}
		}
		if err := valueDateError(op, p, &l, on, cmd.ValueDate); err != nil {
			return Fact{}, Purchase{}, err
		}
		data := purchaseData{Purchase: cmd.Purchase, Amount: amount, Original: cmd.Original, Rate: cmd.Rate, Restored: restored}
		f, err := newFact(kind, on, data)
		if err == nil {
			f, err = e.valueDated(ctx, &l, p, stored, f, cmd.ValueDate, func(r *restatement) any {
				d := data
				d.ValueOn, d.Restated = cmd.ValueDate, r
				return d
			})
		}
		return f, Purchase{}, err // run applies f and rebuilds the result from the line after it
	})
}

// Capture captures part or all of what was authorized; several captures
// may follow one authorization. On products that bill on payment the
// capture posts at once; on those that bill on delivery it waits.
func (e *Engine) Capture(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "capture", factCaptured, true, cmd, func(l *Line, pu *Purchase, amount money.Amount) error {
		h := l.hold(pu.ID)
		if h < 0 {
			return &CommandError{Op: "capture", Code: CodeNotAuthorized, Field: "purchase", Reason: "purchase " + pu.ID + " has no open authorization (voided, expired or fully captured)"}
		}
		if held := l.Holds[h].Amount; amount.Units() > held.Units() {
			return &CommandError{Op: "capture", Code: CodeAboveAuthorized, Field: "amount", Reason: "only " + held.String() + " is still authorized"}
		}
		return nil
	})
}

// ConfirmDelivery posts what has been captured to the line's billing cycle
// (receipt confirmation on Taobao and Tmall) and starts its interest-free
// period.
func (e *Engine) ConfirmDelivery(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "confirm_delivery", factDelivered, false, cmd, func(l *Line, pu *Purchase, _ money.Amount) error {
		if !pu.Pending.IsPositive() {
			return &CommandError{Op: "confirm_delivery", Code: CodeNothingCaptured, Field: "purchase", Reason: "purchase " + pu.ID + " has nothing captured awaiting delivery"}
		}
		return nil
	})
}

// Void cancels all that is still authorized and not captured.
func (e *Engine) Void(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "void", factVoided, false, cmd, func(l *Line, pu *Purchase, _ money.Amount) error {
		if l.hold(pu.ID) < 0 {
			return &CommandError{Op: "void", Code: CodeNotAuthorized, Field: "purchase", Reason: "purchase " + pu.ID + " has no open authorization"}
		}
		return nil
	})
}

// Refund returns part or all of what was captured: before posting it goes
// back to the limit and is never billed; after, it pays the purchase's
// debt, then other debt, then becomes a credit balance.
func (e *Engine) Refund(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "refund", factRefunded, true, cmd, func(l *Line, pu *Purchase, amount money.Amount) error {
		if refundable := pu.Captured.Units() - pu.Refunded.Units(); amount.Units() > refundable {
			return &CommandError{Op: "refund", Code: CodeAboveRefundable, Field: "amount", Reason: "at most the " + money.FromMinor(refundable, l.Limit.Currency()).String() + " captured and not yet refunded can be refunded"}
		}
		return nil
	})
}

// copyRate returns a copy of r that the host cannot change, or nil.
func copyRate(r *money.ExchangeRate) *money.ExchangeRate {
	if r == nil {
		return nil
	}
	c := *r
	return &c
}

// RequestRefund records that the shopper asked for a refund of a captured
// purchase (Taobao's 申请退款): while the request is open the purchase is
// not confirmed automatically (Product.AutoConfirm). Refund, or
// CloseRefundRequest when the merchant refuses or the shopper withdraws,
// closes it. It takes no amount.
func (e *Engine) RequestRefund(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "request_refund", factRefundRequested, false, cmd, func(l *Line, pu *Purchase, _ money.Amount) error {
		switch {
		case !pu.RefundRequested.IsZero():
			return &CommandError{Op: "request_refund", Code: CodeRefundRequested, Field: "purchase", Reason: "purchase " + pu.ID + " has a refund request open since " + pu.RefundRequested.String()}
		case pu.Captured.Units() <= pu.Refunded.Units():
			return &CommandError{Op: "request_refund", Code: CodeNothingRefundable, Field: "purchase", Reason: "purchase " + pu.ID + " has nothing captured and not refunded"}
		}
		return nil
	})
}

// CloseRefundRequest closes a purchase's open refund request without a
// refund (the merchant refused it, or the shopper withdrew it): the days
// it was open do not count towards the automatic confirmation.
func (e *Engine) CloseRefundRequest(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "close_refund_request", factRefundRequestClosed, false, cmd, func(l *Line, pu *Purchase, _ money.Amount) error {
		if pu.RefundRequested.IsZero() {
			return &CommandError{Op: "close_refund_request", Code: CodeNoRefundRequest, Field: "purchase", Reason: "purchase " + pu.ID + " has no refund request open"}
		}
		return nil
	})
}

// Payment pays an amount into a line, or (Payout) pays its credit balance
// out.
type Payment struct {
	Key    string       `json:"key"`
	Line   string       `json:"line"`
	Amount money.Amount `json:"amount"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
	// ValueDate, for Pay, is the earlier day the money counts from when it
	// is recorded late (a bank's or Alipay's settlement file that came in
	// after the nightly run): zero for the day it is recorded. It may be up
	// to the product's ValueDateDays before that day, and not before the
	// line opened. The line is worked out again as if the payment had been
	// recorded on its value date, so that it draws no interest, penalty or
	// late fee a payment on time would not have; statements already cut
	// stay as they were, and the next one shows the payment and the
	// corrections (see the package docs, "Value dates and reversals").
	ValueDate calendar.Date `json:"value_date,omitzero"`
}

// Pay applies a repayment by the product's allocation; what is left over
// becomes a credit balance. It returns the balances after. Pay, Payout and
// Refund are money in or out, which is never refused for a technical
// reason: they are taken on a line of any status, closed included, and
// when the line cannot be brought to the command's day (its billing rules
// fail there: a calendar that does not cover the day, a sum out of range)
// they post on the line's current day, which stays where it is until the
// line can move on.
func (e *Engine) Pay(ctx context.Context, cmd Payment) (Balances, error) {
	return e.amountCommand(ctx, "pay", factPaid, cmd)
}

// Payout pays the line's credit balance, or part of it, out to the holder.
func (e *Engine) Payout(ctx context.Context, cmd Payment) (Balances, error) {
	return e.amountCommand(ctx, "payout", factPaidOut, cmd)
}

func (e *Engine) amountCommand(ctx context.Context, op, kind string, cmd Payment) (Balances, error) {
	rebuild := func(l Line) (Balances, error) { return l.Balances() }
	return run(ctx, e, command[Balances]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(op), at: cmd.At, rebuild: rebuild, anyDay: true}, func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, Balances, error) {
		if err := amountError(op, "amount", cmd.Amount, l.Limit.Currency()); err != nil {
			return Fact{}, Balances{}, err
		}
		if kind == factPaidOut && cmd.Amount.Units() > l.Account.Credit.Units() {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: CodeAboveCreditBalance, Field: "amount", Reason: "the credit balance is " + l.Account.Credit.String()}
		}
		// Money in is taken, and money owed to the holder paid out,
		// whatever the line's status: a closed line may still receive a
		// late refund or payment, and must be able to pay it out.
		if kind != factPaid && !cmd.ValueDate.IsZero() {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: CodeBadValueDate, Field: "value_date", Reason: "only a payment or a refund takes a value date"}
		}
		if err := valueDateError(op, p, &l, on, cmd.ValueDate); err != nil {
			return Fact{}, Balances{}, err
		}
		f, err := newFact(kind, on, amountData{Amount: cmd.Amount})
		if err == nil {
			f, err = e.valueDated(ctx, &l, p, stored, f, cmd.ValueDate, func(r *restatement) any {
				return amountData{Amount: cmd.Amount, ValueOn: cmd.ValueDate, Restated: r}
			})
		}
		return f, Balances{}, err // run applies f and rebuilds the result from the line after it
	})
}

// Advance brings the line to the start of day to: statements due by then
// are cut (with their interest and penalties), holds and temporary limits
// expire. Advancing to a day the line has reached changes nothing. It needs
// no key, and cannot take a line past the day the clock's now plus
// Config.MaxAhead falls on in the product's zone (future_dated).
func (e *Engine) Advance(ctx context.Context, line string, to calendar.Date) (*Line, error) {
	l, _, err := e.advance(ctx, line, to, true)
	return l, err
}

// advance is Advance; it returns the line (a copy) only if out is set,
// and whether it committed anything.
func (e *Engine) advance(ctx context.Context, line string, to calendar.Date, out bool) (*Line, bool, error) {
	const op = "advance"
	if err := idError(op, "line", line, true, CodeMissingID); err != nil {
		return nil, false, err
	}
	if to.IsZero() {
		return nil, false, &CommandError{Op: op, Code: CodeBadDate, Field: "to", Reason: "is the zero Date"}
	}
	turn := e.turn(line)
	var l *Line
	var version int64
	var err error
	for attempt := 0; ; attempt++ {
		l, version, err = e.advanceOnce(ctx, line, to, out)
		if errors.Is(err, ErrConflict) && attempt < e.retries {
			continue
		}
		break
	}
	turn.Unlock()
	if version > 0 {
		e.notify(line, version)
	}
	return l, version > 0, err
}

// advanceOnce is one attempt of Advance: the line (if out), and the
// version it committed, or 0 if it committed nothing.
func (e *Engine) advanceOnce(ctx context.Context, line string, to calendar.Date, out bool) (*Line, int64, error) {
	copyOut := func(l *Line) *Line {
		if !out {
			return nil
		}
		return l.copyOut()
	}
	now, err := e.now()
	if err != nil {
		return nil, 0, err
	}
	lo, err := e.load(ctx, line)
	if err != nil {
		return nil, 0, err
	}
	l, p := &lo.line, lo.p
	if !to.After(l.Today) {
		return copyOut(l), 0, nil // reached already: nothing to do, whatever the clock says
	}
	if limit := l.rules(p).Cycle.PostingDate(now.Add(e.ahead), p.loc); to.After(limit) {
		return nil, 0, &CommandError{Op: "advance", Code: CodeFutureDated, Field: "to",
			Reason: "the clock allows no later day than " + limit.String() + ", not " + to.String()}
	}
	b := e.newBatch(line, l, lo.sum)
	defer b.release()
	if err := b.advance(p, to); err != nil || b.n == 0 {
		if err != nil {
			return nil, 0, err
		}
		return copyOut(l), 0, nil
	}
	if err := b.noteDelinquency(p, l); err != nil {
		return nil, 0, &CommandError{Op: "advance", Code: failureCode(err, CodeAdvanceFailed), Reason: "the line could not be brought to " + to.String(), Err: err}
	}
	if err := e.commit(ctx, lo.c, &b); err != nil {
		return nil, 0, err
	}
	return copyOut(&b.line), b.line.Version, nil
}

// LineCommand changes a line's terms: its limit, a temporary limit, its
// status, its statement and due days, or converts its last statement into
// installments. Exactly one change is set.
type LineCommand struct {
	Key       string        `json:"key"`
	Line      string        `json:"line"`
	Limit     money.Amount  `json:"limit,omitzero"`
	TempLimit *TempLimit    `json:"temp_limit,omitempty"`
	Status    *LineStatus   `json:"status,omitempty"`
	DueDays   *DueDayOption `json:"due_days,omitempty"`
	Convert   money.Amount  `json:"convert,omitzero"`
	Plan      string        `json:"plan,omitempty"` // for Convert: the Name of one of the product's BillInstallments
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

// maxTempLimitDays is how long after the day it is granted a temporary
// limit may last.
const maxTempLimitDays = 366

// changes counts the changes cmd sets.
func (cmd LineCommand) changes() int {
	n := 0
	for _, set := range []bool{cmd.Limit.Currency().IsValid(), cmd.TempLimit != nil, cmd.Status != nil, cmd.DueDays != nil, cmd.Convert.Currency().IsValid()} {
		if set {
			n++
		}
	}
	return n
}

// ChangeLine applies a LineCommand and returns the line as the change left
// it (a replay returns that same line, whatever happened since).
func (e *Engine) ChangeLine(ctx context.Context, cmd LineCommand) (*Line, error) {
	const op = "change_line"
	bad := func(code, field, reason string) *CommandError {
		return &CommandError{Op: op, Code: code, Field: field, Reason: reason}
	}
	if cmd.changes() > 1 {
		return nil, bad(CodeSeveralChanges, "", "set exactly one change")
	}
	if err := idError(op, "plan", cmd.Plan, false, ""); err != nil {
		return nil, err
	}
	if t := cmd.TempLimit; t != nil {
		if err := idError(op, "temp_limit.id", t.ID, true, CodeBadTempLimit); err != nil {
			return nil, err
		}
	}
	rebuild := func(l Line) (*Line, error) { return &l, nil }
	return run(ctx, e, command[*Line]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(), at: cmd.At, rebuild: rebuild, copyOut: (*Line).copyOut}, func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, *Line, error) {
		fail := func(code, field, reason string) (Fact, *Line, error) { return Fact{}, nil, bad(code, field, reason) }
		if l.Status == Closed {
			return fail(CodeLineClosed, "", "the line is closed")
		}
		var kind string
		var data any
		switch {
		case cmd.Limit.Currency().IsValid():
			if cmd.Limit.Currency() != p.Currency {
				return fail(CodeCurrencyMismatch, "limit", "is in "+cmd.Limit.Currency().String()+"; the line is in "+p.Currency.String())
			}
			if cmd.Limit.Units() < p.MinLimit.Units() || cmd.Limit.Units() > p.MaxLimit.Units() {
				return fail(CodeLimitOutOfRange, "limit", "the limit must be from "+p.MinLimit.String()+" to "+p.MaxLimit.String())
			}
			kind, data = factLimit, amountData{Amount: cmd.Limit}
		case cmd.TempLimit != nil:
			t := *cmd.TempLimit
			if err := amountError(op, "temp_limit.amount", t.Amount, p.Currency); err != nil {
				if err.Code == CodeCurrencyMismatch {
					return Fact{}, nil, err
				}
				return fail(CodeBadTempLimit, err.Field, err.Reason)
			}
			if !t.Expires.After(on) || t.Expires.After(on.AddDays(maxTempLimitDays)) {
				return fail(CodeBadTempLimit, "temp_limit.expires", "a temporary limit expires after the day it is granted, "+on.String()+", and within "+strconv.Itoa(maxTempLimitDays)+" days of it")
			}
			var inForce int64
			for _, old := range l.TempLimits {
				if on.Before(old.Expires) {
					inForce += old.Amount.Units()
				}
			}
			if room := p.MaxTempLimit.Units() - inForce; t.Amount.Units() > room {
				return fail(CodeAboveMaxTempLimit, "temp_limit.amount", "the product allows temporary limits of "+
					money.FromMinor(p.MaxTempLimit.Units(), p.Currency).String()+" in all at once; "+money.FromMinor(max(room, 0), p.Currency).String()+" is left")
			}
			kind, data = factTempLimit, t
		case cmd.Status != nil:
			if *cmd.Status > Closed {
				return fail(CodeBadStatus, "status", "unknown status")
			}
			if *cmd.Status == Closed && !l.settled() {
				return fail(CodeNotSettled, "status", "a line closes only with nothing owed, no credit balance and nothing pending")
			}
			kind, data = factStatus, statusData{*cmd.Status}
		case cmd.DueDays != nil:
			ok := false
			for _, o := range p.DueDayOptions {
				ok = ok || o == *cmd.DueDays
			}
			if !ok {
				return fail(CodeDueDaysNotOffered, "due_days", "the product does not offer these statement and due days")
			}
			if !l.DueDaysSince.IsZero() && on.Before(l.DueDaysSince.AddMonths(12)) {
				return fail(CodeDueDaysChangedThisYear, "due_days", "statement and due days change at most once a year; last changed "+l.DueDaysSince.String())
			}
			kind, data = factDueDays, *cmd.DueDays
		case cmd.Convert.Currency().IsValid():
			if l.Account.ChargedOff() {
				return fail(CodeChargedOff, "convert", "the line is charged off: its balance is due in full")
			}
			if p.billPlan(cmd.Plan) < 0 {
				return fail(CodePlanNotOffered, "plan", "no bill-installment plan "+strconv.Quote(cmd.Plan))
			}
			if err := amountError(op, "convert", cmd.Convert, p.Currency); err != nil {
				return Fact{}, nil, err
			}
			kind, data = factConverted, convertedData{Amount: cmd.Convert, Plan: cmd.Plan}
		default:
			return fail(CodeNothingToChange, "", "set exactly one change")
		}
		f, err := newFact(kind, on, data)
		return f, nil, err // run applies f, refusing it if the line cannot take it
	})
}
