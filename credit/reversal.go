package credit

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/justspend/justspend/calendar"
)

// Reversal takes back a payment that bounced or was charged back: Payment
// is the key the payment was made with (Engine.Pay), on the same line.
type Reversal struct {
	Key     string `json:"key"`
	Line    string `json:"line"`
	Payment string `json:"payment"`
	// At is when the command happened; zero means the Clock's now.
	At time.Time `json:"at,omitzero"`
}

func (cmd Reversal) hash() string {
	return canon(nil).str("reverse_payment").str(cmd.Key).str(cmd.Line).str(cmd.Payment).sum()
}

// ReversePayment reverses a payment: the line is worked out again from its
// journal as if the payment had never been made, so the debt it paid comes
// back as it was, with the interest, penalties and late fees it would have
// drawn in the meantime. Statements already cut stay as they were: the
// next one shows the reversal (a billing.ReversalLine of the amount) and
// the charges it brought back (lines of their kinds with Ref
// "correction"). When the journal cannot be worked out without the
// payment (a later payoff or payout it paid for) the payment comes back as
// new principal owed from today (billing.Account.Reverse). A payment can be
// reversed once; a payoff, a payout or a refund cannot be reversed this
// way. It returns the balances after.
func (e *Engine) ReversePayment(ctx context.Context, cmd Reversal) (Balances, error) {
	const op = "reverse_payment"
	if err := idError(op, "payment", cmd.Payment, true, CodeMissingID); err != nil {
		return Balances{}, err
	}
	rebuild := func(l Line) (Balances, error) { return l.Balances() }
	return run(ctx, e, command[Balances]{op: op, line: cmd.Line, key: cmd.Key, hash: cmd.hash(), at: cmd.At, rebuild: rebuild, anyDay: true}, func(l Line, p *compiled, on calendar.Date, stored journalAt) (Fact, Balances, error) {
		facts, err := e.history(ctx, &l, stored)
		if err != nil {
			return Fact{}, Balances{}, err
		}
		paid := slices.IndexFunc(facts, func(f Fact) bool { return f.Key == cmd.Payment })
		if paid < 0 {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: CodeUnknownPayment, Field: "payment", Reason: "no command on line " + strconv.Quote(cmd.Line) + " used key " + strconv.Quote(cmd.Payment), Err: ErrNotFound}
		}
		if facts[paid].Kind != factPaid {
			return Fact{}, Balances{}, &CommandError{Op: op, Code: CodeNotAPayment, Field: "payment", Reason: "key " + strconv.Quote(cmd.Payment) + " made a " + facts[paid].Kind + " fact, not a payment"}
		}
		version := int64(paid) + 1
		for _, f := range facts[paid:] {
			if f.Kind != factReversed {
				continue
			}
			if d, err := payloadOf[reversalData](f); err == nil && d.Version == version {
				return Fact{}, Balances{}, &CommandError{Op: op, Code: CodeAlreadyReversed, Field: "payment", Reason: "the payment of key " + strconv.Quote(cmd.Payment) + " was reversed by key " + strconv.Quote(f.Key)}
			}
		}
		d, err := payloadOf[amountData](facts[paid])
		if err != nil {
			return Fact{}, Balances{}, &CorruptError{Line: cmd.Line, Version: version, Reason: "the payment does not decode", Err: err}
		}
		data := reversalData{Key: cmd.Payment, Version: version, Amount: d.Amount}
		if co := l.Account.ChargeOff; !co.IsZero() && !facts[paid].On.Before(co.On) {
			data.Recovery = true // paid on the charged-off line: it recovered charged-off debt
		}
		plain, _ := newFact(factReversed, on, data)
		f, err := restating(p, &l, facts, plain, calendar.Date{}, func(evs []event) []event {
			return slices.DeleteFunc(evs, func(ev event) bool { return ev.version == version })
		}, func(r *restatement) any {
			data.Restated = r
			return data
		})
		return f, Balances{}, err // run applies f and rebuilds the result from the line after it
	})
}
