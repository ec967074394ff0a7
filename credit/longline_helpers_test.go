package credit_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// The helpers of the longline tests: a Huabei line driven a day at a time
// by a fake clock, with every command it took kept so that it can be sent
// again (a retry) or under its key for another operation.

var longZone = time.FixedZone("CST", 8*3600)

// longPlainStore hides everything of a store but credit.Store: no
// snapshots, no range reads.
type longPlainStore struct{ s credit.Store }

func (p longPlainStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	return p.s.Load(ctx, line, after)
}

func (p longPlainStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	return p.s.Append(ctx, line, version, records)
}

// longSnapStore is a store with snapshots and without range reads.
type longSnapStore struct {
	s interface {
		credit.Store
		credit.Snapshotter
	}
}

func (p longSnapStore) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	return p.s.Load(ctx, line, after)
}

func (p longSnapStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	return p.s.Append(ctx, line, version, records)
}

func (p longSnapStore) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	return p.s.LoadSnapshot(ctx, line)
}

func (p longSnapStore) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	return p.s.SaveSnapshot(ctx, line, snap)
}

// longEngine returns an Engine with the Huabei presets on store.
// longStart is a fresh in-memory store, a clock on 4 January 2016 and an
// Engine on them snapshotting every every facts (0: the default).
func longStart(t testing.TB, every int64) (*credittest.MemStore, *credittest.Clock, *credit.Engine) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(longZone2016())
	return store, clock, longEngine(t, store, clock, every)
}

func longEngine(t testing.TB, store credit.Store, clock credit.Clock, every int64) *credit.Engine {
	t.Helper()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: every})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func longCNY(fen int64) money.Amount { return money.FromMinor(fen, money.CNY) }

func longCode(err error) string {
	var ce *credit.CommandError
	if errors.As(err, &ce) {
		return ce.Code
	}
	var ie *credit.IdempotencyError
	if errors.As(err, &ie) {
		return "idempotency"
	}
	var co *credit.CorruptError
	if errors.As(err, &co) {
		return "corrupt"
	}
	if err != nil {
		return "error: " + err.Error()
	}
	return ""
}

// longCmd is one command a line took: how to send it again, and what it
// returned the first time.
type longCmd struct {
	key   string
	op    string
	send  func(e *credit.Engine) (any, error)
	first any
	day   calendar.Date
	pid   string // the purchase a purchase command names
}

// longLine drives one line.
type longLine struct {
	t         testing.TB
	ctx       context.Context
	clock     *credittest.Clock
	e         *credit.Engine
	id        string
	cmds      []*longCmd
	byKey     map[string]*longCmd
	seen      map[string]*credit.Purchase // the last copy of each purchase seen in Line.Purchases
	seenAt    map[string]int64            // the line's version then
	seenOn    map[string]calendar.Date    // and the day
	stmts     []billing.Statement         // every statement seen, in order
	n         int
	purchases int
	// hook, if set, is called at 10:00 each day of run before anything
	// else; it returns true to take the place of the day's payment.
	hook func(day calendar.Date) bool
	shop credit.Merchant
}

func longOpen(t testing.TB, e *credit.Engine, clock *credittest.Clock, id string, limit int64) *longLine {
	t.Helper()
	l := &longLine{t: t, ctx: context.Background(), clock: clock, e: e, id: id,
		byKey: map[string]*longCmd{}, seen: map[string]*credit.Purchase{}, seenAt: map[string]int64{}, seenOn: map[string]calendar.Date{},
		shop: credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}}
	open := credit.OpenLine{Key: id + "-open", Line: id, Holder: "holder-" + id, Product: "huabei", Limit: longCNY(limit)}
	l.do("open", open.Key, func(e *credit.Engine) (any, error) { return e.OpenLine(l.ctx, open) })
	return l
}

func (l *longLine) key(op string) string {
	l.n++
	return fmt.Sprintf("%s-%s-%d", l.id, op, l.n)
}

func (l *longLine) today() calendar.Date { return calendar.DateOf(l.clock.Now(), longZone) }

// do sends a command for the first time and keeps it.
func (l *longLine) do(op, key string, send func(e *credit.Engine) (any, error)) (any, error) {
	l.t.Helper()
	r, err := send(l.e)
	if err != nil {
		return r, err
	}
	c := &longCmd{key: key, op: op, send: send, first: longCopy(r), day: l.today()}
	l.cmds = append(l.cmds, c)
	l.byKey[key] = c
	return r, nil
}

