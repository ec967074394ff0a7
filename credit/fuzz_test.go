package credit_test

import (
	"encoding/json"
	"errors"
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
		s := newSim(t)
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
