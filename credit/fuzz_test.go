package credit_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// byteChooser makes the fuzzer's bytes into choices; once they run out,
// every choice is the first.
type byteChooser struct {
	data []byte
}

func (c *byteChooser) IntN(n int) int {
	if n <= 1 || len(c.data) == 0 {
		return 0
	}
	var v int
	// Two bytes for wide choices (amounts, days), one otherwise.
	for k := 0; k < 2 && len(c.data) > 0 && (k == 0 || n > 256); k++ {
		v = v<<8 | int(c.data[0])
		c.data = c.data[1:]
	}
	return v % n
}

// FuzzEngine decodes a command sequence from the fuzzer's bytes and runs
// it on one line with every invariant of the simulation checked after
// every command: postings balance, rejected commands change nothing,
// replays return the same result, the journal rebuilds the line, and the
// reference model agrees.
func FuzzEngine(f *testing.F) {
	for _, seed := range []string{
		"\x00\x10\x20\x30\x40\x50\x60\x70\x80\x90",
		"\x01\x17\x25\x2b\x33\x45\x58\x60\x2c\x2c\x19\x3a\x45\x52\x01\x02",
		"\x04\xff\x10\x10\x25\x25\x31\x31\x00\x00\x45\x45\x5d\x5d\x64\x64",
		"\x03\x30\x30\x30\x28\x02\x02\x35\x35\x35\x50\x50\x0a\x0a\x0a\x0a\x61\x61",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		s := newSim(t, 400)
		c := &byteChooser{data: data[1:]}
		l, err := s.openLine(c, "F", int(data[0]))
		if err != nil {
			t.Fatal(err)
		}
		l.stride = 20
		for n := 0; len(c.data) > 0 && n < 400; n++ {
			if err := s.step(l, c); err != nil {
				t.Fatal(l.failure(0, n, err))
			}
		}
		if err := s.finish(l, 0); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzProductJSON: any bytes given to LoadProduct give a product or a
// *ProductError, never a panic; a product it accepts encodes and loads
// back the same, and an engine takes it.
func FuzzProductJSON(f *testing.F) {
	for _, p := range credit.Presets() {
		b, err := json.Marshal(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"name":"x","currency":"CNY","hold_days":0}`))
	f.Add([]byte(`{"name":"x","unknown":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := credit.LoadProduct(data)
		if err != nil {
			var pe *credit.ProductError
			if !errors.As(err, &pe) || !errors.Is(err, credit.ErrInvalidProduct) {
				t.Fatalf("LoadProduct: %v (%T), want a *ProductError", err, err)
			}
			return
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := credit.LoadProduct(b)
		if err != nil {
			t.Fatalf("a product LoadProduct accepted does not load back: %v\n%s", err, b)
		}
		if diff := cmp.Diff(p, q, credittest.CmpOptions()); diff != "" {
			t.Fatalf("round trip:\n%s", diff)
		}
		if _, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2015-01-01 00:00")), Products: []credit.Product{p}}); err != nil {
			t.Fatalf("NewEngine refuses a product LoadProduct accepted: %v", err)
		}
	})
}

// FuzzLyingStore runs the same commands in two worlds, one on an honest
// store and one on a store that lies when the fuzzer's bytes say so, and
// checks that a lie the Engine must report is a *CorruptError that
// commits nothing, that any other leaves the answer as the honest world's,
// and that the two journals end byte for byte the same.
func FuzzLyingStore(f *testing.F) {
	for _, seed := range []string{
		"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
		"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff\x10\x20\x30\x40",
		"\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		c := &byteChooser{data: data}
		clock := credittest.NewClock(at("2016-06-01 00:00"))
		honestStore, lyingMem := credittest.NewMemStore(), credittest.NewMemStore()
		lies := credittest.NewLyingStore(lyingMem)
		honest := newEngine(t, honestStore, clock)
		liar, err := credit.NewEngine(credit.Config{Store: lies, Clock: clock, Products: credit.Presets(), CacheLines: 1, SnapshotEvery: 3})
		if err != nil {
			t.Fatal(err)
		}
		day := day(t, "2015-03-02")
		both := func(run func(e *credit.Engine) (any, error)) { // a command both worlds take alike
			a, errA := run(honest)
			b, errB := run(liar)
			if fmt.Sprint(answer(a, errA)) != fmt.Sprint(answer(b, errB)) {
				t.Fatalf("set-up: the worlds differ: %v / %v", answer(a, errA), answer(b, errB))
			}
		}
		for _, id := range []string{"L", "M"} { // M is the other line a lie may read
			both(func(e *credit.Engine) (any, error) {
				return e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: "huabei", Limit: cny(2000000), At: day.At(9, 0, beijing)})
			})
			both(func(e *credit.Engine) (any, error) {
				return e.Pay(ctx, credit.Payment{Key: "m", Line: id, Amount: cny(100), At: day.At(9, 30, beijing)})
			})
		}
		lieList := credittest.Lies()
		for n := 0; len(c.data) > 0 && n < 200; n++ {
			key := fmt.Sprint("k", n)
			at := day.At(10, 0, beijing)
			pu := fmt.Sprint("p", c.IntN(8))
			var run func(e *credit.Engine) (any, error)
			switch c.IntN(7) {
			case 0:
				amount := cny(1000 + int64(c.IntN(500000)))
				run = func(e *credit.Engine) (any, error) {
					return e.Authorize(ctx, credit.Authorize{Key: key, Line: "L", Purchase: pu, Amount: amount, Merchant: tmall, At: at})
				}
			case 1:
				amount := cny(1000 + int64(c.IntN(500000)))
				run = func(e *credit.Engine) (any, error) {
					return e.Capture(ctx, credit.PurchaseCommand{Key: key, Line: "L", Purchase: pu, Amount: amount, At: at})
				}
			case 2:
				run = func(e *credit.Engine) (any, error) {
					return e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: key, Line: "L", Purchase: pu, At: at})
				}
			case 3:
				amount := cny(100 + int64(c.IntN(100000)))
				run = func(e *credit.Engine) (any, error) {
					return e.Refund(ctx, credit.PurchaseCommand{Key: key, Line: "L", Purchase: pu, Amount: amount, At: at})
				}
			case 4:
				amount := cny(100 + int64(c.IntN(200000)))
				run = func(e *credit.Engine) (any, error) {
					return e.Pay(ctx, credit.Payment{Key: key, Line: "L", Amount: amount, At: at})
				}
			case 5:
				key = fmt.Sprint("k", c.IntN(n+1)) // a key sent again
				amount := cny(100 + int64(c.IntN(200000)))
				run = func(e *credit.Engine) (any, error) {
					return e.Pay(ctx, credit.Payment{Key: key, Line: "L", Amount: amount, At: at})
				}
			default:
				day = day.AddDays(1 + c.IntN(20))
				to := day
				run = func(e *credit.Engine) (any, error) { return e.Advance(ctx, "L", to) }
			}
			lie := credittest.NoLie
			if c.IntN(3) == 0 {
				lie = lieList[c.IntN(len(lieList))]
			}
			want, wantErr := run(honest)
			before := journalOf(t, lyingMem, "L")
			lies.Arm("L", lie)
			got, err := run(liar)
			lies.Arm("L", credittest.NoLie)
			told := lies.Told("L")
			reported := errors.Is(err, credit.ErrCorruptJournal)
			switch {
			case len(told) > 0 && told[0].Detectable() && !reported:
				t.Fatalf("command %d: the store lied (%v) and the engine said %v", n, told, err)
			case reported && len(told) == 0:
				t.Fatalf("command %d: an honest store, and the engine reported corruption: %v", n, err)
			case reported || len(told) > 0 && err != nil && fmt.Sprint(answer(got, err)) != fmt.Sprint(answer(want, wantErr)):
				// Reported, or refused on an old read: nothing committed;
				// sent again to the honest store, the same answer.
				if journalOf(t, lyingMem, "L") != before {
					t.Fatalf("command %d: the engine refused a lie (%v: %v) but committed", n, told, err)
				}
				got, err = run(liar)
			}
			if fmt.Sprint(answer(got, err)) != fmt.Sprint(answer(want, wantErr)) {
				t.Fatalf("command %d (lie %v, told %v): honest %v, lied to %v", n, lie, told, answer(want, wantErr), answer(got, err))
			}
		}
		if journalOf(t, honestStore, "L") != journalOf(t, lyingMem, "L") {
			t.Fatal("the two worlds' journals differ")
		}
	})
}
