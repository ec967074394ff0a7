package calendar

import (
	"errors"
	"strconv"
	"time"
)

// Date is a civil date (year, month, day) with no time of day and no time
// zone: a statement day, a due day, a holiday. It is a small comparable
// value; use == for equality and Compare, Before and After for order.
//
// Dates run from 0001-01-01 through 9999-12-31. The zero Date is no date at
// all: IsZero reports it, it equals only itself, and it prints and encodes
// (text and JSON) as "0000-00-00", which UnmarshalText reads back, so a
// struct holding one round-trips; ParseDate rejects that text, since it is
// no date. Arithmetic whose result leaves the range returns the zero Date.
type Date struct {
	// n is the day number: 1 for 0001-01-01, so that 0 is the zero Date.
	n int32
}

const (
	minYear = 1
	maxYear = 9999
	// unixOffset converts days since 1970-01-01 to day numbers.
	unixOffset = 719163
	lastDay    = 3652059 // the day number of 9999-12-31
)

// ErrInvalidDate is matched (errors.Is) by every error about a date that
// does not exist or cannot be read.
var ErrInvalidDate = errors.New("invalid date")

// DateError reports a date that does not exist, or text that is not one.
type DateError struct {
	Input string // the text or the numbers given
	Err   error  // ErrInvalidDate
}

func (e *DateError) Error() string {
	return "calendar: " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}
func (e *DateError) Unwrap() error { return e.Err }

// NewDate returns the date y-m-d, which must exist: month 1-12, day within
// the month, year 1-9999.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < minYear || y > maxYear || m < time.January || m > time.December || d < 1 || d > DaysIn(y, m) {
		return Date{}, &DateError{Input: strconv.Itoa(y) + "-" + strconv.Itoa(int(m)) + "-" + strconv.Itoa(d), Err: ErrInvalidDate}
	}
	return Date{n: int32(daysFromCivil(y, int(m), d) + unixOffset)}, nil
}

// DateOf returns the date on which the instant t falls in loc. A nil loc
// means UTC; the machine's local zone is never used.
func DateOf(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	if y < minYear || y > maxYear {
		return Date{}
	}
	return Date{n: int32(daysFromCivil(y, int(m), d) + unixOffset)}
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.n == 0 }

// Date returns the year, month and day.
func (d Date) Date() (year int, month time.Month, day int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	y, m, dd := civilFromDays(int(d.n) - unixOffset)
	return y, time.Month(m), dd
}

// Year returns the year.
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Month returns the month.
func (d Date) Month() time.Month { _, m, _ := d.Date(); return m }

// Day returns the day of the month.
func (d Date) Day() int { _, _, dd := d.Date(); return dd }

// Weekday returns the day of the week. 0001-01-01 was a Monday.
func (d Date) Weekday() time.Weekday { return time.Weekday(d.n % 7) }

// Compare returns -1 if d is before e, 0 if they are the same day, +1 if
// after.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Equal reports whether d and e are the same day. It lets go-cmp compare
// structs holding dates without options.
func (d Date) Equal(e Date) bool { return d == e }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.n > e.n }

// AddDays returns the date n days after d (before, if n is negative).
func (d Date) AddDays(n int) Date {
	if d.n == 0 {
		return Date{}
	}
	r := int64(d.n) + int64(n)
	if r < 1 || r > lastDay {
		return Date{}
	}
	return Date{n: int32(r)}
}

// DaysUntil returns the number of days from d to e: positive if e is
// later. 2015-01-01.DaysUntil(2015-01-10) is 9.
func (d Date) DaysUntil(e Date) int { return int(e.n) - int(d.n) }

// AddMonths returns the same day n months after d (before, if n is
// negative), clamped to the last day of the target month: 2015-01-31 plus
// one month is 2015-02-28, and 2016-01-31 plus one month is 2016-02-29.
//
// Clamping loses the day, so a monthly schedule must count every date from
// its anchor (anchor.AddMonths(k) for period k), never from the previous
// date: from 31 January that gives 28/29 February, 31 March, 30 April.
func (d Date) AddMonths(n int) Date {
	if d.n == 0 {
		return Date{}
	}
	y, m, dd := d.Date()
	return monthDay(y, m, n, dd)
}

// monthDay returns day dd (clamped to the month's end) of the month n
// months after month m of year y, or the zero Date out of range.
func monthDay(y int, m time.Month, n, dd int) Date {
	total := int64(y)*12 + int64(m-1) + int64(n)
	ny := total / 12
	nm := time.Month(total%12 + 1)
	if total < 0 || ny < minYear || ny > maxYear {
		return Date{}
	}
	if last := DaysIn(int(ny), nm); dd > last {
		dd = last
	}
	return Date{n: int32(daysFromCivil(int(ny), int(nm), dd) + unixOffset)}
}

// FirstOfMonth returns the first day of d's month.
func (d Date) FirstOfMonth() Date {
	if d.n == 0 {
		return Date{}
	}
	return d.AddDays(1 - d.Day())
}

// LastOfMonth returns the last day of d's month.
func (d Date) LastOfMonth() Date {
	if d.n == 0 {
		return Date{}
	}
	y, m, dd := d.Date()
	return d.AddDays(DaysIn(y, m) - dd)
}

// Start returns the instant d begins in loc (its midnight, or the first
// instant after a daylight-saving gap). A nil loc means UTC.
func (d Date) Start(loc *time.Location) time.Time { return d.At(0, 0, loc) }

// At returns the instant at hour:minute on d in loc. Hour 24 with minute 0
// is the end of the day, the start of the next: a Huabei bill due on
// 2015-01-10 is due at 2015-01-10 24:00 Asia/Shanghai, which is
// 2015-01-10T16:00:00Z. A nil loc means UTC.
func (d Date) At(hour, minute int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, dd := d.Date()
	return time.Date(y, m, dd, hour, minute, 0, 0, loc)
}

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 0 here, since years start at 1
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil, for days >= -719162.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
