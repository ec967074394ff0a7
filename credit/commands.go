package credit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// OpenLine opens a credit line.
type OpenLine struct {
	Key     string       `json:"key"`
	Line    string       `json:"line"`
	Holder  string       `json:"holder"`
	Product string       `json:"product"`
	Limit   money.Amount `json:"limit"`
	At      time.Time    `json:"at,omitzero"`
}

// OpenLine opens cmd.Line. Opening a line that exists is ErrInvalidCommand,
// unless it was opened by the same command with the same key.
func (e *Engine) OpenLine(ctx context.Context, cmd OpenLine) (*Line, error) {
	p := e.products[cmd.Product]
	switch {
	case p == nil:
		return nil, &CommandError{Op: "open", Code: "unknown_product", Reason: "no product " + cmd.Product}
	case cmd.Line == "" || cmd.Holder == "":
		return nil, &CommandError{Op: "open", Code: "missing_id", Reason: "a line needs an ID and a holder"}
	case cmd.Limit.Currency() != p.Currency:
		return nil, &CommandError{Op: "open", Code: "currency_mismatch", Reason: "the limit must be in " + p.Currency.String()}
	case cmd.Limit.Units() < p.MinLimit.Units() || cmd.Limit.Units() > p.MaxLimit.Units():
		return nil, &CommandError{Op: "open", Code: "limit_out_of_range", Reason: "the limit must be from " + p.MinLimit.String() + " to " + p.MaxLimit.String()}
	}
	at := cmd.At
	if at.IsZero() {
		at = e.clock.Now()
	}
	on := calendar.DateOf(at, p.loc)
	f, err := newFact(factOpened, on, openedData{ID: cmd.Line, Holder: cmd.Holder, Product: cmd.Product, Limit: cmd.Limit})
	if err != nil {
		return nil, err
	}
	f.Key, f.Hash = cmd.Key, hashJSON(cmd)
	b := e.newBatch(&Line{ID: cmd.Line})
	defer b.release()
	if err := b.add(p, f); err != nil {
		return nil, &CommandError{Op: "open", Code: "rejected", Reason: "the line cannot open", Err: err}
	}
	for attempt := 0; ; attempt++ {
		err = e.commit(ctx, &cached{shard: e.cache.shard(cmd.Line), keys: map[string]keyUse{}}, &b)
		if !errors.Is(err, ErrConflict) {
			break
		}
		// The line exists, or the store reported a conflict that left no
		// line (then try again).
		l, _, c, lerr := e.load(ctx, cmd.Line)
		switch {
		case errors.Is(lerr, ErrNotFound) && attempt < e.retries:
			continue
		case lerr != nil:
			return nil, lerr
		}
		if use, ok := e.keyUse(c, cmd.Key); ok && cmd.Key != "" && use.Hash == f.Hash {
			return &l, nil
		}
		return nil, &CommandError{Op: "open", Code: "line_exists", Reason: "line " + cmd.Line + " exists"}
	}
	if err != nil {
		return nil, err
	}
	final := b.line
	return &final, nil
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
	Plan     int                 `json:"plan"` // index into the product's Installments, or -1
	At       time.Time           `json:"at,omitzero"`
}

func (cmd Authorize) request(l *Line, on calendar.Date) (AuthRequest, error) {
	req := AuthRequest{Purchase: cmd.Purchase, Amount: cmd.Amount, Merchant: cmd.Merchant, Plan: cmd.Plan, On: on}
	if cmd.Rate != nil {
		a, err := cmd.Rate.Convert(cmd.Original, money.HalfEven)
		if err != nil {
			return AuthRequest{}, &CommandError{Op: "authorize", Code: "conversion_failed", Reason: "cannot convert the price", Err: err}
		}
		if a.Currency() != l.Limit.Currency() {
			return AuthRequest{}, &CommandError{Op: "authorize", Code: "currency_mismatch", Reason: "the rate does not convert to " + l.Limit.Currency().String()}
		}
		req.Amount = a
	}
	if cmd.Purchase == "" || l.purchase(cmd.Purchase) >= 0 {
		return AuthRequest{}, &CommandError{Op: "authorize", Code: "bad_purchase_id", Reason: "a new, unique purchase ID is needed"}
	}
	if !req.Amount.IsPositive() {
		return AuthRequest{}, &CommandError{Op: "authorize", Code: "bad_amount", Reason: "the amount must be positive"}
	}
	if c := l.Limit.Currency(); req.Amount.Currency() != c {
		return AuthRequest{}, &CommandError{Op: "authorize", Code: "currency_mismatch", Reason: "the amount must be in " + c.String() + ", or give the price in its currency (Original) with a Rate"}
	}
	if cmd.Plan < -1 {
		return AuthRequest{}, &CommandError{Op: "authorize", Code: "bad_plan", Reason: "the plan is an index into the product's installments, or -1 for none"}
	}
	return req, nil
}

