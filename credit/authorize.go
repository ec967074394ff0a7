package credit

import (
	"slices"

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
)

// AuthRequest is what a checkout asks: may this line pay Amount to
// Merchant, optionally on one of the product's installment plans?
type AuthRequest struct {
	Purchase string        `json:"purchase"` // the host's purchase ID
	Amount   money.Amount  `json:"amount"`   // in the line's currency; convert foreign prices first
	Merchant Merchant      `json:"merchant"`
	Plan     int           `json:"plan"` // index into the product's Installments, or -1 for none
	On       calendar.Date `json:"on"`
}

// Reason is one rule a request failed, with the numbers behind it for a
// checkout page: Limit is the bound, Actual what the request came to.
type Reason struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Limit   money.Amount `json:"limit,omitzero"`
	Actual  money.Amount `json:"actual,omitzero"`
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
// returns the reason and true when the request fails it. It must be pure:
// the same input always gives the same answer.
type Rule interface {
	Check(in *RuleInput) (Reason, bool)
}

// RuleFunc adapts a function to Rule.
type RuleFunc func(in *RuleInput) (Reason, bool)

// Check calls f.
func (f RuleFunc) Check(in *RuleInput) (Reason, bool) { return f(in) }

// RuleInput is what a rule sees: shallow copies of the line, product and
// request. Treat it as read-only.
type RuleInput struct {
	Line      *Line
	Product   *Product
	Request   *AuthRequest
	Available money.Amount // before the request
}

// Decide applies the built-in rules and then rules to req on line l of
// product p, on the line's current day. It is pure and, when the request
// is approved and there are no host rules, does not allocate. Quote mode
// is just this: calling Decide holds nothing.
func Decide(l *Line, p *Product, req *AuthRequest, rules []Rule) Decision {
	c := l.Limit.Currency()
	avail := l.available()
	d := Decision{AvailableBefore: money.FromMinor(avail, c), AvailableAfter: money.FromMinor(avail, c)}
	fail := func(r Reason) { d.Reasons = append(d.Reasons, r) }
	amount := req.Amount

	if l.Status != Active {
		fail(Reason{Code: CodeLineNotActive, Message: "the line is " + l.Status.String()})
	}
	if amount.Currency() != c {
		fail(Reason{Code: CodeCurrencyMismatch, Message: "the line is in " + c.String() + ", the request in " + amount.Currency().String()})
		amount = money.Zero(c)
	}
	if req.Plan < -1 || req.Plan >= len(p.Installments) {
		fail(Reason{Code: CodePlanNotOffered, Message: "no such installment plan"})
	} else if req.Plan == -1 && mustUsePlan(p) {
		fail(Reason{Code: CodePlanNotOffered, Message: "this product pays by its installment plan only"})
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
		fail(Reason{Code: CodeTooManyPurchases, Message: "too many purchases today", Limit: money.FromMinor(int64(n), c), Actual: money.FromMinor(int64(l.CountOnDay+1), c)})
	}
	if amount.Units() > avail {
		fail(Reason{Code: CodeInsufficientCredit, Message: "not enough available credit", Limit: money.FromMinor(avail, c), Actual: amount})
	}
	if len(rules) > 0 {
		// Rules see copies, so that what they keep or change cannot reach
		// the caller's line, and so that l and req need not be on the heap
		// when there are no rules.
		line, product, request := *l, *p, *req
		in := &RuleInput{Line: &line, Product: &product, Request: &request, Available: d.AvailableBefore}
		for _, r := range rules {
			if reason, failed := r.Check(in); failed {
				fail(reason)
			}
		}
	}
	d.Approved = len(d.Reasons) == 0
	if d.Approved {
		d.AvailableAfter = money.FromMinor(avail-amount.Units(), c)
	}
	return d
}

// mustUsePlan reports whether every purchase must take the product's one
// plan (pay in 4).
func mustUsePlan(p *Product) bool {
	return len(p.Installments) == 1 && p.Installments[0].DownPayment.Sign() > 0
}
