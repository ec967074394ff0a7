package credit

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// Stable decline codes of the built-in rules.
const (
	CodeLineNotActive        = "line_not_active"
	CodeCurrencyMismatch     = "currency_mismatch"
	CodePlanNotOffered       = "plan_not_offered"
	CodeBelowMinimumPurchase = "below_minimum_purchase"
	CodeAboveMaximumPurchase = "above_maximum_purchase"
	CodeMerchantNotEnrolled  = "merchant_not_enrolled"
	CodeCategoryNotAllowed   = "category_not_allowed"
	CodeAboveCategoryLimit   = "above_category_limit"
	CodeLineOverdue          = "line_overdue"
	CodeTooManyPurchases     = "too_many_purchases_today"
	CodeInsufficientCredit   = "insufficient_credit"
	// CodeLineChargedOff declines every authorization on a line that has
	// been charged off (billing.Rules.ChargeOff), whatever its status.
	CodeLineChargedOff = "line_charged_off"
	// CodeCalendarNotCovered declines an installment purchase whose due
	// dates need days the product's calendar does not cover, on a product
	// that refuses them (UncoveredRefuse).
	CodeCalendarNotCovered = "calendar_not_covered"
)

// AuthRequest is what a checkout asks: may this line pay Amount to
// Merchant, optionally on one of the product's installment plans?
type AuthRequest struct {
	Purchase string        `json:"purchase"` // the host's purchase ID
	Amount   money.Amount  `json:"amount"`   // in the line's currency; convert foreign prices first
	Merchant Merchant      `json:"merchant"`
	Plan     string        `json:"plan,omitempty"` // the Name of one of the product's Installments; "" for none
	On       calendar.Date `json:"on"`
	// Campaign is the Name of the product's campaign whose coupon the
	// shopper applies; "" for none. The built-in rules of Decide do not
	// read it: the Engine checks the coupon after them.
	Campaign string `json:"campaign,omitempty"`
}

// Reason is one rule a request failed, with the numbers behind it for a
// checkout page: Limit is the bound, Actual what the request came to.
type Reason struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Limit   money.Amount `json:"limit,omitzero"`  // the amount the rule allows, when it is about money
	Actual  money.Amount `json:"actual,omitzero"` // the amount asked
	// MaxCount and Count are the same for a rule about a number of
	// things (purchases a day): what it allows, and what it would be.
	MaxCount int `json:"max_count,omitempty"`
	Count    int `json:"count,omitempty"`
}

// Decision is the answer to an AuthRequest: approved, or declined with
// every reason that failed, and the available credit before and after.
type Decision struct {
	Approved        bool         `json:"approved"`
	Reasons         []Reason     `json:"reasons,omitempty"`
	AvailableBefore money.Amount `json:"available_before"`
	AvailableAfter  money.Amount `json:"available_after"`
}

// Rule is an authorization rule a host adds to the built-in ones. Check
// returns the reason and true when the request fails it.
//
// What a Rule may do: read its input, keep or change the copies it gets
// from it (in.Request is the rule's own copy; in.Line and in.Product
// make a fresh deep copy on each call), and decline. What it must not do:
// depend on anything but its input (the same input must always give the
// same answer, so that a replay decides the same), or block. A decline
// needs a Code (clean text of at most MaxIDBytes)
// and a Message of at most MaxTextBytes of clean text; amounts in Limit
// and Actual must each be the zero Amount or in the line's currency. A rule
// that panics, or returns a reason that breaks these, is a *RuleError:
// the command it was deciding fails and changes nothing. Nothing a rule
// does reaches the line, the product or the Engine.
type Rule interface {
	Check(in *RuleInput) (Reason, bool)
}

// RuleFunc adapts a function to Rule.
type RuleFunc func(in *RuleInput) (Reason, bool)

// Check calls f.
func (f RuleFunc) Check(in *RuleInput) (Reason, bool) { return f(in) }

// RuleInput is what a rule sees. Each rule gets its own.
type RuleInput struct {
	Request   AuthRequest  // the request, the rule's own copy
	Available money.Amount // available credit before the request
	line      *Line
	product   *Product
}

// Line returns a deep copy of the line the request is on, as of its
// current day. It copies every purchase and statement: a rule that needs
// only the request and the available credit should not call it.
func (in *RuleInput) Line() *Line { return in.line.copyOut() }

// Product returns a deep copy of the line's product.
func (in *RuleInput) Product() Product { return in.product.copyOut() }