// Authorize decides cmd and, if approved, holds the credit until it is
// captured, voided or the hold expires. A declined request is recorded
// too, so that its key replays the same decision.
func (e *Engine) Authorize(ctx context.Context, cmd Authorize) (Decision, error) {
	hash := ""
	if cmd.Key != "" {
		hash = cmd.hash()
	}
	return run(ctx, e, command[Decision]{op: "authorize", line: cmd.Line, key: cmd.Key, hash: hash, at: cmd.At}, func(l Line, p *compiled, on calendar.Date) (Fact, Decision, error) {
		req, err := cmd.request(&l, on)
		if err != nil {
			return Fact{}, Decision{}, err
		}
		dec := Decide(&l, &p.Product, &req, e.rules)
		kind := factDeclined
		if dec.Approved {
			kind = factAuthorized
		}
		original := cmd.Original
		if cmd.Rate == nil {
			original = req.Amount
		}
		f, err := newFact(kind, on, authorizedData{Request: req, Original: original, Rate: cmd.Rate})
		return f, dec, err
	})
}

// Quote answers an Authorize without holding anything or recording it.
func (e *Engine) Quote(ctx context.Context, cmd Authorize) (Decision, error) {
	l, p, _, err := e.load(ctx, cmd.Line)
	if err != nil {
		return Decision{}, err
	}
	at := cmd.At
	if at.IsZero() {
		at = e.clock.Now()
	}
	on := l.rules(p).Cycle.PostingDate(at, p.loc)
	next := l
	if on.After(l.Today) {
		f, _ := newFact(factAdvanced, on, advancedData{To: on})
		if next, err = l.apply(p, f); err != nil {
			return Decision{}, &CommandError{Op: "advance", Code: "advance_failed", Reason: "the line could not be brought to " + on.String(), Err: err}
		}
	}
	req, err := cmd.request(&next, on)
	if err != nil {
		return Decision{}, err
	}
	return Decide(&next, &p.Product, &req, e.rules), nil
}

// PurchaseCommand captures, confirms delivery of, voids or refunds a
// purchase. Amount is for captures and refunds, in the line's currency;
// a refund of a purchase priced in another currency may give Original and
// Rate instead, and says so in the journal.
type PurchaseCommand struct {
	Key      string              `json:"key"`
	Line     string              `json:"line"`
	Purchase string              `json:"purchase"`
	Amount   money.Amount        `json:"amount,omitzero"`
	Original money.Amount        `json:"original,omitzero"`
	Rate     *money.ExchangeRate `json:"rate,omitempty"`
	At       time.Time           `json:"at,omitzero"`
}

func (e *Engine) purchaseCommand(ctx context.Context, op, kind string, cmd PurchaseCommand, check func(l *Line, pu *Purchase, amount money.Amount) error) (Purchase, error) {
	rebuild := func(l *Line) (Purchase, error) {
		i := l.purchase(cmd.Purchase)
		if i < 0 {
			return Purchase{}, fmt.Errorf("%w: no purchase %s to replay", ErrCorruptJournal, cmd.Purchase)
		}
		return *l.Purchases[i], nil
	}
	return run(ctx, e, command[Purchase]{op: op, line: cmd.Line, key: cmd.Key, hash: hashJSON(cmd), at: cmd.At, rebuild: rebuild}, func(l Line, p *compiled, on calendar.Date) (Fact, Purchase, error) {
		i := l.purchase(cmd.Purchase)
		if i < 0 {
			return Fact{}, Purchase{}, &CommandError{Op: op, Code: "unknown_purchase", Reason: "no purchase " + cmd.Purchase, Err: ErrNotFound}
		}
		amount := cmd.Amount
		if cmd.Rate != nil {
			a, err := cmd.Rate.Convert(cmd.Original, money.HalfEven)
			if err != nil {
				return Fact{}, Purchase{}, &CommandError{Op: op, Code: "conversion_failed", Reason: "cannot convert", Err: err}
			}
			amount = a
		}
		if err := check(&l, l.Purchases[i], amount); err != nil {
			return Fact{}, Purchase{}, err
		}
		f, err := newFact(kind, on, purchaseData{Purchase: cmd.Purchase, Amount: amount, Original: cmd.Original, Rate: cmd.Rate})
		if err != nil {
			return Fact{}, Purchase{}, err
		}
		return f, Purchase{}, err // run applies f and rebuilds the result from the line after it
	})
}

