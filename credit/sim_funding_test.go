package credit_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/funding"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// The simulation's funders: every line is funded under a plan (package
// funding), by line number: the platform alone (the zero plan), 30%
// platform and 70% bank, three funders in shares that rarely divide, and
// a bank listed before the platform (so that ties go to the bank). After
// every command the line's new facts are split, and checked against an
// account-by-account model of the split; and the funders' view of the
// line sums to its portfolio.

// simFundingStats counts what the funders' checks saw.
var simFundingStats struct {
	jointLines, facts, postings, roundingFen atomic.Int64
}

func simFundingLog() string {
	return fmt.Sprintf("%d lines funded jointly (of 4 plans, 3 joint), %d facts split into %d funders' postings, %d fen moved between funders by rounding",
		simFundingStats.jointLines.Load(), simFundingStats.facts.Load(), simFundingStats.postings.Load(), simFundingStats.roundingFen.Load()/2)
}

// simFundingPlan is line i's plan. Lines take the products in turn
// (openLine), so the plans turn once more every round of products: each
// product's lines meet every plan.
func simFundingPlan(i int) funding.Plan {
	d := decimal.RequireFromString
	switch (i + i/len(simProducts())) % 4 {
	case 1:
		return funding.Plan{Name: "30/70", Platform: "ant", Funders: []funding.Funder{{ID: "ant", Share: d("0.3")}, {ID: "bank", Share: d("0.7")}}}
	case 2:
		return funding.Plan{Name: "three", Platform: "p", Funders: []funding.Funder{{ID: "p", Share: d("0.301")}, {ID: "b1", Share: d("0.333")}, {ID: "b2", Share: d("0.366")}}}
	case 3:
		return funding.Plan{Name: "bank first", Platform: "p", Funders: []funding.Funder{{ID: "bank", Share: d("0.65")}, {ID: "p", Share: d("0.35")}}}
	}
	return funding.Plan{}
}

// simFunds is a line's funders: its ledger and the model of the split,
// each account's balance without its merchant fees and the merchant fees.
type simFunds struct {
	ledger   *funding.Ledger
	ids      []string
	ratios   []int64 // in thousandths
	platform int
	totals   map[string]int64
	fees     map[string]int64
}

func newSimFunds(i int) *simFunds {
	plan := simFundingPlan(i)
	g, err := funding.NewLedger(plan)
	if err != nil {
		panic(err)
	}
	f := &simFunds{ledger: g, totals: map[string]int64{}, fees: map[string]int64{}}
	for k, fu := range plan.Shares() {
		f.ids = append(f.ids, fu.ID)
		f.ratios = append(f.ratios, fu.Share.Shift(3).IntPart())
		if fu.ID == plan.PlatformID() {
			f.platform = k
		}
	}
	if len(f.ids) > 1 {
		simFundingStats.jointLines.Add(1)
	}
	return f
}

// checkFunding splits the facts the line's ledger has not read, checks
// each split against the model, and checks the funders' view of live (the
// line after the command) against its portfolio.
func (s *sim) checkFunding(l *simLine, live *credit.Line) error {
	f := l.funds
	if f == nil {
		return nil
	}
	recs, err := s.store.Load(s.ctx, l.id, f.ledger.Version())
	if err != nil {
		return err
	}
	for _, rec := range recs {
		var fact credit.Fact
		if err := json.Unmarshal(rec.Data, &fact); err != nil {
			return err
		}
		parts, err := f.ledger.Apply(credit.Event{Line: l.id, Version: rec.Version, Fact: fact})
		if err != nil {
			return fmt.Errorf("funding: fact %d: %v", rec.Version, err)
		}
		if err := f.check(rec.Version, fact, parts); err != nil {
			return fmt.Errorf("funding (plan %q): fact %d (%s): %v", f.ledger.Plan().Name, rec.Version, fact.Kind, err)
		}
	}
	if f.ledger.Version() != live.Version {
		return fmt.Errorf("funding: the journal is at version %d, the line at %d", f.ledger.Version(), live.Version)
	}
	return f.checkView(live)
}

