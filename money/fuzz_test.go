package money

import (
	"errors"
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

var fuzzCurrencies = [...]Currency{CNY, USD, JPY, KWD, CLF}

// FuzzParseFormat: any text FromString accepts prints back (with the
// currency's places) to a text that parses to the same amount, and any
// amount survives String/Parse, JSON and text round trips.
func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{"1234.56", "-0.01", "0", "92233720368547758.07", "1.2", "abc", "1e3", ""} {
		f.Add(s, int64(123456), uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, u int64, ci uint8) {
		c := fuzzCurrencies[int(ci)%len(fuzzCurrencies)]
		if a, err := FromString(s, c); err == nil {
			b, err := Parse(a.String())
			if err != nil || b != a {
				t.Fatalf("FromString(%q) = %v; Parse(String()) = %v, %v", s, a, b, err)
			}
		}
		a := FromMinor(u, c)
		b, err := Parse(a.String())
		if err != nil || b != a {
			t.Fatalf("Parse(%q) = %v, %v; want %v", a.String(), b, err, a)
		}
		js, err := a.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var j Amount
		if err := j.UnmarshalJSON(js); err != nil || j != a {
			t.Fatalf("JSON %s = %v, %v; want %v", js, j, err, a)
		}
		if u == 0 {
			// The zero Amount too, in every form.
			var z Amount
			if b, err := Parse(z.String()); err != nil || b != z {
				t.Fatalf("Parse(%q) = %v, %v", z.String(), b, err)
			}
			js, err := z.MarshalJSON()
			j := a
			if err != nil || j.UnmarshalJSON(js) != nil || j != z {
				t.Fatalf("JSON %s = %v, %v", js, j, err)
			}
		}
	})
}

