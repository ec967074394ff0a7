package credit_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// longReaders are Engines that read the line of store cold: over the store
// itself (snapshots and range reads), over its snapshots without range
// reads, and over its journal alone.
func longReaders(t testing.TB, store *credittest.MemStore, clock credit.Clock) map[string]*credit.Engine {
	return map[string]*credit.Engine{
		"cold":     longEngine(t, store, clock, 0),
		"no-range": longEngine(t, longSnapStore{store}, clock, 0),
		"plain":    longEngine(t, longPlainStore{store}, clock, 0),
	}
}

// Three years of a busy line: Engine.Statements is every statement the
// line showed, Engine.Purchase every purchase as it was last seen open,
// postings balance, and Engines that read the line cold agree.
func TestLongLineLongHistoryReadsBack(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	l := longHistory(t, e, clock, "L", longDate(t, "2016-01-04"), 1100)
	ln := l.observe()
	if len(ln.Statements) < 1 || len(ln.Statements) > 12 {
		t.Errorf("the line keeps %d statements, want the latest and those owed on (paid ones leave four at a time)", len(ln.Statements))
	}
	if len(ln.Purchases) >= len(l.seen)/4 {
		t.Errorf("%d of %d purchases still in the line: nothing archived?", len(ln.Purchases), len(l.seen))
	}
	open, ids := l.openAndSeen(ln)
	engines := longReaders(t, store, clock)
	engines["warm"] = e
	for name, r := range engines {
		got, err := r.Line(ctx, "L")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := longDiff(ln, got); d != "" {
			t.Errorf("%s: line differs (-warm +%s):\n%s", name, name, d)
		}
		sts, err := r.Statements(ctx, "L")
		if err != nil {
			t.Fatalf("%s: Statements: %v", name, err)
		}
		if d := longDiff(l.stmts, sts); d != "" {
			t.Errorf("%s: Statements differ from those seen (-seen +got):\n%s", name, d)
		}
		for k, id := range ids {
			if name != "warm" && name != "cold" && k%37 != 0 {
				continue // a journal read each: a sample
			}
			p, err := r.Purchase(ctx, "L", id)
			if err != nil {
				t.Errorf("%s: Purchase(%s): %v", name, id, err)
				continue
			}
			if d := longPurchaseDiff(l.seen[id], p); d != "" {
				t.Errorf("%s: Purchase(%s) (open %v) differs from its last copy seen (-seen +got):\n%s", name, id, open[id], d)
			}
		}
	}
	holder, _ := longPostings(t, e, "L")
	owed, err := ln.Account.Owed()
	if err != nil {
		t.Fatal(err)
	}
	if !holder.Equal(owed) {
		t.Errorf("holder postings total %v, the line owes %v", holder, owed)
	}
}

// longOutcome is what one command of a probe gave: an error code, or a
// result.
type longOutcome struct {
	Op     string
	Code   string
	Result any
}

// longProbe sends a purchase every command there is about it, the refused
// ones first, then refunds, in the order a muddled host or shopper might,
// and says what each gave.
func longProbe(ctx context.Context, e *credit.Engine, line string, p *credit.Purchase, prefix string) []longOutcome {
	return longProbeIn(ctx, e, line, p, prefix, money.CNY, "")
}

// longProbeIn is longProbe on a line in currency cur, whose purchases take
// plan.
func longProbeIn(ctx context.Context, e *credit.Engine, line string, p *credit.Purchase, prefix string, cur money.Currency, plan string) []longOutcome {
	var out []longOutcome
	add := func(op string, r any, err error) {
		if err != nil {
			out = append(out, longOutcome{Op: op, Code: longCode(err)})
			return
		}
		if p, ok := r.(credit.Purchase); ok && !p.RefundRequested.IsZero() {
			p.RefundRequested = calendar.Date{} // the day of the request: not the same in both
			r = p
		}
		out = append(out, longOutcome{Op: op, Result: r})
	}
	pc := func(op string, fen int64) credit.PurchaseCommand {
		c := credit.PurchaseCommand{Key: prefix + "-" + op, Line: line, Purchase: p.ID}
		if fen != 0 {
			c.Amount = money.FromMinor(fen, cur)
		}
		return c
	}
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	r, err := e.Capture(ctx, pc("capture", 100))
	add("capture", r, err)
	r, err = e.Void(ctx, pc("void", 0))
	add("void", r, err)
	r, err = e.ConfirmDelivery(ctx, pc("confirm", 0))
	add("confirm", r, err)
	auth := credit.Authorize{Key: prefix + "-reuse", Line: line, Purchase: p.ID, Amount: money.FromMinor(10000, cur), Merchant: shop, Plan: plan}
	d, err := e.Authorize(ctx, auth)
	add("authorize again", d, err)
	d, err = e.Quote(ctx, auth)
	add("quote again", d.Approved, err) // the amounts available differ from line to line
	r, err = e.CloseRefundRequest(ctx, pc("close-none", 0))
	add("close no request", r, err)
	refundable := p.Captured.Units() - p.Refunded.Units()
	r, err = e.Refund(ctx, pc("refund-over", refundable+1))
	add("refund over", r, err)
	q, err := e.QuotePayoff(ctx, credit.Payoff{Key: prefix + "-quote", Line: line, Purchase: p.ID})
	q.On = calendar.Date{}
	add("quote payoff", q, err)
	r, err = e.RequestRefund(ctx, pc("request", 0))
	add("request refund", r, err)
	r, err = e.RequestRefund(ctx, pc("request-again", 0))
	add("request refund again", r, err)
	r, err = e.CloseRefundRequest(ctx, pc("close", 0))
	add("close request", r, err)
	if refundable > 1000 {
		r, err = e.Refund(ctx, pc("refund-part", 1000))
		add("refund part", r, err)
		refundable -= 1000
	}
	if refundable > 0 {
		r, err = e.Refund(ctx, pc("refund-rest", refundable))
		add("refund rest", r, err)
	}
	r, err = e.Refund(ctx, pc("refund-more", 1))
	add("refund more", r, err)
	r, err = e.Capture(ctx, pc("capture-after", 100))
	add("capture after", r, err)
	d, err = e.Authorize(ctx, auth)
	add("authorize again after", d, err)
	return out
}

