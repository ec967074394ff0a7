package billing

import (
	"errors"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// huabeiRules: statement on the 1st, due on the 10th, billed by delivery,
// 0.05% a day after a minimum payment, 0.05% a day on what is overdue
// instead of interest, 10% minimum plus all charges.
func huabeiRules() Rules {
	return Rules{
		Cycle: CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10},
			Posting: PostOnDelivery, CutoffHour: 24, StatementDayClosesCycle: true},
		Interest:   InterestRule{Method: RemainderAfterDue, DailyRate: dec("0.0005")},
		Penalty:    PenaltyRule{Method: OverdueDaily, DailyRate: dec("0.0005"), ReplacesInterest: true},
		Minimum:    MinimumPayment{NewPrincipalRate: dec("0.10"), CarriedPrincipalRate: dec("0.10"), PlusCharges: true},
		Allocation: HuabeiAllocation(),
		Rounding:   money.HalfEven,
	}
}

// TestHuabeiLaunchCycle: delivered 2014-12-20, billed 2015-01-01, due
// 2015-01-10. Delivered on a statement day, the rule decides.
func TestHuabeiLaunchCycle(t *testing.T) {
	r := huabeiRules().Cycle
	tests := []struct {
		delivered string
		closes    bool
		statement string
		due       string
	}{
		{"2014-12-20", true, "2015-01-01", "2015-01-10"},
		{"2015-01-01", true, "2015-01-01", "2015-01-10"},
		{"2015-01-01", false, "2015-02-01", "2015-02-10"},
		{"2015-01-02", true, "2015-02-01", "2015-02-10"},
		{"2015-01-31", false, "2015-02-01", "2015-02-10"},
		{"2015-12-25", true, "2016-01-01", "2016-01-10"},
	}
	for _, tt := range tests {
		r.StatementDayClosesCycle = tt.closes
		s := r.StatementFor(day(t, tt.delivered))
		due, err := r.DueDate(nil, s, day(t, tt.delivered))
		if err != nil || s != day(t, tt.statement) || due != day(t, tt.due) {
			t.Errorf("delivered %s (closes %v): statement %s due %s, %v; want %s, %s", tt.delivered, tt.closes, s, due, err, tt.statement, tt.due)
		}
	}
	// JD Baitiao: statement mode is statement + 9 days; order mode 30 days after each purchase.
	jd := CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 9}, CutoffHour: 24}
	if due, _ := jd.DueDate(nil, day(t, "2015-03-01"), day(t, "2015-02-14")); due != day(t, "2015-03-10") {
		t.Errorf("JD statement mode due %s, want 2015-03-10", due)
	}
	jd.Due, jd.DueFrom = calendar.DateRule{Kind: calendar.DaysAfter, Days: 30}, DueFromPurchase
	if due, _ := jd.DueDate(nil, day(t, "2015-03-01"), day(t, "2015-02-14")); due != day(t, "2015-03-16") {
		t.Errorf("JD order mode due %s, want 2015-03-16", due)
	}
}

func TestPostingDateCutoff(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	r := huabeiRules().Cycle
	at := time.Date(2015, 1, 10, 23, 59, 59, 0, sh)
	if got := r.PostingDate(at, sh); got != day(t, "2015-01-10") {
		t.Errorf("23:59:59 with a 24:00 cut-off posts %s", got)
	}
	r.CutoffHour = 17
	if got := r.PostingDate(at, sh); got != day(t, "2015-01-11") {
		t.Errorf("23:59:59 with a 17:00 cut-off posts %s, want the next day", got)
	}
	if got := r.PostingDate(time.Date(2015, 1, 10, 16, 59, 0, 0, sh), sh); got != day(t, "2015-01-10") {
		t.Errorf("16:59 with a 17:00 cut-off posts %s", got)
	}
}

func TestCycleRuleErrors(t *testing.T) {
	good := huabeiRules().Cycle
	for name, mutate := range map[string]func(*CycleRule){
		"statement day 0":  func(r *CycleRule) { r.StatementDay = 0 },
		"statement day 29": func(r *CycleRule) { r.StatementDay = 29 },
		"cut-off 24:30":    func(r *CycleRule) { r.CutoffMinute = 30 },
		"cut-off 25:00":    func(r *CycleRule) { r.CutoffHour = 25 },
		"negative grace":   func(r *CycleRule) { r.GraceDays = -1 },
		"no due rule":      func(r *CycleRule) { r.Due = calendar.DateRule{} },
		"unknown posting":  func(r *CycleRule) { r.Posting = 7 },
	} {
		r := good
		mutate(&r)
		if err := r.Validate(); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("%s: error = %v, want ErrInvalidPlan", name, err)
		}
	}
	if err := good.Validate(); err != nil {
		t.Errorf("good rule: %v", err)
	}
}
