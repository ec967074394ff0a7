package calendar

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

//go:embed china.json
var chinaJSON string // a string, so that it cannot be changed

// Official is a calendar of official days off and make-up working days,
// read from notices, such as mainland China's (China). It is immutable and
// safe for concurrent use: build it once and share it. With returns a new
// calendar with more years or corrections.
//
// A date is covered when the calendar holds its year's notices; from
// 20 December on it also needs the next year's, because a New Year
// arrangement can reach back into late December (the 2019 notice made
// 2018-12-29 a working day and 2018-12-30/31 days off). IsWorkingDay
// returns a *CoverageError (ErrNotCovered) for any other date, unless the
// calendar has a Projection (WithProjection, ChinaProjected), which then
// answers it: IsProjected tells which dates those are.
type Official struct {
	name    string
	years   map[int]yearData // the data, kept to build extended calendars
	base    int32            // day number of bit 0
	working []uint64         // bit i set: day base+i is a working day
	covered []uint64         // bit i set: day base+i is covered
	special map[Date]Day     // every listed day off and make-up working day
	proj    *Projection      // answers the dates the notices do not cover; nil for none
}

// Day describes one date of an Official calendar.
type Day struct {
	Date      Date
	Working   bool
	Holiday   string // the holiday's Chinese name for a listed day off or make-up day, else ""
	HolidayEN string // its English name
	Notice    Notice // the notice that decides the day; zero for an ordinary day or a projected one
	Projected bool   // the day comes from a Projection, not from a notice
}

// Notice identifies an official notice.
type Notice struct {
	ID     string `json:"id"`               // a short key used within the data
	Title  string `json:"title"`            // the notice's title
	Number string `json:"number,omitempty"` // its document number, such as 国办发明电〔2024〕12号
	Date   string `json:"date"`             // the date it was issued, ISO 8601
	Source string `json:"source"`           // where its text was checked
}

// ErrBadData is matched by every error about calendar data that does not
// follow the format.
var ErrBadData = errors.New("bad calendar data")

// DataError reports calendar data that does not follow the format.
type DataError struct {
	Year   int    // the year entry, 0 if the problem is not in one
	Reason string // what is wrong
}

func (e *DataError) Error() string {
	if e.Year == 0 {
		return "calendar: bad calendar data: " + e.Reason
	}
	return fmt.Sprintf("calendar: bad calendar data for %d: %s", e.Year, e.Reason)
}

// Is reports whether target is ErrBadData.
func (e *DataError) Is(target error) bool { return target == ErrBadData }

// The data format (china.json is an example):
//
//	{"calendar": "CN", "description": "...", "years": [{
//	  "year": 2025,
//	  "notices": [{"id": "2025", "title": "...", "number": "...", "date": "2024-11-12", "source": "..."}],
//	  "holidays": [{"name": "春节", "name_en": "Spring Festival",
//	                "off": ["2025-01-28/2025-02-04"], "work": ["2025-01-26", "2025-02-08"],
//	                "notice": "2025", "note": "..."}]}]}
//
// "off" lists days off, single dates or inclusive from/to ranges; "work"
// lists make-up working days, each a Saturday or Sunday; "notice" names
// one of the year's notices (the first when omitted). A year's days lie in
// that year or in the December before it.
type fileData struct {
	Calendar    string     `json:"calendar"`
	Description string     `json:"description"`
	Years       []yearData `json:"years"`
}

type yearData struct {
	Year     int           `json:"year"`
	Notices  []Notice      `json:"notices"`
	Holidays []holidayData `json:"holidays"`
}

type holidayData struct {
	Name   string   `json:"name"`
	NameEN string   `json:"name_en"`
	Off    []string `json:"off"`
	Work   []string `json:"work"`
	Notice string   `json:"notice"`
	Note   string   `json:"note"`
}

// China returns mainland China's official calendar for every year from 2015
// through 2026, from the State Council's notices (see china.json, which
// names each one). Dates from 2026-12-20 on are not covered until the 2027
// notice is loaded with With; ChinaProjected answers them from the
// statute meanwhile.
func China() (*Official, error) { return LoadOfficial([]byte(chinaJSON)) }

