package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// okAccount returns a function that fails the test on error and returns
// the account: okAccount(t)(a.Purchase(...)).
func okAccount(t *testing.T) func(Account, error) Account {
	return func(a Account, err error) Account {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
}

func mustPay(t *testing.T, a Account, r Rules, on string, units int64) Account {
	t.Helper()
	b, _, err := a.Pay(r, day(t, on), cny(units))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustClose(t *testing.T, a Account, r Rules, on string) (Account, Statement) {
	t.Helper()
	b, s, err := a.CloseStatement(r, day(t, on))
	if err != nil {
		t.Fatal(err)
	}
	return b, s
}

func purchase(t *testing.T, a Account, r Rules, ref, on string, units int64) Account {
	t.Helper()
	return okAccount(t)(a.Purchase(r, ref, day(t, on), cny(units), RegularDebt, decimal.Zero))
}

// TestHuabeiInterestExample: a 1,000 statement due on the 10th with 100
// paid accrues 0.45 a day from the 11th (900 × 0.05%).
func TestHuabeiInterestExample(t *testing.T) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 100000)
	a, s := mustClose(t, a, r, "2015-02-01")
	if s.Due != day(t, "2015-02-10") || s.Minimum != cny(10000) {
		t.Fatalf("statement due %s minimum %v", s.Due, s.Minimum)
	}
	a = mustPay(t, a, r, "2015-02-05", 10000)
	for _, tt := range []struct {
		through string
		fen     string
	}{{"2015-02-10", "0"}, {"2015-02-11", "45"}, {"2015-02-12", "90"}} {
		b := okAccount(t)(a.AccrueThrough(r, day(t, tt.through)))
		if got := b.InterestAccrued.Decimal(); !got.Equal(dec(tt.fen)) || !b.PenaltyAccrued.IsZero() {
			t.Errorf("through %s: interest %s fen, penalty %s; want %s and none", tt.through, got, b.PenaltyAccrued.Decimal(), tt.fen)
		}
	}
}

// TestRemainderPaidLater: a 600 statement due on the 20th with 100 paid
// and the rest paid on the 30th costs 2.50 of interest: 500 × 0.05% for
// the 21st through the 30th, posted on the next statement.
func TestRemainderPaidLater(t *testing.T) {
	r := huabeiRules()
	r.Cycle.Due.Day = 20
	a := NewAccount(money.CNY, day(t, "2015-02-01"))
	a = purchase(t, a, r, "p1", "2015-02-14", 60000)
	a, _ = mustClose(t, a, r, "2015-03-01")
	a = mustPay(t, a, r, "2015-03-15", 10000)
	a = mustPay(t, a, r, "2015-03-30", 50000)
	_, s := mustClose(t, a, r, "2015-04-01")
	var interest money.Amount
	for _, l := range s.Lines {
		if l.Kind == InterestLine {
			interest = l.Amount
		}
	}
	if interest != cny(250) || s.Balance != cny(250) || s.Minimum != cny(250) {
		t.Errorf("interest line %v, balance %v, minimum %v; want 2.50 each", interest, s.Balance, s.Minimum)
	}
}

// TestOverduePenalty: 5,000 overdue for one day costs 2.50, and the
// penalty replaces interest.
func TestOverduePenalty(t *testing.T) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 500000)
	a, _ = mustClose(t, a, r, "2015-02-01")
	b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-11")))
	if !b.PenaltyAccrued.Decimal().Equal(dec("250")) || !b.InterestAccrued.IsZero() || b.Overdue.Statement != day(t, "2015-02-01") {
		t.Errorf("penalty %s fen, interest %s, overdue %+v", b.PenaltyAccrued.Decimal(), b.InterestAccrued.Decimal(), b.Overdue)
	}
	// With three grace days the first late day is the 14th.
	r.Cycle.GraceDays = 3
	b = okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-13")))
	if !b.PenaltyAccrued.IsZero() {
		t.Errorf("penalty within the grace days: %s", b.PenaltyAccrued.Decimal())
	}
	b = okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-14")))
	if !b.PenaltyAccrued.Decimal().Equal(dec("250")) {
		t.Errorf("first late day after grace: %s fen", b.PenaltyAccrued.Decimal())
	}
}

