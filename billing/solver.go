package billing

import (
	"math/big"
	"math/bits"
	"slices"

	"github.com/justspend/justspend/internal/fixed"
	"github.com/shopspring/decimal"
)

// RatePlaces is the number of decimal places of every rate this package
// returns (0.1368212345 is 13.68212345%), rounded half-even.
const RatePlaces = 10

// flow is one amount in a discounting problem: paid t whole periods after
// the start plus a fraction fnum/fden of a period (Regulation Z's f).
type flow struct {
	amount     uint64
	t          int
	fnum, fden uint64 // fden 0 means no fraction
}

// presentValue returns Σ amount × v^t / (1 + f·i), with i = 1/v − 1, as a
// 128-bit number scaled by 2^62. flows must be sorted by t.
func presentValue(flows []flow, v fixed.Q) fixed.Uint128 {
	var sum fixed.Uint128
	power, at := fixed.One, 0
	for _, fl := range flows {
		switch fl.t - at {
		case 0:
		case 1:
			power = fixed.Mul(power, v)
		default:
			power = fixed.Mul(power, fixed.Pow(v, fl.t-at))
		}
		at = fl.t
		factor := power
		if fl.fnum != 0 {
			// 1/(1 + f·i) = v / (v + f·(1 − v)).
			f := fixed.Ratio(fl.fnum, fl.fden)
			factor = fixed.Div(fixed.Mul(power, v), v+fixed.Mul(f, fixed.One-v))
		}
		sum.Add(fixed.MulInt(fl.amount, factor))
	}
	return sum
}

// solveDiscount finds the discount factor v in (0, 1] at which the flows
// are worth target (an amount scaled by 2^62): v = 1/(1 + i) for the
// periodic rate i >= 0. Flows worth less than target undiscounted would
// need a negative rate: ErrNoRate.
func solveDiscount(target fixed.Uint128, flows []flow) (fixed.Q, error) {
	slices.SortStableFunc(flows, func(a, b flow) int { return a.t - b.t })
	switch presentValue(flows, fixed.One).Cmp(target) {
	case 0:
		return fixed.One, nil
	case -1:
		return 0, ErrNoRate
	}
	// presentValue rises with v: bisect to the last bit.
	lo, hi := fixed.Q(0), fixed.One
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if presentValue(flows, mid).Cmp(target) < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	if hi == 0 {
		return 0, ErrNoRate
	}
	return hi, nil
}

// rateFromDiscount returns 1/v^n − 1, the rate over n periods of a
// per-period discount factor v, in units of 10^-RatePlaces rounded
// half-even.
func rateFromDiscount(v fixed.Q, n int) *big.Int {
	vn := fixed.Pow(v, n)
	if vn == 0 {
		vn = 1 // beyond 2^62 the rate is only a lower bound
	}
	// (One − vn) × 10^RatePlaces / vn, rounded half-even.
	hi, lo := bits.Mul64(uint64(fixed.One-vn), ratePlacesScale)
	if hi < uint64(vn) {
		q, r := bits.Div64(hi, lo, uint64(vn))
		if r > uint64(vn)-r || r == uint64(vn)-r && q&1 == 1 {
			q++
		}
		return new(big.Int).SetUint64(q)
	}
	num := new(big.Int).Mul(new(big.Int).SetUint64(uint64(fixed.One-vn)), new(big.Int).SetUint64(ratePlacesScale))
	den := new(big.Int).SetUint64(uint64(vn))
	q, r := num.QuoRem(num, den, new(big.Int))
	if c := r.Lsh(r, 1).Cmp(den); c > 0 || c == 0 && q.Bit(0) == 1 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// ratePlacesScale is 10^RatePlaces.
const ratePlacesScale = 1e10

// rateDecimal returns units of 10^-RatePlaces as a decimal.
func rateDecimal(units *big.Int) decimal.Decimal { return decimal.NewFromBigInt(units, -RatePlaces) }
