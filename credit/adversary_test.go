package credit_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// The regression tests of the classes an adversarial suite found, one
// worked case each; the simulation, TestBadInput and the fuzz targets
// cover the classes at large.

// journalOf returns line id's records, as a string that changes whenever
// anything is appended.
func journalOf(t *testing.T, store credit.Store, id string) string {
	t.Helper()
	recs, err := store.Load(context.Background(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range recs {
		b.Write(r.Data)
		b.WriteByte('\n')
	}
	return b.String()
}

// wantCode checks that err is a *CommandError with code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	var ce *credit.CommandError
	if !errors.As(err, &ce) || !errors.Is(err, credit.ErrInvalidCommand) || ce.Code != code {
		t.Errorf("%s: %v, want a *CommandError with code %s", what, err, code)
	}
}

// TestKeyBindsTheOperation: a key is bound to the operation it was first
// used for, not only to its fields. Capture then Refund with one
// PurchaseCommand, Pay then Payout with one Payment and ConfirmDelivery
// then Void used to replay the first and report success, refunding,
// paying out or voiding nothing.
func TestKeyBindsTheOperation(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	ctx := h.ctx
	if d, err := h.e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "p", Amount: cny(100000), Merchant: tmall}); err != nil || !d.Approved {
		t.Fatal(d, err)
	}
	capture := credit.PurchaseCommand{Key: "k-capture", Line: "L", Purchase: "p", Amount: cny(60000)}
	if _, err := h.e.Capture(ctx, capture); err != nil {
		t.Fatal(err)
	}
	deliver := credit.PurchaseCommand{Key: "k-deliver", Line: "L", Purchase: "p"}
	if _, err := h.e.ConfirmDelivery(ctx, deliver); err != nil {
		t.Fatal(err)
	}
	pay := credit.Payment{Key: "k-pay", Line: "L", Amount: cny(70000)} // 100.00 more than owed: a credit balance
	if _, err := h.e.Pay(ctx, pay); err != nil {
		t.Fatal(err)
	}
	before := journalOf(t, h.store, "L")
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"refund under the capture's key", func() error { _, err := h.e.Refund(ctx, capture); return err }},
		{"void under the delivery's key", func() error { _, err := h.e.Void(ctx, deliver); return err }},
		{"payout under the payment's key", func() error { _, err := h.e.Payout(ctx, pay); return err }},
		{"a payment under the capture's key", func() error {
			_, err := h.e.Pay(ctx, credit.Payment{Key: capture.Key, Line: "L", Amount: cny(60000)})
			return err
		}},
	} {
		err := c.run()
		var ie *credit.IdempotencyError
		if !errors.As(err, &ie) || !errors.Is(err, credit.ErrIdempotencyMismatch) {
			t.Errorf("%s: %v, want an *IdempotencyError", c.name, err)
		}
	}
	if journalOf(t, h.store, "L") != before {
		t.Error("a refused key changed the journal")
	}
	// The same command with the same key still replays.
	if p, err := h.e.Capture(ctx, capture); err != nil || p.Captured != cny(60000) {
		t.Errorf("the capture sent again: %+v, %v", p, err)
	}
}

