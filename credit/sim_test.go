package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// The deterministic simulation: many lines, on every preset, driven by
// seeded random commands over two simulated years, with every invariant
// checked after every command. Each line has its own random source,
// derived from the seed and the line's number, and its own dates, so a
// line's run depends on nothing else and a failure replays exactly with
// -sim.seed and -sim.line, whatever ran beside it.

var (
	simSeed     = flag.Uint64("sim.seed", 0, "simulation seed; 0 picks one (and prints it)")
	simLines    = flag.Int("sim.lines", 1000, "lines the simulation drives")
	simCommands = flag.Int("sim.commands", 50_000, "commands the simulation runs in all (CI runs 1,000,000)")
	simOnly     = flag.Int("sim.line", -1, "run only this line of the seed, to replay a failure")
)

// simDays is how long each line is driven: two years.
const simDays = 731

// simClockTime is what the simulation's clock reads: after every line's
// last day (lines open in 2015 and run two years), so that the commands
// the simulation dates are never ahead of it, and those it dates past it
// are its forward-dated cases.
var simClockTime = time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)

func TestSimulation(t *testing.T) {
	seed := *simSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	lines, commands := *simLines, *simCommands
	if testing.Short() {
		lines, commands = 100, 10_000
	}
	t.Logf("simulation: seed %d, %d lines, %d commands (replay with -sim.seed=%d)", seed, lines, commands, seed)
	s := newSim(t)
	parallel(t, lines, func(i int) error {
		if *simOnly >= 0 && i != *simOnly {
			return nil
		}
		if err := s.runLine(seed, i, commands/lines); err != nil {
			return fmt.Errorf("%v\nreplay: go test ./credit -run TestSimulation -sim.seed=%d -sim.line=%d", err, seed, i)
		}
		return nil
	})
	st := s.stats.snapshot()
	t.Logf("simulation: %s", st)
	if want := int64(commands / lines * lines); !t.Failed() && *simOnly < 0 && st.commands != want {
		t.Errorf("ran %d commands, want %d", st.commands, want)
	}
}

// sim is what the simulation shares between lines: the engine under test,
// a second engine that knows the lines only from the store (the replay
// check), and counters.
type sim struct {
	ctx     context.Context
	store   *credittest.MemStore
	e       *credit.Engine
	replica *credit.Engine
	stats   simStats
}

