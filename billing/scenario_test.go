package billing

import (
	"strings"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/golden"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// event is one thing that happens to an account in a scenario.
type event struct {
	on string
	do func(a Account, r Rules, on calendar.Date) (Account, error)
}

func buy(ref string, units int64) func(Account, Rules, calendar.Date) (Account, error) {
	return func(a Account, r Rules, on calendar.Date) (Account, error) {
		return a.Purchase(r, ref, on, money.FromMinor(units, a.Currency), RegularDebt, decimal.Zero)
	}
}

func pay(units int64) func(Account, Rules, calendar.Date) (Account, error) {
	return func(a Account, r Rules, on calendar.Date) (Account, error) {
		b, _, err := a.Pay(r, on, money.FromMinor(units, a.Currency))
		return b, err
	}
}

func payMinimum() func(Account, Rules, calendar.Date) (Account, error) {
	return func(a Account, r Rules, on calendar.Date) (Account, error) {
		b, _, err := a.Pay(r, on, a.Last.MinimumUnpaid)
		return b, err
	}
}

func refund(ref string, units int64) func(Account, Rules, calendar.Date) (Account, error) {
	return func(a Account, r Rules, on calendar.Date) (Account, error) {
		return a.Refund(r, ref, on, money.FromMinor(units, a.Currency))
	}
}

// runScenario applies events in order and cuts a statement on every
// statement day through until, returning the statements. Statement-day
// events come before the cut when the statement day closes the cycle.
func runScenario(t *testing.T, r Rules, opened, until string, events []event) []Statement {
	t.Helper()
	a := NewAccount(money.CNY, day(t, opened))
	var out []Statement
	cut := func(d calendar.Date) {
		var s Statement
		var err error
		if a, s, err = a.CloseStatement(r, d); err != nil {
			t.Fatalf("statement %s: %v", d, err)
		}
		if err := s.Reconcile(); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	i := 0
	for d := day(t, opened); !d.After(day(t, until)); d = d.AddDays(1) {
		isStatement := d.Day() == r.Cycle.StatementDay && d != day(t, opened)
		if isStatement && !r.Cycle.StatementDayClosesCycle {
			cut(d)
		}
		for ; i < len(events) && day(t, events[i].on) == d; i++ {
			var err error
			if a, err = events[i].do(a, r, d); err != nil {
				t.Fatalf("event on %s: %v", d, err)
			}
		}
		if isStatement && r.Cycle.StatementDayClosesCycle {
			cut(d)
		}
	}
	if i != len(events) {
		t.Fatalf("events after %s were not run", until)
	}
	return out
}

func render(statements []Statement) []byte {
	var b strings.Builder
	for _, s := range statements {
		b.WriteString(s.String())
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// TestGoldenStatements renders a few months of three products. Run with
// -update to rewrite testdata/*.golden after a deliberate change.
func TestGoldenStatements(t *testing.T) {
	installments := func(a Account, r Rules, on calendar.Date) (Account, error) {
		s, err := huabeiPlan(3, "0.025").Schedule(money.FromMinor(150000, a.Currency), on, nil)
		if err != nil {
			return Account{}, err
		}
		return a.InstallmentPurchase(r, "phone", on, s)
	}
	convert := func(a Account, r Rules, on calendar.Date) (Account, error) {
		b, _, err := a.ConvertToInstallments(r, on, money.FromMinor(60000, a.Currency), huabeiPlan(6, "0.045"))
		return b, err
	}
	huabei := []event{
		{"2014-12-18", buy("shoes", 200000)}, // delivered the 20th in the launch story; billed by delivery here
		{"2014-12-20", buy("tea", 45000)},
		{"2015-01-05", pay(24500)}, // the minimum, 10% of 2,450
		{"2015-01-12", buy("lamp", 30000)},
		{"2015-01-15", installments}, // a phone in 3 periods at 2.5%
		{"2015-01-18", buy("coat", 120000)},
		{"2015-01-20", refund("lamp", 30000)}, // returned before the statement
		{"2015-02-03", convert},               // 600 of February's bill in 6 periods
		{"2015-02-10", payMinimum()},
		{"2015-03-20", pay(100000)}, // March's minimum missed: penalty from the 11th
	}
	jdOrder := Rules{
		Cycle:      CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 30}, DueFrom: DueFromPurchase, CutoffHour: 24},
		Interest:   InterestRule{Method: RemainderAfterDue, DailyRate: dec("0.0005")},
		Penalty:    PenaltyRule{Method: OverdueDaily, DailyRate: dec("0.0003"), ReplacesInterest: true},
		Minimum:    MinimumPayment{NewPrincipalRate: dec("0.10"), PlusCharges: true},
		Allocation: ClassicAllocation(),
		Rounding:   money.HalfEven,
	}
	jd := []event{
		{"2015-01-08", buy("order-1", 120000)},
		{"2015-01-25", buy("order-2", 80000)},
		{"2015-02-07", pay(120000)}, // order 1 on time (due 7 February)
		{"2015-03-10", pay(50000)},  // order 2 was due 24 February
	}
	us := []event{
		{"2015-01-05", buy("groceries", 100000)},
		{"2015-01-20", buy("flight", 250000)},
		{"2015-02-20", pay(100000)}, // part of the statement: grace lost
		{"2015-03-02", buy("books", 5000)},
		{"2015-03-25", payMinimum()},
		{"2015-04-26", pay(1000)}, // the minimum missed: a late fee on the 27th
	}
	tests := []struct {
		name   string
		rules  Rules
		opened string
		until  string
		events []event
	}{
		{"statements_huabei", huabeiRules(), "2014-12-01", "2015-04-01", huabei},
		{"statements_jd_order_mode", jdOrder, "2015-01-01", "2015-04-01", jd},
		{"statements_us_card", usCardRules(), "2015-01-01", "2015-05-01", us},
	}
	for _, tt := range tests {
		golden.Check(t, tt.name, render(runScenario(t, tt.rules, tt.opened, tt.until, tt.events)))
	}
}
