package credit_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// TestFingerprintCollisions: the indexes of old keys and archived
// purchases keep 32-bit fingerprints, so two keys (or purchase IDs) can
// share one. A match is confirmed against the record it points to: a new
// key whose fingerprint is an old key's is a new command, and a new
// purchase ID whose fingerprint is an archived purchase's is a new
// purchase; the old key still replays, the archived ID is still refused.
func TestFingerprintCollisions(t *testing.T) {
	ctx := context.Background()
	oldKey, newKey := credit.CollidingKeys("pay-", false)
	oldID, newID := credit.CollidingKeys("order-", true)
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	first, err := e.Pay(ctx, credit.Payment{Key: oldKey, Line: "L", Amount: cny(100)})
	if err != nil {
		t.Fatal(err)
	}
	// Ten purchases bought, delivered and paid for, the first with oldID:
	// settled, they are archived by the next day's advance.
	ids := []string{oldID}
	for i := range 9 {
		ids = append(ids, "filler-"+string(rune('a'+i)))
	}
	for i, id := range ids {
		clock.Set(at("2015-01-06 10:00").Add(time.Duration(i) * time.Minute))
		if d, err := e.Authorize(ctx, credit.Authorize{Key: "a-" + id, Line: "L", Purchase: id, Amount: cny(1000), Merchant: tmall}); err != nil || !d.Approved {
			t.Fatal(d, err)
		}
		if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c-" + id, Line: "L", Purchase: id, Amount: cny(1000)}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d-" + id, Line: "L", Purchase: id}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Pay(ctx, credit.Payment{Key: "pay-all", Line: "L", Amount: cny(len64(ids) * 1000)}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2015-01-07 10:00"))
	l, err := e.Advance(ctx, "L", day(t, "2015-01-07"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Purchases) != 0 {
		t.Fatalf("%d purchases still in the line, want all %d archived", len(l.Purchases), len(ids))
	}
	// A cold Engine knows the old key and the archived purchases by their
	// fingerprints alone.
	for name, eng := range map[string]*credit.Engine{"warm": e, "cold": newEngine(t, store, clock)} {
		t.Run(name, func(t *testing.T) {
			again, err := eng.Pay(ctx, credit.Payment{Key: oldKey, Line: "L", Amount: cny(100)})
			if err != nil || again != first {
				t.Errorf("the old key sent again: %+v, %v; want the first result %+v", again, err, first)
			}
			if _, err := eng.Authorize(ctx, credit.Authorize{Key: "again-" + name, Line: "L", Purchase: oldID, Amount: cny(500), Merchant: tmall}); errorCode(err) != credit.CodeBadPurchaseID {
				t.Errorf("the archived purchase's ID used again: %v, want %s", err, credit.CodeBadPurchaseID)
			}
			pu, err := eng.Purchase(ctx, "L", oldID)
			if err != nil || pu.ID != oldID || pu.State != credit.Posted {
				t.Errorf("the archived purchase: %+v, %v", pu, err)
			}
		})
	}
	// The colliding key and purchase ID are new: each does what it says.
	cold := newEngine(t, store, clock)
	before, err := cold.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	bal, err := cold.Pay(ctx, credit.Payment{Key: newKey, Line: "L", Amount: cny(100)})
	if err != nil || bal.Credit.Units() != before.Account.Credit.Units()+100 {
		t.Errorf("a new key sharing the old key's fingerprint: %+v, %v; want a new payment of 1.00", bal, err)
	}
	d, err := cold.Authorize(ctx, credit.Authorize{Key: "a-new", Line: "L", Purchase: newID, Amount: cny(500), Merchant: tmall})
	if err != nil || !d.Approved {
		t.Errorf("a new purchase ID sharing an archived one's fingerprint: %+v, %v; want approved", d, err)
	}
	after, err := cold.Line(ctx, "L")
	if err != nil || !slices.ContainsFunc(after.Purchases, func(pu *credit.Purchase) bool { return pu.ID == newID }) {
		t.Errorf("the new purchase is not in the line: %v", err)
	}
}

func len64[T any](s []T) int64 { return int64(len(s)) }
