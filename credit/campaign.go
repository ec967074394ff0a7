package credit

import (
	"cmp"
	"reflect"
	"slices"
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Decline codes of a coupon (Authorize.Campaign) that does not apply. The
// authorization is declined with the reason, and charges the shopper
// nothing the coupon promised: the host may ask again without the coupon
// (under a new key).
const (
	// CodeCampaignNotFound: the product has no campaign of that name.
	CodeCampaignNotFound = "campaign_not_found"
	// CodeCampaignNotOpen: the authorization's day is outside the
	// campaign's From to Until.
	CodeCampaignNotOpen = "campaign_not_open"
	// CodeCampaignNotEligible: the purchase is not one the campaign
	// covers (no plan or another plan, another category, below the
	// campaign's minimum, nothing for the campaign to fund), or the line
	// has used the coupon as many times as the campaign allows.
	CodeCampaignNotEligible = "campaign_not_eligible"
	// CodeCampaignSpent: what the coupon would fund passes what is left of
	// the campaign's budget.
	CodeCampaignSpent = "campaign_spent"
)

// Campaign is a promotion with a budget, as the 11.11 campaigns run them:
// on authorizations dated From to Until (inclusive, in the product's
// zone), on the named checkout plans, a coupon (Authorize.Campaign) makes
// the shopper's fee of the plan's first FreePeriods periods free. The
// merchant pays MerchantShare of the fee waived (with its merchant fees,
// Purchase.MerchantFees) and the platform the rest, from Budget: the most
// the platform funds over all lines of all products that offer the
// campaign.
//
// The platform's part is granted at authorization, from the authorized
// amount (Promotion.Grant), in the campaign's own journal, and is spent
// once granted: an authorization voided or expired, or a purchase
// refunded, does not give its grant back to the budget. What posts is
// funded from the grant (Promotion.Funded); a purchase captured and
// posted in parts may waive a few minor units more than the grant on the
// whole amount (each part's fee is rounded on its own): the merchant's
// part takes them, so that the shopper's free periods stay free and the
// budget is never passed.
type Campaign struct {
	Name  string        `json:"name"`  // clean text, unique among the product's campaigns
	From  calendar.Date `json:"from"`  // the first day of authorizations it takes
	Until calendar.Date `json:"until"` // the last
	// Plans are the Names of the checkout plans it covers; empty for all.
	// A plan it covers has no FreePeriods of its own.
	Plans []string `json:"plans,omitempty"`
	// Categories are the merchant categories it covers; empty for any.
	Categories []string `json:"categories,omitempty"`
	// MinAmount is the least purchase it covers; the zero Amount for any.
	MinAmount money.Amount `json:"min_amount,omitzero"`
	// FreePeriods are the periods whose fee the coupon waives, from period
	// 1 (billing.Plan.FreePeriods): 1 to billing.MaxPeriods.
	FreePeriods int `json:"free_periods"`
	// MerchantShare is the part of the waived fee the merchant pays: at
	// least 0 and below 1 (a promotion the merchant pays whole is the
	// merchant's terms, Merchant.FundsInstallmentFees).
	MerchantShare decimal.Decimal `json:"merchant_share,omitzero"`
	// Budget is the most the platform funds, over all lines: positive, in
	// the product's currency.
	Budget money.Amount `json:"budget"`
	// PerLine is how many purchases of one line the coupon may cover; 0
	// for no limit.
	PerLine int `json:"per_line,omitempty"`
}

// Promotion is what a campaign's coupon gave a purchase: the terms it
// posts with and the platform's grant from the campaign's budget.
type Promotion struct {
	Campaign      string          `json:"campaign"`
	FreePeriods   int             `json:"free_periods"`
	MerchantShare decimal.Decimal `json:"merchant_share,omitzero"`
	// Grant is the platform's part of the fee the free periods waive on
	// the authorized amount, taken from the campaign's budget.
	Grant money.Amount `json:"grant"`
	// Funded is what the platform has funded of it on what has posted.
	Funded money.Amount `json:"funded,omitzero"`
}

// IsZero reports whether p is no promotion.
func (p Promotion) IsZero() bool { return p.Campaign == "" }

// CampaignState is a campaign's budget and how much of it is spent, as its
// journal says.
type CampaignState struct {
	Name      string       `json:"name"`
	Budget    money.Amount `json:"budget"`
	Granted   money.Amount `json:"granted"`   // every grant ever made
	Released  money.Amount `json:"released"`  // grants given back (see Engine.ReleaseGrants)
	Spent     money.Amount `json:"spent"`     // Granted − Released
	Remaining money.Amount `json:"remaining"` // Budget − Spent
	Grants    int          `json:"grants"`    // grants held, not released
	Version   int64        `json:"version"`   // of the campaign's journal
}

// campaign returns the index of the product's campaign named name, or -1.
func (p *Product) campaign(name string) int {
	for i := range p.Campaigns {
		if p.Campaigns[i].Name == name {
			return i
		}
	}
	return -1
}

// validateCampaigns reports the first campaign field out of range.
func (p *Product) validateCampaigns(bad func(field, format string, args ...any) error) error {
	names := map[string]bool{}
	for i, c := range p.Campaigns {
		field := "campaigns[" + strconv.Itoa(i) + "]"
		if why := checkText(c.Name, MaxIDBytes); c.Name == "" || why != "" {
			return bad(field+".name", "a campaign needs a name: %s", cmp.Or(why, "is empty"))
		}
		if names[c.Name] {
			return bad(field+".name", "%q is the name of an earlier campaign", c.Name)
		}
		names[c.Name] = true
		if c.From.IsZero() || c.Until.IsZero() || c.Until.Before(c.From) {
			return bad(field+".until", "the campaign needs a from and an until day, until not before from")
		}
		if len(p.Installments) == 0 {
			return bad(field, "the product offers no checkout plan for the campaign to cover")
		}
		for j, name := range c.Plans {
			k := p.plan(name)
			if k < 0 {
				return bad(field+".plans["+strconv.Itoa(j)+"]", "no checkout plan %q", name)
			}
			if slices.Index(c.Plans, name) != j {
				return bad(field+".plans["+strconv.Itoa(j)+"]", "%q is given twice", name)
			}
		}
		for _, plan := range p.Installments {
			if (len(c.Plans) == 0 || slices.Contains(c.Plans, plan.Name)) && plan.FreePeriods != 0 {
				return bad(field+".plans", "covers plan %q, which has free periods of its own", plan.Name)
			}
		}
		for j, cat := range c.Categories {
			if why := checkText(cat, MaxIDBytes); cat == "" || why != "" {
				return bad(field+".categories["+strconv.Itoa(j)+"]", "must be a category name: %s", cmp.Or(why, "is empty"))
			}
		}
		if c.MinAmount != (money.Amount{}) && (c.MinAmount.Currency() != p.Currency || c.MinAmount.IsNegative() || c.MinAmount.Units() > MaxAmountUnits) {
			return bad(field+".min_amount", "must be a non-negative amount in %s", p.Currency)
		}
		if c.FreePeriods < 1 || c.FreePeriods > billing.MaxPeriods {
			return bad(field+".free_periods", "must be 1-%d, not %d", billing.MaxPeriods, c.FreePeriods)
		}
		if !rates.Sane(c.MerchantShare) || c.MerchantShare.Sign() < 0 || c.MerchantShare.GreaterThanOrEqual(decimal.NewFromInt(1)) {
			return bad(field+".merchant_share", "must be at least 0 and below 1, not %s", c.MerchantShare)
		}
		if c.Budget.Currency() != p.Currency || !c.Budget.IsPositive() || c.Budget.Units() > MaxAmountUnits {
			return bad(field+".budget", "must be a positive amount in %s of at most %d minor units, not %v", p.Currency, int64(MaxAmountUnits), c.Budget)
		}
		if c.PerLine < 0 {
			return bad(field+".per_line", "must not be negative")
		}
	}
	return nil
}

// checkCampaigns refuses two products that give one campaign name
// different terms: a campaign's budget and journal are the Engine's, by
// name.
func checkCampaigns(products map[string]*compiled) error {
	seen := map[string]*compiled{}
	for _, name := range sortedKeys(products) {
		p := products[name]
		for i, c := range p.Campaigns {
			if q := seen[c.Name]; q != nil && !reflect.DeepEqual(q.Campaigns[q.campaign(c.Name)], c) {
				return &ProductError{Product: p.Name, Field: "campaigns[" + strconv.Itoa(i) + "]",
					Reason: "product " + strconv.Quote(q.Name) + " has a campaign " + strconv.Quote(c.Name) + " on other terms: one name, one budget"}
			}
			seen[c.Name] = p
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// findCampaign returns the campaign named name among the Engine's
// products, or ok false.
func (e *Engine) findCampaign(name string) (Campaign, bool) {
	for _, pname := range sortedKeys(e.products) {
		p := e.products[pname]
		if i := p.campaign(name); i >= 0 {
			return p.Campaigns[i], true
		}
	}
	return Campaign{}, false
}

// terms checks what the coupon of campaign name gives req on line l of
// product p, posting on day on, to an authorization dated dated (the day
// in the product's zone when it was made), without its budget: the
// promotion, or the reason it does not apply. The campaign's days are
// the days authorizations are dated, in the product's zone: one made at
// 23:00 on 11 November in Beijing is in the 11.11 campaign though it
// posts on the 12th (a cutoff hour, or a line that has moved on), and one
// dated the 10th is not, whatever day the line stands on.
func (p *compiled) terms(name string, req *AuthRequest, on, dated calendar.Date) (Promotion, *Reason) {
	decline := func(code, msg string) (Promotion, *Reason) { return Promotion{}, &Reason{Code: code, Message: msg} }
	i := p.campaign(name)
	if i < 0 {
		return decline(CodeCampaignNotFound, "no campaign "+strconv.Quote(name))
	}
	c := &p.Campaigns[i]
	if dated.Before(c.From) || dated.After(c.Until) {
		return decline(CodeCampaignNotOpen, "campaign "+strconv.Quote(name)+" runs from "+c.From.String()+" to "+c.Until.String()+
			", and the authorization is dated "+dated.String())
	}
	k := p.plan(req.Plan)
	switch {
	case req.Plan == "" || k < 0:
		return decline(CodeCampaignNotEligible, "the coupon is for purchases on an installment plan")
	case len(c.Plans) > 0 && !slices.Contains(c.Plans, req.Plan):
		return decline(CodeCampaignNotEligible, "the coupon does not cover plan "+strconv.Quote(req.Plan))
	case len(c.Categories) > 0 && !slices.Contains(c.Categories, req.Merchant.Category):
		return decline(CodeCampaignNotEligible, "the coupon does not cover category "+strconv.Quote(req.Merchant.Category))
	case req.Amount.Currency() != p.Currency || !req.Amount.IsPositive():
		return decline(CodeCampaignNotEligible, "the coupon needs an amount in "+p.Currency.String())
	case c.MinAmount.Units() > req.Amount.Units():
		r := &Reason{Code: CodeCampaignNotEligible, Message: "below the coupon's minimum purchase", Limit: c.MinAmount, Actual: req.Amount}
		return Promotion{}, r
	}
	plan, err := planFor(p, req.Merchant, k)
	if err != nil {
		return decline(CodeCampaignNotEligible, "the merchant's fee share cannot be read")
	}
	plan.FreePeriods = c.FreePeriods
	s, err := plan.Schedule(req.Amount, on, p.cal)
	if err != nil {
		return decline(CodeCampaignNotEligible, "the plan cannot be laid out for the coupon: "+err.Error())
	}
	_, platform, err := splitWaived(s.PromotionFee, c.MerchantShare)
	if err != nil || platform <= 0 {
		return decline(CodeCampaignNotEligible, "the coupon waives nothing the campaign funds on this purchase")
	}
	promo := Promotion{Campaign: c.Name, FreePeriods: c.FreePeriods, MerchantShare: c.MerchantShare, Grant: money.FromMinor(platform, p.Currency)}
	if promo.MerchantShare.IsZero() {
		promo.MerchantShare = decimal.Decimal{} // as the journal's JSON leaves it
	}
	return promo, nil
}

// splitWaived divides a waived fee: the merchant's share, rounded half
// even, and the rest, the platform's.
func splitWaived(waived money.Amount, share decimal.Decimal) (merchant, platform int64, err error) {
	if !waived.Currency().IsValid() || waived.IsZero() {
		return 0, 0, nil
	}
	m, err := waived.MulRate(share, money.HalfEven)
	if err != nil {
		return 0, 0, err
	}
	return m.Units(), waived.Units() - m.Units(), nil
}

// planFor returns checkout plan k of p on a merchant's terms: all its fee
// the merchant's when it funds installment fees, its share when it shares
// them.
func planFor(p *compiled, m Merchant, k int) (billing.Plan, error) {
	plan := p.Installments[k]
	switch {
	case m.FundsInstallmentFees:
		plan.FeePayer, plan.MerchantShare = billing.Merchant, decimal.Decimal{}
	case m.FeeShare != "" && plan.FeePayer != billing.Merchant:
		share, err := decimal.NewFromString(m.FeeShare)
		if err != nil {
			return billing.Plan{}, err
		}
		// A merchant's share at checkout adds to what the plan's own terms
		// have the merchant pay; it never takes from it.
		if plan.FeePayer == billing.Buyer || share.GreaterThan(plan.MerchantShare) {
			plan.FeePayer, plan.MerchantShare = billing.SharedFee, share
		}
	}
	return plan, nil
}
