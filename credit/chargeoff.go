package credit

import (
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/money"
)

// Charge-off, recoveries and write-offs on the Engine's lines.
//
// A product charges off when its billing rules say so
// (Billing.ChargeOff: after so many days past due; zero, the default,
// never): while an Advance, or any command, brings the line through the
// day, interest and penalties stop, and everything the line owes moves to
// its charged-off balance (billing.Account.ChargeOff, and
// Balances.ChargedOff). The holder owes the same; the lender's books move
// it from the receivable to the loss. No authorization is approved on a
// charged-off line (code line_charged_off), whatever its status; a payoff
// and a conversion into installments are refused (charged_off), the
// balance being due in full. Money in is taken as ever: a payment is a
// recovery, and a refund or a credit balance that pays charged-off debt
// recovers it too. With Billing.WriteOff, a charged-off balance that
// comes to no more than its UpTo is written off, and so is a small
// remainder left after a due date on any line (China's tolerance
// repayment: see billing.WriteOffRule).
//
// The postings (see Fact): the holder's account follows the statement
// lines as always (a recovery is a payment, holder against cash; a
// charge-off's pair of lines moves nothing the holder owes and posts
// nothing). The lender's side of a charge-off is loss:charge_off against
// charged_off, the contra account of the receivable, so that holder plus
// charged_off is what the lender still carries; a recovery posts
// charged_off against income:recovery; a small remainder written off
// posts holder against loss:write_off, or on a charged-off line against
// charged_off (the loss was taken when it was charged off). Every fact's
// postings still sum to zero.

// writeOffAccount is the counter account of a write-off line.
func writeOffAccount(ln billing.Line) string {
	if ln.Ref == billing.ChargeOffRef {
		return "charged_off"
	}
	return "loss:write_off"
}

// chargeOffProblem says which charge-off field of the product is out of
// range, and why, or "".
func (p *Product) chargeOffProblem() (field, why string) {
	if u := p.Billing.WriteOff.UpTo; u != (money.Amount{}) && (u.Currency() != p.Currency || u.Units() > MaxAmountUnits) {
		return "billing.write_off.up_to", "must be an amount in " + p.Currency.String() + " of at most " + money.FromMinor(MaxAmountUnits, p.Currency).String() + ", not " + u.String()
	}
	return p.Delinquency.validate()
}

// chargeOffPostings returns the lender's side of what a fact did to a
// charged-off balance (the holder's side follows the billing lines): debt
// charged off moves from the receivable to the loss (loss:charge_off,
// charged_off), and what money in recovers of it comes back as income
// (charged_off, income:recovery).
func chargeOffPostings(before, after *Line) []Posting {
	a, b := before.Account.ChargeOff, after.Account.ChargeOff
	if b.IsZero() {
		return nil
	}
	var amount, recovered int64 // before
	if !a.IsZero() {
		amount, recovered = a.Amount.Units(), a.Recovered.Units()
	}
	c := after.Account.Currency
	var out []Posting
	if d := b.Amount.Units() - amount; d != 0 {
		out = append(out, posting("loss:charge_off", d, c), posting("charged_off", -d, c))
	}
	if d := b.Recovered.Units() - recovered; d != 0 {
		out = append(out, posting("charged_off", d, c), posting("income:recovery", -d, c))
	}
	return out
}
