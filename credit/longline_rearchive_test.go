package credit_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/justspend/justspend/credit"
)

// longArchived reports whether purchase id has left the line's state.
func longArchived(l *credit.Line, id string) bool {
	for _, p := range l.Purchases {
		if p.ID == id {
			return false
		}
	}
	return true
}

// A purchase archived, brought back by a refund, settled and archived
// again, five times over, with snapshots at every fact or at the default
// cadence, or through two Engines in turn: Engine.Purchase always reads its latest state, on every kind of
// Engine, and every refund's key replays its own result.
func TestLongLineRearchivedAgainAndAgain(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	for _, every := range []int64{1, 0, -1} {
		name := fmt.Sprint("SnapshotEvery=", every)
		if every < 0 {
			name = "two Engines"
		}
		t.Run(name, func(t *testing.T) {
			two := every < 0 // two Engines, taking turns round by round
			if two {
				every = 0
			}
			ctx := context.Background()
			store, clock, e := longStart(t, every)
			start := longDate(t, "2016-01-04")
			clock.Set(start.At(9, 0, longZone))
			l := longOpen(t, e, clock, "R", 5000000)
			l.everyCommand(start)
			l.run(start.AddDays(70), 40)
			if !longArchived(l.observe(), "E1") {
				t.Fatal("E1 not archived")
			}
			var refunds []*longCmd
			last, err := e.Purchase(ctx, "R", "E1")
			if err != nil {
				t.Fatal(err)
			}
			day := start.AddDays(110)
			other := longEngine(t, store, clock, 3)
			if _, err := other.Line(ctx, "R"); err != nil {
				t.Fatal(err)
			}
			for round := 0; round < 5; round++ {
				if two && round%2 == 1 {
					l.e = other
				} else {
					l.e = e
				}
				p := l.mustPurchase("refund", "E1", 1000)
				refunds = append(refunds, l.cmds[len(l.cmds)-1])
				if p.Refunded.Units() != last.Refunded.Units()+1000 {
					t.Fatalf("round %d: refunded %v after %v and a refund of 10.00", round, p.Refunded, last.Refunded)
				}
				ln := l.observe()
				if longArchived(ln, "E1") {
					t.Errorf("round %d: the refund did not bring E1 back", round)
				}
				// the refund is a credit balance: pay it out, so that E1
				// settles, and let the line archive it again
				if b, _ := ln.Balances(); b.Credit.IsPositive() {
					po := credit.Payment{Key: l.key("payout"), Line: "R", Amount: b.Credit}
					l.must("payout", po.Key, func(e *credit.Engine) (any, error) { return e.Payout(ctx, po) })
				}
				l.run(day, 20)
				day = day.AddDays(20)
				ln = l.observe()
				if !longArchived(ln, "E1") {
					t.Logf("round %d: E1 not archived again yet", round)
				}
				last = &p
				for i, r := range []*credit.Engine{e, other} {
					got, err := r.Purchase(ctx, "R", "E1")
					if err != nil {
						t.Fatal(err)
					}
					if d := longDiff(l.seen["E1"], got); d != "" {
						t.Errorf("round %d, engine %d: Purchase(E1) is not its latest state (-last seen +got):\n%s", round, i, d)
					}
				}
			}
			for name, r := range longReaders(t, store, clock) {
				got, err := r.Purchase(ctx, "R", "E1")
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if d := longDiff(l.seen["E1"], got); d != "" {
					t.Errorf("%s: Purchase(E1) (-last seen +got):\n%s", name, d)
				}
				longCheckKeys(t, name, l, r, refunds)
			}
			longCheckKeys(t, "warm", l, e, refunds)
			longCheckKeys(t, "other", l, other, refunds)
			longSame(t, store, clock, "R", e, other)
		})
	}
}
