package funding_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/funding"
	"github.com/justspend/justspend/money"
)

// TestReport runs three lines of a product that charges off after 90
// days past due, under three plans: one charged off and recovered in part,
// one past due on two installments (31-60 and 1-30 days), one paid under
// the zero plan. Across
// funders the view sums exactly to credit.Report and to the postings, and
// the charged-off line's loss and recovery split by share.
func TestReport(t *testing.T) {
	ctx := context.Background()
	beijing := time.FixedZone("CST", 8*3600)
	p := credit.Huabei()
	p.Name = "huabei-charge-off"
	p.Billing.ChargeOff = billing.ChargeOffRule{AfterDays: 90}
	clock := credittest.NewClock(time.Date(2015, 3, 5, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	plans := map[string]funding.Plan{
		"L1": jointPlan(),
		"L2": {Platform: "p", Funders: []funding.Funder{{"bank2", share("0.25")}, {"p", share("0.4")}, {"bank", share("0.35")}}},
		"L3": {},
	}
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		line, plan string
		amount     int64
	}{{"L1", "", 100000}, {"L2", "6-month", 50001}, {"L3", "", 20000}} {
		must(e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: c.line, Holder: "h", Product: p.Name, Limit: cny(500000)}))
		if c.line == "L2" {
			continue // it buys on 5 May
		}
		must(e.Authorize(ctx, credit.Authorize{Key: "a", Line: c.line, Purchase: "o", Amount: cny(c.amount), Merchant: shop, Plan: c.plan}))
		must(e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: c.line, Purchase: "o", Amount: cny(c.amount)}))
		must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: c.line, Purchase: "o"}))
	}
	end, _ := calendar.ParseDate("2015-08-05")
	for d, _ := calendar.ParseDate("2015-03-06"); !d.After(end); d = d.AddDays(1) {
		clock.Set(d.At(12, 0, beijing))
		for _, id := range []string{"L1", "L2", "L3"} {
			must(e.Advance(ctx, id, d))
		}
		switch d.String() {
		case "2015-04-10":
			must(e.Pay(ctx, credit.Payment{Key: "p1", Line: "L3", Amount: cny(20000)}))
		case "2015-05-05":
			must(e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L2", Purchase: "o", Amount: cny(50001), Merchant: shop, Plan: "6-month"}))
			must(e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: "L2", Purchase: "o", Amount: cny(50001)}))
			must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: "L2", Purchase: "o"}))
		case "2015-08-03":
			must(e.Pay(ctx, credit.Payment{Key: "r1", Line: "L1", Amount: cny(30000)}))
		}
	}
	var lines []*credit.Line
	ledgers := map[string]*funding.Ledger{}
	income := map[string]int64{} // the lines' postings by account
	for _, id := range []string{"L1", "L2", "L3"} {
		l, err := e.Line(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
		g, err := funding.NewLedger(plans[id])
		if err != nil {
			t.Fatal(err)
		}
		events, err := e.Events(ctx, id, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.ApplyAll(events); err != nil {
			t.Fatal(err)
		}
		for _, ev := range events {
			for _, p := range ev.Fact.Postings {
				income[p.Account] += p.Amount.Units()
			}
		}
		ledgers[id] = g
	}
	each := func(yield func(*credit.Line, *funding.Ledger) bool) {
		for _, l := range lines {
			if !yield(l, ledgers[l.ID]) {
				return
			}
		}
	}
	want, err := credit.Report(end, func(yield func(*credit.Line) bool) {
		for _, l := range lines {
			if !yield(l) {
				return
			}
		}
	}, credit.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := funding.Report(end, each, credit.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Lines != 3 || len(got.Funders) != 5 {
		t.Fatalf("%d lines, %d funders: %+v", got.Lines, len(got.Funders), got)
	}
	var outstanding, chargedOff, rounding int64
	sums := map[string]int64{}
	pastDue := make([]int64, len(want.PastDue))
	for _, v := range got.Funders {
		outstanding += v.Outstanding.Units()
		chargedOff += v.ChargedOff.Units()
		rounding += v.Rounding.Units()
		sums["income:interest"] -= v.Interest.Units()
		sums["income:fee"] -= v.Fees.Units()
		sums["income:penalty"] -= v.Penalties.Units()
		sums["income:merchant_fee"] -= v.MerchantFees.Units()
		sums["income:recovery"] -= v.Recoveries.Units()
		sums["loss:charge_off"] += v.ChargeOffLosses.Units()
		sums["loss:write_off"] += v.WriteOffLosses.Units()
		for i, b := range v.PastDue {
			pastDue[i] += b.Amount.Units()
		}
	}
	if outstanding != want.Outstanding.Units() || chargedOff != want.ChargedOff.Units() || rounding != 0 {
		t.Errorf("outstanding %d, charged off %d, rounding %d; the portfolio: %v, %v", outstanding, chargedOff, rounding, want.Outstanding, want.ChargedOff)
	}
	for i, b := range want.PastDue {
		if pastDue[i] != b.Amount.Units() {
			t.Errorf("past due %d-%d: the funders' %d, the portfolio's %v", b.From, b.To, pastDue[i], b.Amount)
		}
	}
	for a, u := range sums {
		if u != income[a] {
			t.Errorf("%s: the funders' %d, the postings' %d", a, u, income[a])
		}
	}
	if want.ChargedOffLines != 1 || want.PastDue[0].Amount.IsZero() || want.PastDue[1].Amount.IsZero() {
		t.Errorf("the portfolio has nothing charged off or past due beyond 30 days: %+v", want)
	}
	// L1: CNY 1,000.00 and 90 days of penalty, CNY 1,045.00, charged off
	// (313.50 and 731.50), then CNY 300.00 recovered (90.00 and 210.00).
	g := ledgers["L1"]
	for _, c := range []struct {
		funder, account string
		want            int64
	}{
		{"ant", "loss:charge_off", 31350}, {"bank", "loss:charge_off", 73150},
		{"ant", "income:recovery", -9000}, {"bank", "income:recovery", -21000},
		{"ant", "charged_off", -22350}, {"bank", "charged_off", -52150},
	} {
		if got := g.Balance(c.funder, c.account); !got.Equal(cny(c.want)) {
			t.Errorf("L1: %s's %s is %v, want %v", c.funder, c.account, got, cny(c.want))
		}
	}
	// A ledger behind its line, and lines in two currencies, are refused.
	stale, _ := funding.NewLedger(jointPlan())
	if _, err := funding.Report(end, func(yield func(*credit.Line, *funding.Ledger) bool) { yield(lines[0], stale) }, credit.ReportOptions{}); err == nil || !strings.Contains(err.Error(), "version") {
		t.Errorf("a stale ledger: %v", err)
	}
	usd := *lines[2]
	usd.Limit = money.FromMinor(100, money.USD)
	if _, err := funding.Report(end, func(yield func(*credit.Line, *funding.Ledger) bool) {
		_ = yield(lines[0], ledgers["L1"]) && yield(&usd, ledgers["L3"])
	}, credit.ReportOptions{}); err == nil {
		t.Error("lines in two currencies: no error")
	}
}
