package credit_test

import (
	"context"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// What the Engine hands out about archived things is a copy: changing a
// statement Engine.Statements returned, or the rate, schedule or amounts
// of an archived purchase Engine.Purchase returned, changes nothing the
// Engine reads next, warm or cold.
func TestLongLineArchivedCopies(t *testing.T) {
	ctx := context.Background()
	store, clock, e := longStart(t, 0)
	l := longHistory(t, e, clock, "H", longDate(t, "2016-01-04"), 800)
	ln := l.observe()
	var usd, plan string
	for id, p := range l.seen {
		if !longArchived(ln, id) {
			continue
		}
		if p.Rate != nil && usd == "" {
			usd = id
		}
		if p.Schedule != nil && plan == "" {
			plan = id
		}
	}
	if usd == "" || plan == "" {
		t.Fatal("no archived purchase in dollars or on a plan")
	}
	for name, r := range map[string]*credit.Engine{"warm": e, "cold": longEngine(t, store, clock, 0)} {
		want, err := r.Statements(ctx, "H")
		if err != nil {
			t.Fatal(err)
		}
		wantCopy, _ := r.Statements(ctx, "H")
		for i := range wantCopy {
			s := &wantCopy[i]
			s.Balance = money.FromMinor(1, money.CNY)
			if len(s.Lines) > 0 {
				s.Lines[0].Amount = money.FromMinor(7, money.CNY)
				s.Lines = s.Lines[:0]
			}
			if len(s.Items) > 0 {
				s.Items[0].Ref = "changed"
			}
		}
		got, _ := r.Statements(ctx, "H")
		if d := longDiff(want, got); d != "" {
			t.Errorf("%s: changing the statements handed out changed the Engine's:\n%s", name, d)
		}
		for _, id := range []string{usd, plan} {
			want, err := r.Purchase(ctx, "H", id)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := r.Purchase(ctx, "H", id)
			if p.Rate != nil {
				*p.Rate = longRate(t, "9.99")
			}
			if p.Schedule != nil {
				p.Schedule.Principal = money.FromMinor(1, money.CNY)
				if len(p.Schedule.Installments) > 0 {
					p.Schedule.Installments[0] = p.Schedule.Installments[len(p.Schedule.Installments)-1]
				}
			}
			p.Refunded = money.FromMinor(99, money.CNY)
			got, _ := r.Purchase(ctx, "H", id)
			if d := longDiff(want, got); d != "" {
				t.Errorf("%s: changing archived %s handed out changed the Engine's:\n%s", name, id, d)
			}
			// and the refund that brings it back starts from the truth
			if _, err := r.QuotePayoff(ctx, credit.Payoff{Line: "H", Purchase: id}); err != nil && longCode(err) != "nothing_to_pay_off" {
				t.Errorf("%s: quote for %s: %v", name, id, err)
			}
		}
	}
	ln2, _ := e.Line(ctx, "H")
	for _, s := range ln2.Statements {
		s.Balance = money.FromMinor(3, money.CNY)
	}
	if len(ln2.Statements) > 0 && len(ln2.Statements[0].Items) > 0 {
		ln2.Statements[0].Items[0].Amount = money.FromMinor(3, money.CNY)
	}
	got, _ := e.Statements(ctx, "H")
	if d := longDiff(l.stmts, got); d != "" {
		t.Errorf("changing Line.Statements changed the Engine's:\n%s", d)
	}
	longSame(t, store, clock, "H", e)
}
