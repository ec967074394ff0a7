// Package checked adds int64s and says when a sum leaves int64: the sums of
// minor units that balances, statements and the portfolio take over lists
// whose length nothing bounds.
package checked

// Sum is a running total that remembers whether any step overflowed. The
// zero Sum is zero.
type Sum struct {
	v    int64
	over bool
}

// Add adds x.
func (s *Sum) Add(x int64) {
	r := s.v + x
	if (x > 0 && r < s.v) || (x < 0 && r > s.v) {
		s.over = true
	}
	s.v = r
}

// Sub subtracts x.
func (s *Sum) Sub(x int64) {
	r := s.v - x
	if (x > 0 && r > s.v) || (x < 0 && r < s.v) {
		s.over = true
	}
	s.v = r
}

// Value returns the total and whether it is exact (no step overflowed).
func (s Sum) Value() (int64, bool) { return s.v, !s.over }

// Add returns a + b and whether it fits in int64.
func Add(a, b int64) (int64, bool) {
	s := Sum{v: a}
	s.Add(b)
	return s.Value()
}

// Sub returns a − b and whether it fits in int64.
func Sub(a, b int64) (int64, bool) {
	s := Sum{v: a}
	s.Sub(b)
	return s.Value()
}
