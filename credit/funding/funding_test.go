package funding_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/funding"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func cny(u int64) money.Amount { return money.FromMinor(u, money.CNY) }

func share(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// jointPlan is the platform's 30% and a bank's 70%.
func jointPlan() funding.Plan {
	return funding.Plan{Name: "joint", Platform: "ant", Funders: []funding.Funder{{ID: "ant", Share: share("0.3")}, {ID: "bank", Share: share("0.7")}}}
}

// pair is a posting pair as the Engine writes it: account a moves by u
// minor units and b by -u.
type pair struct {
	a, b string
	u    int64
}

func event(v int64, pairs ...pair) credit.Event {
	var ps []credit.Posting
	for _, p := range pairs {
		ps = append(ps, credit.Posting{Account: p.a, Amount: cny(p.u)}, credit.Posting{Account: p.b, Amount: cny(-p.u)})
	}
	return credit.Event{Line: "L1", Version: v, Fact: credit.Fact{Kind: "test", Postings: ps}}
}

func TestPlanValidate(t *testing.T) {
	min0 := decimal.Zero
	tooMuch := share("1.5")
	for _, c := range []struct {
		name  string
		plan  funding.Plan
		field string // "" for a plan that validates
	}{
		{"zero plan: the platform alone", funding.Plan{}, ""},
		{"30/70", jointPlan(), ""},
		{"three funders", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.3")}, {"b1", share("0.35")}, {"b2", share("0.35")}}}, ""},
		{"platform below 30%", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.29")}, {"b", share("0.71")}}}, "funders[0].share"},
		{"platform below 30%, listed second", funding.Plan{Platform: "p", Funders: []funding.Funder{{"b", share("0.71")}, {"p", share("0.29")}}}, "funders[1].share"},
		{"platform below 30% where the rule does not apply", funding.Plan{Platform: "p", MinPlatformShare: &min0, Funders: []funding.Funder{{"p", share("0.01")}, {"b", share("0.99")}}}, ""},
		{"a minimum above 1", funding.Plan{MinPlatformShare: &tooMuch}, "min_platform_share"},
		{"shares that sum to less than 1", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.3")}, {"b", share("0.6")}}}, "funders"},
		{"shares that sum to more than 1", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.4")}, {"b", share("0.7")}}}, "funders"},
		{"a zero share", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("1")}, {"b", share("0")}}}, "funders[1].share"},
		{"a negative share", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("1.1")}, {"b", share("-0.1")}}}, "funders[0].share"},
		{"too many places", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.3333333333")}, {"b", share("0.6666666667")}}}, "funders"},
		{"a funder twice", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.5")}, {"p", share("0.5")}}}, "funders[1].id"},
		{"a colon in an ID", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.5")}, {"b:1", share("0.5")}}}, "funders[1].id"},
		{"an empty ID", funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.5")}, {"", share("0.5")}}}, "funders[1].id"},
		{"the platform not among the funders", funding.Plan{Platform: "x", Funders: []funding.Funder{{"p", share("0.5")}, {"b", share("0.5")}}}, "platform"},
		{"the default platform not among the funders", funding.Plan{Funders: []funding.Funder{{"p", share("0.5")}, {"b", share("0.5")}}}, "platform"},
	} {
		err := c.plan.Validate()
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var pe *funding.PlanError
		if !errors.As(err, &pe) || pe.Field != c.field || !errors.Is(err, funding.ErrInvalidPlan) {
			t.Errorf("%s: got %v, want a *PlanError naming %s", c.name, err, c.field)
		}
		if _, err := funding.NewLedger(c.plan); err == nil {
			t.Errorf("%s: NewLedger took the plan", c.name)
		}
	}
	if err := (&funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.29")}, {"b", share("0.71")}}}).Validate(); err == nil || !strings.Contains(err.Error(), "30%") {
		t.Errorf("the error of a platform below the default minimum does not name China's 30%%: %v", err)
	}
}

func TestLoadPlan(t *testing.T) {
	p, err := funding.LoadPlan([]byte(`{"name":"joint","platform":"ant","funders":[{"id":"ant","share":"0.3"},{"id":"bank","share":"0.7"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(p, jointPlan()) {
		t.Errorf("LoadPlan: %s", cmp.Diff(jointPlan(), p))
	}
	for _, bad := range []string{
		`{"funders":[{"id":"ant","share":"0.3"}],"extra":1}`,
		`{"platform":"ant","funders":[{"id":"ant","share":"0.2"},{"id":"bank","share":"0.8"}]}`,
		`{"platform":"ant","Platform":"ant"}`,
	} {
		if _, err := funding.LoadPlan([]byte(bad)); !errors.Is(err, funding.ErrInvalidPlan) {
			t.Errorf("LoadPlan(%s): %v, want ErrInvalidPlan", bad, err)
		}
	}
}

// TestWorkedNumbers is the package documentation's example: a CNY
// 10,000.00 purchase funded 30% by the platform and 70% by a bank, twelve
// fees of CNY 50.00, a payment of CNY 883.33, a charge-off of CNY
// 1,000.00 and a recovery of CNY 333.33.
func TestWorkedNumbers(t *testing.T) {
	l, err := funding.NewLedger(jointPlan())
	if err != nil {
		t.Fatal(err)
	}
	apply := func(e credit.Event) []credit.Posting {
		t.Helper()
		ps, err := l.Apply(e)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	P := func(account string, u int64) credit.Posting { return credit.Posting{Account: account, Amount: cny(u)} }
	apply(credit.Event{Line: "L1", Version: 1, Fact: credit.Fact{Kind: "opened"}})
	// The purchase, with a merchant fee of CNY 60.00 that is the
	// platform's alone.
	got := apply(event(2, pair{"holder", "merchant:shop", 1_000_000}, pair{"merchant:shop", "income:merchant_fee", 6000}))
	want := []credit.Posting{
		P("funder:ant:holder", 300_000), P("funder:bank:holder", 700_000),
		P("funder:ant:merchant:shop", -300_000), P("funder:bank:merchant:shop", -700_000),
		P("funder:ant:merchant:shop", 6000), P("funder:ant:income:merchant_fee", -6000),
	}
	if !cmp.Equal(got, want) {
		t.Errorf("the purchase: %s", cmp.Diff(want, got))
	}
	for k := range 12 {
		got = apply(event(int64(3+k), pair{"holder", "income:fee", 5000}))
		want = []credit.Posting{P("funder:ant:holder", 1500), P("funder:bank:holder", 3500), P("funder:ant:income:fee", -1500), P("funder:bank:income:fee", -3500)}
		if !cmp.Equal(got, want) {
			t.Errorf("fee %d: %s", k+1, cmp.Diff(want, got))
		}
	}
	if a, b := l.Balance("ant", "income:fee"), l.Balance("bank", "income:fee"); !a.Equal(cny(-18000)) || !b.Equal(cny(-42000)) {
		t.Errorf("fees: %v and %v, want 180.00 and 420.00", a, b)
	}
	// 30% of 883.33 is 264.999, 70% 618.331: the fen left over goes to
	// the platform's larger dropped fraction.
	got = apply(event(15, pair{"holder", "cash", -88333}))
	want = []credit.Posting{P("funder:ant:holder", -26500), P("funder:bank:holder", -61833), P("funder:ant:cash", 26500), P("funder:bank:cash", 61833)}
	if !cmp.Equal(got, want) {
		t.Errorf("the payment: %s", cmp.Diff(want, got))
	}
	got = apply(event(16, pair{"loss:charge_off", "charged_off", 100_000}))
	want = []credit.Posting{P("funder:ant:loss:charge_off", 30000), P("funder:bank:loss:charge_off", 70000), P("funder:ant:charged_off", -30000), P("funder:bank:charged_off", -70000)}
	if !cmp.Equal(got, want) {
		t.Errorf("the charge-off: %s", cmp.Diff(want, got))
	}
	got = apply(event(17, pair{"holder", "cash", -33333}, pair{"charged_off", "income:recovery", 33333}))
	want = []credit.Posting{
		P("funder:ant:holder", -10000), P("funder:bank:holder", -23333), P("funder:ant:cash", 10000), P("funder:bank:cash", 23333),
		P("funder:ant:charged_off", 10000), P("funder:bank:charged_off", 23333), P("funder:ant:income:recovery", -10000), P("funder:bank:income:recovery", -23333),
	}
	if !cmp.Equal(got, want) {
		t.Errorf("the recovery: %s", cmp.Diff(want, got))
	}
	for _, c := range []struct {
		funder, account string
		want            int64
	}{
		{"ant", "holder", 300_000 + 18000 - 26500 - 10000}, {"bank", "holder", 700_000 + 42000 - 61833 - 23333},
		{"ant", "merchant:shop", -300_000 + 6000}, {"bank", "merchant:shop", -700_000},
		{"ant", "income:merchant_fee", -6000}, {"bank", "income:merchant_fee", 0},
		{"ant", "charged_off", -20000}, {"bank", "charged_off", -46667},
		{"ant", "rounding", 0}, {"bank", "rounding", 0},
	} {
		if got := l.Balance(c.funder, c.account); !got.Equal(cny(c.want)) {
			t.Errorf("%s's %s: %v, want %v", c.funder, c.account, got, cny(c.want))
		}
	}
	// Out of order, another line, postings that do not balance.
	for _, e := range []credit.Event{event(17), event(19), {Line: "L2", Version: 18}, {Line: "L1", Version: 18, Fact: credit.Fact{Postings: []credit.Posting{P("holder", 1)}}}} {
		if _, err := l.Apply(e); err == nil {
			t.Errorf("Apply took version %d of %s", e.Version, e.Line)
		}
	}
	if l.Version() != 17 {
		t.Errorf("a refused event moved the ledger to version %d", l.Version())
	}
}

// TestNoDrift splits many small random postings on three funders with
// shares that rarely divide: every funder's balance of every account is
// always the largest-remainder split of the account's balance, each
// fact's parts sum to its postings account by account, each funder's
// parts of a fact sum to zero, and the rounding accounts stay small.
func TestNoDrift(t *testing.T) {
	plan := funding.Plan{Platform: "p", Funders: []funding.Funder{{"p", share("0.333")}, {"b1", share("0.333")}, {"b2", share("0.334")}}}
	l, err := funding.NewLedger(plan)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	accounts := []string{"holder", "cash", "income:interest", "income:fee", "merchant:m", "charged_off", "income:recovery"}
	totals := map[string]int64{}
	var roundingSeen int64
	for v := int64(1); v <= 5000; v++ {
		var pairs []pair
		for range r.IntN(4) {
			a, b := accounts[r.IntN(len(accounts))], accounts[r.IntN(len(accounts))]
			pairs = append(pairs, pair{a, b, int64(r.IntN(300)) - 100})
		}
		e := event(v, pairs...)
		parts, err := l.Apply(e)
		if err != nil {
			t.Fatal(err)
		}
		byAccount, byFunder := map[string]int64{}, map[string]int64{}
		for _, p := range parts {
			rest, ok := strings.CutPrefix(p.Account, "funder:")
			f, account, ok2 := strings.Cut(rest, ":")
			if !ok || !ok2 {
				t.Fatalf("version %d: posting to %s", v, p.Account)
			}
			byFunder[f] += p.Amount.Units()
			if account != "rounding" {
				byAccount[account] += p.Amount.Units()
			}
		}
		for _, p := range e.Fact.Postings {
			byAccount[p.Account] -= p.Amount.Units()
			totals[p.Account] += p.Amount.Units()
		}
		for a, u := range byAccount {
			if u != 0 {
				t.Fatalf("version %d: the parts of %s differ from its postings by %d", v, a, u)
			}
		}
		for f, u := range byFunder {
			if u != 0 {
				t.Fatalf("version %d: %s's parts sum to %d", v, f, u)
			}
		}
		for _, a := range accounts {
			want, err := cny(totals[a]).Allocate([]int64{333, 333, 334}, money.LeftoverFirst())
			if err != nil {
				t.Fatal(err)
			}
			for i, f := range []string{"p", "b1", "b2"} {
				if got := l.Balance(f, a); !got.Equal(want[i]) {
					t.Fatalf("version %d: %s's %s is %v, want %v", v, f, a, got, want[i])
				}
			}
		}
		for _, f := range []string{"p", "b1", "b2"} {
			u := l.Balance(f, "rounding").Units()
			if u < -int64(len(accounts)) || u > int64(len(accounts)) {
				t.Fatalf("version %d: %s's rounding is %d", v, f, u)
			}
			roundingSeen += max(u, -u)
		}
	}
	if roundingSeen == 0 {
		t.Error("rounding never moved a fen between funders: the test does not exercise it")
	}
}

func TestZeroPlan(t *testing.T) {
	l, err := funding.NewLedger(funding.Plan{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Apply(credit.Event{Line: "L1", Version: 1}); err != nil {
		t.Fatal(err)
	}
	got, err := l.Apply(event(2, pair{"holder", "merchant:m", 12345}, pair{"merchant:m", "income:merchant_fee", 100}))
	if err != nil {
		t.Fatal(err)
	}
	want := []credit.Posting{
		{Account: "funder:platform:holder", Amount: cny(12345)}, {Account: "funder:platform:merchant:m", Amount: cny(-12345)},
		{Account: "funder:platform:merchant:m", Amount: cny(100)}, {Account: "funder:platform:income:merchant_fee", Amount: cny(-100)},
	}
	if !cmp.Equal(got, want) {
		t.Error(cmp.Diff(want, got))
	}
}
