package credit_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/credit/memstore"
	"github.com/justspend/justspend/money"
)

// The benchmarks in this file measure what a line's history costs: a
// command on a line with years of purchases behind it, an Engine's first
// read of such a line, the replay of its oldest key, and the bytes its
// journal and snapshots take. They use only the package's public API and
// the in-memory store (snapshots on, at the default cadence), so that they
// measure the same thing whatever the Engine does inside.

// historyStart is when every history begins; the clock moves on a day at a
// time from there, in Beijing time (the Huabei preset's zone).
var historyStart = time.Date(2015, 1, 5, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

// historyProducts is what every Engine of these benchmarks is given: the
// one product the lines use.
func historyProducts() []credit.Product { return []credit.Product{credit.Huabei()} }

// orderID is purchase i's order number: 19 digits, as long as Taobao's, so
// that the journal's facts carry IDs and keys of a realistic size.
func orderID(i int) string { return fmt.Sprintf("2015%015d", i) }

// history is a Huabei line with n purchases behind it, each authorized,
// captured and delivered (posted) over a realistic timeline: three
// purchases a day, delivered two days later, every statement paid in full
// on the 5th, well before it falls due. 5,000 purchases span four and a
// half years; 10,000, nine. It ends mid-cycle, with the month's purchases
// posted and unbilled, as a line in use is. Its store is never written
// after it is built: a benchmark that commands the line does so on a fork.
type history struct {
	store    *memstore.Store
	records  []credit.Record // the journal, for forks
	snap     credit.Record   // the latest snapshot (none for a line of fewer than 64 facts)
	end      time.Time       // the clock when the history ends
	first    credit.Authorize
	firstDec credit.Decision // what first returned
	// snapPerFact is the bytes of the snapshots saved per fact appended
	// over the history's last historyTail purchases, at the default
	// cadence: what snapshots cost a line of that size.
	snapPerFact float64
}

// historyTail is how many of a history's purchases, the last ones, an
// Engine at the default snapshot cadence (one every 64 facts) runs. The
// ones before are run by an Engine that saves one every 4,096 facts:
// serializing a line of thousands of purchases every 64 facts would make
// building the largest history take a minute. The store ends as the
// default cadence leaves it (the latest snapshot at most 63 facts behind).
const historyTail = 200

const historyLine = "L"

// histories are built once per size and kept for the process: building
// the largest takes seconds, and go test -count runs a benchmark function
// again for each count. A built history is only read.
var histories struct {
	mu    sync.Mutex
	build map[int]func() (*history, error)
}

// historyOf returns the history of n purchases, building it the first time.
func historyOf(b *testing.B, n int) *history {
	b.Helper()
	histories.mu.Lock()
	if histories.build == nil {
		histories.build = map[int]func() (*history, error){}
	}
	build := histories.build[n]
	if build == nil {
		build = sync.OnceValues(func() (*history, error) { return buildHistory(n) })
		histories.build[n] = build
	}
	histories.mu.Unlock()
	h, err := build()
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// snapCounter is the in-memory store counting the bytes of the snapshots
// saved to it.
type snapCounter struct {
	*memstore.Store
	bytes atomic.Int64
}

func (s *snapCounter) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	s.bytes.Add(int64(len(snap.Data)))
	return s.Store.SaveSnapshot(ctx, line, snap)
}

// buildHistory runs the n purchases' commands on a fresh line, in order,
// the clock set to each command's time.
func buildHistory(n int) (*history, error) {
	ctx := context.Background()
	store := &snapCounter{Store: memstore.New()}
	clock := credittest.NewClock(historyStart)
	engine := func(every int64) (*credit.Engine, error) {
		return credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: historyProducts(), SnapshotEvery: every})
	}
	e, err := engine(4096)
	if err != nil {
		return nil, err
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: historyLine, Holder: "holder-1", Product: credit.ProductHuabei, Limit: cny(5000000)}); err != nil {
		return nil, err
	}
	h := &history{store: store.Store}
	deliver := func(i int) error {
		_, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-" + orderID(i), Line: historyLine, Purchase: orderID(i)})
		return err
	}
	const perDay, deliveryDays = 3, 2
	bought, delivered := 0, 0
	var tailFrom int64 = -1 // the line's version when the default cadence took over
	for day := 0; bought < n; day++ {
		if tailFrom < 0 && bought >= n-historyTail {
			if e, err = engine(0); err != nil {
				return nil, err
			}
			l, err := e.Line(ctx, historyLine)
			if err != nil {
				return nil, err
			}
			tailFrom = l.Version
			store.bytes.Store(0)
		}
		d := historyStart.AddDate(0, 0, day)
		clock.Set(d.Add(9 * time.Hour)) // the morning's deliveries: purchase i was bought on day i/perDay
		for ; delivered < bought && delivered/perDay <= day-deliveryDays; delivered++ {
			if err := deliver(delivered); err != nil {
				return nil, err
			}
		}
		if d.Day() == 5 { // the statement cut on the 1st, paid in full
			clock.Set(d.Add(12 * time.Hour))
			l, err := e.Line(ctx, historyLine)
			if err != nil {
				return nil, err
			}
			bal, err := l.Balances()
			if err != nil {
				return nil, err
			}
			if bal.Billed.Units() > 0 {
				if _, err := e.Pay(ctx, credit.Payment{Key: "pay-" + d.Format("2006-01"), Line: historyLine, Amount: bal.Billed}); err != nil {
					return nil, err
				}
			}
		}
		for k := 0; k < perDay && bought < n; k++ {
			clock.Set(d.Add(time.Duration(10+5*k) * time.Hour))
			i := bought
			amount := cny(int64(1000 + i*7919%20000)) // CNY 10 to 210
			cmd := credit.Authorize{Key: "auth-" + orderID(i), Line: historyLine, Purchase: orderID(i), Amount: amount, Merchant: tmall}
			dec, err := e.Authorize(ctx, cmd)
			if err != nil {
				return nil, err
			}
			if !dec.Approved {
				return nil, fmt.Errorf("purchase %d declined: %v", i, dec.Reasons)
			}
			if i == 0 {
				h.first, h.firstDec = cmd, dec
			}
			if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "cap-" + orderID(i), Line: historyLine, Purchase: orderID(i), Amount: amount}); err != nil {
				return nil, err
			}
			bought++
		}
	}
	// The last purchases are delivered too.
	last := clock.Now().Add(deliveryDays * 24 * time.Hour)
	clock.Set(time.Date(last.Year(), last.Month(), last.Day(), 9, 0, 0, 0, last.Location()))
	for ; delivered < bought; delivered++ {
		if err := deliver(delivered); err != nil {
			return nil, err
		}
	}
	h.end = clock.Now()
	if h.records, err = h.store.Load(ctx, historyLine, 0); err != nil {
		return nil, err
	}
	if h.snap, _, err = h.store.LoadSnapshot(ctx, historyLine); err != nil {
		return nil, err
	}
	h.snapPerFact = float64(store.bytes.Load()) / float64(int64(len(h.records))-tailFrom)
	return h, nil
}

