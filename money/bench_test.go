package money

import (
	"encoding/json"
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

func BenchmarkAppendJSON(b *testing.B) {
	a := cny(123456)
	buf := make([]byte, 0, 64)
	for b.Loop() {
		buf, _ = a.AppendJSON(buf[:0])
	}
}

func BenchmarkUnmarshalJSON(b *testing.B) {
	data := []byte(`{"amount":"1234.56","currency":"CNY"}`)
	var a Amount
	for b.Loop() {
		a.UnmarshalJSON(data)
	}
}

// BenchmarkDecodeStruct decodes a journal-like record holding three amounts
// with encoding/json, which hands each amount's bytes to UnmarshalJSON.
func BenchmarkDecodeStruct(b *testing.B) {
	data := []byte(`{"id":"p1","limit":{"amount":"30000.00","currency":"CNY"},` +
		`"used":{"amount":"1234.56","currency":"CNY"},"available":{"amount":"28765.44","currency":"CNY"}}`)
	var v struct {
		ID                     string `json:"id"`
		Limit, Used, Available Amount
	}
	for b.Loop() {
		json.Unmarshal(data, &v)
	}
}

func BenchmarkMarshalText(b *testing.B) {
	a := cny(123456)
	for b.Loop() {
		a.MarshalText()
	}
}

func BenchmarkUnmarshalText(b *testing.B) {
	data := []byte("CNY 1234.56")
	var a Amount
	for b.Loop() {
		a.UnmarshalText(data)
	}
}

func BenchmarkDisplay(b *testing.B) {
	a := cny(123456)
	for b.Loop() {
		_ = a.Display()
	}
}

func BenchmarkUnmarshalJSONZero(b *testing.B) {
	data := []byte(`{"amount":"0","currency":""}`)
	var a Amount
	for b.Loop() {
		a.UnmarshalJSON(data)
	}
}

// BenchmarkUnmarshalJSONStrict decodes a form other than AppendJSON's (keys
// in another order), which takes the strict decoder.
func BenchmarkUnmarshalJSONStrict(b *testing.B) {
	data := []byte(`{"currency":"CNY","amount":"1234.56"}`)
	var a Amount
	for b.Loop() {
		a.UnmarshalJSON(data)
	}
}

func BenchmarkAddZero(b *testing.B) {
	x, y := Amount{}, cny(7890)
	for b.Loop() {
		x.Add(y)
	}
}

func BenchmarkDisplayIn(b *testing.B) {
	a := cny(-123456789)
	for b.Loop() {
		_ = a.DisplayIn(LocaleZhCN)
	}
}

func BenchmarkAppendDisplay(b *testing.B) {
	a := cny(-123456789)
	buf := make([]byte, 0, 48)
	for b.Loop() {
		buf = a.AppendDisplay(buf[:0], LocaleZhCN)
	}
}
