package credit_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// badInputFixture is a small book of lines for the bad-input table, kept
// in a MemStore behind a LyingStore (honest unless armed), with snapshots
// every four facts:
//
//	L  huabei, RMB 10,000: p1 authorized (1,000), p2 captured and not
//	   delivered (2,000), p3 posted (1,500), p4 voided (500); its due days
//	   changed on opening day; RMB 3 paid in
//	C  huabei, closed
//	P  pay-in-4, USD 1,000
//	M  huabei, with a longer journal than L's (for a store that returns
//	   another line's records)
type badInput struct {
	t     *testing.T
	ctx   context.Context
	e     *credit.Engine
	store *credittest.MemStore
	lies  *credittest.LyingStore
	clock *credittest.Clock
}

func badInputFixture(t *testing.T) *badInput {
	t.Helper()
	ctx := context.Background()
	store := credittest.NewMemStore()
	lies := credittest.NewLyingStore(store)
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: lies, Clock: clock, Products: credit.Presets(), SnapshotEvery: 4})
	if err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(e.OpenLine(ctx, credit.OpenLine{Key: "open-L", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}))
	must(e.OpenLine(ctx, credit.OpenLine{Key: "open-C", Line: "C", Holder: "h", Product: "huabei", Limit: cny(1000000)}))
	must(e.OpenLine(ctx, credit.OpenLine{Key: "open-P", Line: "P", Holder: "h", Product: "pay-in-4", Limit: money.FromMinor(100000, money.USD)}))
	for _, p := range []struct {
		id            string
		amount        int64
		capture, post bool
		void          bool
	}{{"p1", 100000, false, false, false}, {"p2", 200000, true, false, false}, {"p3", 150000, true, true, false}, {"p4", 50000, false, false, true}} {
		must(e.Authorize(ctx, credit.Authorize{Key: "a-" + p.id, Line: "L", Purchase: p.id, Amount: cny(p.amount), Merchant: tmall}))
		if p.capture {
			must(e.Capture(ctx, credit.PurchaseCommand{Key: "c-" + p.id, Line: "L", Purchase: p.id, Amount: cny(p.amount)}))
		}
		if p.post {
			must(e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d-" + p.id, Line: "L", Purchase: p.id}))
		}
		if p.void {
			must(e.Void(ctx, credit.PurchaseCommand{Key: "v-" + p.id, Line: "L", Purchase: p.id}))
		}
	}
	must(e.ChangeLine(ctx, credit.LineCommand{Key: "dd", Line: "L", DueDays: &credit.DueDayOption{StatementDay: 5, DueDay: 15}}))
	must(e.Pay(ctx, credit.Payment{Key: "pay-L", Line: "L", Amount: cny(300)}))
	closed := credit.Closed
	must(e.ChangeLine(ctx, credit.LineCommand{Key: "close-C", Line: "C", Status: &closed}))
	must(e.OpenLine(ctx, credit.OpenLine{Key: "open-M", Line: "M", Holder: "h", Product: "huabei", Limit: cny(1000000)}))
	for i := range 12 {
		must(e.Pay(ctx, credit.Payment{Key: "pay-M-" + itoa(int64(i)), Line: "M", Amount: cny(100)}))
	}
	// A second engine reads L twice, once at an older snapshot, so that the
	// lying store has snapshots to lie with.
	must(newEngine(t, lies, clock).Line(ctx, "L"))
	must(newEngine(t, lies, clock).Line(ctx, "C"))
	return &badInput{t: t, ctx: ctx, e: e, store: store, lies: lies, clock: clock}
}

// The command builders: a valid command on the fixture, changed by mod.

func (b *badInput) auth(mod func(*credit.Authorize)) func() error {
	cmd := credit.Authorize{Key: "new-a", Line: "L", Purchase: "new", Amount: cny(10000), Merchant: tmall}
	mod(&cmd)
	return func() error { _, err := b.e.Authorize(b.ctx, cmd); return err }
}

