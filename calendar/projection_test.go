package calendar

import (
	"errors"
	"slices"
	"testing"
)

func projection(t testing.TB) *Projection {
	t.Helper()
	p, err := ChinaProjection()
	if err != nil {
		t.Fatalf("ChinaProjection(): %v", err)
	}
	return p
}

// TestProjectionWorkedYears lists every weekday a year's projection has
// off, worked by hand from the statute and the table's dates:
//
//	2027 (2024 law): New Year Fri 1 Jan. Eve Fri 5 Feb, 初一 Sat 6, 初二
//	Sun 7, 初三 Mon 8: Sat and Sun made up on Tue 9 and Wed 10. Qingming
//	Mon 5 Apr. Labour Sat 1 and Sun 2 May: Mon 3, Tue 4. Dragon Boat
//	(五月初一 5 Jun + 4) Wed 9 Jun. Mid-Autumn (八月初一 1 Sep + 14) Wed
//	15 Sep. National Day Fri 1, Sat 2, Sun 3 Oct: Mon 4, Tue 5.
//	2033 (2024 law): New Year Sat: Mon 3 Jan. Eve Sun 30 Jan, 初一 to 初三
//	Mon 31 Jan to Wed 2 Feb: Thu 3 Feb. Qingming Mon 4 Apr. Labour Sun 1,
//	Mon 2 May: Tue 3. Dragon Boat Wed 1 Jun. Mid-Autumn Thu 8 Sep.
//	National Day Sat 1, Sun 2, Mon 3 Oct: Tue 4, Wed 5.
//	2020 (2013 law): New Year Wed. 初一 Sat 25 Jan, 初二 Sun, 初三 Mon 27:
//	Tue 28, Wed 29. Qingming Sat 4 Apr: Mon 6. Labour Fri 1 May. Dragon
//	Boat Thu 25 Jun. Mid-Autumn on National Day, Thu 1 Oct: made up on
//	Mon 5 after Fri 2, and Sat 3 Oct on Tue 6.
//	2101 (beyond the table, fixed dates only): New Year Sat: Mon 3 Jan.
//	Labour Sun 1, Mon 2 May: Tue 3. National Day Sat 1 to Mon 3 Oct: Tue
//	4, Wed 5.
func TestProjectionWorkedYears(t *testing.T) {
	tests := []struct {
		statute Statute
		year    int
		off     []string
	}{
		{StatuteInForce, 2027, []string{"01-01", "02-05", "02-08", "02-09", "02-10", "04-05", "05-03", "05-04", "06-09", "09-15", "10-01", "10-04", "10-05"}},
		{Statute2024, 2033, []string{"01-03", "01-31", "02-01", "02-02", "02-03", "04-04", "05-02", "05-03", "06-01", "09-08", "10-03", "10-04", "10-05"}},
		{StatuteInForce, 2020, []string{"01-01", "01-27", "01-28", "01-29", "04-06", "05-01", "06-25", "10-01", "10-02", "10-05", "10-06"}},
		{StatuteInForce, 2101, []string{"01-03", "05-02", "05-03", "10-03", "10-04", "10-05"}},
	}
	for _, tt := range tests {
		p, err := LoadChinaProjection([]byte(chinaLunarTable), tt.statute)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for d := date(t, "2000-01-01").AddMonths((tt.year - 2000) * 12); d.Year() == tt.year; d = d.AddDays(1) {
			working, err := p.IsWorkingDay(d)
			if err != nil {
				t.Fatalf("IsWorkingDay(%s): %v", d, err)
			}
			if !working && !isWeekend(d) {
				got = append(got, d.String()[5:])
			}
		}
		if !slices.Equal(got, tt.off) {
			t.Errorf("%d under %s: weekdays off %v, want %v", tt.year, tt.statute, got, tt.off)
		}
	}
}

func TestProjectionDay(t *testing.T) {
	p := projection(t)
	tests := []struct {
		day       string
		working   bool
		holiday   string
		holidayEN string
	}{
		{"2027-02-05", false, "春节", "Spring Festival"},
		{"2027-02-06", false, "春节", "Spring Festival"}, // a statutory day on a Saturday
		{"2027-02-09", false, "春节补假", "Spring Festival (substitute)"},
		{"2027-02-11", true, "", ""},
		{"2027-02-13", false, "", ""}, // an ordinary Saturday: no make-up working day is projected
		{"2020-10-05", false, "中秋节补假", "Mid-Autumn Festival (substitute)"},
		{"2024-02-09", true, "", ""},                   // the eve was no statutory day under the 2013 law
		{"2025-01-28", false, "春节", "Spring Festival"}, // it is under the 2024 law
		{"2101-10-05", false, "国庆节补假", "National Day (substitute)"},
		{"2101-01-24", true, "", ""}, // beyond the table: the Spring Festival is unknown
	}
	for _, tt := range tests {
		d := date(t, tt.day)
		day, err := p.Day(d)
		want := Day{Date: d, Working: tt.working, Holiday: tt.holiday, HolidayEN: tt.holidayEN, Projected: true}
		if err != nil || day != want {
			t.Errorf("Day(%s) = %+v, %v; want %+v", tt.day, day, err, want)
		}
	}
	h := p.Holidays(2027)
	if len(h) != 19 || h[0].HolidayEN != "New Year's Day" || h[18].Date != date(t, "2027-10-05") || !h[18].Projected {
		t.Errorf("Holidays(2027) = %+v; want 13 statutory and 6 substitute days, New Year's Day to 5 October", h)
	}
	if p.Holidays(0) != nil || p.Holidays(10000) != nil {
		t.Error("Holidays of a year out of range is not nil")
	}
}

