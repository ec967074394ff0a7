package credit_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// A line with fifteen hundred purchases open (delivered, not yet paid) has
// snapshots far above 64 KiB: they are taken once SnapshotEvery facts and
// a quarter of the snapshot's size in journal bytes have followed the last
// one, and no later; a cold Engine reads the line the warm one holds at
// every step.
func TestLongLineBigLineSnapshots(t *testing.T) {
	ctx := context.Background()
	rec := &longSnapRecorder{MemStore: credittest.NewMemStore()}
	clock := credittest.NewClock(longZone2016())
	const every = 16
	e := longEngine(t, rec, clock, every)
	l := longOpen(t, e, clock, "B", 5000000)
	for i := 0; i < 1500; i++ {
		pid := fmt.Sprintf("big-%05d", i)
		l.authorize(pid, 2000, "")
		l.mustPurchase("capture", pid, 2000)
		l.mustPurchase("confirm", pid, 0)
		if i%300 == 299 {
			ln := l.line()
			got, err := longEngine(t, rec, clock, every).Line(ctx, "B")
			if err != nil {
				t.Fatal(err)
			}
			if d := longDiff(ln, got); d != "" {
				t.Fatalf("after %d purchases a cold Engine reads another line:\n%s", i+1, d)
			}
		}
	}
	recs, err := rec.Load(ctx, "B", 0)
	if err != nil {
		t.Fatal(err)
	}
	bytesThrough := make([]int, len(recs)+1) // journal bytes through version v
	for i, r := range recs {
		bytesThrough[i+1] = bytesThrough[i] + len(r.Data)
	}
	big := 0
	for i := 1; i < len(rec.snaps); i++ {
		prev, cur := rec.snaps[i-1], rec.snaps[i]
		facts := cur.Version - prev.Version
		grew := bytesThrough[cur.Version] - bytesThrough[prev.Version]
		if facts < every {
			t.Errorf("snapshot at v%d only %d facts after the one at v%d", cur.Version, facts, prev.Version)
		}
		if len(prev.Data) > 64<<10 {
			big++
			if grew < len(prev.Data)/4 {
				t.Errorf("snapshot at v%d: the journal grew by %d bytes since the one at v%d of %d bytes", cur.Version, grew, prev.Version, len(prev.Data))
			}
			// no later than needed: the record before it had not yet met both
			if facts > every && bytesThrough[cur.Version-1]-bytesThrough[prev.Version] >= len(prev.Data)/4 {
				t.Errorf("snapshot at v%d late: the journal had grown enough by v%d", cur.Version, cur.Version-1)
			}
		}
	}
	last := rec.snaps[len(rec.snaps)-1]
	t.Logf("%d records, %d journal bytes, %d snapshots (%d after a big one), the last %d bytes at v%d", len(recs), bytesThrough[len(recs)], len(rec.snaps), big, len(last.Data), last.Version)
	if big == 0 {
		t.Fatal("no snapshot above 64 KiB")
	}
	if since := bytesThrough[len(recs)] - bytesThrough[last.Version]; int64(len(recs))-last.Version > every && since > len(last.Data)/4+len(recs[len(recs)-1].Data) {
		t.Errorf("no snapshot for %d facts and %d bytes after one of %d bytes", int64(len(recs))-last.Version, since, len(last.Data))
	}
}

// One Engine, a snapshot after every fact, eight goroutines commanding one
// line and four reading it: run under -race, it shows whether a snapshot
// is encoded from state another command is changing; a cold Engine then
// reads the line the warm one holds.
func TestLongLineSnapshotEveryFactUnderLoad(t *testing.T) {
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(longZone2016())
	// Two Engines and eight writers on one line meet at the store: on a
	// busy machine a command can lose more than the default eight times.
	engine := func() *credit.Engine {
		e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: 1, Retries: 100})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	a, b := engine(), engine()
	start := longDate(t, "2016-01-04")
	l := longHistory(t, a, clock, "F", start, 30)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for g := 0; g < 4; g++ {
		readers.Add(1)
		go func(g int) {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				e := a
				if g%2 == 1 {
					e = b
				}
				if ln, err := e.Line(ctx, "F"); err == nil && len(ln.Purchases) > 0 {
					_, _ = e.Purchase(ctx, "F", ln.Purchases[0].ID)
				}
				_, _ = e.Statements(ctx, "F")
				_, _ = e.Events(ctx, "F", 0, 10)
			}
		}(g)
	}
	for d := 0; d < 20; d++ {
		day := start.AddDays(30 + d)
		clock.Set(day.At(10, 0, longZone))
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				e := a
				if g%3 == 0 {
					e = b
				}
				for k := 0; k < 4; k++ {
					pid := fmt.Sprintf("f-%d-%d-%d", d, g, k)
					dec, err := e.Authorize(ctx, credit.Authorize{Key: "a-" + pid, Line: "F", Purchase: pid, Amount: longCNY(3000), Merchant: l.shop})
					if err != nil {
						t.Error(err)
						return
					}
					if !dec.Approved {
						continue
					}
					if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c-" + pid, Line: "F", Purchase: pid, Amount: longCNY(3000)}); err != nil {
						t.Error(err)
					}
					if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d-" + pid, Line: "F", Purchase: pid}); err != nil {
						t.Error(err)
					}
					if k == 3 {
						if _, err := e.Pay(ctx, credit.Payment{Key: "p-" + pid, Line: "F", Amount: longCNY(12000)}); err != nil {
							t.Error(err)
						}
					}
				}
			}(g)
		}
		wg.Wait()
	}
	close(stop)
	readers.Wait()
	longSame(t, store, clock, "F", a, b, longEngine(t, store, clock, 0))
	longKeysOnce(t, a, "F")
	holder, _ := longPostings(t, a, "F")
	ln, _ := a.Line(ctx, "F")
	if owed := longOwed(t, ln); !holder.Equal(owed) {
		t.Errorf("holder postings %v, owed %v", holder, owed)
	}
}