// TestKeysRequired: every command that changes a line needs a key; a
// missing one is missing_key and changes nothing. Without this, a keyless
// payment whose append landed while the store reported a conflict was
// applied twice by the Engine's own retry.
func TestKeysRequired(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	ctx := h.ctx
	before := journalOf(t, h.store, "L")
	temp := credit.TempLimit{ID: "t", Amount: cny(1000), Expires: day(t, "2015-02-01")}
	for name, run := range map[string]func() error{
		"open": func() error {
			_, err := h.e.OpenLine(ctx, credit.OpenLine{Line: "M", Holder: "h", Product: "huabei", Limit: cny(100000)})
			return err
		},
		"authorize": func() error {
			_, err := h.e.Authorize(ctx, credit.Authorize{Line: "L", Purchase: "p", Amount: cny(100), Merchant: tmall})
			return err
		},
		"capture": func() error {
			_, err := h.e.Capture(ctx, credit.PurchaseCommand{Line: "L", Purchase: "p", Amount: cny(100)})
			return err
		},
		"deliver": func() error {
			_, err := h.e.ConfirmDelivery(ctx, credit.PurchaseCommand{Line: "L", Purchase: "p"})
			return err
		},
		"void": func() error { _, err := h.e.Void(ctx, credit.PurchaseCommand{Line: "L", Purchase: "p"}); return err },
		"refund": func() error {
			_, err := h.e.Refund(ctx, credit.PurchaseCommand{Line: "L", Purchase: "p", Amount: cny(100)})
			return err
		},
		"pay":    func() error { _, err := h.e.Pay(ctx, credit.Payment{Line: "L", Amount: cny(100)}); return err },
		"payout": func() error { _, err := h.e.Payout(ctx, credit.Payment{Line: "L", Amount: cny(100)}); return err },
		"change": func() error {
			_, err := h.e.ChangeLine(ctx, credit.LineCommand{Line: "L", TempLimit: &temp})
			return err
		},
	} {
		wantCode(t, name+" without a key", run(), "missing_key")
	}
	if journalOf(t, h.store, "L") != before {
		t.Error("a keyless command changed the journal")
	}

	// A retry that stamps At anew gets the first result, dated as first.
	first := credit.Payment{Key: "pay-1", Line: "L", Amount: cny(500), At: at("2015-01-05 09:00")}
	b1, err := h.e.Pay(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at("2015-01-06 12:00"))
	retry := first
	retry.At = at("2015-01-06 11:59")
	b2, err := h.e.Pay(ctx, retry)
	if err != nil || b2 != b1 {
		t.Errorf("a retry stamped with a new At: %+v, %v; want the first result %+v", b2, err, b1)
	}
	if l := h.line(); l.Version != 2 || l.Account.Credit != cny(500) {
		t.Errorf("after the retry: version %d, credit %v; want 2 and 5.00 (paid once)", l.Version, l.Account.Credit)
	}

	// The Engine's own retry after an ambiguous commit (the append landed,
	// the store said conflict) replays by the key: paid once.
	amb := &ambiguousStore{Store: credittest.NewMemStore()}
	e := newEngine(t, amb, credittest.NewClock(at("2015-01-05 10:00")))
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)}); err != nil {
		t.Fatal(err)
	}
	amb.armed = true
	if _, err := e.Pay(ctx, credit.Payment{Key: "pay", Line: "L", Amount: cny(1000)}); err != nil {
		t.Fatal(err)
	}
	if l, err := e.Line(ctx, "L"); err != nil || l.Account.Credit != cny(1000) || l.Version != 2 {
		t.Errorf("after an ambiguous commit: %v, %v; want paid once (credit 10.00, version 2)", l, err)
	}
}

// ambiguousStore reports a conflict for an append that landed, once armed.
type ambiguousStore struct {
	credit.Store
	armed bool
}

func (s *ambiguousStore) Append(ctx context.Context, line string, version int64, recs []credit.Record) error {
	err := s.Store.Append(ctx, line, version, recs)
	if s.armed && err == nil {
		s.armed = false
		return credit.ErrConflict
	}
	return err
}

