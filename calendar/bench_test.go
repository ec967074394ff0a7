package calendar

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
)

// Run with: go test -run '^$' -bench . -benchmem ./calendar

func BenchmarkChinaIsWorkingDay(b *testing.B) {
	c := china(b)
	d := date(b, "2025-10-09")
	for b.Loop() {
		c.IsWorkingDay(d)
	}
}

// rickarChina2025 is the obvious alternative: rickar's business calendar
// with 2025's official days off added as fixed-date holidays, and the
// make-up working days through its WorkdayFunc hook.
func rickarChina2025(b *testing.B) *cal.BusinessCalendar {
	c := china(b)
	bc := cal.NewBusinessCalendar()
	makeUp := map[time.Time]bool{}
	for d := date(b, "2025-01-01"); d.Year() == 2025; d = d.AddDays(1) {
		day, err := c.Day(d)
		if err != nil {
			b.Fatal(err)
		}
		switch {
		case day.Holiday != "" && !day.Working:
			bc.AddHoliday(&cal.Holiday{Name: day.Holiday, Type: cal.ObservancePublic,
				Month: d.Month(), Day: d.Day(), StartYear: 2025, EndYear: 2025, Func: cal.CalcDayOfMonth})
		case day.Holiday != "" && day.Working:
			makeUp[d.Start(time.UTC)] = true
		}
	}
	bc.WorkdayFunc = func(t time.Time) bool {
		wd := t.Weekday()
		return wd != time.Saturday && wd != time.Sunday || makeUp[t]
	}
	return bc
}

func BenchmarkRickarIsWorkday(b *testing.B) {
	bc := rickarChina2025(b)
	t := date(b, "2025-10-09").Start(time.UTC)
	if !bc.IsWorkday(t) {
		b.Fatal("rickar calendar disagrees on 2025-10-09")
	}
	for b.Loop() {
		bc.IsWorkday(t)
	}
}

func BenchmarkAddMonths(b *testing.B) {
	d := date(b, "2015-01-31")
	for b.Loop() {
		d.AddMonths(13)
	}
}

func BenchmarkAddWorkingDays30(b *testing.B) {
	c := china(b)
	d := date(b, "2025-09-15")
	for b.Loop() {
		AddWorkingDays(c, d, 30)
	}
}

func BenchmarkDateOf(b *testing.B) {
	loc := shanghai(b)
	t := time.Date(2015, 1, 10, 15, 59, 59, 0, time.UTC)
	for b.Loop() {
		DateOf(t, loc)
	}
}

func BenchmarkHuabeiDueDate(b *testing.B) {
	c := china(b)
	rule := DateRule{Kind: DayOfMonthAfter, Day: 10, Months: 1, Roll: Following}
	d := date(b, "2025-01-20")
	for b.Loop() {
		rule.Date(c, d)
	}
}

func BenchmarkLoadChina(b *testing.B) {
	for b.Loop() {
		China()
	}
}
