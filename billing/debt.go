package billing

import (
	"slices"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Component is what a piece of debt is for.
type Component uint8

const (
	Principal Component = iota
	Fee
	Interest
	Penalty
)

func componentNames() []string { return []string{"principal", "fee", "interest", "penalty"} }

func (c Component) String() string { return textenum.Name("Component", c, componentNames()) }

// MarshalText encodes "principal", "fee", "interest" or "penalty".
func (c Component) MarshalText() ([]byte, error) {
	return textenum.Marshal("Component", c, componentNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (c *Component) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, b, "Component", "component", componentNames())
}

// DebtKind says which kind of borrowing a piece of debt belongs to.
type DebtKind uint8

const (
	RegularDebt     DebtKind = iota // ordinary use of the fixed limit
	TemporaryDebt                   // use of a temporary limit, repaid first
	InstallmentDebt                 // a period of an installment plan
)

func debtKindNames() []string { return []string{"regular", "temporary", "installment"} }

func (k DebtKind) String() string { return textenum.Name("DebtKind", k, debtKindNames()) }

// MarshalText encodes "regular", "temporary" or "installment".
func (k DebtKind) MarshalText() ([]byte, error) {
	return textenum.Marshal("DebtKind", k, debtKindNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (k *DebtKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, b, "DebtKind", "kind", debtKindNames())
}

// Status is where a piece of debt stands on a date.
type Status uint8

const (
	NotYetDue Status = iota // not yet billed
	DueNow                  // billed, and not yet late
	PastDue                 // billed, and its due date and grace days have passed
)

func statusNames() []string { return []string{"not_yet_due", "due", "past_due"} }

func (s Status) String() string { return textenum.Name("Status", s, statusNames()) }

// MarshalText encodes "not_yet_due", "due" or "past_due".
func (s Status) MarshalText() ([]byte, error) { return textenum.Marshal("Status", s, statusNames()) }

// UnmarshalText decodes the names MarshalText writes.
func (s *Status) UnmarshalText(b []byte) error {
	return unmarshalEnum(s, b, "Status", "status", statusNames())
}

// Debt is one outstanding piece of what a holder owes: a purchase's
// principal, a fee, interest, a penalty, or one period of an installment
// plan. Amount is what is still owed; Original what it was when incurred.
type Debt struct {
	Ref       string          `json:"ref"`       // the purchase, plan or charge it comes from
	Kind      DebtKind        `json:"kind"`      // regular, temporary or installment
	Component Component       `json:"component"` // principal, fee, interest or penalty
	Period    int             `json:"period,omitempty"`
	Posted    calendar.Date   `json:"posted"`           // when it was incurred: its age
	BillOn    calendar.Date   `json:"bill_on,omitzero"` // installments: the statement that bills it
	Billed    calendar.Date   `json:"billed,omitzero"`  // the statement it was billed on; zero until then
	Due       calendar.Date   `json:"due,omitzero"`     // when it is due, once known
	APR       decimal.Decimal `json:"apr"`              // its annual rate, for highest-rate-first allocation
	Original  money.Amount    `json:"original"`
	Amount    money.Amount    `json:"amount"`
	Order     money.Amount    `json:"order,omitzero"`       // the whole purchase it belongs to, for late-fee caps
	LateTiers int             `json:"late_tiers,omitempty"` // late-fee tiers charged on it (PenaltyRule.PerItem)
	// FirstDue is the due date a re-age moved (Account.Reage), zero if
	// none did: interest that runs after a due date (RemainderAfterDue,
	// FromPosting) keeps running from it, as it would on a current
	// account carrying the debt.
	FirstDue calendar.Date `json:"first_due,omitzero"`

	// ChargedOff marks a debt of a charged-off account (ChargeOffRule).
	ChargedOff bool `json:"charged_off,omitempty"`
}

// Status returns where the debt stands on date on, given the grace days
// that follow a due date.
func (d Debt) Status(on calendar.Date, graceDays int) Status {
	switch {
	case d.Billed.IsZero():
		return NotYetDue
	case on.After(d.Due.AddDays(graceDays)):
		return PastDue
	}
	return DueNow
}

// withoutPaidOff removes the pieces owing nothing, in place.
func withoutPaidOff(debts []Debt) []Debt {
	return slices.DeleteFunc(debts, func(d Debt) bool { return d.Amount.IsZero() })
}
