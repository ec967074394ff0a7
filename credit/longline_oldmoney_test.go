package credit_test

import (
	"context"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// A payment whose key is long past the latest keys (known only by its
// fingerprint) is found and reversed, on a warm Engine and on one over a
// bare journal; a reversal naming an old key that is not a payment is
// refused as one naming a recent one is.
func TestLongLineReverseOldPayment(t *testing.T) {
	for _, mode := range []string{"warm", "plain"} {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			store, clock, e := longStart(t, 0)
			start := longDate(t, "2016-01-04")
			clock.Set(start.At(9, 0, longZone))
			l := longOpen(t, e, clock, "V", 5000000)
			l.everyCommand(start)
			var oldPay, oldAuth string
			for _, c := range l.cmds {
				if c.op == "pay" && oldPay == "" {
					oldPay = c.key
				}
				if c.op == "authorize" && oldAuth == "" {
					oldAuth = c.key
				}
			}
			l.run(start.AddDays(70), 200)
			r := e
			if mode == "plain" {
				r = longEngine(t, longPlainStore{store}, clock, 0)
			}
			recent := l.cmds[len(l.cmds)-1]
			for len(recent.op) > 0 && recent.op != "authorize" {
				recent = l.cmds[len(l.cmds)-2]
			}
			_, errOld := r.ReversePayment(ctx, credit.Reversal{Key: "rev-auth-old", Line: "V", Payment: oldAuth})
			_, errNew := r.ReversePayment(ctx, credit.Reversal{Key: "rev-auth-new", Line: "V", Payment: recent.key})
			if longCode(errOld) != longCode(errNew) || errOld == nil {
				t.Errorf("reversal naming an old authorization's key: %q; a recent one's: %q", longCode(errOld), longCode(errNew))
			}
			_, errNone := r.ReversePayment(ctx, credit.Reversal{Key: "rev-none", Line: "V", Payment: "never-used"})
			if longCode(errNone) != longCode(errNew) {
				t.Logf("reversal naming an unknown key: %q, a recent authorization's: %q", longCode(errNone), longCode(errNew))
			}
			before, _ := r.Line(ctx, "V")
			rev := credit.Reversal{Key: "rev-old-pay", Line: "V", Payment: oldPay}
			first, err := r.ReversePayment(ctx, rev)
			if err != nil {
				t.Fatalf("reversal of payment %s, made two years ago: %v", oldPay, err)
			}
			after, _ := r.Line(ctx, "V")
			grew, _ := longOwed(t, after).Sub(longOwed(t, before))
			if !grew.IsPositive() {
				t.Errorf("the reversal of %s left what is owed at %v (was %v)", oldPay, longOwed(t, after), longOwed(t, before))
			}
			again, err := r.ReversePayment(ctx, rev)
			if err != nil || longDiff(first, again) != "" {
				t.Errorf("the reversal sent again: %v, %s", err, longDiff(first, again))
			}
			_, err = r.ReversePayment(ctx, credit.Reversal{Key: "rev-old-pay-2", Line: "V", Payment: oldPay})
			if err == nil {
				t.Errorf("a payment reversed twice under two keys")
			}
			longSame(t, store, clock, "V", r)
			holder, _ := longPostings(t, r, "V")
			if owed := longOwed(t, after); !holder.Equal(owed) {
				t.Errorf("holder postings %v, owed %v", holder, owed)
			}
		})
	}
}