func newSim(t testing.TB) *sim {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(simClockTime)
	mk := func() *credit.Engine {
		e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	return &sim{ctx: context.Background(), store: store, e: mk(), replica: mk()}
}

// simStats counts what the simulation did.
type simStats struct {
	commands, accepted, rejected, declined, replays, statements atomic.Int64
}

type simCounts struct{ commands, accepted, rejected, declined, replays, statements int64 }

func (s *simStats) snapshot() simCounts {
	return simCounts{s.commands.Load(), s.accepted.Load(), s.rejected.Load(), s.declined.Load(), s.replays.Load(), s.statements.Load()}
}

func (c simCounts) String() string {
	return fmt.Sprintf("%d commands (%d accepted, %d declined authorizations, %d rejected), %d idempotent replays, %d statements",
		c.commands, c.accepted, c.declined, c.rejected, c.replays, c.statements)
}

// chooser is a source of choices: a seeded random source in the
// simulation, the fuzzer's bytes in FuzzEngine.
type chooser interface {
	IntN(n int) int
}

// simLine is one simulated line: its product, the day it has reached,
// its reference model and what the checks carry from one command to the
// next.
type simLine struct {
	id      string
	product credit.Product
	zone    *time.Location
	day     calendar.Date
	end     calendar.Date
	model   *refModel
	ids     []string // purchase IDs, in order
	keys    int
	holder  int64 // the running total of the holder's postings
	log     []string
	used    []string // keys of accepted commands
	stride  int      // the most days one advance moves
	steps   int      // commands issued
	// enc and replicaEnc encode the line as the engine and the replica
	// see it.
	enc, replicaEnc *lineEncoder
	intern          map[string]*string
}

// simCommand is a command as the simulation issued it, so that it can be
// sent again.
type simCommand struct {
	desc string
	key  string
	run  func() (any, error)
}

func (s *sim) runLine(seed uint64, i, commands int) error {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	l, err := s.openLine(r, fmt.Sprintf("L%d", i), i)
	if err != nil {
		return fmt.Errorf("line %d: open: %v", i, err)
	}
	for n := 0; n < commands; n++ {
		// About one command in six advances the line, by up to twice the
		// days left over the advances left, so that the commands span the
		// two years.
		l.stride = max(1, 2*6*l.day.DaysUntil(l.end)/max(commands-n, 1))
		if err := s.step(l, r); err != nil {
			return l.failure(i, n, err)
		}
	}
	return s.finish(l, i)
}

// failure describes a failed command with the commands before it.
func (l *simLine) failure(i, n int, err error) error {
	tail := l.log[max(0, len(l.log)-8):]
	return fmt.Errorf("line %d (%s), command %d on %v: %v\nlast commands:\n  %s", i, l.product.Name, n, l.day, err, strings.Join(tail, "\n  "))
}

// finish checks a line at the end of its run: the replica and a whole
// replay of its journal (by an engine that sees no snapshots) are the live
// line, byte for byte.
func (s *sim) finish(l *simLine, i int) error {
	live, err := s.e.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	if err := s.checkReplay(l, live, true); err != nil {
		return fmt.Errorf("line %d (%s), at the end: %v", i, l.product.Name, err)
	}
	fresh, err := credit.NewEngine(credit.Config{Store: struct{ credit.Store }{s.store}, Clock: credittest.NewClock(time.Time{}), Products: credit.Presets()})
	if err != nil {
		return err
	}
	replayed, err := fresh.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	a, err := json.Marshal(live)
	if err != nil {
		return err
	}
	b, err := json.Marshal(replayed)
	if err != nil {
		return err
	}
	if !bytes.Equal(a, b) {
		return fmt.Errorf("line %d (%s): replaying the whole journal differs from the live line:\n%s", i, l.product.Name, cmp.Diff(live, replayed, credittest.CmpOptions()))
	}
	return nil
}

// openLine opens line id on preset i mod 5 with a random limit.
func (s *sim) openLine(r chooser, id string, i int) (*simLine, error) {
	presets := credit.Presets()
	p := presets[i%len(presets)]
	zone, err := time.LoadLocation(p.Zone)
	if err != nil {
		return nil, err
	}
	lo, hi := max(p.MinLimit.Units(), p.MaxLimit.Units()/20), p.MaxLimit.Units()
	limit := lo + int64(r.IntN(int(hi-lo)+1))
	start := calendar.DateOf(time.Date(2015, time.January, 1, 0, 0, 0, 0, time.UTC), nil).AddDays(r.IntN(365))
	l := &simLine{id: id, product: p, zone: zone, day: start, end: start.AddDays(simDays), model: newRefModel(&p, limit),
		intern: map[string]*string{}}
	l.enc, l.replicaEnc = newLineEncoder(l.intern), newLineEncoder(l.intern)
	if _, err := s.e.OpenLine(s.ctx, credit.OpenLine{Key: id + "-open", Line: id, Holder: "h-" + id, Product: p.Name,
		Limit: money.FromMinor(limit, p.Currency), At: l.at()}); err != nil {
		return nil, err
	}
	return l, nil
}

// at is an instant on the line's current day, in its product's zone.
func (l *simLine) at() time.Time {
	return l.day.At(10, 0, l.zone)
}

func (l *simLine) key() string {
	l.keys++
	return fmt.Sprint(l.id, "-k", l.keys)
}

func (l *simLine) amount(u int64) money.Amount { return money.FromMinor(u, l.product.Currency) }

// step issues one random command and checks every invariant.
func (s *sim) step(l *simLine, r chooser) error {
	before, err := s.e.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	cmd, predict := s.choose(l, r, before)
	l.steps++
	res, err := cmd.run()
	s.stats.commands.Add(1)
	l.log = append(l.log, cmd.desc)
	if len(l.log) > 64 {
		l.log = l.log[len(l.log)-32:]
	}
	after, lerr := s.e.Line(s.ctx, l.id)
	if lerr != nil {
		return lerr
	}
	if err != nil {
		var ce *credit.CommandError
		var ie *credit.IdempotencyError
		if !errors.As(err, &ce) && !errors.As(err, &ie) && !errors.Is(err, credit.ErrNotFound) {
			return fmt.Errorf("%s: unexpected error %v", cmd.desc, err)
		}
		s.stats.rejected.Add(1)
		if predict.accept {
			return fmt.Errorf("%s: the model accepts it, the engine says %v", cmd.desc, err)
		}
		return sameLine(l.enc, before, after)
	}
	if predict.reject {
		return fmt.Errorf("%s: the model rejects it, the engine accepted it (%+v)", cmd.desc, res)
	}
	s.stats.accepted.Add(1)
	if cmd.key != "" {
		l.used = append(l.used, cmd.key)
	}
	if err := s.checkFacts(l, before.Version); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if predict.then != nil {
		if err := predict.then(after, res); err != nil {
			return fmt.Errorf("%s: %v", cmd.desc, err)
		}
	}
	l.model.reach(after.Today)
	if err := l.model.check(after); err != nil {
		return fmt.Errorf("%s: reference model: %v", cmd.desc, err)
	}
	if err := s.checkReplay(l, after, l.steps%64 == 0); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if len(after.Statements) != len(before.Statements) {
		s.stats.statements.Add(int64(len(after.Statements) - len(before.Statements)))
		for _, st := range after.Statements[len(before.Statements):] {
			if err := st.Reconcile(); err != nil {
				return fmt.Errorf("%s: statement of %v: %v", cmd.desc, st.Date, err)
			}
		}
		if err := l.model.billedTwice(after.Statements); err != nil {
			return fmt.Errorf("%s: %v", cmd.desc, err)
		}
	}
	if cmd.replayable() && r.IntN(8) == 0 {
		if err := s.checkIdempotent(l, cmd, res, after); err != nil {
			return err
		}
	}
	return nil
}

// prediction is what the model says of a command before it runs: that the
// engine must accept it, must reject it, or may do either; then checks an
// accepted one and brings the model up to date.
type prediction struct {
	accept, reject bool
	then           func(after *credit.Line, res any) error
}

func (c *simCommand) replayable() bool { return c.key != "" }

// sameLine checks that a rejected command changed nothing: the line's
// encoded state is byte for byte what it was.
func sameLine(enc *lineEncoder, before, after *credit.Line) error {
	b, err := enc.encode(before)
	if err != nil {
		return err
	}
	a, err := enc.encode(after)
	if err != nil {
		return err
	}
	if !a.equal(b) {
		return fmt.Errorf("a rejected command changed the line:\n%s", cmp.Diff(before, after, credittest.CmpOptions()))
	}
	return nil
}

// lineEncoder writes a line's JSON in parts: the line without its
// purchases and statements, then each purchase and each statement. It
// remembers what it wrote for each purchase (by pointer: a purchase is
// copied, never changed, when a version of the line changes it) and each
// statement (by position: statements are only ever appended), and it
// interns the parts, so that two encodings are equal exactly when their
// parts are the same pointers. The simulation also compares whole
// json.Marshal encodings now and then, which would catch a part that did
// change behind the cache.
type lineEncoder struct {
	intern     map[string]*string // shared by the encoders of one line
	purchases  map[*credit.Purchase]*string
	statements []*string
}

// encodedLine is a line encoded in parts.
type encodedLine struct {
	rest  []byte
	parts []*string // purchases, then statements
}

func (a encodedLine) equal(b encodedLine) bool {
	return bytes.Equal(a.rest, b.rest) && slices.Equal(a.parts, b.parts)
}

func newLineEncoder(intern map[string]*string) *lineEncoder {
	return &lineEncoder{intern: intern, purchases: map[*credit.Purchase]*string{}}
}

func (c *lineEncoder) part(v any) (*string, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if p, ok := c.intern[string(j)]; ok {
		return p, nil
	}
	p := new(string)
	*p = string(j)
	c.intern[*p] = p
	return p, nil
}

func (c *lineEncoder) encode(l *credit.Line) (encodedLine, error) {
	rest := *l
	rest.Purchases, rest.Statements = nil, nil
	b, err := json.Marshal(&rest)
	if err != nil {
		return encodedLine{}, err
	}
	out := encodedLine{rest: b, parts: make([]*string, 0, len(l.Purchases)+len(l.Statements))}
	for _, pu := range l.Purchases {
		p, ok := c.purchases[pu]
		if !ok {
			if p, err = c.part(pu); err != nil {
				return encodedLine{}, err
			}
			c.purchases[pu] = p
		}
		out.parts = append(out.parts, p)
	}
	for i := range l.Statements {
		if i == len(c.statements) {
			p, err := c.part(&l.Statements[i])
			if err != nil {
				return encodedLine{}, err
			}
			c.statements = append(c.statements, p)
		}
		out.parts = append(out.parts, c.statements[i])
	}
	return out, nil
}

// checkFacts checks the facts a command appended: each one's postings sum
// to zero, and the holder's postings add up to what the line owes. It
// gives the model the charges (postings to income accounts).
func (s *sim) checkFacts(l *simLine, from int64) error {
	recs, err := s.store.Load(s.ctx, l.id, from)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		var f credit.Fact
		if err := json.Unmarshal(rec.Data, &f); err != nil {
			return err
		}
		var sum int64
		for _, p := range f.Postings {
			u := p.Amount.Units()
			sum += u
			switch p.Account {
			case "holder":
				l.holder += u
			case "income:interest", "income:penalty", "income:fee":
				l.model.charges -= u
			}
		}
		if sum != 0 {
			return fmt.Errorf("fact %d (%s): postings sum to %d", rec.Version, f.Kind, sum)
		}
	}
	line, err := s.e.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	o, err := line.Account.Owed()
	if err != nil {
		return err
	}
	if owed := o.Units(); l.holder != owed {
		return fmt.Errorf("the holder's postings total %d, the line owes %d", l.holder, owed)
	}
	return nil
}