// Capture captures part or all of what was authorized; several captures
// may follow one authorization. On products that bill on payment the
// capture posts at once; on those that bill on delivery it waits.
func (e *Engine) Capture(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "capture", factCaptured, cmd, func(l *Line, pu *Purchase, amount money.Amount) error {
		if l.hold(pu.ID) < 0 {
			return &CommandError{Op: "capture", Code: "not_authorized", Reason: "purchase " + pu.ID + " has no open authorization (voided, expired or fully captured)"}
		}
		if amount.Currency() != l.Limit.Currency() || !amount.IsPositive() {
			return &CommandError{Op: "capture", Code: "bad_amount", Reason: "the amount must be positive and in " + l.Limit.Currency().String()}
		}
		if held := l.Holds[l.hold(pu.ID)].Amount; amount.Units() > held.Units() {
			return &CommandError{Op: "capture", Code: "above_authorized", Reason: "only " + held.String() + " is still authorized"}
		}
		return nil
	})
}

// ConfirmDelivery posts what has been captured to the line's billing cycle
// (receipt confirmation on Taobao and Tmall) and starts its interest-free
// period.
func (e *Engine) ConfirmDelivery(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "deliver", factDelivered, cmd, func(l *Line, pu *Purchase, _ money.Amount) error {
		if !pu.Pending.IsPositive() {
			return &CommandError{Op: "deliver", Code: "nothing_captured", Reason: "purchase " + pu.ID + " has nothing captured awaiting delivery"}
		}
		return nil
	})
}

// Void cancels what is still authorized and not captured.
func (e *Engine) Void(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "void", factVoided, cmd, func(l *Line, pu *Purchase, _ money.Amount) error {
		if l.hold(pu.ID) < 0 {
			return &CommandError{Op: "void", Code: "not_authorized", Reason: "purchase " + pu.ID + " has no open authorization"}
		}
		return nil
	})
}

// Refund returns part or all of what was captured: before posting it goes
// back to the limit and is never billed; after, it pays the purchase's
// debt, then other debt, then becomes a credit balance.
func (e *Engine) Refund(ctx context.Context, cmd PurchaseCommand) (Purchase, error) {
	return e.purchaseCommand(ctx, "refund", factRefunded, cmd, func(l *Line, pu *Purchase, amount money.Amount) error {
		if amount.Currency() != l.Limit.Currency() || !amount.IsPositive() {
			return &CommandError{Op: "refund", Code: "bad_amount", Reason: "the amount must be positive and in " + l.Limit.Currency().String()}
		}
		if refundable := pu.Captured.Units() - pu.Refunded.Units(); amount.Units() > refundable {
			return &CommandError{Op: "refund", Code: "above_refundable", Reason: "at most the " + money.FromMinor(refundable, l.Limit.Currency()).String() + " captured and not yet refunded can be refunded"}
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
	At     time.Time    `json:"at,omitzero"`
}

// Pay applies a repayment by the product's allocation; what is left over
// becomes a credit balance. It returns the balances after.
func (e *Engine) Pay(ctx context.Context, cmd Payment) (Balances, error) {
	return e.amountCommand(ctx, "pay", factPaid, cmd)
}

// Payout pays the line's credit balance, or part of it, out to the holder.
func (e *Engine) Payout(ctx context.Context, cmd Payment) (Balances, error) {
	return e.amountCommand(ctx, "payout", factPaidOut, cmd)
}

func (e *Engine) amountCommand(ctx context.Context, op, kind string, cmd Payment) (Balances, error) {
	rebuild := func(l *Line) (Balances, error) { return l.Balances(), nil }
	return run(ctx, e, command[Balances]{op: op, line: cmd.Line, key: cmd.Key, hash: hashJSON(cmd), at: cmd.At, rebuild: rebuild}, func(l Line, p *compiled, on calendar.Date) (Fact, Balances, error) {
		if cmd.Amount.Currency() != l.Limit.Currency() || !cmd.Amount.IsPositive() {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: "bad_amount", Reason: "the amount must be positive and in " + l.Limit.Currency().String()}
		}
		if kind == factPaidOut && cmd.Amount.Units() > l.Account.Credit.Units() {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: "above_credit_balance", Reason: "the credit balance is " + l.Account.Credit.String()}
		}
		if l.Status == Closed {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: "line_closed", Reason: "the line is closed"}
		}
		f, err := newFact(kind, on, amountData{Amount: cmd.Amount})
		if err != nil {
			return Fact{}, Balances{}, err
		}
		return f, Balances{}, err // run applies f and rebuilds the result from the line after it
	})
}

