package credit

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// LineStatus is whether a line can be used.
type LineStatus uint8

const (
	Active LineStatus = iota // authorizations allowed
	Frozen                   // no new authorizations; everything else continues
	Closed                   // nothing more: closed only with nothing owed and nothing pending
)

func lineStatusNames() []string { return []string{"active", "frozen", "closed"} }

func (s LineStatus) String() string { return textenum.Name("LineStatus", s, lineStatusNames()) }

// MarshalText encodes "active", "frozen" or "closed".
func (s LineStatus) MarshalText() ([]byte, error) {
	return textenum.Marshal("LineStatus", s, lineStatusNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (s *LineStatus) UnmarshalText(b []byte) error {
	v, err := textenum.Parse[LineStatus]("LineStatus", string(b), lineStatusNames())
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// TempLimit is a temporary credit limit on top of the fixed one. It is used
// after the fixed limit and repaid first; once it expires, what is still
// used of it shows as negative available credit until repaid.
type TempLimit struct {
	ID      string        `json:"id"`
	Amount  money.Amount  `json:"amount"`
	Expires calendar.Date `json:"expires"` // the first day it no longer applies
}

// Hold is credit held by an authorization that is not yet captured.
type Hold struct {
	Purchase string        `json:"purchase"`
	Amount   money.Amount  `json:"amount"`
	Expires  calendar.Date `json:"expires"` // the first day it is released
}

// PurchaseState is where a purchase is in its life.
type PurchaseState uint8

const (
	Authorized PurchaseState = iota // credit held, nothing captured
	Captured                        // some or all captured; waiting for delivery where the product bills by delivery
	Posted                          // on the line's account, billed on its cycle
	Voided                          // authorization cancelled before capture
	Expired                         // hold lapsed before capture
)

func purchaseStateNames() []string {
	return []string{"authorized", "captured", "posted", "voided", "expired"}
}

func (s PurchaseState) String() string {
	return textenum.Name("PurchaseState", s, purchaseStateNames())
}

// MarshalText encodes the state's name.
func (s PurchaseState) MarshalText() ([]byte, error) {
	return textenum.Marshal("PurchaseState", s, purchaseStateNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (s *PurchaseState) UnmarshalText(b []byte) error {
	v, err := textenum.Parse[PurchaseState]("PurchaseState", string(b), purchaseStateNames())
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Purchase is one purchase on a line, from authorization to refund.
type Purchase struct {
	ID       string        `json:"id"`
	Merchant Merchant      `json:"merchant"`
	State    PurchaseState `json:"state"`
	// Authorized is the amount in the line's currency; for a purchase priced
	// in another currency, Original is the price and Rate the stated rate it
	// was converted at.
	Authorized     money.Amount        `json:"authorized"`
	Original       money.Amount        `json:"original"`
	Rate           *money.ExchangeRate `json:"rate,omitempty"`
	Captured       money.Amount        `json:"captured"`
	Pending        money.Amount        `json:"pending"` // captured but not yet posted (awaiting delivery)
	Refunded       money.Amount        `json:"refunded"`
	Plan           string              `json:"plan,omitempty"` // the name of the product's installment plan it takes; "" for none
	Schedule       *billing.Schedule   `json:"schedule,omitempty"`
	Posted         money.Amount        `json:"posted"`          // captured and posted to the line's account
	RefundedPosted money.Amount        `json:"refunded_posted"` // refunded of what was posted
	MerchantFees   money.Amount        `json:"merchant_fees"`   // the service and funded installment fees the merchant paid on what was posted
	FeesReturned   money.Amount        `json:"fees_returned"`   // of them, returned to the merchant with refunds
	// Settlement is what the merchant is owed: Posted − MerchantFees −
	// RefundedPosted + FeesReturned. A refund gives the merchant back its
	// fees in proportion to what it refunds of what was posted.
	Settlement   money.Amount  `json:"settlement"`
	AuthorizedOn calendar.Date `json:"authorized_on"`
	CapturedOn   calendar.Date `json:"captured_on,omitzero"` // the last capture: receipt is confirmed automatically from it (Product.AutoConfirm)
	PostedOn     calendar.Date `json:"posted_on,omitzero"`
	// RefundRequested is the day a refund request was opened, while it is
	// open; PausedDays the days requests have been open before, which the
	// automatic confirmation does not count.
	RefundRequested calendar.Date `json:"refund_requested,omitzero"`
	PausedDays      int           `json:"paused_days,omitempty"`
	// AutoConfirmed is set when the Engine confirmed receipt for the
	// shopper (Product.AutoConfirm) rather than the shopper or host.
	AutoConfirmed bool `json:"auto_confirmed,omitempty"`
	// Rescheduled is the day its installment plan was rescheduled
	// (Engine.Reschedule); zero if it never was.
	Rescheduled calendar.Date `json:"rescheduled,omitzero"`
	// Promotion is what a campaign's coupon gave the purchase
	// (Authorize.Campaign); zero for none.
	Promotion Promotion `json:"promotion,omitzero"`
}

// Merchant is what a host knows of a merchant at checkout.
type Merchant struct {
	ID       string `json:"id"`
	Enrolled bool   `json:"enrolled"`
	Category string `json:"category"`
	// FeeRate overrides the product's merchant service fee, as a decimal
	// string ("0.006"); empty for the product's.
	FeeRate string `json:"fee_rate,omitempty"`
	// FundsInstallmentFees: the merchant pays the installment fees of
	// plans chosen at its checkout ("interest-free" promotions).
	FundsInstallmentFees bool `json:"funds_installment_fees"`
	// FeeShare is the part of the installment fees of plans chosen at its
	// checkout that the merchant pays, as a decimal string strictly
	// between 0 and 1 ("0.5" for half; billing.SharedFee); the shopper
	// pays the rest. Empty, the zero value, for the plan's own terms. It
	// only ever adds to the merchant's part: on a plan the merchant pays
	// in full it changes nothing, and on a shared plan the larger of the
	// two shares applies. It cannot be given with FundsInstallmentFees,
	// which is all of them.
	FeeShare string `json:"fee_share,omitempty"`
}

// check reports the first field of m a checkout cannot take: an ID (the
// merchant's account in the journal's postings) and category that are
// clean text, and a fee rate, when given, that is a decimal from 0 to 1.
func (m Merchant) check(op string) error {
	if err := firstError(idError(op, "merchant.id", m.ID, true, CodeMissingID),
		idError(op, "merchant.category", m.Category, false, "")); err != nil {
		return err
	}
	if m.FeeShare != "" {
		if m.FundsInstallmentFees {
			return &CommandError{Op: op, Code: CodeBadFeeRate, Field: "merchant.fee_share", Reason: "a merchant that funds the installment fees pays all of them: give no share"}
		}
		r, err := decimal.NewFromString(m.FeeShare)
		if len(m.FeeShare) > 32 || err != nil || !rates.Sane(r) || r.Sign() <= 0 || r.GreaterThanOrEqual(decimal.NewFromInt(1)) {
			return &CommandError{Op: op, Code: CodeBadFeeRate, Field: "merchant.fee_share",
				Reason: "must be a decimal strictly between 0 and 1, such as \"0.5\", not " + strconv.Quote(m.FeeShare)}
		}
	}
	if m.FeeRate == "" {
		return nil
	}
	if len(m.FeeRate) > 32 {
		return &CommandError{Op: op, Code: CodeBadFeeRate, Field: "merchant.fee_rate", Reason: "is longer than any rate needs"}
	}
	r, err := decimal.NewFromString(m.FeeRate)
	if err != nil || !rates.Sane(r) || !rates.Unit(r) {
		return &CommandError{Op: op, Code: CodeBadFeeRate, Field: "merchant.fee_rate",
			Reason: "must be a decimal from 0 to 1, such as \"0.006\", not " + strconv.Quote(m.FeeRate)}
	}
	return nil
}
