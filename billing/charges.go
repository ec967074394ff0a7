package billing

import (
	"strconv"

	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// InterestMethod says how interest is charged.
type InterestMethod uint8

const (
	NoInterest InterestMethod = iota
	// RemainderAfterDue (Huabei): after only part of a statement is paid
	// by its due date, DailyRate a day on the principal still unpaid, from
	// the day after the due date, posted on the next statement.
	RemainderAfterDue
	// FromPosting (PRC bank cards): once a statement is not paid in full
	// by its due date, DailyRate a day on every billed purchase's original
	// amount from its posting date through the due date, then on what
	// remains unpaid.
	FromPosting
	// DailyBalance (US cards): APR / DayBasis a day on the daily principal
	// balance, which sums to the average daily balance method. Purchases
	// earn no interest while the holder keeps the grace period by paying
	// each statement in full by its due date.
	DailyBalance
)

func interestMethodNames() []string {
	return []string{"none", "remainder_after_due", "from_posting", "daily_balance"}
}

func (m InterestMethod) String() string {
	return textenum.Name("InterestMethod", m, interestMethodNames())
}

// MarshalText encodes the method's name.
func (m InterestMethod) MarshalText() ([]byte, error) {
	return textenum.Marshal("InterestMethod", m, interestMethodNames())
}

// UnmarshalText decodes "none", "remainder_after_due", "from_posting" or
// "daily_balance".
func (m *InterestMethod) UnmarshalText(b []byte) error {
	return unmarshalEnum(m, b, "InterestMethod", "interest.method", interestMethodNames())
}

// InterestRule is a product's interest rule as data.
type InterestRule struct {
	Method    InterestMethod  `json:"method"`
	DailyRate decimal.Decimal `json:"daily_rate"` // RemainderAfterDue and FromPosting: 0.0005 is 0.05% a day
	APR       decimal.Decimal `json:"apr"`        // DailyBalance
	DayBasis  int             `json:"day_basis"`  // DailyBalance: 365 or 360
}

// daily returns the rule's rate per day.
func (r InterestRule) daily() (DailyRate, error) {
	switch r.Method {
	case NoInterest:
		return DailyRate{}, nil
	case DailyBalance:
		return DailyRateFromAnnual(r.APR, r.DayBasis)
	case RemainderAfterDue, FromPosting:
		return NewDailyRate(r.DailyRate)
	}
	return DailyRate{}, &PlanError{Field: "interest.method", Reason: "unknown " + r.Method.String()}
}

// PenaltyMethod says how lateness is charged.
type PenaltyMethod uint8

const (
	NoPenalty PenaltyMethod = iota
	// OverdueDaily charges DailyRate a day on the overdue amount from the
	// day after the due date and its grace days, while the minimum
	// payment is unpaid.
	OverdueDaily
	// LateFees charges flat fees as the minimum stays unpaid: each tier
	// once, AfterDays after the due date, within the caps.
	LateFees
)

func penaltyMethodNames() []string { return []string{"none", "overdue_daily", "late_fees"} }

func (m PenaltyMethod) String() string {
	return textenum.Name("PenaltyMethod", m, penaltyMethodNames())
}

// MarshalText encodes "none", "overdue_daily" or "late_fees".
func (m PenaltyMethod) MarshalText() ([]byte, error) {
	return textenum.Marshal("PenaltyMethod", m, penaltyMethodNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (m *PenaltyMethod) UnmarshalText(b []byte) error {
	return unmarshalEnum(m, b, "PenaltyMethod", "penalty.method", penaltyMethodNames())
}

// PenaltyBase says what an overdue daily penalty is charged on.
type PenaltyBase uint8

const (
	OverdueBalance PenaltyBase = iota // everything billed, past due and unpaid (principal, fees, installment periods)
	OverdueMinimum                    // the unpaid part of the minimum payment
)

func penaltyBaseNames() []string { return []string{"overdue_balance", "overdue_minimum"} }

func (b PenaltyBase) String() string { return textenum.Name("PenaltyBase", b, penaltyBaseNames()) }

// MarshalText encodes "overdue_balance" or "overdue_minimum".
func (b PenaltyBase) MarshalText() ([]byte, error) {
	return textenum.Marshal("PenaltyBase", b, penaltyBaseNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (b *PenaltyBase) UnmarshalText(text []byte) error {
	return unmarshalEnum(b, text, "PenaltyBase", "penalty.base", penaltyBaseNames())
}

// LateFee is one tier of flat late fees.
type LateFee struct {
	AfterDays int          `json:"after_days"` // charged once the minimum is this many days late (0: the day after the due date and grace)
	Amount    money.Amount `json:"amount"`
}

// PenaltyRule is a product's lateness rule as data. Caps bound the late
// fees charged for one late statement (or item): at most CapRate of its
// balance (or order) and at most CapAmount (Afterpay: 25% and AUD 68).
// ReplacesInterest stops interest on days a penalty runs.
type PenaltyRule struct {
	Method           PenaltyMethod   `json:"method"`
	DailyRate        decimal.Decimal `json:"daily_rate"`
	Base             PenaltyBase     `json:"base"`
	Fees             []LateFee       `json:"fees,omitempty"`
	CapRate          decimal.Decimal `json:"cap_rate"`
	CapAmount        *money.Amount   `json:"cap_amount,omitempty"`
	ReplacesInterest bool            `json:"replaces_interest"`
	// PerItem judges lateness item by item, each against its own due date
	// (pay in 4), instead of by a statement's minimum payment: each late
	// item (an installment, a purchase) is charged the fee tiers on its own,
	// and the caps apply to all the fees of its order together (Klarna US
	// and Afterpay charge per missed payment, within a cap per order).
	PerItem bool `json:"per_item"`
	// CapAtMinimum keeps every late fee at or below the minimum payment
	// that was due (for PerItem, the late item): US Regulation Z, 12 CFR
	// 1026.52(b)(2)(i)(A), forbids a penalty fee above the dollar amount
	// associated with the violation, which for a late payment is "the
	// required minimum periodic payment due immediately prior to
	// assessment of the late payment fee" (official interpretation
	// 52(b)(2)(i)-1; text checked at
	// https://www.nafcu.org/compliance-blog/brief-refresher-credit-card-penalty-fees,
	// 2020-09-11). A USD 30 fee on a USD 0.30 minimum is USD 0.30.
	CapAtMinimum bool `json:"cap_at_minimum,omitempty"`
}

// Validate reports the first field out of range.
func (r PenaltyRule) Validate() error {
	if err := checkRates("penalty", r.DailyRate, r.CapRate); err != nil {
		return err
	}
	switch r.Method {
	case NoPenalty:
	case OverdueDaily:
		if _, err := NewDailyRate(r.DailyRate); err != nil {
			return &PlanError{Field: "penalty.daily_rate", Reason: err.Error()}
		}
	case LateFees:
		for i, f := range r.Fees {
			if f.AfterDays < 0 || !f.Amount.IsPositive() || i > 0 && f.AfterDays <= r.Fees[i-1].AfterDays {
				return &PlanError{Field: "penalty.fees", Reason: "tier " + strconv.Itoa(i) + " needs a positive amount and a later day than the one before"}
			}
		}
	default:
		return &PlanError{Field: "penalty.method", Reason: "unknown " + r.Method.String()}
	}
	if r.Base > OverdueMinimum {
		return &PlanError{Field: "penalty.base", Reason: "unknown " + r.Base.String()}
	}
	if !rates.Unit(r.CapRate) {
		return &PlanError{Field: "penalty.cap_rate", Reason: "must be 0 to 1"}
	}
	// Late fees and their cap are in one currency (the product's, which
	// the product checks).
	for _, f := range r.Fees {
		if f.Amount.Currency() != r.Fees[0].Amount.Currency() || r.CapAmount != nil && r.CapAmount.Currency() != f.Amount.Currency() {
			return &PlanError{Field: "penalty.fees", Reason: "late fees and their cap must be in one currency"}
		}
	}
	return nil
}

// feeCap returns the most late fees a statement with balance may carry.
func (r PenaltyRule) feeCap(balance money.Amount) (money.Amount, error) {
	limit := money.FromMinor(1<<62, balance.Currency())
	if r.CapRate.Sign() > 0 {
		c, err := balance.MulRate(r.CapRate, money.Down)
		if err != nil {
			return money.Amount{}, err
		}
		limit = c
	}
	if r.CapAmount != nil {
		return money.Min(limit, *r.CapAmount)
	}
	return limit, nil
}
