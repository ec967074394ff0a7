package compliance

import (
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// TestAnnualizedRates: what the host must show for each preset. On RMB
// 1,000.00 from 2025-01-15:
//
//   - 0.05% a day × 365 = 18.25% (0.03% a day = 10.95%);
//   - Huabei 3 months at 2.5%: fee 25.00, payments 341.68 + 341.66 +
//     341.66; the internal rate is 1.24487867% a month, × 12 = 14.94%;
//   - Huabei 12 months at 8.8%: fee 88.00, 90.74 then 11 × 90.66;
//     1.32211386% a month, 15.87%;
//   - JD 12 months at 0.5% a month: fee 60.00, 88.37 then 11 × 88.33;
//     0.90806194% a month, 10.90% (the stated 0.5% × 12 is 6%).
func TestAnnualizedRates(t *testing.T) {
	rule := AnnualizedRateRule(Sample{})
	tests := []struct {
		p     credit.Product
		field string
		value string
	}{
		{credit.Huabei(), "billing.interest.daily_rate", "0.1825"},
		{credit.Huabei(), "installments[0]", "0.1493854404"},
		{credit.Huabei(), "installments[1]", "0.1526815908"},
		{credit.Huabei(), "installments[2]", "0.1534060344"},
		{credit.Huabei(), "installments[3]", "0.1586536632"},
		{credit.Huabei(), "bill_installments[3]", "0.1586536632"},
		{credit.Huabei(), "billing.penalty.daily_rate", "0.1825"},
		{credit.JDBaitiao2014(), "installments[0]", "0.0897773952"},
		{credit.JDBaitiao2014(), "installments[2]", "0.1089674328"},
		{credit.JDBaitiao2014(), "billing.penalty.daily_rate", "0.1095"},
	}
	for _, tt := range tests {
		f := field(t, run(t, tt.p, rule), tt.field)
		if f.Severity != Info || !f.Value.Equal(dec(tt.value)) {
			t.Errorf("%s %s: %v %s, want info %s", tt.p.Name, tt.field, f.Severity, f.Value, tt.value)
		}
	}
	jd := field(t, run(t, credit.JDBaitiao2014(), rule), "installments[2]")
	if want := "stated per period: 0.5% × 12 = 6.00% a year, but the fee runs on the whole principal while it is repaid, so the annualized rate is 10.90%"; jd.Note != want {
		t.Errorf("note %q", jd.Note)
	}
	if f := only(t, credit.Xinyongbao2013(), rule); f.Severity != Pass {
		t.Errorf("xinyongbao: %+v", f)
	}
}

// Alipay shows its buyer-paid fees of 2.3%, 4.5% and 7.5% for 3, 6 and
// 12 months as 13.7%, 15.3% and 13.6% a year (the figures billing's
// TestAlipayPublishedRates checks, on RMB 3,000.00): the rule gives the
// same to one decimal of a percent.
func TestAnnualizedRateMatchesAlipay(t *testing.T) {
	tests := []struct {
		periods   int
		fee, want string
	}{
		{3, "0.023", "0.137"},
		{6, "0.045", "0.153"},
		{12, "0.075", "0.136"},
	}
	for _, tt := range tests {
		p := credit.Huabei()
		p.BillInstallments = nil
		p.Installments = p.Installments[:1]
		p.Installments[0].Periods, p.Installments[0].FeeRate = tt.periods, dec(tt.fee)
		f := field(t, run(t, p, AnnualizedRateRule(Sample{Amount: money.FromMinor(300000, money.CNY)})), "installments[0]")
		if got := f.Value.Round(3); !got.Equal(dec(tt.want)) {
			t.Errorf("%d months at %s: %s, Alipay shows %s", tt.periods, tt.fee, f.Value, tt.want)
		}
	}
}

// A plan that rolls on working days with a calendar the library does not
// know cannot be laid out: it has no rate, a Warning.
func TestAnnualizedRateWithoutSchedule(t *testing.T) {
	p := credit.Huabei()
	p.Calendar = "host-calendar"
	p.Installments[0].Due.Roll = calendar.Following
	f := field(t, run(t, p, AnnualizedRateRule(Sample{})), "installments[0]")
	if f.Severity != Warning {
		t.Errorf("%+v", f)
	}
}

// The 2017-2020 range for bank cards was 0.035% to 0.05% a day.
func TestOverdraftRate(t *testing.T) {
	tests := []struct {
		daily string
		want  Severity
	}{
		{"0.0005", Pass},
		{"0.00035", Pass},
		{"0.0003", Info},
		{"0.0006", Info},
	}
	for _, tt := range tests {
		p := credit.Huabei()
		p.Billing.Interest.DailyRate = dec(tt.daily)
		if f := only(t, p, OverdraftRateRule()); f.Severity != tt.want || !f.Value.Equal(dec(tt.daily)) {
			t.Errorf("%s a day: %+v", tt.daily, f)
		}
	}
	// 18.25% on a 365-day year is 0.05% a day: inside.
	card := usCard()
	card.Billing.Interest.APR = dec("0.1825")
	if f := only(t, card, OverdraftRateRule()); f.Severity != Pass || !f.Value.Equal(dec("0.0005")) {
		t.Errorf("18.25%% APR: %+v", f)
	}
}

func TestNoInterestOnCharges(t *testing.T) {
	onMinimum := credit.Huabei()
	onMinimum.Billing.Penalty.Base = billing.OverdueMinimum
	tests := []struct {
		name string
		p    credit.Product
		want Severity
	}{
		{"huabei, penalty on the overdue balance", credit.Huabei(), Pass},
		{"penalty on a minimum that includes charges", onMinimum, Warning},
		{"flat late fees", credit.PayIn4(), Pass},
	}
	for _, tt := range tests {
		if got := run(t, tt.p, NoInterestOnChargesRule()); got[len(got)-1].Severity != tt.want {
			t.Errorf("%s: %+v", tt.name, got)
		}
	}
}

// Five years from 2025-01-15 is 2030-01-15: 60 monthly payments end on
// it, 61 a month later.
func TestInstallmentTerm(t *testing.T) {
	tests := []struct {
		periods int
		want    Severity
		last    string // days to the last payment
	}{
		{12, Pass, "365"},
		{60, Pass, "1826"},
		{61, Violation, "1857"},
	}
	for _, tt := range tests {
		p := credit.JDBaitiao2014()
		p.Installments = []billing.Plan{{Name: "long", Periods: tt.periods, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}}}
		f := only(t, p, InstallmentTermRule())
		if f.Severity != tt.want || !f.Value.Equal(dec(tt.last)) || !f.Limit.Equal(dec("1826")) {
			t.Errorf("%d periods: %+v", tt.periods, f)
		}
	}
}

