package money

import (
	"math"
	"testing"
)

func units(parts []Amount) []int64 {
	out := make([]int64, len(parts))
	for i, p := range parts {
		out[i] = p.Units()
	}
	return out
}

func equalUnits(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		a    Amount
		n    int
		lo   Leftover
		want []int64
	}{
		{"thirds, first", cny(10000), 3, LeftoverFirst(), []int64{3334, 3333, 3333}},
		{"thirds, last", cny(10000), 3, LeftoverLast(), []int64{3333, 3333, 3334}},
		{"thirds, to part 1", cny(10000), 3, LeftoverTo(1), []int64{3333, 3334, 3333}},
		{"negative thirds", cny(-10000), 3, LeftoverFirst(), []int64{-3334, -3333, -3333}},
		{"even", cny(1200), 4, LeftoverFirst(), []int64{300, 300, 300, 300}},
		{"fewer units than parts", cny(2), 5, LeftoverFirst(), []int64{1, 1, 0, 0, 0}},
		{"one part", cny(777), 1, LeftoverLast(), []int64{777}},
		{"zero", cny(0), 3, LeftoverFirst(), []int64{0, 0, 0}},
		// Alipay: RMB 1,111.11 over 6 periods puts 185.18 in each and the
		// 0.03 left over into period 1; the 50.00 fee gives 8.33 each and
		// 0.02 more to period 1.
		{"Alipay principal", cny(111111), 6, LeftoverTo(0), []int64{18521, 18518, 18518, 18518, 18518, 18518}},
		{"Alipay fee", cny(5000), 6, LeftoverTo(0), []int64{835, 833, 833, 833, 833, 833}},
		{"12 periods", cny(300000), 12, LeftoverFirst(), []int64{25000, 25000, 25000, 25000, 25000, 25000, 25000, 25000, 25000, 25000, 25000, 25000}},
		{"MinInt64 in two", cny(math.MinInt64), 2, LeftoverFirst(), []int64{math.MinInt64 / 2, math.MinInt64 / 2}},
		{"MaxInt64 in two", cny(math.MaxInt64), 2, LeftoverLast(), []int64{math.MaxInt64 / 2, math.MaxInt64/2 + 1}},
	}
	for _, tt := range tests {
		parts, err := tt.a.Split(tt.n, tt.lo)
		if err != nil || !equalUnits(units(parts), tt.want) {
			t.Errorf("%s: %v.Split(%d, %v) = %v, %v; want %v", tt.name, tt.a, tt.n, tt.lo, units(parts), err, tt.want)
		}
		for _, p := range parts {
			if p.Currency() != tt.a.Currency() {
				t.Errorf("%s: part %v in the wrong currency", tt.name, p)
			}
		}
	}
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		name   string
		a      Amount
		ratios []int64
		lo     Leftover
		want   []int64
	}{
		{"thirds", cny(10000), []int64{1, 1, 1}, LeftoverFirst(), []int64{3334, 3333, 3333}},
		{"thirds, last", cny(10000), []int64{1, 1, 1}, LeftoverLast(), []int64{3333, 3333, 3334}},
		// 0.05 by 3:7 is exactly 0.015 and 0.035: the tie goes by the policy.
		{"tie first", cny(5), []int64{3, 7}, LeftoverFirst(), []int64{2, 3}},
		{"tie last", cny(5), []int64{3, 7}, LeftoverLast(), []int64{1, 4}},
		// 100 by 1:2:3 = 16.67, 33.33, 50.00 exactly 16.666.., 33.333.., 50:
		// the largest remainder (0.666) takes the one unit left.
		{"largest remainder", cny(100), []int64{1, 2, 3}, LeftoverFirst(), []int64{17, 33, 50}},
		{"largest remainder, last", cny(100), []int64{1, 2, 3}, LeftoverLast(), []int64{17, 33, 50}},
		{"to one part", cny(100), []int64{1, 2, 3}, LeftoverTo(2), []int64{16, 33, 51}},
		{"zero ratio gets nothing", cny(10), []int64{0, 1, 1, 1}, LeftoverFirst(), []int64{0, 4, 3, 3}},
		{"negative", cny(-100), []int64{1, 2, 3}, LeftoverFirst(), []int64{-17, -33, -50}},
		{"weights by balance", cny(1000), []int64{30000, 10000}, LeftoverFirst(), []int64{750, 250}},
		{"huge ratios", cny(math.MaxInt64), []int64{math.MaxInt64, math.MaxInt64}, LeftoverLast(), []int64{math.MaxInt64 / 2, math.MaxInt64/2 + 1}},
	}
	for _, tt := range tests {
		parts, err := tt.a.Allocate(tt.ratios, tt.lo)
		if err != nil || !equalUnits(units(parts), tt.want) {
			t.Errorf("%s: %v.Allocate(%v, %v) = %v, %v; want %v", tt.name, tt.a, tt.ratios, tt.lo, units(parts), err, tt.want)
		}
	}
}

func TestLeftoverString(t *testing.T) {
	for lo, want := range map[Leftover]string{LeftoverFirst(): "first", LeftoverLast(): "last", LeftoverTo(3): "part 3", {}: "first"} {
		if got := lo.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
