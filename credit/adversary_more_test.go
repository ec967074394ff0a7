package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// The cases an adversarial review of the above found, kept as regression
// tests.

// corruptSnapshots serves the line's snapshot with one string replaced (or,
// when new is empty, the letter after old changed), a store that changes
// bytes it keeps, until it is made honest.
type corruptSnapshots struct {
	*credittest.MemStore
	old, new string
	honest   bool
}

func (s *corruptSnapshots) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	r, ok, err := s.MemStore.LoadSnapshot(ctx, line)
	if ok && !s.honest {
		r.Data = bytes.Clone(r.Data)
		if i := bytes.Index(r.Data, []byte(s.old)); s.new == "" && i >= 0 && i+len(s.old) < len(r.Data) {
			r.Data[i+len(s.old)] ^= 1 // one letter after old changed
		} else {
			r.Data = bytes.Replace(r.Data, []byte(s.old), []byte(s.new), 1)
		}
	}
	return r, ok, err
}

// TestSnapshotWithAByteWrong: a snapshot is sealed like a record. One
// digit wrong in a snapshot's limit let a RMB 5,000 authorization through
// on a RMB 1,000 line, and one letter wrong in its key index paid a retried
// payment twice; the misread then stayed in the cache and went into the
// next snapshot.
func TestSnapshotWithAByteWrong(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, old, new string }{
		{"the limit", `"limit":{"amount":"1000.00"`, `"limit":{"amount":"9000.00"`},
		{"a key", `"key_index":"`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			mem := credittest.NewMemStore()
			clock := credittest.NewClock(at("2015-01-05 10:00"))
			honest, err := credit.NewEngine(credit.Config{Store: mem, Clock: clock, Products: credit.Presets(), SnapshotEvery: 1})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := honest.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)}); err != nil {
				t.Fatal(err)
			}
			if _, err := honest.Pay(ctx, credit.Payment{Key: "pay-1", Line: "L", Amount: cny(100)}); err != nil {
				t.Fatal(err)
			}
			store := &corruptSnapshots{MemStore: mem, old: c.old, new: c.new}
			e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: 1})
			if err != nil {
				t.Fatal(err)
			}
			before := journalOf(t, mem, "L")
			_, err = e.Authorize(ctx, credit.Authorize{Key: "big", Line: "L", Purchase: "big", Amount: cny(500000), Merchant: tmall})
			if !errors.Is(err, credit.ErrCorruptJournal) {
				t.Errorf("an authorization on a snapshot with a byte wrong: %v, want ErrCorruptJournal", err)
			}
			_, err = e.Pay(ctx, credit.Payment{Key: "pay-1", Line: "L", Amount: cny(100)})
			if !errors.Is(err, credit.ErrCorruptJournal) {
				t.Errorf("a retried payment on a snapshot with a byte wrong: %v, want ErrCorruptJournal", err)
			}
			if journalOf(t, mem, "L") != before {
				t.Fatal("a command on a corrupt snapshot changed the journal")
			}
			store.honest = true
			if _, err := e.Pay(ctx, credit.Payment{Key: "pay-1", Line: "L", Amount: cny(100)}); err != nil {
				t.Fatal(err)
			}
			for _, eng := range []*credit.Engine{e, newEngine(t, mem, clock)} {
				l, err := eng.Line(ctx, "L")
				if err != nil || l.Limit != cny(100000) || l.Account.Credit != cny(100) {
					t.Errorf("after the store is honest: limit %v, credit %v (%v); want 1000.00 and 1.00", l.Limit, l.Account.Credit, err)
				}
			}
		})
	}
}

