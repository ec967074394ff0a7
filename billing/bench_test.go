package billing

import (
	"testing"

	"github.com/justspend/justspend/money"
)

// Run with: go test -run '^$' -bench . -benchmem ./billing

func BenchmarkSchedule12(b *testing.B) {
	plan := huabeiPlan(12, "0.075")
	start := day(b, "2025-01-20")
	for b.Loop() {
		plan.Schedule(cny(300000), start, nil)
	}
}

func BenchmarkAnnualizedRate12(b *testing.B) {
	s, err := huabeiPlan(12, "0.075").Schedule(cny(300000), day(b, "2025-01-20"), nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.AnnualizedRate()
	}
}

func BenchmarkAnnuitySchedule360(b *testing.B) {
	loan := Loan{Periods: 360, AnnualRate: dec("0.049"), PeriodsPerYear: 12, Due: monthly}
	start := day(b, "2025-01-31")
	for b.Loop() {
		loan.Schedule(cny(100000000), start, nil)
	}
}

func BenchmarkXIRR(b *testing.B) {
	flows := []DatedAmount{
		{day(b, "2008-01-01"), money.FromMinor(-1000000, money.USD)},
		{day(b, "2008-03-01"), money.FromMinor(275000, money.USD)},
		{day(b, "2008-10-30"), money.FromMinor(425000, money.USD)},
		{day(b, "2009-02-15"), money.FromMinor(325000, money.USD)},
		{day(b, "2009-04-01"), money.FromMinor(275000, money.USD)},
	}
	for b.Loop() {
		XIRR(flows)
	}
}

// BenchmarkCloseStatement20 cuts a statement for an account with 20
// transactions in the cycle and a balance carried from the last one.
func BenchmarkCloseStatement20(b *testing.B) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(b, "2015-01-01"))
	var err error
	if a, err = a.Purchase(r, "carried", day(b, "2015-01-03"), cny(500000), RegularDebt, dec("0")); err != nil {
		b.Fatal(err)
	}
	if a, _, err = a.CloseStatement(r, day(b, "2015-02-01")); err != nil {
		b.Fatal(err)
	}
	if a, _, err = a.Pay(r, day(b, "2015-02-05"), a.Last.MinimumUnpaid); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 17; i++ {
		if a, err = a.Purchase(r, "p", day(b, "2015-02-06").AddDays(i), cny(int64(1000+i*37)), RegularDebt, dec("0")); err != nil {
			b.Fatal(err)
		}
	}
	if a, _, err = a.Pay(r, day(b, "2015-02-25"), cny(20000)); err != nil {
		b.Fatal(err)
	}
	if a, err = a.Refund(r, "p", day(b, "2015-02-26"), cny(500)); err != nil {
		b.Fatal(err)
	}
	if a, err = a.Charge(r, "fee", day(b, "2015-02-27"), cny(100)); err != nil {
		b.Fatal(err)
	}
	s := day(b, "2015-03-01")
	for b.Loop() {
		if _, _, err := a.CloseStatement(r, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAccrueOneDay: one day's interest on one balance.
func BenchmarkAccrueOneDay(b *testing.B) {
	rate, err := NewDailyRate(dec("0.0005"))
	if err != nil {
		b.Fatal(err)
	}
	balance := cny(123456)
	var acc Accrual
	for b.Loop() {
		acc, _ = acc.Add(balance, rate, 1)
	}
}