// TestProjectionEveryYear: with substitutes, each statutory day gives
// exactly one weekday off, so every year has 13 (2024 law) or 11 (2013
// law) weekdays off, whatever the weekdays, and no substitute is on a
// weekend or spills into the next year.
func TestProjectionEveryYear(t *testing.T) {
	for _, s := range []Statute{StatuteInForce, Statute2013, Statute2024} {
		p, err := LoadChinaProjection([]byte(chinaLunarTable), s)
		if err != nil {
			t.Fatal(err)
		}
		first, last := p.Years()
		for y := first; y <= last+1; y++ {
			want := 11
			if s.forYear(y) == Statute2024 {
				want = 13
			}
			if y > last { // the lunar holidays are unknown: 6 days (2024 law), 5 (2013 law)
				want -= 7
				if s.forYear(y) == Statute2013 {
					want++
				}
			}
			n := 0
			for _, day := range p.Holidays(y) {
				if day.Date.Year() != y || day.Working || !day.Projected {
					t.Errorf("%s %d: %+v", s, y, day)
				}
				if !isWeekend(day.Date) {
					n++
				} else if day.HolidayEN[len(day.HolidayEN)-1] == ')' {
					t.Errorf("%s %d: substitute on a weekend, %+v", s, y, day)
				}
			}
			if n != want {
				t.Errorf("%s %d: %d weekdays off, want %d", s, y, n, want)
			}
		}
	}
}

func TestProjectionCoverage(t *testing.T) {
	p := projection(t)
	if first, last := p.Years(); first != 2014 || last != 2100 {
		t.Errorf("Years() = %d, %d; want 2014, 2100", first, last)
	}
	if first, last := p.Covered(); first != date(t, "2014-01-01") || last != date(t, "2100-12-31") {
		t.Errorf("Covered() = %s, %s", first, last)
	}
	for _, tt := range []struct {
		day    string
		covers bool
	}{{"2013-12-31", false}, {"2014-01-01", true}, {"2100-12-31", true}, {"2101-01-01", false}, {"9999-12-31", false}} {
		if got := p.Covers(date(t, tt.day)); got != tt.covers {
			t.Errorf("Covers(%s) = %v, want %v", tt.day, got, tt.covers)
		}
	}
	if p.Covers(Date{}) {
		t.Error("Covers(zero Date)")
	}
	if _, err := p.IsWorkingDay(Date{}); !errors.Is(err, ErrNotCovered) {
		t.Errorf("IsWorkingDay(zero Date) error = %v, want ErrNotCovered", err)
	}
	if _, err := p.Day(Date{}); !errors.Is(err, ErrNotCovered) {
		t.Errorf("Day(zero Date) error = %v, want ErrNotCovered", err)
	}
	// It never runs out: every date from the first to the last answers,
	// and rolls and counts work across the table's end.
	for _, span := range [][2]string{{"0001-01-01", "0030-12-31"}, {"2095-01-01", "2110-12-31"}, {"9980-01-01", "9999-12-31"}} {
		for d, end := date(t, span[0]), date(t, span[1]); ; d = d.AddDays(1) {
			if _, err := p.IsWorkingDay(d); err != nil {
				t.Fatalf("IsWorkingDay(%s): %v", d, err)
			}
			if d == end {
				break
			}
		}
	}
	// Friday 31 December 2100, then Saturday 1 and Sunday 2 January 2101,
	// and Monday 3 January, New Year's Day made up.
	if got, err := AddWorkingDays(p, date(t, "2100-12-31"), 1); err != nil || got != date(t, "2101-01-04") {
		t.Errorf("the working day after 2100-12-31 = %s, %v; want 2101-01-04", got, err)
	}
	if n, err := CountWorkingDays(p, date(t, "2100-12-01"), date(t, "2101-02-01")); err != nil || n != 43 {
		t.Errorf("CountWorkingDays across the table's end = %d, %v; want 43", n, err)
	}
}