// TestReplayReturnsTheFirstResult: OpenLine and ChangeLine replayed
// return the line as the command left it, not as it is now.
func TestReplayReturnsTheFirstResult(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	ctx := h.ctx
	open := credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}
	opened, err := h.e.OpenLine(ctx, open)
	if err != nil {
		t.Fatal(err)
	}
	raise := credit.LineCommand{Key: "raise", Line: "L", Limit: cny(2000000)}
	raised, err := h.e.ChangeLine(ctx, raise)
	if err != nil {
		t.Fatal(err)
	}
	h.buy("b", "p", cny(50000), tmall, "")
	if _, err := h.e.ChangeLine(ctx, credit.LineCommand{Key: "lower", Line: "L", Limit: cny(800000)}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		replay func() (*credit.Line, error)
		want   *credit.Line
	}{
		"open":  {func() (*credit.Line, error) { return h.e.OpenLine(ctx, open) }, opened},
		"raise": {func() (*credit.Line, error) { return h.e.ChangeLine(ctx, raise) }, raised},
	} {
		got, err := c.replay()
		if err != nil {
			t.Fatalf("%s replayed: %v", name, err)
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(c.want)
		if string(a) != string(b) {
			t.Errorf("%s replayed returns\n%s\nwant the first result\n%s", name, a, b)
		}
	}
	if got := h.line(); got.Limit != cny(800000) || got.Version != 5 {
		t.Errorf("the line now: limit %v, version %d", got.Limit, got.Version)
	}
}

// TestTimeIsBounded: nothing moves a line past the clock's day plus
// MaxAhead. A command dated a century ahead used to bill 1,200 statements
// of penalties; one dated 9999-12-30 grew a line to 24 GB.
func TestTimeIsBounded(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b", "p", cny(50000), tmall, "")
	h.deliver("d", "p")
	ctx := h.ctx
	before := journalOf(t, h.store, "L")
	far := time.Date(9999, 12, 30, 12, 0, 0, 0, time.UTC)
	var decoded credit.Payment
	if err := credit.DecodeCommand([]byte(`{"key":"net","line":"L","amount":{"amount":"1.00","currency":"CNY"},"at":"2115-01-05T10:00:00+08:00"}`), &decoded); err != nil {
		t.Fatal(err)
	}
	for name, run := range map[string]func() error{
		"a payment a century ahead": func() error {
			_, err := h.e.Pay(ctx, credit.Payment{Key: "k1", Line: "L", Amount: cny(100), At: at("2115-01-05 10:00")})
			return err
		},
		"a payment decoded from the network, a century ahead": func() error { _, err := h.e.Pay(ctx, decoded); return err },
		"a refund on 9999-12-30": func() error {
			_, err := h.e.Refund(ctx, credit.PurchaseCommand{Key: "k2", Line: "L", Purchase: "p", Amount: cny(100), At: far})
			return err
		},
		"six minutes ahead": func() error {
			_, err := h.e.Pay(ctx, credit.Payment{Key: "k3", Line: "L", Amount: cny(100), At: at("2015-01-05 10:06")})
			return err
		},
		"a quote a century ahead": func() error {
			_, err := h.e.Quote(ctx, credit.Authorize{Line: "L", Purchase: "q", Amount: cny(100), Merchant: tmall, At: at("2115-01-05 10:00")})
			return err
		},
		"advance a century":   func() error { _, err := h.e.Advance(ctx, "L", day(t, "2115-01-05")); return err },
		"advance to tomorrow": func() error { _, err := h.e.Advance(ctx, "L", day(t, "2015-01-06")); return err },
	} {
		wantCode(t, name, run(), "future_dated")
	}
	if journalOf(t, h.store, "L") != before {
		t.Fatal("a future-dated command changed the journal")
	}
	// Within the tolerance it goes through.
	if _, err := h.e.Pay(ctx, credit.Payment{Key: "k4", Line: "L", Amount: cny(100), At: at("2015-01-05 10:04")}); err != nil {
		t.Errorf("a payment four minutes ahead: %v", err)
	}
	// A clock in the far future is not trusted.
	h.clock.Set(far)
	_, err := h.e.Pay(ctx, credit.Payment{Key: "k5", Line: "L", Amount: cny(100)})
	var ce *credit.ClockError
	if !errors.As(err, &ce) || !errors.Is(err, credit.ErrClock) {
		t.Errorf("a command on a clock at 9999: %v, want a *ClockError", err)
	}
	if _, err := credit.NewEngine(credit.Config{Store: h.store, Clock: h.clock, MaxAhead: 25 * time.Hour}); !errors.Is(err, credit.ErrInvalidConfig) {
		t.Errorf("MaxAhead of 25h: %v, want ErrInvalidConfig", err)
	}
}