// checkReplay checks that the line rebuilt from the store alone (by an
// engine that never ran a command on it) is the live line, byte for byte:
// through the line encoders after every command, and by json.Marshal
// every so often and at the end.
func (s *sim) checkReplay(l *simLine, live *credit.Line, full bool) error {
	rebuilt, err := s.replica.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	a, err := l.enc.encode(live)
	if err != nil {
		return err
	}
	b, err := l.replicaEnc.encode(rebuilt)
	if err != nil {
		return err
	}
	same := a.equal(b)
	if full && same {
		var aj, bj []byte
		if aj, err = json.Marshal(live); err != nil {
			return err
		}
		if bj, err = json.Marshal(rebuilt); err != nil {
			return err
		}
		same = bytes.Equal(aj, bj)
	}
	if !same {
		return fmt.Errorf("replaying the journal differs from the live line:\n%s", cmp.Diff(live, rebuilt, credittest.CmpOptions()))
	}
	return nil
}

// checkIdempotent sends an accepted command again with its key: the same
// result, and nothing changes.
func (s *sim) checkIdempotent(l *simLine, cmd *simCommand, first any, after *credit.Line) error {
	s.stats.replays.Add(1)
	again, err := cmd.run()
	if err != nil {
		return fmt.Errorf("%s, sent again: %v", cmd.desc, err)
	}
	if !sameResult(l, first, again) {
		return fmt.Errorf("%s, sent again: a different result:\n%s", cmd.desc, cmp.Diff(first, again, credittest.CmpOptions()))
	}
	now, err := s.e.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	if now.Version != after.Version {
		return fmt.Errorf("%s, sent again: the line moved from version %d to %d", cmd.desc, after.Version, now.Version)
	}
	return nil
}

