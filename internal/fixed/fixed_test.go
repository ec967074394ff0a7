package fixed

import (
	"math/big"
	"testing"
)

func TestArithmetic(t *testing.T) {
	half := One / 2
	if Mul(half, half) != One/4 {
		t.Errorf("0.5 x 0.5 = %d, want %d", Mul(half, half), One/4)
	}
	if Pow(half, 10) != One/1024 {
		t.Errorf("0.5^10 = %d, want %d", Pow(half, 10), One/1024)
	}
	if Pow(half, 0) != One || Pow(One, 360) != One {
		t.Error("x^0 or 1^360 is not 1")
	}
	if Div(One/4, half) != half {
		t.Errorf("0.25 / 0.5 = %d", Div(One/4, half))
	}
	if Ratio(1, 3) != One/3 {
		t.Errorf("Ratio(1, 3) = %d, want %d", Ratio(1, 3), One/3)
	}
	// 1.1^12 against exact big.Rat arithmetic, to 2^-58.
	x := Ratio(11, 10)
	got := Pow(x, 12)
	want := new(big.Rat).SetFrac64(11, 10)
	acc := big.NewRat(1, 1)
	for i := 0; i < 12; i++ {
		acc.Mul(acc, want)
	}
	scaled := new(big.Rat).Mul(acc, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), Shift)))
	diff := new(big.Rat).Sub(new(big.Rat).SetInt(new(big.Int).SetUint64(uint64(got))), scaled)
	if diff.Abs(diff).Cmp(big.NewRat(16, 1)) > 0 {
		t.Errorf("1.1^12 = %d, exact %s", got, scaled.FloatString(1))
	}
}

func TestUint128(t *testing.T) {
	var u Uint128
	if !u.Add(0, ^uint64(0)) || !u.Add(0, 1) || u != (Uint128{Hi: 1}) {
		t.Errorf("carry: %+v", u)
	}
	if u.Cmp(Uint128{Lo: 5}) != 1 || (Uint128{Lo: 5}).Cmp(u) != -1 || u.Cmp(u) != 0 {
		t.Error("Cmp is wrong")
	}
	if u.Big().Cmp(new(big.Int).Lsh(big.NewInt(1), 64)) != 0 {
		t.Errorf("Big = %v", u.Big())
	}
	full := Uint128{Hi: ^uint64(0), Lo: ^uint64(0)}
	if full.Add(0, 1) {
		t.Error("overflow not reported")
	}
}
