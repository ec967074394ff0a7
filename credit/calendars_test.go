package credit_test

import (
	"context"
	"errors"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// calendarHarness is a harness on an engine with the given products and
// host calendars, on store (a new one if nil).
func calendarHarness(t *testing.T, start string, store *credittest.MemStore, cals map[string]calendar.WorkingDays, products ...credit.Product) *harness {
	t.Helper()
	if store == nil {
		store = credittest.NewMemStore()
	}
	clock := credittest.NewClock(at(start))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: products, Calendars: cals})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, ctx: context.Background(), e: e, clock: clock, store: store}
}

// owingOn opens line id on product with a purchase of CNY 1,000.00
// delivered the day after start.
func (h *harness) owingOn(id, product, start, delivered string) {
	h.t.Helper()
	h.clock.Set(at(start))
	if _, err := h.e.OpenLine(h.ctx, credit.OpenLine{Key: "open-" + id, Line: id, Holder: "h", Product: product, Limit: cny(1000000)}); err != nil {
		h.t.Fatal(err)
	}
	d, err := h.e.Authorize(h.ctx, credit.Authorize{Key: "a-" + id, Line: id, Purchase: "p", Amount: cny(100000), Merchant: tmall})
	if err != nil || !d.Approved {
		h.t.Fatal(d, err)
	}
	if _, err := h.e.Capture(h.ctx, credit.PurchaseCommand{Key: "c-" + id, Line: id, Purchase: "p", Amount: cny(100000)}); err != nil {
		h.t.Fatal(err)
	}
	h.clock.Set(at(delivered))
	if _, err := h.e.ConfirmDelivery(h.ctx, credit.PurchaseCommand{Key: "d-" + id, Line: id, Purchase: "p"}); err != nil {
		h.t.Fatal(err)
	}
}

// lastDue advances line id to day s and returns its last statement's due
// date.
func (h *harness) lastDue(id, s string) calendar.Date {
	h.t.Helper()
	h.clock.Set(at(s + " 00:00"))
	l, err := h.e.Advance(h.ctx, id, day(h.t, s))
	if err != nil {
		h.t.Fatal(err)
	}
	return l.Statements[len(l.Statements)-1].Due
}

// notice2027 is a 2027 notice made up for this test (the real one is not
// in the library): Spring Festival 5 to 13 February off, 31 January worked.
const notice2027 = `{"calendar": "CN", "years": [{"year": 2027,
  "notices": [{"id": "test", "title": "a notice made up for a test", "number": "none", "date": "2026-12-10", "source": "none"}],
  "holidays": [{"name": "春节", "name_en": "Spring Festival", "off": ["2027-02-05/2027-02-13"], "work": ["2027-01-31"]}]}]}`

// TestHostNoticeMovesOnlyDueDatesNotYetSet: on a product that rolls due
// dates on CN working days, the statement of 1 February 2027 falls due on
// the 10th. Projected, the Spring Festival is the 5th to the 8th with the
// weekend's two substitute days, the 9th and 10th, so it rolls to the
// 11th. A notice loaded into a new Engine (Config.Calendars) that gives
// the 5th to the 13th off moves a statement not yet cut to Monday the
// 15th, and leaves the one already cut on the 11th, whether the line is
// rebuilt from its journal or from a snapshot.
func TestHostNoticeMovesOnlyDueDatesNotYetSet(t *testing.T) {
	store := credittest.NewMemStore()
	projected := calendarHarness(t, "2026-12-05 10:00", store, nil, huabeiCN())
	projected.owingOn("cut", "huabei-cn", "2026-12-05 10:00", "2026-12-06 10:00")
	projected.owingOn("later", "huabei-cn", "2026-12-05 10:00", "2026-12-06 10:00")
	if due := projected.lastDue("cut", "2027-02-02"); due != day(t, "2027-02-11") {
		t.Fatalf("projected: due %v; want 2027-02-11", due)
	}
	if due := projected.lastDue("later", "2027-01-20"); due != day(t, "2027-01-11") {
		t.Fatalf("projected: the January statement is due %v; want Monday 2027-01-11", due)
	}

	cn, err := calendar.ChinaProjected()
	if err != nil {
		t.Fatal(err)
	}
	noticed, err := cn.With([]byte(notice2027))
	if err != nil {
		t.Fatal(err)
	}
	cals := map[string]calendar.WorkingDays{"CN": noticed}
	for _, name := range []string{"from the journal", "from snapshots"} {
		var s credit.Store = struct{ credit.Store }{store} // no snapshots
		if name == "from snapshots" {
			s = store
		}
		e, err := credit.NewEngine(credit.Config{Store: s, Clock: credittest.NewClock(at("2027-02-02 00:00")), Products: []credit.Product{huabeiCN()}, Calendars: cals, SnapshotEvery: 1})
		if err != nil {
			t.Fatal(err)
		}
		l, err := e.Line(context.Background(), "cut")
		if err != nil {
			t.Fatal(err)
		}
		if due := l.Statements[len(l.Statements)-1].Due; due != day(t, "2027-02-11") {
			t.Errorf("%s: the statement cut before the notice is due %v; want it left on 2027-02-11", name, due)
		}
	}
	noticedH := calendarHarness(t, "2027-01-20 00:00", store, cals, huabeiCN())
	if due := noticedH.lastDue("later", "2027-02-02"); due != day(t, "2027-02-15") {
		t.Errorf("noticed: the statement cut after the notice is due %v; want 2027-02-15", due)
	}
	if due := noticedH.lastDue("cut", "2027-02-03"); due != day(t, "2027-02-11") {
		t.Errorf("noticed: the statement cut before the notice is due %v; want it left on 2027-02-11", due)
	}
}

