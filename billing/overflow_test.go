package billing

import (
	"errors"
	"math"
	"testing"

	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// TestSumsNeverWrap: every total an account or statement takes is checked.
// A change that would take a total beyond int64 minor units is
// money.ErrOverflow and leaves the account as it was; a statement whose
// lines overflow does not reconcile.
func TestSumsNeverWrap(t *testing.T) {
	r := huabeiRules()
	opened := day(t, "2015-01-01")
	on := day(t, "2015-01-05")
	huge := money.FromMinor(math.MaxInt64, money.CNY)

	// A payment of every fen int64 holds is a credit balance of as much:
	// owed is −MaxInt64, which fits. One more fen would not.
	paid, _, err := NewAccount(money.CNY, opened).Pay(r, on, huge)
	if err != nil {
		t.Fatal(err)
	}
	if got := owed(t, paid); got.Units() != -math.MaxInt64 {
		t.Fatalf("owed after paying MaxInt64: %v", got)
	}

	// Two purchases of just over half of int64 each: the second would
	// owe more than int64 holds.
	half := money.FromMinor(math.MaxInt64/2+1, money.CNY)
	one, err := NewAccount(money.CNY, opened).Purchase(r, "p1", on, half, RegularDebt, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name   string
		before Account
		change func(a Account) (Account, error)
	}{
		{"pay one fen more", paid, func(a Account) (Account, error) {
			b, _, err := a.Pay(r, on, money.FromMinor(1, money.CNY))
			return b, err
		}},
		{"a purchase past int64", one, func(a Account) (Account, error) {
			return a.Purchase(r, "p2", on, half, RegularDebt, decimal.Zero)
		}},
		{"a fee past int64", one, func(a Account) (Account, error) { return a.Charge(r, "fee", on, half) }},
		{"a refund of a purchase into a credit past int64", paid, func(a Account) (Account, error) {
			return a.Refund(r, "p1", on, money.FromMinor(1, money.CNY))
		}},
	}
	for _, c := range cases {
		got, err := c.change(c.before)
		if !errors.Is(err, money.ErrOverflow) {
			t.Errorf("%s: %v, %+v; want money.ErrOverflow", c.name, err, got.Credit)
		}
	}

	// Hand-built: totals that leave int64 are errors, never wrapped values.
	wrapped := Account{Currency: money.CNY, Credit: money.Zero(money.CNY), Debts: []Debt{
		{Ref: "a", Amount: half, Billed: on}, {Ref: "b", Amount: half, Billed: on}}}
	if _, err := wrapped.Owed(); !errors.Is(err, money.ErrOverflow) {
		t.Errorf("Owed of two halves of int64: %v, want money.ErrOverflow", err)
	}
	if _, err := wrapped.BilledUnpaid(); !errors.Is(err, money.ErrOverflow) {
		t.Errorf("BilledUnpaid of two halves of int64: %v, want money.ErrOverflow", err)
	}
	st := Statement{Opening: money.Zero(money.CNY), Lines: []Line{{Amount: half}, {Amount: half}},
		Charges: money.FromMinor(math.MinInt64, money.CNY), Closing: money.FromMinor(math.MinInt64, money.CNY)}
	if err := st.Reconcile(); !errors.Is(err, ErrUnbalanced) || !errors.Is(err, money.ErrOverflow) {
		t.Errorf("Reconcile of lines that wrap to their claimed sum: %v, want ErrUnbalanced and ErrOverflow", err)
	}
}

// TestStatementItemsSizedToTheCycle: a statement's item list holds what it
// bills, not room for every debt the account carries (an unpaid line's
// memory would grow with the square of its age).
func TestStatementItemsSizedToTheCycle(t *testing.T) {
	r := huabeiRules()
	a := NewAccount(money.CNY, day(t, "2015-01-01"))
	for i, d := range []string{"2015-01-05", "2015-01-06", "2015-01-07"} {
		a = purchase(t, a, r, string(rune('a'+i)), d, 10000)
	}
	a, first := mustClose(t, a, r, "2015-02-01")
	a = purchase(t, a, r, "d", "2015-02-05", 10000)
	_, second := mustClose(t, a, r, "2015-03-01")
	if len(first.Items) != 3 || cap(first.Items) != 3 {
		t.Errorf("first statement: %d items, room for %d; want 3 and 3", len(first.Items), cap(first.Items))
	}
	// The second bills the new purchase and the interest and penalty on
	// the unpaid first statement, not the three purchases again.
	if cap(second.Items) != len(second.Items) || len(second.Items) >= len(a.Debts)+2 {
		t.Errorf("second statement: %d items, room for %d, %d debts held", len(second.Items), cap(second.Items), len(a.Debts))
	}
}
