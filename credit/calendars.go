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
	// schedule may need such a day (CodeCalendarNotCovered): its last due
	// date as if the purchase posted when the product's automatic
	// confirmation would post it, and a month beyond. A day the calendar
	// says it does not cover (calendar.Official's Covers: past the
	// projection's table for CN) counts as not covered. Statements, and a
	// purchase that posts later than that, answer as UncoveredWeekends.
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

// IsWorkingDay answers for every date but the zero Date: a day the
// calendar does not cover by the product's choice (Product.Uncovered).
func (c *productDays) IsWorkingDay(d calendar.Date) (bool, error) {
	working, err := c.cal.IsWorkingDay(d)
	if errors.Is(err, calendar.ErrNotCovered) && !d.IsZero() {
		if c.uncovered == UncoveredNoRoll {
			return true, nil
		}
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday, nil
	}
	return working, err
}

// pinnedDays answers a fact's billing: from the answers the fact pinned
// when it was first applied, else from the product's calendar, noting
// every answer so that the fact can pin it. Every answer is pinned, not
// only the projected ones: a host's calendar may be corrected, swapped or
// wrapped, and a replay must still give the line the journal recorded.
type pinnedDays struct {
	days   *productDays
	pinned []DayAnswer
	asked  []DayAnswer // answers not pinned, in the order asked
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
	w, err := c.days.IsWorkingDay(d)
	if err == nil {
		c.asked = append(c.asked, DayAnswer{Day: d, Working: w})
	}
	return w, err
}

// coveredThrough reports whether the product's calendar itself (without
// the product's answer for uncovered days) answers for every day from
// from through to.
// A calendar that says what it covers (calendar.Official's Covers: its
// notices and its projection's table) is asked that; another, whether it
// answers without an error.
func (c *productDays) coveredThrough(from, to calendar.Date) bool {
	covers, says := c.cal.(interface{ Covers(calendar.Date) bool })
	for d := from; !d.After(to); d = d.AddDays(1) {
		if says && !covers.Covers(d) {
			return false
		}
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
	// The schedule starts when the purchase posts: on delivery, up to the
	// product's automatic confirmation later (a refund request open
	// meanwhile can delay it more; such a purchase's days past the
	// calendar answer as UncoveredWeekends). So: the last period's nominal
	// due date from then (no roll needs no calendar), and a month's room
	// to roll past holidays.
	due := p.Installments[i].Due
	due.Roll = calendar.NoRoll
	start := on.AddDays(max(p.AutoConfirm.Days, p.AutoConfirm.VirtualDays))
	last, err := due.Nth(nil, start, p.Installments[i].Periods)
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