// LoadOfficial builds a calendar from one or more files in the data format.
// A year given in a later file replaces the same year in an earlier one, so
// corrections load after the data they correct. The calendar's name is the
// first file's "calendar" field.
func LoadOfficial(files ...[]byte) (*Official, error) {
	return (&Official{years: map[int]yearData{}}).With(files...)
}

// With returns a new calendar holding o's years plus those in files, a
// year in files replacing o's, and o's projection, if any, for the years
// still without notices. o is unchanged.
func (o *Official) With(files ...[]byte) (*Official, error) {
	name := o.name
	years := maps.Clone(o.years)
	for _, f := range files {
		var fd fileData
		dec := json.NewDecoder(bytes.NewReader(f))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fd); err != nil {
			return nil, &DataError{Reason: err.Error()}
		}
		if name == "" {
			name = fd.Calendar
		}
		seen := map[int]bool{}
		for _, y := range fd.Years {
			if seen[y.Year] {
				return nil, &DataError{Year: y.Year, Reason: "year given twice in one file"}
			}
			seen[y.Year] = true
			years[y.Year] = y
		}
	}
	if name == "" {
		name = "official"
	}
	out, err := build(name, years)
	if err != nil {
		return nil, err
	}
	out.proj = o.proj
	return out, nil
}

func build(name string, years map[int]yearData) (*Official, error) {
	o := &Official{name: name, years: years, special: map[Date]Day{}}
	if len(years) == 0 {
		return o, nil
	}
	for _, y := range slices.Sorted(maps.Keys(years)) {
		if err := o.addYear(years[y]); err != nil {
			return nil, err
		}
	}

	// Coverage: each year, to 19 December unless the next year is known.
	first, last := Date{}, Date{}
	type span struct{ from, to Date }
	var spans []span
	for y := range years {
		from, _ := NewDate(y, time.January, 1)
		to, _ := NewDate(y, time.December, 19)
		if _, ok := years[y+1]; ok {
			to, _ = NewDate(y, time.December, 31)
		}
		spans = append(spans, span{from, to})
		if first.IsZero() || from.Before(first) {
			first = from
		}
		if to.After(last) {
			last = to
		}
	}
	n := int(last.n-first.n) + 1
	o.base = first.n
	o.working = make([]uint64, (n+63)/64)
	o.covered = make([]uint64, (n+63)/64)
	for _, s := range spans {
		for d := s.from; !d.After(s.to); d = d.AddDays(1) {
			i := d.n - o.base
			o.covered[i/64] |= 1 << (i % 64)
			working := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
			if day, ok := o.special[d]; ok {
				working = day.Working
			}
			if working {
				o.working[i/64] |= 1 << (i % 64)
			}
		}
	}
	return o, nil
}

