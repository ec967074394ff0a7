package billing

import (
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// Rules gathers what a product decides about billing: its cycle, interest,
// penalties, minimum payment, payment allocation and the rounding of posted
// interest and penalties. Calendar is the working-day calendar for the due
// rule's roll; it is not part of the JSON form (the product names it).
type Rules struct {
	Cycle      CycleRule            `json:"cycle"`
	Interest   InterestRule         `json:"interest"`
	Penalty    PenaltyRule          `json:"penalty"`
	Minimum    MinimumPayment       `json:"minimum"`
	Allocation Allocation           `json:"allocation"`
	Rounding   money.Rounding       `json:"rounding"`
	Calendar   calendar.WorkingDays `json:"-"`

	// ChargeOff is when the account's debt is charged off, and WriteOff
	// what small remainders are written off; the zero values do neither.
	ChargeOff ChargeOffRule `json:"charge_off,omitzero"`
	WriteOff  WriteOffRule  `json:"write_off,omitzero"`
}

// Validate reports the first rule out of range. Rounding must not be
// Exact: accrued interest is rarely a whole number of minor units.
func (r Rules) Validate() error {
	if err := checkRates("interest", r.Interest.DailyRate, r.Interest.APR); err != nil {
		return err
	}
	if err := r.Cycle.Validate(); err != nil {
		return err
	}
	if _, err := r.Interest.daily(); err != nil {
		return &PlanError{Field: "interest", Reason: err.Error()}
	}
	if err := r.Penalty.Validate(); err != nil {
		return err
	}
	if err := r.Minimum.Validate(); err != nil {
		return err
	}
	if r.Rounding == money.Exact || r.Rounding > money.Floor {
		return &PlanError{Field: "rounding", Reason: "interest needs a rounding mode, not " + r.Rounding.String()}
	}
	if err := r.ChargeOff.Validate(); err != nil {
		return err
	}
	return r.WriteOff.Validate()
}
