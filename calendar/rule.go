package calendar

import (
	"errors"
	"strconv"
)

// RuleKind names the shape of a DateRule.
type RuleKind uint8

const (
	// DayOfMonthAfter is "day Day of the month Months after X's": Huabei's
	// "by the 10th of the month following delivery" is Day 10, Months 1.
	// A day beyond the month's end means its last day.
	DayOfMonthAfter RuleKind = iota + 1
	// DaysAfter is "X plus Days days": JD Baitiao's statement day + 9, or
	// order mode's 30 days after the purchase.
	DaysAfter
	// Monthly is "the same day as X every Months months", clamped to the
	// month's end and always counted from X: installment due dates.
	Monthly
)

// String returns the kind's name as used in JSON; the zero RuleKind, no
// rule at all, is "".
func (k RuleKind) String() string {
	switch k {
	case 0:
		return ""
	case DayOfMonthAfter:
		return "day_of_month_after"
	case DaysAfter:
		return "days_after"
	case Monthly:
		return "monthly"
	}
	return "RuleKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes the kind's name: "" for the zero RuleKind, so that
// the zero DateRule encodes (Validate refuses it).
func (k RuleKind) MarshalText() ([]byte, error) {
	if k > Monthly {
		return nil, &RuleError{Field: "kind", Reason: "unknown kind " + k.String()}
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes "day_of_month_after", "days_after", "monthly" or
// "" (the zero RuleKind).
func (k *RuleKind) UnmarshalText(b []byte) error {
	for i := RuleKind(0); i <= Monthly; i++ {
		if string(b) == i.String() {
			*k = i
			return nil
		}
	}
	return &RuleError{Field: "kind", Reason: "unknown kind " + strconv.Quote(string(b))}
}

// DateRule computes a date from another one: a due date from a delivery or
// statement date, an installment's due date from its anchor. It is data:
// it loads from JSON such as {"kind":"day_of_month_after","day":10,
// "months":1,"roll":"following"}, and Validate checks it.
type DateRule struct {
	Kind   RuleKind `json:"kind"`
	Day    int      `json:"day,omitempty"`    // DayOfMonthAfter: 1-31
	Months int      `json:"months,omitempty"` // DayOfMonthAfter: 0 or more (0 = X's own month); Monthly: 1 or more
	Days   int      `json:"days,omitempty"`   // DaysAfter: 0-3660
	Roll   Roll     `json:"roll,omitempty"`   // business-day convention applied last
}

// ErrInvalidRule is matched by every error about a DateRule or Roll.
var ErrInvalidRule = errors.New("invalid date rule")

// RuleError reports a DateRule field that is out of range.
type RuleError struct {
	Field  string
	Reason string
}

func (e *RuleError) Error() string { return "calendar: date rule " + e.Field + ": " + e.Reason }

// Is reports whether target is ErrInvalidRule.
func (e *RuleError) Is(target error) bool { return target == ErrInvalidRule }

// Validate reports the first field out of range for the rule's kind.
func (r DateRule) Validate() error {
	if r.Roll > ModifiedPreceding {
		return &RuleError{Field: "roll", Reason: "unknown convention " + r.Roll.String()}
	}
	switch r.Kind {
	case DayOfMonthAfter:
		if r.Day < 1 || r.Day > 31 {
			return &RuleError{Field: "day", Reason: "must be 1-31, not " + strconv.Itoa(r.Day)}
		}
		if r.Months < 0 || r.Months > 120 {
			return &RuleError{Field: "months", Reason: "must be 0-120, not " + strconv.Itoa(r.Months)}
		}
	case DaysAfter:
		if r.Days < 0 || r.Days > 3660 {
			return &RuleError{Field: "days", Reason: "must be 0-3660, not " + strconv.Itoa(r.Days)}
		}
	case Monthly:
		if r.Months < 1 || r.Months > 120 {
			return &RuleError{Field: "months", Reason: "must be 1-120, not " + strconv.Itoa(r.Months)}
		}
	default:
		return &RuleError{Field: "kind", Reason: "unknown kind " + r.Kind.String()}
	}
	return nil
}

// Date returns the rule's date for x: Nth(c, x, 1).
func (r DateRule) Date(c WorkingDays, x Date) (Date, error) { return r.Nth(c, x, 1) }

// Nth returns the rule's n-th date from x (n >= 1), before rolling:
// DayOfMonthAfter takes day Day of the month n*Months after x's; DaysAfter
// x + n*Days; Monthly x.AddMonths(n*Months). The roll, if any, is then
// applied on calendar c (which may be nil with NoRoll).
func (r DateRule) Nth(c WorkingDays, x Date, n int) (Date, error) {
	if err := r.Validate(); err != nil {
		return Date{}, err
	}
	if n < 1 || n > 1200 {
		return Date{}, &RuleError{Field: "n", Reason: "period must be 1-1200, not " + strconv.Itoa(n)}
	}
	if x.IsZero() {
		return Date{}, &DateError{Input: "0000-00-00", Err: ErrInvalidDate}
	}
	var d Date
	switch r.Kind {
	case DayOfMonthAfter:
		y, m, _ := x.Date()
		d = monthDay(y, m, n*r.Months, r.Day)
	case DaysAfter:
		d = x.AddDays(n * r.Days)
	case Monthly:
		d = x.AddMonths(n * r.Months)
	}
	if d.IsZero() {
		return Date{}, &DateError{Input: x.String() + " + rule", Err: ErrInvalidDate}
	}
	return RollDate(c, d, r.Roll)
}
