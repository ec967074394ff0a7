package calendar_test

import (
	"encoding/json"
	"fmt"

	"github.com/justspend/justspend/calendar"
)

// The projection of 2027, before the State Council's notice: the weekdays
// off that the statute alone gives.
func ExampleChinaProjection() {
	p, err := calendar.ChinaProjection()
	if err != nil {
		panic(err)
	}
	for _, day := range p.Holidays(2027) {
		if wd := day.Date.Weekday(); wd != 0 && wd != 6 {
			fmt.Println(day.Date, day.Date.Weekday(), day.HolidayEN)
		}
	}
	// Output:
	// 2027-01-01 Friday New Year's Day
	// 2027-02-05 Friday Spring Festival
	// 2027-02-08 Monday Spring Festival
	// 2027-02-09 Tuesday Spring Festival (substitute)
	// 2027-02-10 Wednesday Spring Festival (substitute)
	// 2027-04-05 Monday Qingming Festival
	// 2027-05-03 Monday Labour Day (substitute)
	// 2027-05-04 Tuesday Labour Day (substitute)
	// 2027-06-09 Wednesday Dragon Boat Festival
	// 2027-09-15 Wednesday Mid-Autumn Festival
	// 2027-10-01 Friday National Day
	// 2027-10-04 Monday National Day (substitute)
	// 2027-10-05 Tuesday National Day (substitute)
}

// The 2024 revision made the lunar New Year's Eve a statutory day; under
// the 2013 revision it was a working day.
func ExampleLoadChinaProjection() {
	eve, _ := calendar.ParseDate("2024-02-09")
	for _, s := range []calendar.Statute{calendar.Statute2013, calendar.Statute2024} {
		p, err := calendar.LoadChinaProjection([]byte("2024 02-10 06-06 09-03 04-04\n"), s)
		if err != nil {
			panic(err)
		}
		working, _ := p.IsWorkingDay(eve)
		fmt.Println(s, "law:", eve, "working:", working)
	}
	// Output:
	// 2013 law: 2024-02-09 working: true
	// 2024 law: 2024-02-09 working: false
}

// Official data where there is some, the projection beyond: every date
// has an answer, and the host can tell which are projected.
func ExampleChinaProjected() {
	cn, err := calendar.ChinaProjected()
	if err != nil {
		panic(err)
	}
	for _, s := range []string{"2026-10-10", "2027-02-09", "2027-02-20"} {
		d, _ := calendar.ParseDate(s)
		day, _ := cn.Day(d)
		fmt.Println(s, d.Weekday(), "working:", day.Working, "projected:", day.Projected, day.HolidayEN)
	}
	// Output:
	// 2026-10-10 Saturday working: true projected: false National Day
	// 2027-02-09 Tuesday working: false projected: true Spring Festival (substitute)
	// 2027-02-20 Saturday working: false projected: true
}

// When the notice for 2027 is published, loading it makes 2027 official;
// the projection still answers 2028.
func ExampleOfficial_WithProjection() {
	cn, _ := calendar.China()
	p, _ := calendar.ChinaProjection()
	cn = cn.WithProjection(p)
	notice := []byte(`{"years":[{"year":2027,
	  "notices":[{"id":"2027","title":"an example notice","date":"2026-11-01","source":"example"}],
	  "holidays":[{"name":"春节","name_en":"Spring Festival","off":["2027-02-05/2027-02-11"],"work":["2027-02-20"]}]}]}`)
	cn, err := cn.With(notice)
	if err != nil {
		panic(err)
	}
	for _, s := range []string{"2027-02-11", "2027-02-20", "2028-01-26"} {
		d, _ := calendar.ParseDate(s)
		working, _ := cn.IsWorkingDay(d)
		fmt.Println(s, "working:", working, "projected:", cn.IsProjected(d))
	}
	// Output:
	// 2027-02-11 working: false projected: false
	// 2027-02-20 working: true projected: false
	// 2028-01-26 working: false projected: true
}

func ExampleOfficial_IsProjected() {
	cn, _ := calendar.ChinaProjected()
	for _, s := range []string{"2026-12-18", "2026-12-21"} {
		d, _ := calendar.ParseDate(s)
		fmt.Println(s, cn.IsProjected(d))
	}
	// Output:
	// 2026-12-18 false
	// 2026-12-21 true
}

