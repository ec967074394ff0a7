package credit

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// Payoff settles a line, or one purchase's installment plan, early: all it
// owes today, accrued interest and penalties included, with the fees the
// product's early-payoff policy (Product.EarlyPayoff) waives. Purchase
// names the plan ("" for the whole line); Periods pays off only that many
// of its next periods not yet billed (0: the whole plan). Amount is what
// the holder pays: it must be the quote's Total (Engine.QuotePayoff),
// or zero when a credit balance covers it all.
type Payoff struct {
	Key      string       `json:"key"`
	Line     string       `json:"line"`
	Purchase string       `json:"purchase,omitempty"`
	Periods  int          `json:"periods,omitempty"`
	Amount   money.Amount `json:"amount,omitzero"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

// PayoffQuote is what a payoff takes and waives (see billing.AccountPayoff).
type PayoffQuote = billing.AccountPayoff

// check reports the first field no line could take.
func (cmd *Payoff) check(op string) error {
	if err := idError(op, "purchase", cmd.Purchase, false, ""); err != nil {
		return err
	}
	if cmd.Periods < 0 || cmd.Periods > billing.MaxPeriods || cmd.Periods > 0 && cmd.Purchase == "" {
		return &CommandError{Op: op, Code: CodeBadPeriods, Field: "periods", Reason: "periods are of a purchase's plan, 0 to " + strconv.Itoa(billing.MaxPeriods)}
	}
	return nil
}

// quote works out the payoff on line l at day on.
func (cmd *Payoff) quote(op string, l *Line, p *compiled, on calendar.Date) (billing.Account, PayoffQuote, error) {
	if cmd.Purchase != "" && l.purchase(cmd.Purchase) < 0 {
		return billing.Account{}, PayoffQuote{}, &CommandError{Op: op, Code: CodeUnknownPurchase, Field: "purchase", Reason: "no purchase " + strconv.Quote(cmd.Purchase), Err: ErrNotFound}
	}
	if l.Account.ChargedOff() {
		return billing.Account{}, PayoffQuote{}, &CommandError{Op: op, Code: CodeChargedOff, Reason: "the line is charged off on " + l.Account.ChargeOff.On.String() + ": its balance is due in full, and Pay pays it"}
	}
	acct, q, err := l.Account.PayOff(l.rules(p), on, billing.PayoffScope{Ref: cmd.Purchase, Periods: cmd.Periods}, p.EarlyPayoff)
	var ie *billing.InputError
	switch {
	case errors.As(err, &ie):
		return billing.Account{}, PayoffQuote{}, &CommandError{Op: op, Code: CodeNothingToPayOff, Field: "purchase", Reason: "no installment plan of purchase " + strconv.Quote(cmd.Purchase) + " owes anything", Err: err}
	case err != nil:
		return billing.Account{}, PayoffQuote{}, &CommandError{Op: op, Code: failureCode(err, CodeRejected), Reason: "the payoff cannot be worked out", Err: err}
	case cmd.Purchase == "" && len(l.Account.Debts) == 0 && q.Interest.IsZero() && q.Penalties.IsZero():
		return billing.Account{}, PayoffQuote{}, &CommandError{Op: op, Code: CodeNothingToPayOff, Reason: "the line owes nothing"}
	}
	return acct, q, nil
}

// QuotePayoff says what cmd would take today: what to pay to owe nothing
// (or nothing more on the plan), accrued interest and penalties included.
// It holds and records nothing, and needs no key or amount.
func (e *Engine) QuotePayoff(ctx context.Context, cmd Payoff) (PayoffQuote, error) {
	const op = "quote_payoff"
	if err := firstError(idError(op, "line", cmd.Line, true, CodeMissingID), idError(op, "key", cmd.Key, false, "")); err != nil {
		return PayoffQuote{}, err
	}
	if err := cmd.check(op); err != nil {
		return PayoffQuote{}, err
	}
	at, err := e.when(op, cmd.At)
	if err != nil {
		return PayoffQuote{}, err
	}
	lo, err := e.load(ctx, cmd.Line)
	if err != nil {
		return PayoffQuote{}, err
	}
	l, p := lo.line, lo.p
	on := l.rules(p).Cycle.PostingDate(at, p.loc)
	if on.Before(l.Today) {
		on = l.Today
	}
	if on.After(l.Today) {
		f, _ := newFact(factAdvanced, on, advancedData{To: on})
		if l, err = l.apply(p, f); err != nil {
			return PayoffQuote{}, &CommandError{Op: "advance", Code: failureCode(err, CodeAdvanceFailed), Reason: "the line could not be brought to " + on.String(), Err: err}
		}
	}
	with, _, err := e.withPurchase(ctx, &l, journalAt{entry: lo.c}, cmd.Purchase)
	if err != nil {
		return PayoffQuote{}, err
	}
	_, q, err := cmd.quote(op, with, p, on)
	return q, err
}

// PayOff settles what cmd names early, if cmd.Amount is what the payoff
// takes; it returns the quote it paid. Like a payment, it is taken on a
// line of any status.
func (e *Engine) PayOff(ctx context.Context, cmd Payoff) (PayoffQuote, error) {
	const op = "pay_off"
	if err := cmd.check(op); err != nil {
		return PayoffQuote{}, err
	}
	// The quote is the command's result, kept in its fact for replays.
	return run(ctx, e, command[PayoffQuote]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(), at: cmd.At, anyDay: true}, func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, PayoffQuote, error) {
		if cmd.Amount != (money.Amount{}) {
			if err := amountError(op, "amount", cmd.Amount, l.Limit.Currency()); err != nil && !cmd.Amount.IsZero() {
				return Fact{}, PayoffQuote{}, err
			}
		}
		with, _, err := e.withPurchase(ctx, &l, stored, cmd.Purchase)
		if err != nil {
			return Fact{}, PayoffQuote{}, err
		}
		_, q, err := cmd.quote(op, with, p, on)
		if err != nil {
			return Fact{}, PayoffQuote{}, err
		}
		if cmd.Amount.Units() != q.Total.Units() {
			return Fact{}, PayoffQuote{}, &CommandError{Op: op, Code: CodePayoffAmount, Field: "amount",
				Reason: "the payoff on " + on.String() + " is " + q.Total.String() + ", not " + cmd.Amount.String()}
		}
		f, err := newFact(factPaidOff, on, payoffData{Purchase: cmd.Purchase, Periods: cmd.Periods, Amount: q.Total})
		return f, q, err
	})
}

type payoffData struct {
	Purchase string       `json:"purchase,omitempty"`
	Periods  int          `json:"periods,omitempty"`
	Amount   money.Amount `json:"amount"`
}

func (cmd Payoff) hash() string {
	return canon(nil).str("pay_off").str(cmd.Key).str(cmd.Line).str(cmd.Purchase).num(int64(cmd.Periods)).amount(cmd.Amount).sum()
}
