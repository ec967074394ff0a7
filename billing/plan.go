package billing

import (
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// FeeModel says how an installment plan's fee is computed.
type FeeModel uint8

const (
	NoFee         FeeModel = iota // no fee
	TotalRate                     // FeeRate of the principal for the whole plan, spread over the periods (Huabei)
	PerPeriodRate                 // FeeRate of the original principal every period (JD Baitiao, bank cards)
	FlatFee                       // a fixed amount, paid with the first installment
)

func feeModelNames() []string { return []string{"none", "total_rate", "per_period_rate", "flat"} }

func (m FeeModel) String() string { return textenum.Name("FeeModel", m, feeModelNames()) }

// MarshalText encodes "none", "total_rate", "per_period_rate" or "flat".
func (m FeeModel) MarshalText() ([]byte, error) {
	return textenum.Marshal("FeeModel", m, feeModelNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (m *FeeModel) UnmarshalText(b []byte) error {
	return unmarshalEnum(m, b, "FeeModel", "fee_model", feeModelNames())
}

// FeePayer says who pays an installment plan's fee.
type FeePayer uint8

const (
	Buyer    FeePayer = iota // the shopper, in each installment
	Merchant                 // the merchant ("interest-free" promotions); the shopper pays principal only
	// SharedFee splits the fee: the merchant pays the plan's MerchantShare
	// of it, rounded half-even to the minor unit, and the shopper the
	// rest, in the installments.
	SharedFee
)

func feePayerNames() []string { return []string{"buyer", "merchant", "shared"} }

func (p FeePayer) String() string { return textenum.Name("FeePayer", p, feePayerNames()) }

// MarshalText encodes "buyer", "merchant" or "shared".
func (p FeePayer) MarshalText() ([]byte, error) {
	return textenum.Marshal("FeePayer", p, feePayerNames())
}

// UnmarshalText decodes "buyer", "merchant" or "shared".
func (p *FeePayer) UnmarshalText(b []byte) error {
	return unmarshalEnum(p, b, "FeePayer", "fee_payer", feePayerNames())
}

// SplitRule says how principal and fee are divided between periods.
type SplitRule uint8

const (
	// AlipaySplit is Alipay's published buyer-fee rule: the total fee is the
	// principal times the rate rounded half-even to the fen; each period
	// pays the principal and the fee divided by the number of periods,
	// rounded down; whatever that leaves over goes into period 1.
	AlipaySplit SplitRule = iota
	// HalfUpLastSplit rounds each period's share half-up and puts the
	// remainder, up or down, into the last period. The total fee is
	// rounded half-up.
	HalfUpLastSplit
)

func splitRuleNames() []string { return []string{"alipay", "half_up_last"} }

func (r SplitRule) String() string { return textenum.Name("SplitRule", r, splitRuleNames()) }

// MarshalText encodes "alipay" or "half_up_last".
func (r SplitRule) MarshalText() ([]byte, error) {
	return textenum.Marshal("SplitRule", r, splitRuleNames())
}

// UnmarshalText decodes "alipay" or "half_up_last".
func (r *SplitRule) UnmarshalText(b []byte) error {
	return unmarshalEnum(r, b, "SplitRule", "split", splitRuleNames())
}

// Plan is an installment plan as data: how many periods, what it costs,
// who pays, how amounts are rounded and when each period is due. It loads
// from JSON, for example Huabei's 6 periods at 4.5%:
//
//	{"periods": 6, "fee_model": "total_rate", "fee_rate": "0.045", "fee_payer": "buyer",
//	 "split": "alipay", "due": {"kind": "monthly", "months": 1}, "bill_days_before_due": 9}
type Plan struct {
	Name     string          `json:"name,omitempty"`
	Periods  int             `json:"periods"`            // 1-360 installments after any down payment
	FeeModel FeeModel        `json:"fee_model"`          // how the fee is computed
	FeeRate  decimal.Decimal `json:"fee_rate"`           // TotalRate or PerPeriodRate: 0 to 1
	Flat     *money.Amount   `json:"flat_fee,omitempty"` // FlatFee: the amount, in the principal's currency
	FeePayer FeePayer        `json:"fee_payer"`          // buyer, merchant or shared
	// MerchantShare is the part of the fee the merchant pays when FeePayer
	// is SharedFee: strictly between 0 and 1 ("0.5" for half), and zero
	// for any other payer.
	MerchantShare decimal.Decimal   `json:"merchant_share,omitzero"`
	Split         SplitRule         `json:"split"` // rounding of principal and fee shares
	Due           calendar.DateRule `json:"due"`   // period k is due on Due.Nth(start, k)
	// BillDaysBeforeDue is how many days before its due date a period
	// is billed (Huabei: statement on the 1st, due on the 10th, so 9). Early
	// payoff policies use it to tell billed periods from unbilled ones.
	BillDaysBeforeDue int `json:"bill_days_before_due,omitempty"`
	// DownPayment is the share of the principal due on the start date, before
	// the periods ("pay in 4": 0.25 now, then 3 payments). Zero for none.
	DownPayment decimal.Decimal `json:"down_payment,omitempty"`
	// FreePeriods waives the shopper's fee of periods 1 to FreePeriods (an
	// interest-free coupon: 3 of 12 periods free); FreePeriods >= Periods
	// waives it all. A fee paid up front with a down payment counts as
	// period 1's. What is waived is Schedule.PromotionFee, which a
	// promotion funds: the shopper's statements show only what the shopper
	// owes. 0, the default, waives nothing.
	FreePeriods int `json:"free_periods,omitempty"`
}

// MaxPeriods is the most installments a plan or loan may have.
const MaxPeriods = 600

// Validate reports the first field out of range.
func (p Plan) Validate() error {
	if err := checkRates("fee_rate", p.FeeRate, p.DownPayment); err != nil {
		return err
	}
	if err := checkRates("merchant_share", p.MerchantShare); err != nil {
		return err
	}
	if p.Periods < 1 || p.Periods > MaxPeriods {
		return &PlanError{Field: "periods", Reason: "must be 1-" + strconv.Itoa(MaxPeriods) + ", not " + strconv.Itoa(p.Periods)}
	}
	switch p.FeeModel {
	case NoFee:
		if !p.FeeRate.IsZero() || p.Flat != nil {
			return &PlanError{Field: "fee_rate", Reason: "a plan without fee has no rate or flat fee"}
		}
	case TotalRate, PerPeriodRate:
		if !rates.Unit(p.FeeRate) {
			return &PlanError{Field: "fee_rate", Reason: "must be 0 to 1, not " + p.FeeRate.String()}
		}
	case FlatFee:
		if p.Flat == nil || p.Flat.IsNegative() || !p.Flat.Currency().IsValid() {
			return &PlanError{Field: "flat_fee", Reason: "a flat fee needs a non-negative amount"}
		}
	default:
		return &PlanError{Field: "fee_model", Reason: "unknown model " + p.FeeModel.String()}
	}
	if p.FeePayer > SharedFee {
		return &PlanError{Field: "fee_payer", Reason: "unknown payer " + p.FeePayer.String()}
	}
	switch {
	case p.FeePayer == SharedFee && (p.MerchantShare.Sign() <= 0 || p.MerchantShare.GreaterThanOrEqual(decimal.NewFromInt(1))):
		return &PlanError{Field: "merchant_share", Reason: "a shared fee needs a merchant share strictly between 0 and 1, not " + p.MerchantShare.String()}
	case p.FeePayer != SharedFee && !p.MerchantShare.IsZero():
		return &PlanError{Field: "merchant_share", Reason: "only a shared fee (fee_payer \"shared\") has a merchant share"}
	}
	if p.FreePeriods < 0 || p.FreePeriods > MaxPeriods {
		return &PlanError{Field: "free_periods", Reason: "must be 0-" + strconv.Itoa(MaxPeriods) + ", not " + strconv.Itoa(p.FreePeriods)}
	}
	if p.Split > HalfUpLastSplit {
		return &PlanError{Field: "split", Reason: "unknown rule " + p.Split.String()}
	}
	if err := p.Due.Validate(); err != nil {
		return &PlanError{Field: "due", Reason: err.Error()}
	}
	if p.BillDaysBeforeDue < 0 || p.BillDaysBeforeDue > 366 {
		return &PlanError{Field: "bill_days_before_due", Reason: "must be 0-366"}
	}
	if p.DownPayment.Sign() < 0 || p.DownPayment.GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return &PlanError{Field: "down_payment", Reason: "must be at least 0 and below 1, not " + p.DownPayment.String()}
	}
	return nil
}
