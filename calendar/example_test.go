package calendar_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/justspend/justspend/calendar"
)

// When is a purchase delivered on 2014-12-20 due under Huabei's launch
// rule, "by the 10th of the month following delivery"?
func ExampleDateRule_Date() {
	due := calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1}
	delivered, _ := calendar.ParseDate("2014-12-20")
	d, _ := due.Date(nil, delivered) // no roll, so no calendar needed
	fmt.Println(d, d.Weekday())

	// It is due at 24:00 Beijing time that day.
	beijing := time.FixedZone("CST", 8*3600)
	fmt.Println(d.At(24, 0, beijing).UTC())
	// Output:
	// 2015-01-10 Saturday
	// 2015-01-10 16:00:00 +0000 UTC
}

func ExampleDateRule_Nth() {
	// Installments keep their anchor day, clamped to the month's end.
	monthly := calendar.DateRule{Kind: calendar.Monthly, Months: 1}
	anchor, _ := calendar.ParseDate("2016-01-31")
	for n := 1; n <= 3; n++ {
		d, _ := monthly.Nth(nil, anchor, n)
		fmt.Println(d)
	}
	// Output:
	// 2016-02-29
	// 2016-03-31
	// 2016-04-30
}

func ExampleChina() {
	cn, err := calendar.China()
	if err != nil {
		panic(err)
	}
	for _, s := range []string{"2025-01-26", "2025-01-28", "2020-02-01"} {
		d, _ := calendar.ParseDate(s)
		day, _ := cn.Day(d)
		fmt.Println(s, d.Weekday(), "working:", day.Working, day.HolidayEN)
	}
	// 2027's notice is not in the data yet: the calendar says so.
	later, _ := calendar.ParseDate("2027-03-01")
	_, err = cn.IsWorkingDay(later)
	fmt.Println(errors.Is(err, calendar.ErrNotCovered))
	// Output:
	// 2025-01-26 Sunday working: true Spring Festival
	// 2025-01-28 Tuesday working: false Spring Festival
	// 2020-02-01 Saturday working: false Spring Festival
	// true
}

func ExampleAddWorkingDays() {
	cn, _ := calendar.China()
	d, _ := calendar.ParseDate("2025-09-30")
	next, _ := calendar.AddWorkingDays(cn, d, 1)
	fmt.Println(next)
	// Output: 2025-10-09
}

func ExampleRollDate() {
	cn, _ := calendar.China()
	d, _ := calendar.ParseDate("2023-09-30")
	f, _ := calendar.RollDate(cn, d, calendar.Following)
	mf, _ := calendar.RollDate(cn, d, calendar.ModifiedFollowing)
	fmt.Println(f, mf)
	// Output: 2023-10-07 2023-09-28
}

func ExampleDateOf() {
	shanghai := time.FixedZone("CST", 8*3600)
	t := time.Date(2015, 1, 10, 16, 0, 0, 0, time.UTC)
	fmt.Println(calendar.DateOf(t, time.UTC), calendar.DateOf(t, shanghai))
	// Output: 2015-01-10 2015-01-11
}
