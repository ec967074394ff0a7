package billing

import (
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// ReversalRef is the Ref of the debt a reversed payment leaves owing.
const ReversalRef = "reversal"

// Reverse takes back, on day on, a payment of amount that bounced or was
// charged back. The credit balance the payment may have left goes first,
// and the rest is owed again as principal posted on on (Ref ReversalRef),
// billed on the next statement like a purchase; a ReversalLine records it.
//
// It is the plain form of a reversal, for when the account cannot be
// worked out again as if the payment had never been made (the credit
// package does that from its journal, and uses Reverse only when that
// history cannot hold): the debt the payment paid then comes back as new
// principal rather than as the items it paid, and draws interest and
// penalties from on.
func (a Account) Reverse(r Rules, on calendar.Date, amount money.Amount) (Account, error) {
	return a.reverse(r, on, amount, false)
}

// ReverseRecovery is Reverse of a payment made on a charged-off account
// (a recovery): what it recovered, up to ChargeOff.Recovered, is owed
// again as the charged-off debt it was, so the recovery is taken back
// (Recovered falls) rather than new debt charged off (Amount rising, the
// recovery kept). On an account not charged off it is Reverse.
func (a Account) ReverseRecovery(r Rules, on calendar.Date, amount money.Amount) (Account, error) {
	return a.reverse(r, on, amount, true)
}

func (a Account) reverse(r Rules, on calendar.Date, amount money.Amount, recovery bool) (Account, error) {
	if err := a.check(on, amount); err != nil {
		return Account{}, err
	}
	b, err := a.AccrueThrough(r, on)
	if err != nil {
		return Account{}, err
	}
	fromCredit := min(b.Credit.Units(), amount.Units())
	b.Credit = money.FromMinor(b.Credit.Units()-fromCredit, b.Currency)
	rest := amount.Units() - fromCredit
	if recovery && rest > 0 && b.ChargedOff() {
		if back := min(rest, b.ChargeOff.Recovered.Units()); back > 0 {
			owed := money.FromMinor(back, b.Currency)
			b.Debts = append(b.Debts, Debt{Ref: ReversalRef, Kind: RegularDebt, Component: Principal, Posted: on, Billed: on, Due: on,
				Original: owed, Amount: owed, Order: owed, ChargedOff: true})
			rest -= back
		}
	}
	if rest > 0 {
		owed := money.FromMinor(rest, b.Currency)
		b.Debts = append(b.Debts, Debt{Ref: ReversalRef, Kind: RegularDebt, Component: Principal, Posted: on, Original: owed, Amount: owed, Order: owed})
	}
	b.Lines = append(b.Lines, Line{Kind: ReversalLine, Date: on, Ref: ReversalRef, Amount: amount})
	if err := b.finish(r, on); err != nil {
		return Account{}, err
	}
	return b, nil
}