func (b *badInput) purchase(op string, mod func(*credit.PurchaseCommand)) func() error {
	cmd := credit.PurchaseCommand{Key: "new-" + op, Line: "L", Purchase: "p1", Amount: cny(10000)}
	if op == "deliver" || op == "void" {
		cmd.Amount = money.Amount{} // they take none
	}
	mod(&cmd)
	return func() error {
		var err error
		switch op {
		case "capture":
			_, err = b.e.Capture(b.ctx, cmd)
		case "deliver":
			_, err = b.e.ConfirmDelivery(b.ctx, cmd)
		case "void":
			_, err = b.e.Void(b.ctx, cmd)
		case "refund":
			_, err = b.e.Refund(b.ctx, cmd)
		}
		return err
	}
}

func (b *badInput) pay(payout bool, mod func(*credit.Payment)) func() error {
	cmd := credit.Payment{Key: "new-pay", Line: "L", Amount: cny(10000)}
	mod(&cmd)
	return func() error {
		var err error
		if payout {
			_, err = b.e.Payout(b.ctx, cmd)
		} else {
			_, err = b.e.Pay(b.ctx, cmd)
		}
		return err
	}
}

func (b *badInput) change(mod func(*credit.LineCommand)) func() error {
	cmd := credit.LineCommand{Key: "new-change", Line: "L"}
	mod(&cmd)
	return func() error { _, err := b.e.ChangeLine(b.ctx, cmd); return err }
}

func (b *badInput) open(mod func(*credit.OpenLine)) func() error {
	cmd := credit.OpenLine{Key: "new-open", Line: "N", Holder: "h", Product: "huabei", Limit: cny(100000)}
	mod(&cmd)
	return func() error { _, err := b.e.OpenLine(b.ctx, cmd); return err }
}

func (b *badInput) quote(mod func(*credit.Authorize)) func() error {
	cmd := credit.Authorize{Line: "L", Purchase: "new", Amount: cny(10000), Merchant: tmall}
	mod(&cmd)
	return func() error { _, err := b.e.Quote(b.ctx, cmd); return err }
}

func (b *badInput) advance(line string, to calendar.Date) func() error {
	return func() error { _, err := b.e.Advance(b.ctx, line, to); return err }
}

func (b *badInput) decode(v any, data string) func() error {
	return func() error { return credit.DecodeCommand([]byte(data), v) }
}

func (b *badInput) product(mod func(*credit.Product)) func() error {
	p := credit.Huabei()
	mod(&p)
	data, err := json.Marshal(p)
	if err != nil {
		b.t.Fatal(err)
	}
	return func() error { _, err := credit.LoadProduct(data); return err }
}

// productValue validates a product changed by mod, as a value: text that
// JSON could not even carry.
func (b *badInput) productValue(mod func(*credit.Product)) func() error {
	p := credit.Huabei()
	mod(&p)
	return p.Validate
}

func (b *badInput) productJSON(data string) func() error {
	return func() error { _, err := credit.LoadProduct([]byte(data)); return err }
}

// withClock runs run with the clock set to t, then sets it back.
func (b *badInput) withClock(t time.Time, run func() error) func() error {
	return func() error {
		was := b.clock.Now()
		b.clock.Set(t)
		defer b.clock.Set(was)
		return run()
	}
}

// lied runs run on an engine that reads the fixture cold through the
// store, armed with lie about line L.
func (b *badInput) lied(lie credittest.Lie, run func(e *credit.Engine) error) func() error {
	return func() error {
		e := newEngine(b.t, b.lies, b.clock)
		b.lies.Arm("L", lie)
		defer b.lies.Arm("L", credittest.NoLie)
		err := run(e)
		if told := b.lies.Told("L"); len(told) != 1 {
			b.t.Errorf("the store told %v, not %v", told, lie)
		}
		return err
	}
}

