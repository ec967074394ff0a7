package credit_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// What the simulation does as an adversary would, beside the commands a
// shop sends: commands with no key, with an odd string for a key or an ID,
// dated past the clock, under a key used for another command; host rules
// that change what they are given, panic or return reasons the journal
// cannot keep; a host that changes whatever the Engine hands it; and a
// store that lies. The reference model predicts each refusal, and every
// invariant is checked as after any other command.

// anomaly is the one thing wrong with a command the simulation sends.
type anomaly uint8

const (
	noAnomaly   anomaly = iota
	keyless             // no idempotency key: missing_key
	oddKey              // a key that is not clean text, or too long: bad_id
	oddPurchase         // a purchase ID likewise: bad_id
	oddLine             // a line ID likewise: bad_id
	futureDated         // dated past the clock: future_dated
	anomalies
)

// anomalyCode is the code the Engine refuses each anomaly with.
var anomalyCode = [anomalies]string{"", "missing_key", "bad_id", "bad_id", "bad_id", "future_dated"}

// oddStrings are identifiers no Engine may take: invalid UTF-8 (which JSON
// would quietly rewrite, merging two IDs), NUL, controls C0 and C1, and
// one byte over the limit.
func oddString(r chooser, base string) string {
	switch r.IntN(6) {
	case 0:
		return base + "\xff"
	case 1:
		return base + "\xc3\x28"
	case 2:
		return base + "\x00"
	case 3:
		return base + "\x1b[0m"
	case 4:
		return base + "\u0085"
	}
	return base + strings.Repeat("k", credit.MaxIDBytes+1-len(base))
}

// futureTime is an instant past the simulation's clock and its tolerance:
// a minute, a day, a century, or the last day of the calendar.
func futureTime(r chooser) time.Time {
	past := simClockTime.Add(credit.DefaultMaxAhead)
	switch r.IntN(4) {
	case 0:
		return past.Add(time.Minute)
	case 1:
		return past.Add(24 * time.Hour)
	case 2:
		return past.AddDate(100, 0, 0)
	}
	return time.Date(9999, 12, 30, 12, 0, 0, 0, time.UTC)
}

// choose picks the anomaly of the next command: most carry none.
func (l *simLine) chooseAnomaly(r chooser) {
	l.inject, l.expect = noAnomaly, ""
	if r.IntN(100) < 6 {
		l.inject = anomaly(1 + r.IntN(int(anomalies)-1))
	}
}

// injected notes that the command carries its anomaly.
func (l *simLine) injected(a anomaly) bool {
	if l.inject != a {
		return false
	}
	l.expect = anomalyCode[a]
	return true
}

// lineID is the line's ID, or an odd one.
func (l *simLine) lineID(r chooser) string {
	if l.injected(oddLine) {
		return oddString(r, l.id)
	}
	return l.id
}

// pid is a purchase ID as sent, or an odd one.
func (l *simLine) pid(r chooser, id string) string {
	if l.injected(oddPurchase) {
		return oddString(r, id)
	}
	return id
}

// simRules are the host rules the simulation's engines run: one that
// changes everything it is given (which must reach nothing), and one that
// declines, panics or returns a reason the journal cannot keep, by the
// merchant's category.
func simRules() []credit.Rule {
	return []credit.Rule{
		credit.RuleFunc(func(in *credit.RuleInput) (credit.Reason, bool) {
			if strings.HasSuffix(in.Request.Purchase, "7") { // now and then: the copies cost
				l := in.Line()
				scrambleLine(l)
				p := in.Product()
				p.Installments, p.MaxLimit = nil, money.Amount{}
			}
			in.Request.Amount, in.Request.Purchase, in.Available = money.Amount{}, "", money.FromMinor(math.MaxInt64, money.CNY)
			return credit.Reason{}, false
		}),
		credit.RuleFunc(func(in *credit.RuleInput) (credit.Reason, bool) {
			switch in.Request.Merchant.Category {
			case "blocked":
				return credit.Reason{Code: "host_blocked", Message: "the host's risk rule blocks this merchant"}, true
			case "panic":
				panic("a bug in a host rule")
			case "bad-reason":
				return credit.Reason{Code: "host\xffcode", Message: "not UTF-8"}, true
			}
			return credit.Reason{}, false
		}),
	}
}

// hostileCategory is a merchant category that makes a host rule act.
func hostileCategory(r chooser) (category string, ruleFails bool) {
	switch r.IntN(3) {
	case 0:
		return "blocked", false
	case 1:
		return "panic", true
	}
	return "bad-reason", true
}

