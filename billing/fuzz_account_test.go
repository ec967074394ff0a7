package billing

import (
	"encoding/json"
	"testing"

	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// FuzzAccount drives an account through commands decoded from bytes under
// each product's rules and checks, after every step: every statement
// reconciles; no payment is spent on more than it pays or on a piece beyond
// what it owed; what is owed changes by exactly the new lines; a rejected
// command leaves the account as it was; a statement that carried nothing
// in and is paid in full by its due date produces no interest; the account
// survives a JSON round trip.
func FuzzAccount(f *testing.F) {
	f.Add([]byte{0, 50, 1, 10, 2, 30, 3, 5, 0, 90, 4, 0, 2, 200})
	f.Add([]byte{0, 255, 0, 1, 5, 5, 2, 1, 1, 3, 3, 3, 4, 4, 2, 9})
	rules := []Rules{huabeiRules(), bankCardRules(), usCardRules()}
	f.Fuzz(func(t *testing.T, ops []byte) {
		r := rules[len(ops)%len(rules)]
		a := NewAccount(money.CNY, day(t, "2015-01-01"))
		on := day(t, "2015-01-01")
		paidInFull := false
		for i := 0; i+1 < len(ops); i += 2 {
			op, arg := ops[i]%6, int64(ops[i+1])
			on = on.AddDays(int(arg % 9))
			before := owed(t, a)
			var next Account
			var err error
			lines := len(a.Lines)
			switch op {
			case 0:
				next, err = a.Purchase(r, "p", on, cny(arg*1000+1), RegularDebt, decimal.Zero)
			case 1:
				var paid []Paid
				amount := cny(arg*500 + 1)
				next, paid, err = a.Pay(r, on, amount)
				checkPaid(t, paid, amount)
			case 2:
				next, err = a.Refund(r, "p", on, cny(arg*300+1))
			case 3:
				next, err = a.Charge(r, "fee", on, cny(arg+1))
			case 4:
				if billedUnpaid(t, a).IsPositive() && !on.After(a.Last.Due) {
					next, _, err = a.Pay(r, on, billedUnpaid(t, a))
					// The property holds for a statement that carried
					// nothing in: interest on a balance carried from an
					// earlier cycle runs until the day it is paid.
					b := a.Last.Basis
					paidInFull = err == nil && b.CarriedPrincipal.IsZero() && b.Overdue.IsZero() && a.InterestAccrued.IsZero()
				} else {
					continue
				}
			case 5:
				s := on.FirstOfMonth().AddMonths(1).AddDays(r.Cycle.StatementDay - 1)
				var st Statement
				next, st, err = a.CloseStatement(r, s)
				if err == nil {
					if rerr := st.Reconcile(); rerr != nil {
						t.Fatal(rerr)
					}
					for _, l := range st.Lines {
						if l.Kind == InterestLine && paidInFull && r.Interest.Method != DailyBalance {
							t.Fatalf("interest %v after the last statement was paid in full", l.Amount)
						}
					}
					paidInFull = false
					on = s
				}
			}
			if err != nil {
				if owed(t, a) != before || len(a.Lines) != lines {
					t.Fatalf("rejected command changed the account")
				}
				continue
			}
			// Lines added by the command (a statement resets them) move
			// what is owed by exactly their sum.
			if op != 5 {
				var sum int64
				for _, l := range next.Lines[lines:] {
					sum += l.Amount.Units()
				}
				if owed(t, next).Units()-before.Units() != sum {
					t.Fatalf("owed moved %v → %v but lines sum to %d", before, owed(t, next), sum)
				}
			}
			a = next
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back Account
		if err := json.Unmarshal(b, &back); err != nil || owed(t, back) != owed(t, a) || back.InterestAccrued != a.InterestAccrued || back.AccruedThrough != a.AccruedThrough {
			t.Fatalf("JSON round trip: %v", err)
		}
	})
}

func checkPaid(t *testing.T, paid []Paid, payment money.Amount) {
	t.Helper()
	var total int64
	for _, p := range paid {
		if p.Paid.Units() <= 0 || p.Paid.Units() > p.Debt.Amount.Units() {
			t.Fatalf("paid %v on a piece owing %v", p.Paid, p.Debt.Amount)
		}
		total += p.Paid.Units()
	}
	if total > payment.Units() {
		t.Fatalf("allocated %d of a %v payment", total, payment)
	}
}