// withRule runs an authorization on an engine that has rule, on the
// fixture's store.
func (b *badInput) withRule(rule credit.Rule) func() error {
	return func() error {
		e, err := credit.NewEngine(credit.Config{Store: b.store, Clock: b.clock, Products: credit.Presets(), Rules: []credit.Rule{rule}})
		if err != nil {
			return err
		}
		_, err = e.Authorize(b.ctx, credit.Authorize{Key: "rule", Line: "L", Purchase: "new", Amount: cny(10000), Merchant: tmall})
		return err
	}
}

// config runs NewEngine on cfg.
func (b *badInput) config(cfg credit.Config) func() error {
	return func() error { _, err := credit.NewEngine(cfg); return err }
}

// badCase is one row of the table: a command, and what it must be refused
// with: a *CommandError's code, a *ProductError's field (for names that
// start "product:"), or one of "not found", "idempotency", "rule",
// "clock", "config" and "corrupt".
type badCase struct {
	name string
	run  func() error
	want string
}

// TestBadInput: malformed commands, products, configurations, host rules
// and store lies. Each gets its documented typed error and changes
// nothing.
func TestBadInput(t *testing.T) {
	b := badInputFixture(t)
	ctx, store := b.ctx, b.store
	cases := append(b.commandCases(), b.adversaryCases()...)
	if len(cases) < 150 {
		t.Fatalf("%d cases; the table promises at least 150", len(cases))
	}
	snapshot := func() string {
		var s strings.Builder
		for _, id := range []string{"L", "C", "P", "M"} {
			l, err := b.e.Line(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			j, err := json.Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			s.Write(j)
			s.WriteString(journalOf(t, store, id))
		}
		for _, id := range []string{"N", "L\xff", "N\x00"} {
			if _, err := store.Load(ctx, id, 0); !errors.Is(err, credit.ErrNotFound) {
				s.WriteString(id + " exists")
			}
		}
		if len(store.Lines()) != 4 {
			s.WriteString("lines: " + strings.Join(store.Lines(), ","))
		}
		return s.String()
	}
	start := snapshot()
	for _, c := range cases {
		err := c.run()
		if why := refusedAs(c, err); why != "" {
			t.Errorf("%s: %v, want %s", c.name, err, why)
		}
		if now := snapshot(); now != start {
			t.Fatalf("%s changed the book", c.name)
		}
	}
	t.Logf("%d bad inputs, each refused with its typed error, none changing anything", len(cases))
}

// refusedAs says what is wrong with err as the refusal c wants, or "".
func refusedAs(c badCase, err error) string {
	var ce *credit.CommandError
	var pe *credit.ProductError
	var ie *credit.IdempotencyError
	var re *credit.RuleError
	var ke *credit.ClockError
	var fe *credit.ConfigError
	var co *credit.CorruptError
	switch {
	case err == nil:
		return "an error, not nil"
	case c.want == "not found":
		if !errors.Is(err, credit.ErrNotFound) {
			return "ErrNotFound"
		}
	case c.want == "idempotency":
		if !errors.As(err, &ie) || !errors.Is(err, credit.ErrIdempotencyMismatch) {
			return "an *IdempotencyError"
		}
	case c.want == "rule":
		if !errors.As(err, &re) || !errors.Is(err, credit.ErrRuleFailed) {
			return "a *RuleError"
		}
	case c.want == "clock":
		if !errors.As(err, &ke) || !errors.Is(err, credit.ErrClock) {
			return "a *ClockError"
		}
	case c.want == "config":
		if !(errors.As(err, &fe) && errors.Is(err, credit.ErrInvalidConfig) || errors.As(err, &pe)) {
			return "a *ConfigError (or a *ProductError)"
		}
	case c.want == "corrupt":
		if !errors.As(err, &co) || !errors.Is(err, credit.ErrCorruptJournal) {
			return "a *CorruptError"
		}
	case strings.HasPrefix(c.name, "product:"):
		if !errors.As(err, &pe) || !errors.Is(err, credit.ErrInvalidProduct) || pe.Field != c.want {
			return "a *ProductError on " + c.want
		}
	default:
		if !errors.As(err, &ce) || !errors.Is(err, credit.ErrInvalidCommand) || ce.Code != c.want {
			return "a *CommandError with code " + c.want
		}
	}
	return ""
}

// commandCases are the commands, products and JSON the Engine refuses
// for what they say.
func (b *badInput) commandCases() []badCase {
	t := b.t
	usd := func(u int64) money.Amount { return money.FromMinor(u, money.USD) }
	rate := func(base, quote money.Currency, r string) *money.ExchangeRate {
		x, err := money.NewExchangeRate(base, quote, decimal.RequireFromString(r))
		if err != nil {
			t.Fatal(err)
		}
		return &x
	}
	status := func(s credit.LineStatus) *credit.LineStatus { return &s }
	before := at("2015-01-04 10:00") // the day before the lines opened
	date := func(s string) calendar.Date { return day(t, s) }
	auth, purchase, pay, change, open, decode, product, productJSON := b.auth, b.purchase, b.pay, b.change, b.open, b.decode, b.product, b.productJSON
	e, ctx, clock := b.e, b.ctx, b.clock
	return []badCase{
		// Opening a line.
		{"open: unknown product", open(func(c *credit.OpenLine) { c.Product = "nosuch" }), "unknown_product"},
		{"open: no line ID", open(func(c *credit.OpenLine) { c.Line = "" }), "missing_id"},
		{"open: no holder", open(func(c *credit.OpenLine) { c.Holder = "" }), "missing_id"},
		{"open: limit in the wrong currency", open(func(c *credit.OpenLine) { c.Limit = usd(100000) }), "currency_mismatch"},
		{"open: no limit", open(func(c *credit.OpenLine) { c.Limit = money.Amount{} }), "missing_limit"},
		{"open: limit above the product's cap", open(func(c *credit.OpenLine) { c.Limit = cny(5000001) }), "limit_out_of_range"},
		{"open: negative limit", open(func(c *credit.OpenLine) { c.Limit = cny(-100) }), "limit_out_of_range"},
		{"open: a line that exists, another key", open(func(c *credit.OpenLine) { c.Line = "L" }), "line_exists"},
		{"open: a line that exists, no key", open(func(c *credit.OpenLine) { c.Line, c.Key = "L", "" }), "missing_key"},

		// Authorizing.
		{"authorize: unknown line", auth(func(c *credit.Authorize) { c.Line = "nosuch" }), "not found"},
		{"authorize: zero amount", auth(func(c *credit.Authorize) { c.Amount = cny(0) }), "bad_amount"},
		{"authorize: negative amount", auth(func(c *credit.Authorize) { c.Amount = cny(-10000) }), "bad_amount"},
		{"authorize: amount with no currency", auth(func(c *credit.Authorize) { c.Amount = money.Amount{} }), "bad_amount"},
		{"authorize: amount in the wrong currency", auth(func(c *credit.Authorize) { c.Amount = usd(10000) }), "currency_mismatch"},
		{"authorize: no purchase ID", auth(func(c *credit.Authorize) { c.Purchase = "" }), "bad_purchase_id"},
		{"authorize: a purchase ID already used", auth(func(c *credit.Authorize) { c.Purchase = "p3" }), "bad_purchase_id"},
		{"authorize: a plan name that is not text", auth(func(c *credit.Authorize) { c.Plan = "3-month\x00" }), "bad_id"},
		{"authorize: rate into the wrong currency", auth(func(c *credit.Authorize) {
			c.Amount, c.Original, c.Rate = money.Amount{}, money.FromMinor(1000, money.EUR), rate(money.EUR, money.USD, "1.1")
		}), "currency_mismatch"},
		{"authorize: rate from another currency than the price's", auth(func(c *credit.Authorize) {
			c.Amount, c.Original, c.Rate = money.Amount{}, usd(1000), rate(money.EUR, money.CNY, "7.5")
		}), "conversion_failed"},
		{"authorize: dated before the line opened", auth(func(c *credit.Authorize) { c.At = before }), "before_opening"},
		{"authorize: a key used for another command", auth(func(c *credit.Authorize) { c.Key = "a-p1" }), "idempotency"},

		// Capturing, delivering, voiding, refunding.
		{"capture: unknown line", purchase("capture", func(c *credit.PurchaseCommand) { c.Line = "nosuch" }), "not found"},
		{"capture: unknown purchase", purchase("capture", func(c *credit.PurchaseCommand) { c.Purchase = "nosuch" }), "unknown_purchase"},
		{"capture: after a void", purchase("capture", func(c *credit.PurchaseCommand) { c.Purchase = "p4" }), "not_authorized"},
		{"capture: fully captured already", purchase("capture", func(c *credit.PurchaseCommand) { c.Purchase = "p3" }), "not_authorized"},
		{"capture: above what is authorized", purchase("capture", func(c *credit.PurchaseCommand) { c.Amount = cny(100001) }), "above_authorized"},
		{"capture: zero", purchase("capture", func(c *credit.PurchaseCommand) { c.Amount = cny(0) }), "bad_amount"},
		{"capture: negative", purchase("capture", func(c *credit.PurchaseCommand) { c.Amount = cny(-1) }), "bad_amount"},
		{"capture: wrong currency", purchase("capture", func(c *credit.PurchaseCommand) { c.Amount = usd(100) }), "currency_mismatch"},
		{"capture: after the hold expired", func() error {
			clock.Set(at("2015-01-25 10:00"))
			defer clock.Set(at("2015-01-05 10:00"))
			_, err := e.Capture(ctx, credit.PurchaseCommand{Key: "late", Line: "L", Purchase: "p1", Amount: cny(100), At: at("2015-01-25 10:00")})
			return err
		}, "not_authorized"},
		{"capture: dated before the line opened", purchase("capture", func(c *credit.PurchaseCommand) { c.At = before }), "before_opening"},
		{"deliver: before any authorization", purchase("deliver", func(c *credit.PurchaseCommand) { c.Purchase = "never-authorized" }), "unknown_purchase"},
		{"deliver: authorized, nothing captured", purchase("deliver", func(c *credit.PurchaseCommand) {}), "nothing_captured"},
		{"deliver: delivered already", purchase("deliver", func(c *credit.PurchaseCommand) { c.Purchase = "p3" }), "nothing_captured"},
		{"deliver: unknown line", purchase("deliver", func(c *credit.PurchaseCommand) { c.Line = "nosuch" }), "not found"},
		{"void: fully captured", purchase("void", func(c *credit.PurchaseCommand) { c.Purchase = "p2" }), "not_authorized"},
		{"void: voided already", purchase("void", func(c *credit.PurchaseCommand) { c.Purchase = "p4" }), "not_authorized"},
		{"void: unknown purchase", purchase("void", func(c *credit.PurchaseCommand) { c.Purchase = "nosuch" }), "unknown_purchase"},
		{"refund: above what was captured", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase, c.Amount = "p3", cny(150001) }), "above_refundable"},
		{"refund: nothing captured", purchase("refund", func(c *credit.PurchaseCommand) {}), "above_refundable"},
		{"refund: zero", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase, c.Amount = "p3", cny(0) }), "bad_amount"},
		{"refund: negative", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase, c.Amount = "p3", cny(-5) }), "bad_amount"},
		{"refund: wrong currency", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase, c.Amount = "p3", usd(5) }), "currency_mismatch"},
		{"refund: unknown purchase", purchase("refund", func(c *credit.PurchaseCommand) { c.Purchase = "nosuch" }), "unknown_purchase"},
		{"refund: at a rate from another currency", purchase("refund", func(c *credit.PurchaseCommand) {
			c.Purchase, c.Amount, c.Original, c.Rate = "p3", money.Amount{}, usd(100), rate(money.EUR, money.CNY, "7.5")
		}), "conversion_failed"},

		// Paying.
		{"pay: zero", pay(false, func(c *credit.Payment) { c.Amount = cny(0) }), "bad_amount"},
		{"pay: negative", pay(false, func(c *credit.Payment) { c.Amount = cny(-100) }), "bad_amount"},
		{"pay: wrong currency", pay(false, func(c *credit.Payment) { c.Amount = usd(100) }), "currency_mismatch"},
		{"pay: unknown line", pay(false, func(c *credit.Payment) { c.Line = "nosuch" }), "not found"},
		{"pay: dated before the line opened", pay(false, func(c *credit.Payment) { c.At = before }), "before_opening"},
		{"pay: a key used for a purchase", pay(false, func(c *credit.Payment) { c.Key = "c-p2" }), "idempotency"},
		{"payout: above the credit balance", pay(true, func(c *credit.Payment) {}), "above_credit_balance"},
		{"payout: zero", pay(true, func(c *credit.Payment) { c.Amount = cny(0) }), "bad_amount"},

		// Changing the line.
		{"limit: above the product's cap", change(func(c *credit.LineCommand) { c.Limit = cny(5000001) }), "limit_out_of_range"},
		{"limit: wrong currency", change(func(c *credit.LineCommand) { c.Limit = usd(100000) }), "currency_mismatch"},
		{"limit: a closed line", change(func(c *credit.LineCommand) { c.Line, c.Limit = "C", cny(200000) }), "line_closed"},
		{"temporary limit: expired already", change(func(c *credit.LineCommand) {
			c.TempLimit = &credit.TempLimit{ID: "t", Amount: cny(100000), Expires: date("2015-01-05")}
		}), "bad_temp_limit"},
		{"temporary limit: zero", change(func(c *credit.LineCommand) {
			c.TempLimit = &credit.TempLimit{ID: "t", Amount: cny(0), Expires: date("2015-02-05")}
		}), "bad_temp_limit"},
		{"temporary limit: no ID", change(func(c *credit.LineCommand) {
			c.TempLimit = &credit.TempLimit{Amount: cny(100000), Expires: date("2015-02-05")}
		}), "bad_temp_limit"},
		{"temporary limit: wrong currency", change(func(c *credit.LineCommand) {
			c.TempLimit = &credit.TempLimit{ID: "t", Amount: usd(100000), Expires: date("2015-02-05")}
		}), "currency_mismatch"},
		{"status: unknown", change(func(c *credit.LineCommand) { c.Status = status(7) }), "bad_status"},
		{"status: close with debts", change(func(c *credit.LineCommand) { c.Status = status(credit.Closed) }), "not_settled"},
		{"due days: not offered", change(func(c *credit.LineCommand) { c.DueDays = &credit.DueDayOption{StatementDay: 3, DueDay: 13} }), "due_days_not_offered"},
		{"due days: twice in a year", change(func(c *credit.LineCommand) { c.DueDays = &credit.DueDayOption{StatementDay: 1, DueDay: 10} }), "due_days_changed_this_year"},
		{"convert: no such plan", change(func(c *credit.LineCommand) { c.Convert, c.Plan = cny(10000), "24-month" }), "plan_not_offered"},
		{"convert: nothing billed yet", change(func(c *credit.LineCommand) { c.Convert, c.Plan = cny(10000), "3-month" }), "rejected"},
		{"change: nothing to change", change(func(c *credit.LineCommand) {}), "nothing_to_change"},
		{"change: two changes at once", change(func(c *credit.LineCommand) { c.Limit, c.Status = cny(200000), status(credit.Frozen) }), "several_changes"},
		{"change: dated before the line opened", change(func(c *credit.LineCommand) { c.Limit, c.At = cny(200000), before }), "before_opening"},

		// Commands as JSON.
		{"JSON: amount with too many decimals", decode(&credit.Authorize{}, `{"key":"k","line":"L","purchase":"x","amount":{"amount":"10.001","currency":"CNY"}}`), "bad_json"},
		{"JSON: unknown currency", decode(&credit.Payment{}, `{"key":"k","line":"L","amount":{"amount":"10.00","currency":"XYZ"}}`), "bad_json"},
		{"JSON: unknown field", decode(&credit.Payment{}, `{"key":"k","line":"L","amount":{"amount":"10.00","currency":"CNY"},"amont":1}`), "bad_json"},
		{"JSON: not JSON", decode(&credit.Payment{}, `{"key":"k",`), "bad_json"},
		{"JSON: two commands", decode(&credit.Payment{}, `{"key":"k"} {"key":"j"}`), "bad_json"},
		{"JSON: a bad date", decode(&credit.LineCommand{}, `{"key":"k","line":"L","temp_limit":{"id":"t","amount":{"amount":"1.00","currency":"CNY"},"expires":"2015-02-30"}}`), "bad_json"},
		{"JSON: not a command", decode(&struct{}{}, `{}`), "bad_command_type"},

		// Products.
		{"product: not JSON", productJSON(`{"name":`), "json"},
		{"product: unknown field", productJSON(`{"name":"x","colour":"red"}`), "colour"},
		{"product: two products", productJSON(`{"name":"x"} {"name":"y"}`), "json"},
		{"product: amount with too many decimals", productJSON(`{"name":"x","currency":"CNY","max_limit":{"amount":"1.001","currency":"CNY"}}`), "max_limit"},
		{"product: no name", product(func(p *credit.Product) { p.Name = "" }), "name"},
		{"product: no currency", productJSON(`{"name":"x"}`), "currency"},
		{"product: unknown zone", product(func(p *credit.Product) { p.Zone = "Mars/Olympus" }), "zone"},
		{"product: calendar name with a NUL", b.productValue(func(p *credit.Product) { p.Calendar = "C\x00N" }), "calendar"},
		{"product: unknown uncovered choice", b.productValue(func(p *credit.Product) { p.Uncovered = 9 }), "uncovered"},
		{"product: one an engine is given names an unknown calendar", func() error {
			p := credit.Huabei()
			p.Calendar = "XX"
			_, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2015-01-05 10:00")), Products: []credit.Product{p}})
			return err
		}, "calendar"},
		{"product: min limit above max", product(func(p *credit.Product) { p.MinLimit = cny(6000000) }), "min_limit"},
		{"product: max limit in another currency", product(func(p *credit.Product) { p.MaxLimit = usd(100) }), "max_limit"},
		{"product: negative min limit", product(func(p *credit.Product) { p.MinLimit = cny(-1) }), "min_limit"},
		{"product: zero minimum purchase", product(func(p *credit.Product) { z := cny(0); p.Purchase.Min = &z }), "purchase.min"},
		{"product: negative category cap", product(func(p *credit.Product) { p.Purchase.CategoryMax = map[string]money.Amount{"game": cny(-1)} }), "purchase.category_max.game"},
		{"product: negative purchases a day", product(func(p *credit.Product) { p.Purchase.MaxPerDay = -1 }), "purchase.max_per_day"},
		{"product: no hold days", product(func(p *credit.Product) { p.HoldDays = 0 }), "hold_days"},
		{"product: a statement day of 31", product(func(p *credit.Product) { p.Billing.Cycle.StatementDay = 31 }), "billing"},
		{"product: a plan of no periods", product(func(p *credit.Product) { p.Installments[0].Periods = 0 }), "installments[0]"},
		{"product: a bill plan of no periods", product(func(p *credit.Product) { p.BillInstallments[1].Periods = 0 }), "bill_installments[1]"},
		{"product: merchant fee above 100%", product(func(p *credit.Product) { p.MerchantFeeRate = decimal.RequireFromString("1.5") }), "merchant_fee_rate"},
		{"product: a due day of 30", product(func(p *credit.Product) { p.DueDayOptions = []credit.DueDayOption{{StatementDay: 1, DueDay: 30}} }), "due_day_options[0]"},
	}
}