func (l *longLine) must(op, key string, send func(e *credit.Engine) (any, error)) any {
	l.t.Helper()
	r, err := l.do(op, key, send)
	if err != nil {
		l.t.Fatalf("%s %s: %v", op, key, err)
	}
	return r
}

// longCopy copies what a command returned, so that later changes by the
// test cannot touch it (the Engine hands out copies anyway).
func longCopy(r any) any {
	switch v := r.(type) {
	case *credit.Line:
		c := *v
		return &c
	}
	return r
}

func (l *longLine) authorize(pid string, fen int64, plan string) credit.Decision {
	l.t.Helper()
	cmd := credit.Authorize{Key: l.key("auth"), Line: l.id, Purchase: pid, Amount: longCNY(fen), Merchant: l.shop, Plan: plan}
	return l.must("authorize", cmd.Key, func(e *credit.Engine) (any, error) { return e.Authorize(l.ctx, cmd) }).(credit.Decision)
}

func (l *longLine) purchaseCmd(op, pid string, fen int64) (credit.Purchase, error) {
	l.t.Helper()
	cmd := credit.PurchaseCommand{Key: l.key(op), Line: l.id, Purchase: pid}
	if fen != 0 {
		cmd.Amount = longCNY(fen)
	}
	send := longPurchaseSender(l.ctx, op, cmd)
	r, err := l.do(op, cmd.Key, send)
	if err != nil {
		return credit.Purchase{}, err
	}
	l.byKey[cmd.Key].pid = pid
	return r.(credit.Purchase), nil
}

func longPurchaseSender(ctx context.Context, op string, cmd credit.PurchaseCommand) func(e *credit.Engine) (any, error) {
	return func(e *credit.Engine) (any, error) {
		switch op {
		case "capture":
			return e.Capture(ctx, cmd)
		case "confirm":
			return e.ConfirmDelivery(ctx, cmd)
		case "void":
			return e.Void(ctx, cmd)
		case "refund":
			return e.Refund(ctx, cmd)
		case "request":
			return e.RequestRefund(ctx, cmd)
		case "close":
			return e.CloseRefundRequest(ctx, cmd)
		}
		panic(op)
	}
}

func (l *longLine) mustPurchase(op, pid string, fen int64) credit.Purchase {
	l.t.Helper()
	p, err := l.purchaseCmd(op, pid, fen)
	if err != nil {
		l.t.Fatalf("%s %s: %v", op, pid, err)
	}
	return p
}

func (l *longLine) pay(fen int64) credit.Balances {
	l.t.Helper()
	cmd := credit.Payment{Key: l.key("pay"), Line: l.id, Amount: longCNY(fen)}
	return l.must("pay", cmd.Key, func(e *credit.Engine) (any, error) { return e.Pay(l.ctx, cmd) }).(credit.Balances)
}

func (l *longLine) line() *credit.Line {
	l.t.Helper()
	ln, err := l.e.Line(l.ctx, l.id)
	if err != nil {
		l.t.Fatal(err)
	}
	return ln
}

// openAndSeen returns the IDs of ln's open purchases, and every purchase
// ID the line has seen, sorted.
func (l *longLine) openAndSeen(ln *credit.Line) (map[string]bool, []string) {
	open := map[string]bool{}
	for _, p := range ln.Purchases {
		open[p.ID] = true
	}
	ids := slices.Sorted(maps.Keys(l.seen))
	return open, ids
}

// observe remembers the open purchases and the statements the line shows.
func (l *longLine) observe() *credit.Line {
	ln := l.line()
	for _, p := range ln.Purchases {
		c := *p
		l.seen[p.ID] = &c
		l.seenAt[p.ID] = ln.Version
		l.seenOn[p.ID] = ln.Today
	}
	for _, st := range ln.Statements {
		if n := len(l.stmts); n == 0 || st.Date.After(l.stmts[n-1].Date) {
			l.stmts = append(l.stmts, st)
		}
	}
	return ln
}

// setDay sets the clock to hour:00 on day d.
func (l *longLine) setDay(d calendar.Date, hour int) {
	l.clock.Set(d.At(hour, 0, longZone))
}

