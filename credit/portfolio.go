package credit

import (
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Past-due buckets, by days past the due date.
const (
	PastDue1To30 = iota
	PastDue31To60
	PastDue61To90
	PastDueOver90
)

// Portfolio summarizes many lines of one currency on a date.
type Portfolio struct {
	On           calendar.Date   `json:"on"`
	Lines        int             `json:"lines"`
	TotalLimit   money.Amount    `json:"total_limit"`
	Outstanding  money.Amount    `json:"outstanding"` // everything owed, net of credit balances
	Utilization  decimal.Decimal `json:"utilization"` // Outstanding / TotalLimit, to 4 places
	PastDue      [4]money.Amount `json:"past_due"`    // amounts by bucket: 1-30, 31-60, 61-90, over 90 days
	PastDueLines [4]int          `json:"past_due_lines"`
}

// Report folds lines into a Portfolio as of date on. Each line's past-due
// amount goes into the bucket of its oldest past-due debt. progress, if
// not nil, is called with the number of lines done every 1,000 lines and
// at the end. Lines in another currency than the first are an error.
func Report(on calendar.Date, lines Lines, progress func(done int)) (Portfolio, error) {
	var p Portfolio
	p.On = on
	var limit, outstanding int64
	var pastDue [4]int64
	var cur money.Currency
	var err error
	lines(func(l *Line) bool {
		c := l.Limit.Currency()
		if p.Lines == 0 {
			cur = c
		} else if c != cur {
			err = &money.MismatchError{Op: "Report", A: cur, B: c}
			return false
		}
		p.Lines++
		limit += l.Limit.Units()
		outstanding += l.Account.Owed().Units()
		var amount int64
		oldest := 0
		for _, d := range l.Account.Debts {
			if !d.Billed.IsZero() && d.Due.Before(on) {
				amount += d.Amount.Units()
				oldest = max(oldest, d.Due.DaysUntil(on))
			}
		}
		if amount > 0 {
			b := PastDueOver90
			switch {
			case oldest <= 30:
				b = PastDue1To30
			case oldest <= 60:
				b = PastDue31To60
			case oldest <= 90:
				b = PastDue61To90
			}
			pastDue[b] += amount
			p.PastDueLines[b]++
		}
		if progress != nil && p.Lines%1000 == 0 {
			progress(p.Lines)
		}
		return true
	})
	if err != nil {
		return Portfolio{}, err
	}
	if progress != nil {
		progress(p.Lines)
	}
	p.TotalLimit, p.Outstanding = money.FromMinor(limit, cur), money.FromMinor(outstanding, cur)
	for i, v := range pastDue {
		p.PastDue[i] = money.FromMinor(v, cur)
	}
	if limit > 0 {
		p.Utilization = decimal.NewFromInt(outstanding).DivRound(decimal.NewFromInt(limit), 4)
	}
	return p, nil
}
