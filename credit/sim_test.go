package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
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
	"github.com/shopspring/decimal"
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
var simClockTime = time.Date(2031, 3, 1, 0, 0, 0, 0, time.UTC)

// simProducts are the presets and huabeiCN, Huabei with due dates rolled
// on mainland China's working days, whose lines run from 2025 through
// 2030: past the last holiday notice, on the projected calendar; and two
// products that charge off (simChargeOffProducts).
func simProducts() []credit.Product {
	return append(append(credit.Presets(), huabeiCN(), simHardshipProduct()), append(simChargeOffProducts(), simPromoProduct())...)
}

// simChargeOffProducts charge off: Huabei after 90 days past due, writing
// off remainders up to RMB 10 (statement by statement, a penalty a day),
// and pay in 4 after 120 (item by item, late fees).
func simChargeOffProducts() []credit.Product {
	h := credit.Huabei()
	h.Name, h.Description = "huabei-charge-off", "Huabei, charged off after 90 days past due"
	h.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 90}
	h.Billing.WriteOff = billing.WriteOffRule{UpTo: money.FromMinor(1000, money.CNY)}
	h.Delinquency.Buckets = credit.ClassBuckets()
	p4 := credit.PayIn4()
	p4.Name, p4.Description = "pay-in-4-charge-off", "Pay in 4, charged off after 120 days past due"
	p4.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 120}
	return []credit.Product{h, p4}
}