// sameResult reports whether two results of a command encode the same.
func sameResult(l *simLine, a, b any) bool {
	if la, ok := a.(*credit.Line); ok {
		lb, ok := b.(*credit.Line)
		if !ok {
			return false
		}
		ea, err1 := l.enc.encode(la)
		eb, err2 := l.enc.encode(lb)
		return err1 == nil && err2 == nil && ea.equal(eb)
	}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// The commands. Each returns the command and the model's prediction.

func (s *sim) choose(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	// Days pass: about a sixth of the commands advance the line by a few
	// days, so that two years take about as many commands as a line gets.
	switch w := r.IntN(100); {
	case w < 16:
		return s.advance(l, r)
	case w < 40:
		return s.authorize(l, r, before)
	case w < 52:
		return s.capture(l, r)
	case w < 61:
		if l.model.postsAtPay && r.IntN(8) > 0 {
			return s.pay(l, r, before) // nothing waits for delivery
		}
		return s.deliver(l, r)
	case w < 65:
		return s.void(l, r)
	case w < 72:
		return s.refund(l, r)
	case w < 86:
		return s.pay(l, r, before)
	case w < 88:
		return s.payout(l, r, before)
	case w < 90:
		return s.tempLimit(l, r)
	case w < 91:
		return s.changeLimit(l, r)
	case w < 93:
		return s.dueDays(l, r)
	case w < 95:
		return s.convert(l, r, before)
	case w < 98:
		return s.status(l, r, before)
	default:
		return s.misuseKey(l, r)
	}
}

func (s *sim) advance(l *simLine, r chooser) (*simCommand, prediction) {
	if l.day.Before(l.end) {
		l.day = l.day.AddDays(1 + r.IntN(l.stride))
		if l.day.After(l.end) {
			l.day = l.end // a line ends by 2018-01-01, before the clock
		}
	}
	to := l.day
	cmd := &simCommand{desc: fmt.Sprint("advance to ", to), run: func() (any, error) { return s.e.Advance(s.ctx, l.id, to) }}
	return cmd, prediction{accept: true}
}

// merchants are those a simulated purchase may come from: for each product
// one that should be approved, and some that its rules refuse.
func (l *simLine) merchant(r chooser) credit.Merchant {
	switch l.product.Name {
	case "xinyongbao-2013":
		cats := []string{"game", "reading", "video", "apparel"}
		return credit.Merchant{ID: "weibo-app", Enrolled: true, Category: cats[r.IntN(len(cats))]}
	case "jd-baitiao-2014":
		return credit.Merchant{ID: "jd-self", Enrolled: r.IntN(20) > 0, Category: "electronics", FundsInstallmentFees: r.IntN(4) == 0}
	case "pay-in-4":
		return credit.Merchant{ID: "us-store", Enrolled: true, Category: "apparel", FeeRate: "0.03"}
	default:
		return credit.Merchant{ID: "tmall-shop-1", Enrolled: r.IntN(20) > 0, Category: "apparel", FundsInstallmentFees: r.IntN(6) == 0}
	}
}

// price returns a purchase amount scaled to the line's limit, now and
// then zero, negative or far too large.
func (l *simLine) price(r chooser) int64 {
	switch r.IntN(40) {
	case 0:
		return 0
	case 1:
		return -100
	case 2:
		return l.model.limit * 3
	}
	hi := max(l.model.limit/4, 100)
	return 1 + int64(r.IntN(int(hi)))
}

func (s *sim) authorize(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	id := fmt.Sprint(l.id, "-p", len(l.ids))
	if len(l.ids) > 0 && r.IntN(30) == 0 {
		id = l.ids[r.IntN(len(l.ids))] // a purchase ID already used
	}
	amount := l.price(r)
	plan := ""
	if n := len(l.product.Installments); n > 0 && (l.product.Name == "pay-in-4" || r.IntN(3) == 0) {
		plan = l.product.Installments[r.IntN(n)].Name
	}
	cmd := credit.Authorize{Key: l.key(), Line: l.id, Purchase: id, Amount: l.amount(amount), Merchant: l.merchant(r), Plan: plan, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("authorize key %s %s %v plan %q at %v", cmd.Key, id, cmd.Amount, plan, cmd.Merchant), key: cmd.Key,
		run: func() (any, error) { return s.e.Authorize(s.ctx, cmd) }}
	pred := prediction{reject: amount <= 0 || l.model.purchases[id] != nil}
	pred.accept = !pred.reject
	pred.then = func(after *credit.Line, res any) error {
		d := res.(credit.Decision)
		if !d.Approved {
			s.stats.declined.Add(1)
			if amount > d.AvailableBefore.Units() && !hasReason(d, credit.CodeInsufficientCredit) {
				return fmt.Errorf("declined without the insufficient-credit reason for %d on %v available: %+v", amount, d.AvailableBefore, d.Reasons)
			}
			return nil
		}
		if amount > d.AvailableBefore.Units() || d.AvailableAfter.Units() != d.AvailableBefore.Units()-amount {
			return fmt.Errorf("approved %d on %v available, %v after", amount, d.AvailableBefore, d.AvailableAfter)
		}
		b, err := after.Balances()
		if err != nil {
			return err
		}
		if got := b.Available; got != d.AvailableAfter {
			return fmt.Errorf("approved with %v available after, the line shows %v", d.AvailableAfter, got)
		}
		l.ids = append(l.ids, id)
		pu := after.Purchases[len(after.Purchases)-1]
		l.model.authorize(id, amount, pu.AuthorizedOn, plan)
		return nil
	}
	return sc, pred
}

func hasReason(d credit.Decision, code string) bool {
	for _, r := range d.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// pick returns a purchase ID of the line: mostly one that can take the
// command (ok says which), sometimes any, now and then one it does not
// have.
func (l *simLine) pick(r chooser, ok func(*modelPurchase) bool) string {
	if len(l.ids) == 0 || r.IntN(40) == 0 {
		return l.id + "-nosuch"
	}
	if r.IntN(8) > 0 {
		var fit []string
		for _, id := range l.ids[max(0, len(l.ids)-64):] { // the recent ones are the open ones
			if ok(l.model.purchases[id]) {
				fit = append(fit, id)
			}
		}
		if len(fit) > 0 {
			return fit[r.IntN(len(fit))]
		}
	}
	return l.ids[r.IntN(len(l.ids))]
}

func (s *sim) purchaseCommand(l *simLine, op string, id string, amount int64, run func(credit.PurchaseCommand) (credit.Purchase, error)) *simCommand {
	cmd := credit.PurchaseCommand{Key: l.key(), Line: l.id, Purchase: id, Amount: l.amount(amount), At: l.at()}
	if amount == 0 {
		cmd.Amount = money.Amount{}
	}
	return &simCommand{desc: fmt.Sprintf("%s key %s %s %v", op, cmd.Key, id, cmd.Amount), key: cmd.Key, run: func() (any, error) { return run(cmd) }}
}

func (s *sim) capture(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.hold > 0 && l.day.Before(pu.expires) })
	hold := l.model.holdOn(id, l.day)
	amount := hold
	switch r.IntN(6) {
	case 0:
		amount = hold / 2
	case 1:
		amount = hold + 1 + int64(r.IntN(100))
	case 2:
		amount = 0
	}
	cmd := s.purchaseCommand(l, "capture", id, amount, func(c credit.PurchaseCommand) (credit.Purchase, error) { return s.e.Capture(s.ctx, c) })
	ok := l.model.canCapture(id, amount, l.day)
	return cmd, prediction{accept: ok, reject: !ok, then: func(after *credit.Line, res any) error {
		l.model.capture(id, amount)
		if l.model.postsAtPay {
			l.model.deliver(id, downPayment(after, id))
			return downPaid(after, id)
		}
		return nil
	}}
}

