package credit_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Promotions in the simulation: a product whose 12-period plan has a twin
// whose fee the merchant shares (40%), merchants that share the fee at
// checkout or pay it all, and coupons of three campaigns: "sim-1111" (most
// of the lines' two years, 3 periods free on three plans, half funded by
// the merchant, four times a line), "sim-618" (one day, every period free) and
// "sim-spent", whose budget of one fen is spent before any coupon asks,
// so every coupon that gets to the budget is campaign_spent; and names
// no campaign has. The model predicts each coupon's decline code and, on
// approval, the grant; at each posting through the delivery command the
// fee waived and what the campaign funds; after every command, that the
// postings to the campaigns' expense accounts are what the purchases
// say was funded; and at the end that each campaign's journal granted
// exactly what the lines' purchases carry.
//
// One budget spans all lines, and the simulation's lines run in
// parallel, each replaying alone (-sim.line): a budget that runs out
// part way would make a line's history depend on the others. So the
// budget that runs out is the one spent from the start; a budget running
// out under concurrent authorizations is TestCampaignConcurrent's.

const simPromoName = "huabei-promo"

func simPromoProduct() credit.Product {
	p := credit.Huabei()
	p.Name, p.Description = simPromoName, "Huabei with a plan whose fee the merchant shares, and campaigns"
	shared := p.Installments[3] // 12-month
	shared.Name, shared.FeePayer, shared.MerchantShare = "12-month-shared", billing.SharedFee, decimal.RequireFromString("0.4")
	p.Installments = append(slices.Clone(p.Installments), shared)
	date := func(s string) calendar.Date {
		d, err := calendar.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return d
	}
	p.Campaigns = []credit.Campaign{
		{Name: "sim-1111", From: date("2015-03-01"), Until: date("2017-09-30"), Plans: []string{"6-month", "12-month", "12-month-shared"},
			FreePeriods: 3, MerchantShare: decimal.RequireFromString("0.5"), Budget: money.FromMinor(100_000_000_00, money.CNY), PerLine: 4},
		{Name: "sim-618", From: date("2015-06-18"), Until: date("2015-06-18"), FreePeriods: 12, Budget: money.FromMinor(100_000_000_00, money.CNY)},
		{Name: "sim-spent", From: date("2015-01-01"), Until: date("2017-12-31"), Plans: []string{"12-month"}, MinAmount: money.FromMinor(10000, money.CNY),
			FreePeriods: 1, Budget: money.FromMinor(1, money.CNY)},
	}
	return p
}

// simPromo is what a line of the promotions product keeps of them.
type simPromo struct {
	uses   map[string]int   // coupons granted, by campaign
	seen   map[string]int64 // each purchase's Funded as last seen
	posted map[string]int64 // and its Posted
	funded int64            // the postings to the campaigns' expense accounts
	noLie  bool             // the next command carries a coupon: the store tells no lie
}

// simPromoTotals counts a simulation's coupons over all lines, and what
// they were granted.
type simPromoTotals struct {
	mu      sync.Mutex
	asked   int
	codes   map[string]int
	granted map[string]int64
	posted  int // postings of a coupon checked to the fen
}

func (t *simPromoTotals) count(code string, campaign string, grant int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.codes == nil {
		t.codes, t.granted = map[string]int{}, map[string]int64{}
	}
	t.asked++
	t.codes[code]++
	t.granted[campaign] += grant
}

func (t *simPromoTotals) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return fmt.Sprintf("%d coupons asked, by outcome %v; granted %v; %d postings of a coupon checked to the fen",
		t.asked, t.codes, t.granted, t.posted)
}

// coupon returns the campaign whose coupon an authorization on the line
// applies, or "".
func (l *simLine) coupon(r chooser) string {
	if l.product.Name != simPromoName || r.IntN(3) == 0 {
		return ""
	}
	l.promo.noLie = true
	switch r.IntN(10) {
	case 0:
		return "sim-618"
	case 1:
		return "sim-spent"
	case 2:
		return "sim-none"
	}
	return "sim-1111"
}

