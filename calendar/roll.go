package calendar

import (
	"errors"
	"strconv"
)

// Roll is a business-day convention: what to do with a date that is not a
// working day.
type Roll uint8

const (
	NoRoll            Roll = iota // keep the date as it is
	Following                     // the next working day
	ModifiedFollowing             // the next working day, unless it is in the next month: then the previous one
	Preceding                     // the previous working day
	ModifiedPreceding             // the previous working day, unless it is in the previous month: then the next one
)

// maxSearch bounds how far a roll looks for a working day, so that a
// calendar with no working days cannot make it loop for ever.
const maxSearch = 366

// ErrNoWorkingDay is returned when no working day lies within a year of
// where a roll or count looked.
var ErrNoWorkingDay = errors.New("calendar: no working day within a year")

// String returns the convention's name as used in JSON: "none",
// "following", "modified_following", "preceding" or "modified_preceding".
func (r Roll) String() string {
	switch r {
	case NoRoll:
		return "none"
	case Following:
		return "following"
	case ModifiedFollowing:
		return "modified_following"
	case Preceding:
		return "preceding"
	case ModifiedPreceding:
		return "modified_preceding"
	}
	return "Roll(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText encodes the convention's name.
func (r Roll) MarshalText() ([]byte, error) {
	if r > ModifiedPreceding {
		return nil, &RuleError{Field: "roll", Reason: "unknown convention " + r.String()}
	}
	return []byte(r.String()), nil
}

// UnmarshalText decodes a convention's name; "" is NoRoll.
func (r *Roll) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*r = NoRoll
		return nil
	}
	for i := NoRoll; i <= ModifiedPreceding; i++ {
		if s == i.String() {
			*r = i
			return nil
		}
	}
	return &RuleError{Field: "roll", Reason: "unknown convention " + strconv.Quote(s)}
}

// RollDate applies convention r to d on calendar c. A working day, or any
// day with NoRoll, is returned unchanged (c may be nil for NoRoll).
func RollDate(c WorkingDays, d Date, r Roll) (Date, error) {
	if r == NoRoll {
		return d, nil
	}
	if c == nil {
		return Date{}, &RuleError{Field: "roll", Reason: "a business-day roll needs a calendar"}
	}
	switch r {
	case Following:
		return nextWorking(c, d, 1)
	case Preceding:
		return nextWorking(c, d, -1)
	case ModifiedFollowing, ModifiedPreceding:
		step := 1
		if r == ModifiedPreceding {
			step = -1
		}
		got, err := nextWorking(c, d, step)
		if err != nil || got.Month() == d.Month() {
			return got, err
		}
		return nextWorking(c, d, -step)
	}
	return Date{}, &RuleError{Field: "roll", Reason: "unknown convention " + r.String()}
}

// nextWorking returns d if it is a working day, else the nearest working
// day in direction step (+1 or -1).
func nextWorking(c WorkingDays, d Date, step int) (Date, error) {
	for i := 0; i <= maxSearch; i++ {
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return Date{}, err
		}
		if ok {
			return d, nil
		}
		if d = d.AddDays(step); d.IsZero() {
			break
		}
	}
	return Date{}, ErrNoWorkingDay
}

// AddWorkingDays returns the n-th working day after d (before d if n is
// negative); d itself is not counted, and n = 0 returns d.
func AddWorkingDays(c WorkingDays, d Date, n int) (Date, error) {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for ; n > 0; n-- {
		next, err := nextWorking(c, d.AddDays(step), step)
		if err != nil {
			return Date{}, err
		}
		d = next
	}
	return d, nil
}

// CountWorkingDays returns the number of working days d with
// from <= d < to, or minus the number with to <= d < from when to is before
// from.
func CountWorkingDays(c WorkingDays, from, to Date) (int, error) {
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from; d.Before(to); d = d.AddDays(1) {
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return sign * n, nil
}
