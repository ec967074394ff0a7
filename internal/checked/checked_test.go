package checked

import (
	"math"
	"testing"
)

func TestSum(t *testing.T) {
	cases := []struct {
		name string
		ops  []int64 // added in turn; a step given as a negative is added too
		want int64
		ok   bool
	}{
		{"empty", nil, 0, true},
		{"small", []int64{1, 2, -4}, -1, true},
		{"up to the top", []int64{math.MaxInt64 - 1, 1}, math.MaxInt64, true},
		{"past the top", []int64{math.MaxInt64, 1}, math.MinInt64, false},
		{"down to the bottom", []int64{math.MinInt64 + 1, -1}, math.MinInt64, true},
		{"past the bottom", []int64{math.MinInt64, -1}, math.MaxInt64, false},
		{"over and back is still over", []int64{math.MaxInt64, 1, -1}, math.MaxInt64, false},
	}
	for _, c := range cases {
		var s Sum
		for _, x := range c.ops {
			s.Add(x)
		}
		got, ok := s.Value()
		if ok != c.ok || ok && got != c.want {
			t.Errorf("%s: %d, %v; want %d, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestAddSub(t *testing.T) {
	cases := []struct {
		a, b     int64
		sum, dif int64
		sumOK    bool
		difOK    bool
	}{
		{5, 3, 8, 2, true, true},
		{math.MaxInt64, 1, 0, math.MaxInt64 - 1, false, true},
		{math.MinInt64, 1, math.MinInt64 + 1, 0, true, false},
		{0, math.MinInt64, math.MinInt64, 0, true, false},
		{-1, math.MinInt64, 0, math.MaxInt64, false, true},
	}
	for _, c := range cases {
		if s, ok := Add(c.a, c.b); ok != c.sumOK || ok && s != c.sum {
			t.Errorf("Add(%d, %d) = %d, %v", c.a, c.b, s, ok)
		}
		if d, ok := Sub(c.a, c.b); ok != c.difOK || ok && d != c.dif {
			t.Errorf("Sub(%d, %d) = %d, %v", c.a, c.b, d, ok)
		}
	}
}