// engine returns a new Engine on store, its clock at the history's end.
func (h *history) engine(b *testing.B, store credit.Store) *credit.Engine {
	b.Helper()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(h.end), Products: historyProducts()})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// fork returns a warm Engine (the line read once, so cached) on a new
// in-memory store holding the history's journal and latest snapshot.
func (h *history) fork(b *testing.B) *credit.Engine {
	b.Helper()
	ctx := context.Background()
	store := memstore.New()
	if err := store.Append(ctx, historyLine, 0, slices.Clone(h.records)); err != nil {
		b.Fatal(err)
	}
	if h.snap.Version > 0 {
		if err := store.SaveSnapshot(ctx, historyLine, h.snap); err != nil {
			b.Fatal(err)
		}
	}
	e := h.engine(b, store)
	if _, err := e.Line(ctx, historyLine); err != nil {
		b.Fatal(err)
	}
	return e
}

// commandOnHistory times cmd(e, i) for i = 0, 1, ..., on a warm Engine on
// the history of n purchases. Each command adds to the line (a hold, a
// payment on the cycle's statement), so the line is forked afresh (the
// timer stopped) every 64 commands whatever n: the line measured has the
// same open state as its history left it, plus up to 64 commands, at every
// size. Each command appends one fact; a line small enough to snapshot
// every 64 facts saves one snapshot a stretch, as it would, and its cost
// is in the figure in its due share. A larger line snapshots once its
// journal has grown by a quarter, which no stretch reaches: that cost,
// amortized, is the benchmark's snapshot-B/fact.
func commandOnHistory(b *testing.B, n int, cmd func(e *credit.Engine, i int) error) *history {
	h := historyOf(b, n)
	const every = 64
	var e *credit.Engine
	i := 0
	for b.Loop() {
		if i%every == 0 {
			b.StopTimer()
			e = h.fork(b)
			b.StartTimer()
		}
		if err := cmd(e, i); err != nil {
			b.Fatal(err)
		}
		i++
	}
	return h
}

var historySizes = []int{10, 100, 1000, 5000}

// BenchmarkHistoryAuthorize: one more authorization, commit included, on
// a warm Engine, on a line with n purchases behind it (see history). Each
// holds CNY 1 of a CNY 50,000 limit, and the line is forked afresh before
// the holds add up (see commandOnHistory). It reports the size of the
// line's latest snapshot (snapshot-B) and the bytes of snapshots saved per
// fact appended at that size (snapshot-B/fact: see history).
func BenchmarkHistoryAuthorize(b *testing.B) {
	ctx := context.Background()
	for _, n := range historySizes {
		b.Run(fmt.Sprintf("purchases=%d", n), func(b *testing.B) {
			h := commandOnHistory(b, n, func(e *credit.Engine, i int) error {
				id := orderID(n + i)
				d, err := e.Authorize(ctx, credit.Authorize{Key: "auth-" + id, Line: historyLine, Purchase: id, Amount: cny(100), Merchant: tmall})
				if err == nil && !d.Approved {
					err = fmt.Errorf("declined: %v", d.Reasons)
				}
				return err
			})
			b.ReportMetric(float64(len(h.snap.Data)), "snapshot-B")
			b.ReportMetric(h.snapPerFact, "snapshot-B/fact")
		})
	}
}

