package credit_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/shopspring/decimal"
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

// TestCampaignDatedNotPosted: the campaign's days are the days
// authorizations are made, in the product's zone, not the days they post.
// On a product whose day closes at 22:00, an authorization at 23:00 on 11
// November in Beijing posts on the 12th and takes the 11.11 coupon; so
// does one made at 23:59 that arrives after its line has moved to the
// 12th; one made at 00:00 on the 12th does not.
func TestCampaignDatedNotPosted(t *testing.T) {
	ctx := context.Background()
	p := promoProduct(100000, 0)
	p.Billing.Cycle.CutoffHour = 22
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	openPromo(t, e, "L1")
	openPromo(t, e, "L2")
	clock.Set(at("2025-11-11 23:00"))
	cmd := credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
	if q, err := e.Quote(ctx, cmd); err != nil || !q.Approved {
		t.Errorf("quote at 23:00: %+v, %v", q, err)
	}
	if d, err := e.Authorize(ctx, cmd); err != nil || !d.Approved {
		t.Fatalf("at 23:00: %+v, %v", d, err)
	}
	l, err := e.Line(ctx, "L1")
	if err != nil || l.Purchases[0].AuthorizedOn != promoDay("2025-11-12") || l.Purchases[0].Promotion.Grant != cny(1320) {
		t.Fatalf("%+v, %v", l.Purchases, err)
	}
	clock.Set(at("2025-11-12 00:01"))
	if _, err := e.Advance(ctx, "L2", promoDay("2025-11-12")); err != nil {
		t.Fatal(err)
	}
	late := credit.Authorize{Key: "a2", Line: "L2", Purchase: "p2", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111", At: at("2025-11-11 23:59")}
	if d, err := e.Authorize(ctx, late); err != nil || !d.Approved {
		t.Fatalf("late: %+v, %v", d, err)
	}
	next := late
	next.Key, next.Purchase, next.At = "a3", "p3", at("2025-11-12 00:00")
	if d, err := e.Authorize(ctx, next); err != nil || d.Approved || d.Reasons[0].Code != credit.CodeCampaignNotOpen {
		t.Fatalf("on the 12th: %+v, %v", d, err)
	}
	if s := campaignState(t, e); s.Grants != 2 || s.Granted != cny(2640) {
		t.Errorf("%+v", s)
	}
}

// TestCampaignPostedInParts: CNY 1,000.01 with the coupon, captured and
// delivered in three parts. The whole's fee is 88.00 (7.37 then 7.33 a
// period), the three periods waived 22.03, the platform's half-even half
// 11.01 (the grant). Each part of 333.33 or 333.35 waives 7.37 (2.49 +
// 2.44 + 2.44): 22.11 in all. The platform funds no more than its grant,
// 3.69 + 3.69 + 3.63; the merchant takes the rest of what is waived,
// 22.11 - 11.01 = 11.10, and the shopper pays no fee in periods 1-3 of
// any part. Every fact's postings sum to zero; paying off at once costs
// the principal alone; a full refund leaves the holder owing nothing, the
// merchant's fees returned, and the grant spent; a fresh Engine agrees.
func TestCampaignPostedInParts(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e := promoEngine(t, store, clock, 100000, 0)
	openPromo(t, e, "L1")
	d, err := e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(100001), Merchant: tmall, Plan: "12-month", Campaign: "1111"})
	if err != nil || !d.Approved {
		t.Fatalf("%+v %v", d, err)
	}
	var waived int64
	for i, part := range []int64{33333, 33333, 33335} {
		if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: fmt.Sprint("c", i), Line: "L1", Purchase: "p1", Amount: cny(part)}); err != nil {
			t.Fatal(err)
		}
		pu, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: fmt.Sprint("d", i), Line: "L1", Purchase: "p1"})
		if err != nil {
			t.Fatal(err)
		}
		s := pu.Schedule
		waived += s.PromotionFee.Units()
		if pu.Promotion.Grant != cny(1101) || pu.Promotion.Funded.Units() > 1101 {
			t.Errorf("part %d: %+v", i, pu.Promotion)
		}
		for _, in := range s.Installments {
			if in.Period <= 3 && !in.Fee.IsZero() {
				t.Errorf("part %d: free period %d charges %v", i, in.Period, in.Fee)
			}
		}
		if pu.MerchantFees.Units() != waived-pu.Promotion.Funded.Units() {
			t.Errorf("part %d: merchant fees %v, waived %d, funded %v", i, pu.MerchantFees, waived, pu.Promotion.Funded)
		}
	}
	got := sumPostings(t, e, "L1")
	if waived != 2211 || got["expense:promotion:1111"] != 1101 || got["income:merchant_fee"] != -1110 || got["holder"] != 100001+3*2196 {
		t.Errorf("waived %d; postings %v", waived, got)
	}
	q, err := e.QuotePayoff(ctx, credit.Payoff{Line: "L1", Purchase: "p1"})
	if err != nil || q.Total != cny(100001) || !q.Fees.IsZero() {
		t.Errorf("payoff %+v, %v", q, err)
	}
	clock.Set(at("2025-11-20 10:00"))
	pu, err := e.Refund(ctx, credit.PurchaseCommand{Key: "r1", Line: "L1", Purchase: "p1", Amount: cny(100001)})
	if err != nil || pu.FeesReturned != pu.MerchantFees || pu.Promotion.Funded != cny(1101) {
		t.Fatalf("refund %+v, %v", pu, err)
	}
	got = sumPostings(t, e, "L1")
	if got["holder"] != 0 || got["income:merchant_fee"] != 0 || got["merchant:tmall-shop-1"] != 0 || got["expense:promotion:1111"] != 1101 || got["income:fee"] != -1101 {
		t.Errorf("after the refund: %v", got)
	}
	if s := campaignState(t, e); s.Spent != cny(1101) || s.Grants != 1 {
		t.Errorf("%+v", s)
	}
	live, err := e.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := promoEngine(t, store, clock, 100000, 0).Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(live, replayed, credittest.CmpOptions()); diff != "" {
		t.Errorf("a fresh Engine differs:\n%s", diff)
	}
}

