package credit_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/funding"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// promoProduct is Huabei with an 11.11 campaign: on 11 November 2025, on
// the 12-period plan (8.8% of the principal), 3 periods free, the merchant
// paying half of the fee waived and the platform the rest from a budget.
func promoProduct(budget int64, perLine int) credit.Product {
	p := credit.Huabei()
	p.Name = "huabei-promo"
	p.Campaigns = []credit.Campaign{{Name: "1111", From: promoDay("2025-11-11"), Until: promoDay("2025-11-11"),
		Plans: []string{"12-month"}, FreePeriods: 3, MerchantShare: decimal.RequireFromString("0.5"),
		Budget: cny(budget), PerLine: perLine}}
	return p
}

func promoDay(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func promoEngine(t testing.TB, store credit.Store, clock *credittest.Clock, budget int64, perLine int) *credit.Engine {
	t.Helper()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: []credit.Product{promoProduct(budget, perLine)}, Retries: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func openPromo(t testing.TB, e *credit.Engine, line string) {
	t.Helper()
	if _, err := e.OpenLine(context.Background(), credit.OpenLine{Key: "open", Line: line, Holder: "h-" + line, Product: "huabei-promo", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
}

func campaignState(t testing.TB, e *credit.Engine) credit.CampaignState {
	t.Helper()
	s, err := e.Campaign(context.Background(), "1111")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCampaignCoupon: the worked numbers of an 11.11 coupon. CNY 1,200 on
// 12 periods at 8.8% costs 105.60, 8.80 a period; the coupon makes periods
// 1-3 free, 26.40, of which the merchant pays half, 13.20, and the
// campaign's budget the other 13.20 (the grant). The shopper pays 79.20.
// A budget of 20.00 then has 6.80 left: another CNY 1,200 coupon (13.20)
// is campaign_spent, while a CNY 600 one (waiving 13.20, the platform's
// half 6.60) on another line fits, leaving 0.20. Each line takes the
// coupon once.
func TestCampaignCoupon(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e := promoEngine(t, store, clock, 2000, 1)
	openPromo(t, e, "L1")
	openPromo(t, e, "L2")

	first := credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
	d, err := e.Authorize(ctx, first)
	if err != nil || !d.Approved {
		t.Fatalf("coupon: %+v, %v", d, err)
	}
	if s := campaignState(t, e); s.Granted != cny(1320) || s.Remaining != cny(680) || s.Grants != 1 {
		t.Fatalf("after the first coupon: %+v", s)
	}
	again, err := e.Authorize(ctx, first) // a retry: the same decision, no second grant
	if err != nil || !again.Approved {
		t.Fatalf("retry: %+v, %v", again, err)
	}
	if s := campaignState(t, e); s.Granted != cny(1320) {
		t.Fatalf("a retry granted again: %+v", s)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(120000)}); err != nil {
		t.Fatal(err)
	}
	pu, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"})
	if err != nil {
		t.Fatal(err)
	}
	s := pu.Schedule
	if s.TotalFee != cny(7920) || s.PromotionFee != cny(2640) || pu.MerchantFees != cny(1320) {
		t.Fatalf("posted: shopper %v, waived %v, merchant fees %v; want 79.20, 26.40, 13.20", s.TotalFee, s.PromotionFee, pu.MerchantFees)
	}
	if pu.Promotion.Campaign != "1111" || pu.Promotion.Grant != cny(1320) || pu.Promotion.Funded != cny(1320) {
		t.Fatalf("promotion %+v", pu.Promotion)
	}
	for _, in := range s.Installments[:4] {
		if want := map[bool]int64{true: 0, false: 880}[in.Period <= 3]; in.Fee.Units() != want {
			t.Errorf("period %d fee %v, want %d fen", in.Period, in.Fee, want)
		}
	}
	// The delivery's postings: the campaign's expense against the fee
	// income, and the merchant's half with its merchant fees.
	events, err := e.Events(ctx, "L1", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, p := range events[len(events)-1].Fact.Postings {
		got[p.Account] += p.Amount.Units()
	}
	if got["expense:promotion:1111"] != 1320 || got["income:fee"] != -7920-1320 || got["merchant:tmall-shop-1"] != 1320-120000 || got["income:merchant_fee"] != -1320 {
		t.Errorf("delivery postings %v", got)
	}
	// A fresh Engine replays the line as it is, and its postings sum to
	// zero fact by fact, the holder's to what the line owes.
	replayed, err := promoEngine(t, store, clock, 2000, 1).Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	live, err := e.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(live, replayed, credittest.CmpOptions()); diff != "" {
		t.Errorf("replaying the journal differs from the live line:\n%s", diff)
	}
	var holder int64
	for _, ev := range events {
		var sum int64
		for _, p := range ev.Fact.Postings {
			sum += p.Amount.Units()
			if p.Account == "holder" {
				holder += p.Amount.Units()
			}
		}
		if sum != 0 {
			t.Errorf("version %d: postings sum to %d", ev.Version, sum)
		}
	}
	if owed := owed(t, live).Units(); holder != owed {
		t.Errorf("holder postings total %d, the line owes %d", holder, owed)
	}
	// The funders' books take the campaign's expense as the platform's
	// alone.
	plan := funding.Plan{Funders: []funding.Funder{{ID: "platform", Share: decimal.RequireFromString("0.3")}, {ID: "bank", Share: decimal.RequireFromString("0.7")}}}
	ledger, err := funding.NewLedger(plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.ApplyAll(events); err != nil {
		t.Fatal(err)
	}
	if b := ledger.Balance("bank", "expense:promotion:1111"); !b.IsZero() {
		t.Errorf("the bank funds %v of the campaign", b)
	}
	if b := ledger.Balance("platform", "expense:promotion:1111"); b != cny(1320) {
		t.Errorf("the platform funds %v of the campaign, want 13.20", b)
	}

	// What does not apply is declined with its code, and grants nothing.
	for _, tc := range []struct {
		name string
		cmd  credit.Authorize
		code string
	}{
		{"spent", credit.Authorize{Line: "L2", Amount: cny(120000), Plan: "12-month", Campaign: "1111"}, credit.CodeCampaignSpent},
		{"once a line", credit.Authorize{Line: "L1", Amount: cny(60000), Plan: "12-month", Campaign: "1111"}, credit.CodeCampaignNotEligible},
		{"another plan", credit.Authorize{Line: "L2", Amount: cny(60000), Plan: "3-month", Campaign: "1111"}, credit.CodeCampaignNotEligible},
		{"no plan", credit.Authorize{Line: "L2", Amount: cny(60000), Campaign: "1111"}, credit.CodeCampaignNotEligible},
		{"unknown", credit.Authorize{Line: "L2", Amount: cny(60000), Plan: "12-month", Campaign: "618"}, credit.CodeCampaignNotFound},
		{"merchant pays all", credit.Authorize{Line: "L2", Amount: cny(60000), Plan: "12-month", Campaign: "1111",
			Merchant: credit.Merchant{ID: "m", Enrolled: true, FundsInstallmentFees: true}}, credit.CodeCampaignNotEligible},
	} {
		tc.cmd.Key, tc.cmd.Purchase = "k-"+tc.name, "p-"+tc.name
		if tc.cmd.Merchant.ID == "" {
			tc.cmd.Merchant = tmall
		}
		d, err := e.Authorize(ctx, tc.cmd)
		if err != nil || d.Approved || len(d.Reasons) != 1 || d.Reasons[0].Code != tc.code {
			t.Errorf("%s: %+v, %v; want a decline %s", tc.name, d, err, tc.code)
		}
	}
	if s := campaignState(t, e); s.Granted != cny(1320) || s.Grants != 1 {
		t.Fatalf("declines granted: %+v", s)
	}
	d, err = e.Authorize(ctx, credit.Authorize{Key: "a2", Line: "L2", Purchase: "p2", Amount: cny(60000), Merchant: tmall, Plan: "12-month", Campaign: "1111"})
	if err != nil || !d.Approved {
		t.Fatalf("CNY 600: %+v, %v", d, err)
	}
	if s := campaignState(t, e); s.Granted != cny(1980) || s.Remaining != cny(20) || s.Spent != cny(1980) {
		t.Fatalf("after CNY 600: %+v", s)
	}
	// The next day the campaign is over.
	clock.Set(at("2025-11-12 10:00"))
	openPromo(t, e, "L3")
	d, err = e.Authorize(ctx, credit.Authorize{Key: "a3", Line: "L3", Purchase: "p3", Amount: cny(60000), Merchant: tmall, Plan: "12-month", Campaign: "1111"})
	if err != nil || d.Approved || d.Reasons[0].Code != credit.CodeCampaignNotOpen {
		t.Fatalf("11.12: %+v, %v", d, err)
	}
	// A Quote says so too, and holds nothing.
	q, err := e.Quote(ctx, credit.Authorize{Line: "L3", Purchase: "p4", Amount: cny(60000), Merchant: tmall, Plan: "12-month", Campaign: "1111"})
	if err != nil || q.Approved || q.Reasons[0].Code != credit.CodeCampaignNotOpen {
		t.Fatalf("quote: %+v, %v", q, err)
	}
	// A fresh Engine reads the campaign from its journal.
	if s := campaignState(t, promoEngine(t, store, clock, 2000, 1)); s.Granted != cny(1980) || s.Grants != 2 {
		t.Fatalf("read afresh: %+v", s)
	}
}

// TestCampaignSharedFee: a merchant sharing the plan's fee at checkout
// (Merchant.FeeShare) with a coupon. CNY 1,200 at 8.8%: the merchant's 30%
// of 105.60 is 31.68; the shopper's 73.92 is 6.16 a period; 3 free periods
// waive 18.48, half the merchant's (9.24), half the campaign's (9.24). The
// shopper pays 55.44, the merchant 31.68 + 9.24 = 40.92.
func TestCampaignSharedFee(t *testing.T) {
	ctx := context.Background()
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e := promoEngine(t, credittest.NewMemStore(), clock, 100000, 0)
	openPromo(t, e, "L1")
	shop := tmall
	shop.FeeShare = "0.3"
	d, err := e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: shop, Plan: "12-month", Campaign: "1111"})
	if err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(120000)}); err != nil {
		t.Fatal(err)
	}
	pu, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"})
	if err != nil {
		t.Fatal(err)
	}
	if s := pu.Schedule; s.TotalFee != cny(5544) || s.MerchantFee != cny(3168) || s.PromotionFee != cny(1848) {
		t.Fatalf("shopper %v, merchant %v, waived %v", s.TotalFee, s.MerchantFee, s.PromotionFee)
	}
	if pu.MerchantFees != cny(4092) || pu.Promotion.Funded != cny(924) {
		t.Fatalf("merchant fees %v, funded %v", pu.MerchantFees, pu.Promotion.Funded)
	}
	if s := campaignState(t, e); s.Granted != cny(924) {
		t.Fatalf("%+v", s)
	}
	// A share and funding all fees at once is refused where it enters.
	shop.FundsInstallmentFees = true
	_, err = e.Authorize(ctx, credit.Authorize{Key: "a2", Line: "L1", Purchase: "p2", Amount: cny(120000), Merchant: shop, Plan: "12-month"})
	var ce *credit.CommandError
	if !errors.As(err, &ce) || ce.Field != "merchant.fee_share" {
		t.Fatalf("share with funds_installment_fees: %v", err)
	}
	shop.FundsInstallmentFees, shop.FeeShare = false, "1"
	if _, err = e.Authorize(ctx, credit.Authorize{Key: "a2", Line: "L1", Purchase: "p2", Amount: cny(120000), Merchant: shop, Plan: "12-month"}); !errors.As(err, &ce) || ce.Field != "merchant.fee_share" {
		t.Fatalf("share of 1: %v", err)
	}
}

// TestMerchantShareOnlyAdds: a merchant's share at checkout
// (Merchant.FeeShare "0.3") never lowers what the plan's own terms have the
// merchant pay. CNY 1,200 on Huabei's 12 periods at 8.8% costs 105.60:
// on a plan the merchant pays in full the shopper still pays nothing; on a
// plan sharing half the merchant still pays 52.80; on a plan sharing a
// fifth the merchant pays its 30%, 31.68, and the shopper 73.92.
func TestMerchantShareOnlyAdds(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name              string
		payer             billing.FeePayer
		share             string
		shopper, merchant int64
	}{
		{"merchant pays all", billing.Merchant, "", 0, 10560},
		{"plan shares half", billing.SharedFee, "0.5", 5280, 5280},
		{"plan shares a fifth", billing.SharedFee, "0.2", 7392, 3168},
		{"shopper pays all", billing.Buyer, "", 7392, 3168},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := promoProduct(100000, 0)
			for i := range p.Installments {
				if p.Installments[i].Name == "12-month" {
					p.Installments[i].FeePayer = tc.payer
					if tc.share != "" {
						p.Installments[i].MerchantShare = decimal.RequireFromString(tc.share)
					}
				}
			}
			clock := credittest.NewClock(at("2025-11-12 10:00"))
			e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
			if err != nil {
				t.Fatal(err)
			}
			openPromo(t, e, "L1")
			shop := tmall
			shop.FeeShare = "0.3"
			if d, err := e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: shop, Plan: "12-month"}); err != nil || !d.Approved {
				t.Fatalf("%+v, %v", d, err)
			}
			if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "p1", Amount: cny(120000)}); err != nil {
				t.Fatal(err)
			}
			pu, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "p1"})
			if err != nil {
				t.Fatal(err)
			}
			if s := pu.Schedule; s.TotalFee != cny(tc.shopper) || s.MerchantFee != cny(tc.merchant) {
				t.Errorf("shopper %v, merchant %v; want %v and %v", s.TotalFee, s.MerchantFee, cny(tc.shopper), cny(tc.merchant))
			}
		})
	}
}

