package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestNewDate(t *testing.T) {
	valid := []struct {
		y int
		m time.Month
		d int
	}{{2015, 1, 10}, {2016, 2, 29}, {2000, 2, 29}, {1, 1, 1}, {9999, 12, 31}, {2024, 12, 31}}
	for _, v := range valid {
		d, err := NewDate(v.y, v.m, v.d)
		y, m, dd := d.Date()
		if err != nil || y != v.y || m != v.m || dd != v.d {
			t.Errorf("NewDate(%d, %d, %d) = %v (%d-%d-%d), %v", v.y, v.m, v.d, d, y, m, dd, err)
		}
	}
	invalid := []struct {
		y int
		m time.Month
		d int
	}{{2015, 2, 29}, {1900, 2, 29}, {2015, 4, 31}, {2015, 13, 1}, {2015, 0, 1}, {2015, 1, 0}, {0, 1, 1}, {10000, 1, 1}, {2015, 1, 32}}
	for _, v := range invalid {
		if _, err := NewDate(v.y, v.m, v.d); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("NewDate(%d, %d, %d) error = %v, want ErrInvalidDate", v.y, v.m, v.d, err)
		}
	}
}

// TestDayNumbersMatchTime walks every day from 1900 to 2100 and compares
// the date, weekday and day count with package time.
func TestDayNumbersMatchTime(t *testing.T) {
	d := date(t, "1900-01-01")
	tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 73414; i++ {
		y, m, dd := tm.Date()
		gy, gm, gd := d.Date()
		if gy != y || gm != m || gd != dd || d.Weekday() != tm.Weekday() {
			t.Fatalf("day %d: %d-%d-%d %s, time says %d-%d-%d %s", i, gy, gm, gd, d.Weekday(), y, m, dd, tm.Weekday())
		}
		d, tm = d.AddDays(1), tm.AddDate(0, 0, 1)
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"2015-01-10", "0001-01-01", "9999-12-31", "2020-02-29"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"", "2015-1-10", "2015/01/10", "20150110", "2015-01-10T00:00:00Z", "2015-02-29", "0000-01-01", "2015-13-01", "+015-01-10", "2015-01-1x", " 2015-01-10"} {
		if _, err := ParseDate(s); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error = %v, want ErrInvalidDate", s, err)
		}
	}
	if got := (Date{}).String(); got != "0000-00-00" {
		t.Errorf("zero Date String() = %q", got)
	}
}

