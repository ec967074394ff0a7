package credit_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// huabeiOwing opens a Huabei line on 5 January 2015 with a purchase of
// CNY 1,000.00 delivered on the 6th: billed on the statement of 1 February,
// due on 10 February, with a minimum of 100.00.
func huabeiOwing(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b", "p", cny(100000), tmall, "")
	h.clock.Set(at("2015-01-06 10:00"))
	h.deliver("d", "p")
	return h
}

// advanceTo moves the clock and the line to day s.
func (h *harness) advanceTo(s string) *credit.Line {
	h.t.Helper()
	h.clock.Set(at(s + " 00:00"))
	l, err := h.e.Advance(h.ctx, "L", day(h.t, s))
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

// pay pays amount at time s, counting from value date vd ("" for none).
func (h *harness) pay(key, s string, amount money.Amount, vd string) credit.Balances {
	h.t.Helper()
	h.clock.Set(at(s))
	cmd := credit.Payment{Key: key, Line: "L", Amount: amount}
	if vd != "" {
		cmd.ValueDate = day(h.t, vd)
	}
	b, err := h.e.Pay(h.ctx, cmd)
	if err != nil {
		h.t.Fatal(err)
	}
	return b
}

// TestValueDatedPayment: a payment made on the due date but recorded days
// later (a settlement file that came in after the nightly run) counts from
// its value date: the line is worked out as if it had been recorded on
// time, so it draws no penalty and was never overdue, and ends exactly
// where the line of a shopper whose payment was recorded on time ends.
func TestValueDatedPayment(t *testing.T) {
	onTime := huabeiOwing(t)
	onTime.pay("pay", "2015-02-10 20:00", cny(100000), "")
	late := huabeiOwing(t)
	late.pay("pay", "2015-02-13 09:00", cny(100000), "2015-02-10")
	undated := huabeiOwing(t)
	undated.pay("pay", "2015-02-13 09:00", cny(100000), "")

	// Recorded on the 13th without a value date, the payment leaves three
	// days overdue: 1,000.00 × 0.05% × 3 = 1.50 of penalty, posted on the
	// statement of 1 March.
	u := undated.advanceTo("2015-03-02")
	if st := u.Statements[len(u.Statements)-1]; st.Closing != cny(150) {
		t.Errorf("undated: the statement of 1 March closes at %v; want the 1.50 penalty\n%s", st.Closing, st)
	}
	// With its value date it is as if it had been recorded on the 10th.
	a, b := onTime.advanceTo("2015-03-02"), late.advanceTo("2015-03-02")
	if ba, bb := balances(t, a), balances(t, b); ba != bb || !bb.Billed.IsZero() {
		t.Errorf("balances: value-dated %+v, on time %+v; want equal, nothing owed", bb, ba)
	}
	st := b.Statements[len(b.Statements)-1]
	if !st.Closing.IsZero() || len(st.Lines) != 1 {
		t.Fatalf("value-dated: the statement of 1 March:\n%s\nwant one payment line and a zero closing", st)
	}
	if ln := st.Lines[0]; ln.Kind != billing.PaymentLine || ln.Date != day(t, "2015-02-13") || ln.ValueDate != day(t, "2015-02-10") || ln.Amount != cny(-100000) {
		t.Errorf("the payment line is %+v; want −1,000.00 recorded on 13 February, value date 10 February", ln)
	}
	checkJournal(t, late.store, late.e, "L")
}

// TestValueDatedPaymentCorrectsTheNextStatement: a payment whose value
// date is before a statement cut since does not rewrite that statement:
// the next one shows the payment and the penalty it takes back.
func TestValueDatedPaymentCorrectsTheNextStatement(t *testing.T) {
	// Nothing is paid by 10 February: from the 11th, 1,000.00 is overdue
	// and draws 0.50 a day. On 27 February the shopper pays 1,000.00 plus
	// the 8.50 of penalty accrued for the 17 days from the 11th to the
	// 27th; the statement of 1 March (cut before its day's events) would
	// then bill nothing more.
	onTime := huabeiOwing(t)
	onTime.pay("pay", "2015-02-27 20:00", cny(100850), "")
	// The same payment, recorded on 3 March with its value date: the
	// statement of 1 March was cut without it and billed the 1.00 of
	// penalty for the 28th and the 1st (and the 1,000.00 and 8.50
	// before), and 0.50 more accrued on the 2nd.
	late := huabeiOwing(t)
	before := late.advanceTo("2015-03-03")
	if st := before.Statements[len(before.Statements)-1]; st.Closing != cny(100950) {
		t.Fatalf("without the payment the statement of 1 March closes at %v; want 1,009.50\n%s", st.Closing, st)
	}
	late.pay("pay", "2015-03-03 09:00", cny(100850), "2015-02-27")

	a, b := onTime.advanceTo("2015-03-03"), late.line()
	if ba, bb := balances(t, a), balances(t, b); ba != bb || !owed(t, b).IsZero() {
		t.Errorf("balances: value-dated %+v, on time %+v; want equal, nothing owed", bb, ba)
	}
	if !b.Account.Overdue.Statement.IsZero() || !b.Account.PenaltyAccrued.IsZero() {
		t.Errorf("value-dated: overdue %+v, penalty accrued %v; want neither", b.Account.Overdue, b.Account.PenaltyAccrued)
	}
	// The statement of 1 March stays as it was cut; the current cycle
	// has the payment and a correction of the 1.00 of penalty billed on it.
	if st := b.Statements[len(b.Statements)-1]; st.Closing != cny(100950) {
		t.Errorf("the statement of 1 March was rewritten: closing %v", st.Closing)
	}
	want := []billing.Line{
		{Kind: billing.PaymentLine, Date: day(t, "2015-03-03"), ValueDate: day(t, "2015-02-27"), Amount: cny(-100850)},
		{Kind: billing.PenaltyLine, Date: day(t, "2015-03-03"), Ref: "correction", Amount: cny(-100)},
	}
	if got := b.Account.Lines; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("the current cycle's lines:\n got %+v\nwant %+v", got, want)
	}
	// The next statement reconciles from 1,009.50: −1,008.50 − 1.00 = 0.
	l := late.advanceTo("2015-04-02")
	if st := l.Statements[len(l.Statements)-1]; st.Opening != cny(100950) || !st.Closing.IsZero() || st.Reconcile() != nil {
		t.Errorf("the statement of 1 April:\n%s", st)
	}
	checkJournal(t, late.store, late.e, "L")
}