// TestCampaignValidation: each campaign field out of range is a
// *ProductError naming it.
func TestCampaignValidation(t *testing.T) {
	for _, tc := range []struct {
		field string
		edit  func(*credit.Campaign)
	}{
		{"campaigns[0].name", func(c *credit.Campaign) { c.Name = "" }},
		{"campaigns[0].name", func(c *credit.Campaign) { c.Name = "a\x1fb" }},
		{"campaigns[0].until", func(c *credit.Campaign) { c.Until = promoDay("2025-11-10") }},
		{"campaigns[0].plans[0]", func(c *credit.Campaign) { c.Plans = []string{"24-month"} }},
		{"campaigns[0].min_amount", func(c *credit.Campaign) { c.MinAmount = money.FromMinor(100, money.USD) }},
		{"campaigns[0].free_periods", func(c *credit.Campaign) { c.FreePeriods = 0 }},
		{"campaigns[0].merchant_share", func(c *credit.Campaign) { c.MerchantShare = decimal.NewFromInt(1) }},
		{"campaigns[0].budget", func(c *credit.Campaign) { c.Budget = cny(0) }},
		{"campaigns[0].budget", func(c *credit.Campaign) { c.Budget = money.FromMinor(100, money.USD) }},
		{"campaigns[0].per_line", func(c *credit.Campaign) { c.PerLine = -1 }},
	} {
		p := promoProduct(1000, 0)
		tc.edit(&p.Campaigns[0])
		var pe *credit.ProductError
		if err := p.Validate(); !errors.As(err, &pe) || pe.Field != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
	p := promoProduct(1000, 0)
	p.Installments[3].FreePeriods = 1 // the 12-month plan the campaign covers
	var pe *credit.ProductError
	if err := p.Validate(); !errors.As(err, &pe) || pe.Field != "campaigns[0].plans" {
		t.Errorf("a covered plan with free periods: %v", err)
	}
	p = promoProduct(1000, 0)
	q := promoProduct(2000, 0)
	q.Name = "other"
	if _, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2025-11-11 10:00")), Products: []credit.Product{p, q}}); !errors.As(err, &pe) {
		t.Errorf("one campaign name on two terms: %v", err)
	}
}