// TestFullPaymentNoInterest: paid in full by the due date, nothing accrues.
func TestFullPaymentNoInterest(t *testing.T) {
	for _, r := range []Rules{huabeiRules(), bankCardRules(), usCardRules()} {
		a := NewAccount(money.CNY, day(t, "2015-01-01"))
		a = purchase(t, a, r, "p1", "2015-01-05", 123456)
		a, s := mustClose(t, a, r, "2015-02-01")
		a = mustPay(t, a, r, s.Due.String(), s.Balance.Units())
		b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-04-30")))
		if !b.InterestAccrued.IsZero() || !b.PenaltyAccrued.IsZero() {
			t.Errorf("%s: interest %s, penalty %s after paying in full", r.Interest.Method, b.InterestAccrued.Decimal(), b.PenaltyAccrued.Decimal())
		}
	}
}

func bankCardRules() Rules {
	r := huabeiRules()
	r.Cycle.Posting = PostOnPayment
	r.Interest = InterestRule{Method: FromPosting, DailyRate: dec("0.0005")}
	r.Penalty = PenaltyRule{Method: NoPenalty}
	r.Allocation = ClassicAllocation()
	return r
}

// TestBankCardInterest: 1,000 posted 5 January, 900 paid on the due date
// 10 February: once the full payment is missed, 0.05% a day on the whole
// 1,000 from 5 January through 10 February (37 days, 18.50), then on the
// 100 left (0.05 a day).
func TestBankCardInterest(t *testing.T) {
	r := bankCardRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 100000)
	a, _ = mustClose(t, a, r, "2015-02-01")
	a = mustPay(t, a, r, "2015-02-10", 90000)
	b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-11")))
	if got := b.InterestAccrued.Decimal(); !got.Equal(dec("1855")) {
		t.Errorf("bank-card interest through 11 February: %s fen, want 1855", got)
	}
}

func usCardRules() Rules {
	return Rules{
		Cycle:      CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 24}, CutoffHour: 17},
		Interest:   InterestRule{Method: DailyBalance, APR: dec("0.1825"), DayBasis: 365},
		Penalty:    PenaltyRule{Method: LateFees, Fees: []LateFee{{AfterDays: 0, Amount: usdOrCNY(3000)}}, CapAtMinimum: true},
		Minimum:    MinimumPayment{BalanceRate: dec("0.01"), PlusCharges: true, Overdue: OverdueMinimum, Floor: ptr(cny(2500))},
		Allocation: USCardAllocation(),
		Rounding:   money.HalfEven,
	}
}

func usdOrCNY(units int64) money.Amount { return cny(units) }
func ptr[T any](v T) *T                 { return &v }

// TestDailyBalanceInterest: at 18.25% over 365 days (0.05% a day), a card
// that pays its first statement only in part loses its grace period. The
// unpaid part of that statement is charged for the days of the most recent
// cycle, 1 to 25 February: 500 × 0.05% × 25 = 6.25 (Regulation Z allows no
// days of January's cycle, and nothing on the 500 repaid within the grace
// period, 12 CFR 1026.54(a)(1)); from the 26th every purchase accrues
// daily, 700 × 0.05% = 0.35 a day for 26-28 February, 1.05. In all 7.30.
func TestDailyBalanceInterest(t *testing.T) {
	r := usCardRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 100000)
	a, s := mustClose(t, a, r, "2015-02-01")
	if s.Due != day(t, "2015-02-25") {
		t.Fatalf("due %s", s.Due)
	}
	a = mustPay(t, a, r, "2015-02-20", 50000)
	a = purchase(t, a, r, "p2", "2015-02-22", 20000)
	b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-25")))
	if got := b.InterestAccrued.Decimal(); !got.IsZero() || b.GraceLost {
		t.Errorf("on the due date: interest %s fen (grace lost %v), want none", got, b.GraceLost)
	}
	b = okAccount(t)(b.AccrueThrough(r, day(t, "2015-02-28")))
	if got := b.InterestAccrued.Decimal(); !got.Equal(dec("730")) || !b.GraceLost {
		t.Errorf("interest %s fen (grace lost %v), want 730", got, b.GraceLost)
	}
}

