package credit

import (
	"errors"
	"slices"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
)

// UncoveredDays is what a product does with a day its calendar does not
// cover.
type UncoveredDays uint8

const (
	// UncoveredWeekends takes such a day for a working day unless it is a
	// Saturday or a Sunday: due dates still roll past weekends. The
	// default.
	UncoveredWeekends UncoveredDays = iota
	// UncoveredNoRoll takes such a day for a working day: a due date that
	// falls on it is not moved.
	UncoveredNoRoll
	// UncoveredRefuse declines, at checkout, an installment purchase whose
	// schedule needs such a day (CodeCalendarNotCovered); the line's own
	// statements answer as UncoveredWeekends.
	UncoveredRefuse
)

func uncoveredNames() []string { return []string{"weekends", "no_roll", "refuse"} }

func (u UncoveredDays) String() string {
	return textenum.Name("UncoveredDays", u, uncoveredNames())
}

// MarshalText encodes "weekends", "no_roll" or "refuse".
func (u UncoveredDays) MarshalText() ([]byte, error) {
	return textenum.Marshal("UncoveredDays", u, uncoveredNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (u *UncoveredDays) UnmarshalText(b []byte) error {
	v, err := textenum.Parse[UncoveredDays]("UncoveredDays", string(b), uncoveredNames())
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// DayAnswer is a calendar's answer for one day, as a fact pinned it.
type DayAnswer struct {
	Day     calendar.Date `json:"day"`
	Working bool          `json:"working"`
}

// productDays is a product's calendar with its answer for the days the
// calendar does not cover.
type productDays struct {
	cal       calendar.WorkingDays
	uncovered UncoveredDays
}

// answer returns whether d is a working day, and whether the answer may
// change (a projected day, or one the calendar does not cover).
func (c *productDays) answer(d calendar.Date) (working, unstable bool, err error) {
	working, err = c.cal.IsWorkingDay(d)
	switch {
	case errors.Is(err, calendar.ErrNotCovered) && !d.IsZero():
		if c.uncovered == UncoveredNoRoll {
			return true, true, nil
		}
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday, true, nil
	case err != nil:
		return false, false, err
	}
	if p, ok := c.cal.(interface{ IsProjected(calendar.Date) bool }); ok && p.IsProjected(d) {
		return working, true, nil
	}
	return working, false, nil
}

// IsWorkingDay answers for every date but the zero Date.
func (c *productDays) IsWorkingDay(d calendar.Date) (bool, error) {
	w, _, err := c.answer(d)
	return w, err
}

// pinnedDays answers a fact's billing: from the answers the fact pinned
// when it was first applied, else from the product's calendar, noting the
// answers that may change so that the fact can pin them.
type pinnedDays struct {
	days   *productDays
	pinned []DayAnswer
	asked  []DayAnswer // unstable answers not pinned, in the order asked
}

// IsWorkingDay answers d.
func (c *pinnedDays) IsWorkingDay(d calendar.Date) (bool, error) {
	for _, a := range c.pinned {
		if a.Day == d {
			return a.Working, nil
		}
	}
	for _, a := range c.asked {
		if a.Day == d {
			return a.Working, nil
		}
	}
	w, unstable, err := c.days.answer(d)
	if err == nil && unstable {
		c.asked = append(c.asked, DayAnswer{Day: d, Working: w})
	}
	return w, err
}

// coveredThrough reports whether the product's calendar itself (without
// the product's answer for uncovered days) answers for every day from
// from through to.
func (c *productDays) coveredThrough(from, to calendar.Date) bool {
	for d := from; !d.After(to); d = d.AddDays(1) {
		if _, err := c.cal.IsWorkingDay(d); err != nil {
			return false
		}
	}
	return true
}

// refuseUncovered declines an approved installment purchase whose plan's
// due dates (and the days they may roll over) reach past what the
// calendar covers, on a product that refuses them (UncoveredRefuse).
func refuseUncovered(d *Decision, p *compiled, on calendar.Date, plan string) {
	i := p.plan(plan)
	if !d.Approved || p.days == nil || p.Uncovered != UncoveredRefuse || i < 0 {
		return
	}
	// The last period's nominal due date (no roll needs no calendar),
	// and a month's room to roll past holidays.
	due := p.Installments[i].Due
	due.Roll = calendar.NoRoll
	last, err := due.Nth(nil, on, p.Installments[i].Periods)
	if err == nil {
		last = last.AddDays(31)
	}
	if err == nil && p.days.coveredThrough(on, last) {
		return
	}
	d.Approved = false
	d.AvailableAfter = d.AvailableBefore
	d.Reasons = append(d.Reasons, Reason{Code: CodeCalendarNotCovered,
		Message: "the plan's due dates reach past " + p.Calendar + "'s calendar, which does not cover " + last.String()})
}

// resolveCalendar returns the calendar a product names: the host's of that
// name, or the built-in one.
func resolveCalendar(p *Product, hosts map[string]calendar.WorkingDays) (*productDays, error) {
	if p.Calendar == "" {
		return nil, nil
	}
	c, ok := hosts[p.Calendar]
	if !ok {
		var err error
		if c, err = calendar.Country(p.Calendar); err != nil {
			return nil, &ProductError{Product: p.Name, Field: "calendar", Reason: "no calendar " + p.Calendar +
				": give it in Config.Calendars, or name a built-in one (" + joinNames(calendar.Countries()) + ")"}
		}
	}
	return &productDays{cal: c, uncovered: p.Uncovered}, nil
}

func joinNames(names []string) string {
	if len(names) > 8 {
		names = append(slices.Clip(names[:8]), "...")
	}
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
