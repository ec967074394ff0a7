package credit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

type harness struct {
	t     *testing.T
	ctx   context.Context
	e     *credit.Engine
	clock *credittest.Clock
	store *credittest.MemStore
}

func newHarness(t *testing.T, start string) *harness {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at(start))
	return &harness{t: t, ctx: context.Background(), e: newEngine(t, store, clock), clock: clock, store: store}
}

func (h *harness) open(product string, limit money.Amount) {
	h.t.Helper()
	if _, err := h.e.OpenLine(h.ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: product, Limit: limit}); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) buy(key, id string, amount money.Amount, m credit.Merchant, plan string) credit.Decision {
	h.t.Helper()
	d, err := h.e.Authorize(h.ctx, credit.Authorize{Key: key, Line: "L", Purchase: id, Amount: amount, Merchant: m, Plan: plan})
	if err != nil {
		h.t.Fatal(err)
	}
	if d.Approved {
		if _, err := h.e.Capture(h.ctx, credit.PurchaseCommand{Key: key + "-c", Line: "L", Purchase: id, Amount: amount}); err != nil {
			h.t.Fatal(err)
		}
	}
	return d
}

func (h *harness) deliver(key, id string) {
	h.t.Helper()
	if _, err := h.e.ConfirmDelivery(h.ctx, credit.PurchaseCommand{Key: key, Line: "L", Purchase: id}); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) line() *credit.Line {
	h.t.Helper()
	l, err := h.e.Line(h.ctx, "L")
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

// TestHuabeiTemporaryLimit: a temporary limit is used after the fixed
// one; unpaid after it lapses, it shows as negative available credit;
// paid, it is repaid first.
func TestHuabeiTemporaryLimit(t *testing.T) {
	h := newHarness(t, "2015-01-02 10:00")
	h.open("huabei", cny(1000000))
	if _, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "temp", Line: "L", TempLimit: &credit.TempLimit{ID: "t1", Amount: cny(500000), Expires: day(t, "2015-02-15")}}); err != nil {
		t.Fatal(err)
	}
	if d := h.buy("b1", "p1", cny(1200000), tmall, ""); !d.Approved || d.AvailableBefore != cny(1500000) {
		t.Fatalf("12,000 on 10,000 + 5,000: %+v", d)
	}
	h.deliver("d1", "p1")
	debts := h.line().Account.Debts
	if len(debts) != 2 || debts[0].Amount != cny(1000000) || debts[1].Kind != billing.TemporaryDebt || debts[1].Amount != cny(200000) {
		t.Fatalf("debts %+v", debts)
	}
	// The temporary limit lapses on 15 February with 2,000 of it used.
	h.clock.Set(at("2015-02-16 09:00"))
	if _, err := h.e.Advance(h.ctx, "L", day(t, "2015-02-16")); err != nil {
		t.Fatal(err)
	}
	if b := balances(t, h.line()); b.Available != cny(-200000) || b.Limit != cny(1000000) {
		t.Errorf("after the lapse: %+v", b)
	}
	// A payment repays the temporary use first.
	if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "pay", Line: "L", Amount: cny(250000)}); err != nil {
		t.Fatal(err)
	}
	if b := balances(t, h.line()); b.Available != cny(50000) {
		t.Errorf("after paying 2,500: available %v, want 500.00", b.Available)
	}
	for _, d := range h.line().Account.Debts {
		if d.Kind == billing.TemporaryDebt {
			t.Errorf("temporary debt left: %+v", d)
		}
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestHuabeiInstallmentsAndDueDays: a 3,000 purchase in 6 periods at 4.5%
// holds the limit by its principal; periods are billed on the 1st, due the
// 10th. The holder moves to the 5th/15th pair once, effective after the
// next statement; a second change within a year is refused.
func TestHuabeiInstallmentsAndDueDays(t *testing.T) {
	h := newHarness(t, "2015-01-02 10:00")
	h.open("huabei", cny(1000000))
	if d := h.buy("b1", "tv", cny(300000), tmall, "6-month"); !d.Approved {
		t.Fatalf("%+v", d)
	}
	h.deliver("d1", "tv")
	if b := balances(t, h.line()); b.Available != cny(700000) || b.Installments != cny(313500) {
		t.Errorf("after the installment purchase: %+v", b)
	}
	if _, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "due", Line: "L", DueDays: &credit.DueDayOption{StatementDay: 5, DueDay: 15}}); err != nil {
		t.Fatal(err)
	}
	_, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "due2", Line: "L", DueDays: &credit.DueDayOption{StatementDay: 10, DueDay: 20}})
	if !errors.Is(err, credit.ErrInvalidCommand) {
		t.Errorf("second change in a year: %v", err)
	}
	if _, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "due3", Line: "L", DueDays: &credit.DueDayOption{StatementDay: 3, DueDay: 13}}); !errors.Is(err, credit.ErrInvalidCommand) {
		t.Errorf("a pair not offered: %v", err)
	}
	h.clock.Set(at("2015-03-06 09:00"))
	l, err := h.e.Advance(h.ctx, "L", day(t, "2015-03-06"))
	if err != nil {
		t.Fatal(err)
	}
	// Statements: 1 February (period 1, 10 Feb) and, from then on, the 5th.
	if len(l.Statements) != 2 || l.Statements[0].Date != day(t, "2015-02-01") || l.Statements[1].Date != day(t, "2015-03-05") {
		t.Fatalf("statements %v", dates(l.Statements))
	}
	if got := l.Statements[0].Basis.InstallmentDue; got != cny(52250) { // 500.00 + 22.50
		t.Errorf("period 1 billed %v, want 522.50", got)
	}
	checkJournal(t, h.store, h.e, "L")
}

