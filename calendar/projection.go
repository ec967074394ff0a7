package calendar

import (
	"time"
)

// Projection is mainland China's calendar as the national holiday measures
// alone would make it, for years no notice has fixed yet: the statutory
// days of each holiday (Statute), placed by a lunar table for the Spring
// Festival, Dragon Boat and Mid-Autumn and by the solar term for Qingming,
// plus a weekday off for each statutory day that falls on a weekend
// (Article 6, 补假). It never has make-up working weekends (调休): no one
// can know them before the State Council's notice.
//
// A Projection answers every date. Within the lunar table's years
// (Covered; 2014 through 2100 for ChinaProjection) the answer is complete
// under the statute. Outside them the lunar holidays cannot be placed, so
// the answer has Saturdays, Sundays and the fixed-date holidays only (New
// Year's Day, Labour Day, National Day, with their substitute weekdays)
// and Covers reports false: a product must decide whether to use it.
//
// It is immutable and safe for concurrent use. Every Day it returns has
// Projected set and no Notice.
type Projection struct {
	statute     Statute
	substitutes bool
	first       int         // the lunar table's first year
	lunar       []lunarYear // by year - first
	days        []offDays   // by year - first
	base        int32       // day number of 1 January of first: bit 0
	span        int64       // number of days from 1 January of first to 31 December of the last year
	working     []uint64    // bit i set: day base+i is a working day
}

// ChinaProjection returns the projection of mainland China's calendar
// from the lunar table built into the package (china_lunar.txt: the Hong
// Kong Observatory's conversion tables, 2014 through 2100), each year under
// the revision of the measures in force that year.
func ChinaProjection() (*Projection, error) {
	return LoadChinaProjection([]byte(chinaLunarTable), StatuteInForce)
}

// LoadChinaProjection builds a projection from a lunar table in the
// format of china_lunar.txt, such as one that corrects it or reaches
// further, under statute s.
func LoadChinaProjection(table []byte, s Statute) (*Projection, error) {
	return newProjection(table, s, true)
}

func newProjection(table []byte, s Statute, substitutes bool) (*Projection, error) {
	if s > Statute2024 {
		return nil, &DataError{Reason: "unknown statute " + s.String()}
	}
	first, lunar, err := parseLunarTable(table)
	if err != nil {
		return nil, err
	}
	p := &Projection{statute: s, substitutes: substitutes, first: first, lunar: lunar}
	start, _ := NewDate(first, time.January, 1)
	end, _ := NewDate(first+len(lunar)-1, time.December, 31)
	p.base = start.n
	p.span = int64(end.n-start.n) + 1
	p.working = make([]uint64, (p.span+63)/64)
	p.days = make([]offDays, len(lunar))
	for i := range lunar {
		p.days[i] = statutoryDays(first+i, s, &lunar[i], substitutes)
	}
	for d := start; !d.After(end); d = d.AddDays(1) {
		if !isWeekend(d) {
			i := d.n - p.base
			p.working[i/64] |= 1 << (i % 64)
		}
	}
	for _, off := range p.days {
		for _, x := range off.days[:off.n] {
			if i := int64(x.date.n - p.base); i >= 0 && i < p.span {
				p.working[i/64] &^= 1 << (i % 64)
			}
		}
	}
	return p, nil
}

// Statute returns the revision of the measures the projection applies.
func (p *Projection) Statute() Statute { return p.statute }

// Years returns the first and last years of the lunar table: the years
// the projection covers.
func (p *Projection) Years() (first, last int) { return p.first, p.first + len(p.lunar) - 1 }

// Covered returns 1 January of the first year and 31 December of the last
// year the projection covers.
func (p *Projection) Covered() (first, last Date) {
	return Date{n: p.base}, Date{n: p.base + int32(p.span) - 1}
}

// Covers reports whether d lies within the lunar table's years, where the
// projection places every statutory holiday. Outside them IsWorkingDay
// still answers, from weekends and fixed-date holidays only.
func (p *Projection) Covers(d Date) bool {
	i := int64(d.n) - int64(p.base)
	return !d.IsZero() && i >= 0 && i < p.span
}

// IsWorkingDay reports whether d is a working day under the projection:
// a Monday to Friday that is no statutory day and no substitute day off.
// It answers every date (see Projection); only the zero Date is an error,
// a *CoverageError.
func (p *Projection) IsWorkingDay(d Date) (bool, error) {
	i := int64(d.n) - int64(p.base)
	if i >= 0 && i < p.span {
		return p.working[i/64]&(1<<(i%64)) != 0, nil
	}
	if d.IsZero() {
		return false, &CoverageError{Calendar: "CN projection", Date: d}
	}
	if isWeekend(d) {
		return false, nil
	}
	off := p.yearDays(d.Year())
	_, isOff := off.find(d)
	return !isOff, nil
}

// yearDays returns year y's days off: from the table when it has y, else
// the fixed-date holidays only.
func (p *Projection) yearDays(y int) offDays {
	if i := y - p.first; i >= 0 && i < len(p.days) {
		return p.days[i]
	}
	return statutoryDays(y, p.statute, nil, p.substitutes)
}

// Day describes d under the projection. A statutory day or substitute day
// off names its holiday; a substitute's English name ends in
// "(substitute)" and its Chinese name in "补假". Only the zero Date is an
// error.
func (p *Projection) Day(d Date) (Day, error) {
	working, err := p.IsWorkingDay(d)
	if err != nil {
		return Day{}, err
	}
	off := p.yearDays(d.Year())
	if x, ok := off.find(d); ok {
		return x.day(), nil
	}
	return Day{Date: d, Working: working, Projected: true}, nil
}

// Holidays returns year y's projected days off in date order: every
// statutory day, including those on a weekend, and every substitute
// weekday. For a year outside Years, only the fixed-date holidays.
func (p *Projection) Holidays(y int) []Day {
	if y < minYear || y > maxYear {
		return nil
	}
	off := p.yearDays(y)
	out := make([]Day, off.n)
	for i, x := range off.days[:off.n] {
		out[i] = x.day()
	}
	return out
}

func (x offDay) day() Day {
	zh, en := x.kind.names()
	if x.substitute {
		zh, en = zh+"补假", en+" (substitute)"
	}
	return Day{Date: x.date, Holiday: zh, HolidayEN: en, Projected: true}
}