// TestLateFeeTiers: a fee the day after the due date and another a week
// later, capped at 25% of the statement balance and at 68.00.
func TestLateFeeTiers(t *testing.T) {
	r := usCardRules()
	r.Penalty = PenaltyRule{Method: LateFees, Fees: []LateFee{{0, cny(1000)}, {7, cny(700)}}, CapRate: dec("0.25"), CapAmount: ptr(cny(6800))}
	for _, tt := range []struct {
		balance int64
		fees    int64
	}{{4000, 1000}, {5000, 1250}, {100000, 1700}} {
		a := NewAccount(money.CNY, day(t, "2015-01-01"))
		a = purchase(t, a, r, "p1", "2015-01-05", tt.balance)
		a, _ = mustClose(t, a, r, "2015-02-01")
		b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-03-10")))
		if b.Overdue.Fees != cny(tt.fees) {
			t.Errorf("balance %d: late fees %v, want %d", tt.balance, b.Overdue.Fees, tt.fees)
		}
	}
}

func TestMinimumPayment(t *testing.T) {
	huabei := huabeiRules().Minimum
	us := usCardRules().Minimum
	tests := []struct {
		name  string
		m     MinimumPayment
		basis MinimumBasis
		want  int64
	}{
		// 10% of 1,234.55 is 123.455, rounded half-up to 123.46, plus an
		// installment of 193.56 and 2.50 of interest.
		{"huabei", huabei, basis(143061, 123455, 0, 19356, 250, 0), 31952},
		// 10% of 1,000 new and of 300 carried, and all 200 overdue.
		{"huabei carried and overdue", huabei, basis(150000, 100000, 30000, 0, 0, 20000), 33000},
		// 1% of 2,000 plus 25.00 of interest.
		{"us card", us, basis(200000, 0, 0, 0, 2500, 0), 4500},
		{"us card floor", us, basis(80000, 80000, 0, 0, 0, 0), 2500},
		{"never above the balance", us, basis(1000, 1000, 0, 0, 0, 0), 1000},
		{"nothing owed", huabei, basis(0, 0, 0, 0, 0, 0), 0},
		// US: 1% of 2,000 (all principal) plus the 45.00 minimum missed.
		{"us card past due", us, MinimumBasis{cny(200000), cny(0), cny(0), cny(0), cny(0), cny(200000), cny(4500)}, 6500},
	}
	for _, tt := range tests {
		got, err := tt.m.Compute(tt.basis)
		if err != nil || got != cny(tt.want) {
			t.Errorf("%s: minimum %v, %v; want %d", tt.name, got, err, tt.want)
		}
	}
}