// TestCountryCalendar: a product may roll on any built-in country's
// working days. Due on 5 July 2027, when the United States observe
// Independence Day (the 4th is a Sunday), a statement rolls to the 6th.
func TestCountryCalendar(t *testing.T) {
	p := huabeiCN()
	p.Name, p.Calendar = "huabei-us-days", "US"
	p.Billing.Cycle.Due.Day = 5
	h := calendarHarness(t, "2027-06-02 10:00", nil, nil, p)
	h.owingOn("L", p.Name, "2027-06-02 10:00", "2027-06-03 10:00")
	if due := h.lastDue("L", "2027-07-02"); due != day(t, "2027-07-06") {
		t.Errorf("due %v; want 2027-07-06", due)
	}
}

// TestUncoveredDays: with an official calendar that ends on 19 December
// 2026 (no projection), what happens with the days past it is the
// product's choice; the line never stops, and money is always taken.
func TestUncoveredDays(t *testing.T) {
	official, err := calendar.China()
	if err != nil {
		t.Fatal(err)
	}
	cals := map[string]calendar.WorkingDays{"CN": official}
	for _, c := range []struct {
		uncovered credit.UncoveredDays
		due       string // of the statement of 1 January 2027: the 10th is a Sunday
	}{
		{credit.UncoveredWeekends, "2027-01-11"},
		{credit.UncoveredNoRoll, "2027-01-10"},
		{credit.UncoveredRefuse, "2027-01-11"},
	} {
		t.Run(c.uncovered.String(), func(t *testing.T) {
			p := huabeiCN()
			p.Uncovered = c.uncovered
			h := calendarHarness(t, "2026-12-02 10:00", nil, cals, p)
			h.owingOn("L", p.Name, "2026-12-02 10:00", "2026-12-03 10:00")
			// A 3-month plan bought on 3 December runs into 2027.
			d, err := h.e.Authorize(h.ctx, credit.Authorize{Key: "plan", Line: "L", Purchase: "p3", Amount: cny(120000), Merchant: tmall, Plan: "3-month"})
			if err != nil {
				t.Fatal(err)
			}
			refused := len(d.Reasons) > 0 && d.Reasons[0].Code == credit.CodeCalendarNotCovered
			if want := c.uncovered == credit.UncoveredRefuse; d.Approved == want || refused != want {
				t.Errorf("the plan's decision: %+v; want refused %v", d, want)
			}
			if due := h.lastDue("L", "2027-01-02"); due != day(t, c.due) {
				t.Errorf("due %v; want %s", due, c.due)
			}
			h.clock.Set(at("2027-01-12 10:00"))
			if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "pay", Line: "L", Amount: cny(50000)}); err != nil {
				t.Errorf("a payment in 2027: %v", err)
			}
			if l := h.line(); l.Today != day(t, "2027-01-12") {
				t.Errorf("the line stopped on %v", l.Today)
			}
		})
	}
}

// TestUnknownCalendar: a product naming a calendar neither the host nor
// the library has fails NewEngine with a *ProductError on its calendar.
func TestUnknownCalendar(t *testing.T) {
	p := huabeiCN()
	p.Calendar = "CN-2027"
	_, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2027-01-01 00:00")), Products: []credit.Product{p}})
	var pe *credit.ProductError
	if !errors.As(err, &pe) || pe.Field != "calendar" {
		t.Fatalf("NewEngine: %v; want a *ProductError on calendar", err)
	}
	cn, _ := calendar.ChinaProjected()
	if _, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2027-01-01 00:00")), Products: []credit.Product{p},
		Calendars: map[string]calendar.WorkingDays{"CN-2027": cn}}); err != nil {
		t.Errorf("with the host's calendar of that name: %v", err)
	}
}

