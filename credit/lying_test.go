package credit_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// lyingBook is two Huabei lines with enough history for every lie: A and
// B, each with a dozen facts and snapshots every four, in a MemStore
// behind a LyingStore.
func lyingBook(t *testing.T) (*credittest.MemStore, *credittest.LyingStore, *credittest.Clock) {
	t.Helper()
	mem := credittest.NewMemStore()
	lies := credittest.NewLyingStore(mem)
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: lies, Clock: clock, Products: credit.Presets(), SnapshotEvery: 4})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, id := range []string{"A", "B"} {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h-" + id, Product: "huabei", Limit: cny(100000)}); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			p := fmt.Sprint("p", i)
			if _, err := e.Authorize(ctx, credit.Authorize{Key: "a" + p, Line: id, Purchase: p, Amount: cny(10000), Merchant: tmall}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Void(ctx, credit.PurchaseCommand{Key: "v" + p, Line: id, Purchase: p}); err != nil {
				t.Fatal(err)
			}
		}
		// A fresh engine reads every snapshot once, so that the lying
		// store has a history to lie from.
		if _, err := newEngine(t, lies, clock).Line(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	return mem, lies, clock
}

// TestLyingStore: for every lie, a command on line A through an engine
// that reads A cold (from its snapshot and journal) through the lying
// store. A lie the Engine must report is a *CorruptError that commits
// nothing and leaves nothing wrong in the cache: the same command sent
// again, with the store honest, gets what an honest store gives. Any
// other lie changes nothing the command returns.
func TestLyingStore(t *testing.T) {
	ctx := context.Background()
	for _, lie := range credittest.Lies() {
		t.Run(lie.String(), func(t *testing.T) {
			mem, lies, clock := lyingBook(t)
			honest := newEngine(t, mem, clock)
			want, err := honest.Quote(ctx, credit.Authorize{Line: "A", Purchase: "q", Amount: cny(50000), Merchant: tmall})
			if err != nil {
				t.Fatal(err)
			}
			e := newEngine(t, lies, clock)
			before := journalOf(t, mem, "A")
			lies.Arm("A", lie)
			pay := credit.Payment{Key: "pay", Line: "A", Amount: cny(1234)}
			_, err = e.Pay(ctx, pay)
			told := lies.Told("A")
			lies.Arm("A", credittest.NoLie)
			if len(told) != 1 || told[0] != lie {
				t.Fatalf("the store told %v, not %v: the book does not allow the lie", told, lie)
			}
			if lie.Detectable() {
				var ce *credit.CorruptError
				if !errors.As(err, &ce) || !errors.Is(err, credit.ErrCorruptJournal) || ce.Line != "A" {
					t.Fatalf("the engine said %v, want a *CorruptError on line A", err)
				}
				if journalOf(t, mem, "A") != before || journalOf(t, mem, "B") == "" {
					t.Fatal("a command on a lie changed a journal")
				}
				t.Logf("%v: %v", lie, err)
				if _, err = e.Pay(ctx, pay); err != nil { // the store honest again
					t.Fatalf("sent again to an honest store: %v", err)
				}
			} else if err != nil {
				t.Fatalf("an old read (%v): %v", lie, err)
			}
			got, err := e.Quote(ctx, credit.Authorize{Line: "A", Purchase: "q", Amount: cny(50000), Merchant: tmall})
			if err != nil {
				t.Fatal(err)
			}
			// The payment of 12.34 is a credit balance: it raises the
			// available credit by as much.
			if got.AvailableBefore.Units() != want.AvailableBefore.Units()+1234 {
				t.Errorf("after the lie, %v available; an honest store gives %v before the payment of 12.34", got.AvailableBefore, want.AvailableBefore)
			}
			checkJournal(t, mem, honest, "A")
		})
	}
}

// TestLyingStoreCases: the two commits that lies used to cause. A Load
// that returned a record twice let an over-limit authorization commit
// after another writer's append; a snapshot of another line sent a
// payment to that line.
func TestLyingStoreCases(t *testing.T) {
	ctx := context.Background()
	mem, lies, clock := lyingBook(t)
	writer := newEngine(t, mem, clock) // another process, on the honest store
	e := newEngine(t, lies, clock)

	// A's line is RMB 1,000 with nothing held. Each engine authorizes
	// RMB 600: one must be declined.
	if d, err := writer.Authorize(ctx, credit.Authorize{Key: "w", Line: "A", Purchase: "w", Amount: cny(60000), Merchant: tmall}); err != nil || !d.Approved {
		t.Fatal(d, err)
	}
	lies.Arm("A", credittest.DuplicateRecord)
	_, err := e.Authorize(ctx, credit.Authorize{Key: "e", Line: "A", Purchase: "e", Amount: cny(60000), Merchant: tmall})
	if !errors.Is(err, credit.ErrCorruptJournal) {
		t.Fatalf("a journal read with a record twice: %v, want ErrCorruptJournal", err)
	}
	d, err := e.Authorize(ctx, credit.Authorize{Key: "e", Line: "A", Purchase: "e", Amount: cny(60000), Merchant: tmall})
	if err != nil || d.Approved {
		t.Errorf("sent again, the store honest: %+v, %v; want declined (600 of 1,000 held)", d, err)
	}

	b := journalOf(t, mem, "B")
	a := journalOf(t, mem, "A")
	lies.Arm("A", credittest.OtherSnapshot)
	cold := newEngine(t, lies, clock)
	if _, err := cold.Pay(ctx, credit.Payment{Key: "pay-a", Line: "A", Amount: cny(5000)}); !errors.Is(err, credit.ErrCorruptJournal) {
		t.Errorf("a payment on A read with B's snapshot: %v, want ErrCorruptJournal", err)
	}
	if journalOf(t, mem, "B") != b || journalOf(t, mem, "A") != a {
		t.Error("the payment reached a journal")
	}
	checkJournal(t, mem, writer, "A")
	checkJournal(t, mem, writer, "B")
}