// TestIDsAreCleanText: IDs and keys that are not clean UTF-8 are refused.
// Invalid bytes used to be rewritten to U+FFFD in the journal, so that two
// lines collapsed into one after a restart and keys stopped matching.
func TestIDsAreCleanText(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	ctx := h.ctx
	for _, id := range []string{"L\xff", "L\xfe", "L\x00", "L\n", "L\u0085", strings.Repeat("L", credit.MaxIDBytes+1)} {
		_, err := h.e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: "huabei", Limit: cny(100000)})
		wantCode(t, "open "+id, err, "bad_id")
		_, err = h.e.Line(ctx, id)
		wantCode(t, "read "+id, err, "bad_id")
	}
	// Any clean text, up to the limit, is an ID: Chinese included.
	for _, id := range []string{"花呗-用户-1", strings.Repeat("L", credit.MaxIDBytes)} {
		if _, err := h.e.OpenLine(ctx, credit.OpenLine{Key: "开户", Line: id, Holder: "王", Product: "huabei", Limit: cny(100000)}); err != nil {
			t.Errorf("open %q: %v", id, err)
		}
	}
	if _, err := h.e.Pay(ctx, credit.Payment{Key: "k\xff", Line: "花呗-用户-1", Amount: cny(100)}); err == nil {
		t.Error("a key of invalid UTF-8 was taken")
	}
	if len(h.store.Lines()) != 2 {
		t.Errorf("lines in the store: %q", h.store.Lines())
	}
}

// TestHostInputValidatedOnEntry: what a host passes is checked where it
// enters. A merchant fee rate of -1 paid the merchant 200%; "abc" was
// approved at checkout and then failed every capture, holding credit
// forever.
func TestHostInputValidatedOnEntry(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	ctx := h.ctx
	before := journalOf(t, h.store, "L")
	for _, rate := range []string{"-1", "2", "abc", "1.0001", "0x1", "NaN"} {
		m := tmall
		m.FeeRate = rate
		_, err := h.e.Authorize(ctx, credit.Authorize{Key: "a-" + rate, Line: "L", Purchase: "p", Amount: cny(10000), Merchant: m})
		wantCode(t, "fee rate "+rate, err, "bad_fee_rate")
	}
	noShop := tmall
	noShop.ID = ""
	_, err := h.e.Authorize(ctx, credit.Authorize{Key: "a-noshop", Line: "L", Purchase: "p", Amount: cny(10000), Merchant: noShop})
	wantCode(t, "no merchant ID", err, "missing_id")
	huge := credit.TempLimit{ID: "t", Amount: cny(1_000_000_000_000), Expires: day(t, "2015-02-01")}
	_, err = h.e.ChangeLine(ctx, credit.LineCommand{Key: "temp", Line: "L", TempLimit: &huge})
	wantCode(t, "a temporary limit of RMB 10^10", err, "above_max_temp_limit")
	forever := credit.TempLimit{ID: "t", Amount: cny(1000), Expires: day(t, "2099-01-01")}
	_, err = h.e.ChangeLine(ctx, credit.LineCommand{Key: "temp2", Line: "L", TempLimit: &forever})
	wantCode(t, "a temporary limit for 84 years", err, "bad_temp_limit")
	if journalOf(t, h.store, "L") != before {
		t.Error("refused host input changed the journal")
	}

	for name, p := range map[string]func(*credit.Product){
		"zone": func(p *credit.Product) { p.Zone = "Local" },
		"billing.cycle.due.roll": func(p *credit.Product) {
			p.Calendar = ""
			p.Billing.Cycle.Due.Roll = calendar.Following
		},
		"installments[0].due.roll": func(p *credit.Product) {
			p.Installments[0].Due.Roll = calendar.ModifiedFollowing
		},
		"installments[1].name": func(p *credit.Product) { p.Installments[1].Name = p.Installments[0].Name },
	} {
		prod := credit.Huabei()
		if name == "installments[0].due.roll" {
			prod.Calendar = ""
		}
		p(&prod)
		var pe *credit.ProductError
		if err := prod.Validate(); !errors.As(err, &pe) || pe.Field != name {
			t.Errorf("product with a bad %s: %v", name, err)
		}
	}
}