// downPaid checks that a purchase posted on a plan with a down payment
// owes nothing on its period 0: the down payment paid it at checkout.
func downPaid(l *credit.Line, id string) error {
	for _, d := range l.Account.Debts {
		if d.Ref == id && d.Kind == billing.InstallmentDebt && d.Period == 0 {
			return fmt.Errorf("purchase %s: its down payment left %v of period 0 unpaid", id, d.Amount)
		}
	}
	return nil
}

// downPayment is what purchase id's plan took at once when it posted.
func downPayment(l *credit.Line, id string) int64 {
	for _, pu := range l.Purchases {
		if pu.ID == id && pu.Schedule != nil && len(pu.Schedule.Installments) > 0 && pu.Schedule.Installments[0].Period == 0 {
			return pu.Schedule.Installments[0].Total.Units()
		}
	}
	return 0
}

func (s *sim) deliver(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.pending > 0 })
	cmd := s.purchaseCommand(l, "deliver", id, 0, func(c credit.PurchaseCommand) (credit.Purchase, error) { return s.e.ConfirmDelivery(s.ctx, c) })
	ok := l.model.canDeliver(id)
	return cmd, prediction{accept: ok, reject: !ok, then: func(after *credit.Line, res any) error {
		l.model.deliver(id, downPayment(after, id))
		return downPaid(after, id)
	}}
}

