package billing

import (
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// MinimumPayment is a composable minimum-payment formula:
//
//	NewPrincipalRate × the statement's new purchase principal
//	+ CarriedPrincipalRate × principal carried from earlier statements
//	+ BalanceRate × the statement balance
//	+ (with PlusCharges) 100% of the installment periods, fees, interest
//	  and penalties billed and unpaid, and of what is overdue: a late
//	  statement's whole principal (Overdue: overdue_balance, PRC practice)
//	  or only its unpaid minimum (overdue_minimum, the US past-due amount,
//	  its other principal then counting as carried),
//
// rounded half-up to the minor unit, at least Floor, and never more than
// the statement balance. Huabei, as PRC cards do, is
// {new_principal_rate: 0.10, carried_principal_rate: 0.10, plus_charges:
// true}; a US card might be {balance_rate: 0.01, plus_charges: true,
// floor: 25.00}.
type MinimumPayment struct {
	NewPrincipalRate     decimal.Decimal `json:"new_principal_rate"`
	CarriedPrincipalRate decimal.Decimal `json:"carried_principal_rate"`
	BalanceRate          decimal.Decimal `json:"balance_rate"`
	PlusCharges          bool            `json:"plus_charges"`
	Overdue              PenaltyBase     `json:"overdue"`
	Floor                *money.Amount   `json:"floor,omitempty"`
}

// MinimumBasis is what a minimum payment is computed from: a statement's
// balance split by what each part is.
type MinimumBasis struct {
	Balance          money.Amount `json:"balance"`           // everything billed and unpaid
	NewPrincipal     money.Amount `json:"new_principal"`     // purchase principal new on this statement, after refunds and conversions
	CarriedPrincipal money.Amount `json:"carried_principal"` // principal billed earlier, not overdue
	InstallmentDue   money.Amount `json:"installment_due"`   // installment periods billed and unpaid
	Charges          money.Amount `json:"charges"`           // fees, interest and penalties billed and unpaid
	Overdue          money.Amount `json:"overdue"`           // principal of a statement whose minimum was not paid in time
	MinimumUnpaid    money.Amount `json:"minimum_unpaid"`    // that statement's minimum, still unpaid
}

// Validate reports a rate outside 0 to 1 or a negative floor.
func (m MinimumPayment) Validate() error {
	if err := checkRates("minimum", m.NewPrincipalRate, m.CarriedPrincipalRate, m.BalanceRate); err != nil {
		return err
	}
	for _, r := range []decimal.Decimal{m.NewPrincipalRate, m.CarriedPrincipalRate, m.BalanceRate} {
		if !rates.Unit(r) {
			return &PlanError{Field: "minimum", Reason: "rates must be 0 to 1, not " + r.String()}
		}
	}
	if m.Overdue > OverdueMinimum {
		return &PlanError{Field: "minimum.overdue", Reason: "unknown " + m.Overdue.String()}
	}
	if m.Floor != nil && m.Floor.IsNegative() {
		return &PlanError{Field: "minimum.floor", Reason: "must not be negative"}
	}
	return nil
}

// Compute returns the minimum payment for b.
func (m MinimumPayment) Compute(b MinimumBasis) (money.Amount, error) {
	c := b.Balance.Currency()
	if !b.Balance.IsPositive() {
		return money.Zero(c), nil
	}
	total := money.Zero(c)
	add := func(a money.Amount, err error) error {
		if err != nil {
			return err
		}
		total, err = total.Add(a)
		return err
	}
	if err := add(b.NewPrincipal.MulRate(m.NewPrincipalRate, money.HalfUp)); err != nil {
		return money.Amount{}, err
	}
	carried, overdue := b.CarriedPrincipal, b.Overdue
	if m.Overdue == OverdueMinimum {
		var err error
		if carried, err = carried.Add(b.Overdue); err != nil {
			return money.Amount{}, err
		}
		overdue = b.MinimumUnpaid
	}
	if err := add(carried.MulRate(m.CarriedPrincipalRate, money.HalfUp)); err != nil {
		return money.Amount{}, err
	}
	if err := add(b.Balance.MulRate(m.BalanceRate, money.HalfUp)); err != nil {
		return money.Amount{}, err
	}
	if m.PlusCharges {
		for _, a := range []money.Amount{b.InstallmentDue, b.Charges, overdue} {
			if err := add(a, nil); err != nil {
				return money.Amount{}, err
			}
		}
	}
	if m.Floor != nil {
		var err error
		if total, err = money.Max(total, *m.Floor); err != nil {
			return money.Amount{}, err
		}
	}
	return money.Min(total, b.Balance)
}

// Current returns the basis as it stands once nothing is overdue (a
// re-aged account's, see Account.Reage): the overdue principal counts as
// principal carried from earlier statements and no unpaid minimum is
// added. Its minimum is the account's regular minimum payment.
func (b MinimumBasis) Current() (MinimumBasis, error) {
	if b.Overdue.IsPositive() {
		carried, err := b.CarriedPrincipal.Add(b.Overdue)
		if err != nil {
			return MinimumBasis{}, err
		}
		b.CarriedPrincipal = carried
	}
	b.Overdue = money.Zero(b.Balance.Currency())
	b.MinimumUnpaid = b.Overdue
	return b, nil
}
