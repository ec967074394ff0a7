package credit_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// longDigitLiar changes one digit of an amount in the first record it
// returns from a read that starts past the journal's beginning, once
// armed: the JSON stays valid, and the record is the old one an Engine
// reads for an archived purchase or an old key.
type longDigitLiar struct {
	*credittest.MemStore
	mu    sync.Mutex
	armed bool
	told  bool
}

func (s *longDigitLiar) lie(recs []credit.Record, after int64) []credit.Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.armed || after == 0 || len(recs) == 0 {
		return recs
	}
	d := bytes.Clone(recs[0].Data)
	i := bytes.Index(d, []byte(`"amount":"`))
	if i < 0 {
		return recs
	}
	for j := i + len(`"amount":"`); j < len(d); j++ {
		if d[j] >= '1' && d[j] <= '8' {
			d[j]++
			break
		}
	}
	out := append([]credit.Record(nil), recs...)
	out[0].Data = d
	s.armed, s.told = false, true
	return out
}

func (s *longDigitLiar) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	recs, err := s.MemStore.Load(ctx, line, after)
	return s.lie(recs, after), err
}

func (s *longDigitLiar) LoadRange(ctx context.Context, line string, after, through int64) ([]credit.Record, error) {
	recs, err := s.MemStore.LoadRange(ctx, line, after, through)
	return s.lie(recs, after), err
}

// An amount changed in the old record the Engine reads for an archived
// purchase or an old key, with or without range reads: a *CorruptError,
// never a purchase or a replay with the changed amount.
func TestLongLineChangedAmountInArchivedRecord(t *testing.T) {
	ctx := context.Background()
	liar := &longDigitLiar{MemStore: credittest.NewMemStore()}
	clock := credittest.NewClock(longZone2016())
	e := longEngine(t, liar, clock, 0)
	start := longDate(t, "2016-01-04")
	clock.Set(start.At(9, 0, longZone))
	l := longOpen(t, e, clock, "D", 5000000)
	l.everyCommand(start)
	l.run(start.AddDays(70), 60)
	if !longArchived(l.observe(), "E1") {
		t.Fatal("E1 not archived")
	}
	byOp := map[string]*longCmd{}
	for _, c := range l.cmds {
		if byOp[c.op] == nil && c.op != "open" {
			byOp[c.op] = c
		}
	}
	ops := []longLieOp{
		{"purchase", func(e *credit.Engine) (any, error) { return e.Purchase(ctx, "D", "E1") }},
		{"replay authorize", byOp["authorize"].send},
		{"replay capture", byOp["capture"].send},
		{"replay pay", byOp["pay"].send},
		{"replay change", byOp["change"].send},
		{"refund archived", func(e *credit.Engine) (any, error) {
			return e.Refund(ctx, credit.PurchaseCommand{Key: "digit-refund", Line: "D", Purchase: "E1", Amount: longCNY(1000)})
		}},
	}
	lies := 0
	for _, op := range ops {
		for _, mode := range []string{"range", "no-range", "plain"} {
			for _, warm := range []bool{true, false} {
				var store credit.Store = liar
				switch mode {
				case "no-range":
					store = longSnapStore{liar}
				case "plain":
					store = longPlainStore{liar}
				}
				r := longEngine(t, store, clock, 0)
				if warm {
					if _, err := r.Line(ctx, "D"); err != nil {
						t.Fatal(err)
					}
				}
				before, _ := liar.MemStore.Load(ctx, "D", 0)
				liar.mu.Lock()
				liar.armed, liar.told = true, false
				liar.mu.Unlock()
				got, err := op.run(r)
				liar.mu.Lock()
				told := liar.told
				liar.armed = false
				liar.mu.Unlock()
				after, _ := liar.MemStore.Load(ctx, "D", 0)
				name := op.name + "/" + mode
				if warm {
					name += "/warm"
				}
				if !told {
					continue
				}
				lies++
				if !errors.Is(err, credit.ErrCorruptJournal) {
					t.Errorf("%s: an amount changed in the record read: %v, %v; want a *CorruptError", name, longShort(got), err)
				}
				if len(after) != len(before) {
					t.Errorf("%s: %d records appended on a changed record", name, len(after)-len(before))
				}
			}
		}
	}
	t.Logf("%d lies told of %d", lies, len(ops)*6)
	if lies < len(ops)*3 {
		t.Errorf("only %d lies told", lies)
	}
}
