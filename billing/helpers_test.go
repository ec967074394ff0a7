package billing

import (
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func cny(units int64) money.Amount { return money.FromMinor(units, money.CNY) }
func usd(units int64) money.Amount { return money.FromMinor(units, money.USD) }
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var monthly = calendar.DateRule{Kind: calendar.Monthly, Months: 1}

// huabeiPlan is a Huabei installment plan: the fee a total rate split by
// Alipay's rule, each period due on the 10th and billed on the 1st.
func huabeiPlan(n int, rate string) Plan {
	return Plan{
		Periods: n, FeeModel: TotalRate, FeeRate: dec(rate), Split: AlipaySplit,
		Due:               calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1},
		BillDaysBeforeDue: 9,
	}
}

// checkSums verifies the invariants every schedule must keep: rows sum to
// the principal, fee and interest; each row's total is its parts; the
// remaining principal falls to zero; nothing is negative.
func checkSums(t *testing.T, s Schedule) {
	t.Helper()
	var prin, fee, interest int64
	remaining := s.Principal.Units()
	for _, in := range s.Installments {
		if in.Principal.IsNegative() || in.Fee.IsNegative() || in.Interest.IsNegative() {
			t.Fatalf("negative row %+v", in)
		}
		if in.Total.Units() != in.Principal.Units()+in.Fee.Units()+in.Interest.Units() {
			t.Fatalf("row %d: total %v is not its parts", in.Period, in.Total)
		}
		remaining -= in.Principal.Units()
		if in.Remaining.Units() != remaining {
			t.Fatalf("row %d: remaining %v, want %d", in.Period, in.Remaining, remaining)
		}
		prin += in.Principal.Units()
		fee += in.Fee.Units()
		interest += in.Interest.Units()
	}
	if prin != s.Principal.Units() || fee != s.TotalFee.Units() || interest != s.TotalInterest.Units() || remaining != 0 {
		t.Fatalf("rows sum to %d principal, %d fee, %d interest; schedule says %v, %v, %v",
			prin, fee, interest, s.Principal, s.TotalFee, s.TotalInterest)
	}
}

// owed is a.Owed(), failing the test on overflow.
func owed(t testing.TB, a Account) money.Amount {
	t.Helper()
	v, err := a.Owed()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// billedUnpaid is a.BilledUnpaid(), failing the test on overflow.
func billedUnpaid(t testing.TB, a Account) money.Amount {
	t.Helper()
	v, err := a.BilledUnpaid()
	if err != nil {
		t.Fatal(err)
	}
	return v
}