func longDate(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func longDiff(a, b any) string { return cmp.Diff(a, b, credittest.CmpOptions()) }

// longSum adds what the holder account was posted over every fact of the
// line, and checks each fact's postings sum to zero.
func longPostings(t testing.TB, e *credit.Engine, line string) (holder money.Amount, facts int) {
	return longPostingsIn(t, e, line, money.CNY)
}

// longPostingsIn is longPostings on a line in currency c.
func longPostingsIn(t testing.TB, e *credit.Engine, line string, c money.Currency) (holder money.Amount, facts int) {
	t.Helper()
	ctx := context.Background()
	holder = money.Zero(c)
	var after int64
	for {
		evs, err := e.Events(ctx, line, after, 500)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			return holder, facts
		}
		for _, ev := range evs {
			facts++
			sum := money.Zero(c)
			for _, p := range ev.Fact.Postings {
				var err error
				if sum, err = sum.Add(p.Amount); err != nil {
					t.Fatalf("v%d: %v", ev.Version, err)
				}
				if p.Account == "holder" {
					if holder, err = holder.Add(p.Amount); err != nil {
						t.Fatal(err)
					}
				}
			}
			if !sum.IsZero() {
				t.Errorf("fact v%d (%s): postings sum to %v", ev.Version, ev.Fact.Kind, sum)
			}
			after = ev.Version
		}
	}
}

// longHistory runs a Huabei line a day at a time for days days from start:
// two purchases a day (one in ten on a 3-month plan), captured at once and
// delivered two days later; now and then one voided the next day, one
// left to expire, one refunded in part once posted; the last statement's
// balance paid on the 5th. It observes the line at the end of every day.
func longHistory(t testing.TB, e *credit.Engine, clock *credittest.Clock, id string, start calendar.Date, days int) *longLine {
	t.Helper()
	if raceDetector && days > 120 { // an eighth of the years beyond the first 120 days
		days = 120 + (days-120)/8
	}
	return longHistoryOf(t, e, clock, id, start, days)
}

// longUnderRace skips a test of years of history under the race detector,
// which makes it minutes long: CI runs these without it, beside the
// simulation (.ci/run), and the tests of several Engines run under it.
func longUnderRace(t *testing.T) {
	if raceDetector {
		t.Skip("years of history: run without the race detector (CI runs it so)")
	}
}

// longHistoryOf is longHistory, of days days whatever the race detector.
func longHistoryOf(t testing.TB, e *credit.Engine, clock *credittest.Clock, id string, start calendar.Date, days int) *longLine {
	t.Helper()
	clock.Set(start.At(9, 0, longZone))
	l := longOpen(t, e, clock, id, 5000000)
	l.run(start, days)
	return l
}

// run runs the line for days days from start as longHistory does.
func (l *longLine) run(start calendar.Date, days int) {
	t, id := l.t, l.id
	t.Helper()
	type pend struct {
		pid string
		on  calendar.Date
	}
	var deliver, void []pend
	var refund []string
	i := 0
	for d := 0; d < days; d++ {
		day := start.AddDays(d)
		l.setDay(day, 10)
		if l.hook != nil && l.hook(day) {
			// the hook paid the statement
		} else if day.Day() == 5 {
			ln := l.line()
			if n := len(ln.Statements); n > 0 && ln.Statements[n-1].Balance.IsPositive() {
				l.pay(ln.Statements[n-1].Balance.Units())
			}
		}
		var keep []pend
		for _, p := range deliver {
			if p.on.After(day) {
				keep = append(keep, p)
				continue
			}
			l.mustPurchase("confirm", p.pid, 0)
		}
		deliver = keep
		for _, p := range void {
			l.mustPurchase("void", p.pid, 0)
		}
		void = nil
		for _, pid := range refund {
			l.mustPurchase("refund", pid, 1000)
		}
		refund = nil
		for k := 0; k < 2; k++ {
			i++
			l.purchases++
			pid := fmt.Sprintf("%s-p%05d", id, l.purchases)
			fen := int64(10000 + (i*7919)%90000)
			plan := ""
			if i%10 == 3 {
				plan = "3-month"
			}
			var dec credit.Decision
			if i%50 == 17 {
				// priced in US dollars at 6.5
				usd := credit.Authorize{Key: l.key("auth"), Line: l.id, Purchase: pid, Original: money.FromMinor(fen/6, money.USD), Rate: &longUSDCNY, Merchant: l.shop}
				dec = l.must("authorize", usd.Key, func(e *credit.Engine) (any, error) { return e.Authorize(l.ctx, usd) }).(credit.Decision)
				if dec.Approved {
					p, err := l.e.Purchase(l.ctx, id, pid)
					if err != nil {
						t.Fatal(err)
					}
					fen = p.Authorized.Units()
				}
			} else {
				dec = l.authorize(pid, fen, plan)
			}
			if !dec.Approved {
				continue
			}
			switch {
			case i%15 == 7:
				void = append(void, pend{pid, day})
			case i%20 == 11:
				// left to expire
			default:
				l.mustPurchase("capture", pid, fen)
				deliver = append(deliver, pend{pid, day.AddDays(2)})
				if i%25 == 13 {
					refund = append(refund, pid)
				}
			}
		}
		l.observe()
	}
}

