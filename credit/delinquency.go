package credit

import (
	"slices"
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// Delinquency and charge-off.
//
// A line's delinquency is where it stands in its product's buckets of
// days past due (Product.Delinquency), by the one definition of past due
// the Engine and Report share: a line is past due exactly when it is
// overdue (billing.Account.Overdue), its days past due count from the
// oldest due date it is overdue by, and each past-due debt, installment
// period by installment period, is aged by its own due date. A line
// whose product charges off (billing.Rules.ChargeOff) and that has been
// charged off is in the charged-off bucket for good.
//
// When a command or an Advance moves a line into another bucket, the
// Engine appends a fact of kind "delinquency" after the command's own
// facts, in the same append: its Data is a DelinquencyChange. A host sees
// it through Engine.Events (and is told of the version by
// Config.OnCommit) like any fact; it moves no money and the fold takes
// nothing from it. An Advance over many days that crosses several bucket
// bounds records one change, from the bucket the line was in to the one
// it reached.

// KindDelinquency is the Kind of the fact that records a change of
// delinquency bucket; its Data decodes as a DelinquencyChange.
const KindDelinquency = factDelinquency

const factDelinquency = "delinquency"

// MaxDelinquencyBuckets is the most buckets a product may define.
const MaxDelinquencyBuckets = 24

// DelinquencyPolicy is a product's delinquency buckets. The zero value is
// DefaultBuckets.
type DelinquencyPolicy struct {
	// Buckets are the buckets' last days past due, ascending from 1 (at
	// most MaxDelinquencyBuckets of them, at most
	// billing.MaxChargeOffDays); a last bucket takes every day beyond.
	// Nil means DefaultBuckets.
	Buckets []int `json:"buckets,omitempty"`
}

// DefaultBuckets are the usual buckets of credit reporting and the
// portfolio report: 1-30, 31-60, 61-90 and over 90 days past due.
func DefaultBuckets() []int { return []int{30, 60, 90} }

// ClassBuckets are the bands of the CBRC's classification of credit card
// debt, Measures for the Supervision and Administration of Credit Card
// Business of Commercial Banks (商业银行信用卡业务监督管理办法, 2011),
// Article 92: special mention (关注类) 1-90 days past due, substandard
// (次级类) 91-120, doubtful (可疑类) 121-180 and loss (损失类) over 180.
func ClassBuckets() []int { return []int{90, 120, 180} }

// bounds returns the policy's buckets.
func (d DelinquencyPolicy) bounds() []int {
	if d.Buckets == nil {
		return DefaultBuckets()
	}
	return d.Buckets
}

// validate says why the policy is out of range, with the field, or "".
func (d DelinquencyPolicy) validate() (field, why string) {
	if d.Buckets != nil && len(d.Buckets) == 0 {
		return "delinquency.buckets", "is empty: leave it out for the default buckets"
	}
	if len(d.Buckets) > MaxDelinquencyBuckets {
		return "delinquency.buckets", "has more than " + strconv.Itoa(MaxDelinquencyBuckets) + " buckets"
	}
	for i, b := range d.Buckets {
		if b < 1 || b > billing.MaxChargeOffDays || i > 0 && b <= d.Buckets[i-1] {
			return "delinquency.buckets[" + strconv.Itoa(i) + "]", "buckets must ascend from 1 to at most " + strconv.Itoa(billing.MaxChargeOffDays) + " days past due, not " + strconv.Itoa(b)
		}
	}
	return "", ""
}

// Bucket is one delinquency bucket: current (From 0), From to To days
// past due (To 0: no end), or charged off.
type Bucket struct {
	From       int  `json:"from"`
	To         int  `json:"to,omitempty"`
	ChargedOff bool `json:"charged_off,omitempty"`
}

// String names the bucket: "current", "1-30", "91+" or "charged_off".
func (b Bucket) String() string {
	switch {
	case b.ChargedOff:
		return "charged_off"
	case b.From == 0:
		return "current"
	case b.To == 0:
		return strconv.Itoa(b.From) + "+"
	}
	return strconv.Itoa(b.From) + "-" + strconv.Itoa(b.To)
}

// bucketOf returns the bucket of days past due (at least 1) among bounds.
func bucketOf(bounds []int, days int) Bucket {
	i, _ := slices.BinarySearch(bounds, days)
	b := Bucket{From: 1}
	if i > 0 {
		b.From = bounds[i-1] + 1
	}
	if i < len(bounds) {
		b.To = bounds[i]
	}
	return b
}

// Delinquency is where a line stands on its current day (On).
type Delinquency struct {
	On     calendar.Date `json:"on"`
	Bucket Bucket        `json:"bucket"`
	// DaysPastDue counts from the oldest due date the line is past due by
	// (for a charged-off line, the one it was charged off for); 0 when it
	// is current.
	DaysPastDue int `json:"days_past_due,omitempty"`
	// PastDue is what keeps the line past due (for a charged-off line,
	// its charged-off balance).
	PastDue money.Amount `json:"past_due"`
	// Items are the past-due debts, each aged by its own due date: an
	// installment plan's periods one by one. None for a charged-off line.
	Items []AgedDebt `json:"items,omitempty"`
}

// AgedDebt is one past-due debt in its bucket.
type AgedDebt struct {
	Ref         string            `json:"ref"`
	Kind        billing.DebtKind  `json:"kind"`
	Component   billing.Component `json:"component"`
	Period      int               `json:"period,omitempty"`
	Due         calendar.Date     `json:"due"`
	DaysPastDue int               `json:"days_past_due"`
	Bucket      Bucket            `json:"bucket"`
	Amount      money.Amount      `json:"amount"`
}

// Delinquency returns where the line stands in p's delinquency buckets
// on its current day. p is the line's product (a host has it from its
// configuration; the Engine's copy is not handed out).
func (l *Line) Delinquency(p *Product) Delinquency {
	bounds := p.Delinquency.bounds()
	c := l.Limit.Currency()
	out := Delinquency{On: l.Today, PastDue: money.Zero(c)}
	if co := l.Account.ChargeOff; !co.IsZero() {
		out.Bucket, out.DaysPastDue, out.PastDue = Bucket{ChargedOff: true}, max(co.Since.DaysUntil(l.Today), 0), co.Balance
		return out
	}
	var sum checked.Sum
	oldest, overdue := l.pastDue(l.Today, func(d *billing.Debt) {
		days := d.Due.DaysUntil(l.Today)
		out.Items = append(out.Items, AgedDebt{Ref: d.Ref, Kind: d.Kind, Component: d.Component, Period: d.Period, Due: d.Due,
			DaysPastDue: days, Bucket: bucketOf(bounds, days), Amount: d.Amount})
		sum.Add(d.Amount.Units())
	})
	if !overdue {
		return out
	}
	out.DaysPastDue = max(oldest.DaysUntil(l.Today), 1)
	out.Bucket = bucketOf(bounds, out.DaysPastDue)
	if v, ok := sum.Value(); ok { // the line's sums fit: the Engine keeps no other
		out.PastDue = money.FromMinor(v, c)
	}
	return out
}

// bucket returns the line's bucket on its current day, without the
// items.
func (l *Line) bucket(p *Product) Bucket {
	if !l.Account.ChargeOff.IsZero() {
		return Bucket{ChargedOff: true}
	}
	oldest, overdue := l.pastDue(l.Today, nil)
	if !overdue {
		return Bucket{}
	}
	return bucketOf(p.Delinquency.bounds(), max(oldest.DaysUntil(l.Today), 1))
}

// DelinquencyChange is the Data of a "delinquency" fact: the line moved
// from one bucket to another, and stood DaysPastDue days past due with
// PastDue keeping it there (for a charged-off line, its charged-off
// balance), on the fact's day.
type DelinquencyChange struct {
	From        Bucket       `json:"from"`
	To          Bucket       `json:"to"`
	DaysPastDue int          `json:"days_past_due,omitempty"`
	PastDue     money.Amount `json:"past_due"`
}

// delinquent reports whether a line can be in a bucket other than
// current: the test that keeps the hot path free of aging.
func (l *Line) delinquent() bool {
	return !l.Account.Overdue.Statement.IsZero() || !l.Account.ChargeOff.IsZero()
}

// noteDelinquency adds to the batch the fact of a change of bucket, from
// the line as loaded (before) to the line after the batch's facts. The
// fact changes nothing but the line's version (the fold of it is a clone
// and that), so it is not applied: the line after it is the line before
// it, one version on.
func (b *batch) noteDelinquency(p *compiled, before *Line) error {
	if !before.delinquent() && !b.line.delinquent() {
		return nil
	}
	from, to := before.bucket(&p.Product), b.line.bucket(&p.Product)
	if from == to {
		return nil
	}
	if b.n == len(b.facts) {
		return errTooManyFacts
	}
	ch := DelinquencyChange{From: from, To: to, PastDue: money.Zero(b.line.Limit.Currency())}
	if co := b.line.Account.ChargeOff; !co.IsZero() {
		ch.DaysPastDue, ch.PastDue = max(co.Since.DaysUntil(b.line.Today), 0), co.Balance
	} else if to != (Bucket{}) {
		var sum checked.Sum
		oldest, _ := b.line.pastDue(b.line.Today, func(d *billing.Debt) { sum.Add(d.Amount.Units()) })
		ch.DaysPastDue = max(oldest.DaysUntil(b.line.Today), 1)
		if v, ok := sum.Value(); ok {
			ch.PastDue = money.FromMinor(v, ch.PastDue.Currency())
		}
	}
	f, err := newFact(factDelinquency, b.line.Today, ch)
	if err != nil {
		return err
	}
	next := b.line
	next.Version++
	enc, err := f.appendSealed(*b.buf, b.sum)
	if err != nil {
		return err
	}
	*b.buf, b.line, b.prev, b.sum = enc, next, b.sum, f.Sum
	b.facts[b.n], b.ends[b.n] = f, len(enc)
	b.n++
	return nil
}

// appendJSON appends the change's JSON, as json.Marshal writes it.
func (c DelinquencyChange) appendJSON(b []byte) ([]byte, error) {
	b = c.From.appendJSON(append(b, `{"from":`...))
	b = c.To.appendJSON(append(b, `,"to":`...))
	if c.DaysPastDue != 0 {
		b = strconv.AppendInt(append(b, `,"days_past_due":`...), int64(c.DaysPastDue), 10)
	}
	b, err := appendAmount(b, "past_due", c.PastDue, false)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// appendJSON appends the bucket's JSON, as json.Marshal writes it.
func (k Bucket) appendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"from":`...), int64(k.From), 10)
	if k.To != 0 {
		b = strconv.AppendInt(append(b, `,"to":`...), int64(k.To), 10)
	}
	if k.ChargedOff {
		b = append(b, `,"charged_off":true`...)
	}
	return append(b, '}')
}