func dates(sts []billing.Statement) []string {
	var out []string
	for _, s := range sts {
		out = append(out, s.Date.String())
	}
	return out
}

// TestJDOrderMode: each order is due 30 days after it is paid for.
func TestJDOrderMode(t *testing.T) {
	h := newHarness(t, "2015-01-08 10:00")
	h.open("jd-baitiao-2014", cny(1500000))
	jd := credit.Merchant{ID: "jd", Enrolled: true, Category: "electronics"}
	h.buy("b1", "o1", cny(120000), jd, "") // posts on payment: no delivery needed
	h.clock.Set(at("2015-01-25 10:00"))
	h.buy("b2", "o2", cny(80000), jd, "")
	h.clock.Set(at("2015-02-07 10:00"))
	if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "p1", Line: "L", Amount: cny(120000)}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at("2015-03-02 10:00"))
	l, err := h.e.Advance(h.ctx, "L", day(t, "2015-03-02"))
	if err != nil {
		t.Fatal(err)
	}
	st := l.Statements[0]
	if st.Date != day(t, "2015-02-01") || st.Due != day(t, "2015-02-07") {
		t.Fatalf("first statement:\n%s", st)
	}
	for _, it := range st.Items {
		if want := map[string]string{"o1": "2015-02-07", "o2": "2015-02-24"}[it.Ref]; it.Due != day(t, want) {
			t.Errorf("%s due %s, want %s", it.Ref, it.Due, want)
		}
	}
	// Order 2 went unpaid past 24 February: 0.03% a day on 800 from the 25th.
	var penalty money.Amount
	for _, ln := range l.Statements[1].Lines {
		if ln.Kind == billing.PenaltyLine {
			penalty = ln.Amount
		}
	}
	if penalty != cny(120) { // 800 × 0.03% × 5 days (25 February to 1 March)
		t.Errorf("penalty %v, want 1.20\n%s", penalty, l.Statements[1])
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestXinyongbao: virtual goods only, at most RMB 5 for a game; the
// merchant pays 12%.
func TestXinyongbao(t *testing.T) {
	h := newHarness(t, "2014-01-05 10:00")
	h.open("xinyongbao-2013", cny(10000))
	game := credit.Merchant{ID: "game-co", Enrolled: true, Category: "game"}
	shoes := credit.Merchant{ID: "shoe-co", Enrolled: true, Category: "apparel"}
	d := h.buy("b1", "g1", cny(600), game, "")
	if d.Approved || d.Reasons[0].Code != credit.CodeAboveCategoryLimit || d.Reasons[0].Limit != cny(500) {
		t.Errorf("6.00 game: %+v", d)
	}
	d = h.buy("b2", "s1", cny(400), shoes, "")
	if d.Approved || d.Reasons[0].Code != credit.CodeCategoryNotAllowed {
		t.Errorf("shoes: %+v", d)
	}
	unenrolled := game
	unenrolled.Enrolled = false
	d = h.buy("b3", "g2", cny(20000), unenrolled, "")
	var codes []string
	for _, r := range d.Reasons {
		codes = append(codes, r.Code)
	}
	if d.Approved || len(codes) != 3 { // every reason: not enrolled, above the game limit, not enough credit
		t.Errorf("every failing reason: %v", codes)
	}
	if d := h.buy("b4", "g3", cny(400), game, ""); !d.Approved {
		t.Fatalf("4.00 game: %+v", d)
	}
	l := h.line()
	if pu := l.Purchases[len(l.Purchases)-1]; pu.Settlement != cny(352) {
		t.Errorf("merchant settlement %v, want 3.52 (4.00 less 12%%)", pu.Settlement)
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestPayIn4: 25% at checkout, three payments every two weeks, USD 7 once
// a payment is 10 days late.
func TestPayIn4(t *testing.T) {
	h := newHarness(t, "2025-03-03 12:00")
	h.open("pay-in-4", money.FromMinor(100000, money.USD))
	shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "apparel"}
	usd := func(u int64) money.Amount { return money.FromMinor(u, money.USD) }
	if d := h.buy("b0", "x", usd(10000), shop, ""); d.Approved || d.Reasons[0].Code != credit.CodePlanNotOffered {
		t.Errorf("without the plan: %+v", d)
	}
	if d := h.buy("b1", "o1", usd(10000), shop, "pay-in-4"); !d.Approved {
		t.Fatalf("%+v", d)
	}
	l := h.line()
	if owed := owed(t, l); owed != usd(7500) || !l.Account.Credit.IsZero() {
		t.Errorf("after the down payment the shopper owes %v with %v in credit, want 75.00 and none", owed, l.Account.Credit)
	}
	// A second order the same day: its down payment pays its own period 0,
	// not the first order's next period. (examples/compare found that it
	// did.)
	if d := h.buy("b2", "o2", usd(20000), shop, "pay-in-4"); !d.Approved {
		t.Fatalf("%+v", d)
	}
	l = h.line()
	for _, debt := range l.Account.Debts {
		if debt.Period == 0 || debt.Period == 1 && debt.Amount != usd(2500) && debt.Amount != usd(5000) {
			t.Errorf("%s period %d owes %v after both down payments", debt.Ref, debt.Period, debt.Amount)
		}
	}
	// Period 1 of both orders (25.00 and 50.00, due 17 March) is not
	// paid: each missed payment is charged 7.00.
	h.clock.Set(at("2025-03-28 12:00"))
	l, err := h.e.Advance(h.ctx, "L", day(t, "2025-03-28"))
	if err != nil {
		t.Fatal(err)
	}
	if l.Account.Overdue.Fees != usd(1400) {
		t.Errorf("late fees %v, want 14.00 (7.00 for each missed payment)", l.Account.Overdue.Fees)
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestCloseNeedsNoDebtAtAll: a payment beyond what is billed becomes a
// credit balance while installment periods are still to be billed, so
// the line owes nothing net; it still may not close, since it has debts.
// (The simulation found that it could.)
func TestCloseNeedsNoDebtAtAll(t *testing.T) {
	h := newHarness(t, "2025-03-03 12:00")
	h.open("pay-in-4", money.FromMinor(100000, money.USD))
	usd := func(u int64) money.Amount { return money.FromMinor(u, money.USD) }
	if d := h.buy("b1", "o1", usd(10000), credit.Merchant{ID: "shop", Enrolled: true, Category: "apparel"}, "pay-in-4"); !d.Approved {
		t.Fatalf("%+v", d)
	}
	if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "pay", Line: "L", Amount: usd(7500)}); err != nil {
		t.Fatal(err)
	}
	l := h.line()
	if !owed(t, l).IsZero() || len(l.Account.Debts) == 0 || l.Account.Credit.IsZero() {
		t.Fatalf("owed %v, credit %v, debts %d: not the case under test", owed(t, l), l.Account.Credit, len(l.Account.Debts))
	}
	closed := credit.Closed
	_, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "close", Line: "L", Status: &closed})
	var ce *credit.CommandError
	if !errors.As(err, &ce) || ce.Code != "not_settled" {
		t.Errorf("closing with unbilled installments and a credit balance: %v, want not_settled", err)
	}
	if after := h.line(); after.Version != l.Version || after.Status != credit.Active {
		t.Errorf("the refused close changed the line: version %d → %d, status %v", l.Version, after.Version, after.Status)
	}
}

