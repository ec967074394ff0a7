package credit

import (
	"errors"
	"slices"
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Portfolio summarizes many lines of one currency on a date.
type Portfolio struct {
	On          calendar.Date   `json:"on"`
	Lines       int             `json:"lines"`
	TotalLimit  money.Amount    `json:"total_limit"` // the lines' fixed limits (temporary limits aside)
	Outstanding money.Amount    `json:"outstanding"` // everything owed, net of credit balances
	Utilization decimal.Decimal `json:"utilization"` // Outstanding / TotalLimit, to 4 places
	PastDue     []PastDueBucket `json:"past_due"`    // by days past due, the buckets of ReportOptions

	// ChargedOff is what charged-off lines still owe (part of
	// Outstanding, and in no past-due bucket: a charged-off line is not
	// overdue), and ChargedOffLines how many lines owe it.
	ChargedOff      money.Amount `json:"charged_off,omitzero"`
	ChargedOffLines int          `json:"charged_off_lines,omitempty"`
}

// PastDueBucket is one aging bucket: the past-due debt whose due date was
// From to To days before the report's date (To 0: no end), and the lines
// whose oldest past-due debt is in it.
type PastDueBucket struct {
	From   int          `json:"from"`
	To     int          `json:"to,omitempty"`
	Amount money.Amount `json:"amount"`
	Lines  int          `json:"lines"`
}

// ReportOptions are Report's settings. The zero value is the usual
// buckets, 1-30, 31-60, 61-90 and over 90 days past due.
type ReportOptions struct {
	// Buckets are the buckets' last days past due, ascending; a last
	// bucket takes everything beyond. Nil means 30, 60, 90.
	Buckets []int
	// Progress, if not nil, is called with the number of lines done every
	// 1,000 lines and at the end.
	Progress func(done int)
}

// Report folds lines into a Portfolio as of date on.
//
// Aging follows the Engine's own definition of overdue, so that the two
// never disagree: a line is past due exactly when the Engine says it is
// overdue (Account.Overdue: a statement's minimum missed by its due date
// and grace days, or for products that judge each item, an item late by
// its own), not merely because it carries billed debt (a holder who paid
// the minimum on time is not past due). A past-due line's past-due amount
// is what keeps it overdue, the debt billed on or before its late
// statement (or item) that is due and unpaid, and each installment or
// piece of it is aged by its own due date; the line is counted in the
// bucket of its oldest past-due debt. Days past due count from the due
// date, as credit reporting does.
//
// A charged-off line (billing.Rules.ChargeOff) is in no past-due bucket:
// its charged-off balance is reported apart, in ChargedOff.
//
// Lines in another currency than the first are an error, and so are a nil
// line, buckets that do not ascend and a sum beyond int64
// (money.ErrOverflow).
func Report(on calendar.Date, lines Lines, opts ReportOptions) (Portfolio, error) {
	bounds := opts.Buckets
	if bounds == nil {
		bounds = []int{30, 60, 90}
	}
	for i, b := range bounds {
		if b < 1 || i > 0 && b <= bounds[i-1] {
			return Portfolio{}, errors.New("credit: Report: buckets must be ascending days past due from 1, not " + strconv.Itoa(b))
		}
	}
	p := Portfolio{On: on, PastDue: make([]PastDueBucket, len(bounds)+1)}
	from := 1
	for i, b := range bounds {
		p.PastDue[i].From, p.PastDue[i].To = from, b
		from = b + 1
	}
	p.PastDue[len(bounds)].From = from
	bucket := func(days int) int {
		i, _ := slices.BinarySearch(bounds, days)
		return i
	}
	var limit, outstanding, chargedOff checked.Sum
	pastDue := make([]checked.Sum, len(p.PastDue))
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
		if co := l.Account.ChargedOffBalance(); co.IsPositive() {
			chargedOff.Add(co.Units())
			p.ChargedOffLines++
		}
		if oldest, overdue := l.pastDue(on, func(d *billing.Debt) {
			pastDue[bucket(d.Due.DaysUntil(on))].Add(d.Amount.Units())
		}); overdue {
			p.PastDue[bucket(max(oldest.DaysUntil(on), 1))].Lines++
		}
		if opts.Progress != nil && p.Lines%1000 == 0 {
			opts.Progress(p.Lines)
		}
		return true
	})
	if err != nil {
		return Portfolio{}, err
	}
	if opts.Progress != nil {
		opts.Progress(p.Lines)
	}
	lim, okL := limit.Value()
	out, okO := outstanding.Value()
	co, okC := chargedOff.Value()
	if !okL || !okO || !okC {
		return Portfolio{}, money.ErrOverflow
	}
	p.TotalLimit, p.Outstanding = money.FromMinor(lim, cur), money.FromMinor(out, cur)
	if co != 0 {
		p.ChargedOff = money.FromMinor(co, cur)
	}
	for i, s := range pastDue {
		v, ok := s.Value()
		if !ok {
			return Portfolio{}, money.ErrOverflow
		}
		p.PastDue[i].Amount = money.FromMinor(v, cur)
	}
	if lim > 0 {
		p.Utilization = decimal.NewFromInt(out).DivRound(decimal.NewFromInt(lim), 4)
	}
	return p, nil
}

// pastDue calls each with every past-due debt of l on day on (billed on or
// before the statement or item that made the line overdue, and due before
// on; aged from Overdue.Since at the earliest, see
// billing.Account.PastDueSince) and returns the oldest due date among them, the line's missed due
// date if that is older, and whether the line is overdue at all.
func (l *Line) pastDue(on calendar.Date, each func(d *billing.Debt)) (oldest calendar.Date, overdue bool) {
	od := l.Account.Overdue
	if od.Statement.IsZero() {
		return calendar.Date{}, false
	}
	oldest, since := od.Due, od.Since
	if since.IsZero() || since.After(od.Due) {
		since = od.Due
	}
	for i := range l.Account.Debts {
		d := &l.Account.Debts[i]
		if due := l.Account.DueOf(d); !d.Billed.IsZero() && !d.Billed.After(od.Statement) && due.Before(on) {
			if due != d.Due { // asked for by the overdue statement before its own date
				aged := *d
				aged.Due = due
				d = &aged
			}
			if d.Due.Before(since) {
				// Carried from a statement whose minimum was paid on
				// time: past due only since the line fell behind.
				aged := *d
				aged.Due = since
				d = &aged
			}
			if each != nil {
				each(d)
			}
			if d.Due.Before(oldest) {
				oldest = d.Due
			}
		}
	}
	return oldest, true
}
