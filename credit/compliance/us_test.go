package compliance

import (
	"strings"
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
)

// USD 30 passes; USD 35 is within only the repeat amount, USD 41; USD 45
// is above both.
func TestLateFeeSafeHarbor(t *testing.T) {
	rule := LateFeeSafeHarborRule(DefaultSafeHarbor())
	tests := []struct {
		fee   int64
		want  Severity
		limit string
	}{
		{700, Pass, "30"},
		{3000, Pass, "30"},
		{3500, Warning, "30"},
		{4100, Warning, "30"},
		{4500, Violation, "41"},
	}
	for _, tt := range tests {
		p := usCard()
		p.Billing.Penalty.Fees[0].Amount = usd(tt.fee)
		f := only(t, p, rule)
		if f.Severity != tt.want || !f.Value.Equal(usd(tt.fee).Decimal()) || !f.Limit.Equal(dec(tt.limit)) {
			t.Errorf("USD %d: %+v", tt.fee, f)
		}
	}
	// A host's figures: $32 and $43.
	p := usCard()
	p.Billing.Penalty.Fees[0].Amount = usd(3200)
	if f := only(t, p, LateFeeSafeHarborRule(SafeHarbor{First: usd(3200), Subsequent: usd(4300), As: "2025"})); f.Severity != Pass {
		t.Errorf("USD 32 against 32: %+v", f)
	}
}

func TestUSRulesSkipOtherCurrencies(t *testing.T) {
	for _, rule := range []Rule{LateFeeSafeHarborRule(DefaultSafeHarbor()), LateFeeMinimumRule(Sample{}), FirstYearFeesRule(Sample{})} {
		if f := only(t, credit.Huabei(), rule); f.Severity != Info || f.Field != "currency" {
			t.Errorf("%s: %+v", rule.ID, f)
		}
	}
}

// Pay in 4 on USD 35.00: 8.75 down and three payments of 8.75; the USD
// 7.00 fee is below 8.75 (and 25% of the order is 8.75 too). Without the
// 25% cap and with a USD 20.00 minimum purchase the items are 5.00, below
// the fee. With no minimum purchase, the 25% cap keeps the fee on a
// USD 0.01 order at 0.00.
func TestLateFeeAboveMinimum(t *testing.T) {
	uncapped := credit.PayIn4()
	uncapped.Billing.Penalty.CapRate = dec("0")
	uncapped.Purchase.Min = ptr(usd(2000))
	noMin := credit.PayIn4()
	noMin.Purchase.Min = nil
	statement := usCard()
	statement.Billing.Penalty.CapAtMinimum = false
	// Items of an optional plan: USD 100.00 over 12 months at 8.8% is
	// 8.37 + 0.77 (the leftover cents go first), then 8.33 + 0.73 = 9.06.
	optional := usCard()
	optional.Billing.Penalty.CapAtMinimum, optional.Billing.Penalty.PerItem = false, true
	optional.Purchase.Min = ptr(usd(10000))
	tests := []struct {
		name        string
		p           credit.Product
		want        Severity
		fee, item   string
		field       string
		foundPrefix string
	}{
		{"pay in 4", credit.PayIn4(), Pass, "7", "8.75", "billing.penalty.fees", "the smallest purchase, USD 35.00, is paid in 4 items of at least USD 8.75"},
		{"no cap, USD 20 minimum", uncapped, Violation, "7", "5", "billing.penalty.fees", "the smallest purchase, USD 20.00"},
		{"no minimum purchase", noMin, Pass, "0", "0.01", "billing.penalty.fees", "the smallest purchase, USD 0.01"},
		{"card capped at the minimum", usCard(), Pass, "0", "0", "billing.penalty.cap_at_minimum", "every late fee"},
		{"card not capped", statement, Warning, "25", "0", "billing.penalty.cap_at_minimum", "late fees of up to USD 25.00"},
		{"optional plan's items", optional, Violation, "25", "9.06", "billing.penalty.fees", "the smallest purchase, USD 100.00, is paid in 12 items of at least USD 9.06 (plan \"12-month\")"},
	}
	for _, tt := range tests {
		f := only(t, tt.p, LateFeeMinimumRule(Sample{}))
		if f.Severity != tt.want || !f.Value.Equal(dec(tt.fee)) || !f.Limit.Equal(dec(tt.item)) || f.Field != tt.field ||
			!strings.HasPrefix(f.Found, tt.foundPrefix) {
			t.Errorf("%s: %+v", tt.name, f)
		}
	}
}