// TestValueDateRefused: a value date after the day of recording, beyond
// the product's window or before the line opened is a typed error on the
// field, and changes nothing; so is one on a command that takes none.
func TestValueDateRefused(t *testing.T) {
	h := huabeiOwing(t)
	h.advanceTo("2015-02-20")
	v0 := h.line().Version
	for _, c := range []struct {
		name, vd, code string
	}{
		{"ahead", "2015-02-21", "value_date_ahead"},
		{"out of the week", "2015-02-12", "value_date_out_of_window"},
		{"before opening", "2015-01-01", "before_opening"},
	} {
		_, err := h.e.Pay(h.ctx, credit.Payment{Key: "k-" + c.name, Line: "L", Amount: cny(100), ValueDate: day(t, c.vd)})
		var ce *credit.CommandError
		if !errors.As(err, &ce) || ce.Code != c.code || ce.Field != "value_date" {
			t.Errorf("%s: %v; want %s on value_date", c.name, err, c.code)
		}
	}
	_, err := h.e.Payout(h.ctx, credit.Payment{Key: "po", Line: "L", Amount: cny(100), ValueDate: day(t, "2015-02-19")})
	var ce *credit.CommandError
	if !errors.As(err, &ce) || ce.Field != "value_date" && ce.Field != "amount" {
		t.Errorf("payout with a value date: %v; want it refused", err)
	}
	if v := h.line().Version; v != v0 {
		t.Errorf("refused commands moved the line from version %d to %d", v0, v)
	}
}

