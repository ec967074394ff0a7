package calendar

import (
	"errors"
	"time"
)

// WorkingDays is the one question billing asks a business calendar: is
// this date a working day? An implementation that has no data for a date
// says so with an error matching ErrNotCovered rather than guessing.
// Implementations must be safe for concurrent use.
type WorkingDays interface {
	IsWorkingDay(d Date) (bool, error)
}

// ErrNotCovered is matched by the error a calendar returns for a date its
// data does not cover, such as a day of a year whose holiday notice has not
// been published or loaded.
var ErrNotCovered = errors.New("date not covered by the calendar's data")

// CoverageError reports a date outside a calendar's data. It matches
// ErrNotCovered.
type CoverageError struct {
	Calendar string
	Date     Date
}

func (e *CoverageError) Error() string {
	return "calendar: " + e.Calendar + ": " + e.Date.String() + ": " + ErrNotCovered.Error()
}

// Is reports whether target is ErrNotCovered.
func (e *CoverageError) Is(target error) bool { return target == ErrNotCovered }

// MondayToFriday is a calendar whose working days are Monday to Friday,
// with no holidays. It covers every date.
type MondayToFriday struct{}

// IsWorkingDay reports whether d is a weekday.
func (MondayToFriday) IsWorkingDay(d Date) (bool, error) {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, nil
}
