package credit_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// longNorm is v as JSON with line id's prefix taken off purchase IDs, so
// that twin lines compare.
func longNorm(t *testing.T, id string, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), id+"-p", "p")
}

// longAccountNorm is what a twin paid on time must share with one paid
// late with its value date: the account without the lines since the last
// statement.
func longAccountNorm(t *testing.T, l *credit.Line) string {
	a := l.Account
	a.Lines = nil
	return longNorm(t, l.ID, a)
}

// longStatementNorm is a statement without its lines, which show the
// payment on another day, or a reversal and corrections.
func longStatementNorm(t *testing.T, id string, s billing.Statement) string {
	s.Lines = nil
	s.Charges, s.Credits = money.Amount{}, money.Amount{} // the lines differ
	return longNorm(t, id, s)
}

// Twin lines with over two years of history, their purchases and
// statements archived: one pays its statement on the due date, one pays
// it three days later with the due date as value date; one pays and has
// the payment reversed, one never pays. The value-dated twin owes what the
// punctual one owes, the reversed one what the one that never paid owes;
// statements already cut, archived ones included, stay as they were.
func TestLongLineRestatementWithArchives(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	start := longDate(t, "2016-01-04")
	march := longDate(t, "2018-03-01")
	days := start.DaysUntil(march)
	lines := map[string]*longLine{}
	for _, id := range []string{"X", "Y", "Z", "W"} {
		lines[id] = longHistoryOf(t, e, clock, id, start, days) // day by day: see the package's note on restatements

	}
	for _, l := range lines {
		l.setDay(march, 9)
		ln := l.advance()
		if len(l.stmts) <= len(ln.Statements) {
			t.Fatalf("%s: no statement archived: %d in the line, %d seen", l.id, len(ln.Statements), len(l.stmts))
		}
	}
	x, y, z, w := lines["X"], lines["Y"], lines["Z"], lines["W"]
	ln := y.line()
	due := ln.Statements[len(ln.Statements)-1].Due
	bal := ln.Statements[len(ln.Statements)-1].Balance
	if !bal.IsPositive() {
		t.Fatalf("nothing billed on %v", march)
	}
	y.setDay(due, 20)
	y.pay(bal.Units())
	z.setDay(due, 20)
	zpay := z.pay(bal.Units())
	_ = zpay
	zkey := z.cmds[len(z.cmds)-1].key
	x.setDay(due.AddDays(3), 9)
	vd := credit.Payment{Key: x.key("pay-vd"), Line: "X", Amount: bal, ValueDate: due}
	x.must("pay", vd.Key, func(e *credit.Engine) (any, error) { return e.Pay(ctx, vd) })
	z.setDay(due.AddDays(4), 9)
	rev := credit.Reversal{Key: z.key("reverse"), Line: "Z", Payment: zkey}
	z.must("reverse", rev.Key, func(e *credit.Engine) (any, error) { return e.ReversePayment(ctx, rev) })
	check := func(when string) {
		t.Helper()
		for _, pair := range [][2]*longLine{{x, y}, {z, w}} {
			a, b := pair[0].advance(), pair[1].advance()
			if ga, gb := longAccountNorm(t, a), longAccountNorm(t, b); ga != gb {
				t.Errorf("%s: %s's account differs from %s's:\n%s\n%s", when, a.ID, b.ID, ga, gb)
			}
			sa, sb := a.Statements[len(a.Statements)-1], b.Statements[len(b.Statements)-1]
			if ga, gb := longStatementNorm(t, a.ID, sa), longStatementNorm(t, b.ID, sb); ga != gb {
				t.Errorf("%s: %s's last statement differs from %s's:\n%s\n%s", when, a.ID, b.ID, ga, gb)
			}
		}
	}
	for _, l := range lines {
		l.setDay(due.AddDays(5), 9)
	}
	check("five days after the due date")
	if wl := w.line(); wl.Account.PenaltyAccrued == y.line().Account.PenaltyAccrued || wl.Account.Overdue.Due.IsZero() {
		t.Errorf("the line that never paid is not overdue: the comparison proves nothing")
	}
	for _, l := range lines {
		l.setDay(longDate(t, "2018-04-01"), 9)
	}
	check("the next statement")
	// What the reversal made owed again: the payoff quote of each plan
	// still owing is what the line that never paid is quoted. (Which
	// purchases the lines hold differs: see
	// TestLongLineReversalLeavesOwingPurchasesArchived.)
	for _, l := range lines {
		l.setDay(longDate(t, "2018-04-02"), 9)
	}
	for _, pair := range [][2]*longLine{{x, y}, {z, w}} {
		a, b := pair[0].advance(), pair[1].advance()
		if ga, gb := longPurchaseIDs(a), longPurchaseIDs(b); ga != gb {
			t.Logf("%s holds purchases %s\n%s holds %s", a.ID, ga, b.ID, gb)
		}
		// a payoff quote of each plan still owing on the one is the
		// same on the other
		for _, p := range b.Purchases {
			if p.Plan == "" {
				continue
			}
			pid := strings.TrimPrefix(p.ID, b.ID+"-")
			qb, errb := e.QuotePayoff(ctx, credit.Payoff{Line: b.ID, Purchase: p.ID})
			qa, erra := e.QuotePayoff(ctx, credit.Payoff{Line: a.ID, Purchase: a.ID + "-" + pid})
			if longCode(erra) != longCode(errb) || longNorm(t, a.ID, qa) != longNorm(t, b.ID, qb) {
				t.Errorf("payoff quote of plan %s: %s says %v (%q), %s says %v (%q)", pid, a.ID, qa.Total, longCode(erra), b.ID, qb.Total, longCode(errb))
			}
		}
	}
	for _, l := range lines {
		got, err := e.Statements(ctx, l.id)
		if err != nil {
			t.Fatal(err)
		}
		if d := longDiff(l.stmts, got); d != "" {
			t.Errorf("%s: statements differ from those seen (-seen +got):\n%s", l.id, d)
		}
		ln := l.line()
		for pid, p := range l.seen {
			if !longArchived(ln, pid) {
				continue
			}
			got, err := e.Purchase(ctx, l.id, pid)
			if err != nil {
				t.Fatal(err)
			}
			if d := longPurchaseDiff(p, got); d != "" {
				t.Errorf("%s: archived %s after the restatement (-seen +got):\n%s", l.id, pid, d)
			}
		}
		holder, _ := longPostings(t, e, l.id)
		if owed := longOwed(t, ln); !holder.Equal(owed) {
			t.Errorf("%s: holder postings %v, owed %v", l.id, holder, owed)
		}
		for name, r := range longReaders(t, store, clock) {
			got, err := r.Line(ctx, l.id)
			if err != nil {
				t.Fatal(err)
			}
			if d := longDiff(ln, got); d != "" {
				t.Errorf("%s %s: line differs (-warm +cold):\n%s", l.id, name, d)
			}
		}
	}
}

// longPurchaseIDs lists the purchases a line holds, without its prefix.
func longPurchaseIDs(l *credit.Line) string {
	var ids []string
	for _, p := range l.Purchases {
		ids = append(ids, strings.TrimPrefix(p.ID, l.ID+"-"))
	}
	sort.Strings(ids)
	return strings.Join(ids, " ")
}