// TestRestatementKeepsDueDates: a value-dated payment or a reversal made
// after a notice was loaded works the line out again from its journal,
// with the calendar answers the journal pinned: the statement cut before
// the notice stays due on 11 February, and the line is overdue on the
// 13th as a line without the restatement is.
func TestRestatementKeepsDueDates(t *testing.T) {
	store := credittest.NewMemStore()
	projected := calendarHarness(t, "2026-12-05 10:00", store, nil, huabeiCN())
	for _, id := range []string{"value-dated", "reversed", "control"} {
		projected.owingOn(id, "huabei-cn", "2027-01-05 10:00", "2027-01-06 10:00")
	}
	projected.clock.Set(at("2027-01-20 10:00"))
	if _, err := projected.e.Pay(projected.ctx, credit.Payment{Key: "jan", Line: "reversed", Amount: cny(100)}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"value-dated", "reversed", "control"} {
		if due := projected.lastDue(id, "2027-02-03"); due != day(t, "2027-02-11") {
			t.Fatalf("%s: due %v; want 2027-02-11", id, due)
		}
	}
	cn, _ := calendar.ChinaProjected()
	noticed, err := cn.With([]byte(notice2027))
	if err != nil {
		t.Fatal(err)
	}
	h := calendarHarness(t, "2027-02-04 10:00", store, map[string]calendar.WorkingDays{"CN": noticed}, huabeiCN())
	if _, err := h.e.Pay(h.ctx, credit.Payment{Key: "late", Line: "value-dated", Amount: cny(100), ValueDate: day(t, "2027-02-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.e.ReversePayment(h.ctx, credit.Reversal{Key: "bounce", Line: "reversed", Payment: "jan"}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at("2027-02-13 10:00"))
	for _, id := range []string{"value-dated", "reversed", "control"} {
		l, err := h.e.Advance(h.ctx, id, day(t, "2027-02-13"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range l.Account.Debts {
			if d.Billed == day(t, "2027-02-01") && d.Due != day(t, "2027-02-11") {
				t.Errorf("%s: a debt billed on 1 February is due %v; want 2027-02-11", id, d.Due)
			}
		}
		if l.Account.Overdue.Statement.IsZero() {
			t.Errorf("%s: not overdue on the 13th", id)
		}
	}
}

// correction2027 corrects notice2027 (made up too): the Spring Festival
// runs to the 15th.
const correction2027 = `{"calendar": "CN", "years": [{"year": 2027,
  "notices": [{"id": "test", "title": "a notice made up for a test", "number": "none", "date": "2026-12-10", "source": "none"},
              {"id": "ext", "title": "a correction made up for a test", "number": "none", "date": "2027-02-03", "source": "none"}],
  "holidays": [{"name": "春节", "name_en": "Spring Festival", "off": ["2027-02-05/2027-02-15"], "work": ["2027-01-31"]}]}]}`

// TestCorrectionKeepsDueDates: official answers are pinned too, so a
// correction of a notice, loaded later, moves no due date already set,
// whether the line is rebuilt from its journal or from snapshots.
func TestCorrectionKeepsDueDates(t *testing.T) {
	cn, _ := calendar.ChinaProjected()
	noticed, err := cn.With([]byte(notice2027))
	if err != nil {
		t.Fatal(err)
	}
	corrected, err := cn.With([]byte(notice2027), []byte(correction2027))
	if err != nil {
		t.Fatal(err)
	}
	store := credittest.NewMemStore()
	h := calendarHarness(t, "2026-12-05 10:00", store, map[string]calendar.WorkingDays{"CN": noticed}, huabeiCN())
	h.owingOn("L", "huabei-cn", "2027-01-05 10:00", "2027-01-06 10:00")
	if due := h.lastDue("L", "2027-02-03"); due != day(t, "2027-02-15") {
		t.Fatalf("due %v; want 2027-02-15", due)
	}
	for _, s := range []credit.Store{struct{ credit.Store }{store}, store} {
		e, err := credit.NewEngine(credit.Config{Store: s, Clock: credittest.NewClock(at("2027-02-04 00:00")), Products: []credit.Product{huabeiCN()},
			Calendars: map[string]calendar.WorkingDays{"CN": corrected}})
		if err != nil {
			t.Fatal(err)
		}
		l, err := e.Line(context.Background(), "L")
		if err != nil {
			t.Fatal(err)
		}
		if due := l.Statements[len(l.Statements)-1].Due; due != day(t, "2027-02-15") {
			t.Errorf("rebuilt after the correction: due %v; want 2027-02-15", due)
		}
	}
}

// TestRefusePastTheTable: the built-in CN answers every day, but says it
// covers only its notices and its projection's table (to 2100): a plan
// whose due dates reach past it is declined on a product that refuses
// uncovered days.
func TestRefusePastTheTable(t *testing.T) {
	p := huabeiCN()
	p.Uncovered = credit.UncoveredRefuse
	h := calendarHarness(t, "2100-06-03 10:00", nil, nil, p)
	if _, err := h.e.OpenLine(h.ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: p.Name, Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	for plan, refused := range map[string]bool{"3-month": false, "12-month": true} {
		d, err := h.e.Quote(h.ctx, credit.Authorize{Line: "L", Purchase: "p", Amount: cny(120000), Merchant: tmall, Plan: plan})
		if err != nil {
			t.Fatal(err)
		}
		if got := !d.Approved && d.Reasons[0].Code == credit.CodeCalendarNotCovered; got != refused {
			t.Errorf("%s on 3 June 2100: %+v; want refused %v", plan, d, refused)
		}
	}
}