// Every command about a long-archived purchase gives what it gave while
// the purchase was still in the line (settled, the same day): the same
// error codes, the same purchase after each refund, and the same change
// to what the holder owes.
func TestLongLineArchivedPurchaseCommandsAsIfOpen(t *testing.T) {
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	l := longHistory(t, e, clock, "L", longDate(t, "2016-01-04"), 420)
	ln := l.observe()
	open, ids := l.openAndSeen(ln)
	kinds := map[string]int{}
	var picked []string
	for _, id := range ids {
		p := l.seen[id]
		if open[id] {
			continue
		}
		kind := p.State.String()
		switch {
		case p.Rate != nil:
			kind += "/usd"
		case p.Plan != "":
			kind += "/plan"
		case p.Refunded.IsPositive():
			kind += "/refunded"
		}
		if kinds[kind] < 2 {
			kinds[kind]++
			picked = append(picked, id)
		}
	}
	t.Logf("probing %v", kinds)
	if len(kinds) < 6 {
		t.Fatalf("history has too few kinds of archived purchase: %v", kinds)
	}
	for _, id := range picked {
		p := l.seen[id]
		v := l.seenAt[id]
		fork := longFork(t, store, "L", v)
		fclock := credittest.NewClock(clock.Now())
		fe := longEngine(t, fork, fclock, 0)
		then, err := fe.Line(ctx, "L")
		if err != nil {
			t.Fatal(err)
		}
		fclock.Set(then.Today.At(23, 0, longZone))
		want := longProbe(ctx, fe, "L", p, "probe-"+id)
		if now, _ := fe.Line(ctx, "L"); now.Today != then.Today {
			t.Fatalf("the fork moved from %v to %v", then.Today, now.Today)
		}
		before := l.line()
		got := longProbe(ctx, e, "L", p, "probe-"+id)
		after := l.line()
		if testing.Verbose() {
			for _, o := range got {
				t.Logf("%s %s: %s", id, o.Op, o.Code)
			}
		}
		if d := longDiff(want, got); d != "" {
			t.Errorf("purchase %s (%v, archived): commands differ from the purchase in the line (-in line +archived):\n%s", id, p.State, d)
		}
		fafter, _ := fe.Line(ctx, "L")
		dw, _ := longOwed(t, fafter).Sub(longOwed(t, then))
		dg, _ := longOwed(t, after).Sub(longOwed(t, before))
		if !dw.Equal(dg) {
			t.Errorf("purchase %s: the refunds moved what is owed by %v in the line, %v archived", id, dw, dg)
		}
	}
	// And the line is still what its journal says.
	for name, r := range longReaders(t, store, clock) {
		got, err := r.Line(ctx, "L")
		if err != nil {
			t.Fatal(err)
		}
		if d := longDiff(l.line(), got); d != "" {
			t.Errorf("%s: line differs:\n%s", name, d)
		}
	}
	holder, _ := longPostings(t, e, "L")
	if owed := longOwed(t, l.line()); !holder.Equal(owed) {
		t.Errorf("holder postings total %v, the line owes %v", holder, owed)
	}
}

