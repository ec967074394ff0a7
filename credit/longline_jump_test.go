package credit_test

import (
	"context"
	"testing"

	"github.com/justspend/justspend/credit"
)

// Twin lines with a year of history, left unpaid for three years: one is
// advanced a day at a time, one in a single Advance. Both show the same
// line, the same statements (Engine.Statements), the same purchases, and
// what the first showed as it went is what Engine.Statements returns.
func TestLongLineQuietYearsThenOneAdvance(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	start := longDate(t, "2016-01-04")
	x := longHistory(t, e, clock, "X", start, 400)
	y := longHistory(t, e, clock, "Y", start, 400)
	end := start.AddDays(400 + 3*365)
	for d := start.AddDays(400); !d.After(end); d = d.AddDays(1) {
		x.setDay(d, 0)
		x.advance()
	}
	y.setDay(end, 0)
	ly := y.advance()
	lx := x.line()
	cx, cy := *lx, *ly
	cx.Statements, cy.Statements, cx.Version, cy.Version = nil, nil, 0, 0
	cx.ID, cx.Holder = cy.ID, cy.Holder
	if a, b := longNorm(t, "X", cx), longNorm(t, "Y", cy); a != b {
		t.Errorf("the line advanced day by day differs from the one advanced at once:\n%s", longDiff(a, b))
	}
	// The line keeps its latest statement and those still owed on: paid
	// ones leave four at a time, whether the days came one by one or at
	// once.
	for _, l := range []*credit.Line{lx, ly} {
		oldest := l.Today
		for _, d := range l.Account.Debts {
			if !d.Billed.IsZero() && d.Billed.Before(oldest) {
				oldest = d.Billed
			}
		}
		paid := 0
		for _, st := range l.Statements[:len(l.Statements)-1] {
			if st.Date.Before(oldest) {
				paid++
			}
		}
		if paid >= 4 {
			t.Errorf("line %s holds %d paid statements after an Advance to %v (the first %v)", l.ID, paid, l.Today, l.Statements[0].Date)
		}
	}
	if len(lx.Statements) != len(ly.Statements) {
		t.Errorf("the line advanced day by day holds %d statements, the one advanced at once %d", len(lx.Statements), len(ly.Statements))
	}
	sx, err := e.Statements(ctx, "X")
	if err != nil {
		t.Fatal(err)
	}
	sy, err := e.Statements(ctx, "Y")
	if err != nil {
		t.Fatal(err)
	}
	if d := longDiff(x.stmts, sx); d != "" {
		t.Errorf("X: Engine.Statements differs from the statements shown (-shown +read):\n%s", d)
	}
	if a, b := longNorm(t, "X", sx), longNorm(t, "Y", sy); a != b {
		t.Errorf("statements differ (X day by day, Y at once):\n%s", longDiff(a, b))
	}
	t.Logf("%d statements, %d in the line advanced at once, %d in the other", len(sx), len(ly.Statements), len(lx.Statements))

	for pid := range x.seen {
		px, err := e.Purchase(ctx, "X", pid)
		if err != nil {
			t.Fatal(err)
		}
		py, err := e.Purchase(ctx, "Y", "Y"+pid[1:])
		if err != nil {
			t.Fatal(err)
		}
		if a, b := longNorm(t, "X", px), longNorm(t, "Y", py); a != b {
			t.Errorf("purchase %s differs:\n%s", pid, longDiff(a, b))
		}
	}
	for name, r := range longReaders(t, store, clock) {
		for _, l := range []*longLine{x, y} {
			got, err := r.Line(ctx, l.id)
			if err != nil {
				t.Fatal(err)
			}
			if d := longDiff(l.line(), got); d != "" {
				t.Errorf("%s %s: (-warm +cold)\n%s", name, l.id, d)
			}
		}
	}
}
