package calendar

import (
	"time"

	"github.com/rickar/cal/v2"
)

// Rickar adapts a github.com/rickar/cal/v2 business calendar (its country
// packages hold the holidays of the US, GB, JP and many more) to
// WorkingDays. rickar computes holidays by rule, so every date is covered.
//
//	c := cal.NewBusinessCalendar()
//	c.AddHoliday(us.Holidays...)
//	usDays := calendar.Rickar{Name: "US", Calendar: c}
//
// Safe for concurrent use as long as the wrapped calendar is no longer
// changed (rickar v2.1.16 and later guard their holiday cache).
type Rickar struct {
	Name     string
	Calendar *cal.BusinessCalendar
}

// IsWorkingDay asks the wrapped calendar about noon UTC on d, well away
// from any day boundary.
func (r Rickar) IsWorkingDay(d Date) (bool, error) {
	if r.Calendar == nil || d.IsZero() {
		return false, &CoverageError{Calendar: r.Name, Date: d}
	}
	return r.Calendar.IsWorkday(d.At(12, 0, time.UTC)), nil
}
