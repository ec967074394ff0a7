package funding_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/funding"
)

// TestFundingPromotions: a line with an 11.11 coupon on a shared fee,
// captured in two parts, partly refunded, paid, a payment reversed and
// months advanced, under three funders with shares of nine places. Every
// fact's split sums account by account to its postings; each funder's
// parts of a fact sum to zero; the campaign's expense and the fee income
// it funds, and the merchant fees, are the platform's alone; and the
// funders' balances sum to the line's.
func TestFundingPromotions(t *testing.T) {
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	p := credit.Huabei()
	p.Name = "huabei-promo"
	from, _ := calendar.ParseDate("2025-11-11")
	p.Campaigns = []credit.Campaign{{Name: "双十一", From: from, Until: from, FreePeriods: 4, MerchantShare: share("0.35"), Budget: cny(1000000)}}
	clock := credittest.NewClock(time.Date(2025, 11, 11, 9, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "apparel", FeeShare: "0.3"}
	must(e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L1", Holder: "h", Product: p.Name, Limit: cny(1000000)}))
	d, err := e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L1", Purchase: "o", Amount: cny(333337), Merchant: shop, Plan: "12-month", Campaign: "双十一"})
	if err != nil || !d.Approved {
		t.Fatalf("%+v, %v", d, err)
	}
	must(e.Capture(ctx, credit.PurchaseCommand{Key: "c1", Line: "L1", Purchase: "o", Amount: cny(111111)}))
	must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d1", Line: "L1", Purchase: "o"}))
	must(e.Capture(ctx, credit.PurchaseCommand{Key: "c2", Line: "L1", Purchase: "o", Amount: cny(222226)}))
	must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d2", Line: "L1", Purchase: "o"}))
	start, _ := calendar.ParseDate("2025-11-12")
	end, _ := calendar.ParseDate("2026-04-20")
	for day := start; !day.After(end); day = day.AddDays(1) {
		clock.Set(day.At(12, 0, beijing))
		must(e.Advance(ctx, "L1", day))
		switch day.String() {
		case "2025-11-20":
			must(e.Refund(ctx, credit.PurchaseCommand{Key: "r1", Line: "L1", Purchase: "o", Amount: cny(12345)}))
		case "2025-12-09":
			must(e.Pay(ctx, credit.Payment{Key: "pay1", Line: "L1", Amount: cny(27777)}))
		case "2026-01-08":
			must(e.Pay(ctx, credit.Payment{Key: "pay2", Line: "L1", Amount: cny(50000)}))
		case "2026-01-11":
			must(e.ReversePayment(ctx, credit.Reversal{Key: "rev", Line: "L1", Payment: "pay2"}))
		case "2026-03-01":
			must(e.Pay(ctx, credit.Payment{Key: "pay3", Line: "L1", Amount: cny(99999)}))
		}
	}
	events, err := e.Events(ctx, "L1", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	plan := funding.Plan{Platform: "ant", Funders: []funding.Funder{{"bank1", share("0.333333333")}, {"ant", share("0.300000001")}, {"bank2", share("0.366666666")}}}
	ledger, err := funding.NewLedger(plan)
	if err != nil {
		t.Fatal(err)
	}
	totals := map[string]int64{}
	var promoted int64
	for _, ev := range events {
		split, err := ledger.Apply(ev)
		if err != nil {
			t.Fatalf("version %d: %v", ev.Version, err)
		}
		want, got, perFunder := map[string]int64{}, map[string]int64{}, map[string]int64{}
		for _, p := range ev.Fact.Postings {
			want[p.Account] += p.Amount.Units()
			totals[p.Account] += p.Amount.Units()
			if strings.HasPrefix(p.Account, credit.PromotionAccountPrefix) {
				promoted += p.Amount.Units()
			}
		}
		for _, p := range split {
			parts := strings.SplitN(p.Account, ":", 3)
			if parts[2] != funding.RoundingAccount {
				got[parts[2]] += p.Amount.Units()
			}
			perFunder[parts[1]] += p.Amount.Units()
			if (strings.HasPrefix(parts[2], credit.PromotionAccountPrefix) || parts[2] == funding.MerchantFeeAccount) && parts[1] != "ant" {
				t.Errorf("version %d: %s takes a part of %s", ev.Version, parts[1], parts[2])
			}
		}
		for a := range want {
			if want[a] != got[a] {
				t.Errorf("version %d (%s): %s posts %d, its parts %d", ev.Version, ev.Fact.Kind, a, want[a], got[a])
			}
		}
		for f, u := range perFunder {
			if u != 0 {
				t.Errorf("version %d: funder %s's parts sum to %d", ev.Version, f, u)
			}
		}
	}
	if promoted <= 0 {
		t.Fatalf("no promotion posted: %v", totals)
	}
	for a, u := range totals {
		var sum int64
		for _, f := range plan.Funders {
			sum += ledger.Balance(f.ID, a).Units()
		}
		if sum != u {
			t.Errorf("%s: funders hold %d, the line %d", a, sum, u)
		}
	}
	// The funders' view: the platform's promotions are what the campaign
	// funded, a part of its fee income; the banks have none.
	line, err := e.Line(ctx, "L1")
	if err != nil {
		t.Fatal(err)
	}
	view, err := funding.Report(end, func(yield func(*credit.Line, *funding.Ledger) bool) { yield(line, ledger) }, credit.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range view.Funders {
		want := int64(0)
		if v.Funder == "ant" {
			want = promoted
		}
		if v.Promotions.Units() != want || v.Promotions.Units() > v.Fees.Units() {
			t.Errorf("%s: promotions %v, fees %v; want promotions %d", v.Funder, v.Promotions, v.Fees, want)
		}
	}
	// The platform's fee income holds all the campaign funded; the banks'
	// shares of the rest of the fee income are within a fen of their
	// shares.
	shopperFees := -totals["income:fee"] - promoted
	for _, f := range plan.Funders {
		fee := -ledger.Balance(f.ID, "income:fee").Units()
		if f.ID == "ant" {
			fee -= promoted
		}
		exact := f.Share.Mul(share(fmt.Sprint(shopperFees)))
		if share(fmt.Sprint(fee)).Sub(exact).Abs().GreaterThan(share("1")) {
			t.Errorf("%s: fee income %d, its share of %d is %s", f.ID, fee, shopperFees, exact)
		}
	}
}
