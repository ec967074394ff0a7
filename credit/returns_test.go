package credit_test

import (
	"encoding/json"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// accounts sums the postings of line id's journal by account.
func accounts(t *testing.T, store *credittest.MemStore, id string) map[string]int64 {
	t.Helper()
	recs, err := store.Load(t.Context(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]int64{}
	for _, r := range recs {
		var f credit.Fact
		if err := json.Unmarshal(r.Data, &f); err != nil {
			t.Fatal(err)
		}
		for _, p := range f.Postings {
			sums[p.Account] += p.Amount.Units()
		}
	}
	return sums
}

// TestRefundReturnsMerchantFees: a refund gives the merchant back the fees
// it paid, in proportion to what it refunds. A merchant that funds the
// 4.5% fee of a 6-month Huabei plan on CNY 3,000 pays CNY 135; refunding
// 1,000.00 returns 45.00 (135 × 1,000 / 3,000), refunding the rest returns
// the other 90.00, and the merchant and the lender's fee income end at
// zero. (The merchant used to owe the whole CNY 135 after a full refund.)
func TestRefundReturnsMerchantFees(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	shop := tmall
	shop.FundsInstallmentFees = true
	h.buy("b", "tv", cny(300000), shop, "6-month")
	h.deliver("d", "tv")
	sums := accounts(t, h.store, "L")
	if sums["merchant:"+shop.ID] != -300000+13500 || sums["income:merchant_fee"] != -13500 {
		t.Fatalf("after posting: merchant %d, fee income %d; want -2,865.00 and -135.00 (the merchant is owed 2,865.00)", sums["merchant:"+shop.ID], sums["income:merchant_fee"])
	}
	for _, step := range []struct {
		key            string
		amount         int64
		merchant, fees int64 // the merchant's account and fee income after
		settlement     int64
	}{
		{"r1", 100000, -300000 + 13500 + 100000 - 4500, -13500 + 4500, 191000},
		{"r2", 200000, 0, 0, 0},
	} {
		pu, err := h.e.Refund(h.ctx, credit.PurchaseCommand{Key: step.key, Line: "L", Purchase: "tv", Amount: cny(step.amount)})
		if err != nil {
			t.Fatal(err)
		}
		sums := accounts(t, h.store, "L")
		if sums["merchant:"+shop.ID] != step.merchant || sums["income:merchant_fee"] != step.fees || pu.Settlement.Units() != step.settlement {
			t.Errorf("after refund %s: merchant %d, fee income %d, settlement %v; want %d, %d, %d",
				step.key, sums["merchant:"+shop.ID], sums["income:merchant_fee"], pu.Settlement, step.merchant, step.fees, step.settlement)
		}
	}
}

// TestRefundReturnsServiceFee: Xinyongbao's merchant pays 12%: on a CNY 5.00
// game top-up, 0.60. Refunding 1.00 returns 0.12; refunding 0.01 more makes
// the returned share round(0.60 × 1.01 / 5.00) = 0.12 still (0.1212).
func TestRefundReturnsServiceFee(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("xinyongbao-2013", cny(10000))
	game := credit.Merchant{ID: "game-co", Enrolled: true, Category: "game"}
	if d := h.buy("b", "g", cny(500), game, ""); !d.Approved { // posts at capture
		t.Fatal(d)
	}
	for _, step := range []struct {
		key      string
		amount   int64
		returned int64
	}{{"r1", 100, 12}, {"r2", 1, 12}, {"r3", 399, 60}} {
		pu, err := h.e.Refund(h.ctx, credit.PurchaseCommand{Key: step.key, Line: "L", Purchase: "g", Amount: cny(step.amount)})
		if err != nil {
			t.Fatal(err)
		}
		if pu.MerchantFees != cny(60) || pu.FeesReturned.Units() != step.returned {
			t.Errorf("after %s: fees %v, returned %v; want 0.60 and %d", step.key, pu.MerchantFees, pu.FeesReturned, step.returned)
		}
	}
	if sums := accounts(t, h.store, "L"); sums["merchant:game-co"] != 0 || sums["income:merchant_fee"] != 0 {
		t.Errorf("after a full refund: %v", sums)
	}
}
