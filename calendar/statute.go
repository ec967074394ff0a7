package calendar

import (
	"strconv"
	"time"
)

// Statute chooses the revision of mainland China's national holiday
// measures (全国年节及纪念日放假办法) a Projection applies. The zero value
// applies, to each year, the revision in force that year.
type Statute uint8

const (
	// StatuteInForce applies Statute2013 to years up to 2024 and
	// Statute2024 from 2025, when Decree No. 795 took effect.
	StatuteInForce Statute = iota
	// Statute2013 is the revision of State Council Decree No. 644 of
	// 11 December 2013, in force 2014 through 2024: New Year's Day 1 day,
	// Spring Festival 3 (正月初一 to 初三), Qingming 1, Labour Day 1
	// (1 May), Dragon Boat 1, Mid-Autumn 1, National Day 3 (1-3 October).
	Statute2013
	// Statute2024 is the revision of State Council Decree No. 795 of
	// 10 November 2024, in force from 1 January 2025: as Statute2013 but
	// the Spring Festival is 4 days (农历除夕 to 初三) and Labour Day 2
	// (1-2 May).
	Statute2024
)

// String returns "in-force", "2013" or "2024".
func (s Statute) String() string {
	switch s {
	case StatuteInForce:
		return "in-force"
	case Statute2013:
		return "2013"
	case Statute2024:
		return "2024"
	}
	return "Statute(" + strconv.Itoa(int(s)) + ")"
}

// forYear resolves StatuteInForce for year y.
func (s Statute) forYear(y int) Statute {
	if s != StatuteInForce {
		return s
	}
	if y >= 2025 {
		return Statute2024
	}
	return Statute2013
}

// holidayKind names a statutory holiday.
type holidayKind uint8

const (
	newYearsDay holidayKind = iota
	springFestival
	qingmingFestival
	labourDay
	dragonBoatFestival
	midAutumnFestival
	nationalDay
)

// names returns the holiday's Chinese and English names, as china.json
// writes them.
func (k holidayKind) names() (zh, en string) {
	switch k {
	case newYearsDay:
		return "元旦", "New Year's Day"
	case springFestival:
		return "春节", "Spring Festival"
	case qingmingFestival:
		return "清明节", "Qingming Festival"
	case labourDay:
		return "劳动节", "Labour Day"
	case dragonBoatFestival:
		return "端午节", "Dragon Boat Festival"
	case midAutumnFestival:
		return "中秋节", "Mid-Autumn Festival"
	}
	return "国庆节", "National Day"
}

// offDay is one projected day off: a statutory day, or the weekday that
// makes up for a statutory day falling on a weekend or on another holiday.
type offDay struct {
	date       Date
	kind       holidayKind
	substitute bool
}

// offDays is one year's projected days off in date order: at most 13
// statutory days and as many substitutes. It is a value, so that working
// out a year beyond the lunar table allocates nothing.
type offDays struct {
	n    int
	days [26]offDay
}

func (o *offDays) add(d offDay) {
	i := o.n
	for ; i > 0 && o.days[i-1].date.After(d.date); i-- {
		o.days[i] = o.days[i-1]
	}
	o.days[i] = d
	o.n++
}

// find returns the day off on d, if any.
func (o *offDays) find(d Date) (offDay, bool) {
	for _, x := range o.days[:o.n] {
		if x.date == d {
			return x, true
		}
	}
	return offDay{}, false
}

// statutoryDays places year y's statutory holidays under statute s. With
// l nil (a year beyond the lunar table) only the fixed-date holidays are
// placed: New Year's Day, Labour Day and National Day.
//
// Article 6 of the measures: a holiday for all citizens that falls on a
// Saturday or Sunday is made up on a working day (补假). With substitutes,
// each statutory day on a weekend, or on a day already taken by another
// holiday (Mid-Autumn on 1 October, as in 2020), gives the first weekday
// after it that is no statutory day and no earlier substitute.
func statutoryDays(y int, s Statute, l *lunarYear, substitutes bool) offDays {
	var slots offDays
	fixed := func(m time.Month, d int, k holidayKind) {
		date, err := NewDate(y, m, d)
		if err == nil {
			slots.add(offDay{date: date, kind: k})
		}
	}
	law := s.forYear(y)
	fixed(time.January, 1, newYearsDay)
	fixed(time.May, 1, labourDay)
	if law == Statute2024 {
		fixed(time.May, 2, labourDay)
	}
	fixed(time.October, 1, nationalDay)
	fixed(time.October, 2, nationalDay)
	fixed(time.October, 3, nationalDay)
	if l != nil {
		if law == Statute2024 {
			slots.add(offDay{date: l.eve(), kind: springFestival})
		}
		for i := 0; i < 3; i++ {
			slots.add(offDay{date: l.newYear.AddDays(i), kind: springFestival})
		}
		slots.add(offDay{date: l.qingming, kind: qingmingFestival})
		slots.add(offDay{date: l.dragonBoat(), kind: dragonBoatFestival})
		slots.add(offDay{date: l.midAutumn(), kind: midAutumnFestival})
	}

	var out offDays
	var owed [13]offDay // statutory days to make up, in date order
	nOwed := 0
	for _, x := range slots.days[:slots.n] {
		if _, taken := out.find(x.date); taken {
			owed[nOwed], nOwed = x, nOwed+1
			continue
		}
		out.add(x)
		if isWeekend(x.date) {
			owed[nOwed], nOwed = x, nOwed+1
		}
	}
	if !substitutes {
		return out
	}
	for _, x := range owed[:nOwed] {
		d := x.date.AddDays(1)
		for !d.IsZero() {
			if _, taken := out.find(d); !taken && !isWeekend(d) {
				out.add(offDay{date: d, kind: x.kind, substitute: true})
				break
			}
			d = d.AddDays(1)
		}
	}
	return out
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
