package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// TestAlipayPublishedRates: Alipay shows the buyer-paid installment fees of
// c. 2021-22 as annualized rates (simple) of 13.7%, 15.3% and 13.6%
// (as Alipay's installment pages displayed them). The principal is RMB 3,000.
func TestAlipayPublishedRates(t *testing.T) {
	tests := []struct {
		periods int
		rate    string
		simple  string // published, one decimal of a percent
	}{
		{3, "0.023", "0.137"},
		{6, "0.045", "0.153"},
		{12, "0.075", "0.136"},
	}
	for _, tt := range tests {
		s, err := huabeiPlan(tt.periods, tt.rate).Schedule(cny(300000), day(t, "2025-01-20"), nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.AnnualizedRate()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Nominal.Round(3); !got.Equal(dec(tt.simple)) {
			t.Errorf("%d periods at %s: nominal %s, published %s", tt.periods, tt.rate, r.Nominal, tt.simple)
		}
		// Effective compounds monthly: (1+i)^12 - 1, always above nominal.
		if !r.Effective.GreaterThan(r.Nominal) || r.PeriodsPerYear != 12 {
			t.Errorf("%d periods: effective %s not above nominal %s", tt.periods, r.Effective, r.Nominal)
		}
	}
}

// TestRateByHand: 1,000 repaid by one payment of 1,010 a month later is
// 1% a month: 12% simple, 1.01^12 - 1 = 12.6825030132% effective.
func TestRateByHand(t *testing.T) {
	r, err := PeriodicRate(cny(100000), []money.Amount{cny(101000)}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Periodic.Equal(dec("0.01")) || !r.Nominal.Equal(dec("0.12")) || !r.Effective.Equal(dec("0.1268250301")) {
		t.Errorf("rate = %+v", r)
	}
}

func TestZeroFeeRateIsZero(t *testing.T) {
	for _, plan := range []Plan{huabeiPlan(12, "0"), {Periods: 4, Due: monthly}, {Periods: 6, FeeModel: TotalRate, FeeRate: dec("0.045"), FeePayer: Merchant, Due: monthly}} {
		s, err := plan.Schedule(cny(123457), day(t, "2025-01-20"), nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.AnnualizedRate()
		if err != nil || !r.Nominal.IsZero() || !r.Effective.IsZero() {
			t.Errorf("%+v: rate %+v, %v; want exactly zero", plan, r, err)
		}
	}
}

// TestActuarialAPR runs the worked examples of Regulation Z, Appendix J,
// paragraph (c) (12 CFR 1026), each rounded to two places of a percent as
// the regulation shows them.
func TestActuarialAPR(t *testing.T) {
	type stream struct {
		first   string
		count   int
		amount  int64
		monthly int // months between payments; 0 for weeks or semimonths
		days    int // days between payments for weekly streams
		semi    bool
	}
	tests := []struct {
		name    string
		advance int64
		on      string
		streams []stream
		unit    UnitPeriod
		apr     string
	}{
		{"(c)(1)(i) monthly, regular first period", 500000, "1978-01-10",
			[]stream{{"1978-02-10", 24, 23000, 1, 0, false}}, UnitPeriod{UnitMonths, 1}, "9.69"},
		{"(c)(1)(ii) monthly, long first period", 600000, "1978-02-10",
			[]stream{{"1978-04-01", 36, 20000, 1, 0, false}}, UnitPeriod{UnitMonths, 1}, "11.82"},
		{"(c)(1)(iii) semimonthly, short first period", 500000, "1978-02-23",
			[]stream{{"1978-03-01", 24, 21917, 0, 0, true}}, UnitPeriod{UnitSemiMonths, 1}, "10.34"},
		{"(c)(1)(iv) quarterly, long first period", 1000000, "1978-05-23",
			[]stream{{"1978-10-01", 40, 38500, 3, 0, false}}, UnitPeriod{UnitMonths, 3}, "8.97"},
		{"(c)(1)(v) weekly, long first period", 50000, "1978-03-20",
			[]stream{{"1978-04-21", 30, 1760, 0, 7, false}}, UnitPeriod{UnitWeeks, 1}, "14.96"},
		{"(c)(2)(i) monthly, irregular first payment", 500000, "1978-01-10",
			[]stream{{"1978-02-10", 1, 25000, 1, 0, false}, {"1978-03-10", 23, 23000, 1, 0, false}}, UnitPeriod{UnitMonths, 1}, "10.08"},
		{"(c)(3)(i) monthly, irregular final payment", 500000, "1978-01-10",
			[]stream{{"1978-02-10", 23, 23000, 1, 0, false}, {"1980-01-10", 1, 28000, 1, 0, false}}, UnitPeriod{UnitMonths, 1}, "10.50"},
		{"(c)(5)(i) single advance, single payment", 100000, "1978-01-03",
			[]stream{{"1978-09-15", 1, 108000, 1, 0, false}}, UnitPeriod{UnitDays, 255}, "11.45"},
	}
	for _, tt := range tests {
		var pays []DatedAmount
		for _, s := range tt.streams {
			d := day(t, s.first)
			for k := 0; k < s.count; k++ {
				pays = append(pays, DatedAmount{d, usd(s.amount)})
				switch {
				case s.semi && d.Day() == 1:
					d = d.AddDays(15)
				case s.semi:
					d = d.FirstOfMonth().AddMonths(1)
				case s.days > 0:
					d = d.AddDays(s.days)
				default:
					d = day(t, s.first).AddMonths((k + 1) * s.monthly)
				}
			}
		}
		apr, err := ActuarialAPR(day(t, tt.on), usd(tt.advance), pays, tt.unit)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := apr.Mul(decimal.NewFromInt(100)).Round(2); !got.Equal(dec(tt.apr)) {
			t.Errorf("%s: APR %s%%, Appendix J says %s%%", tt.name, apr.Mul(decimal.NewFromInt(100)), tt.apr)
		}
	}
}

// TestXIRR: the example of Microsoft Excel's XIRR documentation gives
// 0.373362535 for these flows.
func TestXIRR(t *testing.T) {
	flows := []DatedAmount{
		{day(t, "2008-01-01"), usd(-1000000)},
		{day(t, "2008-03-01"), usd(275000)},
		{day(t, "2008-10-30"), usd(425000)},
		{day(t, "2009-02-15"), usd(325000)},
		{day(t, "2009-04-01"), usd(275000)},
	}
	r, err := XIRR(flows)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Round(9); !got.Equal(dec("0.373362534")) && !got.Equal(dec("0.373362535")) {
		t.Errorf("XIRR = %s, want 0.373362535", r)
	}
	// The borrower's side of the same flows gives the same rate.
	for i := range flows {
		flows[i].Amount, _ = flows[i].Amount.Neg()
	}
	if r2, err := XIRR(flows); err != nil || !r2.Equal(r) {
		t.Errorf("negated flows: %s, %v; want %s", r2, err, r)
	}
	// A year at 10%: 100 becomes 110 after 365 days.
	r, err = XIRR([]DatedAmount{{day(t, "2015-01-01"), cny(-10000)}, {day(t, "2016-01-01"), cny(11000)}})
	if err != nil || !r.Equal(dec("0.1")) {
		t.Errorf("one year at 10%%: %s, %v", r, err)
	}
}

func TestRateErrors(t *testing.T) {
	pay := []money.Amount{cny(50000), cny(40000)}
	if _, err := PeriodicRate(cny(100000), pay, 12); !errors.Is(err, ErrNoRate) {
		t.Errorf("payments below the advance: error = %v, want ErrNoRate", err)
	}
	if _, err := PeriodicRate(cny(0), pay, 12); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("zero advance: error = %v", err)
	}
	if _, err := PeriodicRate(cny(100), pay, 0); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("zero periods a year: error = %v", err)
	}
	if _, err := PeriodicRate(cny(100), []money.Amount{usd(200)}, 12); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("mixed currencies: error = %v", err)
	}
	if _, err := PeriodicRate(cny(100), []money.Amount{cny(-200)}, 12); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("negative payment: error = %v", err)
	}
	d := day(t, "2020-01-01")
	if _, err := XIRR([]DatedAmount{{d, cny(100)}, {d.AddDays(30), cny(100)}}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("XIRR with one sign: error = %v", err)
	}
	if _, err := XIRR([]DatedAmount{{d, cny(-100)}, {d.AddDays(30), cny(90)}}); !errors.Is(err, ErrNoRate) {
		t.Errorf("XIRR losing money: error = %v, want ErrNoRate", err)
	}
	if _, err := ActuarialAPR(d, cny(100), []DatedAmount{{d, cny(110)}}, UnitPeriod{UnitMonths, 1}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("payment on the advance date: error = %v", err)
	}
	if _, err := ActuarialAPR(d, cny(100), []DatedAmount{{d.AddDays(30), cny(110)}}, UnitPeriod{}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("no unit-period: error = %v", err)
	}
}