func (s *sim) void(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.hold > 0 && l.day.Before(pu.expires) })
	cmd := s.purchaseCommand(l, "void", id, 0, func(c credit.PurchaseCommand) (credit.Purchase, error) { return s.e.Void(s.ctx, c) })
	ok := l.model.canVoid(id, l.day)
	return cmd, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.void(id)
		return nil
	}}
}

func (s *sim) refund(l *simLine, r chooser) (*simCommand, prediction) {
	id := l.pick(r, func(pu *modelPurchase) bool { return pu.captured > pu.refunded })
	var refundable int64
	if pu := l.model.purchases[id]; pu != nil {
		refundable = pu.captured - pu.refunded
	}
	amount := refundable
	switch r.IntN(5) {
	case 0:
		amount = 1 + refundable/3
	case 1:
		amount = refundable + 1
	}
	cmd := s.purchaseCommand(l, "refund", id, amount, func(c credit.PurchaseCommand) (credit.Purchase, error) { return s.e.Refund(s.ctx, c) })
	ok := l.model.canRefund(id, amount)
	return cmd, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.refund(id, amount)
		return nil
	}}
}

func (s *sim) pay(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	o, err := before.Account.Owed()
	if err != nil {
		panic(err) // the engine hands out no line whose sums overflow
	}
	owed := o.Units()
	var amount int64
	switch r.IntN(6) {
	case 0:
		amount = owed
	case 1:
		amount = owed + 1 + int64(r.IntN(5000)) // an overpayment
	case 2:
		if n := len(before.Statements); n > 0 {
			amount = before.Statements[n-1].Minimum.Units()
		}
	case 3:
		amount = -int64(r.IntN(100)) // not a payment
	default:
		amount = 1 + int64(r.IntN(int(max(owed, 100))))
	}
	if amount == 0 && r.IntN(4) > 0 {
		amount = 1 + int64(r.IntN(1000))
	}
	cmd := credit.Payment{Key: l.key(), Line: l.id, Amount: l.amount(amount), At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("pay key %s %v (owed %d)", cmd.Key, cmd.Amount, owed), key: cmd.Key, run: func() (any, error) { return s.e.Pay(s.ctx, cmd) }}
	ok := amount > 0 && l.model.status != credit.Closed
	return sc, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.paid += amount
		return nil
	}}
}

