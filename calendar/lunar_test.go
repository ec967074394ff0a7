package calendar

import (
	"errors"
	"strings"
	"testing"
)

// TestLunarTableMatchesOfficial: for every official year 2015-2026, the
// table's Spring Festival (正月初一), Qingming, Dragon Boat (五月初五) and
// Mid-Autumn (八月十五) are official days off under the same holiday in
// china.json.
func TestLunarTableMatchesOfficial(t *testing.T) {
	c := china(t)
	first, years, err := parseLunarTable([]byte(chinaLunarTable))
	if err != nil {
		t.Fatal(err)
	}
	for y := 2015; y <= 2026; y++ {
		l := years[y-first]
		for _, tt := range []struct {
			d    Date
			name string
		}{
			{l.newYear, "春节"}, {l.newYear.AddDays(2), "春节"},
			{l.qingming, "清明"}, {l.dragonBoat(), "端午"}, {l.midAutumn(), "中秋"},
		} {
			day, err := c.Day(tt.d)
			if err != nil || day.Working || !strings.Contains(day.Holiday, tt.name) {
				t.Errorf("%d: %s (%s by the table) is officially %+v, %v", y, tt.d, tt.name, day, err)
			}
		}
	}

	// Worked days from the notices' own words, written here by hand.
	for _, tt := range []struct {
		got  Date
		want string
		why  string
	}{
		{years[2025-first].eve(), "2025-01-28", "2025 notice: 1月28日（农历除夕、周二）"},
		{years[2026-first].newYear.AddDays(-2), "2026-02-15", "2026 notice: 2月15日（农历腊月二十八、周日）"},
		{years[2026-first].newYear.AddDays(6), "2026-02-23", "2026 notice: 23日（农历正月初七、周一）"},
		{years[2025-first].newYear.AddDays(6), "2025-02-04", "2025 notice: 2月4日（农历正月初七、周二）"},
		{years[2020-first].midAutumn(), "2020-10-01", "2020: Mid-Autumn on National Day, an 8-day break"},
		{years[2027-first].newYear, "2027-02-06", "HKO 2027 table: 正月 on 6 February"},
	} {
		if tt.got != date(t, tt.want) {
			t.Errorf("%s: table gives %s, want %s", tt.why, tt.got, tt.want)
		}
	}
}

func TestParseLunarTableErrors(t *testing.T) {
	good := "2025 01-29 05-27 09-22 04-04\n2026 02-17 06-15 09-11 04-05\n"
	if first, years, err := parseLunarTable([]byte("# comment\n\n" + good)); err != nil || first != 2025 || len(years) != 2 {
		t.Fatalf("good table: %d, %d years, %v", first, len(years), err)
	}
	tests := []struct{ name, table string }{
		{"empty", "# nothing\n"},
		{"bad year", "20x5 01-29 05-27 09-22 04-04\n"},
		{"too few fields", "2025 01-29 05-27 09-22\n"},
		{"gap", "2025 01-29 05-27 09-22 04-04\n2027 02-06 06-05 09-01 04-05\n"},
		{"not MM-DD", "2025 1-29 05-27 09-22 04-04\n"},
		{"no such date", "2025 02-30 05-27 09-22 04-04\n"},
		{"new year in March", "2025 03-01 05-27 09-22 04-04\n"},
		{"Qingming in May", "2025 01-29 05-27 09-22 05-04\n"},
		{"5th month too early", "2025 01-29 04-27 09-22 04-04\n"},
		{"8th month too late", "2025 01-29 05-27 11-20 04-04\n"},
		{"next new year 11 months on", "2025 01-29 05-27 09-22 04-04\n2026 01-19 06-15 09-11 04-05\n"},
	}
	for _, tt := range tests {
		if _, _, err := parseLunarTable([]byte(tt.table)); !errors.Is(err, ErrBadData) {
			t.Errorf("%s: error = %v, want ErrBadData", tt.name, err)
		}
	}
}