func huabeiCN() credit.Product {
	p := credit.Huabei()
	p.Name, p.Description, p.Calendar = "huabei-cn", "Huabei, due dates rolled to the next CN working day", "CN"
	p.Billing.Cycle.Due.Roll = calendar.Following
	for i := range p.Installments {
		p.Installments[i].Due.Roll = calendar.Following
	}
	for i := range p.BillInstallments {
		p.BillInstallments[i].Due.Roll = calendar.Following
	}
	return p
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func TestSimulation(t *testing.T) {
	seed := *simSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	lines, commands := *simLines, *simCommands
	if testing.Short() {
		lines, commands = 100, 10_000
	}
	if raceDetector && !flagSet("sim.commands") {
		// Under the race detector, a fifth of the default (CI runs a
		// million without it).
		commands /= 5
	}
	t.Logf("simulation: seed %d, %d lines, %d commands (replay with -sim.seed=%d)", seed, lines, commands, seed)
	s := newSim(t, commands/max(lines, 1))
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
	t.Logf("simulation: %s", simFundingLog())
	t.Logf("simulation: %s", hardshipCounts())
	t.Logf("simulation: %s", &s.promo)
	if !t.Failed() {
		if err := s.checkCampaigns(); err != nil {
			t.Error(err)
		}
	}
	if want := int64(commands / lines * lines); !t.Failed() && *simOnly < 0 && st.commands != want {
		t.Errorf("ran %d commands, want %d", st.commands, want)
	}
}

// sim is what the simulation shares between lines: the engine under test,
// a second engine that knows the lines only from the store (the replay
// check), a third that reads them through a lying store, and counters.
type sim struct {
	ctx     context.Context
	store   *credittest.MemStore
	e       *credit.Engine
	replica *credit.Engine
	liar    lying
	stats   simStats
	promo   simPromoTotals // coupons (sim_promo_test.go)
}

// newSim returns a simulation whose lines get about perLine commands each.
func newSim(t testing.TB, perLine int) *sim {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(simClockTime)
	mk := func(s credit.Store, cacheLines int) *credit.Engine {
		e, err := credit.NewEngine(credit.Config{Store: s, Clock: clock, Products: simProducts(), Rules: simRules(), CacheLines: cacheLines,
			SnapshotEvery: int64(max(16, perLine/8))})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	lies := credittest.NewLyingStore(store)
	return &sim{ctx: context.Background(), store: store, e: mk(store, 0), replica: mk(store, 0),
		liar: lying{store: lies, e: mk(lies, 1)}}
}

// simStats counts what the simulation did.
type simStats struct {
	commands, accepted, rejected, declined, replays, statements atomic.Int64
	anomalies, twins, ruleFailures, lies, liesReported          atomic.Int64
	told                                                        [16]atomic.Int64 // by lie
	// Payments recorded with an earlier value date, and the facts that
	// restated the line for one; reversals, restated or owed again as new
	// principal.
	valueDated, restated, reversed, reversedRestated atomic.Int64
	// Lines on the CN-rolling product checked at their end, and their
	// statements due on a projected day.
	cnLines, projectedDue atomic.Int64
	// Archived purchases read back to check them against the model, and
	// purchases a refund or refund request brought back from the archive.
	archived, restored atomic.Int64
	// Lines charged off, the facts that recovered charged-off debt and
	// the fen recovered, small remainders written off after a due date
	// and charged-off balances written off, and delinquency facts.
	chargeOffs, recoveries, recovered, toleranceWriteOffs, chargedOffWriteOffs, delinquencyFacts atomic.Int64
}

type simCounts struct {
	commands, accepted, rejected, declined, replays, statements int64
	anomalies, twins, ruleFailures, lies, liesReported          int64
	told                                                        map[credittest.Lie]int64
	valueDated, restated, reversed, reversedRestated            int64
	cnLines, projectedDue                                       int64
	archived, restored                                          int64
	chargeOffs, recoveries, recovered, toleranceWriteOffs       int64
	chargedOffWriteOffs, delinquencyFacts                       int64
}

func (s *simStats) snapshot() simCounts {
	c := simCounts{s.commands.Load(), s.accepted.Load(), s.rejected.Load(), s.declined.Load(), s.replays.Load(), s.statements.Load(),
		s.anomalies.Load(), s.twins.Load(), s.ruleFailures.Load(), s.lies.Load(), s.liesReported.Load(), map[credittest.Lie]int64{},
		s.valueDated.Load(), s.restated.Load(), s.reversed.Load(), s.reversedRestated.Load(), s.cnLines.Load(), s.projectedDue.Load(),
		s.archived.Load(), s.restored.Load(),
		s.chargeOffs.Load(), s.recoveries.Load(), s.recovered.Load(), s.toleranceWriteOffs.Load(), s.chargedOffWriteOffs.Load(), s.delinquencyFacts.Load()}
	for _, lie := range credittest.Lies() {
		c.told[lie] = s.told[lie].Load()
	}
	return c
}

func (c simCounts) String() string {
	return fmt.Sprintf("%d commands (%d accepted, %d declined authorizations, %d rejected), %d idempotent replays, %d statements; "+
		"%d commands with no key, an odd string or a future date, %d keys reused for another operation, %d host rules failing, "+
		"%d lies told by the store (%d commands met one the engine must report, and it did every time): %s; "+
		"%d payments with an earlier value date (%d restated the line), %d reversals (%d restated the line); "+
		"%d lines rolling due dates on CN working days, 2025-2030, with %d statements due on a projected day; "+
		"%d archived purchases read back and checked, %d brought back by a refund or refund request; "+
		"%d lines charged off, %d facts recovering %d minor units of charged-off debt, %d small remainders written off after a due date "+
		"and %d charged-off balances written off, %d changes of delinquency bucket",
		c.commands, c.accepted, c.declined, c.rejected, c.replays, c.statements, c.anomalies, c.twins, c.ruleFailures, c.lies, c.liesReported, c.lieCounts(),
		c.valueDated, c.restated, c.reversed, c.reversedRestated, c.cnLines, c.projectedDue, c.archived, c.restored,
		c.chargeOffs, c.recoveries, c.recovered, c.toleranceWriteOffs, c.chargedOffWriteOffs, c.delinquencyFacts)
}

func (c simCounts) lieCounts() string {
	var parts []string
	for _, lie := range credittest.Lies() {
		parts = append(parts, fmt.Sprintf("%s %d", lie, c.told[lie]))
	}
	return strings.Join(parts, ", ")
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
	id           string
	r            chooser // the line's source of choices
	product      credit.Product
	zone         *time.Location
	day          calendar.Date
	end          calendar.Date
	model        *refModel
	ids          []string                    // purchase IDs, in order
	archive      map[string]*credit.Purchase // archived purchases as read back, until seen in the line again
	merchantFees int64                       // the running total of the merchant fees the postings took
	// statements are every statement the line has shown, in order (the
	// line keeps the latest; Engine.Statements must give them all).
	statements []billing.Statement
	keys       int
	holder     int64 // the running total of the holder's postings
	log        []string
	used       []*simCommand // accepted commands that carry a key
	stride     int           // the most days one advance moves
	steps      int           // commands issued
	// delinquentUntil is the last day of a spell in which the holder pays
	// nothing (lines of products that charge off), so that lines go
	// delinquent long enough to be charged off, and recover after.
	delinquentUntil calendar.Date
	// bucket is the delinquency bucket the line's facts say it is in.
	bucket credit.Bucket
	// inject is the anomaly the next command is to carry, expect the code
	// it is refused with once it does; lie is the lie the store is armed
	// with for it.
	inject anomaly
	expect string
	lie    credittest.Lie
	// funds are the line's funders' books (sim_funding_test.go).
	funds *simFunds
	// promo is what a line of the promotions product keeps of them
	// (sim_promo_test.go).
	promo simPromo
}

// simCommand is a command as the simulation issued it, so that it can be
// sent again, to any engine.
type simCommand struct {
	desc string
	key  string
	run  func(e *credit.Engine) (any, error)
	// twin sends the same fields as another operation under the same key
	// (a capture's as a refund, a payment's as a payout), or is nil.
	twin func(e *credit.Engine) (any, error)
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

// checkMerchantFees checks that the merchant fees the postings took are
// those the purchases kept, open and archived (the model check has read
// every archived purchase into l.archive).
func (l *simLine) checkMerchantFees(live *credit.Line) error {
	var kept int64
	for _, pu := range live.Purchases {
		kept += pu.MerchantFees.Units() - pu.FeesReturned.Units()
	}
	for id, pu := range l.archive {
		if !slices.ContainsFunc(live.Purchases, func(q *credit.Purchase) bool { return q.ID == id }) {
			kept += pu.MerchantFees.Units() - pu.FeesReturned.Units()
		}
	}
	if kept != l.merchantFees {
		return fmt.Errorf("the merchant fees posted total %d, the purchases kept %d", l.merchantFees, kept)
	}
	return nil
}

// newStatements returns the statements after shows that before did not:
// a line archives its oldest, so they are those dated after before's last.
func newStatements(before, after *credit.Line) []billing.Statement {
	var last calendar.Date
	if n := len(before.Statements); n > 0 {
		last = before.Statements[n-1].Date
	}
	i := len(after.Statements)
	for i > 0 && after.Statements[i-1].Date.After(last) {
		i--
	}
	return after.Statements[i:]
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
	fresh, err := credit.NewEngine(credit.Config{Store: struct{ credit.Store }{s.store}, Clock: credittest.NewClock(time.Time{}), Products: simProducts()})
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
	// Every statement the line showed, archived or not, read back through
	// the store's range reads and through a store without them.
	for _, e := range []*credit.Engine{fresh, s.e} {
		all, err := e.Statements(s.ctx, l.id)
		if err != nil {
			return fmt.Errorf("line %d (%s): statements: %v", i, l.product.Name, err)
		}
		if !cmp.Equal(all, l.statements, credittest.CmpOptions()) {
			return fmt.Errorf("line %d (%s): the statements read back differ from those shown:\n%s", i, l.product.Name, cmp.Diff(l.statements, all, credittest.CmpOptions()))
		}
	}
	return s.checkCalendar(l)
}

// checkCalendar checks a line of a product that rolls due dates on CN
// working days: it reached the last day of its run, and every due date it
// was given is a working day (on the projected calendar past the last
// notice).
// archived returns a reader of line l's archived purchases, counting
// those it reads.
//
// An archived purchase cannot change until something brings it back into
// the line, so each is read once per archiving: the reader keeps what it
// read until the purchase is seen in the line again.
func (s *sim) archived(l *simLine, live *credit.Line) func(string) (*credit.Purchase, error) {
	if l.archive == nil {
		l.archive = map[string]*credit.Purchase{}
	}
	for _, pu := range live.Purchases {
		delete(l.archive, pu.ID)
	}
	return func(id string) (*credit.Purchase, error) {
		if pu := l.archive[id]; pu != nil {
			return pu, nil
		}
		s.stats.archived.Add(1)
		pu, err := s.e.Purchase(s.ctx, live.ID, id)
		if err == nil {
			l.archive[id] = pu
		}
		return pu, err
	}
}

func (s *sim) checkCalendar(l *simLine) error {
	if l.product.Calendar != "CN" {
		return nil
	}
	// The last advance may have been refused for a store's lie: the line
	// must still reach the end of its run.
	live, err := s.e.Advance(s.ctx, l.id, l.end)
	if err != nil || live.Today != l.end {
		return fmt.Errorf("line %s (%s) cannot reach %v: %v", l.id, l.product.Name, l.end, err)
	}
	cn, err := calendar.ChinaProjected()
	if err != nil {
		return err
	}
	all, err := s.e.Statements(s.ctx, l.id)
	if err != nil {
		return err
	}
	for _, st := range all {
		if working, err := cn.IsWorkingDay(st.Due); err != nil || !working {
			return fmt.Errorf("line %s: the statement of %v is due on %v, not a working day (%v)", l.id, st.Date, st.Due, err)
		}
		if cn.IsProjected(st.Due) {
			s.stats.projectedDue.Add(1)
		}
	}
	s.stats.cnLines.Add(1)
	return nil
}

// openLine opens line id on product i mod 6 of simProducts with a random
// limit.
func (s *sim) openLine(r chooser, id string, i int) (*simLine, error) {
	products := simProducts()
	p := products[i%len(products)]
	zone, err := time.LoadLocation(p.Zone)
	if err != nil {
		return nil, err
	}
	lo, hi := max(p.MinLimit.Units(), p.MaxLimit.Units()/20), p.MaxLimit.Units()
	limit := lo + int64(r.IntN(int(hi-lo)+1))
	start := calendar.DateOf(time.Date(2015, time.January, 1, 0, 0, 0, 0, time.UTC), nil).AddDays(r.IntN(365))
	end := start.AddDays(simDays)
	if p.Calendar == "CN" { // 2025 through 2030
		start = calendar.DateOf(time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC), nil).AddDays(r.IntN(14))
		end = calendar.DateOf(time.Date(2030, time.December, 31, 0, 0, 0, 0, time.UTC), nil)
	}
	l := &simLine{id: id, r: r, product: p, zone: zone, day: start, end: end, model: newRefModel(&p, limit), funds: newSimFunds(i)}
	if _, err := s.e.OpenLine(s.ctx, credit.OpenLine{Key: id + "-open", Line: id, Holder: "h-" + id, Product: p.Name,
		Limit: money.FromMinor(limit, p.Currency), At: l.at()}); err != nil {
		return nil, err
	}
	return l, nil
}

// at is an instant on the line's current day, in its product's zone, or
// one past the clock.
func (l *simLine) at() time.Time {
	if l.injected(futureDated) {
		return futureTime(l.r)
	}
	return l.day.At(10, 0, l.zone)
}

// key is a new idempotency key, or none, or an odd one.
func (l *simLine) key() string {
	l.keys++
	switch {
	case l.injected(keyless):
		return ""
	case l.injected(oddKey):
		return oddString(l.r, fmt.Sprint(l.id, "-k", l.keys))
	}
	return fmt.Sprint(l.id, "-k", l.keys)
}

func (l *simLine) amount(u int64) money.Amount { return money.FromMinor(u, l.product.Currency) }

// step issues one random command and checks every invariant.
func (s *sim) step(l *simLine, r chooser) error {
	before, err := s.e.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	l.chooseAnomaly(r)
	// The line may be behind the day the simulation has reached (an
	// advance refused for a store's lie): the next command brings it
	// there first, so the model is brought there before it predicts.
	l.model.reach(l.day)
	cmd, predict := s.choose(l, r, before)
	if l.expect != "" { // the command carries an anomaly: refused for it
		predict = prediction{reject: true, code: l.expect}
		s.stats.anomalies.Add(1)
	}
	l.steps++
	res, err := cmd.run(s.armLie(l, r))
	s.stats.commands.Add(1)
	l.log = append(l.log, cmd.desc)
	if len(l.log) > 64 {
		l.log = l.log[len(l.log)-32:]
	}
	after, lerr := s.e.Line(s.ctx, l.id)
	if lerr != nil {
		return lerr
	}
	if refused, err := s.checkLie(l, err, before, after); refused || err != nil {
		if err != nil {
			return fmt.Errorf("%s: %v", cmd.desc, err)
		}
		return sameLine(before, after)
	}
	if err != nil {
		if code := errorCode(err); code == "" {
			return fmt.Errorf("%s: unexpected error %v", cmd.desc, err)
		} else if predict.code != "" && code != predict.code {
			return fmt.Errorf("%s: refused with %s (%v), the model says %s", cmd.desc, code, err, predict.code)
		}
		s.stats.rejected.Add(1)
		if predict.accept {
			return fmt.Errorf("%s: the model accepts it, the engine says %v", cmd.desc, err)
		}
		if errors.Is(err, credit.ErrRuleFailed) {
			s.stats.ruleFailures.Add(1)
		}
		return sameLine(before, after)
	}
	if predict.reject {
		return fmt.Errorf("%s: the model rejects it, the engine accepted it (%+v)", cmd.desc, res)
	}
	s.stats.accepted.Add(1)
	for _, pu := range after.Purchases {
		if !slices.ContainsFunc(before.Purchases, func(b *credit.Purchase) bool { return b.ID == pu.ID }) && slices.Index(l.ids, pu.ID) < len(l.ids)-1 {
			s.stats.restored.Add(1)
		}
	}
	if cmd.key != "" {
		l.used = append(l.used, cmd)
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
	if err := s.checkChargeOff(l, before, after); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if err := l.model.check(after, s.archived(l, after)); err != nil {
		return fmt.Errorf("%s: reference model: %v", cmd.desc, err)
	}
	if err := l.checkMerchantFees(after); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if err := l.checkPromotions(&s.promo, after); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if err := checkAging(after); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if err := s.checkFunding(l, after); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if err := s.checkReplay(l, after, l.steps%64 == 0); err != nil {
		return fmt.Errorf("%s: %v", cmd.desc, err)
	}
	if cut := newStatements(before, after); len(cut) > 0 {
		// Statements cut and paid in one advance leave the line in the
		// same fact: the new ones are read back from the Engine.
		all, err := s.e.Statements(s.ctx, l.id)
		if err != nil {
			return fmt.Errorf("%s: statements: %v", cmd.desc, err)
		}
		cut = newStatements(&credit.Line{Statements: l.statements}, &credit.Line{Statements: all})
		s.stats.statements.Add(int64(len(cut)))
		for _, st := range cut {
			if err := st.Reconcile(); err != nil {
				return fmt.Errorf("%s: statement of %v: %v", cmd.desc, st.Date, err)
			}
		}
		for _, st := range cut { // a copy: the checks below scramble what the engine handed out
			st.Lines, st.Items = slices.Clone(st.Lines), slices.Clone(st.Items)
			l.statements = append(l.statements, st)
		}
		if err := l.model.billedTwice(l.statements); err != nil {
			return fmt.Errorf("%s: %v", cmd.desc, err)
		}
	}
	if cmd.replayable() && r.IntN(8) == 0 {
		if err := s.checkIdempotent(l, cmd, res, after); err != nil {
			return err
		}
	}
	// A host may keep and change what it is handed: none of it may reach
	// the engine (the next command's checks would see it).
	scramble(res)
	scramble(after)
	scramble(before)
	return nil
}

// errorCode is the code of a typed error a command may be refused with:
// a *CommandError's code, "idempotency", "not found", "rule" or
// "corrupt"; "" for any other error.
func errorCode(err error) string {
	var ce *credit.CommandError
	var ie *credit.IdempotencyError
	var re *credit.RuleError
	var co *credit.CorruptError
	switch {
	case errors.As(err, &ce):
		return ce.Code
	case errors.As(err, &ie):
		return "idempotency"
	case errors.As(err, &re):
		return "rule"
	case errors.As(err, &co):
		return "corrupt"
	case errors.Is(err, credit.ErrNotFound):
		return "not found"
	}
	return ""
}

// prediction is what the model says of a command before it runs: that the
// engine must accept it, must reject it, or may do either; then checks an
// accepted one and brings the model up to date.
type prediction struct {
	accept, reject bool
	code           string // with reject: the code it must be refused with, when the model knows it
	then           func(after *credit.Line, res any) error
}

func (c *simCommand) replayable() bool { return c.key != "" }

// sameLine checks that a rejected command changed nothing: the line is
// what it was, value for value.
func sameLine(before, after *credit.Line) error {
	if !sameValue(reflect.ValueOf(before), reflect.ValueOf(after)) {
		return fmt.Errorf("a rejected command changed the line:\n%s", cmp.Diff(before, after, credittest.CmpOptions()))
	}
	return nil
}

// Types sameValue compares by their own equality.
var (
	decimalType = reflect.TypeFor[decimal.Decimal]()
	rateType    = reflect.TypeFor[money.ExchangeRate]()
)

// sameValue reports whether a and b hold the same value: as
// reflect.DeepEqual, but decimals by value ("6.2" is "6.20"), and cheap
// enough that the simulation can compare whole lines after every command
// (amounts and dates compare by their fields, without allocating).
func sameValue(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch a.Type() {
	case decimalType:
		return a.Interface().(decimal.Decimal).Equal(b.Interface().(decimal.Decimal))
	case rateType:
		return a.Interface().(money.ExchangeRate).Equal(b.Interface().(money.ExchangeRate))
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if v := b.MapIndex(k); !v.IsValid() || !sameValue(a.MapIndex(k), v) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return a.Uint() == b.Uint()
	}
	panic("sameValue: cannot compare " + a.Type().String())
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
		restated := bytes.Contains(f.Data, []byte(`"restated":`))
		switch {
		case f.Kind == "paid" && restated:
			s.stats.restated.Add(1)
		case f.Kind == "reversed":
			s.stats.reversed.Add(1)
			if restated {
				s.stats.reversedRestated.Add(1)
			}
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
			case "income:merchant_fee":
				l.merchantFees -= u
			case "loss:write_off":
				// A small remainder written off after a due date: the model
				// does not know due dates, and takes it from the engine
				// (a charged-off balance written off posts against
				// charged_off, and the model predicts it).
				l.model.writtenOff += u
				l.model.stepWriteOffs++
				if u > 0 {
					s.stats.toleranceWriteOffs.Add(1)
				}
			case "income:recovery":
				s.stats.recoveries.Add(1)
				s.stats.recovered.Add(-u)
			default:
				if strings.HasPrefix(p.Account, credit.PromotionAccountPrefix) {
					// What a campaign funds: the fee the holder does not
					// owe (the income:fee it is posted against is not a
					// charge to the holder).
					l.model.charges -= u
					l.promo.funded += u
				}
			}
		}
		if f.Kind == credit.KindDelinquency {
			s.stats.delinquencyFacts.Add(1)
			var ch credit.DelinquencyChange
			if err := json.Unmarshal(f.Data, &ch); err != nil {
				return fmt.Errorf("fact %d: a delinquency change that does not decode: %v", rec.Version, err)
			}
			if ch.From == ch.To || ch.From != l.bucket {
				return fmt.Errorf("fact %d: a change of delinquency from %v to %v; the line was in %v", rec.Version, ch.From, ch.To, l.bucket)
			}
			l.bucket = ch.To
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
	if got := line.Delinquency(&l.product).Bucket; got != l.bucket {
		return fmt.Errorf("the line is in delinquency bucket %v; its facts say %v", got, l.bucket)
	}
	return nil
}

// checkReplay checks that the line rebuilt from the store alone (by an
// engine that never ran a command on it) is the live line: value for
// value after every command, and byte for byte by json.Marshal every so
// often and at the end.
func (s *sim) checkReplay(l *simLine, live *credit.Line, full bool) error {
	rebuilt, err := s.replica.Line(s.ctx, l.id)
	if err != nil {
		return err
	}
	same := sameValue(reflect.ValueOf(live), reflect.ValueOf(rebuilt))
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
	again, err := cmd.run(s.e)
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
		return ok && sameValue(reflect.ValueOf(la), reflect.ValueOf(lb))
	}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// checkAging checks that the portfolio report ages the line as the engine
// sees it: past due exactly when overdue, and with no more past due than
// is billed and unpaid.
func checkAging(l *credit.Line) error {
	p, err := credit.Report(l.Today, func(yield func(*credit.Line) bool) { yield(l) }, credit.ReportOptions{})
	if err != nil {
		return err
	}
	var lines int
	var amount int64
	for _, b := range p.PastDue {
		lines += b.Lines
		amount += b.Amount.Units()
	}
	billed, err := l.Account.BilledUnpaid()
	if err != nil {
		return err
	}
	if overdue := !l.Account.Overdue.Statement.IsZero(); overdue != (lines == 1) || amount > billed.Units() {
		return fmt.Errorf("the report ages the line as %d past-due lines with %d past due (%d billed and unpaid); the engine says overdue %v", lines, amount, billed.Units(), overdue)
	}
	if co := l.Account.ChargedOffBalance(); co.IsPositive() != (p.ChargedOffLines == 1) || p.ChargedOff.Units() != co.Units() || co.IsPositive() && lines != 0 {
		return fmt.Errorf("the report shows %d charged-off lines owing %v, and %d past due; the line's charged-off balance is %v", p.ChargedOffLines, p.ChargedOff, lines, co)
	}
	return nil
}
