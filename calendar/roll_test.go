package calendar

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/us"
)

func TestRollDate(t *testing.T) {
	c := china(t)
	tests := []struct {
		day  string
		roll Roll
		want string
	}{
		{"2025-10-01", Following, "2025-10-09"},         // National Day week, then Thursday
		{"2025-10-01", Preceding, "2025-09-30"},         // the Tuesday before
		{"2025-10-01", NoRoll, "2025-10-01"},            // left alone
		{"2025-10-09", Following, "2025-10-09"},         // already a working day
		{"2025-10-11", Following, "2025-10-11"},         // a make-up Saturday is a working day
		{"2023-09-30", Following, "2023-10-07"},         // to the make-up Saturday, in October
		{"2023-09-30", ModifiedFollowing, "2023-09-28"}, // ... so modified following goes back into September
		{"2024-06-01", ModifiedPreceding, "2024-06-03"}, // Saturday 1 June: back would leave June
		{"2024-06-01", Preceding, "2024-05-31"},
		{"2026-02-15", Following, "2026-02-24"}, // nine days of Spring Festival
		{"2015-09-05", Preceding, "2015-09-02"}, // Victory Day holiday
	}
	for _, tt := range tests {
		got, err := RollDate(c, date(t, tt.day), tt.roll)
		if err != nil || got != date(t, tt.want) {
			t.Errorf("RollDate(%s, %s) = %s, %v; want %s", tt.day, tt.roll, got, err, tt.want)
		}
	}
	if _, err := RollDate(c, date(t, "2026-12-25"), Following); !errors.Is(err, ErrNotCovered) {
		t.Errorf("rolling into an uncovered year: error = %v, want ErrNotCovered", err)
	}
	if _, err := RollDate(nil, date(t, "2025-10-01"), Following); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("rolling without a calendar: error = %v, want ErrInvalidRule", err)
	}
	if _, err := RollDate(c, date(t, "2025-10-01"), Roll(9)); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("unknown roll: error = %v, want ErrInvalidRule", err)
	}
	if _, err := RollDate(noWorkingDays{}, date(t, "2025-10-01"), Following); !errors.Is(err, ErrNoWorkingDay) {
		t.Errorf("calendar with no working day: error = %v, want ErrNoWorkingDay", err)
	}
}

type noWorkingDays struct{}

func (noWorkingDays) IsWorkingDay(Date) (bool, error) { return false, nil }

func TestAddAndCountWorkingDays(t *testing.T) {
	c := china(t)
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-09-30", 1, "2025-10-09"},
		{"2025-09-26", 2, "2025-09-29"}, // Friday + 2: Sunday 28th is a make-up day
		{"2025-10-09", -1, "2025-09-30"},
		{"2025-01-20", 5, "2025-01-26"}, // Mon 20 + 5: 21,22,23,24, Sunday 26 (make-up)
		{"2025-03-03", 0, "2025-03-03"},
		{"2025-03-01", 20, "2025-03-28"},
		{"2015-09-02", 1, "2015-09-06"}, // over the Victory Day holiday to its make-up Sunday
	}
	for _, tt := range tests {
		from, want := date(t, tt.from), date(t, tt.want)
		got, err := AddWorkingDays(c, from, tt.n)
		if err != nil || got != want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, %v; want %s", tt.from, tt.n, got, err, tt.want)
		}
		if tt.n > 0 {
			// Counting back agrees: n working days in (from, want].
			n, err := CountWorkingDays(c, from.AddDays(1), want.AddDays(1))
			if err != nil || n != tt.n {
				t.Errorf("CountWorkingDays(%s+1, %s+1) = %d, %v; want %d", tt.from, tt.want, n, err, tt.n)
			}
		}
	}
	// October 2025 has 23 weekdays; 1-3 and 6-8 are off and Saturday 11
	// works: 23 - 6 + 1 = 18 working days.
	n, err := CountWorkingDays(c, date(t, "2025-10-01"), date(t, "2025-11-01"))
	if err != nil || n != 18 {
		t.Errorf("working days in October 2025 = %d, %v; want 18", n, err)
	}
	n, err = CountWorkingDays(c, date(t, "2025-11-01"), date(t, "2025-10-01"))
	if err != nil || n != -18 {
		t.Errorf("reversed count = %d, %v; want -18", n, err)
	}
}

func TestRickarAdapter(t *testing.T) {
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(us.Holidays...)
	usDays := Rickar{Name: "US", Calendar: bc}
	tests := []struct {
		day     string
		working bool
	}{
		{"2025-07-04", false}, // Independence Day
		{"2025-07-07", true},
		{"2025-07-05", false}, // Saturday
		{"2025-11-27", false}, // Thanksgiving
		{"2025-12-25", false},
	}
	for _, tt := range tests {
		got, err := usDays.IsWorkingDay(date(t, tt.day))
		if err != nil || got != tt.working {
			t.Errorf("US IsWorkingDay(%s) = %v, %v; want %v", tt.day, got, err, tt.working)
		}
	}
	// Rolling works on any WorkingDays.
	if got, _ := RollDate(usDays, date(t, "2025-07-04"), Following); got != date(t, "2025-07-07") {
		t.Errorf("US following from 2025-07-04 = %s", got)
	}
	if _, err := (Rickar{Name: "none"}).IsWorkingDay(date(t, "2025-07-04")); !errors.Is(err, ErrNotCovered) {
		t.Errorf("nil rickar calendar: error = %v", err)
	}
	if ok, _ := (MondayToFriday{}).IsWorkingDay(date(t, "2025-07-04")); !ok {
		t.Error("MondayToFriday: Friday 2025-07-04 not a working day")
	}
}

// TestConcurrentLookups asks shared calendars from many goroutines; run
// with -race.
func TestConcurrentLookups(t *testing.T) {
	c := china(t)
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(us.Holidays...)
	calendars := []WorkingDays{c, Rickar{Name: "US", Calendar: bc}, MondayToFriday{}}
	start := date(t, "2015-01-01")
	want := make([][]bool, len(calendars))
	for i, wd := range calendars {
		for k := 0; k < 4000; k++ {
			ok, _ := wd.IsWorkingDay(start.AddDays(k))
			want[i] = append(want[i], ok)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 4000; k++ {
				day := (k*7919 + g*104729) % 4000
				for i, wd := range calendars {
					if ok, _ := wd.IsWorkingDay(start.AddDays(day)); ok != want[i][day] {
						errs <- start.AddDays(day).String()
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent lookup of %s disagreed", e)
	}
}

func TestRollText(t *testing.T) {
	for r := NoRoll; r <= ModifiedPreceding; r++ {
		b, err := r.MarshalText()
		var back Roll
		if err != nil || back.UnmarshalText(b) != nil || back != r {
			t.Errorf("%v: text round trip gave %q, %v", r, b, back)
		}
	}
	var r Roll
	if err := r.UnmarshalText([]byte("next")); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("UnmarshalText(next) error = %v", err)
	}
	if _, err := Roll(7).MarshalText(); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("MarshalText(7) error = %v", err)
	}
	var rule DateRule
	if err := json.Unmarshal([]byte(`{"kind":"days_after","days":9,"roll":"modified_following"}`), &rule); err != nil || rule != (DateRule{Kind: DaysAfter, Days: 9, Roll: ModifiedFollowing}) {
		t.Errorf("rule JSON = %+v, %v", rule, err)
	}
}