func (s *sim) payout(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	credit_ := before.Account.Credit.Units()
	amount := credit_
	if r.IntN(3) == 0 {
		amount = credit_ + 1
	}
	cmd := credit.Payment{Key: l.key(), Line: l.id, Amount: l.amount(amount), At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("payout key %s %v (credit %d)", cmd.Key, cmd.Amount, credit_), key: cmd.Key, run: func() (any, error) { return s.e.Payout(s.ctx, cmd) }}
	// The credit balance may change when the line advances to the
	// command's day, so the model predicts only the sure rejections.
	return sc, prediction{reject: amount <= 0 || l.model.status == credit.Closed, then: func(*credit.Line, any) error {
		l.model.paidOut += amount
		return nil
	}}
}

func (s *sim) tempLimit(l *simLine, r chooser) (*simCommand, prediction) {
	t := credit.TempLimit{ID: fmt.Sprint("t", l.keys), Amount: l.amount(1 + int64(r.IntN(int(max(l.model.limit/2, 1))))),
		Expires: l.day.AddDays(r.IntN(60))}
	cmd := credit.LineCommand{Key: l.key(), Line: l.id, TempLimit: &t, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("temporary limit key %s %v until %v", cmd.Key, t.Amount, t.Expires),
		key: cmd.Key, run: func() (any, error) { return s.e.ChangeLine(s.ctx, cmd) }}
	ok := t.Expires.After(l.day) && l.model.status != credit.Closed && l.model.tempRoom(l.day) >= t.Amount.Units()
	return sc, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.temps = append(l.model.temps, t)
		return nil
	}}
}

