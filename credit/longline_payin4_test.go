package credit_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// Pay in 4 over a year: a purchase every other day, each on the plan (a
// quarter down at checkout, three payments two weeks apart), every billed
// amount paid the day it is billed (a day late once a week, a month late
// every quarter, for late fees), now and then a purchase refunded in
// part or voided. Settled plans leave the line; every command about one
// of them gives what it gave the day it settled, in the line; late fees
// per order and postings still add up; cold Engines agree.
func TestLongLinePayIn4Archived(t *testing.T) {
	ctx := context.Background()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err) // the product's zone
	}
	store := credittest.NewMemStore()
	start := longDate(t, "2019-03-04")
	clock := credittest.NewClock(start.At(9, 0, ny))
	e := longEngine(t, store, clock, 0)
	usd := func(c int64) money.Amount { return money.FromMinor(c, money.USD) }
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "P4", Holder: "h", Product: "pay-in-4", Limit: usd(150000)}); err != nil {
		t.Fatal(err)
	}
	shop := credit.Merchant{ID: "shop", Enrolled: true, Category: "apparel"}
	seen := map[string]*credit.Purchase{}
	seenAt := map[string]int64{}
	n := 0
	for d := 0; d < 365; d++ {
		day := start.AddDays(d)
		clock.Set(day.At(10, 0, ny))
		if _, err := e.Advance(ctx, "P4", day); err != nil {
			t.Fatal(err)
		}
		ln, _ := e.Line(ctx, "P4")
		late := d%7 == 6 || d%90 >= 40 && d%90 < 70 // a day late once a week, a month now and then
		if b, _ := ln.Balances(); b.Billed.IsPositive() && !late {
			if _, err := e.Pay(ctx, credit.Payment{Key: fmt.Sprint("pay-", d), Line: "P4", Amount: b.Billed}); err != nil {
				t.Fatal(err)
			}
		}
		if d%2 == 0 {
			n++
			pid := fmt.Sprintf("o%04d", n)
			amt := usd(int64(4000 + (n*3911)%16000))
			dec, err := e.Authorize(ctx, credit.Authorize{Key: "a-" + pid, Line: "P4", Purchase: pid, Amount: amt, Merchant: shop, Plan: "pay-in-4"})
			if err != nil {
				t.Fatal(err)
			}
			if dec.Approved {
				switch {
				case n%9 == 4:
					if _, err := e.Void(ctx, credit.PurchaseCommand{Key: "v-" + pid, Line: "P4", Purchase: pid}); err != nil {
						t.Fatal(err)
					}
				default:
					if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c-" + pid, Line: "P4", Purchase: pid, Amount: amt}); err != nil {
						t.Fatal(err)
					}
					if n%7 == 3 {
						if _, err := e.Refund(ctx, credit.PurchaseCommand{Key: "r-" + pid, Line: "P4", Purchase: pid, Amount: usd(1000)}); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
		ln, _ = e.Line(ctx, "P4")
		for _, p := range ln.Purchases {
			c := *p
			seen[p.ID] = &c
			seenAt[p.ID] = ln.Version
		}
	}
	ln, _ := e.Line(ctx, "P4")
	var ids []string
	for id := range seen {
		if longArchived(ln, id) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	t.Logf("%d purchases, %d archived, %d held", len(seen), len(ids), len(ln.Purchases))
	if len(ids) < 20 {
		t.Fatal("too few archived")
	}
	for k, id := range ids {
		if k%9 != 0 {
			continue
		}
		p := seen[id]
		fork := longFork(t, store, "P4", seenAt[id])
		fclock := credittest.NewClock(clock.Now())
		fe := longEngine(t, fork, fclock, 0)
		then, err := fe.Line(ctx, "P4")
		if err != nil {
			t.Fatal(err)
		}
		fclock.Set(then.Today.At(23, 0, ny))
		want := longProbeIn(ctx, fe, "P4", p, "probe-"+id, money.USD, "pay-in-4")
		got := longProbeIn(ctx, e, "P4", p, "probe-"+id, money.USD, "pay-in-4")
		if d := longDiff(want, got); d != "" {
			t.Errorf("%s (%v, archived): commands differ from the purchase in the line (-in line +archived):\n%s", id, p.State, d)
		}
	}
	evs, err := e.Events(ctx, "P4", 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	fees := money.Zero(money.USD)
	accounts := map[string]bool{}
	for _, ev := range evs {
		for _, p := range ev.Fact.Postings {
			accounts[p.Account] = true
			if p.Account == "income:penalty" {
				fees, _ = fees.Add(p.Amount)
			}
		}
	}
	t.Logf("late fees %v, %d events, accounts %v", fees, len(evs), accounts)
	if fees.IsZero() {
		t.Error("no late fee charged: the history does not test them")
	}
	ln, _ = e.Line(ctx, "P4")
	holder, _ := longPostingsIn(t, e, "P4", money.USD)
	if owed := longOwed(t, ln); !holder.Equal(owed) {
		t.Errorf("holder postings %v, owed %v", holder, owed)
	}
	for name, r := range longReaders(t, store, clock) {
		got, err := r.Line(ctx, "P4")
		if err != nil {
			t.Fatal(err)
		}
		// nil and empty compare equal here: that they do not under
		// CmpOptions is TestLongLineWarmEqualsSnapshotAtEveryVersion's
		if d := cmp.Diff(ln, got, credittest.CmpOptions(), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: (-warm +cold)\n%s", name, d)
		}
	}
}