var longUSDCNY = func() money.ExchangeRate {
	r, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("6.5"))
	if err != nil {
		panic(err)
	}
	return r
}()

func longZone2016() time.Time { return time.Date(2016, 1, 4, 9, 0, 0, 0, longZone) }

// longFork copies the line's journal through version through into a new
// store: the line as it stood then.
func longFork(t testing.TB, from credit.Store, line string, through int64) *credittest.MemStore {
	t.Helper()
	ctx := context.Background()
	recs, err := from.Load(ctx, line, 0)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(recs)) < through {
		t.Fatalf("journal has %d records, want %d", len(recs), through)
	}
	recs = recs[:through]
	s := credittest.NewMemStore()
	if err := s.Append(ctx, line, 0, recs); err != nil {
		t.Fatal(err)
	}
	return s
}

func (l *longLine) change(cmd credit.LineCommand) *credit.Line {
	l.t.Helper()
	cmd.Key, cmd.Line = l.key("change"), l.id
	return l.must("change", cmd.Key, func(e *credit.Engine) (any, error) { return e.ChangeLine(l.ctx, cmd) }).(*credit.Line)
}

// everyCommand has the line take every command there is, each under a key
// of its own, over its first two months: for replays years later.
func (l *longLine) everyCommand(start calendar.Date) {
	t, ctx := l.t, l.ctx
	t.Helper()
	l.setDay(start, 10)
	l.authorize("E1", 50000, "")
	l.mustPurchase("capture", "E1", 50000)
	if d := l.authorize("E2", 9000000, ""); d.Approved {
		t.Fatal("an authorization of CNY 90,000 on a line of 50,000 approved")
	}
	l.authorize("E3", 120000, "3-month")
	l.mustPurchase("capture", "E3", 120000)
	l.mustPurchase("confirm", "E3", 0)
	l.authorize("E4", 30000, "")
	l.mustPurchase("void", "E4", 0)
	l.authorize("E5", 40000, "")
	l.mustPurchase("capture", "E5", 20000)
	l.mustPurchase("capture", "E5", 10000)
	l.change(credit.LineCommand{TempLimit: &credit.TempLimit{ID: "tl-1", Amount: longCNY(100000), Expires: start.AddDays(30)}})
	l.change(credit.LineCommand{Limit: longCNY(4000000)})
	l.setDay(start.AddDays(2), 10)
	l.mustPurchase("confirm", "E1", 0)
	l.mustPurchase("confirm", "E5", 0)
	l.mustPurchase("request", "E1", 0)
	l.mustPurchase("close", "E1", 0)
	l.mustPurchase("refund", "E1", 10000)
	l.mustPurchase("refund", "E5", 5000)
	frozen, active := credit.Frozen, credit.Active
	l.change(credit.LineCommand{Status: &frozen})
	l.change(credit.LineCommand{Status: &active})
	first := start.AddMonths(1).FirstOfMonth()
	l.setDay(first.AddDays(1), 10)
	l.advance()
	l.change(credit.LineCommand{Convert: longCNY(20000), Plan: "3-month"})
	l.setDay(first.AddDays(4), 10)
	ln := l.observe()
	bal, _ := ln.Balances()
	l.pay(bal.Billed.Units())
	// a payment recorded late with its value date, and one that bounces
	vd := credit.Payment{Key: l.key("pay-vd"), Line: l.id, Amount: longCNY(1000), ValueDate: first.AddDays(2)}
	l.must("pay", vd.Key, func(e *credit.Engine) (any, error) { return e.Pay(ctx, vd) })
	l.setDay(first.AddDays(5), 10)
	bounce := credit.Payment{Key: l.key("pay"), Line: l.id, Amount: longCNY(2000)}
	l.must("pay", bounce.Key, func(e *credit.Engine) (any, error) { return e.Pay(ctx, bounce) })
	rev := credit.Reversal{Key: l.key("reverse"), Line: l.id, Payment: bounce.Key}
	l.must("reverse", rev.Key, func(e *credit.Engine) (any, error) { return e.ReversePayment(ctx, rev) })
	// pay off the plan
	qc := credit.Payoff{Key: l.key("payoff"), Line: l.id, Purchase: "E3"}
	q, err := l.e.QuotePayoff(ctx, qc)
	if err != nil {
		t.Fatal(err)
	}
	qc.Amount = q.Total
	l.must("payoff", qc.Key, func(e *credit.Engine) (any, error) { return e.PayOff(ctx, qc) })
	// a credit balance, paid out
	ln = l.observe()
	owed := longOwed(t, ln)
	l.pay(owed.Units() + 30000)
	po := credit.Payment{Key: l.key("payout"), Line: l.id, Amount: longCNY(10000)}
	l.must("payout", po.Key, func(e *credit.Engine) (any, error) { return e.Payout(ctx, po) })
	l.mustPurchase("refund", "E5", 1000)
	l.change(credit.LineCommand{DueDays: &credit.DueDayOption{StatementDay: 1, DueDay: 9}})
	l.observe()
}

