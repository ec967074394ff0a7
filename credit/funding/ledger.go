package funding

import (
	"errors"
	"strconv"
	"strings"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/internal/checked"
	"github.com/justspend/justspend/money"
)

// Account names of the funders' books: a funder's part of a line's
// account is "funder:<id>:<account>" (Account), and its rounding account,
// "funder:<id>:rounding", holds what rounding moved between funders.
const (
	// MerchantFeeAccount is the platform's alone: merchant fees are not
	// split.
	MerchantFeeAccount = "income:merchant_fee"
	// RoundingAccount is the account, in each funder's books, that keeps
	// each funder's postings of a fact summing to zero.
	RoundingAccount = "rounding"
)

// platformOnly reports whether a pair of postings with account is the
// platform's alone: merchant fees, and the fees a campaign funds.
func platformOnly(account string) bool {
	return account == MerchantFeeAccount || strings.HasPrefix(account, credit.PromotionAccountPrefix)
}

// Account is funder's part of account: "funder:<funder>:<account>".
func Account(funder, account string) string { return "funder:" + funder + ":" + account }

// Ledger is the funders' books of one line under one plan: the fold of
// the line's facts (Engine.Events), from its first, that splits every
// posting into the funders' parts. It changes nothing in the journal.
//
// The split: every account of the line's postings (holder, cash,
// merchant:<id>, income:interest, income:fee, income:penalty,
// income:recovery, conversion, charged_off, loss:charge_off,
// loss:write_off) is held by the funders in the plan's shares. After each
// fact, each funder's balance of an account is its share of the account's
// balance, allocated by the largest-remainder method
// (money.Amount.Allocate: each share rounded toward zero, the minor units
// left over one each to the largest dropped fractions, ties to the funder
// listed first; a negative balance as the mirror image of its magnitude).
// A fact's part for a funder is the change in that balance. So a funder's
// balance of any account is never a minor unit or more from its exact
// share, whatever the number of facts (no rounding drift), and is zero
// when the account is: a line paid off owes each funder nothing.
//
// Promotions (the pair expense:promotion:<campaign> against income:fee, the
// fee a campaign's budget funds for the shopper) are the platform's alone
// too: the platform pays them from its budget to itself. Merchant fees
// (the pair merchant:<id> against income:merchant_fee) are
// the platform's alone: the merchant pays them to the platform for the
// sale it brought, not for the money lent, and the 2021 notice on joint
// lending does not make them part of a partner's loan. The rest of a
// merchant:<id> account, the principal paid to the merchant and refunded
// by it, is split like everything else.
//
// Because each account is rounded on its own, a funder's parts of one
// fact may not sum to zero (a cent of a payment's cash may go to one
// funder while the cent of the debt it pays goes to another); the
// difference is posted to the funder's rounding account, so that every
// funder's postings of every fact sum to zero, and the rounding accounts
// of all funders sum to zero in every fact. A rounding balance is never
// more than a minor unit for each account of the line.
//
// Every fact's split postings sum, account by account, exactly to its
// postings, and so to zero. A Ledger is not safe for concurrent use.
type Ledger struct {
	plan     Plan
	funders  []Funder
	ratios   []int64
	platform int
	line     string
	version  int64
	cur      money.Currency
	books    map[bookKey]*book
}

type bookKey struct {
	account string
	fees    bool // the merchant fees of a merchant:<id> account, or income:merchant_fee
}

type book struct {
	total int64   // the account's balance
	parts []int64 // each funder's
}

// NewLedger returns the empty books of a line funded under plan, which it
// validates (a *PlanError).
func NewLedger(plan Plan) (*Ledger, error) {
	ratios, err := plan.ratios()
	if err != nil {
		return nil, err
	}
	l := &Ledger{plan: plan, funders: plan.Shares(), ratios: ratios, books: map[bookKey]*book{}}
	for i, f := range l.funders {
		if f.ID == plan.PlatformID() {
			l.platform = i
		}
	}
	return l, nil
}

// Plan returns the plan the ledger splits by.
func (l *Ledger) Plan() Plan { return l.plan }

// Funders returns the plan's funders, in order.
func (l *Ledger) Funders() []Funder { return append([]Funder(nil), l.funders...) }

// Version is the version of the last fact applied: the line's version
// once the ledger has read all its facts.
func (l *Ledger) Version() int64 { return l.version }

// Currency is the currency of the postings applied; zero before any.
func (l *Ledger) Currency() money.Currency { return l.cur }

// Balance is funder's balance of account (the line's account name, such
// as "holder" or "income:interest", or RoundingAccount): the sum of its
// postings to Account(funder, account). An unknown funder or account has
// zero.
func (l *Ledger) Balance(funder, account string) money.Amount {
	i := l.index(funder)
	if i < 0 {
		return money.FromMinor(0, l.cur)
	}
	var units int64
	for _, fees := range []bool{false, true} {
		if b := l.books[bookKey{account, fees}]; b != nil {
			units += b.parts[i]
		}
	}
	return money.FromMinor(units, l.cur)
}

// Total is the balance of account on the line: the sum of its postings,
// and of every funder's part of it.
func (l *Ledger) Total(account string) money.Amount {
	var units int64
	for _, fees := range []bool{false, true} {
		if b := l.books[bookKey{account, fees}]; b != nil {
			units += b.total
		}
	}
	return money.FromMinor(units, l.cur)
}

