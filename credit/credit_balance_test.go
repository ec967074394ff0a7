package credit_test

import (
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// TestCreditBalancePaysWhatIsBilled: a credit balance pays debt as soon as
// a payment could: a purchase as it posts, an installment period as it is
// billed. So a holder in credit is billed nothing the credit covers and is
// never overdue for it. (It used to wait for a payout: a shopper with
// CNY 1,000 in credit who bought CNY 500 went overdue on 11 February and
// paid a penalty; a pay-in-4 shopper who paid the remaining USD 75 up front
// was charged a USD 7 late fee.)
func TestCreditBalancePaysWhatIsBilled(t *testing.T) {
	t.Run("huabei", func(t *testing.T) {
		h := newHarness(t, "2015-01-05 10:00")
		h.open("huabei", cny(1000000))
		if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "prepay", Line: "L", Amount: cny(100000)}); err != nil {
			t.Fatal(err)
		}
		h.buy("b", "p", cny(50000), tmall, "")
		h.clock.Set(at("2015-01-06 10:00"))
		h.deliver("d", "p") // posts on 6 January: the credit pays it at once
		l := h.line()
		if l.Account.Credit != cny(50000) || len(l.Account.Debts) != 0 {
			t.Fatalf("after delivery: credit %v, debts %v; want 500.00 and none", l.Account.Credit, l.Account.Debts)
		}
		h.clock.Set(at("2015-02-12 00:00"))
		l, err := h.e.Advance(h.ctx, "L", day(t, "2015-02-12"))
		if err != nil {
			t.Fatal(err)
		}
		st := l.Statements[len(l.Statements)-1] // 1 February
		// The statement shows the purchase of 500.00 and the payment of
		// 1,000.00 (cut on the 1st, before that day's events); nothing is
		// due, and the line holds 500.00 in credit.
		if st.Date != day(t, "2015-02-01") || !st.Balance.IsZero() || !st.Minimum.IsZero() || st.Closing != cny(-50000) {
			t.Errorf("statement of 1 February:\n%s", st)
		}
		if !l.Account.Overdue.Statement.IsZero() || !l.Account.PenaltyAccrued.IsZero() {
			t.Errorf("overdue %+v, penalty accrued %v: want neither", l.Account.Overdue, l.Account.PenaltyAccrued)
		}
		if b := balances(t, l); b.Credit != cny(50000) || b.Available != cny(1050000) {
			t.Errorf("balances %+v: want 500.00 in credit, 10,500.00 available", b)
		}
	})
	t.Run("pay in 4", func(t *testing.T) {
		h := newHarness(t, "2025-03-03 12:00")
		usd := func(u int64) money.Amount { return money.FromMinor(u, money.USD) }
		h.open("pay-in-4", usd(100000))
		shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "apparel"}
		if d := h.buy("b", "o", usd(10000), shop, "pay-in-4"); !d.Approved {
			t.Fatal(d)
		}
		// The shopper pays the three remaining 25.00 at once: the first
		// period (billed at checkout: its statement is cut) is paid, the
		// rest is credit, which pays each period as it is billed.
		if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "rest", Line: "L", Amount: usd(7500)}); err != nil {
			t.Fatal(err)
		}
		h.clock.Set(at("2025-05-01 12:00"))
		l, err := h.e.Advance(h.ctx, "L", day(t, "2025-05-01"))
		if err != nil {
			t.Fatal(err)
		}
		if !l.Account.Overdue.Fees.IsZero() || len(l.Account.Debts) != 0 || !l.Account.Credit.IsZero() {
			t.Errorf("on 1 May: late fees %v, debts %v, credit %v; want none, none, none", l.Account.Overdue.Fees, l.Account.Debts, l.Account.Credit)
		}
		for _, st := range l.Statements {
			if !st.Minimum.IsZero() {
				t.Errorf("statement of %v asks a minimum of %v", st.Date, st.Minimum)
			}
		}
		checkJournal(t, h.store, h.e, "L")
	})
}
