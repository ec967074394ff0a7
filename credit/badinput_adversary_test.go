package credit_test

import (
	"math"
	"strings"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// adversaryCases are the classes an adversary tried: keys missing, odd or
// reused for another operation; odd strings; dates past the clock; a clock
// that is wrong; amounts past any sum; host input, configurations and
// rules that are wrong; and every lie a store can tell that the Engine
// must report.
func (b *badInput) adversaryCases() []badCase {
	auth, purchase, pay, change, open, quote, advance, product, value := b.auth, b.purchase, b.pay, b.change, b.open, b.quote, b.advance, b.product, b.productValue
	long := strings.Repeat("x", credit.MaxIDBytes+1)
	soon := at("2015-01-05 10:06")     // a minute past the tolerance
	century := at("2115-01-05 10:00")  // a century on
	last := at("9999-12-30 12:00")     // the calendar's last days
	tomorrow := at("2015-01-06 10:00") // a day on
	date := func(s string) calendar.Date { return day(b.t, s) }
	temp := func(amount money.Amount, expires string) *credit.TempLimit {
		return &credit.TempLimit{ID: "t", Amount: amount, Expires: date(expires)}
	}
	merchant := func(mod func(*credit.Merchant)) credit.Merchant {
		m := tmall
		mod(&m)
		return m
	}
	rule := func(r credit.Reason, failed bool) credit.Rule {
		return credit.RuleFunc(func(*credit.RuleInput) (credit.Reason, bool) { return r, failed })
	}
	lie := func(l credittest.Lie) func() error {
		return b.lied(l, func(e *credit.Engine) error {
			_, err := e.Pay(b.ctx, credit.Payment{Key: "lied", Line: "L", Amount: cny(100)})
			return err
		})
	}
	cases := []badCase{
		// Keys: every command that changes a line needs one.
		{"open: no key", open(func(c *credit.OpenLine) { c.Key = "" }), "missing_key"},
		{"authorize: no key", auth(func(c *credit.Authorize) { c.Key = "" }), "missing_key"},
		{"capture: no key", purchase("capture", func(c *credit.PurchaseCommand) { c.Key = "" }), "missing_key"},
		{"deliver: no key", purchase("deliver", func(c *credit.PurchaseCommand) { c.Key = ""; c.Purchase = "p2" }), "missing_key"},
		{"void: no key", purchase("void", func(c *credit.PurchaseCommand) { c.Key = "" }), "missing_key"},
		{"refund: no key", purchase("refund", func(c *credit.PurchaseCommand) { c.Key = ""; c.Purchase = "p3" }), "missing_key"},
		{"pay: no key", pay(false, func(c *credit.Payment) { c.Key = "" }), "missing_key"},
		{"payout: no key", pay(true, func(c *credit.Payment) { c.Key = ""; c.Amount = cny(100) }), "missing_key"},
		{"change: no key", change(func(c *credit.LineCommand) { c.Key = ""; c.Limit = cny(200000) }), "missing_key"},

		// Keys bound to another operation: the same fields, another op.
		{"refund under a capture's key", purchase("refund", func(c *credit.PurchaseCommand) { c.Key, c.Purchase, c.Amount = "c-p2", "p2", cny(200000) }), "idempotency"},
		{"void under a delivery's key", purchase("void", func(c *credit.PurchaseCommand) { c.Key, c.Purchase = "d-p3", "p3" }), "idempotency"},
		{"payout under a payment's key", pay(true, func(c *credit.Payment) { c.Key, c.Amount = "pay-L", cny(300) }), "idempotency"},
		{"capture under an authorization's key", purchase("capture", func(c *credit.PurchaseCommand) { c.Key, c.Amount = "a-p1", cny(100000) }), "idempotency"},
		{"change under a payment's key", change(func(c *credit.LineCommand) { c.Key, c.Limit = "pay-L", cny(300) }), "idempotency"},
		{"open under another line's opening key, on that line", open(func(c *credit.OpenLine) { c.Key, c.Line, c.Limit = "open-L", "L", cny(2000000) }), "idempotency"},

		// Keys and IDs that are not clean text.
		{"authorize: a key of invalid UTF-8", auth(func(c *credit.Authorize) { c.Key = "k\xff" }), "bad_id"},
		{"pay: a key with NUL", pay(false, func(c *credit.Payment) { c.Key = "k\x00" }), "bad_id"},
		{"capture: a key with ESC", purchase("capture", func(c *credit.PurchaseCommand) { c.Key = "k\x1b[0m" }), "bad_id"},
		{"refund: a key with a C1 control", purchase("refund", func(c *credit.PurchaseCommand) { c.Key = "k\u0085" }), "bad_id"},
		{"change: a key of 256 bytes", change(func(c *credit.LineCommand) { c.Key, c.Limit = long, cny(200000) }), "bad_id"},
		{"open: a key of invalid UTF-8", open(func(c *credit.OpenLine) { c.Key = "\xc3\x28" }), "bad_id"},
		{"authorize: a line of invalid UTF-8", auth(func(c *credit.Authorize) { c.Line = "L\xff" }), "bad_id"},
		{"pay: a line with NUL", pay(false, func(c *credit.Payment) { c.Line = "L\x00" }), "bad_id"},
		{"void: a line with a newline", purchase("void", func(c *credit.PurchaseCommand) { c.Line = "L\n" }), "bad_id"},
		{"open: a line with DEL", open(func(c *credit.OpenLine) { c.Line = "N\x7f" }), "bad_id"},
		{"open: a line of 256 bytes", open(func(c *credit.OpenLine) { c.Line = long }), "bad_id"},
		{"open: a line with NUL", open(func(c *credit.OpenLine) { c.Line = "N\x00" }), "bad_id"},
		{"open: a holder of invalid UTF-8", open(func(c *credit.OpenLine) { c.Holder = "h\xfe" }), "bad_id"},
		{"advance: a line of invalid UTF-8", advance("L\xfe", date("2015-01-05")), "bad_id"},
		{"quote: a line with a control", quote(func(c *credit.Authorize) { c.Line = "L\x01" }), "bad_id"},
		{"read: a line of invalid UTF-8", func() error { _, err := b.e.Line(b.ctx, "L\xff"); return err }, "bad_id"},
		{"authorize: a purchase ID of invalid UTF-8", auth(func(c *credit.Authorize) { c.Purchase = "new\xff" }), "bad_id"},
		{"capture: a purchase ID with NUL", purchase("capture", func(c *credit.PurchaseCommand) { c.Purchase = "p1\x00" }), "bad_id"},
		{"deliver: a purchase ID of 256 bytes", purchase("deliver", func(c *credit.PurchaseCommand) { c.Purchase = long }), "bad_id"},
		{"refund: a purchase ID with a C1 control", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase = "p3\u009b" }), "bad_id"},
		{"void: no purchase ID", purchase("void", func(c *credit.PurchaseCommand) { c.Purchase = "" }), "missing_id"},
		{"authorize: a plan name of invalid UTF-8", auth(func(c *credit.Authorize) { c.Plan = "3-month\xff" }), "bad_id"},
		{"change: a temporary limit ID with NUL", change(func(c *credit.LineCommand) { c.TempLimit = temp(cny(1000), "2015-02-01"); c.TempLimit.ID = "t\x00" }), "bad_id"},

		// Merchants, as the host describes them.
		{"authorize: a merchant without an ID", auth(func(c *credit.Authorize) { c.Merchant = merchant(func(m *credit.Merchant) { m.ID = "" }) }), "missing_id"},
		{"authorize: a merchant ID of invalid UTF-8", auth(func(c *credit.Authorize) { c.Merchant = merchant(func(m *credit.Merchant) { m.ID = "shop\xff" }) }), "bad_id"},
		{"authorize: a category with a control", auth(func(c *credit.Authorize) {
			c.Merchant = merchant(func(m *credit.Merchant) { m.Category = "apparel\t" })
		}), "bad_id"},
		{"authorize: a fee rate of -1", auth(func(c *credit.Authorize) { c.Merchant = merchant(func(m *credit.Merchant) { m.FeeRate = "-1" }) }), "bad_fee_rate"},
		{"authorize: a fee rate of 2", auth(func(c *credit.Authorize) { c.Merchant = merchant(func(m *credit.Merchant) { m.FeeRate = "2" }) }), "bad_fee_rate"},
		{"authorize: a fee rate of abc", auth(func(c *credit.Authorize) { c.Merchant = merchant(func(m *credit.Merchant) { m.FeeRate = "abc" }) }), "bad_fee_rate"},
		{"authorize: a fee rate with a space", auth(func(c *credit.Authorize) { c.Merchant = merchant(func(m *credit.Merchant) { m.FeeRate = "0.006 " }) }), "bad_fee_rate"},

		// Dates past the clock and its five minutes' tolerance.
		{"authorize: six minutes ahead", auth(func(c *credit.Authorize) { c.At = soon }), "future_dated"},
		{"capture: a century ahead", purchase("capture", func(c *credit.PurchaseCommand) { c.At = century }), "future_dated"},
		{"deliver: on 9999-12-30", purchase("deliver", func(c *credit.PurchaseCommand) { c.Purchase, c.At = "p2", last }), "future_dated"},
		{"void: tomorrow", purchase("void", func(c *credit.PurchaseCommand) { c.At = tomorrow }), "future_dated"},
		{"refund: a century ahead", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase, c.At = "p3", century }), "future_dated"},
		{"pay: a century ahead", pay(false, func(c *credit.Payment) { c.At = century }), "future_dated"},
		{"payout: tomorrow", pay(true, func(c *credit.Payment) { c.Amount, c.At = cny(100), tomorrow }), "future_dated"},
		{"change: a year ahead", change(func(c *credit.LineCommand) { c.Limit, c.At = cny(200000), at("2016-01-05 10:00") }), "future_dated"},
		{"open: tomorrow", open(func(c *credit.OpenLine) { c.At = tomorrow }), "future_dated"},
		{"open: in 1900", open(func(c *credit.OpenLine) { c.At = at("1900-01-05 10:00") }), "bad_date"},
		{"pay: in the year 1", pay(false, func(c *credit.Payment) { c.At = time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC) }), "bad_date"},
		{"quote: a century ahead", quote(func(c *credit.Authorize) { c.At = century }), "future_dated"},
		{"advance: tomorrow", advance("L", date("2015-01-06")), "future_dated"},
		{"advance: a century", advance("L", date("2115-01-05")), "future_dated"},
		{"advance: to 9999-12-30", advance("L", date("9999-12-30")), "future_dated"},
		{"advance: to no date", advance("L", calendar.Date{}), "bad_date"},
		{"advance: an unknown line", advance("nosuch", date("2015-01-05")), "not found"},

		// A clock that is wrong.
		{"pay: the clock reads 9999", b.withClock(last, pay(false, func(*credit.Payment) {})), "clock"},
		{"authorize: the clock reads 1969", b.withClock(time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), auth(func(*credit.Authorize) {})), "clock"},
		{"advance: the clock reads the year 1", b.withClock(time.Time{}, advance("L", date("2015-01-05"))), "clock"},

		// Amounts past what one command may carry, or nothing where none is taken.
		{"pay: MaxInt64", pay(false, func(c *credit.Payment) { c.Amount = cny(math.MaxInt64) }), "bad_amount"},
		{"pay: one fen past the most", pay(false, func(c *credit.Payment) { c.Amount = cny(credit.MaxAmountUnits + 1) }), "bad_amount"},
		{"pay: MinInt64", pay(false, func(c *credit.Payment) { c.Amount = cny(math.MinInt64) }), "bad_amount"},
		{"payout: MaxInt64", pay(true, func(c *credit.Payment) { c.Amount = cny(math.MaxInt64) }), "bad_amount"},
		{"refund: MaxInt64", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase, c.Amount = "p3", cny(math.MaxInt64) }), "bad_amount"},
		{"capture: one fen past the most", purchase("capture", func(c *credit.PurchaseCommand) { c.Amount = cny(credit.MaxAmountUnits + 1) }), "bad_amount"},
		{"authorize: MaxInt64", auth(func(c *credit.Authorize) { c.Amount = cny(math.MaxInt64) }), "bad_amount"},
		{"convert: MaxInt64", change(func(c *credit.LineCommand) { c.Convert, c.Plan = cny(math.MaxInt64), "3-month" }), "bad_amount"},
		{"void: with an amount", purchase("void", func(c *credit.PurchaseCommand) { c.Amount = cny(100) }), "bad_amount"},
		{"deliver: with an amount", purchase("deliver", func(c *credit.PurchaseCommand) { c.Purchase, c.Amount = "p2", cny(200000) }), "bad_amount"},

		// Temporary limits: capped, and for a year at most.
		{"temporary limit: RMB 10^10", change(func(c *credit.LineCommand) { c.TempLimit = temp(cny(1_000_000_000_000), "2015-02-01") }), "above_max_temp_limit"},
		{"temporary limit: one fen past the product's cap", change(func(c *credit.LineCommand) { c.TempLimit = temp(cny(5000001), "2015-02-01") }), "above_max_temp_limit"},
		{"temporary limit: past the most a command carries", change(func(c *credit.LineCommand) { c.TempLimit = temp(cny(credit.MaxAmountUnits+1), "2015-02-01") }), "bad_temp_limit"},
		{"temporary limit: for 84 years", change(func(c *credit.LineCommand) { c.TempLimit = temp(cny(1000), "2099-01-01") }), "bad_temp_limit"},
		{"temporary limit: on a product that offers none", func() error {
			l := credit.TempLimit{ID: "t", Amount: money.FromMinor(100, money.USD), Expires: date("2015-02-01")}
			_, err := b.e.ChangeLine(b.ctx, credit.LineCommand{Key: "temp-P", Line: "P", TempLimit: &l})
			return err
		}, "above_max_temp_limit"},

		// Host rules that fail: the command fails and changes nothing.
		{"a host rule that panics", b.withRule(credit.RuleFunc(func(*credit.RuleInput) (credit.Reason, bool) { panic("host bug") })), "rule"},
		{"a host rule that declines with no code", b.withRule(rule(credit.Reason{Message: "no"}, true)), "rule"},
		{"a host rule whose code is not UTF-8", b.withRule(rule(credit.Reason{Code: "x\xff"}, true)), "rule"},
		{"a host rule whose message has a NUL", b.withRule(rule(credit.Reason{Code: "x", Message: "a\x00b"}, true)), "rule"},
		{"a host rule whose amount has no currency", b.withRule(rule(credit.Reason{Code: "x", Limit: money.FromMinor(5, 0)}, true)), "rule"},

		// Configurations.
		{"config: no store", b.config(credit.Config{Clock: b.clock}), "config"},
		{"config: no clock", b.config(credit.Config{Store: b.store}), "config"},
		{"config: a nil rule", b.config(credit.Config{Store: b.store, Clock: b.clock, Rules: []credit.Rule{nil}}), "config"},
		{"config: a negative MaxAhead", b.config(credit.Config{Store: b.store, Clock: b.clock, MaxAhead: -time.Second}), "config"},
		{"config: a MaxAhead over a day", b.config(credit.Config{Store: b.store, Clock: b.clock, MaxAhead: 25 * time.Hour}), "config"},
		{"config: a product given twice", b.config(credit.Config{Store: b.store, Clock: b.clock, Products: []credit.Product{credit.Huabei(), credit.Huabei()}}), "config"},

		// Products that must not load.
		{"product: the machine's zone", product(func(p *credit.Product) { p.Zone = "Local" }), "zone"},
		{"product: a roll on working days without a calendar", product(func(p *credit.Product) {
			p.Calendar, p.Billing.Cycle.Due.Roll = "", calendar.Following
		}), "billing.cycle.due.roll"},
		{"product: a plan that rolls without a calendar", product(func(p *credit.Product) {
			p.Calendar, p.Installments[2].Due.Roll = "", calendar.ModifiedFollowing
		}), "installments[2].due.roll"},
		{"product: an unnamed plan", product(func(p *credit.Product) { p.Installments[0].Name = "" }), "installments[0].name"},
		{"product: two plans of one name", product(func(p *credit.Product) { p.Installments[3].Name = p.Installments[1].Name }), "installments[3].name"},
		{"product: an unnamed bill plan", product(func(p *credit.Product) { p.BillInstallments[2].Name = "" }), "bill_installments[2].name"},
		{"product: a plan name with NUL", value(func(p *credit.Product) { p.Installments[0].Name = "3\x00" }), "installments[0].name"},
		{"product: an empty category", product(func(p *credit.Product) { p.Purchase.Categories = []string{"apparel", ""} }), "purchase.categories[1]"},
		{"product: a category of invalid UTF-8", value(func(p *credit.Product) { p.Purchase.Categories = []string{"game\xff"} }), "purchase.categories[0]"},
		{"product: a name with a control", value(func(p *credit.Product) { p.Name = "huabei\x1b" }), "name"},
		{"product: a temporary-limit cap in another currency", product(func(p *credit.Product) { p.MaxTempLimit = money.FromMinor(100, money.USD) }), "max_temp_limit"},
		{"product: a negative temporary-limit cap", product(func(p *credit.Product) { p.MaxTempLimit = cny(-1) }), "max_temp_limit"},
		{"product: a description of invalid UTF-8", value(func(p *credit.Product) { p.Description = "\xff" }), "description"},
		{"product: a source of invalid UTF-8", value(func(p *credit.Product) { p.Sources = []string{"ok", "\xfe"} }), "sources[1]"},
		{"product: JSON of invalid UTF-8", b.productJSON("{\"name\":\"x\xff\"}"), "json"},

		// Commands from the network in JSON that is not UTF-8: two keys
		// that encoding/json would read as one.
		{"JSON: a key of invalid UTF-8", b.decode(&credit.Payment{}, "{\"key\":\"k\xff\",\"line\":\"L\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}}"), "bad_json"},
		{"JSON: a line of invalid UTF-8", b.decode(&credit.Authorize{}, "{\"key\":\"k\",\"line\":\"L\xfe\"}"), "bad_json"},
	}
	// Every lie a store can tell that the Engine must report.
	for _, l := range credittest.Lies() {
		if l.Detectable() {
			cases = append(cases, badCase{"a store that lies: " + l.String(), lie(l), "corrupt"})
		}
	}
	return cases
}
