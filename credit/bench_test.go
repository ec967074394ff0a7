package credit_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// typicalLine returns a Huabei line with a statement, a few purchases and
// an open hold.
func typicalLine(b *testing.B) (*credit.Line, *credit.Product) {
	h := newHarness(&testing.T{}, "2015-01-03 10:00")
	h.open("huabei", cny(1000000))
	for i := 0; i < 4; i++ {
		id := fmt.Sprintf("p%d", i)
		h.buy("b"+id, id, cny(int64(10000+i*1000)), tmall, -1)
		h.deliver("d"+id, id)
	}
	if _, err := h.e.Authorize(h.ctx, credit.Authorize{Key: "hold", Line: "L", Purchase: "held", Amount: cny(5000), Merchant: tmall, Plan: -1}); err != nil {
		b.Fatal(err)
	}
	l := h.line()
	p := credit.Huabei()
	return l, &p
}

// BenchmarkDecide: the pure authorization decision on a typical line.
func BenchmarkDecide(b *testing.B) {
	l, p := typicalLine(b)
	req := &credit.AuthRequest{Purchase: "new", Amount: cny(25000), Merchant: tmall, Plan: -1, On: l.Today}
	for b.Loop() {
		if d := credit.Decide(l, p, req, nil); !d.Approved {
			b.Fatal(d.Reasons)
		}
	}
}

// BenchmarkEngineAuthorize: an authorization through the in-memory store,
// commit included, on a typical line: a fresh line every 10 holds, so a
// line carries 5 open authorizations on average.
func BenchmarkEngineAuthorize(b *testing.B) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Line: "L", Holder: "h", Product: "huabei", Limit: cny(5000000)}); err != nil {
		b.Fatal(err)
	}
	i, line := 0, "L"
	for b.Loop() {
		i++
		id := fmt.Sprintf("p%d", i)
		if _, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: line, Purchase: id, Amount: cny(1), Merchant: tmall, Plan: -1}); err != nil {
			b.Fatal(err)
		}
		if i%10 == 0 {
			b.StopTimer()
			line = fmt.Sprintf("L%d", i)
			if _, err := e.OpenLine(ctx, credit.OpenLine{Line: line, Holder: "h", Product: "huabei", Limit: cny(5000000)}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
}

// BenchmarkEngineAuthorizeParallel: authorizations on many lines at once.
func BenchmarkEngineAuthorizeParallel(b *testing.B) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	const lines = 256
	for i := 0; i < lines; i++ {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Line: fmt.Sprint("L", i), Holder: "h", Product: "huabei", Limit: cny(5000000)}); err != nil {
			b.Fatal(err)
		}
	}
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			id := fmt.Sprint("p", i)
			line := fmt.Sprint("L", i%lines)
			if _, err := e.Authorize(ctx, credit.Authorize{Key: id, Line: line, Purchase: id, Amount: money.FromMinor(1, money.CNY), Merchant: tmall, Plan: -1}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