// failingStore fails the appends to a line whose ID has a prefix, once
// each, after writing nothing: a store that went away.
type failingStore struct {
	credit.Store
	mu   sync.Mutex
	fail map[string]bool
}

var errStoreDown = errors.New("store down")

func (s *failingStore) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	s.mu.Lock()
	f := s.fail[line]
	delete(s.fail, line)
	s.mu.Unlock()
	if f {
		return errStoreDown
	}
	return s.Store.Append(ctx, line, version, recs)
}

// TestCampaignGrantWithoutPurchase: an authorization whose line append
// fails after its grant leaves the grant held (the budget under-used,
// never over-spent); its retry under the same key takes the same grant;
// and a grant whose key the line bound to another command is released.
func TestCampaignGrantWithoutPurchase(t *testing.T) {
	ctx := context.Background()
	store := &failingStore{Store: credittest.NewMemStore(), fail: map[string]bool{}}
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	e := promoEngine(t, store, clock, 100000, 0)
	openPromo(t, e, "L1")
	cmd := credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
	store.fail["L1"] = true
	if _, err := e.Authorize(ctx, cmd); !errors.Is(err, errStoreDown) {
		t.Fatalf("%v, want the store's failure", err)
	}
	if s := campaignState(t, e); s.Granted != cny(1320) || s.Grants != 1 {
		t.Fatalf("after the failure: %+v", s)
	}
	if d, err := e.Authorize(ctx, cmd); err != nil || !d.Approved {
		t.Fatalf("retry: %+v, %v", d, err)
	}
	if s := campaignState(t, e); s.Granted != cny(1320) || s.Grants != 1 {
		t.Fatalf("the retry granted again: %+v", s)
	}
	// A second authorization fails after its grant; the host then uses its
	// key for a payment: the grant goes back to the budget.
	cmd2 := cmd
	cmd2.Key, cmd2.Purchase, cmd2.Amount = "a2", "p2", cny(60000)
	store.fail["L1"] = true
	if _, err := e.Authorize(ctx, cmd2); !errors.Is(err, errStoreDown) {
		t.Fatalf("%v, want the store's failure", err)
	}
	if released, err := e.ReleaseGrants(ctx, "1111", "L1"); err != nil || !released.IsZero() {
		t.Fatalf("released %v, %v before the key was bound", released, err)
	}
	if _, err := e.Pay(ctx, credit.Payment{Key: "a2", Line: "L1", Amount: cny(100)}); err != nil {
		t.Fatal(err)
	}
	released, err := e.ReleaseGrants(ctx, "1111", "L1")
	if err != nil || released != cny(660) {
		t.Fatalf("released %v, %v; want 6.60", released, err)
	}
	if s := campaignState(t, e); s.Granted != cny(1980) || s.Released != cny(660) || s.Spent != cny(1320) || s.Grants != 1 {
		t.Fatalf("after the release: %+v", s)
	}
}