// TestSumsNeverWrap: a MaxInt64 payment used to make available credit
// negative, and a statement of −91,565,025,895,875,786.93 reconciled. Now
// an amount above MaxAmountUnits is bad_amount, and a payment that would
// take the credit balance past MaxBalanceUnits is refused with code
// overflow, changing nothing; below it, no sum can leave int64.
func TestSumsNeverWrap(t *testing.T) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e := newEngine(t, store, clock)
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []int64{math.MaxInt64, credit.MaxAmountUnits + 1} {
		_, err := e.Pay(ctx, credit.Payment{Key: "huge", Line: "L", Amount: cny(a)})
		wantCode(t, "a payment of "+cny(a).String(), err, "bad_amount")
	}
	// 100 payments of the most one command may carry reach the most a
	// line keeps (10^17 fen, and available credit RMB 10,000 more); a
	// 101st would pass it.
	const n = credit.MaxBalanceUnits / credit.MaxAmountUnits
	for i := range int64(n) {
		if _, err := e.Pay(ctx, credit.Payment{Key: "p" + itoa(i), Line: "L", Amount: cny(credit.MaxAmountUnits)}); err != nil {
			t.Fatalf("payment %d: %v", i, err)
		}
	}
	before := journalOf(t, store, "L")
	_, err := e.Pay(ctx, credit.Payment{Key: "one-too-many", Line: "L", Amount: cny(credit.MaxAmountUnits)})
	wantCode(t, "the payment past the most a line keeps", err, "overflow")
	if journalOf(t, store, "L") != before {
		t.Error("the refused payment changed the journal")
	}
	l, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	b := balances(t, l)
	if want := int64(n) * credit.MaxAmountUnits; b.Credit.Units() != want || b.Available.Units() != want+1000000 || b.Available.IsNegative() {
		t.Errorf("credit %v, available %v; want %d and %d", b.Credit, b.Available, want, want+1000000)
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// TestNoPlanByDefault: the zero value of Authorize.Plan is no plan. It was
// an index, so forgetting Plan: -1 (or leaving plan out of JSON) put the
// shopper on the first paid plan.
func TestNoPlanByDefault(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	var cmd credit.Authorize
	if err := credit.DecodeCommand([]byte(`{"key":"a","line":"L","purchase":"p","amount":{"amount":"300.00","currency":"CNY"},"merchant":{"id":"tmall-shop-1","enrolled":true,"category":"apparel"}}`), &cmd); err != nil {
		t.Fatal(err)
	}
	if d, err := h.e.Authorize(h.ctx, cmd); err != nil || !d.Approved {
		t.Fatal(d, err)
	}
	if _, err := h.e.Capture(h.ctx, credit.PurchaseCommand{Key: "c", Line: "L", Purchase: "p", Amount: cny(30000)}); err != nil {
		t.Fatal(err)
	}
	h.deliver("d", "p")
	l := h.line()
	if pu := l.Purchases[0]; pu.Plan != "" || pu.Schedule != nil {
		t.Errorf("plan %q, schedule %v: want none", pu.Plan, pu.Schedule)
	}
	if o := owed(t, l); o != cny(30000) {
		t.Errorf("owed %v, want 300.00 and no fee", o)
	}
}

// TestHostCodeCannotReachTheEngine: a rule that zeroes a hold in what it
// is given, or a host that sorts the statements it was handed, used to
// change the Engine's cached line: a rule let RMB 2,700 through on a RMB
// 1,000 line.
func TestHostCodeCannotReachTheEngine(t *testing.T) {
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	meddler := credit.RuleFunc(func(in *credit.RuleInput) (credit.Reason, bool) {
		l := in.Line()
		for i := range l.Holds {
			l.Holds[i].Amount = money.Amount{}
		}
		for _, pu := range l.Purchases {
			pu.Pending = money.Amount{}
		}
		p := in.Product()
		p.MaxLimit = cny(1)
		in.Request.Amount = cny(1)
		return credit.Reason{}, false
	})
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), Rules: []credit.Rule{meddler}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)}); err != nil {
		t.Fatal(err)
	}
	var approved int64
	for i, a := range []int64{90000, 90000, 90000} {
		d, err := e.Authorize(ctx, credit.Authorize{Key: "a" + itoa(int64(i)), Line: "L", Purchase: "p" + itoa(int64(i)), Amount: cny(a), Merchant: tmall})
		if err != nil {
			t.Fatal(err)
		}
		if d.Approved {
			approved += a
		}
		d.Reasons = append(d.Reasons[:0], credit.Reason{Code: "host"}) // the host keeps and changes it
	}
	if approved != 90000 {
		t.Errorf("approved %d on a line of 1,000.00", approved)
	}
	l, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	l.Holds[0].Amount = money.Amount{}
	l.Purchases[0].Authorized = cny(1)
	again, _ := e.Line(ctx, "L")
	if again.Holds[0].Amount != cny(90000) || again.Purchases[0].Authorized != cny(90000) {
		t.Errorf("changing what Line returned changed the engine's line: %+v", again.Holds)
	}

	// Sorting the statements a host was handed leaves the engine's alone.
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b", "p", cny(10000), tmall, "")
	h.deliver("d", "p")
	for _, m := range []string{"2015-02-01", "2015-03-01", "2015-04-01"} {
		h.clock.Set(at(m + " 00:00"))
		if _, err := h.e.Advance(h.ctx, "L", day(t, m)); err != nil {
			t.Fatal(err)
		}
	}
	shown := h.line()
	slices.SortFunc(shown.Statements, func(a, b billing.Statement) int { return b.Date.Compare(a.Date) })
	if now := h.line(); now.Statements[0].Date != day(t, "2015-02-01") {
		t.Errorf("sorting the statements handed out reordered the engine's: first is %v", now.Statements[0].Date)
	}
}