// TestHostRateKeptApart: the Engine keeps its own copy of an exchange rate
// the host passed by pointer; a host that reuses its variable used to
// change the purchase in the cache and in the next snapshot.
func TestHostRateKeptApart(t *testing.T) {
	ctx := context.Background()
	mem := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: mem, Clock: clock, Products: credit.Presets(), SnapshotEvery: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	rate, _ := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("7.1"))
	if _, err := e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "fx", Original: money.FromMinor(1000, money.USD), Rate: &rate, Merchant: tmall}); err != nil {
		t.Fatal(err)
	}
	rate, _ = money.NewExchangeRate(money.USD, money.CNY, decimal.NewFromInt(1)) // the host reuses its variable
	if _, err := e.Pay(ctx, credit.Payment{Key: "p", Line: "L", Amount: cny(1)}); err != nil {
		t.Fatal(err)
	}
	for _, eng := range []*credit.Engine{e, newEngine(t, mem, clock)} {
		l, err := eng.Line(ctx, "L")
		if err != nil || l.Purchases[0].Rate.String() != "USD/CNY 7.1" {
			t.Errorf("the purchase's rate: %v (%v), want USD/CNY 7.1", l.Purchases[0].Rate, err)
		}
	}
}

// TestRuleReasonInAnotherCurrency: a decline with an amount in a currency
// the journal cannot decode (a host's own, or another than the line's) is
// a *RuleError; it used to be recorded and then never replay.
func TestRuleReasonInAnotherCurrency(t *testing.T) {
	pts, err := money.NewCurrency("PTS", 999, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []money.Amount{money.FromMinor(500, pts), money.FromMinor(500, money.USD)} {
		rule := credit.RuleFunc(func(*credit.RuleInput) (credit.Reason, bool) {
			return credit.Reason{Code: "points_cap", Message: "over the points cap", Limit: limit}, true
		})
		store := credittest.NewMemStore()
		e, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(at("2015-01-05 10:00")), Products: credit.Presets(), Rules: []credit.Rule{rule}})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)}); err != nil {
			t.Fatal(err)
		}
		_, err = e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "p", Amount: cny(100), Merchant: tmall})
		if !errors.Is(err, credit.ErrRuleFailed) {
			t.Errorf("a reason in %v: %v, want a *RuleError", limit.Currency(), err)
		}
	}
}

// TestStrictDecoding: JSON from the network that two readers could read
// differently, or that decodes two IDs to one, is refused: escaped lone
// surrogates ("acct-\ud800" and "acct-\udfff" both decoded to
// "acct-\uFFFD"), keys given twice, keys in another case.
func TestStrictDecoding(t *testing.T) {
	for _, js := range []string{
		`{"key":"k1","line":"acct-\ud800","holder":"alice","product":"huabei","limit":{"amount":"1000.00","currency":"CNY"}}`,
		`{"key":"k1","line":"acct-\udfff","holder":"alice","product":"huabei","limit":{"amount":"1000.00","currency":"CNY"}}`,
		`{"key":"k1","line":"A","line":"B","holder":"alice","product":"huabei","limit":{"amount":"1000.00","currency":"CNY"}}`,
		`{"key":"k1","line":"A","LINE":"B","holder":"alice","product":"huabei","limit":{"amount":"1000.00","currency":"CNY"}}`,
		`{"key":"k1","Line":"A","holder":"alice","product":"huabei","limit":{"amount":"1000.00","currency":"CNY"}}`,
	} {
		cmd := credit.OpenLine{Key: "untouched"}
		err := credit.DecodeCommand([]byte(js), &cmd)
		wantCode(t, js, err, "bad_json")
		if cmd.Key != "untouched" {
			t.Errorf("%s: a refused decode changed the command to %+v", js, cmd)
		}
	}
	good := credit.OpenLine{}
	if err := credit.DecodeCommand([]byte(`{"key":"k1","line":"\u82b1\u5457-\ud83d\ude00","holder":"alice","product":"huabei","limit":{"amount":"1000.00","currency":"CNY"}}`), &good); err != nil || good.Line != "花呗-😀" {
		t.Errorf("a surrogate pair: %q, %v", good.Line, err)
	}
	data, _ := json.Marshal(credit.Huabei())
	for _, bad := range [][]byte{
		bytes.Replace(data, []byte(`"hold_days":15`), []byte(`"hold_days":15,"hold_days":90`), 1),
		bytes.Replace(data, []byte(`"hold_days"`), []byte(`"HOLD_DAYS"`), 1),
	} {
		if _, err := credit.LoadProduct(bad); !errors.Is(err, credit.ErrInvalidProduct) {
			t.Errorf("a product with a key twice or in another case: %v", err)
		}
	}
}

