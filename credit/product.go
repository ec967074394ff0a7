package credit

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"
	"unicode/utf8" // products name their zone; hosts need not ship zone files

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/rates"
	"github.com/justspend/justspend/internal/strictjson"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Product is a credit product as data: everything that varies between
// Huabei, JD Baitiao, Xinyongbao and a pay-in-4 plan. It loads from JSON
// (LoadProduct), validates with errors that name the offending field, and
// ships as presets. The JSON form:
//
//	{"name": "...", "currency": "CNY", "zone": "Asia/Shanghai", "calendar": "CN",
//	 "min_limit": {"amount": "1000.00", "currency": "CNY"}, "max_limit": {...},
//	 "purchase": {"min": {...}, "max": {...}, "categories": ["..."], "category_max": {"game": {...}},
//	              "max_per_day": 20, "block_overdue": true},
//	 "hold_days": 7,
//	 "billing": {"cycle": {...}, "interest": {...}, "penalty": {...}, "minimum": {...},
//	             "allocation": {...}, "rounding": "half_even"},
//	 "installments": [{...billing.Plan...}], "bill_installments": [...],
//	 "early_payoff": "charge_billed", "merchant_fee_rate": "0.01",
//	 "due_day_options": [{"statement_day": 1, "due_day": 10}]}
type Product struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Sources     []string       `json:"sources,omitempty"`
	Currency    money.Currency `json:"currency"`
	Zone        string         `json:"zone"` // IANA time zone of statement and due dates
	// Calendar names the business calendar that rolls due dates: "CN"
	// for mainland China, any code of calendar.Countries, or a name the
	// host gives in Config.Calendars; "" for none.
	Calendar string `json:"calendar,omitempty"`
	// Uncovered is what the product does with a day its calendar does not
	// cover (see UncoveredDays); the built-in calendars cover every day.
	Uncovered UncoveredDays `json:"uncovered,omitzero"`
	MinLimit  money.Amount  `json:"min_limit"`
	MaxLimit  money.Amount  `json:"max_limit"`
	// MaxTempLimit is the most that the temporary limits in force on a
	// line may add together; zero (the default) offers none.
	MaxTempLimit     money.Amount         `json:"max_temp_limit,omitzero"`
	Purchase         PurchaseRules        `json:"purchase"`
	HoldDays         int                  `json:"hold_days"` // an authorization hold expires after this many days
	Billing          billing.Rules        `json:"billing"`
	Installments     []billing.Plan       `json:"installments,omitempty"`      // plans offered at checkout, each with a Name unique in the list
	BillInstallments []billing.Plan       `json:"bill_installments,omitempty"` // plans offered on a statement, likewise named
	EarlyPayoff      billing.PayoffPolicy `json:"early_payoff"`
	MerchantFeeRate  decimal.Decimal      `json:"merchant_fee_rate"`     // the service fee a merchant pays on each purchase, unless its terms say otherwise
	AutoConfirm      AutoConfirm          `json:"auto_confirm,omitzero"` // receipt confirmed for the shopper after so many days
	// ValueDateDays is how many days before the day it is recorded a
	// payment or refund may count from (Payment.ValueDate,
	// PurchaseCommand.ValueDate): the settlement files of banks and
	// payment networks come in after the nightly run. 0, the default,
	// takes no value dates; at most MaxValueDateDays.
	ValueDateDays int            `json:"value_date_days,omitempty"`
	DueDayOptions []DueDayOption `json:"due_day_options,omitempty"` // statement and due days a holder may choose, once a year

	// Delinquency are the buckets of days past due a line is aged in
	// (Line.Delinquency, and the "delinquency" facts); the zero value is
	// DefaultBuckets. When the product charges off is a billing rule
	// (Billing.ChargeOff), and so is the write-off of small remainders
	// (Billing.WriteOff).
	Delinquency DelinquencyPolicy `json:"delinquency,omitzero"`

	// Hardship is what the product offers a holder who cannot pay as
	// agreed: deferred due dates, rescheduled installment plans and
	// re-aging (see Hardship); the zero value offers nothing.
	Hardship Hardship `json:"hardship,omitzero"`

	// Campaigns are the product's promotions with a budget (11.11): an
	// interest-free coupon a shopper applies at checkout (Authorize.Campaign)
	// on some of the checkout plans, its waived fee shared between the
	// merchant and the platform's budget. See Campaign.
	Campaigns []Campaign `json:"campaigns,omitempty"`
}

