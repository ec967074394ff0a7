package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// whatIfBook is a book of lines built by dated commands, for what-if
// stories: the clock stands after every date they use.
type whatIfBook struct {
	t     testing.TB
	ctx   context.Context
	e     *credit.Engine
	store *countingStore
	keys  int
}

// countingStore counts what is written to a store.
type countingStore struct {
	*credittest.MemStore
	appends, snapshots atomic.Int64
}

func (s *countingStore) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	s.appends.Add(1)
	return s.MemStore.Append(ctx, line, version, recs)
}

func (s *countingStore) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	s.snapshots.Add(1)
	return s.MemStore.SaveSnapshot(ctx, line, snap)
}

func newWhatIfBook(t testing.TB, cfg credit.Config) *whatIfBook {
	t.Helper()
	store := &countingStore{MemStore: credittest.NewMemStore()}
	cfg.Store, cfg.Clock = store, credittest.NewClock(at("2031-01-01 00:00"))
	if cfg.Products == nil {
		cfg.Products = credit.Presets()
	}
	e, err := credit.NewEngine(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &whatIfBook{t: t, ctx: context.Background(), e: e, store: store}
}

func (b *whatIfBook) key() string {
	b.keys++
	return "k" + strconv.Itoa(b.keys)
}

func (b *whatIfBook) open(line, product, on string) {
	b.t.Helper()
	if _, err := b.e.OpenLine(b.ctx, credit.OpenLine{Key: b.key(), Line: line, Holder: "h-" + line, Product: product, Limit: cny(1000000), At: at(on + " 09:00")}); err != nil {
		b.t.Fatal(err)
	}
}

// authorize asks for a purchase on day on and returns the decision.
func (b *whatIfBook) authorize(line, purchase string, amount money.Amount, plan, on string) credit.Decision {
	b.t.Helper()
	d, err := b.e.Authorize(b.ctx, credit.Authorize{Key: b.key(), Line: line, Purchase: purchase, Amount: amount, Merchant: tmall, Plan: plan, At: at(on + " 10:00")})
	if err != nil {
		b.t.Fatal(err)
	}
	return d
}

// buy authorizes, captures and (on products that post on delivery)
// confirms delivery of a purchase, all on day on.
func (b *whatIfBook) buy(line, purchase string, amount money.Amount, plan, on string) {
	b.t.Helper()
	if d := b.authorize(line, purchase, amount, plan, on); !d.Approved {
		b.t.Fatal(d.Reasons)
	}
	when := at(on + " 10:00")
	pu, err := b.e.Capture(b.ctx, credit.PurchaseCommand{Key: b.key(), Line: line, Purchase: purchase, Amount: amount, At: when})
	if err != nil {
		b.t.Fatal(err)
	}
	if pu.State != credit.Posted {
		if _, err := b.e.ConfirmDelivery(b.ctx, credit.PurchaseCommand{Key: b.key(), Line: line, Purchase: purchase, At: when}); err != nil {
			b.t.Fatal(err)
		}
	}
}

// pay records a payment on day on, counting from valueDate ("" for on),
// and returns its key.
func (b *whatIfBook) pay(line string, amount money.Amount, on, valueDate string) string {
	b.t.Helper()
	k := b.key()
	cmd := credit.Payment{Key: k, Line: line, Amount: amount, At: at(on + " 11:00")}
	if valueDate != "" {
		cmd.ValueDate = day(b.t, valueDate)
	}
	if _, err := b.e.Pay(b.ctx, cmd); err != nil {
		b.t.Fatal(err)
	}
	return k
}

func (b *whatIfBook) advance(line, to string) {
	b.t.Helper()
	if _, err := b.e.Advance(b.ctx, line, day(b.t, to)); err != nil {
		b.t.Fatal(err)
	}
}

func (b *whatIfBook) whatIf(p credit.Product, opts credit.WhatIfOptions, lines ...string) credit.WhatIfReport {
	b.t.Helper()
	rep, err := b.e.WhatIf(b.ctx, p, lines, opts)
	if err != nil {
		b.t.Fatal(err)
	}
	return rep
}

// only returns the report's one line.
func only(t *testing.T, rep credit.WhatIfReport) credit.WhatIfLine {
	t.Helper()
	if len(rep.Lines) != 1 {
		t.Fatalf("the report lists %d lines, want 1:\n%s", len(rep.Lines), asJSON(rep))
	}
	return rep.Lines[0]
}

func asJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// lateHuabei is a Huabei line with one purchase of CNY 1,000.00 on 7
// March 2025, billed on 1 April with a minimum of CNY 100.00 due on 10
// April, and paid in full on 20 April, ten days late; it runs to the
// statement of 1 May.
func lateHuabei(b *whatIfBook, line string) {
	b.t.Helper()
	b.open(line, credit.ProductHuabei, "2025-03-01")
	b.buy(line, "order-1", cny(100000), "", "2025-03-07")
	b.advance(line, "2025-04-01")
	b.pay(line, cny(100000), "2025-04-20", "")
	b.advance(line, "2025-05-01")
}

// A penalty rate doubled: a payment ten days late draws CNY 0.50 a day
// (0.05% of the CNY 1,000.00 overdue), CNY 5.00, under Huabei's rate and
// CNY 10.00 at 0.1% a day. The statement of 1 May bills it; the one of 1
// April is the same under both; the delinquency is the same.
func TestWhatIfPenaltyRate(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	lateHuabei(b, "late")
	p := credit.Huabei()
	p.Billing.Penalty.DailyRate = dec("0.001")
	rep := b.whatIf(p, credit.WhatIfOptions{}, "late")
	ln := only(t, rep)
	cur, pro := ln.Current, ln.Proposed
	if !ln.Differs || cur.Penalties != cny(500) || pro.Penalties != cny(1000) || cur.Owed != cny(500) || pro.Owed != cny(1000) {
		t.Errorf("penalties %v and %v, owed %v and %v; want 5.00 and 10.00 both:\n%s", cur.Penalties, pro.Penalties, cur.Owed, pro.Owed, asJSON(ln))
	}
	if !cur.Interest.IsZero() || !pro.Interest.IsZero() || !cur.Fees.IsZero() || !pro.Fees.IsZero() {
		t.Errorf("interest or fees charged (the penalty replaces interest while overdue):\n%s", asJSON(ln))
	}
	for _, f := range []credit.WhatIfFigures{cur, pro} {
		if f.Statements != 2 || f.LateStatements != 1 || f.DaysOverdue != 10 || f.MaxDaysPastDue != 10 || f.Overdue != 0 || f.DaysPastDue != 0 {
			t.Errorf("delinquency %+v, want 2 statements, 1 late, 10 days overdue, 10 days past due at most, not overdue at the end", f)
		}
	}
	may := day(t, "2025-05-01")
	want := []credit.WhatIfStatement{{Date: may, Differs: true,
		Current:  &credit.StatementFigures{Closing: cny(500), Minimum: cny(500), Due: day(t, "2025-05-10")},
		Proposed: &credit.StatementFigures{Closing: cny(1000), Minimum: cny(1000), Due: day(t, "2025-05-10")}}}
	if diff := cmp.Diff(want, ln.Statements); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
	if tot := rep.Totals; tot.Lines != 1 || tot.Differ != 1 || tot.StatementsDiffer != 1 || tot.Current != cur || tot.Proposed != pro {
		t.Errorf("totals %+v", tot)
	}
}

// An installment fee raised: JD Baitiao's 12 periods at 0.5% of CNY
// 1,200.00 a period (CNY 6.00, CNY 72.00 in all) against 0.6% (CNY 7.20,
// CNY 86.40), every period billed and paid (CNY 120.00 each month, more
// than either asks). Each statement asks CNY 1.20 more: the first closes
// at CNY 1,272.00 against CNY 1,286.40 with a minimum of CNY 106.00
// against CNY 107.20. The annualized rate the plan discloses goes from
// 10.90% to 13.03% a year (simple).
func TestWhatIfInstallmentFee(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	b.open("plan", credit.ProductJDBaitiao2014, "2025-01-10")
	b.buy("plan", "tv", cny(120000), "12-month", "2025-01-15")
	for m := range 12 {
		b.pay("plan", cny(12000), time.Date(2025, time.February+time.Month(m), 5, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), "")
	}
	b.advance("plan", "2026-02-01")
	p := credit.JDBaitiao2014()
	for i := range p.Installments {
		p.Installments[i].FeeRate = dec("0.006")
	}
	ln := only(t, b.whatIf(p, credit.WhatIfOptions{}, "plan"))
	cur, pro := ln.Current, ln.Proposed
	if cur.Fees != cny(7200) || pro.Fees != cny(8640) {
		t.Errorf("fees %v and %v, want 72.00 and 86.40", cur.Fees, pro.Fees)
	}
	// Paid CNY 1,440.00 in all: a credit balance of what is left over.
	if cur.Owed != cny(-16800) || pro.Owed != cny(-15360) {
		t.Errorf("owed %v and %v, want -168.00 and -153.60", cur.Owed, pro.Owed)
	}
	if cur.LateStatements != 0 || pro.LateStatements != 0 || cur.Statements != 13 || pro.Statements != 13 {
		t.Errorf("statements %d and %d, late %d and %d", cur.Statements, pro.Statements, cur.LateStatements, pro.LateStatements)
	}
	if len(ln.Statements) != 13 {
		t.Fatalf("%d statements differ, want all 13 (12 bill a period, the last shows the credit left):\n%s", len(ln.Statements), asJSON(ln.Statements))
	}
	first := ln.Statements[0]
	if first.Date != day(t, "2025-02-01") || first.Current.Closing != cny(127200) || first.Proposed.Closing != cny(128640) ||
		first.Current.Minimum != cny(10600) || first.Proposed.Minimum != cny(10720) || first.Current.Due != first.Proposed.Due {
		t.Errorf("the first statement: %s", asJSON(first))
	}
	if len(ln.Plans) != 1 {
		t.Fatalf("plans: %s", asJSON(ln.Plans))
	}
	pl := ln.Plans[0]
	if pl.Purchase != "tv" || pl.Plan != "12-month" || !pl.Differs || pl.Current.StringFixed(4) != "0.1090" || pl.Proposed.StringFixed(4) != "0.1303" {
		t.Errorf("the plan's annualized rate: %s", asJSON(pl))
	}
}

// A statement day moved, from the 1st (due the 10th) to the 5th (due the
// 15th): the statements fall on other dates, each under one product only;
// a payment on 8 April of all that was billed is on time under both, and
// nothing else differs.
func TestWhatIfStatementDay(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	b.open("L", credit.ProductHuabei, "2025-03-01")
	b.buy("L", "order-1", cny(100000), "", "2025-03-07")
	b.advance("L", "2025-04-06")
	b.pay("L", cny(100000), "2025-04-08", "")
	b.advance("L", "2025-05-06")
	p := credit.Huabei()
	p.Billing.Cycle.StatementDay, p.Billing.Cycle.Due.Day = 5, 15
	rep := b.whatIf(p, credit.WhatIfOptions{Detail: true}, "L")
	ln := only(t, rep)
	var got []string
	for _, s := range ln.Statements {
		side, st := "current", s.Current
		if st == nil {
			side, st = "proposed", s.Proposed
		}
		if !s.Differs || s.Current != nil && s.Proposed != nil {
			t.Errorf("the statement of %v is under both products, or does not differ", s.Date)
		}
		got = append(got, fmt.Sprintf("%v %s %v min %v due %v", s.Date, side, st.Closing, st.Minimum, st.Due))
	}
	want := []string{
		"2025-03-05 proposed CNY 0.00 min CNY 0.00 due 2025-03-15",
		"2025-04-01 current CNY 1000.00 min CNY 100.00 due 2025-04-10",
		"2025-04-05 proposed CNY 1000.00 min CNY 100.00 due 2025-04-15",
		"2025-05-01 current CNY 0.00 min CNY 0.00 due 2025-05-10",
		"2025-05-05 proposed CNY 0.00 min CNY 0.00 due 2025-05-15",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
	cur, pro := ln.Current, ln.Proposed
	pro.Statements = cur.Statements
	if cur != pro || rep.Totals.StatementsDiffer != 5 {
		t.Errorf("figures besides the statements differ:\n%s", asJSON(ln))
	}
}

// A calendar proposed: due dates roll to the next working day in mainland
// China. The statement of 1 May 2025 is due on Saturday 10 May, which
// rolls to Monday 12 May. The CNY 1,000.00 paid on 11 May is a day late
// as it is (CNY 0.50 of penalty) and on time under the proposal; the
// answers the proposal needs were never pinned in the journal, so they
// are its calendar's.
func TestWhatIfCalendar(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	b.open("L", credit.ProductHuabei, "2025-04-01")
	b.buy("L", "order-1", cny(100000), "", "2025-04-07")
	b.advance("L", "2025-05-01")
	b.pay("L", cny(100000), "2025-05-11", "")
	b.advance("L", "2025-06-01")
	p := credit.Huabei()
	p.Calendar, p.Billing.Cycle.Due.Roll = "CN", calendar.Following
	ln := only(t, b.whatIf(p, credit.WhatIfOptions{}, "L"))
	if ln.Current.Penalties != cny(50) || !ln.Proposed.Penalties.IsZero() || ln.Current.DaysOverdue != 1 || ln.Proposed.DaysOverdue != 0 {
		t.Errorf("penalties %v and %v, days overdue %d and %d; want 0.50 and none, 1 and 0", ln.Current.Penalties, ln.Proposed.Penalties, ln.Current.DaysOverdue, ln.Proposed.DaysOverdue)
	}
	if len(ln.Statements) == 0 || ln.Statements[0].Date != day(t, "2025-05-01") || ln.Statements[0].Current.Due != day(t, "2025-05-10") || ln.Statements[0].Proposed.Due != day(t, "2025-05-12") {
		t.Errorf("statements: %s", asJSON(ln.Statements))
	}
}

// weekdays is a calendar of weekdays but for some holidays.
type weekdays map[calendar.Date]bool

func (h weekdays) IsWorkingDay(d calendar.Date) (bool, error) {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h[d], nil
}

// Calendar answers pinned in the journal are the past's. A line was
// billed on 1 May 2025, due on Saturday 10 May, rolled past Monday 12
// May, which the host's calendar then took for a holiday, to Tuesday 13
// May, and paid then. The host has since corrected its calendar: a
// proposal that keeps the product's calendar keeps the answers the line
// was given, and nothing differs; one that names another calendar (the
// corrected one under another name) asks it, and the payment is a day
// late.
func TestWhatIfPinnedCalendar(t *testing.T) {
	p := credit.Huabei()
	p.Calendar, p.Billing.Cycle.Due.Roll = "host", calendar.Following
	wrong := weekdays{day(t, "2025-05-12"): true}
	b := newWhatIfBook(t, credit.Config{Products: []credit.Product{p}, Calendars: map[string]calendar.WorkingDays{"host": wrong}})
	b.open("L", p.Name, "2025-04-01")
	b.buy("L", "order-1", cny(100000), "", "2025-04-07")
	b.advance("L", "2025-05-01")
	b.pay("L", cny(100000), "2025-05-13", "")
	b.advance("L", "2025-06-01")

	fixed := weekdays{}
	e, err := credit.NewEngine(credit.Config{Store: b.store, Clock: credittest.NewClock(at("2031-01-01 00:00")), Products: []credit.Product{p},
		Calendars: map[string]calendar.WorkingDays{"host": fixed, "fixed": fixed}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.WhatIf(b.ctx, p, []string{"L"}, credit.WhatIfOptions{})
	if err != nil || rep.Totals.Differ != 0 || rep.Totals.Current.Penalties.IsPositive() {
		t.Fatalf("the product as it is, on the corrected calendar: %v %s", err, asJSON(rep))
	}
	q := p
	q.Calendar = "fixed"
	rep, err = e.WhatIf(b.ctx, q, []string{"L"}, credit.WhatIfOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ln := only(t, rep)
	if st := ln.Statements[0]; st.Date != day(t, "2025-05-01") || st.Current.Due != day(t, "2025-05-13") || st.Proposed.Due != day(t, "2025-05-12") ||
		ln.Proposed.Penalties != cny(50) || ln.Proposed.DaysOverdue != 1 {
		t.Errorf("another calendar: %s", asJSON(ln))
	}
}

// A value-dated payment: CNY 1,000.00 recorded on 13 April that counts
// from 12 April, two days after its due date. The Engine restated the
// line, and its fact carries the account worked out under Huabei (two
// days at CNY 0.50). The proposal works the restatement out again under
// its own rules: two days at CNY 1.00.
func TestWhatIfValueDatedPayment(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	b.open("L", credit.ProductHuabei, "2025-03-01")
	b.buy("L", "order-1", cny(100000), "", "2025-03-07")
	b.advance("L", "2025-04-01")
	b.pay("L", cny(100000), "2025-04-13", "2025-04-12")
	b.advance("L", "2025-05-01")
	p := credit.Huabei()
	p.Billing.Penalty.DailyRate = dec("0.001")
	ln := only(t, b.whatIf(p, credit.WhatIfOptions{}, "L"))
	if ln.Current.Penalties != cny(100) || ln.Proposed.Penalties != cny(200) || ln.Current.Owed != cny(100) || ln.Proposed.Owed != cny(200) {
		t.Errorf("penalties %v and %v, owed %v and %v; want 1.00 and 2.00 both:\n%s", ln.Current.Penalties, ln.Proposed.Penalties, ln.Current.Owed, ln.Proposed.Owed, asJSON(ln))
	}
	// As the Engine saw it: overdue on 11, 12 and 13 April, until the
	// payment was recorded (the restatement does not take the days back).
	if ln.Current.DaysOverdue != 3 || ln.Proposed.DaysOverdue != 3 || ln.Current.Overdue != 0 || ln.Proposed.Overdue != 0 {
		t.Errorf("delinquency %+v and %+v", ln.Current, ln.Proposed)
	}

	// A proposal that takes no value dates: the payment posts on the day
	// it was recorded, three days late (CNY 1.50 at Huabei's rate).
	p = credit.Huabei()
	p.ValueDateDays = 0
	ln = only(t, b.whatIf(p, credit.WhatIfOptions{}, "L"))
	if ln.Proposed.Penalties != cny(150) {
		t.Errorf("without value dates: penalties %v, want 1.50", ln.Proposed.Penalties)
	}
}

// A reversal: CNY 1,000.00 paid on time on 8 April bounces, and is
// reversed on 20 April. The Engine restated the line as if it had never
// been paid: overdue from 11 April, and so through the statement of 1
// May, 21 days at CNY 0.50 (0.05% of CNY 1,000.00), CNY 10.50. The
// proposal works the restatement out again at 0.1% a day: CNY 21.00.
func TestWhatIfReversal(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	b.open("L", credit.ProductHuabei, "2025-03-01")
	b.buy("L", "order-1", cny(100000), "", "2025-03-07")
	b.advance("L", "2025-04-01")
	paid := b.pay("L", cny(100000), "2025-04-08", "")
	if _, err := b.e.ReversePayment(b.ctx, credit.Reversal{Key: "bounce", Line: "L", Payment: paid, At: at("2025-04-20 12:00")}); err != nil {
		t.Fatal(err)
	}
	b.advance("L", "2025-05-01")
	p := credit.Huabei()
	p.Billing.Penalty.DailyRate = dec("0.001")
	ln := only(t, b.whatIf(p, credit.WhatIfOptions{}, "L"))
	if ln.Current.Penalties != cny(1050) || ln.Proposed.Penalties != cny(2100) {
		t.Errorf("penalties %v and %v, want 10.50 and 21.00:\n%s", ln.Current.Penalties, ln.Proposed.Penalties, asJSON(ln))
	}
	if ln.Current.Owed != cny(101050) || ln.Proposed.Owed != cny(102100) {
		t.Errorf("owed %v and %v, want 1010.50 and 1021.00", ln.Current.Owed, ln.Proposed.Owed)
	}
	// Delinquency as the Engine saw it: overdue from the reversal on (11
	// days to 1 May), 21 days past the due date of 10 April at the end.
	for _, f := range []credit.WhatIfFigures{ln.Current, ln.Proposed} {
		if f.Overdue != 1 || f.DaysPastDue != 21 || f.MaxDaysPastDue != 21 || f.DaysOverdue != 11 || f.LateStatements != 1 {
			t.Errorf("delinquency %+v", f)
		}
	}
}

// The identity: a proposal that is the product as it is changes nothing,
// on a book of simulated lines on every preset (value-dated payments,
// reversals, payoffs, declines, calendars and all): no line differs or
// stops, and each line replays under the proposal to the very line it is.
func TestWhatIfIdentity(t *testing.T) {
	lines, commands := 60, 150
	if testing.Short() {
		lines = 24
	}
	seed := *simSeed // -sim.seed replays another book
	if seed == 0 {
		seed = 20260519
	}
	s := newSim(t, commands)
	ids := make([]string, lines)
	parallel(t, lines, func(i int) error {
		ids[i] = fmt.Sprintf("L%d", i)
		return s.runLine(seed, i, commands)
	})
	if t.Failed() {
		return
	}
	st := s.stats.snapshot()
	ctx := context.Background()
	seen := 0
	for _, p := range simProducts() {
		rep, err := s.e.WhatIf(ctx, p, ids, credit.WhatIfOptions{})
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		tot := rep.Totals
		seen += tot.Lines
		if tot.Differ != 0 || tot.Stopped != 0 || len(rep.Lines) != 0 || tot.Lines+tot.Skipped != lines || tot.Current != tot.Proposed {
			t.Fatalf("%s: the identity proposal reports differences:\n%s", p.Name, asJSON(rep))
		}
		for _, id := range ids {
			cur, pro, ln, err := s.e.WhatIfEnds(ctx, p, id)
			if err != nil {
				t.Fatal(err)
			}
			if cur == nil {
				continue // another product's line
			}
			if ln.Stopped != nil {
				t.Fatalf("%s: stopped: %+v", id, ln.Stopped)
			}
			live, err := s.e.Line(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			// The replays keep every purchase and statement; the line
			// archives the settled ones: compared with them read back, and
			// purchases in ID order (one brought back from the archive
			// comes last in the line).
			for _, pu := range cur.Purchases {
				if !slices.ContainsFunc(live.Purchases, func(q *credit.Purchase) bool { return q.ID == pu.ID }) {
					archived, err := s.e.Purchase(ctx, id, pu.ID)
					if err != nil {
						t.Fatal(err)
					}
					live.Purchases = append(live.Purchases, archived)
				}
			}
			if live.Statements, err = s.e.Statements(ctx, id); err != nil {
				t.Fatal(err)
			}
			for _, l := range []*credit.Line{live, cur, pro} {
				slices.SortFunc(l.Purchases, func(a, b *credit.Purchase) int { return strings.Compare(a.ID, b.ID) })
			}
			a, _ := json.Marshal(live)
			b, _ := json.Marshal(cur)
			c, _ := json.Marshal(pro)
			if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
				t.Fatalf("%s (%s): the replays are not the line:\ncurrent: %s\nproposed: %s", id, p.Name,
					cmp.Diff(live, cur, credittest.CmpOptions()), cmp.Diff(live, pro, credittest.CmpOptions()))
			}
		}
	}
	if seen != lines {
		t.Errorf("the products' reports compared %d lines, want %d", seen, lines)
	}
	if st.restated == 0 || st.reversedRestated == 0 || st.declined == 0 {
		t.Errorf("the book has %d restated payments, %d restated reversals and %d declines: the identity needs some of each", st.restated, st.reversedRestated, st.declined)
	}
}

// A fact the proposal cannot take stops its line's replay, which is
// reported with the fact and the reason; the other lines go on, and the
// figures leave the stopped lines out. A line on another product is
// skipped.
func TestWhatIfStops(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	lateHuabei(b, "late")
	// A plan the proposal no longer offers.
	b.open("plan", credit.ProductHuabei, "2025-03-01")
	b.buy("plan", "phone", cny(120000), "12-month", "2025-03-07")
	// Closing, once all is paid, a line the proposal leaves owing.
	lateHuabei(b, "closed")
	b.pay("closed", cny(500), "2025-05-05", "")
	closed := credit.Closed
	if _, err := b.e.ChangeLine(b.ctx, credit.LineCommand{Key: "close", Line: "closed", Status: &closed, At: at("2025-05-06 09:00")}); err != nil {
		t.Fatal(err)
	}
	b.open("jd", credit.ProductJDBaitiao2014, "2025-03-01")

	p := credit.Huabei()
	p.Billing.Penalty.DailyRate = dec("0.001")
	p.Installments = p.Installments[:3] // no 12-month plan
	rep := b.whatIf(p, credit.WhatIfOptions{}, "plan", "late", "jd", "closed", "late")
	if tot := rep.Totals; tot.Lines != 3 || tot.Stopped != 2 || tot.Skipped != 1 || tot.Differ != 1 ||
		tot.Current.Penalties != cny(500) || tot.Proposed.Penalties != cny(1000) {
		t.Errorf("totals: %s", asJSON(tot))
	}
	var got []string
	for _, ln := range rep.Lines {
		s := ln.Line
		if ln.Stopped != nil {
			s += fmt.Sprintf(" stopped at version %d (%s on %v): %s", ln.Stopped.Version, ln.Stopped.Kind, ln.Stopped.On, ln.Stopped.Reason)
			if !ln.Proposed.Owed.IsZero() || ln.Statements != nil || ln.WouldDecline != nil {
				t.Errorf("%s: a stopped line with figures under the proposal: %s", ln.Line, asJSON(ln))
			}
		}
		got = append(got, s)
	}
	want := []string{
		"closed stopped at version 13 (status on 2025-05-06): closing the line would be refused: it is not settled under the proposal (it owes CNY 5.00)",
		"late",
		`plan stopped at version 5 (delivered on 2025-03-07): no installment plan "12-month"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if c := rep.Lines[0].Current; c.Penalties != cny(500) || !c.Owed.IsZero() {
		t.Errorf("a stopped line's current figures: %+v", c)
	}

	// A payout of a credit balance the proposal would not leave.
	b.open("refund", credit.ProductJDBaitiao2014, "2025-01-10")
	b.buy("refund", "tv", cny(120000), "12-month", "2025-01-15")
	b.pay("refund", cny(30000), "2025-02-05", "")
	b.advance("refund", "2025-03-01")
	if _, err := b.e.Payout(b.ctx, credit.Payment{Key: "out", Line: "refund", Amount: cny(8800), At: at("2025-03-02 10:00")}); err != nil {
		t.Fatal(err)
	}
	q := credit.JDBaitiao2014()
	for i := range q.Installments {
		q.Installments[i].FeeRate = dec("0.006")
	}
	ln := only(t, b.whatIf(q, credit.WhatIfOptions{}, "refund"))
	if ln.Stopped == nil || ln.Stopped.Kind != "paid_out" || ln.Stopped.Reason != "billing: amount: payout CNY 88.00 exceeds the credit balance CNY 85.60" {
		t.Errorf("the payout: %s", asJSON(ln))
	}
}

// Authorizations are decided again under the proposal, and those it
// would decide otherwise are counted; the history stays the host's (an
// approved purchase the proposal would decline is still bought).
func TestWhatIfDecisions(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	lateHuabei(b, "L")
	b.advance("L", "2025-05-11")
	// Overdue from 11 May: Huabei declines.
	if d := b.authorize("L", "order-2", cny(20000), "", "2025-05-12"); d.Approved || d.Reasons[0].Code != credit.CodeLineOverdue {
		t.Fatalf("order-2: %+v", d)
	}
	p := credit.Huabei()
	maxPurchase := cny(50000)
	p.Purchase.Max = &maxPurchase
	p.Purchase.BlockOverdue = false
	ln := only(t, b.whatIf(p, credit.WhatIfOptions{}, "L"))
	if !reflect.DeepEqual(ln.WouldDecline, []string{"order-1"}) || !reflect.DeepEqual(ln.WouldApprove, []string{"order-2"}) ||
		ln.Current.Declined != 1 || ln.Proposed.Declined != 1 {
		t.Errorf("decisions: %s", asJSON(ln))
	}
	// order-1 is bought under both: the same figures otherwise.
	ln.Current.Declined, ln.Proposed.Declined = 0, 0
	if ln.Current != ln.Proposed || len(ln.Statements) != 0 {
		t.Errorf("figures differ: %s", asJSON(ln))
	}
}

// WhatIf reads and writes nothing else: no record appended, no snapshot
// saved, the Engine's cache as it was (the same entries; none added for a
// line it had not loaded), and the lines as they were.
func TestWhatIfReadsOnly(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{SnapshotEvery: 2})
	lateHuabei(b, "L1")
	lateHuabei(b, "L2")
	other, err := credit.NewEngine(credit.Config{Store: b.store, Clock: credittest.NewClock(at("2031-01-01 00:00")), Products: credit.Presets()})
	if err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, id := range []string{"L1", "L2"} {
		l, err := b.e.Line(b.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		before[id], _ = json.Marshal(l)
	}
	cached := b.e.Cached()
	appends, snapshots := b.store.appends.Load(), b.store.snapshots.Load()
	p := credit.Huabei()
	p.Billing.Penalty.DailyRate = dec("0.001")
	for _, e := range []*credit.Engine{b.e, other} {
		if rep, err := e.WhatIf(b.ctx, p, []string{"L1", "L2"}, credit.WhatIfOptions{}); err != nil || rep.Totals.Differ != 2 {
			t.Fatalf("%v: %s", err, asJSON(rep.Totals))
		}
	}
	if a, s := b.store.appends.Load(), b.store.snapshots.Load(); a != appends || s != snapshots {
		t.Errorf("WhatIf wrote to the store: %d appends and %d snapshots", a-appends, s-snapshots)
	}
	if after := b.e.Cached(); !maps.Equal(cached, after) || len(cached) != 2 {
		t.Errorf("the cache changed: %d entries before, %d after", len(cached), len(after))
	}
	if n := len(other.Cached()); n != 0 {
		t.Errorf("an Engine that had loaded no line caches %d after WhatIf", n)
	}
	for _, id := range []string{"L1", "L2"} {
		l, err := b.e.Line(b.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if after, _ := json.Marshal(l); !bytes.Equal(before[id], after) {
			t.Errorf("%s changed", id)
		}
	}
}

// A proposal is validated as NewEngine validates a product: one it cannot
// take is a *ProductError naming the field, and so is one that names a
// product the Engine does not have or changes its currency.
func TestWhatIfProductErrors(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	lateHuabei(b, "L")
	for _, c := range []struct {
		field  string
		change func(p *credit.Product)
	}{
		{"hold_days", func(p *credit.Product) { p.HoldDays = 0 }},
		{"billing", func(p *credit.Product) { p.Billing.Penalty.DailyRate = dec("-0.001") }},
		{"calendar", func(p *credit.Product) { p.Calendar = "Atlantis" }},
		{"name", func(p *credit.Product) { p.Name = "huabei-2" }},
		{"name", func(p *credit.Product) { p.Name = "" }},
		{"currency", func(p *credit.Product) {
			p.Currency, p.MinLimit, p.MaxLimit, p.MaxTempLimit = money.USD, money.FromMinor(0, money.USD), money.FromMinor(100000, money.USD), money.Amount{}
		}},
	} {
		p := credit.Huabei()
		c.change(&p)
		_, err := b.e.WhatIf(b.ctx, p, []string{"L"}, credit.WhatIfOptions{})
		var pe *credit.ProductError
		if !errors.As(err, &pe) || pe.Field != c.field || !errors.Is(err, credit.ErrInvalidProduct) {
			t.Errorf("%s: %v, want a *ProductError naming it", c.field, err)
		}
	}
	_, err := b.e.WhatIf(b.ctx, credit.Huabei(), []string{"L", "missing"}, credit.WhatIfOptions{})
	if !errors.Is(err, credit.ErrNotFound) {
		t.Errorf("a missing line: %v", err)
	}
	_, err = b.e.WhatIf(b.ctx, credit.Huabei(), []string{"L", "bad\x00id"}, credit.WhatIfOptions{})
	var ce *credit.CommandError
	if !errors.As(err, &ce) || ce.Code != credit.CodeBadID || ce.Field != "lines[1]" {
		t.Errorf("a bad line ID: %v", err)
	}
}

// The options: lines and their statements and plans in full, the lines
// that do not differ, progress; the report in line ID order, each line
// once, and encoded as JSON and back to the same report.
func TestWhatIfOptions(t *testing.T) {
	b := newWhatIfBook(t, credit.Config{})
	lateHuabei(b, "c-late")
	b.open("a-quiet", credit.ProductHuabei, "2025-03-01")
	b.buy("a-quiet", "order-1", cny(50000), "6-month", "2025-03-07")
	b.advance("a-quiet", "2025-04-01")
	b.pay("a-quiet", cny(10000), "2025-04-05", "") // more than the first period asks
	b.advance("a-quiet", "2025-05-01")
	lateHuabei(b, "b-late")
	p := credit.Huabei()
	p.Billing.Penalty.DailyRate = dec("0.001")
	ids := []string{"c-late", "a-quiet", "b-late", "c-late"}

	rep := b.whatIf(p, credit.WhatIfOptions{}, ids...)
	if len(rep.Lines) != 2 || rep.Lines[0].Line != "b-late" || rep.Lines[1].Line != "c-late" || rep.Totals.Lines != 3 || rep.Totals.Differ != 2 {
		t.Errorf("by default: %s", asJSON(rep))
	}
	var done []int
	rep = b.whatIf(p, credit.WhatIfOptions{Unchanged: true, Detail: true, Progress: func(n int) { done = append(done, n) }}, ids...)
	if len(rep.Lines) != 3 || rep.Lines[0].Line != "a-quiet" || rep.Lines[0].Differs || !reflect.DeepEqual(done, []int{3}) {
		t.Errorf("all lines: %v %s", done, asJSON(rep))
	}
	quiet := rep.Lines[0]
	if len(quiet.Statements) != 2 || quiet.Statements[0].Differs || len(quiet.Plans) != 1 || quiet.Plans[0].Differs ||
		quiet.Plans[0].Current == nil || !quiet.Plans[0].Current.Equal(*quiet.Plans[0].Proposed) {
		t.Errorf("the statements and plans in full: %s", asJSON(quiet))
	}
	enc, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back credit.WhatIfReport
	if err := json.Unmarshal(enc, &back); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(back); !bytes.Equal(enc, again) {
		t.Errorf("the report does not encode and decode to itself:\n%s\n%s", enc, again)
	}
	if rep, err := b.e.WhatIf(b.ctx, p, nil, credit.WhatIfOptions{}); err != nil || rep.Lines == nil || rep.Totals != (credit.WhatIfTotals{}) {
		t.Errorf("no lines: %v %s", err, asJSON(rep))
	}
}

// BenchmarkWhatIf replays a book of 1,000 Huabei lines, a year of each
// (95 facts a line: a purchase a month, every fourth on a 6-month plan,
// twelve statements, each paid in full, on time or, on one line in five,
// five days late), under a doubled penalty rate. For scale, cold-load is the
// Engine's own replay of the same journals (Engine.Line on an Engine
// that has cached none, from a store without snapshots): a what-if
// replays each journal twice, under each product.
func BenchmarkWhatIf(b *testing.B) {
	const n = 1000
	bk := newWhatIfBook(b, credit.Config{CacheLines: n})
	ids := make([]string, n)
	facts := atomic.Int64{}
	if !parallel(b, n, func(i int) error { return whatIfYear(bk, i, ids, &facts) }) {
		b.FailNow()
	}
	b.Run("lines=1000", func(b *testing.B) {
		p := credit.Huabei()
		p.Billing.Penalty.DailyRate = dec("0.001")
		var rep credit.WhatIfReport
		for b.Loop() {
			var err error
			if rep, err = bk.e.WhatIf(bk.ctx, p, ids, credit.WhatIfOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		if rep.Totals.Lines != n || rep.Totals.Differ != n/5 || rep.Totals.Stopped != 0 {
			b.Fatalf("totals: %s", asJSON(rep.Totals))
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
		b.ReportMetric(float64(facts.Load())/n, "facts/line")
	})
	b.Run("cold-load", func(b *testing.B) {
		for b.Loop() {
			e, err := credit.NewEngine(credit.Config{Store: struct{ credit.Store }{bk.store}, Clock: credittest.NewClock(at("2031-01-01 00:00")), Products: credit.Presets(), CacheLines: 1})
			if err != nil {
				b.Fatal(err)
			}
			for _, id := range ids {
				if _, err := e.Line(bk.ctx, id); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
	})
}

// whatIfYear builds line i of BenchmarkWhatIf's book.
func whatIfYear(bk *whatIfBook, i int, ids []string, facts *atomic.Int64) error {
	ctx, e := bk.ctx, bk.e
	id := fmt.Sprintf("L%04d", i)
	ids[i] = id
	key := 0
	next := func() string { key++; return strconv.Itoa(key) }
	when := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 10, 0, 0, 0, beijing) }
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: next(), Line: id, Holder: "h", Product: credit.ProductHuabei, Limit: cny(5000000), At: when(1, 1)}); err != nil {
		return err
	}
	for m := time.January; m <= time.December; m++ {
		if m > time.January {
			l, err := e.Advance(ctx, id, calendar.DateOf(when(m, 1), beijing))
			if err != nil {
				return err
			}
			paid := 8
			if i%5 == 0 {
				paid = 15 // five days past the due date
			}
			if st := l.Statements[len(l.Statements)-1]; st.Balance.IsPositive() {
				if _, err := e.Pay(ctx, credit.Payment{Key: next(), Line: id, Amount: st.Balance, At: when(m, paid)}); err != nil {
					return err
				}
			}
		}
		order, plan := "o"+strconv.Itoa(int(m)), ""
		if m%4 == 0 {
			plan = "6-month"
		}
		amount := cny(int64(20000 + 1000*(i%7) + 500*int(m)))
		at := when(m, 18)
		if d, err := e.Authorize(ctx, credit.Authorize{Key: next(), Line: id, Purchase: order, Amount: amount, Merchant: tmall, Plan: plan, At: at}); err != nil || !d.Approved {
			return fmt.Errorf("%s %s: %v %v", id, order, d.Reasons, err)
		}
		if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: next(), Line: id, Purchase: order, Amount: amount, At: at}); err != nil {
			return err
		}
		if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: next(), Line: id, Purchase: order, At: at.Add(48 * time.Hour)}); err != nil {
			return err
		}
	}
	l, err := e.Advance(ctx, id, calendar.DateOf(time.Date(2026, 1, 1, 10, 0, 0, 0, beijing), beijing))
	if err != nil {
		return err
	}
	facts.Add(l.Version)
	return nil
}