// A line closed once everything is settled still takes the refund of a
// purchase archived long before, as a credit balance it then pays out;
// the purchase comes back, and a cold Engine agrees.
func TestLongLineRefundArchivedOnClosedLine(t *testing.T) {
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	start := longDate(t, "2016-01-04")
	l := longHistory(t, e, clock, "Q", start, 90)
	// stop buying; pay everything off; wait for holds to lapse
	day := start.AddDays(90)
	for i := 0; i < 3; i++ {
		day = day.AddDays(20)
		l.setDay(day, 10)
		ln := l.advance()
		for _, p := range ln.Purchases {
			if p.State == credit.Captured {
				l.mustPurchase("confirm", p.ID, 0)
			}
		}
		ln = l.advance()
		if o := longOwed(t, ln); o.IsPositive() {
			q, err := e.QuotePayoff(ctx, credit.Payoff{Line: "Q"})
			if err != nil {
				t.Fatal(err)
			}
			po := credit.Payoff{Key: l.key("payoff"), Line: "Q", Amount: q.Total}
			l.must("payoff", po.Key, func(e *credit.Engine) (any, error) { return e.PayOff(ctx, po) })
		}
		if b, _ := l.line().Balances(); b.Credit.IsPositive() {
			po := credit.Payment{Key: l.key("payout"), Line: "Q", Amount: b.Credit}
			l.must("payout", po.Key, func(e *credit.Engine) (any, error) { return e.Payout(ctx, po) })
		}
	}
	closed := credit.Closed
	l.change(credit.LineCommand{Status: &closed})
	ln := l.observe()
	var old *credit.Purchase
	for _, id := range []string{"Q-p00001", "Q-p00002", "Q-p00004", "Q-p00005"} {
		if p := l.seen[id]; longArchived(ln, id) && p.State == credit.Posted && p.Rate == nil {
			old = p
			break
		}
	}
	if old == nil {
		t.Fatal("no archived posted purchase among the first")
	}
	p := l.mustPurchase("refund", old.ID, old.Posted.Units()-old.RefundedPosted.Units())
	ln = l.observe()
	if longArchived(ln, old.ID) {
		t.Errorf("the refund on the closed line did not bring %s back", old.ID)
	}
	b, _ := ln.Balances()
	want, _ := old.Posted.Sub(old.RefundedPosted)
	if !b.Credit.Equal(want) {
		t.Errorf("credit balance %v after a refund of %v on a settled closed line", b.Credit, want)
	}
	if _, err := e.Payout(ctx, credit.Payment{Key: "final-payout", Line: "Q", Amount: b.Credit}); err != nil {
		t.Errorf("payout on the closed line: %v", err)
	}
	got, _ := e.Purchase(ctx, "Q", old.ID)
	if d := longDiff(&p, got); d != "" {
		t.Errorf("Purchase after the refund (-refund's result +read):\n%s", d)
	}
	// A refund request on the closed line: of a purchase still in the
	// line and of an archived one, the same answer.
	ln = l.observe()
	var inLine, archived string
	for id, p := range l.seen {
		if p.State != credit.Posted || id == old.ID {
			continue
		}
		if longArchived(ln, id) {
			archived = id
		} else {
			inLine = id
		}
	}
	if inLine != "" && archived != "" {
		_, e1 := e.RequestRefund(ctx, credit.PurchaseCommand{Key: "req-closed-1", Line: "Q", Purchase: inLine})
		_, e2 := e.RequestRefund(ctx, credit.PurchaseCommand{Key: "req-closed-2", Line: "Q", Purchase: archived})
		if longCode(e1) != longCode(e2) {
			t.Errorf("refund request on a closed line: %q for %s in the line, %q for archived %s", longCode(e1), inLine, longCode(e2), archived)
		}
	} else {
		t.Logf("no settled purchase left in the closed line to compare with")
	}
	longSame(t, store, clock, "Q", e)
	holder, _ := longPostings(t, e, "Q")
	if owed := longOwed(t, l.line()); !holder.Equal(owed) {
		t.Errorf("holder postings %v, owed %v", holder, owed)
	}
}

// The refund of an archived purchase priced in US dollars, given as
// dollars at another rate than the purchase's, and a refund of an
// archived purchase with a value date (a restatement that replays the
// journal through the archiving facts).
func TestLongLineRefundArchivedInDollarsAndValueDated(t *testing.T) {
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	start := longDate(t, "2016-01-04")
	l := longHistory(t, e, clock, "U", start, 200)
	ln := l.observe()
	var usd, cny *credit.Purchase
	for id, p := range l.seen {
		if !longArchived(ln, id) || p.State != credit.Posted || p.Plan != "" || p.Refunded.IsPositive() {
			continue
		}
		if p.Rate != nil && usd == nil {
			usd = p
		}
		if p.Rate == nil && cny == nil {
			cny = p
		}
	}
	if usd == nil || cny == nil {
		t.Fatal("no archived purchase of each kind")
	}
	rate := longRate(t, "7.1")
	half, _ := usd.Original.Split(2, money.LeftoverFirst())
	cmd := credit.PurchaseCommand{Key: "usd-refund", Line: "U", Purchase: usd.ID, Original: half[1], Rate: &rate}
	p, err := e.Refund(ctx, cmd)
	if err != nil {
		t.Fatalf("refund in dollars of archived %s: %v", usd.ID, err)
	}
	if !p.Refunded.IsPositive() || p.Refunded.Currency() != money.CNY {
		t.Errorf("refunded %v", p.Refunded)
	}
	again, err := e.Refund(ctx, cmd)
	if err != nil || longDiff(p, again) != "" {
		t.Errorf("the dollar refund sent again: %v %s", err, longDiff(p, again))
	}
	// a refund that arrived two days ago
	today := l.today()
	vd := credit.PurchaseCommand{Key: "vd-refund", Line: "U", Purchase: cny.ID, Amount: longCNY(1000), ValueDate: today.AddDays(-2)}
	q, err := e.Refund(ctx, vd)
	if err != nil {
		t.Fatalf("value-dated refund of archived %s: %v", cny.ID, err)
	}
	if q.Refunded.Units() != 1000 {
		t.Errorf("refunded %v", q.Refunded)
	}
	got, _ := e.Purchase(ctx, "U", usd.ID)
	if d := longDiff(&p, got); d != "" {
		t.Errorf("the dollar purchase after a restatement (-refund's result +read):\n%s", d)
	}
	for name, r := range longReaders(t, store, clock) {
		for _, want := range []credit.Purchase{p, q} {
			got, err := r.Purchase(ctx, "U", want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if d := longDiff(&want, got); d != "" {
				t.Errorf("%s: %s (-warm +cold):\n%s", name, want.ID, d)
			}
		}
	}
	longSame(t, store, clock, "U", e)
	holder, _ := longPostings(t, e, "U")
	if owed := longOwed(t, l.line()); !holder.Equal(owed) {
		t.Errorf("holder postings %v, owed %v", holder, owed)
	}
}