// TestPanickingRule: a host rule that panics is a *RuleError; the command
// changes nothing, and Decide reports the same.
func TestPanickingRule(t *testing.T) {
	store := credittest.NewMemStore()
	boom := credit.RuleFunc(func(*credit.RuleInput) (credit.Reason, bool) { panic("index out of range in the host's rule") })
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(at("2015-01-05 10:00")), Products: credit.Presets(), Rules: []credit.Rule{boom}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "o", Line: "L", Holder: "h", Product: "huabei", Limit: cny(100000)}); err != nil {
		t.Fatal(err)
	}
	before := journalOf(t, store, "L")
	_, err = e.Authorize(ctx, credit.Authorize{Key: "a", Line: "L", Purchase: "p", Amount: cny(1000), Merchant: tmall})
	var re *credit.RuleError
	if !errors.As(err, &re) || !errors.Is(err, credit.ErrRuleFailed) || re.Rule != 0 || re.Panic == nil {
		t.Errorf("a panicking rule: %v, want a *RuleError", err)
	}
	if journalOf(t, store, "L") != before {
		t.Error("the failed authorization changed the journal")
	}
	l, _ := e.Line(ctx, "L")
	p := credit.Huabei()
	if _, err := credit.Decide(l, &p, &credit.AuthRequest{Purchase: "p", Amount: cny(1000), Merchant: tmall}, []credit.Rule{nil, boom}); !errors.Is(err, credit.ErrRuleFailed) {
		t.Errorf("Decide with a nil rule: %v", err)
	}
	if _, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(at("2015-01-05 10:00")), Rules: []credit.Rule{nil}}); !errors.Is(err, credit.ErrInvalidConfig) {
		t.Errorf("NewEngine with a nil rule: %v", err)
	}
}
