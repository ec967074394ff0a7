package calendar

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"
)

//go:embed china_lunar.txt
var chinaLunarTable string // a string, so that it cannot be changed

// lunarYear holds, for one Gregorian year, the days that China's lunar
// statutory holidays and Qingming hang on, as the table gives them.
type lunarYear struct {
	newYear  Date // 正月初一, the first day of the 1st lunar month
	fifth    Date // 五月初一, the first day of the (ordinary) 5th lunar month
	eighth   Date // 八月初一, the first day of the 8th lunar month
	qingming Date // the day of the solar term Qingming
}

// eve is 农历除夕, the last day of the lunar year: the day before 初一.
func (l lunarYear) eve() Date { return l.newYear.AddDays(-1) }

// dragonBoat is 五月初五.
func (l lunarYear) dragonBoat() Date { return l.fifth.AddDays(4) }

// midAutumn is 八月十五.
func (l lunarYear) midAutumn() Date { return l.eighth.AddDays(14) }

// The lunar table format (china_lunar.txt is the example): lines starting
// with # are comments; every other line is a Gregorian year followed by
// four MM-DD dates in that year: the first day of the 1st, 5th and 8th
// lunar months and the day of Qingming. Years follow each other without
// gaps.
//
// A lunar month has 29 or 30 days, so the distances between the dates are
// checked against whole months, which catches most typing errors: 1st to
// 5th month is 4 months (5 with a leap month between), 5th to 8th 3 (or
// 4), and one lunar new year to the next 12 (or 13).
func parseLunarTable(table []byte) (first int, years []lunarYear, err error) {
	prev := 0
	for n, line := range strings.Split(string(table), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		y, convErr := strconv.Atoi(f[0])
		if convErr != nil || y <= minYear || y >= maxYear {
			return 0, nil, &DataError{Reason: fmt.Sprintf("lunar table line %d: bad year %q", n+1, f[0])}
		}
		bad := func(format string, args ...any) error {
			return &DataError{Year: y, Reason: "lunar table: " + fmt.Sprintf(format, args...)}
		}
		if len(f) != 5 {
			return 0, nil, bad("want a year and 4 dates, got %d fields", len(f))
		}
		if prev != 0 && y != prev+1 {
			return 0, nil, bad("years must follow %d without a gap", prev)
		}
		var d [4]Date
		for i, s := range f[1:] {
			if len(s) != 5 || s[2] != '-' {
				return 0, nil, bad("date %q is not MM-DD", s)
			}
			if d[i], err = ParseDate(f[0] + "-" + s); err != nil {
				return 0, nil, bad("date %q does not exist", s)
			}
		}
		l := lunarYear{newYear: d[0], fifth: d[1], eighth: d[2], qingming: d[3]}
		if err := l.check(y); err != nil {
			return 0, nil, bad("%s", err)
		}
		if len(years) > 0 {
			if span := years[len(years)-1].newYear.DaysUntil(l.newYear); !months(span, 12) {
				return 0, nil, bad("lunar new year %d days after the previous one, not 12 or 13 lunar months", span)
			}
		} else {
			first = y
		}
		years = append(years, l)
		prev = y
	}
	if len(years) == 0 {
		return 0, nil, &DataError{Reason: "lunar table: no years"}
	}
	return first, years, nil
}

// check tests one year's dates against the lunar calendar's shape.
func (l lunarYear) check(y int) error {
	jan20, _ := NewDate(y, time.January, 20)
	feb21, _ := NewDate(y, time.February, 21)
	apr3, _ := NewDate(y, time.April, 3)
	apr6, _ := NewDate(y, time.April, 6)
	switch {
	case l.newYear.Before(jan20) || l.newYear.After(feb21):
		return fmt.Errorf("lunar new year %s is not between 20 January and 21 February", l.newYear)
	case l.qingming.Before(apr3) || l.qingming.After(apr6):
		return fmt.Errorf("the Qingming day %s is not between 3 and 6 April", l.qingming)
	case !months(l.newYear.DaysUntil(l.fifth), 4):
		return fmt.Errorf("5th month %s is not 4 or 5 lunar months after the 1st", l.fifth)
	case !months(l.fifth.DaysUntil(l.eighth), 3):
		return fmt.Errorf("8th month %s is not 3 or 4 lunar months after the 5th", l.eighth)
	case l.midAutumn().Year() != y:
		return fmt.Errorf("Mid-Autumn %s is not in %d", l.midAutumn(), y)
	}
	return nil
}

// months reports whether days is the length of n or n+1 lunar months of
// 29 or 30 days each.
func months(days, n int) bool {
	return days >= 29*n && days <= 30*n || days >= 29*(n+1) && days <= 30*(n+1)
}
