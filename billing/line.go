package billing

import (
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
)

// LineKind is what a statement line records.
type LineKind uint8

const (
	PurchaseLine            LineKind = iota // a purchase posted (+)
	InstallmentPurchaseLine                 // principal put on an installment plan (+)
	InstallmentFeeLine                      // the whole fee of an installment plan, owed over its periods (+)
	FeeLine                                 // a fee, such as a late fee (+)
	InterestLine                            // interest posted (+)
	PenaltyLine                             // penalty posted (+)
	PaymentLine                             // a payment (−)
	RefundLine                              // a refund (−)
	WaiverLine                              // a fee waived (−)
	ConversionLine                          // statement principal moved onto an installment plan (−)
	PayoutLine                              // a credit balance paid out to the holder (+)
	ReversalLine                            // a payment reversed: it bounced or was charged back (+)
	// ChargeOffLine and ChargedOffLine come in a pair when debt is
	// charged off: the debt leaves the balance the holder is billed (−)
	// and the same amount is owed as a charged-off balance (+), so that
	// what the holder owes does not change.
	ChargeOffLine
	ChargedOffLine
	RecoveryLine // a payment of a charged-off balance (−)
	WriteOffLine // a small remainder written off (−): see WriteOffRule
	// DeferralLine records a due date moved later (Account.Defer): its
	// Amount is zero and its Ref is "due:" and the new due date.
	DeferralLine
	// ReageLine records an account re-aged (Account.Reage): its Amount is
	// zero and its Ref is "due:", the oldest due date the account was past
	// due by, ".." and the due date what was past due moved to.
	ReageLine
)

func lineKindNames() []string {
	return []string{"purchase", "installment_purchase", "installment_fee", "fee", "interest", "penalty",
		"payment", "refund", "waiver", "conversion", "payout", "reversal", "charge_off", "charged_off", "recovery", "write_off", "deferral", "reage"}
}

func (k LineKind) String() string { return textenum.Name("LineKind", k, lineKindNames()) }

// MarshalText encodes the kind's name.
func (k LineKind) MarshalText() ([]byte, error) {
	return textenum.Marshal("LineKind", k, lineKindNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (k *LineKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, b, "LineKind", "kind", lineKindNames())
}

// Line is one itemized movement on an account. Amount is signed: a charge
// raises what the holder owes (net of any credit balance) and a credit
// lowers it, so the lines of a cycle sum to the change in the balance.
//
// Date is the day the line was recorded. ValueDate, when set, is the
// earlier day a payment or refund counts from: the money arrived then and
// was recorded later (a settlement file that came in after the nightly
// run), and the account was worked out as if it had been recorded on
// time; what that changed in interest, penalties and fees follows as
// lines of those kinds with Ref "correction".
type Line struct {
	Kind      LineKind      `json:"kind"`
	Date      calendar.Date `json:"date"`
	ValueDate calendar.Date `json:"value_date,omitzero"`
	Ref       string        `json:"ref,omitempty"`
	Amount    money.Amount  `json:"amount"`
}
