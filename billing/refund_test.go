package billing

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/money"
)

func TestRefundBeforeStatement(t *testing.T) {
	r := huabeiRules()
	ok := okAccount(t)
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 50000)
	a = ok(a.Refund(r, "p1", day(t, "2015-01-10"), cny(20000)))
	_, s := mustClose(t, a, r, "2015-02-01")
	if s.Basis.NewPrincipal != cny(30000) || s.Balance != cny(30000) || s.Minimum != cny(3000) || len(s.Lines) != 2 {
		t.Errorf("statement after refund: %s", s)
	}
}

func TestRefundAfterStatement(t *testing.T) {
	r := huabeiRules()
	ok := okAccount(t)
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "a", "2015-01-05", 50000)
	a = purchase(t, a, r, "b", "2015-01-06", 30000)
	a, _ = mustClose(t, a, r, "2015-02-01")
	// 600 back on purchase a: 500 pays a off, 100 goes to b.
	a = ok(a.Refund(r, "a", day(t, "2015-02-03"), cny(60000)))
	if len(a.Debts) != 1 || a.Debts[0].Ref != "b" || a.Debts[0].Amount != cny(20000) || !a.Credit.IsZero() {
		t.Fatalf("debts %+v credit %v", a.Debts, a.Credit)
	}
	if !a.Last.MinimumUnpaid.IsZero() || billedUnpaid(t, a) != cny(20000) {
		t.Errorf("minimum unpaid %v, billed unpaid %v", a.Last.MinimumUnpaid, billedUnpaid(t, a))
	}
	// Another 300 back on b: 200 pays it, 100 becomes a credit balance
	// that can be paid out, but no more than it.
	a = ok(a.Refund(r, "b", day(t, "2015-02-04"), cny(30000)))
	if len(a.Debts) != 0 || a.Credit != cny(10000) || owed(t, a) != cny(-10000) {
		t.Fatalf("debts %+v credit %v", a.Debts, a.Credit)
	}
	if _, err := a.Payout(r, day(t, "2015-02-05"), cny(10001)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("payout above the credit balance: %v", err)
	}
	a = ok(a.Payout(r, day(t, "2015-02-05"), cny(10000)))
	_, s := mustClose(t, a, r, "2015-03-01")
	if !s.Closing.IsZero() || s.Opening != cny(80000) || s.Credits != cny(90000) || s.Charges != cny(10000) {
		t.Errorf("statement after refunds and payout:\n%s", s)
	}
}