// scramble changes whatever a command returned, as a careless host might:
// sorts, zeroes, truncates. None of it may reach the Engine.
func scramble(v any) {
	switch x := v.(type) {
	case *credit.Line:
		scrambleLine(x)
	case credit.Decision:
		for i := range x.Reasons {
			x.Reasons[i].Code, x.Reasons[i].Limit = "scrambled", money.Amount{}
		}
	case credit.Purchase:
		if x.Schedule != nil {
			for i := range x.Schedule.Installments {
				x.Schedule.Installments[i].Total = money.Amount{}
			}
			x.Schedule.Installments = x.Schedule.Installments[:0]
		}
		if x.Rate != nil {
			*x.Rate = money.ExchangeRate{}
		}
	}
}

// scrambleLine changes a line in every shared part it has.
func scrambleLine(l *credit.Line) {
	slices.Reverse(l.Statements)
	for i := range l.Statements {
		st := &l.Statements[i]
		slices.Reverse(st.Lines)
		for j := range st.Items {
			st.Items[j].Amount = money.Amount{}
		}
	}
	for i := range l.Holds {
		l.Holds[i].Amount = money.Amount{}
	}
	for _, pu := range l.Purchases {
		pu.State, pu.Captured = credit.Voided, money.Amount{}
		if pu.Schedule != nil && len(pu.Schedule.Installments) > 0 {
			pu.Schedule.Installments[0].Principal = money.Amount{}
		}
	}
	slices.Reverse(l.Purchases)
	for i := range l.Account.Debts {
		l.Account.Debts[i].Amount = money.Amount{}
	}
	for i := range l.Account.Lines {
		l.Account.Lines[i].Ref = "scrambled"
	}
	for i := range l.TempLimits {
		l.TempLimits[i].Amount = money.Amount{}
	}
	if l.NextDueDays != nil {
		l.NextDueDays.DueDay = 99
	}
}

// lying is the simulation's lying store: an engine that reads the same
// journals through a store that tells one lie now and then, with a cache of
// one line, so that it reads snapshots and journals afresh.
type lying struct {
	store *credittest.LyingStore
	e     *credit.Engine
}

// armLie arms a lie about line l for the next command, now and then; it
// returns the engine the command goes to.
func (s *sim) armLie(l *simLine, r chooser) *credit.Engine {
	// A coupon's authorization is told no lie: one refused on a lagging
	// read after its grant would leave the grant held (the budget
	// under-used, as documented), which the end-of-run check of the
	// campaigns' journals does not model.
	noLie := l.promo.noLie
	l.promo.noLie = false
	if l.inject != noAnomaly || noLie || r.IntN(100) >= 5 {
		return s.e
	}
	lies := credittest.Lies()
	l.lie = lies[r.IntN(len(lies))]
	s.liar.store.Arm(l.id, l.lie)
	return s.liar.e
}

// checkLie checks a command sent through the lying store: a lie the Engine
// must report was reported (a *CorruptError) and committed nothing; any
// other leaves the command to the usual checks. It reports whether the
// command was refused for a lie.
func (s *sim) checkLie(l *simLine, err error, before, after *credit.Line) (bool, error) {
	if l.lie == credittest.NoLie {
		return false, nil
	}
	s.liar.store.Arm(l.id, credittest.NoLie)
	told := s.liar.store.Told(l.id)
	l.lie = credittest.NoLie
	detectable := slices.ContainsFunc(told, credittest.Lie.Detectable)
	for _, lie := range told {
		s.stats.lies.Add(1)
		s.stats.told[lie].Add(1)
	}
	var ce *credit.CorruptError
	reported := errors.As(err, &ce)
	stale := slices.Contains(told, credittest.DropTail)
	switch {
	case detectable && !reported:
		return true, fmt.Errorf("the store lied (%v) and the engine said %v, not a *CorruptError", told, err)
	case !reported && (err == nil || !stale):
		return false, nil // the command goes on as usual: the engine read on to the truth
	}
	// Reported, or refused on an old read (a lagging replica's, which no
	// engine can tell from the truth): either way, nothing committed.
	if detectable {
		s.stats.liesReported.Add(1)
	}
	if after.Version != before.Version {
		return true, fmt.Errorf("the store lied (%v): the engine reported it (%v) but committed from version %d to %d", told, err, before.Version, after.Version)
	}
	return true, nil
}