// FuzzUnmarshalJSON: whatever UnmarshalJSON accepts encodes back to a form
// that decodes to the same amount, the fast path for the canonical form
// agrees with the strict decoder, and the only amount without a currency it
// ever gives is the zero Amount.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`{"amount":"1234.56","currency":"CNY"}`, `{"amount":"0","currency":""}`,
		`{"currency":"JPY","amount":"15"}`, `{"amount":"0.00","currency":""}`,
		`{"amount":"-0.005","currency":"KWD"}`, `null`, `{"amount":"1\u0030","currency":"CNY"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Amount
		err := a.UnmarshalJSON(data)
		var strict Amount
		strictErr := strictUnmarshal(&strict, data)
		if (err == nil) != (strictErr == nil) || a != strict {
			t.Fatalf("%q: UnmarshalJSON = %v, %v; strict decoder %v, %v", data, a, err, strict, strictErr)
		}
		if err != nil {
			return
		}
		if !a.Currency().IsValid() && a != (Amount{}) {
			t.Fatalf("%q decoded to %v, units without a currency", data, a)
		}
		js, err := a.MarshalJSON()
		var back Amount
		if err != nil || back.UnmarshalJSON(js) != nil || back != a {
			t.Fatalf("%q = %v; MarshalJSON %s, %v; back %v", data, a, js, err, back)
		}
	})
}

// FuzzAllocate: parts sum exactly to the whole, have its sign, and sit within
// one minor unit of their exact share (all leftover in one part with
// LeftoverTo, which may exceed it by up to n-1).
func FuzzAllocate(f *testing.F) {
	f.Add(int64(10000), uint8(3), uint8(0), int64(1), int64(2), int64(3))
	f.Add(int64(-111111), uint8(6), uint8(2), int64(0), int64(5), int64(9))
	f.Add(int64(math.MinInt64), uint8(7), uint8(1), int64(math.MaxInt64), int64(1), int64(0))
	f.Fuzz(func(t *testing.T, u int64, n uint8, policy uint8, r0, r1, r2 int64) {
		a := cny(u)
		count := int(n%24) + 1
		lo := []Leftover{LeftoverFirst(), LeftoverLast(), LeftoverTo(int(policy) % count)}[policy%3]

		parts, err := a.Split(count, lo)
		if err != nil {
			t.Fatalf("Split(%d, %v): %v", count, lo, err)
		}
		exact := new(big.Rat).SetFrac64(u, int64(count))
		checkParts(t, a, parts, func(int) *big.Rat { return exact }, lo)

		ratios := []int64{r0, r1, r2}[:1+int(n)%3]
		for i := range ratios {
			if ratios[i] < 0 {
				ratios[i] = -(ratios[i] + 1)
			}
		}
		lo = []Leftover{LeftoverFirst(), LeftoverLast(), LeftoverTo(int(policy) % len(ratios))}[policy%3]
		parts, err = a.Allocate(ratios, lo)
		total := new(big.Int)
		for _, r := range ratios {
			total.Add(total, big.NewInt(r))
		}
		if total.Sign() == 0 || !total.IsUint64() {
			if !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("Allocate(%v): error %v, want ErrInvalidArgument", ratios, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Allocate(%v): %v", ratios, err)
		}
		checkParts(t, a, parts, func(i int) *big.Rat {
			share := new(big.Int).Mul(big.NewInt(u), big.NewInt(ratios[i]))
			return new(big.Rat).SetFrac(share, total)
		}, lo)
	})
}

func checkParts(t *testing.T, a Amount, parts []Amount, share func(int) *big.Rat, lo Leftover) {
	t.Helper()
	sum := new(big.Int)
	one := big.NewRat(1, 1)
	for i, p := range parts {
		sum.Add(sum, big.NewInt(p.Units()))
		if p.Sign()*a.Sign() < 0 {
			t.Fatalf("part %d = %v has the opposite sign of %v", i, p, a)
		}
		if lo.kind == leftoverTo && i == lo.part {
			continue
		}
		diff := new(big.Rat).Sub(new(big.Rat).SetInt64(p.Units()), share(i))
		if diff.Abs(diff).Cmp(one) >= 0 {
			t.Fatalf("part %d = %v is a unit or more from its share %v (%v)", i, p, share(i).FloatString(3), lo)
		}
	}
	if sum.Cmp(big.NewInt(a.Units())) != 0 {
		t.Fatalf("parts %v sum to %v, want %v", units(parts), sum, a.Units())
	}
}

// FuzzMulRate compares MulRate with a straightforward shopspring/decimal
// computation for every rounding mode.
func FuzzMulRate(f *testing.F) {
	f.Add(int64(100000), int64(5), int32(-4))
	f.Add(int64(111111), int64(45), int32(-3))
	f.Add(int64(-3), int64(5), int32(-1))
	f.Add(int64(math.MaxInt64), int64(1), int32(0))
	f.Add(int64(123456789), int64(1369863013698630136), int32(-25))
	f.Fuzz(func(t *testing.T, u, coef int64, exp int32) {
		exp = exp % 40
		rate := decimal.New(coef, exp)
		for mode := Exact; mode <= Floor; mode++ {
			got, err := cny(u).MulRate(rate, mode)
			want, wantErr := referenceMulRate(u, rate, mode)
			if !errors.Is(err, wantErr) || (err == nil) != (wantErr == nil) || err == nil && got.Units() != want {
				t.Fatalf("%d x %v (%v) = %v, %v; reference %d, %v", u, rate, mode, got, err, want, wantErr)
			}
		}
	})
}

// referenceMulRate is the obvious implementation: an exact decimal product
// rounded with the library's own rounding functions.
func referenceMulRate(u int64, rate decimal.Decimal, mode Rounding) (int64, error) {
	p := decimal.NewFromInt(u).Mul(rate)
	if !p.Truncate(0).BigInt().IsInt64() {
		return 0, ErrOverflow // the library reports overflow before rounding
	}
	var r decimal.Decimal
	switch mode {
	case Exact:
		if !p.IsInteger() {
			return 0, ErrNeedsRounding
		}
		r = p
	case HalfUp:
		r = p.Round(0)
	case HalfEven:
		r = p.RoundBank(0)
	case HalfDown:
		r = p.Truncate(0)
		if p.Sub(r).Abs().GreaterThan(decimal.RequireFromString("0.5")) {
			r = r.Add(decimal.NewFromInt(int64(p.Sign())))
		}
	case Up:
		r = p.RoundUp(0)
	case Down:
		r = p.RoundDown(0)
	case Ceiling:
		r = p.RoundCeil(0)
	case Floor:
		r = p.RoundFloor(0)
	}
	bi := r.BigInt()
	if !bi.IsInt64() {
		return 0, ErrOverflow
	}
	return bi.Int64(), nil
}
