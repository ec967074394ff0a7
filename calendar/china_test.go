package calendar

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// TestChinaFacts checks days written here by hand from the notices, with
// the weekday each notice gives, independently of china.json.
func TestChinaFacts(t *testing.T) {
	c := china(t)
	tests := []struct {
		day     string
		weekday time.Weekday
		working bool
		why     string
	}{
		{"2015-01-04", time.Sunday, true, "2015 New Year make-up day"},
		{"2015-02-15", time.Sunday, true, "2015 Spring Festival make-up day"},
		{"2015-02-18", time.Wednesday, false, "2015 Spring Festival eve"},
		{"2015-02-28", time.Saturday, true, "2015 Spring Festival make-up day"},
		{"2015-06-22", time.Monday, false, "2015 Dragon Boat substitute day"},
		{"2015-09-03", time.Thursday, false, "one-off Victory Day holiday"},
		{"2015-09-04", time.Friday, false, "one-off Victory Day bridge day"},
		{"2015-09-06", time.Sunday, true, "Victory Day make-up day"},
		{"2015-09-28", time.Monday, true, "2015 Mid-Autumn fell on Sunday 27th, no substitute"},
		{"2015-10-10", time.Saturday, true, "2015 National Day make-up day"},
		{"2016-05-02", time.Monday, false, "2016 Labour Day substitute"},
		{"2016-10-09", time.Sunday, true, "2016 National Day make-up day"},
		{"2017-01-22", time.Sunday, true, "2017 Spring Festival make-up day"},
		{"2017-10-08", time.Sunday, false, "2017 Mid-Autumn and National Day, 8 days"},
		{"2017-09-30", time.Saturday, true, "2017 make-up day"},
		{"2018-04-28", time.Saturday, true, "2018 Labour Day make-up day"},
		{"2018-04-30", time.Monday, false, "2018 Labour Day"},
		{"2018-12-29", time.Saturday, true, "2019 New Year make-up day, set by the 2019 notice"},
		{"2018-12-31", time.Monday, false, "2019 New Year holiday reaching into 2018"},
		{"2019-04-28", time.Sunday, true, "2019 Labour Day make-up day (March 2019 adjustment)"},
		{"2019-05-02", time.Thursday, false, "2019 Labour Day, extended by the March 2019 adjustment"},
		{"2019-05-05", time.Sunday, true, "2019 Labour Day make-up day (March 2019 adjustment)"},
		{"2020-01-19", time.Sunday, true, "2020 Spring Festival make-up day"},
		{"2020-01-31", time.Friday, false, "2020 Spring Festival extension"},
		{"2020-02-01", time.Saturday, false, "make-up day cancelled by the 2020 extension"},
		{"2020-02-03", time.Monday, true, "work resumed after the 2020 extension"},
		{"2021-09-18", time.Saturday, true, "2021 Mid-Autumn make-up day"},
		{"2022-04-02", time.Saturday, true, "2022 Qingming make-up day"},
		{"2022-12-31", time.Saturday, false, "2023 New Year holiday reaching into 2022"},
		{"2023-01-02", time.Monday, false, "2023 New Year substitute"},
		{"2023-10-07", time.Saturday, true, "2023 National Day make-up day"},
		{"2024-02-09", time.Friday, true, "2024 Spring Festival eve was not an official day off"},
		{"2024-02-18", time.Sunday, true, "2024 Spring Festival make-up day"},
		{"2024-05-11", time.Saturday, true, "2024 Labour Day make-up day"},
		{"2025-01-26", time.Sunday, true, "2025 Spring Festival make-up day"},
		{"2025-02-04", time.Tuesday, false, "2025 Spring Festival, eight days from New Year's Eve"},
		{"2025-04-27", time.Sunday, true, "2025 Labour Day make-up day"},
		{"2025-10-08", time.Wednesday, false, "2025 National Day and Mid-Autumn"},
		{"2025-10-11", time.Saturday, true, "2025 National Day make-up day"},
		{"2026-01-04", time.Sunday, true, "2026 New Year make-up day"},
		{"2026-02-23", time.Monday, false, "2026 Spring Festival, nine days"},
		{"2026-02-28", time.Saturday, true, "2026 Spring Festival make-up day"},
		{"2026-09-20", time.Sunday, true, "2026 National Day make-up day"},
		{"2026-11-23", time.Monday, true, "an ordinary Monday"},
		{"2026-11-22", time.Sunday, false, "an ordinary Sunday"},
	}
	for _, tt := range tests {
		d := date(t, tt.day)
		if d.Weekday() != tt.weekday {
			t.Errorf("%s is a %s, the notice says %s", tt.day, d.Weekday(), tt.weekday)
		}
		got, err := c.IsWorkingDay(d)
		if err != nil || got != tt.working {
			t.Errorf("IsWorkingDay(%s) = %v, %v; want %v (%s)", tt.day, got, err, tt.working, tt.why)
		}
	}
}