// With the LPR of 3.85% the Court used in August 2020, the ceiling is
// 15.4%: Huabei's 9 months (15.34%) pass and 12 months (15.87%) do not.
func TestLendingCeiling(t *testing.T) {
	d, _ := calendar.NewDate(2020, 7, 20)
	rule := LendingCeilingRule(LPR{Rate: dec("0.0385"), Published: d}, Sample{})
	fs := run(t, credit.Huabei(), rule)
	tests := []struct {
		field string
		want  Severity
	}{
		{"billing.interest.daily_rate", Warning},
		{"installments[0]", Pass},
		{"installments[2]", Pass},
		{"installments[3]", Warning},
	}
	for _, tt := range tests {
		if f := field(t, fs, tt.field); f.Severity != tt.want || !f.Limit.Equal(dec("0.154")) {
			t.Errorf("%s: %+v", tt.field, f)
		}
	}
	// The default: 4 × 3.0% = 12%.
	if l := field(t, run(t, credit.Huabei(), China()[4]), "installments[0]").Limit; !l.Equal(dec("0.12")) {
		t.Errorf("default ceiling %s", l)
	}
}

// 0.07% a day is 25.55% a year: above 24%.
func TestComprehensiveCost(t *testing.T) {
	tests := []struct {
		daily string
		want  Severity
		value string
	}{
		{"0.0005", Pass, "0.1825"},
		{"0.0007", Violation, "0.2555"},
	}
	for _, tt := range tests {
		p := credit.HuabeiLaunch2014()
		p.Billing.Interest.DailyRate = dec(tt.daily)
		if f := only(t, p, ComprehensiveCostRule(Sample{})); f.Severity != tt.want || !f.Value.Equal(dec(tt.value)) {
			t.Errorf("%s a day: %+v", tt.daily, f)
		}
	}
}

// ChinaWith keeps the rules and their order, with the host's LPR.
func TestChinaWith(t *testing.T) {
	d, _ := calendar.NewDate(2026, 8, 20)
	rules := ChinaWith(ChinaOptions{LPR: LPR{Rate: dec("0.035"), Published: d}, Sample: Sample{Amount: money.FromMinor(300000, money.CNY)}})
	if len(rules) != len(China()) || rules[4].ID != "cn.spc-2020.lending-ceiling" {
		t.Fatalf("rules %v", rules)
	}
	if f := field(t, run(t, credit.Huabei(), rules[4]), "installments[3]"); !f.Limit.Equal(dec("0.14")) || f.Severity != Warning {
		t.Errorf("%+v", f)
	}
}