// TestCampaignWindowInZone: the 11.11 campaign opens at midnight in
// Beijing, 16:00 UTC on 10 November, and closes at midnight after, for
// Quote and Authorize alike.
func TestCampaignWindowInZone(t *testing.T) {
	ctx := context.Background()
	clock := credittest.NewClock(at("2025-11-10 10:00"))
	e := promoEngine(t, credittest.NewMemStore(), clock, 100000, 0)
	openPromo(t, e, "L1")
	for i, c := range []struct {
		when string
		open bool
	}{{"2025-11-10T15:59:59Z", false}, {"2025-11-10T16:00:00Z", true}, {"2025-11-11T15:59:59Z", true}, {"2025-11-11T16:00:00Z", false}} {
		tm, err := time.Parse(time.RFC3339, c.when)
		if err != nil {
			t.Fatal(err)
		}
		clock.Set(tm)
		cmd := credit.Authorize{Key: fmt.Sprint("a", i), Line: "L1", Purchase: fmt.Sprint("p", i), Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
		q, qerr := e.Quote(ctx, cmd)
		d, err := e.Authorize(ctx, cmd)
		if qerr != nil || err != nil || q.Approved != c.open || d.Approved != c.open {
			t.Errorf("%s: quote %+v, %v; authorize %+v, %v; want approved %v", c.when, q, qerr, d, err, c.open)
		}
		if !c.open && (len(d.Reasons) != 1 || d.Reasons[0].Code != credit.CodeCampaignNotOpen) {
			t.Errorf("%s: %+v, want campaign_not_open", c.when, d.Reasons)
		}
	}
	if s := campaignState(t, e); s.Grants != 2 || s.Granted != cny(2640) {
		t.Errorf("%+v", s)
	}
}

// TestCampaignDatedBeforeOpening: an authorization dated 23:59 on 10
// November in Beijing arrives when the line already stands on 11
// November. It posts on the line's day, but it was not made during the
// campaign: the coupon does not apply (campaign_not_open), in Quote as in
// Authorize, and nothing is granted. One dated within the campaign takes
// it.
func TestCampaignDatedBeforeOpening(t *testing.T) {
	ctx := context.Background()
	clock := credittest.NewClock(at("2025-11-01 10:00"))
	e := promoEngine(t, credittest.NewMemStore(), clock, 100000, 0)
	openPromo(t, e, "L1")
	clock.Set(at("2025-11-11 00:01"))
	if _, err := e.Advance(ctx, "L1", promoDay("2025-11-11")); err != nil {
		t.Fatal(err)
	}
	cmd := credit.Authorize{Key: "a0", Line: "L1", Purchase: "p0", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111", At: at("2025-11-10 23:59")}
	for name, call := range map[string]func(context.Context, credit.Authorize) (credit.Decision, error){"quote": e.Quote, "authorize": e.Authorize} {
		d, err := call(ctx, cmd)
		if err != nil || d.Approved || len(d.Reasons) != 1 || d.Reasons[0].Code != credit.CodeCampaignNotOpen {
			t.Errorf("%s: %+v, %v; want campaign_not_open", name, d, err)
		}
	}
	if s := campaignState(t, e); s.Grants != 0 || !s.Granted.IsZero() {
		t.Errorf("a coupon outside the campaign was granted: %+v", s)
	}
	cmd.Key, cmd.Purchase, cmd.At = "a1", "p1", at("2025-11-11 00:00")
	if d, err := e.Authorize(ctx, cmd); err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	if s := campaignState(t, e); s.Grants != 1 {
		t.Errorf("%+v", s)
	}
}

// TestCampaignJournalLies: the store lies once about the campaign's
// journal, each lie in turn, while authorizations with the coupon run on
// a budget that fits three. A lie the Engine must detect fails the
// command it hits (a *CorruptError) and commits nothing; the budget is
// never passed, and a fresh Engine on the honest store agrees with the
// lines on every grant.
func TestCampaignJournalLies(t *testing.T) {
	ctx := context.Background()
	for _, lie := range credittest.Lies() {
		t.Run(lie.String(), func(t *testing.T) {
			mem := credittest.NewMemStore()
			liar := credittest.NewLyingStore(mem)
			clock := credittest.NewClock(at("2025-11-11 10:00"))
			e := promoEngine(t, liar, clock, 3960, 0) // three grants of 13.20
			for i := range 5 {
				openPromo(t, e, fmt.Sprint("L", i))
			}
			// Two grants before the lie, so that there are records to lie about.
			for i := range 2 {
				if d, err := e.Authorize(ctx, credit.Authorize{Key: "k", Line: fmt.Sprint("L", i), Purchase: "p", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}); err != nil || !d.Approved {
					t.Fatalf("%+v, %v", d, err)
				}
			}
			liar.Arm("\x1fcampaign\x1f1111", lie)
			for _, e := range []*credit.Engine{e, promoEngine(t, liar, clock, 3960, 0)} {
				for i := range 5 {
					cmd := credit.Authorize{Key: "k", Line: fmt.Sprint("L", i), Purchase: "p", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
					d, err := e.Authorize(ctx, cmd)
					var ce *credit.CorruptError
					switch {
					case errors.As(err, &ce):
					case err != nil:
						t.Errorf("%s: %v", cmd.Line, err)
					case !d.Approved && d.Reasons[0].Code != credit.CodeCampaignSpent:
						t.Errorf("%s: %+v", cmd.Line, d)
					}
				}
			}
			honest := promoEngine(t, mem, clock, 3960, 0)
			s := campaignState(t, honest)
			var carried, approved int64
			for i := range 5 {
				l, err := honest.Line(ctx, fmt.Sprint("L", i))
				if err != nil {
					t.Fatal(err)
				}
				for _, pu := range l.Purchases {
					carried += pu.Promotion.Grant.Units()
					approved++
				}
			}
			if s.Spent.Units() > 3960 || carried != s.Spent.Units() || approved != 3 {
				t.Errorf("campaign %+v; the lines carry %d in %d purchases", s, carried, approved)
			}
		})
	}
}

// TestCampaignKeys: one key, one command. The same key with another
// campaign, another fee share or without the coupon is refused and grants
// nothing; a budget that fits one grant exactly approves it and leaves
// nothing; what the Engine hands out can be changed without changing it.
func TestCampaignKeys(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	p := promoProduct(1320, 0)
	second := p.Campaigns[0]
	second.Name = "L1" // a campaign named as a line is
	p.Campaigns = append(p.Campaigns, second)
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	openPromo(t, e, "L1")
	cmd := credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
	if d, err := e.Authorize(ctx, cmd); err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	other := cmd
	other.Campaign = "L1"
	shared := cmd
	shared.Merchant.FeeShare = "0.5"
	none := cmd
	none.Campaign = ""
	for _, c := range []credit.Authorize{other, shared, none} {
		var ie *credit.IdempotencyError
		if _, err := e.Authorize(ctx, c); !errors.As(err, &ie) {
			t.Errorf("campaign %q, share %q under the same key: %v", c.Campaign, c.Merchant.FeeShare, err)
		}
	}
	for _, name := range []string{"1111", "L1"} {
		s, err := e.Campaign(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{"1111": 1320, "L1": 0}[name]
		if s.Granted.Units() != want || s.Remaining.Units() != 1320-want {
			t.Errorf("campaign %s: %+v", name, s)
		}
		s.Granted, s.Remaining, s.Grants = cny(1), cny(1), 99
		if again, _ := e.Campaign(ctx, name); again.Granted.Units() != want || again.Grants != int(want/1320) {
			t.Errorf("changing a returned state changed the campaign: %+v", again)
		}
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(120000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"}); err != nil {
		t.Fatal(err)
	}
	// The line is untouched by the campaign's journal of its name.
	l, err := e.Line(ctx, "L1")
	if err != nil || len(l.Purchases) != 1 || l.Purchases[0].Promotion.Campaign != "1111" {
		t.Fatalf("%v", err)
	}
	l.Purchases[0].Promotion.Grant = cny(0)
	l.Purchases[0].Schedule.Installments[0].Fee = cny(999)
	l.Purchases[0].Schedule.PromotionFee = cny(0)
	fresh, err := e.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	if pu := fresh.Purchases[0]; pu.Promotion.Grant != cny(1320) || !pu.Schedule.Installments[0].Fee.IsZero() || pu.Schedule.PromotionFee != cny(2640) {
		t.Errorf("changing a returned line changed the Engine's: %+v", pu.Promotion)
	}
	// The budget is spent to the fen: the next coupon is campaign_spent.
	next := cmd
	next.Key, next.Purchase, next.Amount = "a2", "p2", cny(100)
	d, err := e.Authorize(ctx, next)
	if err != nil || d.Approved || d.Reasons[0].Code != credit.CodeCampaignSpent {
		t.Fatalf("%+v, %v", d, err)
	}
}

// TestCampaignRescheduleKeepsFreePeriods: CNY 1,200 with the 11.11
// coupon (periods 1-3 free, paid for by the campaign and the merchant
// when the purchase posted). Period 1 is billed on 1 December; on 5
// December the holder reschedules the rest over 12 months. The two free
// periods not yet billed stay free: the new plan's first two periods
// charge no fee, and the holder owes the new plan's fee on CNY 1,100 less
// those two periods. A fresh Engine replays the same line.
func TestCampaignRescheduleKeepsFreePeriods(t *testing.T) {
	ctx := context.Background()
	p := promoProduct(100000, 0)
	p.Hardship = credit.Hardship{Reschedule: p.Installments[3:4]} // 12-month, 8.8%
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	engine := func() *credit.Engine {
		e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: []credit.Product{p}})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	e := engine()
	openPromo(t, e, "L1")
	if d, err := e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}); err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(120000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(at("2025-12-05 10:00"))
	before := sumPostings(t, e, "L1")["holder"]
	l, err := e.Reschedule(ctx, credit.Rescheduling{Key: "r", Line: "L1", Purchase: "p1", Plan: "12-month"})
	if err != nil {
		t.Fatal(err)
	}
	// 1,100 × 8.8% = 96.80, 8.06 a period and 0.08 more in the first:
	// 8.14 + 8.06 waived, 80.60 owed. The old periods 4-12 owed 9 × 8.80.
	after := sumPostings(t, e, "L1")["holder"]
	if got, want := after-before, int64(8060-9*880); got != want {
		t.Errorf("the rescheduling moved the holder's debt by %d, want %d", got, want)
	}
	var newFees []int64
	for _, d := range l.Account.Debts {
		if d.Ref == "p1" && d.Period > 12 && d.Component == billing.Fee {
			for len(newFees) < d.Period-12 {
				newFees = append(newFees, 0)
			}
			newFees[d.Period-13] += d.Amount.Units()
		}
	}
	if len(newFees) != 12 || newFees[0] != 0 || newFees[1] != 0 || newFees[2] != 806 {
		t.Errorf("the new periods' fees %v: want the first two free", newFees)
	}
	live, err := e.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := engine().Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(live, replayed, credittest.CmpOptions()); diff != "" {
		t.Errorf("a fresh Engine differs:\n%s", diff)
	}
}

// TestCampaignConcurrentRefusals: on two Engines sharing a store, each
// line's purchase is authorized at once under two keys (a checkout that
// retried under a new key). Both decide on the same version of the line
// and take a grant; one commits, the other is refused (the purchase ID is
// taken) and gives its grant back, so that the budget spent is exactly
// what the lines' purchases carry.
func TestCampaignConcurrentRefusals(t *testing.T) {
	ctx := context.Background()
	store := &slowLines{Store: credittest.NewMemStore()}
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	engines := []*credit.Engine{promoEngine(t, store, clock, 1000000, 0), promoEngine(t, store, clock, 1000000, 0)}
	const lines = 6
	for i := range lines {
		openPromo(t, engines[0], fmt.Sprint("L", i))
		if _, err := engines[1].Line(ctx, fmt.Sprint("L", i)); err != nil { // both Engines cache the line
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var refused atomic.Int64
	start := make(chan struct{})
	for g := range lines * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			cmd := credit.Authorize{Key: fmt.Sprint("k", g), Line: fmt.Sprint("L", g/2), Purchase: "p", Amount: cny(60000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
			_, err := engines[g%2].Authorize(ctx, cmd)
			var ce *credit.CommandError
			if errors.As(err, &ce) {
				refused.Add(1)
			} else if err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	s := campaignState(t, engines[1])
	var carried int64
	for i := range lines {
		l, err := engines[0].Line(ctx, fmt.Sprint("L", i))
		if err != nil {
			t.Fatal(err)
		}
		for _, pu := range l.Purchases {
			carried += pu.Promotion.Grant.Units()
		}
	}
	if s.Spent.Units() != carried || carried != lines*660 || s.Grants != lines || refused.Load() != lines {
		t.Errorf("campaign %+v; the lines carry %d; %d refused", s, carried, refused.Load())
	}
}

// slowLines is a store whose line appends take a while (a campaign's do
// not): authorizations on one line decide on the same version, take
// their grants, and then conflict.
type slowLines struct{ credit.Store }

func (s *slowLines) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	if !strings.HasPrefix(line, "\x1f") {
		time.Sleep(2 * time.Millisecond)
	}
	return s.Store.Append(ctx, line, version, recs)
}

// TestCampaignSharedAcrossProducts: two products offer one campaign on the
// same terms, its plan priced differently in each: one name, one budget.
// The budget fits one grant of 13.20; a line of the other product finds
// it spent. A void does not give a grant back, and with PerLine 1 the
// line's coupon is used. A third product naming the campaign with a
// share written "0.50" is on other terms as far as the Engine can tell:
// refused at NewEngine, naming the field.
func TestCampaignSharedAcrossProducts(t *testing.T) {
	ctx := context.Background()
	a := promoProduct(1320, 1)
	b := promoProduct(1320, 1)
	b.Name = "huabei-promo-b"
	b.Installments[3].FeeRate = decimal.RequireFromString("0.12")
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{a, b}})
	if err != nil {
		t.Fatal(err)
	}
	openPromo(t, e, "L1")
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L2", Holder: "h2", Product: b.Name, Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	cmd := credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
	if d, err := e.Authorize(ctx, cmd); err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	if _, err := e.Void(ctx, credit.PurchaseCommand{Key: "v1", Line: "L1", Purchase: "p1"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		line, code string
	}{{"L2", credit.CodeCampaignSpent}, {"L1", credit.CodeCampaignNotEligible}} {
		next := cmd
		next.Key, next.Line, next.Purchase, next.Amount = "a2", c.line, "p2", cny(1000)
		d, err := e.Authorize(ctx, next)
		if err != nil || d.Approved || len(d.Reasons) != 1 || d.Reasons[0].Code != c.code {
			t.Errorf("%s: %+v, %v; want %s", c.line, d, err, c.code)
		}
	}
	if s := campaignState(t, e); s.Spent != cny(1320) || s.Grants != 1 || !s.Remaining.IsZero() {
		t.Errorf("%+v", s)
	}
	c := promoProduct(1320, 1)
	c.Name = "huabei-promo-c"
	c.Campaigns[0].MerchantShare = decimal.RequireFromString("0.50")
	var pe *credit.ProductError
	if _, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{a, c}}); !errors.As(err, &pe) || !strings.HasPrefix(pe.Field, "campaigns[0]") {
		t.Errorf("%v", err)
	}
}

// TestPromotionPartsTooSmallForHalfUp: on a product whose 12-month plan
// rounds half-up with the remainder in the last period, CNY 0.07 cannot
// be laid out over 12 periods. A capture of 0.07 of a purchase that posts
// on delivery is refused where it enters (it could never post, and the
// automatic confirmation would stop the line advancing); a larger capture
// is taken, posts, and the line advances. A purchase whose merchant pays
// 99.92% of the fee, leaving the shopper 0.07 of it, posts too.
func TestPromotionPartsTooSmallForHalfUp(t *testing.T) {
	ctx := context.Background()
	p := credit.Huabei()
	p.Name = "half-up"
	p.Installments[3].Split = billing.HalfUpLastSplit // 12-month
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "h", Product: p.Name, Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	shared := tmall
	shared.FeeShare = "0.9992"
	for _, m := range []credit.Merchant{tmall, shared} {
		id := "p-" + m.FeeShare
		if d, err := e.Authorize(ctx, credit.Authorize{Key: "a" + id, Line: "L1", Purchase: id, Amount: cny(100000), Merchant: m, Plan: "12-month"}); err != nil || !d.Approved {
			t.Fatalf("%+v, %v", d, err)
		}
	}
	// Checkout declines what the plan could never lay out: 0.07 over 12
	// periods rounded half-up is 0.01 a period, 0.11 for the first eleven;
	// 0.11 fits (0.00 in the last).
	for _, tc := range []struct {
		fen  int64
		want bool
	}{{7, false}, {10, false}, {11, true}} {
		id := "tiny-" + strconv.FormatInt(tc.fen, 10)
		d, err := e.Authorize(ctx, credit.Authorize{Key: "a" + id, Line: "L1", Purchase: id, Amount: cny(tc.fen), Merchant: tmall, Plan: "12-month"})
		if err != nil || d.Approved != tc.want || (!tc.want && (len(d.Reasons) != 1 || d.Reasons[0].Code != credit.CodeBelowMinimumPurchase)) {
			t.Fatalf("%s on 12 periods rounded half-up: %+v, %v; want approved %v", cny(tc.fen), d, err, tc.want)
		}
	}
	var ce *credit.CommandError
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c0", Line: "L1", Purchase: "p-", Amount: cny(7)}); !errors.As(err, &ce) {
		t.Fatalf("a capture of 0.07 on 12 periods rounded half-up: %v", err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p-", Amount: cny(5000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c2", Line: "L1", Purchase: "p-0.9992", Amount: cny(100000)}); err != nil {
		t.Fatal(err)
	}
	pu, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d2", Line: "L1", Purchase: "p-0.9992"})
	if err != nil || pu.Schedule.TotalFee != cny(7) || pu.Schedule.MerchantFee != cny(8793) {
		t.Fatalf("%+v, %v", pu.Schedule, err)
	}
	clock.Set(at("2025-12-02 10:00")) // automatic confirmation of the other, and a statement
	l, err := e.Advance(ctx, "L1", promoDay("2025-12-02"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pu := range l.Purchases {
		if pu.State != credit.Posted && pu.ID != "tiny-11" { // never captured: it expires
			t.Errorf("%s: %v", pu.ID, pu.State)
		}
	}
	sumPostings(t, e, "L1")
}
