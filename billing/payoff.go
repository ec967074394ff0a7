package billing

import (
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// PayoffPolicy says which unpaid fees an early payoff must still pay.
// Sources disagree on Huabei's practice, so it is the product's choice.
// The zero value charges only the fees already billed: the shopper who
// pays off early is never charged for periods not yet billed unless the
// product says so (ChargeAllFees).
type PayoffPolicy uint8

const (
	ChargeBilledFees PayoffPolicy = iota // fees of periods already billed; unbilled fees are waived (the zero value)
	ChargeAllFees                        // every unpaid fee, billed or not
	ChargeNoFees                         // no fee at all: every unpaid fee is waived
)

func payoffPolicyNames() []string { return []string{"charge_billed", "charge_all", "charge_none"} }

func (p PayoffPolicy) String() string {
	return textenum.Name("PayoffPolicy", p, payoffPolicyNames())
}

// MarshalText encodes "charge_all", "charge_billed" or "charge_none".
func (p PayoffPolicy) MarshalText() ([]byte, error) {
	return textenum.Marshal("PayoffPolicy", p, payoffPolicyNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (p *PayoffPolicy) UnmarshalText(b []byte) error {
	return unmarshalEnum(p, b, "PayoffPolicy", "payoff_policy", payoffPolicyNames())
}

// PayoffQuote is what it takes to settle a schedule early.
type PayoffQuote struct {
	On        calendar.Date `json:"on"`
	Principal money.Amount  `json:"principal"` // all unpaid principal
	Fee       money.Amount  `json:"fee"`       // the fees the policy charges
	Interest  money.Amount  `json:"interest"`  // interest due to the payoff date
	Waived    money.Amount  `json:"waived"`    // unpaid fees not charged
	Total     money.Amount  `json:"total"`     // Principal + Fee + Interest
}

// Payoff quotes settling the schedule on date on, when its first paid rows
// have been paid. Interest is charged in full for unpaid periods due by
// then and pro rata by days for the period running on that date; later
// periods' interest is not charged. A quote never exceeds what remains on
// the schedule.
func (s Schedule) Payoff(on calendar.Date, paid int, policy PayoffPolicy) (PayoffQuote, error) {
	if paid < 0 || paid > len(s.Installments) {
		return PayoffQuote{}, &InputError{Arg: "paid", Reason: "must be 0-" + strconv.Itoa(len(s.Installments)) + ", not " + strconv.Itoa(paid)}
	}
	if policy > ChargeNoFees {
		return PayoffQuote{}, &InputError{Arg: "policy", Reason: "unknown " + policy.String()}
	}
	if on.IsZero() || on.Before(s.Start) {
		return PayoffQuote{}, &InputError{Arg: "on", Reason: "must not be before the schedule starts"}
	}
	cur := s.Principal.Currency()
	var principal, fee, waived, interest int64
	periodStart := s.Start
	if paid > 0 {
		periodStart = s.Installments[paid-1].Due
	}
	for _, in := range s.Installments[paid:] {
		principal += in.Principal.Units()
		switch {
		case policy == ChargeAllFees, policy == ChargeBilledFees && !in.Billed.After(on):
			fee += in.Fee.Units()
		default:
			waived += in.Fee.Units()
		}
		switch {
		case !in.Due.After(on):
			interest += in.Interest.Units()
		case periodStart.Before(on) && in.Interest.IsPositive():
			// The period running on the payoff date, pro rata by days.
			share := decimal.NewFromInt(int64(periodStart.DaysUntil(on))).DivRound(decimal.NewFromInt(int64(periodStart.DaysUntil(in.Due))), 18)
			part, err := in.Interest.MulRate(share, money.HalfEven)
			if err != nil {
				return PayoffQuote{}, err
			}
			interest += part.Units()
		}
		periodStart = in.Due
		if periodStart.After(on) {
			periodStart = on // later periods have not begun
		}
	}
	return PayoffQuote{
		On: on, Principal: money.FromMinor(principal, cur), Fee: money.FromMinor(fee, cur),
		Interest: money.FromMinor(interest, cur), Waived: money.FromMinor(waived, cur),
		Total: money.FromMinor(principal+fee+interest, cur),
	}, nil
}
