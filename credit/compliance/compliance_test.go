package compliance

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

func TestCheckRejectsInvalidProducts(t *testing.T) {
	p := credit.Huabei()
	p.HoldDays = 0
	if _, err := Check(p); !errors.Is(err, credit.ErrInvalidProduct) {
		t.Errorf("err = %v, want ErrInvalidProduct", err)
	}
}

// A host's rule: findings without a rule or citation take the rule's; a
// rule without a Check is skipped.
func TestHostRules(t *testing.T) {
	cite := Citation{Authority: "House rules", Title: "Lines of at most RMB 20,000", Date: "2025-01-01"}
	maxLine := Rule{ID: "host.max-line", Citation: cite, Check: func(p credit.Product) []Finding {
		f := Finding{Severity: Pass, Field: "max_limit", Found: p.MaxLimit.String(), Requires: "at most CNY 20000.00"}
		if p.MaxLimit.Units() > 2000000 {
			f.Severity = Violation
		}
		return []Finding{f}
	}}
	r, err := Check(credit.Huabei(), Rule{ID: "host.nothing"}, maxLine)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("findings = %+v", r.Findings)
	}
	f := r.Findings[0]
	if f.Rule != "host.max-line" || f.Citation != cite || f.Severity != Violation || f.Found != "CNY 50000.00" {
		t.Errorf("finding = %+v", f)
	}
	if r.Worst() != Violation || len(r.AtLeast(Warning)) != 1 || len(r.AtLeast(Violation)) != 1 {
		t.Errorf("worst %v, at least warning %d", r.Worst(), len(r.AtLeast(Warning)))
	}
}

func TestForChoosesByCurrency(t *testing.T) {
	other := credit.PayIn4()
	other.Currency = money.EUR
	tests := []struct {
		p     credit.Product
		first string
		n     int
	}{
		{credit.Huabei(), "cn.pboc-2021-3.annualized-rate", 6},
		{credit.PayIn4(), "us.reg-z.1026.52b-safe-harbor", 5},
		{other, "", 0},
	}
	for _, tt := range tests {
		rules := For(tt.p)
		if len(rules) != tt.n || tt.n > 0 && rules[0].ID != tt.first {
			t.Errorf("%s (%v): %d rules, want %d starting %q", tt.p.Name, tt.p.Currency, len(rules), tt.n, tt.first)
		}
	}
}

func TestEveryBuiltInRuleIsCited(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range append(China(), US()...) {
		c := r.Citation
		if r.ID == "" || seen[r.ID] || r.Check == nil {
			t.Errorf("rule %q: duplicate, empty or without a check", r.ID)
		}
		seen[r.ID] = true
		if c.Authority == "" || c.Title == "" || c.Date == "" || c.Section == "" || c.Binds == "" || !strings.Contains(c.Read, "http") {
			t.Errorf("%s: citation incomplete: %+v", r.ID, c)
		}
	}
}

func TestSeverityText(t *testing.T) {
	for s, want := range map[Severity]string{Pass: "pass", Info: "info", Warning: "warning", Violation: "violation"} {
		if b, err := s.MarshalText(); err != nil || string(b) != want || s.String() != want {
			t.Errorf("%d: %q, %v", s, b, err)
		}
	}
	if _, err := Severity(9).MarshalText(); err == nil {
		t.Error("an unknown severity encoded")
	}
	if Severity(9).String() != "Severity(9)" {
		t.Error(Severity(9).String())
	}
}

func TestReportString(t *testing.T) {
	r := Report{Product: "p", Findings: []Finding{
		{Rule: "a", Severity: Warning, Field: "f", Found: "x", Requires: "y", Note: "z"},
		{Rule: "b", Severity: Pass, Field: "g", Found: "x", Requires: "y"},
	}}
	want := "p: 0 violation(s), 1 warning(s), 0 info, 1 pass\n" +
		"warning   a  f\n          found:    x\n          requires: y\n          note:     z\n" +
		"pass      b  g\n          found:    x\n          requires: y\n"
	if got := r.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The sample purchase is RMB 1,000.00 unless the product's limits say
// otherwise.
func TestSampleAmount(t *testing.T) {
	small := credit.Huabei()
	small.MaxLimit = money.FromMinor(30000, money.CNY)
	small.MinLimit = money.FromMinor(30000, money.CNY)
	tests := []struct {
		name string
		p    credit.Product
		s    Sample
		want money.Amount
	}{
		{"default", credit.Huabei(), Sample{}, money.FromMinor(100000, money.CNY)},
		{"minimum purchase above it", credit.HuabeiLaunch2014(), Sample{}, money.FromMinor(100000, money.CNY)},
		{"line below it", credit.Xinyongbao2013(), Sample{}, money.FromMinor(10000, money.CNY)},
		{"line of 300", small, Sample{}, money.FromMinor(30000, money.CNY)},
		{"given", credit.Huabei(), Sample{Amount: money.FromMinor(300000, money.CNY)}, money.FromMinor(300000, money.CNY)},
		{"given in another currency", credit.Huabei(), Sample{Amount: usd(300000)}, money.FromMinor(100000, money.CNY)},
	}
	for _, tt := range tests {
		if got := tt.s.amount(tt.p); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A report encodes as JSON for a host's API: severities by name, rates as
// decimal strings.
func TestReportJSON(t *testing.T) {
	r, err := Check(credit.HuabeiLaunch2014(), LendingCeilingRule(DefaultLPR(), Sample{}))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"product":"huabei-2014"`, `"severity":"warning"`, `"value":"0.1825"`, `"limit":"0.12"`, `"field":"billing.interest.daily_rate"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("no %s in %s", want, b)
		}
	}
}