// wrong is another command under c's key: another operation, or the same
// with another amount.
func (l *longLine) wrong(c *longCmd, other bool) func(e *credit.Engine) (any, error) {
	ctx := l.ctx
	if other {
		if c.op == "pay" {
			cmd := credit.PurchaseCommand{Key: c.key, Line: l.id, Purchase: "E1", Amount: longCNY(100)}
			return func(e *credit.Engine) (any, error) { return e.Refund(ctx, cmd) }
		}
		cmd := credit.Payment{Key: c.key, Line: l.id, Amount: longCNY(100)}
		return func(e *credit.Engine) (any, error) { return e.Pay(ctx, cmd) }
	}
	switch c.op {
	case "pay", "payout":
		cmd := credit.Payment{Key: c.key, Line: l.id, Amount: longCNY(7)}
		if c.op == "pay" {
			return func(e *credit.Engine) (any, error) { return e.Pay(ctx, cmd) }
		}
		return func(e *credit.Engine) (any, error) { return e.Payout(ctx, cmd) }
	case "authorize":
		cmd := credit.Authorize{Key: c.key, Line: l.id, Purchase: "never-" + c.key, Amount: longCNY(10000), Merchant: l.shop}
		return func(e *credit.Engine) (any, error) { return e.Authorize(ctx, cmd) }
	case "open":
		cmd := credit.OpenLine{Key: c.key, Line: l.id, Holder: "someone else", Product: "huabei", Limit: longCNY(5000000)}
		return func(e *credit.Engine) (any, error) { return e.OpenLine(ctx, cmd) }
	case "change":
		cmd := credit.LineCommand{Key: c.key, Line: l.id, Limit: longCNY(3333300)}
		return func(e *credit.Engine) (any, error) { return e.ChangeLine(ctx, cmd) }
	case "reverse":
		cmd := credit.Reversal{Key: c.key, Line: l.id, Payment: "no-such-payment"}
		return func(e *credit.Engine) (any, error) { return e.ReversePayment(ctx, cmd) }
	case "payoff":
		cmd := credit.Payoff{Key: c.key, Line: l.id}
		return func(e *credit.Engine) (any, error) { return e.PayOff(ctx, cmd) }
	default:
		cmd := credit.PurchaseCommand{Key: c.key, Line: l.id, Purchase: "E1", Amount: longCNY(3)}
		if c.op == "confirm" || c.op == "void" || c.op == "request" || c.op == "close" {
			cmd.Amount = money.Amount{}
			cmd.Purchase = "E5"
		}
		if c.pid == cmd.Purchase {
			cmd.Purchase = "E3"
		}
		return longPurchaseSender(ctx, c.op, cmd)
	}
}

// advance brings the line to the clock's day and observes it.
func (l *longLine) advance() *credit.Line {
	l.t.Helper()
	if _, err := l.e.Advance(l.ctx, l.id, l.today()); err != nil {
		l.t.Fatal(err)
	}
	return l.observe()
}

// longPurchaseDiff compares a purchase as last seen in the line with what
// the Engine reads: one seen authorized may have expired in the very
// Advance that archived it.
func longPurchaseDiff(seen, got *credit.Purchase) string {
	if seen != nil && got != nil && seen.State == credit.Authorized && got.State == credit.Expired {
		c := *seen
		c.State = credit.Expired
		seen = &c
	}
	return longDiff(seen, got)
}

func longRate(t testing.TB, r string) money.ExchangeRate {
	t.Helper()
	x, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString(r))
	if err != nil {
		t.Fatal(err)
	}
	return x
}