// TestRefundInstallmentPurchase: a refund cancels an installment plan's
// periods from the last back and waives their fees.
func TestRefundInstallmentPurchase(t *testing.T) {
	r := huabeiRules()
	ok := okAccount(t)
	sched, err := huabeiPlan(3, "0.025").Schedule(cny(30000), day(t, "2015-01-05"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = ok(a.InstallmentPurchase(r, "tv", day(t, "2015-01-05"), sched))
	if owed(t, a) != cny(30750) {
		t.Fatalf("owed %v, want 307.50 (300 + 2.5%%)", owed(t, a))
	}
	// 200 back: periods 3 and 2 are cancelled with their fees.
	a = ok(a.Refund(r, "tv", day(t, "2015-01-10"), cny(20000)))
	if owed(t, a) != cny(10250) {
		t.Errorf("owed after refunding two periods: %v, want 102.50", owed(t, a))
	}
	_, s := mustClose(t, a, r, "2015-02-01")
	if s.Balance != cny(10250) || s.Basis.InstallmentDue != cny(10250) || s.Minimum != cny(10250) {
		t.Errorf("statement:\n%s", s)
	}
}

// TestConvertToInstallments: 600 of a 1,000 statement moves onto 3
// periods at 2.5%: the statement falls to 400 with a minimum of 40, and
// the next statement bills period 1 (200 + 5.00).
func TestConvertToInstallments(t *testing.T) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 100000)
	a, s := mustClose(t, a, r, "2015-02-01")
	if s.Minimum != cny(10000) {
		t.Fatalf("minimum %v", s.Minimum)
	}
	a, sched, err := a.ConvertToInstallments(r, day(t, "2015-02-03"), cny(60000), huabeiPlan(3, "0.025"))
	if err != nil {
		t.Fatal(err)
	}
	if sched.TotalFee != cny(1500) || a.Last.Balance != cny(40000) || a.Last.Minimum != cny(4000) || a.Last.MinimumUnpaid != cny(4000) {
		t.Fatalf("after conversion: fee %v, balance %v, minimum %v", sched.TotalFee, a.Last.Balance, a.Last.Minimum)
	}
	a = mustPay(t, a, r, "2015-02-10", 40000)
	a, s = mustClose(t, a, r, "2015-03-01")
	if s.Basis.InstallmentDue != cny(20500) || s.Balance != cny(20500) || s.Installments != cny(41000) || len(s.Lines) != 4 {
		t.Errorf("next statement:\n%s", s)
	}
	for _, bad := range []struct {
		name   string
		on     string
		amount int64
	}{{"after the due date", "2015-03-11", 10000}, {"more than the new principal", "2015-03-02", 30000}} {
		if _, _, err := a.ConvertToInstallments(r, day(t, bad.on), cny(bad.amount), huabeiPlan(3, "0.025")); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: %v", bad.name, err)
		}
	}
}

// TestRejectedCommandChangesNothing: a failed command returns an error and
// the receiver is as it was.
func TestRejectedCommandChangesNothing(t *testing.T) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p1", "2015-01-05", 50000)
	before := a.clone()
	for name, f := range map[string]func() error{
		"payment in dollars": func() error { _, _, err := a.Pay(r, day(t, "2015-01-06"), usd(100)); return err },
		"back-dated":         func() error { _, _, err := a.Pay(r, day(t, "2015-01-04"), cny(100)); return err },
		"zero purchase": func() error {
			_, err := a.Purchase(r, "x", day(t, "2015-01-06"), cny(0), RegularDebt, dec("0"))
			return err
		},
		"not a statement day":   func() error { _, _, err := a.CloseStatement(r, day(t, "2015-02-02")); return err },
		"payout with no credit": func() error { _, err := a.Payout(r, day(t, "2015-01-06"), cny(1)); return err },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
		if owed(t, a) != owed(t, before) || len(a.Debts) != len(before.Debts) || len(a.Lines) != len(before.Lines) || a.AccruedThrough != before.AccruedThrough {
			t.Fatalf("%s changed the account", name)
		}
	}
}

// TestRefundOnUnbilledPurchaseKeepsStatementDue is the regression test for
// a bug the account fuzzer found: a refund that reduced an unbilled
// purchase also lowered the last statement's unpaid balance, so paying
// that "balance" left part of the statement unpaid and earning interest.
func TestRefundOnUnbilledPurchaseKeepsStatementDue(t *testing.T) {
	r := bankCardRules()
	ok := okAccount(t)
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	a = purchase(t, a, r, "p", "2015-01-04", 48001)
	a, _ = mustClose(t, a, r, "2015-02-01")
	a = purchase(t, a, r, "p", "2015-02-04", 48001)
	a = ok(a.Refund(r, "p", day(t, "2015-02-07"), cny(14401))) // reduces the unbilled purchase
	if billedUnpaid(t, a) != cny(48001) {
		t.Fatalf("billed unpaid %v, want 480.01", billedUnpaid(t, a))
	}
	a = mustPay(t, a, r, "2015-02-10", billedUnpaid(t, a).Units())
	b := okAccount(t)(a.AccrueThrough(r, day(t, "2015-02-28")))
	if !b.InterestAccrued.IsZero() {
		t.Errorf("interest %s fen after paying the statement in full", b.InterestAccrued.Decimal())
	}
}