// addYear validates one year's data and records its special days.
func (o *Official) addYear(y yearData) error {
	bad := func(format string, args ...any) error {
		return &DataError{Year: y.Year, Reason: fmt.Sprintf(format, args...)}
	}
	if y.Year < minYear+1 || y.Year > maxYear {
		return bad("year out of range")
	}
	if len(y.Notices) == 0 {
		return bad("no notices")
	}
	notices := map[string]Notice{}
	for _, n := range y.Notices {
		if n.ID == "" || n.Title == "" || n.Source == "" {
			return bad("a notice needs an id, a title and a source")
		}
		if _, err := ParseDate(n.Date); err != nil {
			return bad("notice %s: date %q", n.ID, n.Date)
		}
		if _, dup := notices[n.ID]; dup {
			return bad("notice id %s given twice", n.ID)
		}
		notices[n.ID] = n
	}
	earliest, _ := NewDate(y.Year-1, time.December, 1)
	latest, _ := NewDate(y.Year, time.December, 31)
	for _, h := range y.Holidays {
		if h.Name == "" || h.NameEN == "" {
			return bad("a holiday needs name and name_en")
		}
		noticeID := h.Notice
		if noticeID == "" {
			noticeID = y.Notices[0].ID
		}
		notice, ok := notices[noticeID]
		if !ok {
			return bad("%s: unknown notice %q", h.NameEN, noticeID)
		}
		record := func(d Date, working bool) error {
			if d.Before(earliest) || d.After(latest) {
				return bad("%s: %s is outside the year", h.NameEN, d)
			}
			if working && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
				return bad("%s: make-up working day %s is a %s, not a weekend day", h.NameEN, d, d.Weekday())
			}
			if prev, dup := o.special[d]; dup {
				return bad("%s: %s is already listed under %s", h.NameEN, d, prev.HolidayEN)
			}
			o.special[d] = Day{Date: d, Working: working, Holiday: h.Name, HolidayEN: h.NameEN, Notice: notice}
			return nil
		}
		for _, s := range h.Off {
			from, to, err := parseSpan(s)
			if err != nil {
				return bad("%s: %v", h.NameEN, err)
			}
			for d := from; !d.After(to); d = d.AddDays(1) {
				if err := record(d, false); err != nil {
					return err
				}
			}
		}
		for _, s := range h.Work {
			d, err := ParseDate(s)
			if err != nil {
				return bad("%s: %v", h.NameEN, err)
			}
			if err := record(d, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseSpan reads "2025-01-28" or "2025-01-28/2025-02-04" (at most 31 days).
func parseSpan(s string) (from, to Date, err error) {
	a, b, isRange := strings.Cut(s, "/")
	if from, err = ParseDate(a); err != nil {
		return Date{}, Date{}, err
	}
	if !isRange {
		return from, from, nil
	}
	if to, err = ParseDate(b); err != nil {
		return Date{}, Date{}, err
	}
	if to.Before(from) || from.DaysUntil(to) > 30 {
		return Date{}, Date{}, fmt.Errorf("range %q is reversed or longer than 31 days", s)
	}
	return from, to, nil
}

// Name returns the calendar's name ("CN" for China).
func (o *Official) Name() string { return o.name }

// IsWorkingDay reports whether d is a working day: a listed make-up day, or
// a Monday to Friday that is not a listed day off. A date the data does not
// cover is answered by the calendar's Projection, or without one is a
// *CoverageError.
func (o *Official) IsWorkingDay(d Date) (bool, error) {
	i := int64(d.n) - int64(o.base)
	if i < 0 || i >= int64(len(o.covered))*64 || o.covered[i/64]&(1<<(i%64)) == 0 {
		// A day a notice lists is its notice's, even in a year the notices
		// do not cover: the New Year arrangement of a year whose December
		// has no notice of its own.
		if day, ok := o.special[d]; ok {
			return day.Working, nil
		}
		if o.proj != nil {
			return o.proj.IsWorkingDay(d)
		}
		return false, &CoverageError{Calendar: o.name, Date: d}
	}
	return o.working[i/64]&(1<<(i%64)) != 0, nil
}

// official reports whether the notices cover d, or list it.
func (o *Official) official(d Date) bool {
	i := int64(d.n) - int64(o.base)
	if i >= 0 && i < int64(len(o.covered))*64 && o.covered[i/64]&(1<<(i%64)) != 0 {
		return true
	}
	_, listed := o.special[d]
	return listed
}

// Day describes d: whether it is a working day and, for a listed day, the
// holiday and notice behind it. A date the notices do not cover comes from
// the Projection, if any, with Projected set.
func (o *Official) Day(d Date) (Day, error) {
	if o.proj != nil && !o.official(d) {
		return o.proj.Day(d)
	}
	working, err := o.IsWorkingDay(d)
	if err != nil {
		return Day{}, err
	}
	if day, ok := o.special[d]; ok {
		return day, nil
	}
	return Day{Date: d, Working: working}, nil
}

// Covered returns the first and last dates the notices cover; years in
// between without data are not covered. Both are zero for an empty
// calendar. A Projection's dates are not included: see Covers and Until.
func (o *Official) Covered() (first, last Date) {
	if len(o.covered) == 0 {
		return Date{}, Date{}
	}
	first = Date{n: o.base}
	last = Date{n: o.base + int32(len(o.covered))*64 - 1}
	for !last.Before(first) && !o.official(last) {
		last = last.AddDays(-1)
	}
	return first, last
}

// Notices returns the notices behind year y, in the data's order, or nil.
func (o *Official) Notices(y int) []Notice {
	return slices.Clone(o.years[y].Notices)
}
