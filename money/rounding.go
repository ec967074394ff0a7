package money

import (
	"math"
	"strconv"
)

// Rounding names how a value that falls between two whole minor units is
// brought to one of them. The zero value, Exact, refuses to round: an
// operation that would need rounding returns ErrNeedsRounding, so a
// forgotten mode is an error rather than a silent choice.
type Rounding uint8

const (
	Exact    Rounding = iota // no rounding allowed: an inexact result is ErrNeedsRounding
	HalfUp                   // to nearest; halves away from zero (commercial rounding)
	HalfEven                 // to nearest; halves to the even neighbour (banker's rounding)
	HalfDown                 // to nearest; halves toward zero
	Up                       // away from zero
	Down                     // toward zero (truncation)
	Ceiling                  // toward positive infinity
	Floor                    // toward negative infinity
)

func (m Rounding) String() string {
	switch m {
	case Exact:
		return "Exact"
	case HalfUp:
		return "HalfUp"
	case HalfEven:
		return "HalfEven"
	case HalfDown:
		return "HalfDown"
	case Up:
		return "Up"
	case Down:
		return "Down"
	case Ceiling:
		return "Ceiling"
	case Floor:
		return "Floor"
	}
	return "Rounding(" + strconv.Itoa(int(m)) + ")"
}

// valid reports whether m is one of the named modes.
func (m Rounding) valid() bool { return m <= Floor }

// roundAway decides whether a magnitude truncated to q must go one unit
// further from zero. neg is the sign of the exact value, inexact whether any
// fraction was dropped, and half compares the dropped fraction with one half
// (-1 below, 0 exactly, +1 above). m must be valid.
func (m Rounding) roundAway(q uint64, neg, inexact bool, half int) (bool, error) {
	if !inexact {
		return false, nil
	}
	switch m {
	case Up:
		return true, nil
	case Ceiling:
		return !neg, nil
	case Floor:
		return neg, nil
	case HalfUp:
		return half >= 0, nil
	case HalfDown:
		return half > 0, nil
	case HalfEven:
		return half > 0 || half == 0 && q&1 == 1, nil
	case Down:
		return false, nil
	}
	return false, ErrNeedsRounding
}

// FromScaled returns v × 10^-scale minor units of c (a non-negative
// fixed-point value, such as an accrual kept in 10^-12 of a minor unit),
// rounded to a whole minor unit with m. scale is 0 to 18.
func FromScaled(v uint64, scale int, c Currency, m Rounding) (Amount, error) {
	if !m.valid() {
		return Amount{}, invalidRounding("FromScaled", m)
	}
	if scale < 0 || scale > 18 {
		return Amount{}, &ArgumentError{Op: "FromScaled", Reason: "scale must be 0 to 18"}
	}
	den := uint64(1)
	for range scale {
		den *= 10
	}
	q, r := v/den, v%den
	half := 0 // 2r against den, without overflow: r < den <= 10^18
	switch {
	case 2*r < den:
		half = -1
	case 2*r > den:
		half = 1
	}
	away, err := m.roundAway(q, false, r != 0, half)
	if err != nil {
		return Amount{}, err
	}
	if away {
		q++
	}
	if q > math.MaxInt64 {
		return Amount{}, ErrOverflow
	}
	return FromMinor(int64(q), c), nil
}

func invalidRounding(op string, m Rounding) error {
	return &ArgumentError{Op: op, Reason: "unknown rounding mode " + m.String()}
}

// roundingTexts are the names MarshalText writes, in mode order.
func roundingTexts() []string {
	return []string{"exact", "half_up", "half_even", "half_down", "up", "down", "ceiling", "floor"}
}

// MarshalText encodes the mode as "half_even", "floor" and so on, for
// products stored as JSON.
func (m Rounding) MarshalText() ([]byte, error) {
	if !m.valid() {
		return nil, invalidRounding("MarshalText", m)
	}
	return []byte(roundingTexts()[m]), nil
}

// UnmarshalText decodes the names MarshalText writes.
func (m *Rounding) UnmarshalText(b []byte) error {
	for i, name := range roundingTexts() {
		if string(b) == name {
			*m = Rounding(i)
			return nil
		}
	}
	return &ArgumentError{Op: "Rounding.UnmarshalText", Reason: "unknown rounding mode " + strconv.Quote(string(b))}
}