func longOwed(t testing.TB, l *credit.Line) money.Amount {
	t.Helper()
	o, err := l.Account.Owed()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// longCheckKeys sends again, through r, each command of cmds: it must
// replay what it first returned; and under the same key another operation,
// and the same operation with other fields: each an *IdempotencyError that
// commits nothing.
func longCheckKeys(t *testing.T, name string, l *longLine, r *credit.Engine, cmds []*longCmd) {
	t.Helper()
	ctx := context.Background()
	before, err := r.Line(ctx, l.id)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, c := range cmds {
		got, err := c.send(r)
		if err != nil {
			t.Errorf("%s: %s %s (first sent %v) sent again: %v", name, c.op, c.key, c.day, err)
		} else if d := longDiff(c.first, got); d != "" {
			t.Errorf("%s: %s %s (first sent %v) sent again replays another result (-first +again):\n%s", name, c.op, c.key, c.day, d)
		}
		for _, other := range []bool{true, false} {
			_, err := l.wrong(c, other)(r)
			var ie *credit.IdempotencyError
			if !errors.As(err, &ie) || !errors.Is(err, credit.ErrIdempotencyMismatch) {
				t.Errorf("%s: key %s of a %s (first sent %v) sent for another command (other op %v): %v, want an *IdempotencyError", name, c.key, c.op, c.day, other, err)
			}
		}
	}
	after, err := r.Line(ctx, l.id)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if after.Version != before.Version {
		t.Errorf("%s: replays and refusals moved the line from version %d to %d", name, before.Version, after.Version)
	}
}

// Keys of every command, years old, replay their first result and refuse
// any other command, on a warm Engine, a cold one, one over a store
// without range reads and one over a bare journal.
func TestLongLineOldKeysOfEveryCommand(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	store, clock, e := longStart(t, 0)
	start := longDate(t, "2016-01-04")
	clock.Set(start.At(9, 0, longZone))
	l := longOpen(t, e, clock, "K", 5000000)
	l.everyCommand(start)
	old := len(l.cmds)
	l.run(start.AddDays(70), 500)
	t.Logf("%d keys, %d of the first two months", len(l.cmds), old)
	ops := map[string]bool{}
	var cmds []*longCmd
	for i, c := range l.cmds {
		if i < old || i%97 == 0 {
			cmds = append(cmds, c)
			ops[c.op] = true
		}
	}
	if len(ops) < 13 {
		t.Fatalf("only %d kinds of command: %v", len(ops), ops)
	}
	longCheckKeys(t, "warm", l, e, cmds)
	for name, r := range longReaders(t, store, clock) {
		longCheckKeys(t, name, l, r, cmds)
	}
	// Keys that differ from old ones only a little are new keys.
	ctx := context.Background()
	used := map[string]bool{}
	for _, c := range cmds[:20] {
		for _, k := range []string{c.key + " ", strings.ToUpper(c.key), c.key[:len(c.key)-1], "\u00a0" + c.key} {
			if l.byKey[k] != nil || used[k] {
				continue
			}
			used[k] = true
			before, _ := e.Line(ctx, "K")
			if _, err := e.Pay(ctx, credit.Payment{Key: k, Line: "K", Amount: longCNY(1)}); err != nil {
				t.Errorf("a payment under new key %q (near %q): %v", k, c.key, err)
				continue
			}
			after, _ := e.Line(ctx, "K")
			if after.Version != before.Version+1 {
				t.Errorf("a payment under new key %q (near %q) left the line at version %d", k, c.key, after.Version)
			}
		}
	}
}

// Four years of a line whose holder changes the statement and due days
// every year: Engine.Statements is every statement the line showed, on
// every kind of Engine, and the line keeps at least a year of them.
func TestLongLineStatementsAcrossDueDayChanges(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	start := longDate(t, "2016-01-04")
	clock.Set(start.At(9, 0, longZone))
	l := longOpen(t, e, clock, "G", 5000000)
	options := []credit.DueDayOption{{StatementDay: 5, DueDay: 15}, {StatementDay: 10, DueDay: 20}, {StatementDay: 1, DueDay: 8}, {StatementDay: 5, DueDay: 15}}
	changes := 0
	l.hook = func(day calendar.Date) bool {
		if day.Month() == 2 && day.Day() == 20 {
			dd := options[changes%len(options)]
			changes++
			l.change(credit.LineCommand{DueDays: &dd})
		}
		return false
	}
	l.run(start, 4*365+30)
	ln := l.observe()
	if changes < 4 {
		t.Fatalf("%d changes", changes)
	}
	if len(ln.Statements) < 1 || len(ln.Statements) >= len(l.stmts) {
		t.Errorf("the line keeps %d statements of %d", len(ln.Statements), len(l.stmts))
	}
	days := map[int]bool{}
	for _, s := range l.stmts {
		days[s.Date.Day()] = true
	}
	t.Logf("%d statements seen, on days %v; %d in the line", len(l.stmts), days, len(ln.Statements))
	engines := longReaders(t, store, clock)
	engines["warm"] = e
	for name, r := range engines {
		got, err := r.Statements(ctx, "G")
		if err != nil {
			t.Fatal(err)
		}
		if d := longDiff(l.stmts, got); d != "" {
			t.Errorf("%s: Statements differ from those seen (-seen +got):\n%s", name, d)
		}
	}
}
