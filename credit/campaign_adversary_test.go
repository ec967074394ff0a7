package credit_test

import (
	"context"
	"errors"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// TestCampaignRefusedAfterGrant: an Engine whose cached line is stale
// approves a coupon on it and takes the grant; its append conflicts, and
// on the line as stored the authorization is refused (another Engine
// authorized the same purchase ID under another key meanwhile). A refused
// command changes nothing: its grant goes back to the budget.
func TestCampaignRefusedAfterGrant(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e1 := promoEngine(t, store, clock, 100000, 0)
	e2 := promoEngine(t, store, clock, 100000, 0)
	openPromo(t, e1, "L1")
	if _, err := e1.Line(ctx, "L1"); err != nil { // e1 caches the line
		t.Fatal(err)
	}
	cmd := credit.Authorize{Key: "k2", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
	if d, err := e2.Authorize(ctx, cmd); err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	cmd.Key = "k1"
	var ce *credit.CommandError
	if _, err := e1.Authorize(ctx, cmd); !errors.As(err, &ce) || ce.Field != "purchase" {
		t.Fatalf("the same purchase ID under another key: %v", err)
	}
	if s := campaignState(t, e1); s.Spent != cny(1320) || s.Grants != 1 || s.Granted.Units()-s.Released.Units() != 1320 {
		t.Errorf("a refused authorization left budget spent: %+v", s)
	}
	// Its retry is refused again and grants nothing; ReleaseGrants has
	// nothing left to give back; a fresh Engine reads the same.
	if _, err := e1.Authorize(ctx, cmd); !errors.As(err, &ce) {
		t.Fatalf("retry: %v", err)
	}
	if released, err := e1.ReleaseGrants(ctx, "1111", "L1"); err != nil || !released.IsZero() {
		t.Fatalf("released %v, %v", released, err)
	}
	if s := campaignState(t, promoEngine(t, store, clock, 100000, 0)); s.Spent != cny(1320) || s.Grants != 1 {
		t.Errorf("a fresh Engine: %+v", s)
	}
}