// TestPaymentReversal: a payment that bounces is reversed: the line is
// worked out as if it had never been made, so the debt comes back with
// the penalty it would have drawn, and the line is overdue again.
func TestPaymentReversal(t *testing.T) {
	h := huabeiOwing(t)
	h.pay("pay", "2015-02-10 20:00", cny(100000), "")
	never := huabeiOwing(t) // the twin that never paid

	h.clock.Set(at("2015-02-16 09:00"))
	b, err := h.e.ReversePayment(h.ctx, credit.Reversal{Key: "bounce", Line: "L", Payment: "pay"})
	if err != nil {
		t.Fatal(err)
	}
	// Overdue from the 11th: 1,000.00 × 0.05% = 0.50 a day for the six days
	// from the 11th through the 16th, the day reached: 3.00 accrued.
	l := h.line()
	n := never.advanceTo("2015-02-16")
	if bn := balances(t, n); b != bn {
		t.Errorf("after the reversal: %+v; the line that never paid: %+v", b, bn)
	}
	if l.Account.PenaltyAccrued != n.Account.PenaltyAccrued || l.Account.Overdue.Statement.IsZero() {
		t.Errorf("penalty accrued %v (never paid: %v), overdue %+v; want equal and overdue", l.Account.PenaltyAccrued, n.Account.PenaltyAccrued, l.Account.Overdue)
	}
	if got, _ := l.Account.PenaltyAccrued.Post(money.CNY, money.HalfEven); got != cny(300) {
		t.Errorf("penalty accrued %v; want 3.00", got)
	}
	last := l.Account.Lines[len(l.Account.Lines)-1]
	if last.Kind != billing.ReversalLine || last.Amount != cny(100000) {
		t.Errorf("the reversal line is %+v; want +1,000.00", last)
	}
	// Twice is refused; so is a key that made no payment.
	for _, c := range []struct{ key, payment, code string }{
		{"again", "pay", "already_reversed"},
		{"other", "d", "not_a_payment"},
		{"none", "nope", "unknown_payment"},
	} {
		_, err := h.e.ReversePayment(h.ctx, credit.Reversal{Key: c.key, Line: "L", Payment: c.payment})
		var ce *credit.CommandError
		if !errors.As(err, &ce) || ce.Code != c.code || ce.Field != "payment" {
			t.Errorf("reversing %q: %v; want %s", c.payment, err, c.code)
		}
	}
	// A retry of the reversal replays it.
	if again, err := h.e.ReversePayment(h.ctx, credit.Reversal{Key: "bounce", Line: "L", Payment: "pay"}); err != nil || again != b {
		t.Errorf("replay: %+v, %v; want %+v", again, err, b)
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestReversalAfterPayout: a payment whose credit balance was paid out
// cannot be taken out of the history (the payout would have had nothing
// to pay): the reversal makes the amount owed again as new principal.
func TestReversalAfterPayout(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.pay("in", "2015-01-05 11:00", cny(50000), "")
	h.clock.Set(at("2015-01-06 10:00"))
	if _, err := h.e.Payout(h.ctx, credit.Payment{Key: "out", Line: "L", Amount: cny(50000)}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at("2015-01-07 10:00"))
	b, err := h.e.ReversePayment(h.ctx, credit.Reversal{Key: "bounce", Line: "L", Payment: "in"})
	if err != nil {
		t.Fatal(err)
	}
	l := h.line()
	if b.Unbilled != cny(50000) || len(l.Account.Debts) != 1 || l.Account.Debts[0].Ref != billing.ReversalRef {
		t.Errorf("after reversing a payment paid out: %+v, debts %+v; want 500.00 owed as reversal principal", b, l.Account.Debts)
	}
	checkJournal(t, h.store, h.e, "L")
}

// TestValueDatedLikeOnTime: whatever the history, a payment recorded up to
// a week late with its value date leaves the line where the same payment
// recorded on its value date leaves it: the same balances, accruals and
// overdue state then, and the same statements after. Random histories of
// purchases, deliveries and payments on Huabei; the payment lands on days
// around statements and due dates.
func TestValueDatedLikeOnTime(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(14, 2))
	for run := range 60 {
		type step struct {
			day    int // days after 5 January 2015
			amount int64
			pay    bool
		}
		var steps []step
		d := 0
		for range 3 + r.IntN(6) {
			d += r.IntN(25)
			steps = append(steps, step{day: d, amount: 1 + r.Int64N(300000), pay: r.IntN(3) == 0})
		}
		payDay := d + 1 + r.IntN(40)
		lag := 1 + r.IntN(7)
		amount := 1 + r.Int64N(400000)
		start := day(t, "2015-01-05")
		build := func(recordDay int, valueDate bool) *harness {
			h := newHarness(t, "2015-01-05 10:00")
			h.open("huabei", cny(5000000))
			for i, s := range steps {
				when := start.AddDays(s.day).At(10, 0, shanghai)
				h.clock.Set(when)
				key := fmt.Sprint("s", i)
				if s.pay {
					if _, err := h.e.Pay(h.ctx, credit.Payment{Key: key, Line: "L", Amount: cny(s.amount)}); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if h.buy(key, key, cny(s.amount), tmall, "").Approved { // an overdue line declines
					h.deliver(key+"-d", key)
				}
			}
			h.clock.Set(start.AddDays(recordDay).At(10, 0, shanghai))
			cmd := credit.Payment{Key: "late", Line: "L", Amount: cny(amount)}
			if valueDate {
				cmd.ValueDate = start.AddDays(payDay)
			}
			if _, err := h.e.Pay(h.ctx, cmd); err != nil {
				t.Fatal(err)
			}
			return h
		}
		onTime, late := build(payDay, false), build(payDay+lag, true)
		desc := fmt.Sprintf("run %d: %v paid on %v, recorded %d days late", run, cny(amount), start.AddDays(payDay), lag)
		for _, when := range []int{payDay + lag, payDay + lag + 45} {
			to := start.AddDays(when).String()
			a, b := onTime.advanceTo(to), late.advanceTo(to)
			ba, bb := balances(t, a), balances(t, b)
			ia, _ := a.Account.InterestAccrued.Post(money.CNY, money.HalfEven)
			ib, _ := b.Account.InterestAccrued.Post(money.CNY, money.HalfEven)
			pa, _ := a.Account.PenaltyAccrued.Post(money.CNY, money.HalfEven)
			pb, _ := b.Account.PenaltyAccrued.Post(money.CNY, money.HalfEven)
			if ba != bb || ia != ib || pa != pb || a.Account.Overdue != b.Account.Overdue {
				t.Fatalf("%s, on %s:\non time    %+v interest %v penalty %v overdue %+v\nvalue date %+v interest %v penalty %v overdue %+v",
					desc, to, ba, ia, pa, a.Account.Overdue, bb, ib, pb, b.Account.Overdue)
			}
		}
		// The statements cut after the late recording agree on what is owed.
		sa, sb := onTime.line().Statements, late.line().Statements
		if x, y := sa[len(sa)-1], sb[len(sb)-1]; x.Closing != y.Closing || x.Minimum != y.Minimum || x.Due != y.Due {
			t.Fatalf("%s: the last statements differ:\non time:\n%s\nvalue date:\n%s", desc, x, y)
		}
		checkJournal(t, late.store, late.e, "L")
	}
}

// TestValueDatedRefund: a refund the merchant made on the due date and
// the platform recorded three days later counts from that day: no
// penalty, the merchant gets its fees back as it would have.
func TestValueDatedRefund(t *testing.T) {
	refund := func(h *harness, s, vd string) {
		t.Helper()
		h.clock.Set(at(s))
		cmd := credit.PurchaseCommand{Key: "r", Line: "L", Purchase: "p", Amount: cny(100000)}
		if vd != "" {
			cmd.ValueDate = day(t, vd)
		}
		if _, err := h.e.Refund(h.ctx, cmd); err != nil {
			t.Fatal(err)
		}
	}
	onTime, late, undated := huabeiOwing(t), huabeiOwing(t), huabeiOwing(t)
	refund(onTime, "2015-02-10 20:00", "")
	refund(late, "2015-02-13 09:00", "2015-02-10")
	refund(undated, "2015-02-13 09:00", "")
	a, b, u := onTime.advanceTo("2015-03-02"), late.advanceTo("2015-03-02"), undated.advanceTo("2015-03-02")
	if ba, bb := balances(t, a), balances(t, b); ba != bb || !owed(t, b).IsZero() {
		t.Errorf("balances: value-dated %+v, on time %+v; want equal, nothing owed", bb, ba)
	}
	if bu := balances(t, u); bu.Billed != cny(150) {
		t.Errorf("undated: billed %v; want the 1.50 of penalty for the 11th to the 13th", bu.Billed)
	}
	pa, pb := a.Purchases[0], b.Purchases[0]
	if pa.Refunded != pb.Refunded || pa.Settlement != pb.Settlement || pa.FeesReturned != pb.FeesReturned {
		t.Errorf("purchase: value-dated %+v\non time %+v", pb, pa)
	}
	st := b.Statements[len(b.Statements)-1]
	if ln := st.Lines[0]; ln.Kind != billing.RefundLine || ln.ValueDate != day(t, "2015-02-10") || ln.Amount != cny(-100000) {
		t.Errorf("the refund line is %+v", ln)
	}
	checkJournal(t, late.store, late.e, "L")
}