// A plan every purchase must take with a fee: USD 15.00 on each USD
// 1,000.00 can pass 25% of a USD 1,500.00 line (USD 375.00) in a year.
func TestFirstYearFees(t *testing.T) {
	withFee := credit.PayIn4()
	withFee.Installments[0].FeeModel = billing.FlatFee
	withFee.Installments[0].Flat = ptr(usd(1500))
	tests := []struct {
		name  string
		p     credit.Product
		want  Severity
		value string
	}{
		{"pay in 4", credit.PayIn4(), Pass, "0"},
		{"optional plan", usCard(), Pass, "0"},
		{"required plan with a fee", withFee, Warning, "15"},
	}
	for _, tt := range tests {
		f := only(t, tt.p, FirstYearFeesRule(Sample{}))
		if f.Severity != tt.want || !f.Value.Equal(dec(tt.value)) {
			t.Errorf("%s: %+v", tt.name, f)
		}
	}
	if f := only(t, withFee, FirstYearFeesRule(Sample{})); !f.Limit.Equal(dec("375")) {
		t.Errorf("limit %s, want 25%% of 1500.00", f.Limit)
	}
}

// 12 payments at 8.8% of USD 1,000.00: the internal rate is 1.3221% a
// month, 15.87% a year. Due on the purchase's day each month the periods
// are whole, and Appendix J agrees. Due on the 10th of the next month
// from 15 January, the first period is 26 days: Appendix J counts it as
// 26/30 of a month, and the APR is 16.21%, 0.34 points above the
// whole-period figure, beyond 1/8. Three payments at 2.5% are 14.94%
// against 16.01%.
func TestAPRTolerance(t *testing.T) {
	dom := calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1}
	tests := []struct {
		name       string
		periods    int
		rate       string
		due        calendar.DateRule
		want       Severity
		diff, tol  string
		foundAPRJ  string
		roll       calendar.Roll
		calendarID string
	}{
		{"monthly", 12, "0.088", calendar.DateRule{Kind: calendar.Monthly, Months: 1}, Pass, "0", "0.00125", "15.87% by Appendix J", calendar.NoRoll, ""},
		{"10th, 12 payments", 12, "0.088", dom, Violation, "0.0034100508", "0.00125", "16.21% by Appendix J", calendar.NoRoll, ""},
		{"10th, 3 payments", 3, "0.025", dom, Violation, "0.01072458", "0.00125", "16.01% by Appendix J", calendar.NoRoll, ""},
		{"rolling on US business days: irregular", 12, "0.088", calendar.DateRule{Kind: calendar.Monthly, Months: 1, Roll: calendar.Following}, Pass, "", "0.0025", "by Appendix J", calendar.Following, "US"},
	}
	for _, tt := range tests {
		p := usCard()
		p.Calendar = tt.calendarID
		tt.due.Roll = tt.roll
		p.Installments[0].Periods, p.Installments[0].FeeRate, p.Installments[0].Due = tt.periods, dec(tt.rate), tt.due
		f := only(t, p, APRToleranceRule(Sample{}))
		if f.Severity != tt.want || tt.diff != "" && !f.Value.Equal(dec(tt.diff)) || !f.Limit.Equal(dec(tt.tol)) || !strings.Contains(f.Found, tt.foundAPRJ) {
			t.Errorf("%s: %+v", tt.name, f)
		}
	}
	if f := only(t, credit.PayIn4(), APRToleranceRule(Sample{})); f.Severity != Pass || !f.Value.IsZero() {
		t.Errorf("pay in 4: %+v", f)
	}
}

// 24% on a 360-day year is 0.0666667% a day, × 365 = 24.3333%: 0.3333
// points over the 24% stated. On a 365-day year the daily rate,
// 0.065753424658% to billing's 12 places, × 365 gives back 24% within
// 0.000000000155.
func TestOpenEndAPR(t *testing.T) {
	tests := []struct {
		basis int
		want  Severity
		diff  string
	}{
		{365, Pass, "0.000000000155"},
		{360, Violation, "0.003333333455"},
	}
	for _, tt := range tests {
		p := usCard()
		p.Billing.Interest.DayBasis = tt.basis
		f := only(t, p, OpenEndAPRRule())
		if f.Severity != tt.want || !f.Value.Equal(dec(tt.diff)) {
			t.Errorf("%d-day year: %+v", tt.basis, f)
		}
	}
	if f := only(t, credit.Huabei(), OpenEndAPRRule()); f.Severity != Info || !f.Value.Equal(dec("0.1825")) {
		t.Errorf("huabei: %+v", f)
	}
	if f := only(t, credit.PayIn4(), OpenEndAPRRule()); f.Severity != Pass {
		t.Errorf("pay in 4: %+v", f)
	}
}

func TestUSWith(t *testing.T) {
	rules := USWith(USOptions{SafeHarbor: SafeHarbor{First: usd(800), Subsequent: usd(800), As: "the vacated 2024 rule"}})
	p := usCard()
	if f := only(t, p, rules[0]); f.Severity != Violation || !f.Limit.Equal(dec("8")) {
		t.Errorf("USD 25 against 8: %+v", f)
	}
	if len(rules) != len(US()) {
		t.Errorf("%d rules", len(rules))
	}
}