// TestChinaMatchesDataFile reads china.json with its own decoder and checks
// every listed day, and every ordinary day of every covered year.
func TestChinaMatchesDataFile(t *testing.T) {
	raw, err := os.ReadFile("china.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Years []struct {
			Year    int
			Notices []struct{ ID, Title, Date, Source string }
			Holid   []struct {
				Off, Work []string
			} `json:"holidays"`
		}
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	c := china(t)
	listed := map[Date]bool{} // date -> working
	years := map[int]bool{}
	for _, y := range file.Years {
		years[y.Year] = true
		if len(y.Notices) == 0 || y.Notices[0].Source == "" || !strings.Contains(y.Notices[0].Title, "节假日") && !strings.Contains(y.Notices[0].Title, "放假") {
			t.Errorf("%d: the first notice is not a holiday notice with a source: %+v", y.Year, y.Notices)
		}
		for _, h := range y.Holid {
			for _, s := range h.Off {
				from, to, _ := strings.Cut(s, "/")
				if to == "" {
					to = from
				}
				for d := date(t, from); !d.After(date(t, to)); d = d.AddDays(1) {
					listed[d] = false
				}
			}
			for _, s := range h.Work {
				listed[date(t, s)] = true
			}
		}
	}
	for y := 2015; y <= 2026; y++ {
		if !years[y] {
			t.Errorf("no data for %d", y)
		}
	}
	checked := 0
	for d := date(t, "2015-01-01"); !d.After(date(t, "2026-12-19")); d = d.AddDays(1) {
		want, ok := listed[d]
		if !ok {
			want = d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
		}
		got, err := c.IsWorkingDay(d)
		if err != nil || got != want {
			t.Fatalf("IsWorkingDay(%s) = %v, %v; want %v", d, got, err, want)
		}
		checked++
	}
	if checked != 4371 {
		t.Errorf("checked %d days, want 4371 (2015-01-01 to 2026-12-19)", checked)
	}
}