// A product decides what to do with a due date its calendar does not
// cover, such as one past the lunar table.
func ExampleOfficial_Covers() {
	cn, _ := calendar.ChinaProjected()
	fmt.Println("covered until", cn.Until())
	for _, s := range []string{"2030-06-05", "2101-06-06"} {
		d, _ := calendar.ParseDate(s)
		working, err := cn.IsWorkingDay(d)
		fmt.Println(s, "covers:", cn.Covers(d), "working:", working, err)
	}
	// Output:
	// covered until 2100-12-31
	// 2030-06-05 covers: true working: false <nil>
	// 2101-06-06 covers: false working: true <nil>
}

func ExampleOfficial_Until() {
	cn, _ := calendar.China()
	fmt.Println(cn.Until())
	p, _ := calendar.ChinaProjection()
	fmt.Println(cn.WithProjection(p).Until())
	// Output:
	// 2026-12-19
	// 2100-12-31
}

func ExampleOfficial_Projection() {
	cn, _ := calendar.ChinaProjected()
	first, last := cn.Projection().Years()
	fmt.Println(first, last)
	// Output: 2014 2100
}

// Beyond the lunar table the projection still answers, from weekends and
// the fixed-date holidays, and says the date is not covered.
func ExampleProjection_Covers() {
	p, _ := calendar.ChinaProjection()
	for _, s := range []string{"2100-10-04", "2101-10-04"} {
		d, _ := calendar.ParseDate(s)
		working, _ := p.IsWorkingDay(d)
		fmt.Println(s, d.Weekday(), "working:", working, "covers:", p.Covers(d))
	}
	// Output:
	// 2100-10-04 Monday working: false covers: true
	// 2101-10-04 Tuesday working: false covers: false
}

func ExampleProjection_Covered() {
	p, _ := calendar.ChinaProjection()
	first, last := p.Covered()
	fmt.Println(first, last)
	// Output: 2014-01-01 2100-12-31
}

func ExampleProjection_Years() {
	p, _ := calendar.ChinaProjection()
	fmt.Println(p.Years())
	// Output: 2014 2100
}

func ExampleProjection_Statute() {
	p, _ := calendar.ChinaProjection()
	fmt.Println(p.Statute())
	// Output: in-force
}

func ExampleProjection_IsWorkingDay() {
	p, _ := calendar.ChinaProjection()
	// Mid-Autumn 2020 fell on National Day, 1 October: made up on Monday 5.
	d, _ := calendar.ParseDate("2020-10-05")
	fmt.Println(p.IsWorkingDay(d))
	// Output: false <nil>
}

func ExampleProjection_Day() {
	p, _ := calendar.ChinaProjection()
	d, _ := calendar.ParseDate("2035-02-07")
	day, _ := p.Day(d)
	fmt.Println(day.Date, day.Working, day.Holiday, day.HolidayEN, day.Projected)
	// Output: 2035-02-07 false 春节 Spring Festival true
}

func ExampleProjection_Holidays() {
	p, _ := calendar.ChinaProjection()
	for _, day := range p.Holidays(2101) { // beyond the table: fixed dates only
		fmt.Println(day.Date, day.Holiday)
	}
	// Output:
	// 2101-01-01 元旦
	// 2101-01-03 元旦补假
	// 2101-05-01 劳动节
	// 2101-05-02 劳动节
	// 2101-05-03 劳动节补假
	// 2101-10-01 国庆节
	// 2101-10-02 国庆节
	// 2101-10-03 国庆节
	// 2101-10-04 国庆节补假
	// 2101-10-05 国庆节补假
}

func ExampleStatute_String() {
	fmt.Println(calendar.StatuteInForce, calendar.Statute2013, calendar.Statute2024)
	// Output: in-force 2013 2024
}

// The zero Date, no date at all, prints and encodes as 0000-00-00 and
// decodes back.
func ExampleDate_MarshalText() {
	var none calendar.Date
	b, _ := json.Marshal(struct{ Due calendar.Date }{none})
	fmt.Println(none, string(b))
	var back struct{ Due calendar.Date }
	err := json.Unmarshal(b, &back)
	fmt.Println(back.Due.IsZero(), back.Due == none, err)
	// Output:
	// 0000-00-00 {"Due":"0000-00-00"}
	// true true <nil>
}
