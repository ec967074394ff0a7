package calendar

import (
	"errors"
	"testing"
)

// TestCountry: every listed country answers; a few holidays each, worked
// from the laws rickar/cal encodes; an unknown code is a typed error.
func TestCountry(t *testing.T) {
	for _, code := range Countries() {
		c, err := Country(code)
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if _, err := c.IsWorkingDay(date(t, "2031-06-17")); err != nil {
			t.Errorf("%s: 2031: %v", code, err)
		}
	}
	for _, c := range []struct {
		code, day string
		working   bool
	}{
		{"US", "2027-07-05", false}, // Independence Day, 4 July, a Sunday in 2027: observed on Monday 5 July
		{"US", "2027-11-25", false}, // Thanksgiving, the fourth Thursday of November
		{"US", "2027-11-26", true},
		{"GB", "2027-12-27", false}, // Christmas Day on a Saturday: substitute Monday 27 December
		{"DE", "2027-10-04", true},  // the Day of German Unity is 3 October, a Sunday in 2027
		{"JP", "2027-01-01", false}, // New Year's Day
		{"CN", "2027-02-08", false}, // Spring Festival, projected
		{"CN", "2026-10-07", false}, // National Day week, from the 2026 notice
		{"CN", "2026-10-10", true},  // a Saturday made a working day by the notice
	} {
		w, err := Country(c.code)
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.IsWorkingDay(date(t, c.day))
		if err != nil || got != c.working {
			t.Errorf("%s %s: working %v, %v; want %v", c.code, c.day, got, err, c.working)
		}
	}
	for _, code := range []string{"", "cn", "XX", "AU", "CHN"} {
		_, err := Country(code)
		var ue *UnknownCalendarError
		if !errors.As(err, &ue) || !errors.Is(err, ErrUnknownCalendar) || ue.Name != code {
			t.Errorf("Country(%q): %v; want an UnknownCalendarError", code, err)
		}
	}
}