func TestChinaCoverage(t *testing.T) {
	c := china(t)
	for _, s := range []string{"2014-12-31", "2026-12-20", "2026-12-31", "2027-01-04", "0001-01-01"} {
		_, err := c.IsWorkingDay(date(t, s))
		var ce *CoverageError
		if !errors.Is(err, ErrNotCovered) || !errors.As(err, &ce) || ce.Calendar != "CN" {
			t.Errorf("IsWorkingDay(%s) error = %v, want a CN *CoverageError", s, err)
		}
	}
	first, last := c.Covered()
	if first != date(t, "2015-01-01") || last != date(t, "2026-12-19") {
		t.Errorf("Covered() = %s, %s; want 2015-01-01, 2026-12-19", first, last)
	}

	// Loading next year's notice at run time extends coverage, and may
	// reach back into late December.
	next := []byte(`{"calendar":"CN","years":[{"year":2027,
	  "notices":[{"id":"2027","title":"test notice for 2027","date":"2026-11-01","source":"test"}],
	  "holidays":[{"name":"元旦","name_en":"New Year's Day","off":["2026-12-31/2027-01-02"],"work":["2026-12-27"]}]}]}`)
	c2, err := c.With(next)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		day     string
		working bool
	}{{"2026-12-21", true}, {"2026-12-27", true}, {"2026-12-31", false}, {"2027-01-04", true}} {
		got, err := c2.IsWorkingDay(date(t, tt.day))
		if err != nil || got != tt.working {
			t.Errorf("with 2027: IsWorkingDay(%s) = %v, %v; want %v", tt.day, got, err, tt.working)
		}
	}
	if _, err := c2.IsWorkingDay(date(t, "2027-12-20")); !errors.Is(err, ErrNotCovered) {
		t.Errorf("2027-12-20 without the 2028 notice: error = %v, want ErrNotCovered", err)
	}
	// The original is unchanged.
	if _, err := c.IsWorkingDay(date(t, "2026-12-21")); !errors.Is(err, ErrNotCovered) {
		t.Errorf("With changed the original calendar")
	}

	// A correction replaces a whole year.
	fix := []byte(`{"years":[{"year":2026,
	  "notices":[{"id":"fix","title":"test correction","date":"2026-01-01","source":"test"}],
	  "holidays":[{"name":"test","name_en":"Test Day","off":["2026-03-02"]}]}]}`)
	c3, err := c.With(fix)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c3.IsWorkingDay(date(t, "2026-03-02")); got {
		t.Error("corrected 2026: 2026-03-02 still a working day")
	}
	if got, _ := c3.IsWorkingDay(date(t, "2026-02-16")); !got {
		t.Error("corrected 2026: the replaced Spring Festival still applies")
	}
}

func TestChinaDay(t *testing.T) {
	c := china(t)
	day, err := c.Day(date(t, "2020-02-01"))
	if err != nil || day.Working || day.HolidayEN != "Spring Festival" || day.Holiday != "春节" || day.Notice.Number != "国办发明电〔2020〕1号" {
		t.Errorf("Day(2020-02-01) = %+v, %v", day, err)
	}
	day, err = c.Day(date(t, "2015-09-03"))
	if err != nil || day.Notice.Number != "国发明电〔2015〕1号" {
		t.Errorf("Day(2015-09-03) = %+v, %v", day, err)
	}
	day, err = c.Day(date(t, "2025-03-03"))
	if err != nil || !day.Working || day.Holiday != "" {
		t.Errorf("Day(2025-03-03) = %+v, %v", day, err)
	}
	if n := c.Notices(2019); len(n) != 2 || n[1].Number != "国办发明电〔2019〕3号" {
		t.Errorf("Notices(2019) = %+v", n)
	}
}

func TestLoadOfficialErrors(t *testing.T) {
	notice := `"notices":[{"id":"a","title":"t","date":"2030-01-01","source":"s"}]`
	tests := []struct {
		name, data string
	}{
		{"not JSON", `{`},
		{"unknown field", `{"years":[],"extra":1}`},
		{"no notices", `{"years":[{"year":2030,"holidays":[]}]}`},
		{"bad notice date", `{"years":[{"year":2030,"notices":[{"id":"a","title":"t","date":"1/1/2030","source":"s"}]}]}`},
		{"make-up day on a weekday", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","name_en":"X","work":["2030-01-02"]}]}]}`},
		{"day outside the year", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","name_en":"X","off":["2031-01-02"]}]}]}`},
		{"reversed range", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","name_en":"X","off":["2030-01-05/2030-01-02"]}]}]}`},
		{"day listed twice", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","name_en":"X","off":["2030-01-02","2030-01-02"]}]}]}`},
		{"unknown notice", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","name_en":"X","off":["2030-01-02"],"notice":"zz"}]}]}`},
		{"bad date", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","name_en":"X","off":["2030-02-30"]}]}]}`},
		{"year twice", `{"years":[{"year":2030,` + notice + `},{"year":2030,` + notice + `}]}`},
		{"no English name", `{"years":[{"year":2030,` + notice + `,"holidays":[{"name":"x","off":["2030-01-02"]}]}]}`},
	}
	for _, tt := range tests {
		if _, err := LoadOfficial([]byte(tt.data)); !errors.Is(err, ErrBadData) {
			t.Errorf("%s: error = %v, want ErrBadData", tt.name, err)
		}
	}
}