// TestAllocationPresets pays the same 150.00 under each preset.
func TestAllocationPresets(t *testing.T) {
	on := day(t, "2015-03-05")
	billedFeb, dueFeb := day(t, "2015-02-01"), day(t, "2015-02-10")
	billedMar, dueMar := day(t, "2015-03-01"), day(t, "2015-03-10")
	debts := []Debt{
		{Ref: "old", Component: Principal, Posted: day(t, "2015-01-03"), Billed: billedFeb, Due: dueFeb, Amount: cny(4000), APR: dec("0.18")},
		{Ref: "interest", Component: Interest, Posted: billedMar, Billed: billedMar, Due: dueMar, Amount: cny(500)},
		{Ref: "fee", Component: Fee, Posted: billedMar, Billed: billedMar, Due: dueMar, Amount: cny(300)},
		{Ref: "low", Component: Principal, Posted: day(t, "2015-02-03"), Billed: billedMar, Due: dueMar, Amount: cny(20000), APR: dec("0.18")},
		{Ref: "high", Component: Principal, Posted: day(t, "2015-02-04"), Billed: billedMar, Due: dueMar, Amount: cny(30000), APR: dec("0.25")},
		{Ref: "temp", Kind: TemporaryDebt, Component: Principal, Posted: day(t, "2015-02-05"), Billed: billedMar, Due: dueMar, Amount: cny(8000)},
		{Ref: "new", Component: Principal, Posted: day(t, "2015-03-02"), Amount: cny(5000)},
		{Ref: "plan", Kind: InstallmentDebt, Component: Principal, Posted: day(t, "2015-02-01"), BillOn: day(t, "2015-04-01"), Amount: cny(9999)},
	}
	tests := []struct {
		alloc Allocation
		want  map[string]int64
	}{
		// Past due first, then fees, interest, principal oldest first.
		{ClassicAllocation(), map[string]int64{"old": 4000, "fee": 300, "interest": 500, "low": 10200}},
		// The temporary limit first, then interest before fees.
		{HuabeiAllocation(), map[string]int64{"temp": 8000, "old": 4000, "interest": 500, "fee": 300, "low": 2200}},
		// The minimum (50.00) oldest first, the rest to the 25% balance.
		{USCardAllocation(), map[string]int64{"old": 4000, "fee": 300, "interest": 500, "low": 200, "high": 10000}},
	}
	for _, tt := range tests {
		_, paid, left, err := tt.alloc.Apply(cny(15000), debts, on, 0, cny(5000))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, p := range paid {
			got[p.Debt.Ref] += p.Paid.Units()
		}
		if !left.IsZero() || !equalMaps(got, tt.want) {
			t.Errorf("%s: paid %v, left %v; want %v", tt.alloc.Name, got, left, tt.want)
		}
	}
	// Paying more than is owed leaves a credit balance; future installment
	// periods are not touched.
	rest, _, left, err := ClassicAllocation().Apply(cny(100000), debts, on, 0, cny(0))
	if err != nil || left != cny(100000-67800) || len(rest) != 1 || rest[0].Ref != "plan" {
		t.Errorf("overpayment: left %v, rest %+v, %v", left, rest, err)
	}
	if _, _, _, err := ClassicAllocation().Apply(cny(0), debts, on, 0, cny(0)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("zero payment: %v", err)
	}
	if _, _, _, err := ClassicAllocation().Apply(usd(100), debts, on, 0, cny(0)); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("dollar payment on yuan debts: %v", err)
	}
}

func basis(balance, newP, carried, inst, charges, overdue int64) MinimumBasis {
	return MinimumBasis{cny(balance), cny(newP), cny(carried), cny(inst), cny(charges), cny(overdue), cny(0)}
}