// PurchaseRules are the product's built-in authorization limits.
type PurchaseRules struct {
	Min          *money.Amount           `json:"min,omitempty"`
	Max          *money.Amount           `json:"max,omitempty"`
	Categories   []string                `json:"categories,omitempty"`   // merchant categories allowed; empty for any
	CategoryMax  map[string]money.Amount `json:"category_max,omitempty"` // the most one purchase in a category may be
	MaxPerDay    int                     `json:"max_per_day,omitempty"`  // purchases a day; 0 for no limit
	BlockOverdue bool                    `json:"block_overdue"`          // decline while the line is overdue
}

// AutoConfirm confirms receipt for a shopper who does not, on products
// that bill by delivery: once Days full days have passed after the day of
// its last capture (VirtualDays for a merchant in one of
// VirtualCategories), Advance posts the purchase at the start of the next
// day (captured on 10 December with 10 days: posted on 21 December), not
// counting days on which a refund request of the purchase was open
// (Engine.RequestRefund). Zero days never confirm. Taobao's rules, as the
// library's presets take them: 10 days for physical goods, 3 for virtual.
type AutoConfirm struct {
	Days              int      `json:"days"`
	VirtualDays       int      `json:"virtual_days,omitempty"`
	VirtualCategories []string `json:"virtual_categories,omitempty"`
}

// daysFor returns the days after which a purchase from a merchant of
// category is confirmed, or 0 for never.
func (a AutoConfirm) daysFor(category string) int {
	if slices.Contains(a.VirtualCategories, category) {
		return a.VirtualDays
	}
	return a.Days
}

// DueDayOption is a statement day and due day a holder may choose.
type DueDayOption struct {
	StatementDay int `json:"statement_day"`
	DueDay       int `json:"due_day"`
}

// ProductError reports a product field out of range. It matches
// ErrInvalidProduct.
type ProductError struct {
	Product string
	Field   string
	Reason  string
}

func (e *ProductError) Error() string {
	return "credit: product " + strconv.Quote(e.Product) + ": " + e.Field + ": " + e.Reason
}

// Is reports whether target is ErrInvalidProduct.
func (e *ProductError) Is(target error) bool { return target == ErrInvalidProduct }

// LoadProduct decodes a product from JSON, strictly (unknown fields,
// anything after the product, JSON that is not valid UTF-8, keys given
// twice or in another case than the field's, escaped lone surrogates are
// an error), and validates it.
func LoadProduct(data []byte) (Product, error) {
	var p Product
	if err := strictjson.DecodeExact(data, &p); err != nil {
		field, reason := jsonProblem(err)
		if reason == "" {
			field, reason = badField(data, &p), err.Error()
		}
		return Product{}, &ProductError{Field: cmp.Or(field, "json"), Reason: reason}
	}
	if err := p.Validate(); err != nil {
		return Product{}, err
	}
	return p, nil
}