func TestDateJSON(t *testing.T) {
	type stmt struct {
		Due Date  `json:"due"`
		Opt *Date `json:"opt"`
	}
	b, err := json.Marshal(stmt{Due: date(t, "2015-01-10")})
	if err != nil || string(b) != `{"due":"2015-01-10","opt":null}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var s stmt
	if err := json.Unmarshal(b, &s); err != nil || s.Due != date(t, "2015-01-10") || s.Opt != nil {
		t.Errorf("Unmarshal = %+v, %v", s, err)
	}
	if err := json.Unmarshal([]byte(`{"due":"2015-02-30"}`), &s); err == nil || s.Due != date(t, "2015-01-10") {
		t.Errorf("bad date: %+v, %v; want an error and no change", s, err)
	}
}

// TestZeroDate: the zero Date prints, encodes and decodes as "0000-00-00",
// round-trips through JSON and text, and equals only itself.
func TestZeroDate(t *testing.T) {
	var zero Date
	if zero.String() != "0000-00-00" || fmt.Sprint(zero) != "0000-00-00" {
		t.Errorf("zero Date prints as %q", zero.String())
	}
	text, err := zero.MarshalText()
	if err != nil || string(text) != "0000-00-00" {
		t.Errorf("MarshalText = %q, %v", text, err)
	}
	if b, err := zero.AppendText([]byte("due ")); err != nil || string(b) != "due 0000-00-00" {
		t.Errorf("AppendText = %q, %v", b, err)
	}
	type stmt struct {
		Due  Date  `json:"due"`
		Opt  *Date `json:"opt"`
		Skip Date  `json:"skip,omitzero"`
	}
	tests := []struct {
		in   stmt
		json string
	}{
		{stmt{}, `{"due":"0000-00-00","opt":null}`},
		{stmt{Opt: &zero}, `{"due":"0000-00-00","opt":"0000-00-00"}`},
		{stmt{Due: date(t, "2015-01-10"), Skip: date(t, "2015-02-10")}, `{"due":"2015-01-10","opt":null,"skip":"2015-02-10"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.in, b, err, tt.json)
			continue
		}
		var back stmt
		if err := json.Unmarshal(b, &back); err != nil || back.Due != tt.in.Due || back.Skip != tt.in.Skip || (back.Opt == nil) != (tt.in.Opt == nil) {
			t.Errorf("round trip of %s = %+v, %v", b, back, err)
		}
	}
	d := date(t, "2015-01-10")
	if err := d.UnmarshalText([]byte("0000-00-00")); err != nil || !d.IsZero() {
		t.Errorf("UnmarshalText(0000-00-00) = %v, %v", d, err)
	}
	if zero != (Date{}) || !zero.Equal(Date{}) || zero.Compare(Date{}) != 0 || zero == date(t, "0001-01-01") {
		t.Error("the zero Date does not equal only itself")
	}
	// ParseDate and UnmarshalText still reject everything else that is no date.
	if _, err := ParseDate("0000-00-00"); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("ParseDate(0000-00-00) error = %v, want ErrInvalidDate", err)
	}
	for _, s := range []string{"", "0000-00-01", "0000-01-00"} {
		if err := d.UnmarshalText([]byte(s)); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("UnmarshalText(%q) error = %v, want ErrInvalidDate", s, err)
		}
	}
}

func TestAddDaysAndDaysUntil(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2015-01-01", 9, "2015-01-10"},
		{"2015-01-01", 30, "2015-01-31"},
		{"2015-12-31", 1, "2016-01-01"},
		{"2016-02-28", 1, "2016-02-29"},
		{"2016-03-01", -1, "2016-02-29"},
		{"2014-12-20", 41, "2015-01-30"},
		{"9999-12-31", 0, "9999-12-31"},
	}
	for _, tt := range tests {
		from, want := date(t, tt.from), date(t, tt.want)
		if got := from.AddDays(tt.n); got != want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
		if got := from.DaysUntil(want); got != tt.n {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, tt.want, got, tt.n)
		}
	}
	if !date(t, "9999-12-31").AddDays(1).IsZero() || !date(t, "0001-01-01").AddDays(-1).IsZero() || !(Date{}).AddDays(5).IsZero() {
		t.Error("AddDays out of range does not give the zero Date")
	}
}