func equalMaps(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestPerItemLateFees: pay in 4 with Klarna-style late fees ($7 once a
// payment is 10 days late, at most 25% of the order): each installment is
// late against its own due date, not a monthly statement's.
func TestPerItemLateFees(t *testing.T) {
	r := Rules{
		Cycle:      CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}, DueFrom: DueFromPurchase, CutoffHour: 24},
		Penalty:    PenaltyRule{Method: LateFees, PerItem: true, Fees: []LateFee{{AfterDays: 10, Amount: usd(700)}}, CapRate: dec("0.25")},
		Minimum:    MinimumPayment{PlusCharges: true},
		Allocation: ClassicAllocation(),
		Rounding:   money.HalfEven,
	}
	plan := Plan{Periods: 3, DownPayment: dec("0.25"), Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}}
	s, err := plan.Schedule(usd(10000), day(t, "2025-03-03"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ok := okAccount(t)
	a := NewAccount(money.USD, day(t, "2025-03-01"))
	a = ok(a.InstallmentPurchase(r, "order", day(t, "2025-03-03"), s))
	a, _, err = a.Pay(r, day(t, "2025-03-03"), usd(2500)) // the down payment at checkout
	if err != nil || !a.Credit.IsZero() {
		t.Fatalf("down payment: credit %v, %v", a.Credit, err)
	}
	// Period 1 (25.00, due 17 March) is not paid: 10 days later, on the
	// 28th, it is late enough for the fee; 27 March is not.
	b := ok(a.AccrueThrough(r, day(t, "2025-03-27")))
	if !b.Overdue.Fees.IsZero() {
		t.Errorf("fee before 10 days late: %v", b.Overdue.Fees)
	}
	b = ok(b.AccrueThrough(r, day(t, "2025-03-28")))
	if b.Overdue.Fees != usd(700) || b.Overdue.Balance != usd(10000) {
		t.Errorf("late fee %v on order %v, want 7.00 on 100.00", b.Overdue.Fees, b.Overdue.Balance)
	}
}

// TestLateFeeAtMostTheMinimum: under Regulation Z a late fee may not exceed
// the minimum payment that was due (12 CFR 1026.52(b)(2)(i)(A)): the US card
// rules' 30.00 fee on a statement whose minimum is 0.30 is 0.30; on a
// minimum of 25.00 (the floor) it is 25.00; on one of 40.00 the fee is the
// full 30.00.
func TestLateFeeAtMostTheMinimum(t *testing.T) {
	r := usCardRules()
	for _, tt := range []struct {
		purchase, minimum, fee int64
	}{{30, 30, 30}, {300000, 3000, 3000}, {4000000, 40000, 3000}, {250000, 2500, 2500}} {
		a := NewAccount(money.CNY, day(t, "2015-01-01"))
		a = purchase(t, a, r, "p1", "2015-01-05", tt.purchase)
		a, s := mustClose(t, a, r, "2015-02-01")
		b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-26")))
		if s.Minimum != cny(tt.minimum) || b.Overdue.Fees != cny(tt.fee) {
			t.Errorf("purchase %d: minimum %v, late fee %v; want %d and %d", tt.purchase, s.Minimum, b.Overdue.Fees, tt.minimum, tt.fee)
		}
	}
}

// TestLateFeePerMissedInstallment: pay in 4 (USD 7 once a payment is 10
// days late, at most 25% of the order) charges each missed installment,
// not each order once. A 100.00 order missing its three 25.00 payments pays
// 7.00 three times, 21.00 (within the cap of 25.00); a 40.00 order (10.00
// each) pays 7.00, then 3.00, then nothing: the cap of 10.00 is reached.
func TestLateFeePerMissedInstallment(t *testing.T) {
	r := Rules{
		Cycle:      CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}, DueFrom: DueFromPurchase, CutoffHour: 24},
		Penalty:    PenaltyRule{Method: LateFees, PerItem: true, Fees: []LateFee{{AfterDays: 10, Amount: usd(700)}}, CapRate: dec("0.25")},
		Minimum:    MinimumPayment{PlusCharges: true},
		Allocation: ClassicAllocation(),
		Rounding:   money.HalfEven,
	}
	plan := Plan{Periods: 3, DownPayment: dec("0.25"), Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}}
	for _, tt := range []struct {
		order int64
		fees  []int64 // after the 1st, 2nd and 3rd payment is 10 days late
	}{{10000, []int64{700, 1400, 2100}}, {4000, []int64{700, 1000, 1000}}} {
		s, err := plan.Schedule(usd(tt.order), day(t, "2025-03-03"), nil)
		if err != nil {
			t.Fatal(err)
		}
		ok := okAccount(t)
		a := NewAccount(money.USD, day(t, "2025-03-01"))
		a = ok(a.InstallmentPurchase(r, "order", day(t, "2025-03-03"), s))
		a = ok(a.PayInstallment(r, day(t, "2025-03-03"), "order", 0, s.Installments[0].Total))
		// Payments due 17 March, 31 March, 14 April: late from the 28th,
		// 11 April, 25 April.
		for i, on := range []string{"2025-03-28", "2025-04-11", "2025-04-25"} {
			if i == 1 { // the statement of 1 April bills the third payment
				a, _ = mustClose(t, a, r, "2025-04-01")
			}
			a = ok(a.AccrueThrough(r, day(t, on)))
			var fees int64
			for _, d := range a.Debts {
				if d.Component == Penalty {
					fees += d.Amount.Units()
				}
			}
			if fees != tt.fees[i] {
				t.Errorf("order %d, %s: late fees %d, want %d", tt.order, on, fees, tt.fees[i])
			}
		}
	}
}