// Validate reports the first field out of range.
func (p Product) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &ProductError{Product: p.Name, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	if p.Name == "" {
		return bad("name", "is empty")
	}
	if why := checkText(p.Name, MaxIDBytes); why != "" {
		return bad("name", "%s", why)
	}
	if !utf8.ValidString(p.Description) {
		return bad("description", "is not valid UTF-8")
	}
	for i, src := range p.Sources {
		if !utf8.ValidString(src) {
			return bad("sources["+strconv.Itoa(i)+"]", "is not valid UTF-8")
		}
	}
	if !p.Currency.IsValid() {
		return bad("currency", "is missing")
	}
	if why := zoneName(p.Zone); why != "" {
		return bad("zone", "%s", why)
	}
	if _, err := p.Location(); err != nil {
		return bad("zone", "%v", err)
	}
	if why := checkText(p.Calendar, MaxIDBytes); why != "" {
		return bad("calendar", "%s", why)
	}
	if p.Uncovered > UncoveredRefuse {
		return bad("uncovered", "unknown choice %v", p.Uncovered)
	}
	for _, f := range []struct {
		name string
		a    money.Amount
	}{{"min_limit", p.MinLimit}, {"max_limit", p.MaxLimit}, {"max_temp_limit", p.MaxTempLimit}} {
		if f.name == "max_temp_limit" && f.a == (money.Amount{}) {
			continue // none offered
		}
		if f.a.Currency() != p.Currency || f.a.IsNegative() || f.a.Units() > MaxAmountUnits {
			return bad(f.name, "must be a non-negative amount in %s of at most %d minor units, not %v", p.Currency, int64(MaxAmountUnits), f.a)
		}
	}
	if c, _ := p.MinLimit.Cmp(p.MaxLimit); c > 0 {
		return bad("min_limit", "is above max_limit")
	}
	for _, f := range []struct {
		name string
		a    *money.Amount
	}{{"purchase.min", p.Purchase.Min}, {"purchase.max", p.Purchase.Max}} {
		if f.a != nil && (f.a.Currency() != p.Currency || !f.a.IsPositive()) {
			return bad(f.name, "must be a positive amount in %s", p.Currency)
		}
	}
	for i, cat := range p.Purchase.Categories {
		if why := checkText(cat, MaxIDBytes); cat == "" || why != "" {
			return bad("purchase.categories["+strconv.Itoa(i)+"]", "must be a category name: %s", cmp.Or(why, "is empty"))
		}
	}
	for _, cat := range slices.Sorted(maps.Keys(p.Purchase.CategoryMax)) {
		if why := checkText(cat, MaxIDBytes); why != "" {
			return bad("purchase.category_max", "a category name %s", why)
		}
		if a := p.Purchase.CategoryMax[cat]; a.Currency() != p.Currency || !a.IsPositive() {
			return bad("purchase.category_max."+cat, "must be a positive amount in %s", p.Currency)
		}
	}
	if p.Purchase.MaxPerDay < 0 {
		return bad("purchase.max_per_day", "must not be negative")
	}
	if p.HoldDays < 1 || p.HoldDays > 90 {
		return bad("hold_days", "must be 1-90, not %d", p.HoldDays)
	}
	if err := p.Billing.Validate(); err != nil {
		return bad("billing", "%v", err)
	}
	// Every amount the billing rules state is in the product's currency: a
	// floor or a late fee in another would fail at every line's first
	// statement.
	if f := p.Billing.Minimum.Floor; f != nil && f.Currency() != p.Currency {
		return bad("billing.minimum.floor", "must be in %s, not %v", p.Currency, f.Currency())
	}
	for i, f := range p.Billing.Penalty.Fees {
		if f.Amount.Currency() != p.Currency {
			return bad("billing.penalty.fees["+strconv.Itoa(i)+"]", "must be in %s, not %v", p.Currency, f.Amount.Currency())
		}
	}
	if c := p.Billing.Penalty.CapAmount; c != nil && c.Currency() != p.Currency {
		return bad("billing.penalty.cap_amount", "must be in %s, not %v", p.Currency, c.Currency())
	}
	if field, why := p.chargeOffProblem(); why != "" {
		return bad(field, "%s", why)
	}
	// A rule that rolls on working days needs the calendar to roll on: a
	// product without one would fail at every line's first due date.
	if p.Calendar == "" && p.Billing.Cycle.Due.Roll != calendar.NoRoll {
		return bad("billing.cycle.due.roll", "rolls on working days (%v) but the product names no calendar", p.Billing.Cycle.Due.Roll)
	}
	for _, list := range []struct {
		name  string
		plans []billing.Plan
	}{{"installments", p.Installments}, {"bill_installments", p.BillInstallments}, {"hardship.reschedule", p.Hardship.Reschedule}} {
		names := map[string]bool{}
		for i, plan := range list.plans {
			field := list.name + "[" + strconv.Itoa(i) + "]"
			if err := plan.Validate(); err != nil {
				return bad(field, "%v", err)
			}
			if plan.Flat != nil && plan.Flat.Currency() != p.Currency {
				return bad(field+".flat_fee", "must be in %s, not %v", p.Currency, plan.Flat.Currency())
			}
			if why := checkText(plan.Name, MaxIDBytes); plan.Name == "" || why != "" {
				return bad(field+".name", "a plan needs a name to be chosen by: %s", cmp.Or(why, "is empty"))
			}
			if names[plan.Name] {
				return bad(field+".name", "%q is the name of an earlier plan", plan.Name)
			}
			names[plan.Name] = true
			if p.Calendar == "" && plan.Due.Roll != calendar.NoRoll {
				return bad(field+".due.roll", "rolls on working days (%v) but the product names no calendar", plan.Due.Roll)
			}
		}
	}
	if err := p.Hardship.validate(bad); err != nil {
		return err
	}
	if err := p.validateCampaigns(bad); err != nil {
		return err
	}
	if p.EarlyPayoff > billing.ChargeNoFees {
		return bad("early_payoff", "unknown policy %v", p.EarlyPayoff)
	}
	if !rates.Sane(p.MerchantFeeRate) || !rates.Unit(p.MerchantFeeRate) {
		return bad("merchant_fee_rate", "must be 0 to 1")
	}
	if p.ValueDateDays < 0 || p.ValueDateDays > MaxValueDateDays {
		return bad("value_date_days", "must be 0-%d, not %d", MaxValueDateDays, p.ValueDateDays)
	}
	if a := p.AutoConfirm; a.Days < 0 || a.Days > 90 || a.VirtualDays < 0 || a.VirtualDays > 90 {
		return bad("auto_confirm", "days must be 0-90")
	}
	for i, cat := range p.AutoConfirm.VirtualCategories {
		if why := checkText(cat, MaxIDBytes); cat == "" || why != "" {
			return bad("auto_confirm.virtual_categories["+strconv.Itoa(i)+"]", "must be a category name: %s", cmp.Or(why, "is empty"))
		}
	}
	for i, o := range p.DueDayOptions {
		if o.StatementDay < 1 || o.StatementDay > 28 || o.DueDay < 1 || o.DueDay > 28 {
			return bad("due_day_options["+strconv.Itoa(i)+"]", "days must be 1-28")
		}
	}
	return nil
}

