package credit

import (
	"errors"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
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
	TotalLimit   money.Amount    `json:"total_limit"` // the lines' fixed limits (temporary limits aside)
	Outstanding  money.Amount    `json:"outstanding"` // everything owed, net of credit balances
	Utilization  decimal.Decimal `json:"utilization"` // Outstanding / TotalLimit, to 4 places
	PastDue      [4]money.Amount `json:"past_due"`    // amounts by bucket: 1-30, 31-60, 61-90, over 90 days
	PastDueLines [4]int          `json:"past_due_lines"`
}

// Report folds lines into a Portfolio as of date on. Each line's past-due
// amount goes into the bucket of its oldest past-due debt. progress, if
// not nil, is called with the number of lines done every 1,000 lines and
// at the end. Lines in another currency than the first are an error, and
// so is a sum beyond int64 (money.ErrOverflow).
func Report(on calendar.Date, lines Lines, progress func(done int)) (Portfolio, error) {
	var p Portfolio
	p.On = on
	var limit, outstanding checked.Sum
	var pastDue [4]checked.Sum
	var cur money.Currency
	var err error
	lines(func(l *Line) bool {
		if l == nil {
			err = errors.New("credit: Report: the iterator gave a nil line")
			return false
		}
		c := l.Limit.Currency()
		if p.Lines == 0 {
			cur = c
		} else if c != cur {
			err = &money.MismatchError{Op: "Report", A: cur, B: c}
			return false
		}
		p.Lines++
		limit.Add(l.Limit.Units())
		owed, oerr := l.Account.Owed()
		if oerr != nil {
			err = oerr
			return false
		}
		outstanding.Add(owed.Units())
		var sum checked.Sum
		oldest := 0
		for _, d := range l.Account.Debts {
			if !d.Billed.IsZero() && d.Due.Before(on) {
				sum.Add(d.Amount.Units())
				oldest = max(oldest, d.Due.DaysUntil(on))
			}
		}
		amount, ok := sum.Value()
		if !ok {
			err = money.ErrOverflow
			return false
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
			pastDue[b].Add(amount)
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
	lim, okL := limit.Value()
	out, okO := outstanding.Value()
	if !okL || !okO {
		return Portfolio{}, money.ErrOverflow
	}
	p.TotalLimit, p.Outstanding = money.FromMinor(lim, cur), money.FromMinor(out, cur)
	for i, s := range pastDue {
		v, ok := s.Value()
		if !ok {
			return Portfolio{}, money.ErrOverflow
		}
		p.PastDue[i] = money.FromMinor(v, cur)
	}
	if lim > 0 {
		p.Utilization = decimal.NewFromInt(out).DivRound(decimal.NewFromInt(lim), 4)
	}
	return p, nil
}
