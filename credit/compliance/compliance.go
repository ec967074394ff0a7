package compliance

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Severity says how a finding stands against its rule, from the mildest.
type Severity uint8

const (
	// Pass: the product meets the rule; the finding shows the figures.
	Pass Severity = iota
	// Info: nothing to meet, something to act on: a figure the host must
	// show (an annualized rate), or why the rule does not reach the product.
	Info
	// Warning: the product may break the rule, or breaks a threshold that
	// binds only some lenders or that a court, not a regulator, applies: a
	// person must look.
	Warning
	// Violation: the product breaks the rule as this package reads it.
	Violation
)

func (s Severity) String() string {
	switch s {
	case Pass:
		return "pass"
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Violation:
		return "violation"
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// MarshalText encodes "pass", "info", "warning" or "violation".
func (s Severity) MarshalText() ([]byte, error) {
	if s > Violation {
		return nil, fmt.Errorf("compliance: unknown severity %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// Citation names the text a rule comes from and where this package read it.
type Citation struct {
	Authority string `json:"authority"`         // who issued it
	Title     string `json:"title"`             // its title, in the original language and in English
	Number    string `json:"number,omitempty"`  // its document number, if it has one this package could confirm
	Date      string `json:"date"`              // when it was issued, and when it took effect if that differs
	Section   string `json:"section,omitempty"` // the part relied on
	Binds     string `json:"binds"`             // whom it binds
	Read      string `json:"read"`              // where this package read it (address and what the page is)
}

func (c Citation) String() string {
	parts := []string{c.Authority, c.Title}
	if c.Number != "" {
		parts = append(parts, c.Number)
	}
	parts = append(parts, c.Date)
	if c.Section != "" {
		parts = append(parts, c.Section)
	}
	return strings.Join(parts, ", ")
}

// Finding is one rule's answer about one part of a product.
type Finding struct {
	Rule     string   `json:"rule"` // the rule's ID, such as "cn.spc-2020.lending-ceiling"
	Citation Citation `json:"citation"`
	Severity Severity `json:"severity"`
	Field    string   `json:"field"`    // the product field concerned, in its JSON path ("installments[3]")
	Found    string   `json:"found"`    // what the product does, with the numbers
	Requires string   `json:"requires"` // what the rule asks
	Note     string   `json:"note,omitempty"`
	// Value is the figure checked and Limit the rule's bound, when they are
	// numbers: a rate as a fraction (0.1825 for 18.25%), an amount in major
	// units (7.00 for USD 7.00) or a number of days, as the rule's doc
	// says. Zero when there is none.
	Value decimal.Decimal `json:"value"`
	Limit decimal.Decimal `json:"limit"`
}

// Rule is a check a lender's product must pass. Check returns a finding
// for each part of the product the rule reaches, passing or not; it is
// given only valid products and must not read the clock or keep state.
// Findings without a Rule or Citation get the Rule's. Hosts write their
// own rules as values of this type.
type Rule struct {
	ID       string
	Citation Citation
	Check    func(p credit.Product) []Finding
}

// Report is every finding of every rule run against one product, in the
// order of the rules.
type Report struct {
	Product  string    `json:"product"`
	Findings []Finding `json:"findings"`
}

// Check validates p and runs rules against it: with no rules, the built-in
// set for the product's jurisdiction (For). A rule whose Check is nil is
// skipped. Products that do not validate are an error, since the rules
// rely on valid fields.
func Check(p credit.Product, rules ...Rule) (Report, error) {
	if err := p.Validate(); err != nil {
		return Report{}, err
	}
	if len(rules) == 0 {
		rules = For(p)
	}
	r := Report{Product: p.Name}
	for _, rule := range rules {
		if rule.Check == nil {
			continue
		}
		for _, f := range rule.Check(p) {
			f.Rule = cmp.Or(f.Rule, rule.ID)
			if f.Citation == (Citation{}) {
				f.Citation = rule.Citation
			}
			r.Findings = append(r.Findings, f)
		}
	}
	return r, nil
}

// For returns the built-in rules for the product's jurisdiction, by its
// currency: China() for renminbi, US() for US dollars, none for others.
// The zone is not used: it says when a product's days start, not whose
// law it is sold under.
func For(p credit.Product) []Rule {
	switch p.Currency {
	case money.CNY:
		return China()
	case money.USD:
		return US()
	}
	return nil
}

// Worst returns the most serious severity among the findings (Pass for
// none).
func (r Report) Worst() Severity {
	worst := Pass
	for _, f := range r.Findings {
		worst = max(worst, f.Severity)
	}
	return worst
}

// AtLeast returns the findings of severity s or worse.
func (r Report) AtLeast(s Severity) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity >= s {
			out = append(out, f)
		}
	}
	return out
}

// String renders the report, a block a finding.
func (r Report) String() string {
	var b strings.Builder
	counts := [Violation + 1]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	fmt.Fprintf(&b, "%s: %d violation(s), %d warning(s), %d info, %d pass\n",
		r.Product, counts[Violation], counts[Warning], counts[Info], counts[Pass])
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%-9s %s  %s\n", f.Severity, f.Rule, f.Field)
		fmt.Fprintf(&b, "          found:    %s\n", f.Found)
		fmt.Fprintf(&b, "          requires: %s\n", f.Requires)
		if f.Note != "" {
			fmt.Fprintf(&b, "          note:     %s\n", f.Note)
		}
	}
	return b.String()
}