// TestCampaignConcurrent: goroutines on two Engines sharing a store
// authorize with the coupon, each twice under its key; the budget fits 10
// grants of 6.60. Exactly 10 are approved, the campaign's journal grants
// exactly what the lines' purchases carry, and never more than the budget.
func TestCampaignConcurrent(t *testing.T) {
	ctx := context.Background()
	store := &slowStore{Store: credittest.NewMemStore()}
	clock := credittest.NewClock(at("2025-11-11 10:00"))
	engines := []*credit.Engine{promoEngine(t, store, clock, 6600, 0), promoEngine(t, store, clock, 6600, 0)}
	const lines, perLine = 8, 4
	for i := range lines {
		openPromo(t, engines[0], fmt.Sprint("L", i))
	}
	var wg sync.WaitGroup
	var approved atomic.Int64
	for g := range lines * perLine {
		wg.Add(1)
		go func() {
			defer wg.Done()
			line := fmt.Sprint("L", g%lines)
			cmd := credit.Authorize{Key: fmt.Sprint("k", g), Line: line, Purchase: fmt.Sprint("p", g), Amount: cny(60000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}
			var first credit.Decision
			for try := range 2 {
				d, err := engines[(g+try)%2].Authorize(ctx, cmd)
				if err != nil {
					t.Error(err)
					return
				}
				if try == 0 {
					first = d
				} else if d.Approved != first.Approved {
					t.Errorf("%s: a retry decided otherwise", cmd.Key)
				}
			}
			if first.Approved {
				approved.Add(1)
			} else if first.Reasons[0].Code != credit.CodeCampaignSpent {
				t.Errorf("%s: %+v", cmd.Key, first)
			}
		}()
	}
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
	if approved.Load() != 10 || s.Granted != cny(6600) || s.Spent.Units() != carried || s.Remaining != cny(0) || s.Grants != 10 {
		t.Fatalf("approved %d; campaign %+v; the lines carry %d", approved.Load(), s, carried)
	}
}

// A campaign's journal is kept under an ID no line can have.
func TestCampaignJournalID(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	e := promoEngine(t, store, credittest.NewClock(at("2025-11-11 10:00")), 100000, 0)
	openPromo(t, e, "L1")
	if _, err := e.Authorize(ctx, credit.Authorize{Key: "a1", Line: "L1", Purchase: "p1", Amount: cny(120000), Merchant: tmall, Plan: "12-month", Campaign: "1111"}); err != nil {
		t.Fatal(err)
	}
	recs, err := store.Load(ctx, "\x1fcampaign\x1f1111", 0)
	if err != nil || len(recs) != 1 || !strings.Contains(string(recs[0].Data), `"kind":"granted"`) {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	// The line's fact keeps the coupon and its grant in the compact form.
	line, err := store.Load(ctx, "L1", 0)
	if err != nil {
		t.Fatal(err)
	}
	var auth string
	for _, rec := range line {
		if b := string(rec.Data); strings.Contains(b, `"kind":"authorized"`) {
			auth = b
		}
	}
	if !strings.Contains(auth, `"cp":"1111"`) || !strings.Contains(auth, `"pr":{"campaign":"1111","free_periods":3,"merchant_share":"0.5","grant":`) {
		t.Errorf("the authorization's record: %s", auth)
	}
	_, err = e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "\x1fcampaign\x1f1111", Holder: "h", Product: "huabei-promo", Limit: cny(1000000)})
	var ce *credit.CommandError
	if !errors.As(err, &ce) || ce.Field != "line" {
		t.Fatalf("a line of the campaign's ID: %v", err)
	}
}
