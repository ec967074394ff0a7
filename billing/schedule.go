package billing

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Installment is one row of a repayment schedule.
type Installment struct {
	Period    int           `json:"period"`    // 1 for the first period; 0 for a down payment
	Due       calendar.Date `json:"due"`       // when it is due
	Billed    calendar.Date `json:"billed"`    // when it is billed (Due less the plan's BillDaysBeforeDue)
	Principal money.Amount  `json:"principal"` // principal repaid
	Fee       money.Amount  `json:"fee"`       // fee paid by the shopper
	Interest  money.Amount  `json:"interest"`  // interest (loans only)
	Total     money.Amount  `json:"total"`     // Principal + Fee + Interest
	Remaining money.Amount  `json:"remaining"` // principal still owed after this row
}

// Schedule is a repayment schedule: its rows sum exactly to the principal,
// the fee the shopper pays and the interest.
type Schedule struct {
	Principal     money.Amount  `json:"principal"`
	Start         calendar.Date `json:"start"`
	TotalFee      money.Amount  `json:"total_fee"`      // paid by the shopper, the sum of the rows' fees
	TotalInterest money.Amount  `json:"total_interest"` // the sum of the rows' interest
	MerchantFee   money.Amount  `json:"merchant_fee"`   // the merchant's part of the plan's fee: all of it, its share or zero
	// PromotionFee is the shopper's fee the plan's free periods waive,
	// which a promotion funds; the zero Amount when nothing is waived.
	// TotalFee + MerchantFee + PromotionFee is the plan's whole fee.
	PromotionFee   money.Amount  `json:"promotion_fee,omitzero"`
	PeriodsPerYear int           `json:"periods_per_year"`
	Installments   []Installment `json:"installments"`
}

// Fits reports whether the plan's split can lay principal out over its
// periods: nil, or an *InputError when principal is not positive or is too
// few minor units to round half-up over them (HalfUpLastSplit: 0.07 over
// 12 periods of 0.01 each). A checkout asks it before approving, so that
// nothing is approved that could never post. It allocates nothing.
func (p Plan) Fits(principal money.Amount) error {
	if !principal.IsPositive() {
		return &InputError{Arg: "principal", Reason: "must be positive, not " + principal.String()}
	}
	if p.Periods < 1 {
		return &PlanError{Field: "periods", Reason: "must be 1-" + strconv.Itoa(MaxPeriods) + ", not " + strconv.Itoa(p.Periods)}
	}
	financed := principal.Units()
	if p.DownPayment.Sign() > 0 {
		down, err := principal.MulRate(p.DownPayment, money.HalfEven)
		if err != nil {
			return err
		}
		financed -= down.Units()
	}
	_, err := p.Split.shares(financed, int64(p.Periods))
	return err
}

// Schedule lays out the plan for principal starting on start (the purchase
// or statement date). c is the working-day calendar for the due rule's
// roll; it may be nil when the rule does not roll. The principal must be
// positive, and a flat fee must be in its currency.
func (p Plan) Schedule(principal money.Amount, start calendar.Date, c calendar.WorkingDays) (Schedule, error) {
	if err := p.Validate(); err != nil {
		return Schedule{}, err
	}
	if !principal.IsPositive() || !principal.Currency().IsValid() {
		return Schedule{}, &InputError{Arg: "principal", Reason: "must be positive, not " + principal.String()}
	}
	cur := principal.Currency()
	zero := money.Zero(cur)

	financed, down := principal, zero
	if p.DownPayment.Sign() > 0 {
		var err error
		if down, err = principal.MulRate(p.DownPayment, money.HalfEven); err != nil {
			return Schedule{}, err
		}
		financed, _ = principal.Sub(down) // 0 <= down <= principal
	}
	n := int64(p.Periods)

	fee, err := p.totalFee(financed)
	if err != nil {
		return Schedule{}, err
	}
	principalShares, err := p.Split.shares(financed.Units(), n)
	if err != nil {
		return Schedule{}, err
	}
	buyerFee, merchantFee := fee, zero
	switch p.FeePayer {
	case Merchant:
		buyerFee, merchantFee = zero, fee
	case SharedFee:
		if merchantFee, err = fee.MulRate(p.MerchantShare, money.HalfEven); err != nil {
			return Schedule{}, err
		}
		buyerFee, _ = fee.Sub(merchantFee) // 0 <= merchant part <= fee
	}
	var feeShares shares
	switch p.FeeModel {
	case TotalRate:
		feeShares = p.Split.feeShares(buyerFee.Units(), n)
	case PerPeriodRate:
		// n equal fees; a shopper's part of a shared fee need not divide
		// by n, and what it leaves over goes where the split rule puts a
		// remainder (period 1, or the last), so that the rows sum to it.
		per, rest := buyerFee.Units()/n, buyerFee.Units()%n
		feeShares = shares{first: per + rest, regular: per, last: per}
		if p.Split == HalfUpLastSplit && n > 1 {
			feeShares = shares{first: per, regular: per, last: per + rest}
		}
	case FlatFee:
		feeShares = shares{first: buyerFee.Units()}
	}
	if err != nil {
		return Schedule{}, err
	}

	s := Schedule{
		Principal: principal, Start: start, TotalFee: buyerFee, TotalInterest: zero,
		MerchantFee: merchantFee, PeriodsPerYear: p.periodsPerYear(),
		Installments: make([]Installment, 0, p.Periods+1),
	}
	remaining := principal.Units()
	add := func(period int, due calendar.Date, prin, fee int64) {
		remaining -= prin
		s.Installments = append(s.Installments, Installment{
			Period: period, Due: due, Billed: due.AddDays(-p.BillDaysBeforeDue),
			Principal: money.FromMinor(prin, cur), Fee: money.FromMinor(fee, cur), Interest: zero,
			Total: money.FromMinor(prin+fee, cur), Remaining: money.FromMinor(remaining, cur),
		})
	}
	if !down.IsZero() {
		add(0, start, down.Units(), 0)
		if p.FeeModel == FlatFee { // an up-front fee is paid with the down payment
			s.Installments[0].Fee = money.FromMinor(feeShares.first, cur)
			s.Installments[0].Total = money.FromMinor(down.Units()+feeShares.first, cur)
			feeShares.first = 0
		}
	}
	for k := int64(1); k <= n; k++ {
		due, err := p.Due.Nth(c, start, int(k))
		if err != nil {
			return Schedule{}, err
		}
		add(int(k), due, principalShares.at(k, n), feeShares.at(k, n))
	}
	s.waive(p.FreePeriods)
	return s, nil
}

