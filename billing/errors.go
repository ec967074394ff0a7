package billing

import (
	"errors"

	"github.com/justspend/justspend/internal/rates"
	"github.com/shopspring/decimal"
)

// Sentinel errors; the typed errors below match them with errors.Is.
var (
	// ErrInvalidPlan: a plan or loan whose fields are out of range.
	ErrInvalidPlan = errors.New("invalid plan")
	// ErrInvalidInput: a principal, date, period or cash flow the
	// computation cannot take.
	ErrInvalidInput = errors.New("invalid input")
	// ErrNoRate: cash flows for which no rate exists in the range the
	// solver searches (for example payments worth less than the amount
	// financed, which would need a negative rate).
	ErrNoRate = errors.New("no rate solves the cash flows")
)

// PlanError reports a plan or loan field out of range. It matches
// ErrInvalidPlan.
type PlanError struct {
	Field  string
	Reason string
}

func (e *PlanError) Error() string { return "billing: plan " + e.Field + ": " + e.Reason }

// Is reports whether target is ErrInvalidPlan.
func (e *PlanError) Is(target error) bool { return target == ErrInvalidPlan }

// InputError reports an argument the computation cannot take. It matches
// ErrInvalidInput.
type InputError struct {
	Arg    string
	Reason string
}

func (e *InputError) Error() string { return "billing: " + e.Arg + ": " + e.Reason }

// Is reports whether target is ErrInvalidInput.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }

// checkRates refuses a decimal with more than 40 decimal places or digits
// in field: no rate needs them, and comparing one of millions of places
// would take minutes.
func checkRates(field string, ds ...decimal.Decimal) error {
	for _, d := range ds {
		if !rates.Sane(d) {
			return &PlanError{Field: field, Reason: "has more decimal places or digits than any rate needs (at most 40)"}
		}
	}
	return nil
}