// promotions is funder's balance of every campaign's expense account
// (credit.PromotionAccountPrefix), in minor units.
func (l *Ledger) promotions(funder string) int64 {
	i := l.index(funder)
	if i < 0 {
		return 0
	}
	var units int64
	for k, b := range l.books {
		if strings.HasPrefix(k.account, credit.PromotionAccountPrefix) {
			units += b.parts[i]
		}
	}
	return units
}

func (l *Ledger) index(funder string) int {
	for i, f := range l.funders {
		if f.ID == funder {
			return i
		}
	}
	return -1
}

// Apply splits the postings of e, the line's next fact, into the funders'
// parts, returns them and adds them to the books. The first event a
// Ledger reads is the line's first (version 1), and each after it the
// next version of the same line; anything else, postings that do not sum
// to zero or mix currencies, and a balance beyond int64 are an error, and
// leave the books as they were.
//
// The postings returned are, for each account the fact moved, in the
// order the fact first names it, each funder's part (Account(funder,
// account)) in the plan's order, parts of zero left out; then each
// funder's rounding (Account(funder, RoundingAccount)), if any.
func (l *Ledger) Apply(e credit.Event) ([]credit.Posting, error) {
	if l.version == 0 && e.Version != 1 {
		return nil, errors.New("funding: a ledger reads a line from its first fact, not version " + strconv.FormatInt(e.Version, 10))
	}
	if l.version > 0 && (e.Line != l.line || e.Version != l.version+1) {
		return nil, errors.New("funding: the ledger of line " + strconv.Quote(l.line) + " at version " + strconv.FormatInt(l.version, 10) +
			" cannot read version " + strconv.FormatInt(e.Version, 10) + " of line " + strconv.Quote(e.Line))
	}
	ps := e.Fact.Postings
	cur := l.cur
	// The merchant fees and promotions: each pair with
	// income:merchant_fee or a campaign's expense (the Engine writes
	// postings in pairs).
	fees := make([]bool, len(ps))
	for i := 0; i+1 < len(ps); i += 2 {
		if platformOnly(ps[i].Account) || platformOnly(ps[i+1].Account) {
			fees[i], fees[i+1] = true, true
		}
	}
	var order []bookKey
	net := map[bookKey]int64{}
	var sum int64
	for i, p := range ps {
		c := p.Amount.Currency()
		if cur == 0 {
			cur = c
		} else if c != cur && p.Amount != (money.Amount{}) {
			return nil, &money.MismatchError{Op: "funding: Apply", A: cur, B: c}
		}
		k := bookKey{p.Account, fees[i]}
		if _, ok := net[k]; !ok {
			order = append(order, k)
		}
		var ok bool
		if net[k], ok = checked.Add(net[k], p.Amount.Units()); !ok {
			return nil, money.ErrOverflow
		}
		if sum, ok = checked.Add(sum, p.Amount.Units()); !ok {
			return nil, money.ErrOverflow
		}
	}
	if sum != 0 {
		return nil, errors.New("funding: the postings of version " + strconv.FormatInt(e.Version, 10) + " of line " + strconv.Quote(e.Line) +
			" sum to " + money.FromMinor(sum, cur).String() + ", not zero")
	}
	n := len(l.funders)
	next := map[bookKey]*book{}
	var out []credit.Posting
	own := make([]int64, n) // each funder's parts of the fact
	for _, k := range order {
		old := l.books[k]
		if old == nil {
			old = &book{parts: make([]int64, n)}
		}
		total, ok := checked.Add(old.total, net[k])
		if !ok {
			return nil, money.ErrOverflow
		}
		b := &book{total: total, parts: make([]int64, n)}
		if k.fees {
			b.parts[l.platform] = total
		} else {
			parts, err := money.FromMinor(total, cur).Allocate(l.ratios, money.LeftoverFirst())
			if err != nil {
				return nil, err
			}
			for i, a := range parts {
				b.parts[i] = a.Units()
			}
		}
		for i := range n {
			d := b.parts[i] - old.parts[i] // both within the account's range: no overflow
			if d == 0 {
				continue
			}
			out = append(out, credit.Posting{Account: Account(l.funders[i].ID, k.account), Amount: money.FromMinor(d, cur)})
			if own[i], ok = checked.Add(own[i], d); !ok {
				return nil, money.ErrOverflow
			}
		}
		next[k] = b
	}
	rk := bookKey{account: RoundingAccount}
	rounding := l.books[rk]
	if rounding == nil {
		rounding = &book{parts: make([]int64, n)}
	}
	r := &book{parts: append([]int64(nil), rounding.parts...)}
	for i := range n {
		if own[i] == 0 {
			continue
		}
		var ok bool
		if r.parts[i], ok = checked.Sub(r.parts[i], own[i]); !ok {
			return nil, money.ErrOverflow
		}
		out = append(out, credit.Posting{Account: Account(l.funders[i].ID, RoundingAccount), Amount: money.FromMinor(-own[i], cur)})
	}
	next[rk] = r
	for k, b := range next {
		l.books[k] = b
	}
	l.line, l.version, l.cur = e.Line, e.Version, cur
	return out, nil
}

// ApplyAll applies events in order and returns each one's split
// postings. On an error it stops, the events before it applied.
func (l *Ledger) ApplyAll(events []credit.Event) ([][]credit.Posting, error) {
	out := make([][]credit.Posting, 0, len(events))
	for _, e := range events {
		ps, err := l.Apply(e)
		if err != nil {
			return out, err
		}
		out = append(out, ps)
	}
	return out, nil
}