// Advance brings the line to the start of day to: statements due by then
// are cut (with their interest and penalties), holds and temporary limits
// expire. Advancing to a day the line has reached changes nothing.
func (e *Engine) Advance(ctx context.Context, line string, to calendar.Date) (*Line, error) {
	for attempt := 0; ; attempt++ {
		l, err := e.advanceOnce(ctx, line, to)
		if errors.Is(err, ErrConflict) && attempt < e.retries {
			continue
		}
		return l, err
	}
}

// advanceOnce is one attempt of Advance.
func (e *Engine) advanceOnce(ctx context.Context, line string, to calendar.Date) (*Line, error) {
	l, p, c, err := e.load(ctx, line)
	if err != nil {
		return nil, err
	}
	b := e.newBatch(&l)
	defer b.release()
	if err := b.advance(p, to); err != nil || b.n == 0 {
		return &l, err
	}
	if err := e.commit(ctx, c, &b); err != nil {
		return nil, err
	}
	final := b.line
	return &final, nil
}

// LineCommand changes a line's terms: its limit, a temporary limit, its
// status, its statement and due days, or converts its last statement into
// installments.
type LineCommand struct {
	Key       string        `json:"key"`
	Line      string        `json:"line"`
	Limit     money.Amount  `json:"limit,omitzero"`
	TempLimit *TempLimit    `json:"temp_limit,omitempty"`
	Status    *LineStatus   `json:"status,omitempty"`
	DueDays   *DueDayOption `json:"due_days,omitempty"`
	Convert   money.Amount  `json:"convert,omitzero"`
	Plan      int           `json:"plan"` // for Convert: index into the product's BillInstallments
	At        time.Time     `json:"at,omitzero"`
}

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

// ChangeLine applies a LineCommand; exactly one change must be set.
func (e *Engine) ChangeLine(ctx context.Context, cmd LineCommand) (*Line, error) {
	rebuild := func(*Line) (struct{}, error) { return struct{}{}, nil }
	_, err := run(ctx, e, command[struct{}]{op: "change", line: cmd.Line, key: cmd.Key, hash: hashJSON(cmd), at: cmd.At, rebuild: rebuild}, func(l Line, p *compiled, on calendar.Date) (Fact, struct{}, error) {
		bad := func(code, reason string) (Fact, struct{}, error) {
			return Fact{}, struct{}{}, &CommandError{Op: "change", Code: code, Reason: reason}
		}
		if l.Status == Closed {
			return bad("line_closed", "the line is closed")
		}
		if cmd.changes() > 1 {
			return bad("several_changes", "set exactly one change")
		}
		var kind string
		var data any
		switch {
		case cmd.Limit.Currency().IsValid():
			if cmd.Limit.Currency() != p.Currency || cmd.Limit.Units() < p.MinLimit.Units() || cmd.Limit.Units() > p.MaxLimit.Units() {
				return bad("limit_out_of_range", "the limit must be from "+p.MinLimit.String()+" to "+p.MaxLimit.String())
			}
			kind, data = factLimit, amountData{Amount: cmd.Limit}
		case cmd.TempLimit != nil:
			t := *cmd.TempLimit
			if t.ID == "" || t.Amount.Currency() != p.Currency || !t.Amount.IsPositive() || !t.Expires.After(on) {
				return bad("bad_temp_limit", "a temporary limit needs an ID, a positive amount in "+p.Currency.String()+" and a future expiry")
			}
			kind, data = factTempLimit, t
		case cmd.Status != nil:
			if *cmd.Status > Closed {
				return bad("bad_status", "unknown status")
			}
			if *cmd.Status == Closed && !l.settled() {
				return bad("not_settled", "a line closes only with nothing owed, no credit balance and nothing pending")
			}
			kind, data = factStatus, statusData{*cmd.Status}
		case cmd.DueDays != nil:
			ok := false
			for _, o := range p.DueDayOptions {
				ok = ok || o == *cmd.DueDays
			}
			if !ok {
				return bad("due_days_not_offered", "the product does not offer these statement and due days")
			}
			if !l.DueDaysSince.IsZero() && on.Before(l.DueDaysSince.AddMonths(12)) {
				return bad("due_days_changed_this_year", "statement and due days change at most once a year; last changed "+l.DueDaysSince.String())
			}
			kind, data = factDueDays, *cmd.DueDays
		case cmd.Convert.Currency().IsValid():
			if cmd.Plan < 0 || cmd.Plan >= len(p.BillInstallments) {
				return bad("plan_not_offered", "no such bill-installment plan")
			}
			kind, data = factConverted, convertedData{Amount: cmd.Convert, Plan: cmd.Plan}
		default:
			return bad("nothing_to_change", "set exactly one change")
		}
		f, err := newFact(kind, on, data)
		return f, struct{}{}, err // run applies f, refusing it if the line cannot take it
	})
	if err != nil {
		return nil, err
	}
	return e.Line(ctx, cmd.Line)
}
