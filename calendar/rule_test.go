package calendar

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestDateRules(t *testing.T) {
	c := china(t)
	huabei := DateRule{Kind: DayOfMonthAfter, Day: 10, Months: 1}
	tests := []struct {
		name string
		rule DateRule
		x    string
		n    int
		want string
	}{
		// Huabei 2014: due by the 10th of the month after delivery.
		{"huabei, delivered 2014-12-20", huabei, "2014-12-20", 1, "2015-01-10"},
		{"huabei, delivered 2015-01-01", huabei, "2015-01-01", 1, "2015-02-10"},
		{"huabei, delivered 2015-01-31", huabei, "2015-01-31", 1, "2015-02-10"},
		{"huabei, delivered 2015-12-31", huabei, "2015-12-31", 1, "2016-01-10"},
		// Statement on the 1st, due the 10th of the same month.
		{"same month", DateRule{Kind: DayOfMonthAfter, Day: 10}, "2015-01-01", 1, "2015-01-10"},
		// Day 31 means the month's last day.
		{"last day", DateRule{Kind: DayOfMonthAfter, Day: 31, Months: 1}, "2016-01-15", 1, "2016-02-29"},
		// With a roll on China's calendar: 2025-10-10 is a Friday and works;
		// 10 February 2024 was Spring Festival: rolled to Sunday the 18th,
		// a make-up working day.
		{"rolled, working day", DateRule{Kind: DayOfMonthAfter, Day: 10, Months: 1, Roll: Following}, "2025-09-15", 1, "2025-10-10"},
		{"rolled over Spring Festival", DateRule{Kind: DayOfMonthAfter, Day: 10, Months: 1, Roll: Following}, "2024-01-20", 1, "2024-02-18"},
		// JD Baitiao statement mode: statement day + 9.
		{"statement + 9", DateRule{Kind: DaysAfter, Days: 9}, "2015-01-01", 1, "2015-01-10"},
		// JD order mode: 30 days after the purchase.
		{"order + 30", DateRule{Kind: DaysAfter, Days: 30}, "2015-01-31", 1, "2015-03-02"},
		// Installments keep the anchor day, clamped.
		{"monthly 1", DateRule{Kind: Monthly, Months: 1}, "2015-01-31", 1, "2015-02-28"},
		{"monthly 2", DateRule{Kind: Monthly, Months: 1}, "2015-01-31", 2, "2015-03-31"},
		{"monthly 3", DateRule{Kind: Monthly, Months: 1}, "2015-01-31", 3, "2015-04-30"},
		{"monthly leap", DateRule{Kind: Monthly, Months: 1}, "2016-01-31", 1, "2016-02-29"},
		{"pay in 4: every 2 weeks", DateRule{Kind: DaysAfter, Days: 14}, "2025-01-01", 3, "2025-02-12"},
	}
	for _, tt := range tests {
		got, err := tt.rule.Nth(c, date(t, tt.x), tt.n)
		if err != nil || got != date(t, tt.want) {
			t.Errorf("%s: Nth(%s, %d) = %s, %v; want %s", tt.name, tt.x, tt.n, got, err, tt.want)
		}
	}
	// Date is the first occurrence; no calendar is needed without a roll.
	if got, err := huabei.Date(nil, date(t, "2014-12-20")); err != nil || got != date(t, "2015-01-10") {
		t.Errorf("Date(nil, 2014-12-20) = %s, %v", got, err)
	}
}

func TestDateRuleErrors(t *testing.T) {
	tests := []struct {
		name string
		rule DateRule
	}{
		{"no kind", DateRule{}},
		{"unknown kind", DateRule{Kind: 9}},
		{"day 0", DateRule{Kind: DayOfMonthAfter, Day: 0, Months: 1}},
		{"day 32", DateRule{Kind: DayOfMonthAfter, Day: 32, Months: 1}},
		{"negative months", DateRule{Kind: DayOfMonthAfter, Day: 10, Months: -1}},
		{"negative days", DateRule{Kind: DaysAfter, Days: -9}},
		{"monthly every 0 months", DateRule{Kind: Monthly}},
		{"bad roll", DateRule{Kind: DaysAfter, Days: 9, Roll: 7}},
	}
	for _, tt := range tests {
		if err := tt.rule.Validate(); !errors.Is(err, ErrInvalidRule) {
			t.Errorf("%s: Validate() = %v, want ErrInvalidRule", tt.name, err)
		}
		if _, err := tt.rule.Nth(nil, date(t, "2015-01-01"), 1); !errors.Is(err, ErrInvalidRule) {
			t.Errorf("%s: Nth error = %v, want ErrInvalidRule", tt.name, err)
		}
	}
	ok := DateRule{Kind: DaysAfter, Days: 9}
	if _, err := ok.Nth(nil, date(t, "2015-01-01"), 0); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("period 0: error = %v", err)
	}
	if _, err := ok.Nth(nil, Date{}, 1); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("zero date: error = %v", err)
	}
	if _, err := (DateRule{Kind: Monthly, Months: 12}).Nth(nil, date(t, "9999-01-01"), 1); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("beyond year 9999: error = %v", err)
	}
	var r DateRule
	if err := json.Unmarshal([]byte(`{"kind":"weekly"}`), &r); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("unknown kind in JSON: error = %v", err)
	}
	b, err := json.Marshal(DateRule{Kind: DayOfMonthAfter, Day: 10, Months: 1})
	if err != nil || string(b) != `{"kind":"day_of_month_after","day":10,"months":1}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
}
