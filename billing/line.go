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
)

func lineKindNames() []string {
	return []string{"purchase", "installment_purchase", "installment_fee", "fee", "interest", "penalty",
		"payment", "refund", "waiver", "conversion", "payout"}
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
type Line struct {
	Kind   LineKind      `json:"kind"`
	Date   calendar.Date `json:"date"`
	Ref    string        `json:"ref,omitempty"`
	Amount money.Amount  `json:"amount"`
}
