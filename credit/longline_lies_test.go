package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// longSnapRecorder is a MemStore that keeps every snapshot saved to it.
type longSnapRecorder struct {
	*credittest.MemStore
	mu     sync.Mutex
	snaps  []credit.Record // of the line watched, or of every line if none is
	watch  string
	others map[string][]credit.Record
}

func (s *longSnapRecorder) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	s.mu.Lock()
	r := credit.Record{Version: snap.Version, Data: append([]byte(nil), snap.Data...)}
	if s.watch == "" || line == s.watch {
		s.snaps = append(s.snaps, r)
	} else {
		if s.others == nil {
			s.others = map[string][]credit.Record{}
		}
		s.others[line] = append(s.others[line], r)
	}
	s.mu.Unlock()
	return s.MemStore.SaveSnapshot(ctx, line, snap)
}

// longLyingFork is the line as the recorder holds it, in a new MemStore
// behind a LyingStore that has been given the latest snapshots saved.
func longLyingFork(t *testing.T, rec *longSnapRecorder, line string) (*credittest.MemStore, *credittest.LyingStore) {
	t.Helper()
	recs, err := rec.Load(context.Background(), line, 0)
	if err != nil {
		t.Fatal(err)
	}
	mem := longFork(t, rec, line, int64(len(recs)))
	for other, snaps := range rec.others {
		recs, err := rec.Load(context.Background(), other, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := mem.Append(context.Background(), other, 0, recs); err != nil {
			t.Fatal(err)
		}
		for _, s := range snaps {
			if err := mem.SaveSnapshot(context.Background(), other, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	lies := credittest.NewLyingStore(mem)
	for other, snaps := range rec.others {
		if _, err := lies.Load(context.Background(), other, 0); err != nil { // so that it lies with it
			t.Fatal(err)
		}
		for _, s := range snaps {
			if err := lies.SaveSnapshot(context.Background(), other, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	snaps := rec.snaps
	if len(snaps) > 3 {
		snaps = snaps[len(snaps)-3:] // enough for an older snapshot to be told
	}
	for _, s := range snaps {
		if err := lies.SaveSnapshot(context.Background(), line, s); err != nil {
			t.Fatal(err)
		}
	}
	return mem, lies
}

// Every lie, told while an Engine reads what is archived (an archived
// purchase, the statements, the record of an old key), is a
// *CorruptError that commits nothing when the Engine must report it, and
// changes nothing the Engine answers otherwise; and once the store is
// honest again the Engine answers as one that never met the lie.
func TestLongLineLiesDuringArchiveReads(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	ctx := context.Background()
	rec := &longSnapRecorder{MemStore: credittest.NewMemStore(), watch: "Y"}
	clock := credittest.NewClock(longZone2016())
	e := longEngine(t, rec, clock, 0)
	start := longDate(t, "2016-01-04")
	longHistory(t, longEngine(t, rec, clock, 4), clock, "another", start, 20) // for the lies about another line
	clock.Set(start.At(9, 0, longZone))
	l := longOpen(t, e, clock, "Y", 5000000)
	l.everyCommand(start)
	l.run(start.AddDays(70), 60)
	ln := l.observe()
	open := map[string]bool{}
	for _, p := range ln.Purchases {
		open[p.ID] = true
	}
	if open["E1"] {
		t.Fatal("E1 not archived")
	}
	byOp := map[string]*longCmd{}
	for _, c := range l.cmds {
		if byOp[c.op] == nil && c.key != "Y-open" {
			byOp[c.op] = c
		}
	}
	shop := l.shop
	ops := []longLieOp{
		{"purchase", func(e *credit.Engine) (any, error) { return e.Purchase(ctx, "Y", "E1") }},
		{"statements", func(e *credit.Engine) (any, error) { return e.Statements(ctx, "Y") }},
		{"replay authorize", byOp["authorize"].send},
		{"replay capture", byOp["capture"].send},
		{"replay refund", byOp["refund"].send},
		{"replay pay", byOp["pay"].send},
		{"replay change", byOp["change"].send},
		{"replay open", l.byKey["Y-open"].send},
		{"key for another op", l.wrong(byOp["authorize"], true)},
		{"refund archived", func(e *credit.Engine) (any, error) {
			return e.Refund(ctx, credit.PurchaseCommand{Key: "lie-refund", Line: "Y", Purchase: "E1", Amount: longCNY(1000)})
		}},
		{"request refund archived", func(e *credit.Engine) (any, error) {
			return e.RequestRefund(ctx, credit.PurchaseCommand{Key: "lie-request", Line: "Y", Purchase: "E1"})
		}},
		{"reuse archived id", func(e *credit.Engine) (any, error) {
			return e.Authorize(ctx, credit.Authorize{Key: "lie-reuse", Line: "Y", Purchase: "E1", Amount: longCNY(10000), Merchant: shop})
		}},
	}
	longLieMatrix(t, rec, "Y", ops, clock)
}

type longLieOp = struct {
	name string
	run  func(e *credit.Engine) (any, error)
}

// longLieMatrix runs each op on line through an Engine, warm or cold, with
// or without range reads, over a LyingStore armed with each lie in turn,
// on a fork of rec: a lie told that the Engine must report is a
// *CorruptError committing nothing; any other changes nothing the op
// returns; and the same op once the store is honest again answers as on
// an honest store.
func longLieMatrix(t *testing.T, rec *longSnapRecorder, line string, ops []longLieOp, clock credit.Clock) {
	ctx := context.Background()
	modes := []struct {
		name  string
		warm  bool
		store func(l *credittest.LyingStore) credit.Store
	}{
		{"warm", true, func(l *credittest.LyingStore) credit.Store { return l }},
		{"cold", false, func(l *credittest.LyingStore) credit.Store { return l }},
		{"warm no-range", true, func(l *credittest.LyingStore) credit.Store { return longSnapStore{l} }},
		{"cold no-range", false, func(l *credittest.LyingStore) credit.Store { return longSnapStore{l} }},
	}
	told := map[credittest.Lie]int{}
	for _, op := range ops {
		// what an honest store gives
		hmem, _ := longLyingFork(t, rec, line)
		want, werr := op.run(longEngine(t, hmem, clock, 0))
		for _, m := range modes {
			for _, lie := range credittest.Lies() {
				if lie == credittest.NoLie {
					continue
				}
				mem, lies := longLyingFork(t, rec, line)
				le := longEngine(t, m.store(lies), clock, 0)
				if m.warm {
					if _, err := le.Line(ctx, line); err != nil {
						t.Fatal(err)
					}
				}
				before, _ := mem.Load(ctx, line, 0)
				lies.Arm(line, lie)
				got, err := op.run(le)
				saw := lies.Told(line)
				lies.Arm(line, credittest.NoLie)
				name := op.name + "/" + m.name + "/" + lie.String()
				if len(saw) > 0 && lie.Detectable() {
					told[lie]++
					var ce *credit.CorruptError
					if !errors.As(err, &ce) || !errors.Is(err, credit.ErrCorruptJournal) {
						t.Errorf("%s: the store lied (%v) and the Engine said %v (%s), want a *CorruptError", name, saw, err, longDiff(want, got))
					}
					after, _ := mem.Load(ctx, line, 0)
					if len(after) != len(before) {
						t.Errorf("%s: the Engine committed %d records on a lie", name, len(after)-len(before))
					}
				} else {
					if len(saw) > 0 {
						told[lie]++
					}
					if longCode(err) != longCode(werr) || !longJSONEq(want, got) {
						t.Errorf("%s: told %v; got %v, %v; an honest store gives %v, %v", name, saw, longShort(got), err, longShort(want), werr)
					}
				}
				// honest again
				got, err = op.run(le)
				if longCode(err) != longCode(werr) || !longJSONEq(want, got) {
					t.Errorf("%s: once the store is honest: %v, %v; want %v, %v", name, longShort(got), err, longShort(want), werr)
				}
				if len(saw) > 0 && lie.Detectable() {
					want, err := longEngine(t, mem, clock, 0).Line(ctx, line)
					if err != nil {
						t.Fatal(err)
					}
					if got, err := le.Line(ctx, line); err != nil || !longJSONEq(want, got) {
						t.Errorf("%s: once the store is honest the Engine holds another line (%v):\n%s", name, err, longDiff(want, got))
					}
				}
			}
		}
	}
	t.Logf("lies told: %v", told)
}

// longShort is v, or for a slice its length: for messages.
func longShort(v any) any {
	if r := reflect.ValueOf(v); r.Kind() == reflect.Slice {
		return fmt.Sprintf("%d %s", r.Len(), r.Type())
	}
	return v
}

// longArchivedLine is a line of four months with purchase E1 archived,
// kept behind a LyingStore, and an Engine that has it cached over store(lies).
func longArchivedLine(t *testing.T, store func(*credittest.LyingStore) credit.Store) (*credit.Engine, *credittest.MemStore, *credittest.LyingStore, *credittest.Clock) {
	t.Helper()
	mem := credittest.NewMemStore()
	lies := credittest.NewLyingStore(mem)
	clock := credittest.NewClock(longZone2016())
	e := longEngine(t, store(lies), clock, 0)
	start := longDate(t, "2016-01-04")
	clock.Set(start.At(9, 0, longZone))
	l := longOpen(t, e, clock, "Y", 5000000)
	l.everyCommand(start)
	l.run(start.AddDays(70), 60)
	for _, p := range l.observe().Purchases {
		if p.ID == "E1" {
			t.Fatal("E1 not archived")
		}
	}
	return e, mem, lies, clock
}

// On a store without range reads, the Engine reads an archived purchase's
// record with Load, which returns the journal's tail too. A record of that
// tail in a format this library does not read ("v":2, checksum and all) is
// a lie the Engine must report (Lie.Detectable) and commit nothing on; the
// Engine takes the refund and appends it.
func TestLongLineFutureFormatTailDuringArchiveReadCommits(t *testing.T) {
	ctx := context.Background()
	e, mem, lies, _ := longArchivedLine(t, func(l *credittest.LyingStore) credit.Store { return longSnapStore{l} })
	before, _ := mem.Load(ctx, "Y", 0)
	lies.Arm("Y", credittest.FutureFormat)
	_, err := e.Refund(ctx, credit.PurchaseCommand{Key: "refund-archived", Line: "Y", Purchase: "E1", Amount: longCNY(1000)})
	if told := lies.Told("Y"); len(told) != 1 {
		t.Fatalf("told %v", told)
	}
	after, _ := mem.Load(ctx, "Y", 0)
	if !errors.Is(err, credit.ErrCorruptJournal) {
		t.Errorf("refund of an archived purchase read a journal whose last record is v2: err %v, want a *CorruptError", err)
	}
	if len(after) != len(before) {
		t.Errorf("the Engine appended %d records after reading a record it cannot read", len(after)-len(before))
	}
}

// A range read of one old record answered by a replica that lags (the
// LyingStore's DropTail: a lie the Engine need not report, which changes
// nothing an Engine answers on a Load) makes Engine.Purchase of an
// archived purchase a *CorruptError.
func TestLongLineLaggingRangeReadOfArchivedPurchase(t *testing.T) {
	ctx := context.Background()
	e, _, lies, _ := longArchivedLine(t, func(l *credittest.LyingStore) credit.Store { return l })
	lies.Arm("Y", credittest.DropTail)
	p, err := e.Purchase(ctx, "Y", "E1")
	t.Logf("told %v", lies.Told("Y"))
	if err != nil || p == nil || p.ID != "E1" {
		t.Errorf("Purchase(E1) through a lagging range read: %v, %v; want the purchase", p, err)
	}
}

// The lies again, on a line of two and a half years whose older statements
// and purchases are archived: reading every statement, a purchase of the
// first year, and replaying the key of a payment of the first year.
func TestLongLineLiesDuringStatementArchiveReads(t *testing.T) {
	t.Parallel()
	longUnderRace(t)
	ctx := context.Background()
	rec := &longSnapRecorder{MemStore: credittest.NewMemStore(), watch: "T"}
	clock := credittest.NewClock(longZone2016())
	e := longEngine(t, rec, clock, 0)
	start := longDate(t, "2016-01-04")
	longHistory(t, longEngine(t, rec, clock, 4), clock, "another", start, 20) // for the lies about another line
	l := longHistory(t, e, clock, "T", start, 790)
	ln := l.observe()
	if len(l.stmts) <= len(ln.Statements) {
		t.Fatal("no statement archived")
	}
	var pay *longCmd
	for _, c := range l.cmds {
		if c.op == "pay" {
			pay = c
			break
		}
	}
	if !longArchived(ln, "T-p00002") {
		t.Fatal("T-p00002 not archived")
	}
	ops := []longLieOp{
		{"statements", func(e *credit.Engine) (any, error) { return e.Statements(ctx, "T") }},
		{"old purchase", func(e *credit.Engine) (any, error) { return e.Purchase(ctx, "T", "T-p00002") }},
		{"old payment key", pay.send},
	}
	longLieMatrix(t, rec, "T", ops, clock)
}

// longJSONEq reports whether a and b encode to the same JSON: cheaper than
// go-cmp on big values.
func longJSONEq(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