// check checks one fact's split: account by account it sums to the
// postings, each funder's parts sum to zero, and after it each funder's
// balance of each account is the largest-remainder split of the model's
// balance (the merchant fees the platform's), within a fen of its share.
func (f *simFunds) check(v int64, fact credit.Fact, parts []credit.Posting) error {
	simFundingStats.facts.Add(1)
	simFundingStats.postings.Add(int64(len(parts)))
	byAccount, byFunder := map[string]int64{}, map[string]int64{}
	for _, p := range parts {
		rest, ok := strings.CutPrefix(p.Account, "funder:")
		id, account, ok2 := strings.Cut(rest, ":")
		if !ok || !ok2 {
			return fmt.Errorf("a posting to %s", p.Account)
		}
		byFunder[id] += p.Amount.Units()
		if account == funding.RoundingAccount {
			simFundingStats.roundingFen.Add(max(p.Amount.Units(), -p.Amount.Units()))
			continue
		}
		byAccount[account] += p.Amount.Units()
	}
	ps := fact.Postings
	touched := map[string]bool{}
	for k, p := range ps {
		byAccount[p.Account] -= p.Amount.Units()
		touched[p.Account] = true
		pair := k ^ 1
		if pair < len(ps) && (platformAlone(ps[pair].Account) || platformAlone(p.Account)) {
			f.fees[p.Account] += p.Amount.Units()
		} else {
			f.totals[p.Account] += p.Amount.Units()
		}
	}
	for a, u := range byAccount {
		if u != 0 {
			return fmt.Errorf("the funders' parts of %s differ from its postings by %d", a, u)
		}
	}
	for id, u := range byFunder {
		if u != 0 {
			return fmt.Errorf("%s's parts sum to %d", id, u)
		}
	}
	for a := range touched {
		total := f.totals[a]
		want, err := money.FromMinor(total, money.CNY).Allocate(f.ratios, money.LeftoverFirst())
		if err != nil {
			return err
		}
		for k, id := range f.ids {
			w := want[k].Units()
			// Within a fen of the exact share: |w - total×ratio/1000| < 1.
			if d := w*1000 - total*f.ratios[k]; d <= -1000 || d >= 1000 {
				return fmt.Errorf("%s's split of %s, %d, is a fen or more from its share of %d", id, a, w, total)
			}
			if k == f.platform {
				w += f.fees[a]
			}
			if got := f.ledger.Balance(id, a).Units(); got != w {
				return fmt.Errorf("%s's %s is %d; its share of %d is %d", id, a, got, total+f.fees[a], w)
			}
		}
	}
	for _, id := range f.ids {
		if r := f.ledger.Balance(id, funding.RoundingAccount).Units(); r < -int64(len(f.totals)) || r > int64(len(f.totals)) {
			return fmt.Errorf("%s's rounding is %d, over a fen an account", id, r)
		}
	}
	return nil
}

// checkView checks that the funders' view of the line sums to its
// portfolio (credit.Report) and to its postings.
func (f *simFunds) checkView(live *credit.Line) error {
	p, err := credit.Report(live.Today, func(yield func(*credit.Line) bool) { yield(live) }, credit.ReportOptions{})
	if err != nil {
		return err
	}
	v, err := funding.Report(live.Today, func(yield func(*credit.Line, *funding.Ledger) bool) { yield(live, f.ledger) }, credit.ReportOptions{})
	if err != nil {
		return err
	}
	if len(v.Funders) != len(f.ids) {
		return fmt.Errorf("the view has %d funders, the plan %d", len(v.Funders), len(f.ids))
	}
	var outstanding, chargedOff, rounding int64
	pastDue := make([]int64, len(p.PastDue))
	income := map[string]int64{}
	for _, fv := range v.Funders {
		outstanding += fv.Outstanding.Units()
		chargedOff += fv.ChargedOff.Units()
		rounding += fv.Rounding.Units()
		income["income:interest"] -= fv.Interest.Units()
		income["income:fee"] -= fv.Fees.Units()
		income["income:penalty"] -= fv.Penalties.Units()
		income["income:merchant_fee"] -= fv.MerchantFees.Units()
		income["income:recovery"] -= fv.Recoveries.Units()
		income["loss:charge_off"] += fv.ChargeOffLosses.Units()
		income["loss:write_off"] += fv.WriteOffLosses.Units()
		for i, b := range fv.PastDue {
			pastDue[i] += b.Amount.Units()
			if b.Lines != p.PastDue[i].Lines {
				return fmt.Errorf("%s is counted %d times in bucket %d-%d, the line %d", fv.Funder, b.Lines, b.From, b.To, p.PastDue[i].Lines)
			}
		}
	}
	if outstanding != p.Outstanding.Units() || chargedOff != p.ChargedOff.Units() || rounding != 0 {
		return fmt.Errorf("the funders' view: outstanding %d, charged off %d, rounding %d; the portfolio: %v, %v", outstanding, chargedOff, rounding, p.Outstanding, p.ChargedOff)
	}
	for i, b := range p.PastDue {
		if pastDue[i] != b.Amount.Units() {
			return fmt.Errorf("past due %d-%d: the funders' %d, the portfolio's %v", b.From, b.To, pastDue[i], b.Amount)
		}
	}
	for a, u := range income {
		if want := f.totals[a] + f.fees[a]; u != want {
			return fmt.Errorf("%s: the funders' %d, the postings' %d", a, u, want)
		}
	}
	return nil
}

// platformAlone reports whether a pair of postings with account is the
// platform's alone: merchant fees and what a campaign funds.
func platformAlone(account string) bool {
	return account == "income:merchant_fee" || strings.HasPrefix(account, credit.PromotionAccountPrefix)
}