// TestProductsRefusedWhereTheyEnter: zones that name the machine's own
// (localtime bills on different days on two hosts), amounts in another
// currency than the product's (a flat fee in USD held a purchase for good;
// a floor or late fee in USD stopped every line at its first statement),
// and rates of millions of decimal places (Validate did not return).
func TestProductsRefusedWhereTheyEnter(t *testing.T) {
	usd := money.FromMinor(100, money.USD)
	for _, c := range []struct {
		field string
		mod   func(*credit.Product)
	}{
		{"zone", func(p *credit.Product) { p.Zone = "localtime" }},
		{"zone", func(p *credit.Product) { p.Zone = "posixrules" }},
		{"zone", func(p *credit.Product) { p.Zone = "right/Asia/Shanghai" }},
		{"zone", func(p *credit.Product) { p.Zone = "PRC" }},
		{"zone", func(p *credit.Product) { p.Zone = "Asia/../Asia/Shanghai" }},
		{"installments[0].flat_fee", func(p *credit.Product) {
			p.Installments[0].FeeModel, p.Installments[0].FeeRate, p.Installments[0].Flat = billing.FlatFee, decimal.Zero, &usd
		}},
		{"billing.minimum.floor", func(p *credit.Product) { p.Billing.Minimum.Floor = &usd }},
		{"billing.penalty.fees[0]", func(p *credit.Product) {
			p.Billing.Penalty = billing.PenaltyRule{Method: billing.LateFees, Fees: []billing.LateFee{{AfterDays: 1, Amount: usd}}}
		}},
		{"billing", func(p *credit.Product) {
			p.Billing.Penalty = billing.PenaltyRule{Method: billing.LateFees, Fees: []billing.LateFee{{AfterDays: 1, Amount: cny(700)}}, CapAmount: &usd}
		}},
		{"merchant_fee_rate", func(p *credit.Product) { p.MerchantFeeRate = decimal.New(1, -100000000) }},
		{"billing", func(p *credit.Product) { p.Billing.Interest.DailyRate = decimal.New(5, -100000000) }},
		{"installments[1]", func(p *credit.Product) { p.Installments[1].FeeRate = decimal.New(1, -100000000) }},
	} {
		p := credit.Huabei()
		c.mod(&p)
		done := make(chan error, 1)
		go func() { done <- p.Validate() }()
		select {
		case err := <-done:
			var pe *credit.ProductError
			if !errors.As(err, &pe) || pe.Field != c.field {
				t.Errorf("%s: %v, want a *ProductError on %s", c.field, err, c.field)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Validate did not return", c.field)
		}
	}
	for _, z := range []string{"UTC", "Asia/Shanghai", "America/New_York", "America/Argentina/Buenos_Aires", "Etc/GMT-8"} {
		p := credit.Huabei()
		p.Zone = z
		if err := p.Validate(); err != nil {
			t.Errorf("zone %s: %v", z, err)
		}
	}
}

// TestMoneyOwedCanLeave: a refund on a closed line leaves a credit balance
// the holder can be paid; it used to be stranded (payout: line_closed).
func TestMoneyOwedCanLeave(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b", "p1", cny(10000), tmall, "")
	h.deliver("d", "p1")
	ctx := h.ctx
	if _, err := h.e.Pay(ctx, credit.Payment{Key: "pay", Line: "L", Amount: cny(10000)}); err != nil {
		t.Fatal(err)
	}
	closed := credit.Closed
	if _, err := h.e.ChangeLine(ctx, credit.LineCommand{Key: "close", Line: "L", Status: &closed}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.e.Refund(ctx, credit.PurchaseCommand{Key: "ref", Line: "L", Purchase: "p1", Amount: cny(10000)}); err != nil {
		t.Fatal(err)
	}
	b, err := h.e.Payout(ctx, credit.Payment{Key: "out", Line: "L", Amount: cny(10000)})
	if err != nil || !b.Credit.IsZero() {
		t.Errorf("paying out a closed line's credit: %+v, %v", b, err)
	}
}

// TestMoneyInWhenTheLineCannotMove: a line whose billing rules fail on the
// command's day (a CN calendar that does not cover it) still takes a
// payment: it posts on the line's current day. It used to refuse every
// command, payments included.
func TestMoneyInWhenTheLineCannotMove(t *testing.T) {
	p := credit.Huabei()
	p.Name, p.Calendar = "huabei-cn", "CN"
	p.Billing.Cycle.Due.Roll = calendar.Following
	ctx := context.Background()
	clock := credittest.NewClock(at("2026-11-20 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: []credit.Product{p}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: p.Name, Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	if d, err := e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "p", Amount: cny(10000), Merchant: tmall}); err != nil || !d.Approved {
		t.Fatal(d, err)
	}
	if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: "L", Purchase: "p", Amount: cny(10000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: "L", Purchase: "p"}); err != nil {
		t.Fatal(err)
	}
	// The next statement (1 January 2027) is due on a day the built-in
	// calendar does not cover: the line cannot be brought past 31 December.
	clock.Set(at("2027-01-05 10:00"))
	if _, err := e.Advance(ctx, "L", day(t, "2027-01-05")); err == nil {
		t.Skip("the calendar covers January 2027: nothing to test")
	}
	b, err := e.Pay(ctx, credit.Payment{Key: "pay", Line: "L", Amount: cny(10000)})
	if err != nil || b.Unbilled.Units()+b.Billed.Units() != 0 {
		t.Fatalf("a payment on a line that cannot move: %+v, %v", b, err)
	}
	if l, err := e.Line(ctx, "L"); err != nil || l.Today.After(day(t, "2026-12-31")) {
		t.Errorf("the line is at %v (%v); it posts where it is", l.Today, err)
	}
}

// TestConfigNils: a typed nil Store, Clock or Rule is a *ConfigError; each
// used to pass NewEngine and panic at the first command.
func TestConfigNils(t *testing.T) {
	var clock *credittest.Clock
	var store *credittest.MemStore
	var fn credit.RuleFunc
	for name, cfg := range map[string]credit.Config{
		"Clock":    {Store: credittest.NewMemStore(), Clock: clock},
		"Store":    {Store: store, Clock: credittest.NewClock(at("2015-01-05 10:00"))},
		"Rules[0]": {Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2015-01-05 10:00")), Rules: []credit.Rule{fn}},
		"Retries":  {Store: credittest.NewMemStore(), Clock: credittest.NewClock(at("2015-01-05 10:00")), Retries: -1},
	} {
		var ce *credit.ConfigError
		if _, err := credit.NewEngine(cfg); !errors.As(err, &ce) || ce.Field != name {
			t.Errorf("%s: %v, want a *ConfigError on %s", name, err, name)
		}
	}
	d, _ := calendar.NewDate(2015, 3, 5)
	if _, err := credit.Report(d, func(yield func(*credit.Line) bool) { yield(nil) }, credit.ReportOptions{}); err == nil || !strings.Contains(err.Error(), "nil line") {
		t.Errorf("Report of a nil line: %v", err)
	}
}

// TestAdvanceToADayReached: advancing to a day the line has reached
// changes nothing, whatever the clock says (a clock stepped back used to
// make it future_dated).
func TestAdvanceToADayReached(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	if _, err := h.e.Advance(h.ctx, "L", day(t, "2015-01-05")); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at("2015-01-03 10:00")) // stepped back
	if l, err := h.e.Advance(h.ctx, "L", day(t, "2015-01-05")); err != nil || l.Version != 1 {
		t.Errorf("advancing to a day reached, the clock behind: %v, %v", l, err)
	}
}