// TestAddMonths: month ends and leap years.
func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2015-01-31", 1, "2015-02-28"},
		{"2016-01-31", 1, "2016-02-29"},
		{"2015-01-31", 2, "2015-03-31"},
		{"2015-01-31", 3, "2015-04-30"},
		{"2015-03-31", -1, "2015-02-28"},
		{"2015-01-15", 12, "2016-01-15"},
		{"2015-12-10", 1, "2016-01-10"},
		{"2016-02-29", 12, "2017-02-28"},
		{"2016-02-29", 48, "2020-02-29"},
		{"2000-02-29", 1200, "2100-02-28"},
		{"2015-05-31", -3, "2015-02-28"},
		{"2015-01-10", 0, "2015-01-10"},
	}
	for _, tt := range tests {
		if got := date(t, tt.from).AddMonths(tt.n); got != date(t, tt.want) {
			t.Errorf("%s.AddMonths(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if !date(t, "9999-12-01").AddMonths(1).IsZero() || !date(t, "0001-01-01").AddMonths(-1).IsZero() {
		t.Error("AddMonths out of range does not give the zero Date")
	}
}

// TestAnchoredSchedule: counting from the anchor keeps the 31st; chaining
// from the previous date would not.
func TestAnchoredSchedule(t *testing.T) {
	anchor := date(t, "2015-01-31")
	want := []string{"2015-02-28", "2015-03-31", "2015-04-30", "2015-05-31", "2015-06-30"}
	for k, w := range want {
		if got := anchor.AddMonths(k + 1); got != date(t, w) {
			t.Errorf("period %d: %s, want %s", k+1, got, w)
		}
	}
	if chained := anchor.AddMonths(1).AddMonths(1); chained != date(t, "2015-03-28") {
		t.Errorf("chained = %s; the test's premise is wrong", chained)
	}
}

func TestMonthBounds(t *testing.T) {
	tests := []struct{ d, first, last string }{
		{"2015-02-14", "2015-02-01", "2015-02-28"},
		{"2016-02-14", "2016-02-01", "2016-02-29"},
		{"2015-12-31", "2015-12-01", "2015-12-31"},
		{"2015-04-01", "2015-04-01", "2015-04-30"},
	}
	for _, tt := range tests {
		d := date(t, tt.d)
		if d.FirstOfMonth() != date(t, tt.first) || d.LastOfMonth() != date(t, tt.last) {
			t.Errorf("%s: FirstOfMonth %s, LastOfMonth %s", tt.d, d.FirstOfMonth(), d.LastOfMonth())
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := date(t, "2015-01-10"), date(t, "2015-01-11")
	if !a.Before(b) || a.After(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("ordering of 2015-01-10 and 2015-01-11 is wrong")
	}
}

// TestTimeZones: the date an instant falls on depends on the zone.
func TestTimeZones(t *testing.T) {
	sh := shanghai(t)
	tests := []struct {
		instant string
		loc     *time.Location
		want    string
	}{
		{"2015-01-10T23:59:59+08:00", sh, "2015-01-10"},
		{"2015-01-10T23:59:59+08:00", time.UTC, "2015-01-10"},
		{"2015-01-10T16:00:00Z", sh, "2015-01-11"},
		{"2015-01-10T15:59:59Z", sh, "2015-01-10"},
		{"2015-01-10T16:00:00Z", time.UTC, "2015-01-10"},
		{"2015-01-10T16:00:00Z", nil, "2015-01-10"},
		{"2014-12-31T20:00:00-05:00", sh, "2015-01-01"},
		{"2015-01-01T00:30:00+08:00", time.FixedZone("EST", -5*3600), "2014-12-31"},
	}
	for _, tt := range tests {
		in, err := time.Parse(time.RFC3339, tt.instant)
		if err != nil {
			t.Fatal(err)
		}
		if got := DateOf(in, tt.loc); got != date(t, tt.want) {
			t.Errorf("DateOf(%s, %v) = %s, want %s", tt.instant, tt.loc, got, tt.want)
		}
	}
}

func TestStartAndCutoff(t *testing.T) {
	sh := shanghai(t)
	due := date(t, "2015-01-10")
	if got, want := due.Start(sh), time.Date(2015, 1, 9, 16, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start = %s, want %s", got, want)
	}
	// Huabei's cut-off: 24:00 Beijing time on the due date.
	end := due.At(24, 0, sh)
	if want := time.Date(2015, 1, 10, 16, 0, 0, 0, time.UTC); !end.Equal(want) {
		t.Errorf("At(24:00) = %s, want %s", end, want)
	}
	if DateOf(end.Add(-time.Nanosecond), sh) != due || DateOf(end, sh) != due.AddDays(1) {
		t.Error("the end of the due date is not the start of the next day")
	}
	// A US cut-off at 17:00 New York time on a DST day.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := date(t, "2015-07-10").At(17, 0, ny), time.Date(2015, 7, 10, 21, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("17:00 New York = %s, want %s", got, want)
	}
}