func TestLoadChinaProjectionErrors(t *testing.T) {
	if _, err := LoadChinaProjection([]byte(chinaLunarTable), Statute(9)); !errors.Is(err, ErrBadData) {
		t.Errorf("unknown statute: error = %v, want ErrBadData", err)
	}
	if _, err := LoadChinaProjection([]byte("2025 01-29\n"), StatuteInForce); !errors.Is(err, ErrBadData) {
		t.Errorf("bad table: error = %v, want ErrBadData", err)
	}
	// A host's own table, here one year, projects that year only.
	p, err := LoadChinaProjection([]byte("2027 02-06 06-05 09-01 04-05\n"), Statute2024)
	if err != nil {
		t.Fatal(err)
	}
	if first, last := p.Years(); first != 2027 || last != 2027 || p.Statute() != Statute2024 {
		t.Errorf("Years() = %d, %d, Statute() = %s", first, last, p.Statute())
	}
	if got, _ := p.IsWorkingDay(date(t, "2027-02-09")); got {
		t.Error("2027-02-09 is a working day in a one-year table")
	}
	if Statute(9).String() != "Statute(9)" || Statute2013.String() != "2013" || StatuteInForce.String() != "in-force" {
		t.Error("Statute.String")
	}
}

func TestChinaProjected(t *testing.T) {
	c, err := ChinaProjected()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day       string
		working   bool
		projected bool
	}{
		{"2026-10-10", true, false},  // an official make-up Saturday
		{"2026-12-18", true, false},  // official
		{"2026-12-21", true, true},   // the 2027 notice is not loaded
		{"2027-01-01", false, true},  // New Year's Day
		{"2027-02-09", false, true},  // a substitute day
		{"2027-02-20", false, true},  // a Saturday: make-up days are never projected
		{"2014-05-01", false, true},  // before the notices: projected too
		{"2150-10-01", false, true},  // beyond the table: fixed-date holidays
		{"2150-06-15", true, true},   // a Monday
		{"2019-05-02", false, false}, // official, from the 2019 adjustment
	}
	for _, tt := range tests {
		d := date(t, tt.day)
		working, err := c.IsWorkingDay(d)
		if err != nil || working != tt.working || c.IsProjected(d) != tt.projected {
			t.Errorf("%s: working %v, %v, projected %v; want %v, %v", tt.day, working, err, c.IsProjected(d), tt.working, tt.projected)
		}
		if day, err := c.Day(d); err != nil || day.Projected != tt.projected || day.Working != tt.working {
			t.Errorf("Day(%s) = %+v, %v", tt.day, day, err)
		}
	}
	if day, _ := c.Day(date(t, "2026-02-16")); day.Projected || day.Notice.ID != "2026" {
		t.Errorf("Day(2026-02-16) = %+v, want the 2026 notice's", day)
	}
	if c.Until() != date(t, "2100-12-31") || !c.Covers(date(t, "2040-01-01")) || c.Covers(date(t, "2101-01-01")) {
		t.Errorf("Until() = %s", c.Until())
	}
	if _, last := c.Covered(); last != date(t, "2026-12-19") {
		t.Errorf("Covered() ends %s, want the notices' 2026-12-19", last)
	}

	// A notice for 2027 replaces the projection for 2027, and reaches back
	// into late December 2026; 2028 stays projected.
	next := []byte(`{"years":[{"year":2027,
	  "notices":[{"id":"2027","title":"test notice for 2027","date":"2026-11-01","source":"test"}],
	  "holidays":[{"name":"春节","name_en":"Spring Festival","off":["2027-02-05/2027-02-11"],"work":["2027-02-20"]},
	              {"name":"元旦","name_en":"New Year's Day","off":["2026-12-31/2027-01-02"],"work":["2026-12-27"]}]}]}`)
	c27, err := c.With(next)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		day       string
		working   bool
		projected bool
	}{
		{"2026-12-27", true, false}, {"2026-12-31", false, false},
		{"2027-02-11", false, false}, {"2027-02-20", true, false}, {"2027-05-04", true, false},
		{"2027-12-20", true, true}, {"2028-01-03", false, true}, {"2028-01-04", true, true}, {"2028-01-26", false, true},
	} {
		d := date(t, tt.day)
		working, err := c27.IsWorkingDay(d)
		if err != nil || working != tt.working || c27.IsProjected(d) != tt.projected {
			t.Errorf("with 2027: %s working %v, %v, projected %v; want %v, %v", tt.day, working, err, c27.IsProjected(d), tt.working, tt.projected)
		}
	}
	if c27.Projection() != c.Projection() || c.Projection() == nil {
		t.Error("With dropped the projection")
	}
	// The original is unchanged, and without a projection dates beyond
	// the notices are errors again.
	if c.IsProjected(date(t, "2027-02-11")) != true {
		t.Error("With changed the original calendar")
	}
	plain := c.WithProjection(nil)
	if _, err := plain.IsWorkingDay(date(t, "2027-02-11")); !errors.Is(err, ErrNotCovered) || plain.IsProjected(date(t, "2027-02-11")) || plain.Until() != date(t, "2026-12-19") {
		t.Errorf("WithProjection(nil): %v", err)
	}
	if _, err := c.IsWorkingDay(Date{}); !errors.Is(err, ErrNotCovered) {
		t.Errorf("zero Date: %v", err)
	}
	empty, err := LoadOfficial()
	if err != nil || !empty.Until().IsZero() || empty.WithProjection(projection(t)).Until() != date(t, "2100-12-31") {
		t.Errorf("empty calendar Until: %v", err)
	}
}