// Decide applies the built-in rules and then rules to req on line l of
// product p, on the line's current day. It is pure and, when the request
// is approved and there are no host rules, does not allocate. Quote mode
// is just this: calling Decide holds nothing. It fails only when a host
// rule does (a *RuleError) or the line's sums leave int64
// (money.ErrOverflow).
func Decide(l *Line, p *Product, req *AuthRequest, rules []Rule) (Decision, error) {
	c := l.Limit.Currency()
	avail, ok := l.available()
	if !ok {
		return Decision{}, money.ErrOverflow
	}
	d := Decision{AvailableBefore: money.FromMinor(avail, c), AvailableAfter: money.FromMinor(avail, c)}
	fail := func(r Reason) { d.Reasons = append(d.Reasons, r) }
	amount := req.Amount

	if l.Status != Active {
		fail(Reason{Code: CodeLineNotActive, Message: "the line is " + l.Status.String()})
	}
	if l.Account.ChargedOff() {
		fail(Reason{Code: CodeLineChargedOff, Message: "the line was charged off on " + l.Account.ChargeOff.On.String()})
	}
	if amount.Currency() != c {
		fail(Reason{Code: CodeCurrencyMismatch, Message: "the line is in " + c.String() + ", the request in " + amount.Currency().String()})
		amount = money.Zero(c)
	}
	if k := p.plan(req.Plan); req.Plan != "" && k < 0 {
		fail(Reason{Code: CodePlanNotOffered, Message: "no installment plan " + strconv.Quote(req.Plan)})
	} else if k >= 0 && amount.IsPositive() && p.Installments[k].Fits(amount) != nil {
		fail(Reason{Code: CodeBelowMinimumPurchase, Message: "too small to spread over plan " + strconv.Quote(req.Plan) + "'s periods", Actual: amount})
	} else if req.Plan == "" && mustUsePlan(p) {
		fail(Reason{Code: CodePlanNotOffered, Message: "this product pays by its installment plan " + strconv.Quote(p.Installments[0].Name) + " only"})
	}
	if min := p.Purchase.Min; min != nil && amount.Units() < min.Units() {
		fail(Reason{Code: CodeBelowMinimumPurchase, Message: "below the minimum purchase", Limit: *min, Actual: amount})
	}
	if max := p.Purchase.Max; max != nil && amount.Units() > max.Units() {
		fail(Reason{Code: CodeAboveMaximumPurchase, Message: "above the maximum purchase", Limit: *max, Actual: amount})
	}
	if !req.Merchant.Enrolled {
		fail(Reason{Code: CodeMerchantNotEnrolled, Message: "the merchant does not accept this product"})
	}
	if len(p.Purchase.Categories) > 0 && !slices.Contains(p.Purchase.Categories, req.Merchant.Category) {
		fail(Reason{Code: CodeCategoryNotAllowed, Message: "category " + req.Merchant.Category + " is not allowed"})
	}
	if cap, ok := p.Purchase.CategoryMax[req.Merchant.Category]; ok && amount.Units() > cap.Units() {
		fail(Reason{Code: CodeAboveCategoryLimit, Message: "above the limit for " + req.Merchant.Category, Limit: cap, Actual: amount})
	}
	if p.Purchase.BlockOverdue && l.overdue() {
		fail(Reason{Code: CodeLineOverdue, Message: "the line has an overdue balance"})
	}
	if n := p.Purchase.MaxPerDay; n > 0 && l.CountDay == req.On && l.CountOnDay >= n {
		fail(Reason{Code: CodeTooManyPurchases, Message: "too many purchases today", MaxCount: n, Count: l.CountOnDay + 1})
	}
	if amount.Units() > avail {
		fail(Reason{Code: CodeInsufficientCredit, Message: "not enough available credit", Limit: money.FromMinor(avail, c), Actual: amount})
	}
	for i, r := range rules {
		reason, failed, err := checkRule(i, r, c, &RuleInput{Request: *req, Available: d.AvailableBefore, line: l, product: p})
		if err != nil {
			return Decision{}, err
		}
		if failed {
			fail(reason)
		}
	}
	d.Approved = len(d.Reasons) == 0
	if d.Approved {
		d.AvailableAfter = money.FromMinor(avail-amount.Units(), c)
	}
	return d, nil
}

// checkRule runs host rule i, turning a panic or a reason the journal
// cannot keep into a *RuleError.
func checkRule(i int, r Rule, c money.Currency, in *RuleInput) (reason Reason, failed bool, err error) {
	if isNil(r) {
		return Reason{}, false, &RuleError{Rule: i, Reason: "is nil"}
	}
	defer func() {
		if v := recover(); v != nil {
			reason, failed, err = Reason{}, false, &RuleError{Rule: i, Reason: fmt.Sprintf("panicked: %v", v), Panic: v}
		}
	}()
	reason, failed = r.Check(in)
	if !failed {
		return Reason{}, false, nil
	}
	if why := reason.check(c); why != "" {
		return Reason{}, false, &RuleError{Rule: i, Reason: "declined with a reason that " + why}
	}
	return reason, true, nil
}

// check reports why a host rule's reason on a line in currency c cannot be
// kept, or "".
func (r Reason) check(c money.Currency) string {
	if r.Code == "" {
		return "has no code"
	}
	if why := checkText(r.Code, MaxIDBytes); why != "" {
		return "has a code that " + why
	}
	if why := checkText(r.Message, MaxTextBytes); why != "" {
		return "has a message that " + why
	}
	for _, a := range []money.Amount{r.Limit, r.Actual} {
		if a != (money.Amount{}) && a.Currency() != c {
			return "has an amount that is not in the line's currency, " + c.String()
		}
	}
	if r.MaxCount < 0 || r.Count < 0 {
		return "has a negative count"
	}
	return ""
}

// mustUsePlan reports whether every purchase must take the product's one
// plan (pay in 4).
func mustUsePlan(p *Product) bool {
	return len(p.Installments) == 1 && p.Installments[0].DownPayment.Sign() > 0
}