// waive takes the fee of periods 1 to free (and of a down payment, which
// pays period 1's up-front fee) off the shopper's rows, into PromotionFee.
func (s *Schedule) waive(free int) {
	if free <= 0 {
		return
	}
	var waived int64
	for i := range s.Installments {
		in := &s.Installments[i]
		if in.Period > free || in.Fee.IsZero() {
			continue
		}
		waived += in.Fee.Units()
		in.Total, _ = in.Total.Sub(in.Fee) // Total = Principal + Fee + Interest
		in.Fee = money.Zero(in.Fee.Currency())
	}
	if waived == 0 {
		return
	}
	cur := s.TotalFee.Currency()
	s.TotalFee = money.FromMinor(s.TotalFee.Units()-waived, cur)
	s.PromotionFee = money.FromMinor(waived, cur)
}

// totalFee returns the plan's whole fee on the financed principal.
func (p Plan) totalFee(financed money.Amount) (money.Amount, error) {
	mode := money.HalfEven
	if p.Split == HalfUpLastSplit {
		mode = money.HalfUp
	}
	switch p.FeeModel {
	case TotalRate:
		return financed.MulRate(p.FeeRate, mode)
	case PerPeriodRate:
		per, err := financed.MulRate(p.FeeRate, mode)
		if err != nil {
			return money.Amount{}, err
		}
		return per.MulRate(decimal.NewFromInt(int64(p.Periods)), money.Exact)
	case FlatFee:
		if p.Flat.Currency() != financed.Currency() {
			return money.Amount{}, &money.MismatchError{Op: "flat fee", A: financed.Currency(), B: p.Flat.Currency()}
		}
		return *p.Flat, nil
	}
	return money.Zero(financed.Currency()), nil
}

// periodsPerYear derives how many periods a year the due rule makes: 12 for
// monthly, 26 for every 14 days. Rules it cannot place default to 12.
func (p Plan) periodsPerYear() int {
	switch p.Due.Kind {
	case calendar.Monthly:
		return 12 / max(1, p.Due.Months)
	case calendar.DaysAfter:
		if p.Due.Days > 0 {
			return max(1, 364/p.Due.Days)
		}
	}
	return 12
}

// shares is how a total divides over n periods: the first, the last and
// every other period.
type shares struct{ first, regular, last int64 }

func (s shares) at(k, n int64) int64 {
	switch {
	case k == 1:
		return s.first
	case k == n:
		return s.last
	}
	return s.regular
}

// shares divides total (>= 0) minor units over n periods by the rule.
func (r SplitRule) shares(total, n int64) (shares, error) {
	if n == 1 {
		return shares{first: total, regular: total, last: total}, nil
	}
	switch r {
	case HalfUpLastSplit:
		per := total / n
		if total%n*2 >= n { // half-up
			per++
		}
		last := total - (n-1)*per
		if last < 0 {
			return shares{}, &InputError{Arg: "principal", Reason: fmt.Sprintf("%d minor units are too few for %d periods rounded half-up", total, n)}
		}
		return shares{first: per, regular: per, last: last}, nil
	}
	q := total / n
	return shares{first: q + total%n, regular: q, last: q}, nil
}

// feeShares divides a fee of total (>= 0) minor units over a plan's n
// periods by the rule. A fee too small to round half-up over the periods
// (the shopper's sliver of a shared fee) is no reason to refuse the plan,
// which would leave a purchase approved at checkout that could never
// post: each period's share is then rounded down and the rest goes into
// the last.
func (r SplitRule) feeShares(total, n int64) shares {
	s, err := r.shares(total, n)
	if err != nil {
		per := total / n
		s = shares{first: per, regular: per, last: total - (n-1)*per}
	}
	return s
}

// String renders the schedule as a table, one row a period.
func (s Schedule) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "principal %s from %s; fee %s; interest %s; merchant fee %s",
		s.Principal, s.Start, s.TotalFee, s.TotalInterest, s.MerchantFee)
	if !s.PromotionFee.IsZero() {
		fmt.Fprintf(&b, "; waived %s", s.PromotionFee)
	}
	b.WriteByte('\n')
	fmt.Fprintf(&b, "%6s  %-10s  %-10s  %14s  %12s  %12s  %14s  %14s\n",
		"period", "due", "billed", "principal", "fee", "interest", "total", "remaining")
	for _, in := range s.Installments {
		fmt.Fprintf(&b, "%6d  %-10s  %-10s  %14s  %12s  %12s  %14s  %14s\n", in.Period, in.Due, in.Billed,
			num(in.Principal), num(in.Fee), num(in.Interest), num(in.Total), num(in.Remaining))
	}
	return b.String()
}

// num prints an amount without its currency code.
func num(a money.Amount) string {
	s := a.String()
	return s[strings.IndexByte(s, ' ')+1:]
}