// BenchmarkHistoryPay: a payment of CNY 0.01, commit included, on a warm
// Engine, on a line with n purchases behind it that owes the month's
// purchases, unbilled (see history and commandOnHistory).
func BenchmarkHistoryPay(b *testing.B) {
	ctx := context.Background()
	for _, n := range historySizes {
		b.Run(fmt.Sprintf("purchases=%d", n), func(b *testing.B) {
			commandOnHistory(b, n, func(e *credit.Engine, i int) error {
				_, err := e.Pay(ctx, credit.Payment{Key: "pay-" + strconv.Itoa(i), Line: historyLine, Amount: cny(1)})
				return err
			})
		})
	}
}

// BenchmarkColdLoad: an Engine's first read of a line with n purchases
// behind it, from its latest snapshot and the journal after it. Each
// iteration makes a new Engine and reads the line once: the Engine's
// construction (a few microseconds for the one product) is timed with the
// read, which it is far below.
func BenchmarkColdLoad(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("purchases=%d", n), func(b *testing.B) {
			h := historyOf(b, n)
			want := int64(len(h.records))
			for b.Loop() {
				l, err := h.engine(b, h.store).Line(ctx, historyLine)
				if err != nil {
					b.Fatal(err)
				}
				if l.Version != want || len(l.Purchases) > n { // settled purchases are archived
					b.Fatalf("read version %d with %d open purchases, want %d with at most %d", l.Version, len(l.Purchases), want, n)
				}
			}
			b.ReportMetric(float64(len(h.snap.Data)), "snapshot-B")
		})
	}
}

// BenchmarkOldestKeyReplay: the line's very first authorization sent
// again, with its key and request, on a line with n purchases behind it:
// it must return what it returned then (checked on the first iteration),
// and change nothing. On a fresh Engine (a new one each iteration, its
// construction timed as in BenchmarkColdLoad), and on a warm one (the
// line cached).
func BenchmarkOldestKeyReplay(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000} {
		for _, warm := range []bool{false, true} {
			name := fmt.Sprintf("purchases=%d/engine=fresh", n)
			if warm {
				name = fmt.Sprintf("purchases=%d/engine=warm", n)
			}
			b.Run(name, func(b *testing.B) {
				h := historyOf(b, n)
				var e *credit.Engine
				if warm {
					e = h.engine(b, h.store)
					if _, err := e.Line(ctx, historyLine); err != nil { // the line is cached
						b.Fatal(err)
					}
				}
				checked := false
				for b.Loop() {
					if !warm {
						e = h.engine(b, h.store)
					}
					d, err := e.Authorize(ctx, h.first)
					if err != nil {
						b.Fatal(err)
					}
					if !checked {
						if diff := cmp.Diff(h.firstDec, d, credittest.CmpOptions()); diff != "" {
							b.Fatalf("the replay returned another decision (-first +replay):\n%s", diff)
						}
						checked = true
					}
				}
				recs, err := h.store.Load(ctx, historyLine, 0)
				if err != nil || len(recs) != len(h.records) {
					b.Fatalf("the replays changed the journal: %d records, was %d (%v)", len(recs), len(h.records), err)
				}
			})
		}
	}
}

// BenchmarkJournalAuthorizationFact: authorizations on lines that have a
// few purchases (a new line every 100), reporting the bytes of the record
// each appends to the journal (journal-B/fact), with the same IDs and keys
// as the histories (19-digit order numbers).
func BenchmarkJournalAuthorizationFact(b *testing.B) {
	const perLine = 100
	ctx := context.Background()
	store := memstore.New()
	clock := credittest.NewClock(historyStart.Add(10 * time.Hour))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: historyProducts()})
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	i := 0
	for b.Loop() {
		if i%perLine == 0 {
			lines = append(lines, "L"+strconv.Itoa(i/perLine))
			if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: lines[len(lines)-1], Holder: "holder-1", Product: credit.ProductHuabei, Limit: cny(5000000)}); err != nil {
				b.Fatal(err)
			}
		}
		id := orderID(i)
		d, err := e.Authorize(ctx, credit.Authorize{Key: "auth-" + id, Line: lines[len(lines)-1], Purchase: id, Amount: money.FromMinor(int64(1000+i*7919%20000), money.CNY), Merchant: tmall})
		if err != nil || !d.Approved {
			b.Fatal(d, err)
		}
		i++
	}
	b.StopTimer()
	var facts, bytes int
	for _, line := range lines {
		recs, err := store.Load(ctx, line, 0)
		if err != nil {
			b.Fatal(err)
		}
		events, err := e.Events(ctx, line, 0, 0)
		if err != nil {
			b.Fatal(err)
		}
		for k, ev := range events {
			if ev.Fact.Kind == "authorized" {
				facts++
				bytes += len(recs[k].Data)
			}
		}
	}
	if facts != i {
		b.Fatalf("%d authorization facts for %d authorizations", facts, i)
	}
	b.ReportMetric(float64(bytes)/float64(facts), "journal-B/fact")
}