// TestCrossBorderPurchase: a USD price converted at a stated rate; the
// refund says which rate it uses.
func TestCrossBorderPurchase(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	macys := credit.Merchant{ID: "macys", Enrolled: true, Category: "apparel"}
	rate, _ := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("6.2053"))
	d, err := h.e.Authorize(h.ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "m1", Original: money.FromMinor(19999, money.USD), Rate: &rate, Merchant: macys})
	if err != nil || !d.Approved || d.AvailableAfter != cny(1000000-124100) {
		t.Fatalf("%+v, %v", d, err)
	}
	if _, err := h.e.Capture(h.ctx, credit.PurchaseCommand{Key: "c", Line: "L", Purchase: "m1", Amount: cny(124100)}); err != nil {
		t.Fatal(err)
	}
	h.deliver("d", "m1")
	refundRate, _ := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("6.1"))
	pu, err := h.e.Refund(h.ctx, credit.PurchaseCommand{Key: "r", Line: "L", Purchase: "m1", Original: money.FromMinor(5000, money.USD), Rate: &refundRate})
	if err != nil || pu.Refunded != cny(30500) {
		t.Fatalf("refund of USD 50 at 6.1: %+v, %v", pu, err)
	}
	if pu.Original != money.FromMinor(19999, money.USD) || pu.Rate == nil || !pu.Rate.Equal(rate) {
		t.Errorf("purchase record %+v", pu)
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestLifecycleErrors: what a line refuses, and that refusals change
// nothing.
func TestLifecycleErrors(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b1", "p1", cny(100000), tmall, "")
	before := h.line().Version
	for name, f := range map[string]func() error{
		"capture above authorization": func() error {
			_, err := h.e.Capture(h.ctx, credit.PurchaseCommand{Key: "x1", Line: "L", Purchase: "p1", Amount: cny(1)})
			return err
		},
		"refund above capture": func() error {
			_, err := h.e.Refund(h.ctx, credit.PurchaseCommand{Key: "x2", Line: "L", Purchase: "p1", Amount: cny(100001)})
			return err
		},
		"unknown purchase": func() error {
			_, err := h.e.ConfirmDelivery(h.ctx, credit.PurchaseCommand{Key: "x3", Line: "L", Purchase: "nope"})
			return err
		},
		"payout without credit": func() error {
			_, err := h.e.Payout(h.ctx, credit.Payment{Key: "x4", Line: "L", Amount: cny(1)})
			return err
		},
		"close while owing": func() error {
			s := credit.Closed
			_, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "x5", Line: "L", Status: &s})
			return err
		},
		"limit above the product's": func() error {
			_, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "x6", Line: "L", Limit: cny(9000000)})
			return err
		},
		"negative payment": func() error {
			_, err := h.e.Pay(h.ctx, credit.Payment{Key: "x7", Line: "L", Amount: cny(-5)})
			return err
		},
	} {
		if err := f(); !errors.Is(err, credit.ErrInvalidCommand) {
			t.Errorf("%s: %v, want ErrInvalidCommand", name, err)
		}
	}
	if after := h.line().Version; after != before {
		t.Errorf("refused commands changed the line: version %d → %d", before, after)
	}
	// Freeze: authorizations are declined; payments still work.
	frozen := credit.Frozen
	if _, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "f", Line: "L", Status: &frozen}); err != nil {
		t.Fatal(err)
	}
	if d := h.buy("b2", "p2", cny(100000), tmall, ""); d.Approved || d.Reasons[0].Code != credit.CodeLineNotActive {
		t.Errorf("frozen line: %+v", d)
	}
	h.deliver("d1", "p1")
	if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "pay", Line: "L", Amount: cny(100000)}); err != nil {
		t.Fatal(err)
	}
	closed := credit.Closed
	if _, err := h.e.ChangeLine(h.ctx, credit.LineCommand{Key: "close", Line: "L", Status: &closed}); err != nil {
		t.Errorf("closing a settled line: %v", err)
	}
	checkJournal(t, h.store, h.e, "L")
	_ = time.Second
}