func (s *sim) changeLimit(l *simLine, r chooser) (*simCommand, prediction) {
	p := l.product
	lo, hi := p.MinLimit.Units(), p.MaxLimit.Units()
	limit := lo + int64(r.IntN(int(hi-lo)+1))
	if r.IntN(5) == 0 {
		limit = hi + 1
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.id, Limit: l.amount(limit), At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("limit key %s %v", cmd.Key, cmd.Limit), key: cmd.Key, run: func() (any, error) { return s.e.ChangeLine(s.ctx, cmd) }}
	ok := limit <= hi && l.model.status != credit.Closed
	return sc, prediction{accept: ok, reject: !ok, then: func(*credit.Line, any) error {
		l.model.limit = limit
		return nil
	}}
}

func (s *sim) dueDays(l *simLine, r chooser) (*simCommand, prediction) {
	opts := append([]credit.DueDayOption{{StatementDay: 3, DueDay: 13}}, l.product.DueDayOptions...) // the first is never offered
	o := opts[r.IntN(len(opts))]
	cmd := credit.LineCommand{Key: l.key(), Line: l.id, DueDays: &o, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("due days key %s %+v", cmd.Key, o), key: cmd.Key, run: func() (any, error) { return s.e.ChangeLine(s.ctx, cmd) }}
	offered := false
	for _, p := range l.product.DueDayOptions {
		offered = offered || p == o
	}
	return sc, prediction{reject: !offered || l.model.status == credit.Closed}
}

func (s *sim) convert(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	var amount int64
	if n := len(before.Statements); n > 0 {
		amount = before.Statements[n-1].Balance.Units()
		if r.IntN(3) == 0 {
			amount /= 2
		}
	}
	plan := "12-month"
	if n := len(l.product.BillInstallments); n > 0 {
		plan = l.product.BillInstallments[r.IntN(n)].Name
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.id, Convert: l.amount(amount), Plan: plan, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("convert key %s %v plan %q", cmd.Key, cmd.Convert, plan), key: cmd.Key, run: func() (any, error) { return s.e.ChangeLine(s.ctx, cmd) }}
	return sc, prediction{reject: len(l.product.BillInstallments) == 0 || l.model.status == credit.Closed}
}

func (s *sim) status(l *simLine, r chooser, before *credit.Line) (*simCommand, prediction) {
	st := []credit.LineStatus{credit.Active, credit.Active, credit.Frozen}[r.IntN(3)]
	if l.end.DaysUntil(l.day) > -60 || r.IntN(20) == 0 {
		st = credit.Closed // mostly in a line's last two months, so that most lines live two years
	}
	cmd := credit.LineCommand{Key: l.key(), Line: l.id, Status: &st, At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("status key %s %v", cmd.Key, st), key: cmd.Key, run: func() (any, error) { return s.e.ChangeLine(s.ctx, cmd) }}
	pred := prediction{reject: l.model.status == credit.Closed ||
		st == credit.Closed && (l.model.owed() != 0 || l.model.held() != 0)}
	pred.then = func(after *credit.Line, _ any) error {
		b, err := after.Balances()
		if err != nil {
			return err
		}
		if st == credit.Closed && (len(after.Account.Debts) > 0 || !after.Account.Credit.IsZero() || !b.Held.IsZero()) {
			return fmt.Errorf("closed with debts %v, credit %v, held %v", after.Account.Debts, after.Account.Credit, b.Held)
		}
		l.model.status = st
		return nil
	}
	return sc, pred
}

// misuseKey sends a command under a key already used for another one: an
// IdempotencyError, and nothing changes.
func (s *sim) misuseKey(l *simLine, r chooser) (*simCommand, prediction) {
	if len(l.used) == 0 {
		return s.advance(l, r)
	}
	key := l.used[r.IntN(len(l.used))]
	cmd := credit.Payment{Key: key, Line: l.id, Amount: l.amount(7_654_321), At: l.at()}
	sc := &simCommand{desc: fmt.Sprintf("pay under used key %s", key), run: func() (any, error) { return s.e.Pay(s.ctx, cmd) }}
	return sc, prediction{reject: true}
}

// holdOn is what purchase id still holds on day, after expiry.
func (m *refModel) holdOn(id string, day calendar.Date) int64 {
	pu := m.purchases[id]
	if pu == nil || !day.Before(pu.expires) {
		return 0
	}
	return pu.hold
}
