package funding

import (
	"errors"
	"slices"
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// Lines is an iterator over lines, each with its funders' books, read to
// the line's version.
type Lines func(yield func(*credit.Line, *Ledger) bool)

// Portfolio is the funders' view of many lines of one currency on a date.
// Across funders, each amount sums exactly to the credit.Portfolio that
// credit.Report gives for the same lines (Outstanding, each past-due
// bucket's Amount, ChargedOff), and the income and losses to the lines'
// postings.
type Portfolio struct {
	On      calendar.Date `json:"on"`
	Lines   int           `json:"lines"`
	Funders []View        `json:"funders"` // by funder ID
}

// View is one funder's part of a portfolio.
type View struct {
	Funder string `json:"funder"`
	// Lines counts the lines it funds a share of.
	Lines int `json:"lines"`
	// Outstanding is its part of what the lines owe (its part of the
	// holder account).
	Outstanding money.Amount `json:"outstanding"`
	// PastDue is its part of each past-due bucket of credit.Report
	// (the portfolio's own definition of past due, each installment aged
	// by its own due date), with the lines it funds in each bucket.
	PastDue []credit.PastDueBucket `json:"past_due"`
	// ChargedOff is its part of what charged-off lines still owe.
	ChargedOff money.Amount `json:"charged_off"`
	// Income by kind, from its parts of the income accounts, as positive
	// amounts; MerchantFees are the platform's alone.
	Interest     money.Amount `json:"interest"`
	Fees         money.Amount `json:"fees"`
	Penalties    money.Amount `json:"penalties"`
	MerchantFees money.Amount `json:"merchant_fees"`
	Recoveries   money.Amount `json:"recoveries"`
	// Promotions is what campaigns funded of the shopper's fees
	// (expense:promotion:<campaign>, the platform's alone): the part of
	// Fees the platform paid itself from its campaign budgets.
	Promotions money.Amount `json:"promotions"`
	// Losses: debt charged off (loss:charge_off) and small remainders
	// written off (loss:write_off).
	ChargeOffLosses money.Amount `json:"charge_off_losses"`
	WriteOffLosses  money.Amount `json:"write_off_losses"`
	// Rounding is its rounding account's balance: what rounding moved to
	// (positive) or from it; across funders it sums to zero.
	Rounding money.Amount `json:"rounding"`
}

// Report folds lines into the funders' view as of date on, with the
// past-due buckets of opts (credit.ReportOptions; opts.Progress is
// called as credit.Report calls it).
//
// Each line's figures are split by its ledger's plan as the Ledger splits
// postings (largest remainder, ties to the funder listed first): its
// outstanding balance and charged-off balance are the funders' balances of
// the holder and charged_off accounts, and each past-due bucket's amount
// of the line (as credit.Report ages it) is allocated by the same rule. A
// funder is counted in the past-due bucket of each line it funds that is
// past due there.
//
// A nil line or ledger, a ledger not at its line's version (or whose
// books do not add up to the line's balances), lines in more than one
// currency and a sum beyond int64 are an error.
func Report(on calendar.Date, lines Lines, opts credit.ReportOptions) (Portfolio, error) {
	p := Portfolio{On: on}
	type sums struct {
		lines                                               int
		outstanding, chargedOff, interest, fees, penalties  checked.Sum
		merchantFees, recoveries, chargeOffs, writeOffs, rd checked.Sum
		promotions                                          checked.Sum
		pastDue                                             []checked.Sum
		pastDueLines                                        []int
		buckets                                             []credit.PastDueBucket
	}
	views := map[string]*sums{}
	var cur money.Currency
	var err error
	progress := opts.Progress
	opts.Progress = nil
	lines(func(l *credit.Line, g *Ledger) bool {
		if l == nil || g == nil {
			err = errors.New("funding: Report: the iterator gave a nil line or ledger")
			return false
		}
		if g.Version() != l.Version {
			err = errors.New("funding: Report: the ledger of line " + strconv.Quote(l.ID) + " is at version " + strconv.FormatInt(g.Version(), 10) +
				", the line at " + strconv.FormatInt(l.Version, 10))
			return false
		}
		c := l.Limit.Currency()
		if p.Lines == 0 {
			cur = c
		} else if c != cur {
			err = &money.MismatchError{Op: "funding: Report", A: cur, B: c}
			return false
		}
		one, rerr := credit.Report(on, func(yield func(*credit.Line) bool) { yield(l) }, opts)
		if rerr != nil {
			err = rerr
			return false
		}
		if !g.Total("holder").Equal(one.Outstanding) || !negated(g.Total("charged_off")).Equal(one.ChargedOff) {
			err = errors.New("funding: Report: the ledger of line " + strconv.Quote(l.ID) + " does not add up to its balances: holder " +
				g.Total("holder").String() + ", outstanding " + one.Outstanding.String())
			return false
		}
		p.Lines++
		for _, f := range g.funders {
			v := views[f.ID]
			if v == nil {
				v = &sums{pastDue: make([]checked.Sum, len(one.PastDue)), pastDueLines: make([]int, len(one.PastDue)), buckets: one.PastDue}
				views[f.ID] = v
			}
			v.lines++
			v.outstanding.Add(g.Balance(f.ID, "holder").Units())
			v.chargedOff.Add(-g.Balance(f.ID, "charged_off").Units())
			v.interest.Add(-g.Balance(f.ID, "income:interest").Units())
			v.fees.Add(-g.Balance(f.ID, "income:fee").Units())
			v.penalties.Add(-g.Balance(f.ID, "income:penalty").Units())
			v.merchantFees.Add(-g.Balance(f.ID, MerchantFeeAccount).Units())
			v.recoveries.Add(-g.Balance(f.ID, "income:recovery").Units())
			v.chargeOffs.Add(g.Balance(f.ID, "loss:charge_off").Units())
			v.writeOffs.Add(g.Balance(f.ID, "loss:write_off").Units())
			v.rd.Add(g.Balance(f.ID, RoundingAccount).Units())
			v.promotions.Add(g.promotions(f.ID))
		}
		for b, bucket := range one.PastDue {
			if bucket.Amount.IsZero() && bucket.Lines == 0 {
				continue
			}
			parts, aerr := bucket.Amount.Allocate(g.ratios, money.LeftoverFirst())
			if aerr != nil {
				err = aerr
				return false
			}
			for i, f := range g.funders {
				v := views[f.ID]
				v.pastDue[b].Add(parts[i].Units())
				v.pastDueLines[b] += bucket.Lines
			}
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
	ids := make([]string, 0, len(views))
	for id := range views {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		v := views[id]
		out := View{Funder: id, Lines: v.lines}
		for _, f := range []struct {
			dst *money.Amount
			s   *checked.Sum
		}{{&out.Outstanding, &v.outstanding}, {&out.ChargedOff, &v.chargedOff}, {&out.Interest, &v.interest}, {&out.Fees, &v.fees},
			{&out.Penalties, &v.penalties}, {&out.MerchantFees, &v.merchantFees}, {&out.Recoveries, &v.recoveries},
			{&out.ChargeOffLosses, &v.chargeOffs}, {&out.WriteOffLosses, &v.writeOffs}, {&out.Rounding, &v.rd}, {&out.Promotions, &v.promotions}} {
			u, ok := f.s.Value()
			if !ok {
				return Portfolio{}, money.ErrOverflow
			}
			*f.dst = money.FromMinor(u, cur)
		}
		out.PastDue = make([]credit.PastDueBucket, len(v.buckets))
		for b, bucket := range v.buckets {
			u, ok := v.pastDue[b].Value()
			if !ok {
				return Portfolio{}, money.ErrOverflow
			}
			out.PastDue[b] = credit.PastDueBucket{From: bucket.From, To: bucket.To, Amount: money.FromMinor(u, cur), Lines: v.pastDueLines[b]}
		}
		p.Funders = append(p.Funders, out)
	}
	return p, nil
}

// negated is -a (an amount within range: its negation is too).
func negated(a money.Amount) money.Amount {
	n, err := a.Neg()
	if err != nil {
		return a
	}
	return n
}