// plan returns the index of the checkout installment plan named name, or
// -1.
func (p *Product) plan(name string) int {
	for i := range p.Installments {
		if p.Installments[i].Name == name {
			return i
		}
	}
	return -1
}

// billPlan returns the index of the statement installment plan named
// name, or -1.
func (p *Product) billPlan(name string) int {
	for i := range p.BillInstallments {
		if p.BillInstallments[i].Name == name {
			return i
		}
	}
	return -1
}

// copyOut returns a deep copy of the product.
func (p *Product) copyOut() Product {
	n := *p
	n.Sources = slices.Clone(p.Sources)
	n.Purchase.Categories = slices.Clone(p.Purchase.Categories)
	n.Purchase.CategoryMax = maps.Clone(p.Purchase.CategoryMax)
	if p.Purchase.Min != nil {
		n.Purchase.Min = ptr(*p.Purchase.Min)
	}
	if p.Purchase.Max != nil {
		n.Purchase.Max = ptr(*p.Purchase.Max)
	}
	n.Installments = copyPlans(p.Installments)
	n.BillInstallments = copyPlans(p.BillInstallments)
	n.DueDayOptions = slices.Clone(p.DueDayOptions)
	n.Delinquency.Buckets = slices.Clone(p.Delinquency.Buckets)
	n.Hardship.Reschedule = copyPlans(p.Hardship.Reschedule)
	n.AutoConfirm.VirtualCategories = slices.Clone(p.AutoConfirm.VirtualCategories)
	if p.Campaigns != nil {
		n.Campaigns = make([]Campaign, len(p.Campaigns))
		for i, c := range p.Campaigns {
			c.Plans, c.Categories = slices.Clone(c.Plans), slices.Clone(c.Categories)
			n.Campaigns[i] = c
		}
	}
	n.Billing.Allocation.Steps = slices.Clone(p.Billing.Allocation.Steps)
	n.Billing.Penalty.Fees = slices.Clone(p.Billing.Penalty.Fees)
	if p.Billing.Penalty.CapAmount != nil {
		n.Billing.Penalty.CapAmount = ptr(*p.Billing.Penalty.CapAmount)
	}
	if p.Billing.Minimum.Floor != nil {
		n.Billing.Minimum.Floor = ptr(*p.Billing.Minimum.Floor)
	}
	return n
}

func copyPlans(plans []billing.Plan) []billing.Plan {
	out := slices.Clone(plans)
	for i := range out {
		if out[i].Flat != nil {
			out[i].Flat = ptr(*out[i].Flat)
		}
	}
	return out
}

// zoneArea reports whether area is the first part of the IANA time zone
// names a product may give (Area/Location).
func zoneArea(area string) bool {
	switch area {
	case "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc":
		return true
	}
	return false
}

// zoneName says why name is not a zone a product may give, or "": a
// canonical IANA name, Area/Location (Asia/Shanghai, America/New_York,
// Etc/GMT-8), or UTC. Anything else may name the machine's own zone
// (Local, localtime, posixrules), a variant with leap seconds (right/...)
// or a link that differs between zone databases, so that two hosts on one
// store would bill on different days.
func zoneName(name string) string {
	if name == "UTC" {
		return ""
	}
	area, rest, ok := strings.Cut(name, "/")
	if !ok || !zoneArea(area) {
		return "must be an IANA zone name of the form Area/Location (such as Asia/Shanghai), or UTC, not " + strconv.Quote(name)
	}
	for _, part := range strings.Split(rest, "/") {
		if part == "" || part == "." || part == ".." || strings.IndexFunc(part, func(r rune) bool {
			return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '+')
		}) >= 0 {
			return "must be an IANA zone name of the form Area/Location, not " + strconv.Quote(name)
		}
	}
	return ""
}

// Location returns the product's time zone.
func (p Product) Location() (*time.Location, error) {
	if p.Zone == "" {
		return nil, fmt.Errorf("no zone")
	}
	return time.LoadLocation(p.Zone)
}

// WorkingDays returns the built-in calendar the product names
// (calendar.Country), or nil for none. An Engine looks in
// Config.Calendars first.
func (p Product) WorkingDays() (calendar.WorkingDays, error) {
	if p.Calendar == "" {
		return nil, nil
	}
	return calendar.Country(p.Calendar)
}
