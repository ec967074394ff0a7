package billing

import (
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/shopspring/decimal"
)

// DayCount is how interest between two dates is measured, as a fraction of
// a year.
type DayCount uint8

const (
	// Periodic charges the annual rate divided by the periods per year for
	// each period, whatever its length (monthly mortgage practice).
	Periodic  DayCount = iota
	Actual365          // actual days / 365
	Actual360          // actual days / 360
	// Thirty360 counts every month as 30 days (the US "30/360" bond basis:
	// a day 31 counts as 30, and an end day 31 as 30 when the start day is
	// 30 or 31) over a 360-day year.
	Thirty360
	// ActualActual splits the days by calendar year, each over that year's
	// length: days in 365-day years / 365 + days in leap years / 366
	// (ISDA).
	ActualActual
)

func dayCountNames() []string {
	return []string{"periodic", "actual_365", "actual_360", "30_360", "actual_actual"}
}

func (c DayCount) String() string { return textenum.Name("DayCount", c, dayCountNames()) }

// MarshalText encodes the convention's name.
func (c DayCount) MarshalText() ([]byte, error) {
	return textenum.Marshal("DayCount", c, dayCountNames())
}

// UnmarshalText decodes "periodic", "actual_365", "actual_360", "30_360"
// or "actual_actual".
func (c *DayCount) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, b, "DayCount", "day_count", dayCountNames())
}

// YearFraction returns the part of a year from from to to under the
// convention, to 18 decimal places. Periodic has no fraction of its own: it
// returns 1/periodsPerYear.
func (c DayCount) YearFraction(from, to calendar.Date, periodsPerYear int) decimal.Decimal {
	switch c {
	case Actual365:
		return days(from, to).DivRound(decimal.NewFromInt(365), 18)
	case Actual360:
		return days(from, to).DivRound(decimal.NewFromInt(360), 18)
	case Thirty360:
		y1, m1, d1 := from.Date()
		y2, m2, d2 := to.Date()
		if d1 == 31 {
			d1 = 30
		}
		if d2 == 31 && d1 == 30 {
			d2 = 30
		}
		n := 360*(y2-y1) + 30*(int(m2)-int(m1)) + d2 - d1
		return decimal.NewFromInt(int64(n)).DivRound(decimal.NewFromInt(360), 18)
	case ActualActual:
		total := decimal.Zero
		for d := from; d.Before(to); {
			end, _ := calendar.NewDate(d.Year()+1, 1, 1)
			if end.After(to) {
				end = to
			}
			yearDays := int64(365)
			if calendar.DaysIn(d.Year(), 2) == 29 {
				yearDays = 366
			}
			total = total.Add(days(d, end).DivRound(decimal.NewFromInt(yearDays), 18))
			d = end
		}
		return total
	}
	return decimal.NewFromInt(1).DivRound(decimal.NewFromInt(int64(max(1, periodsPerYear))), 18)
}

func days(from, to calendar.Date) decimal.Decimal {
	return decimal.NewFromInt(int64(from.DaysUntil(to)))
}