// promoPlan is the product's plan name on merchant m's terms, with the
// free periods given: what the engine lays out.
func promoPlan(p *credit.Product, name string, m credit.Merchant, free int) (billing.Plan, bool) {
	i := slices.IndexFunc(p.Installments, func(pl billing.Plan) bool { return pl.Name == name })
	if i < 0 {
		return billing.Plan{}, false
	}
	plan := p.Installments[i]
	switch {
	case m.FundsInstallmentFees:
		plan.FeePayer, plan.MerchantShare = billing.Merchant, decimal.Decimal{}
	case m.FeeShare != "" && plan.FeePayer != billing.Merchant:
		// The merchant's share at checkout only adds to the plan's.
		if share := decimal.RequireFromString(m.FeeShare); plan.FeePayer == billing.Buyer || share.GreaterThan(plan.MerchantShare) {
			plan.FeePayer, plan.MerchantShare = billing.SharedFee, share
		}
	}
	plan.FreePeriods = free
	return plan, true
}

// waived is the fee plan waives on amount, and the merchant's and the
// platform's parts of it under share.
func waived(plan billing.Plan, amount int64, on calendar.Date, share decimal.Decimal) (w, merchant, platform int64, err error) {
	s, err := plan.Schedule(money.FromMinor(amount, money.CNY), on, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	w = s.PromotionFee.Units()
	m, err := money.FromMinor(w, money.CNY).MulRate(share, money.HalfEven)
	return w, m.Units(), w - m.Units(), err
}

// couponTerms predicts what campaign name's coupon gives an authorization
// of amount on plan from m on day: the code of the decline it meets
// before its budget, or the grant.
func (l *simLine) couponTerms(name string, amount int64, plan string, m credit.Merchant, day calendar.Date) (code string, grant int64) {
	i := slices.IndexFunc(l.product.Campaigns, func(c credit.Campaign) bool { return c.Name == name })
	if i < 0 {
		return credit.CodeCampaignNotFound, 0
	}
	c := l.product.Campaigns[i]
	if day.Before(c.From) || day.After(c.Until) {
		return credit.CodeCampaignNotOpen, 0
	}
	if plan == "" || len(c.Plans) > 0 && !slices.Contains(c.Plans, plan) || len(c.Categories) > 0 && !slices.Contains(c.Categories, m.Category) ||
		amount <= 0 || amount < c.MinAmount.Units() {
		return credit.CodeCampaignNotEligible, 0
	}
	p, ok := promoPlan(&l.product, plan, m, c.FreePeriods)
	if !ok {
		return credit.CodeCampaignNotEligible, 0
	}
	if _, _, platform, err := waived(p, amount, day, c.MerchantShare); err != nil || platform <= 0 {
		return credit.CodeCampaignNotEligible, 0
	} else {
		return "", platform
	}
}

// checkCoupon checks an authorization that applied campaign name's
// coupon, decided as d; pure and grant are what couponTerms predicted.
func (l *simLine) checkCoupon(t *simPromoTotals, name, pure string, grant int64, d credit.Decision, after *credit.Line) error {
	var coupon, others []string
	for _, r := range d.Reasons {
		if strings.HasPrefix(r.Code, "campaign_") {
			coupon = append(coupon, r.Code)
		} else {
			others = append(others, r.Code)
		}
	}
	want := pure
	if want == "" && len(others) == 0 {
		c := l.product.Campaigns[slices.IndexFunc(l.product.Campaigns, func(c credit.Campaign) bool { return c.Name == name })]
		switch {
		case c.PerLine > 0 && l.promo.uses[name] >= c.PerLine:
			want = credit.CodeCampaignNotEligible
		case c.Budget.Units() < grant: // sim-spent: nothing fits
			want = credit.CodeCampaignSpent
		}
	}
	switch {
	case want == "" && len(coupon) > 0, want != "" && !slices.Equal(coupon, []string{want}):
		return fmt.Errorf("coupon %s: the decline codes %v, the model says %q (and the other reasons %v)", name, coupon, want, others)
	case d.Approved != (want == "" && len(others) == 0):
		return fmt.Errorf("coupon %s: approved %v with reasons %v; the model says %q", name, d.Approved, d.Reasons, want)
	}
	outcome := want
	if d.Approved {
		pu := after.Purchases[len(after.Purchases)-1]
		pr := pu.Promotion
		c := l.product.Campaigns[slices.IndexFunc(l.product.Campaigns, func(c credit.Campaign) bool { return c.Name == name })]
		if pr.Campaign != name || pr.Grant.Units() != grant || pr.FreePeriods != c.FreePeriods || !pr.MerchantShare.Equal(c.MerchantShare) || !pr.Funded.IsZero() {
			return fmt.Errorf("coupon %s: the purchase's promotion %+v; the model grants %d", name, pr, grant)
		}
		if l.promo.uses == nil {
			l.promo.uses = map[string]int{}
		}
		l.promo.uses[name]++
		outcome = "approved"
	} else {
		grant = 0
		if want == "" {
			outcome = "declined otherwise"
		}
	}
	t.count(outcome, name, grant)
	return nil
}

// checkPosting checks purchase pu, which has posted since the last
// command (through the delivery command or confirmed automatically): the
// fee waived is its plan's on what posted, and the campaign funds the
// platform's part of it, up to what is left of the grant.
func (l *simLine) checkPosting(t *simPromoTotals, pu *credit.Purchase) error {
	pr := pu.Promotion
	delta := pu.Posted.Units() - l.promo.posted[pu.ID]
	plan, ok := promoPlan(&l.product, pu.Plan, pu.Merchant, pr.FreePeriods)
	if !ok || pu.Schedule == nil {
		return fmt.Errorf("purchase %s: posted on plan %q without a schedule", pu.ID, pu.Plan)
	}
	w, _, platform, err := waived(plan, delta, pu.PostedOn, pr.MerchantShare)
	if err != nil {
		return err
	}
	before := l.promo.seen[pu.ID]
	want := before + min(platform, pr.Grant.Units()-before)
	if pu.Schedule.PromotionFee.Units() != w || pr.Funded.Units() != want {
		return fmt.Errorf("purchase %s: %d posted waives %v and funds %v; the model waives %d and funds %d", pu.ID, delta, pu.Schedule.PromotionFee, pr.Funded, w, want)
	}
	t.mu.Lock()
	t.posted++
	t.mu.Unlock()
	return nil
}

// checkPromotions checks the line's promotions after a command: each
// purchase's funding within its grant and its free periods free, and the
// postings to the campaigns' expense accounts what the purchases say was
// funded (archived ones included).
func (l *simLine) checkPromotions(t *simPromoTotals, live *credit.Line) error {
	if l.product.Name != simPromoName {
		return nil
	}
	if l.promo.seen == nil {
		l.promo.seen, l.promo.posted = map[string]int64{}, map[string]int64{}
	}
	var funded int64
	check := func(pu *credit.Purchase) error {
		pr := pu.Promotion
		if pr.IsZero() {
			return nil
		}
		if pu.Posted.Units() > l.promo.posted[pu.ID] {
			if err := l.checkPosting(t, pu); err != nil {
				return err
			}
			l.promo.posted[pu.ID] = pu.Posted.Units()
		}
		if pr.Funded.Units() < 0 || pr.Funded.Units() > pr.Grant.Units() {
			return fmt.Errorf("purchase %s: funded %v of a grant of %v", pu.ID, pr.Funded, pr.Grant)
		}
		if pu.Schedule != nil {
			for _, in := range pu.Schedule.Installments {
				if in.Period <= pr.FreePeriods && !in.Fee.IsZero() {
					return fmt.Errorf("purchase %s: period %d of %d free carries a fee of %v", pu.ID, in.Period, pr.FreePeriods, in.Fee)
				}
			}
		}
		funded += pr.Funded.Units()
		l.promo.seen[pu.ID] = pr.Funded.Units()
		return nil
	}
	for _, pu := range live.Purchases {
		if err := check(pu); err != nil {
			return err
		}
	}
	for id, pu := range l.archive {
		if !slices.ContainsFunc(live.Purchases, func(q *credit.Purchase) bool { return q.ID == id }) {
			if err := check(pu); err != nil {
				return err
			}
		}
	}
	if funded != l.promo.funded {
		return fmt.Errorf("the campaigns' expense postings total %d, the purchases say %d was funded", l.promo.funded, funded)
	}
	return nil
}

// checkCampaigns checks at the end of a simulation that each campaign's
// journal granted exactly what the lines' approved coupons were, within
// its budget, and released nothing.
func (s *sim) checkCampaigns() error {
	s.promo.mu.Lock()
	granted := s.promo.granted
	s.promo.mu.Unlock()
	for _, c := range simPromoProduct().Campaigns {
		st, err := s.e.Campaign(s.ctx, c.Name)
		if err != nil {
			return err
		}
		if st.Granted.Units() != granted[c.Name] || !st.Released.IsZero() || st.Spent.Units() > c.Budget.Units() || st.Remaining.IsNegative() {
			return fmt.Errorf("campaign %s: %+v; the lines' purchases were granted %d", c.Name, st, granted[c.Name])
		}
	}
	return nil
}
