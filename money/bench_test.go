package money

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Run with: go test -run '^$' -bench . -benchmem ./money

func BenchmarkAdd(b *testing.B) {
	x, y := cny(123456), cny(7890)
	for b.Loop() {
		x.Add(y)
	}
}

func BenchmarkMulRateHalfEven(b *testing.B) {
	a := cny(123456)
	daily := decimal.RequireFromString("0.0005")
	for b.Loop() {
		a.MulRate(daily, HalfEven)
	}
}

func BenchmarkSplit12(b *testing.B) {
	a := cny(300000)
	for b.Loop() {
		a.Split(12, LeftoverTo(0))
	}
}

func BenchmarkAllocate3(b *testing.B) {
	a := cny(100)
	ratios := []int64{1, 2, 3}
	for b.Loop() {
		a.Allocate(ratios, LeftoverFirst())
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		Parse("CNY 1234.56")
	}
}

func BenchmarkFromString(b *testing.B) {
	for b.Loop() {
		FromString("1234.56", CNY)
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	a := cny(123456)
	for b.Loop() {
		a.MarshalJSON()
	}
}

func BenchmarkString(b *testing.B) {
	a := cny(123456)
	for b.Loop() {
		_ = a.String()
	}
}

// The same "(a+b) x daily rate, rounded half-even to the fen" pipeline three
// ways: this package; shopspring/decimal directly; and bare int64 arithmetic
// with no overflow or currency checks, the floor no safe code can beat.

func BenchmarkPipeline(b *testing.B) {
	x, y := cny(123456), cny(7890)
	daily := decimal.RequireFromString("0.0005")
	for b.Loop() {
		s, _ := x.Add(y)
		s.MulRate(daily, HalfEven)
	}
}

func BenchmarkPipelineDecimal(b *testing.B) {
	x, y := decimal.RequireFromString("1234.56"), decimal.RequireFromString("78.90")
	daily := decimal.RequireFromString("0.0005")
	for b.Loop() {
		x.Add(y).Mul(daily).RoundBank(2)
	}
}

func BenchmarkPipelineInt64(b *testing.B) {
	x, y := int64(123456), int64(7890)
	for b.Loop() {
		p := (x + y) * 5 // x 0.0005 = x 5 / 10000
		q, r := p/10000, p%10000
		if r > 5000 || r == 5000 && q&1 == 1 {
			q++
		}
		_ = q
	}
}
