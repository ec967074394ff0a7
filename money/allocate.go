package money

import (
	"math/bits"
	"slices"
	"strconv"
)

// Leftover says where the minor units go that do not divide evenly when an
// amount is split or allocated. The zero Leftover is LeftoverFirst().
type Leftover struct {
	kind leftoverKind
	part int
}

type leftoverKind uint8

const (
	leftoverFirst leftoverKind = iota
	leftoverLast
	leftoverTo
)

// LeftoverFirst gives the leftover units one each to the parts with the
// largest remainders, the earlier part first among equals. For Split, that is
// the first parts.
func LeftoverFirst() Leftover { return Leftover{kind: leftoverFirst} }

// LeftoverLast gives the leftover units one each to the parts with the
// largest remainders, the later part first among equals. For Split, that is
// the last parts.
func LeftoverLast() Leftover { return Leftover{kind: leftoverLast} }

// LeftoverTo gives all the leftover units to one part, counted from 0:
// LeftoverTo(0) is Alipay's "whatever is left goes into period 1". That part
// may then differ from its exact share by up to n-1 units; the others are
// their exact share rounded toward zero.
func LeftoverTo(part int) Leftover { return Leftover{kind: leftoverTo, part: part} }

// String names the policy: "first", "last" or "part 3".
func (l Leftover) String() string {
	switch l.kind {
	case leftoverLast:
		return "last"
	case leftoverTo:
		return "part " + strconv.Itoa(l.part)
	}
	return "first"
}

func (l Leftover) check(op string, n int) error {
	if l.kind == leftoverTo && (l.part < 0 || l.part >= n) {
		return &ArgumentError{Op: op, Reason: "leftover part " + strconv.Itoa(l.part) + " out of range for " + strconv.Itoa(n) + " parts"}
	}
	return nil
}

// Split divides a into n parts that sum exactly to a. Each part is a/n
// rounded toward zero, and the leftover |a| mod n units go where lo says: with
// LeftoverFirst and LeftoverLast every part is within one minor unit of a/n.
// A negative amount splits as the mirror image of its magnitude.
// CNY 100.00 in 3 with LeftoverFirst is 33.34, 33.33, 33.33.
func (a Amount) Split(n int, lo Leftover) ([]Amount, error) {
	if n <= 0 {
		return nil, &ArgumentError{Op: "Split", Reason: "part count " + strconv.Itoa(n) + " is not positive"}
	}
	if err := lo.check("Split", n); err != nil {
		return nil, err
	}
	m := absU(a.units)
	q, rem := m/uint64(n), int(m%uint64(n))
	parts := make([]Amount, n)
	for i := range parts {
		parts[i] = a.part(q)
	}
	switch lo.kind {
	case leftoverFirst:
		for i := 0; i < rem; i++ {
			parts[i] = a.part(q + 1)
		}
	case leftoverLast:
		for i := n - rem; i < n; i++ {
			parts[i] = a.part(q + 1)
		}
	case leftoverTo:
		parts[lo.part] = a.part(q + uint64(rem))
	}
	return parts, nil
}

// part returns m minor units with a's sign and currency. m never exceeds
// |a|, so the result is in range.
func (a Amount) part(m uint64) Amount {
	if a.units < 0 {
		return Amount{units: int64(-m), cur: a.cur}
	}
	return Amount{units: int64(m), cur: a.cur}
}

// Allocate divides a into len(ratios) parts in proportion to ratios, by the
// largest-remainder method: each part is its exact share rounded toward
// zero, and the leftover units go one each to the parts with the largest
// dropped fractions (ties broken by lo), or all to one part with
// LeftoverTo. The parts sum exactly to a; with LeftoverFirst and
// LeftoverLast each is within one minor unit of its exact share, and a part
// whose ratio is zero gets nothing. Ratios must be non-negative, not all
// zero, and their sum must fit in a uint64. A negative amount allocates as
// the mirror image of its magnitude.
// CNY 100.00 by 1:1:1 with LeftoverFirst is 33.34, 33.33, 33.33.
func (a Amount) Allocate(ratios []int64, lo Leftover) ([]Amount, error) {
	if len(ratios) == 0 {
		return nil, &ArgumentError{Op: "Allocate", Reason: "no ratios"}
	}
	if err := lo.check("Allocate", len(ratios)); err != nil {
		return nil, err
	}
	var total uint64
	for _, r := range ratios {
		if r < 0 {
			return nil, &ArgumentError{Op: "Allocate", Reason: "negative ratio " + strconv.FormatInt(r, 10)}
		}
		var carry uint64
		total, carry = bits.Add64(total, uint64(r), 0)
		if carry != 0 {
			return nil, &ArgumentError{Op: "Allocate", Reason: "ratios sum beyond 2^64"}
		}
	}
	if total == 0 {
		return nil, &ArgumentError{Op: "Allocate", Reason: "all ratios are zero"}
	}

	m := absU(a.units)
	parts := make([]Amount, len(ratios))
	rems := make([]uint64, len(ratios))
	var given uint64
	for i, r := range ratios {
		// m*r/total <= m < 2^64, so hi < total and Div64 cannot overflow.
		hi, lo := bits.Mul64(m, uint64(r))
		q, rem := bits.Div64(hi, lo, total)
		parts[i] = a.part(q)
		rems[i] = rem
		given += q
	}
	left := m - given // fewer than the number of non-zero remainders
	if left == 0 {
		return parts, nil
	}
	if lo.kind == leftoverTo {
		parts[lo.part] = a.part(absU(parts[lo.part].units) + left)
		return parts, nil
	}
	order := make([]int, len(ratios))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case rems[i] > rems[j]:
			return -1
		case rems[i] < rems[j]:
			return 1
		case lo.kind == leftoverLast:
			return j - i
		}
		return i - j
	})
	for _, i := range order[:left] {
		parts[i] = a.part(absU(parts[i].units) + 1)
	}
	return parts, nil
}
