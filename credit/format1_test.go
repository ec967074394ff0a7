package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// testdata/format1 is a journal written in fact format 1, the library's
// first: a Huabei line with a fact of every kind, the snapshot the Engine
// took of it, the commands that made it with what each returned, the line
// they left and the events the Engine handed out. Later formats must go
// on reading it: the same line, the same events, and every key replaying
// its first result.

const format1Dir = "testdata/format1"

// goldenStep is one command of the format-1 story: its operation, the
// command as JSON, and what it returned (a result or an error's text).
type goldenStep struct {
	Op      string          `json:"op"`
	Cmd     json.RawMessage `json:"cmd"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   string          `json:"error,omitempty"`
	Version int64           `json:"version"` // the line's version after it
}

// advanceCmd is how the story writes an Advance.
type advanceCmd struct {
	Line string        `json:"line"`
	To   calendar.Date `json:"to"`
	At   time.Time     `json:"at"`
}

// runStep runs one step of the story on e, setting clock to the command's
// time first, and returns its result as JSON.
func runStep(ctx context.Context, e *credit.Engine, clock *credittest.Clock, op string, cmd json.RawMessage) (json.RawMessage, error) {
	var when struct {
		At time.Time `json:"at"`
	}
	if err := json.Unmarshal(cmd, &when); err != nil {
		return nil, err
	}
	if !when.At.IsZero() {
		clock.Set(when.At)
	}
	var res any
	var err error
	switch op {
	case "open":
		var c credit.OpenLine
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			res, err = e.OpenLine(ctx, c)
		}
	case "authorize":
		var c credit.Authorize
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			res, err = e.Authorize(ctx, c)
		}
	case "capture", "deliver", "void", "refund", "request_refund", "close_refund_request":
		var c credit.PurchaseCommand
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			res, err = map[string]func(context.Context, credit.PurchaseCommand) (credit.Purchase, error){
				"capture": e.Capture, "deliver": e.ConfirmDelivery, "void": e.Void, "refund": e.Refund,
				"request_refund": e.RequestRefund, "close_refund_request": e.CloseRefundRequest,
			}[op](ctx, c)
		}
	case "pay", "payout":
		var c credit.Payment
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			if op == "pay" {
				res, err = e.Pay(ctx, c)
			} else {
				res, err = e.Payout(ctx, c)
			}
		}
	case "change_line":
		var c credit.LineCommand
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			res, err = e.ChangeLine(ctx, c)
		}
	case "pay_off":
		var c credit.Payoff
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			res, err = e.PayOff(ctx, c)
		}
	case "reverse_payment":
		var c credit.Reversal
		if err = credit.DecodeCommand(cmd, &c); err == nil {
			res, err = e.ReversePayment(ctx, c)
		}
	case "advance":
		var c advanceCmd
		if err = json.Unmarshal(cmd, &c); err == nil {
			res, err = e.Advance(ctx, c.Line, c.To)
		}
	default:
		return nil, errors.New("no operation " + strconv.Quote(op))
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(res)
}

var writeFormat1 = flag.Bool("format1.write", false, "write testdata/format1 (only the format-1 code may: see format1_test.go)")

// TestWriteFormat1 writes testdata/format1 with -format1.write. It was run
// once, by the last version of the library that wrote fact format 1.
func TestWriteFormat1(t *testing.T) {
	if !*writeFormat1 {
		t.Skip("run with -format1.write to write testdata/format1")
	}
	ctx := context.Background()
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: 8})
	if err != nil {
		t.Fatal(err)
	}
	usdcny, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("7.1234"))
	if err != nil {
		t.Fatal(err)
	}
	shop := credit.Merchant{ID: "shop \"9\" <&>", Enrolled: true, Category: "digital", FeeRate: "0.006", FundsInstallmentFees: true}
	frozen, active := credit.Frozen, credit.Active
	type step struct {
		op  string
		cmd any
	}
	steps := []step{
		{"open", credit.OpenLine{Key: "open", Line: "L", Holder: "holder-1", Product: "huabei", Limit: cny(1000000), At: at("2015-01-03 10:00")}},
		{"authorize", credit.Authorize{Key: "a1", Line: "L", Purchase: "p1", Amount: cny(25900), Merchant: tmall, At: at("2015-01-03 10:05")}},
		{"capture", credit.PurchaseCommand{Key: "c1", Line: "L", Purchase: "p1", Amount: cny(25900), At: at("2015-01-03 10:06")}},
		{"authorize", credit.Authorize{Key: "a2", Line: "L", Purchase: "p2", Amount: cny(120000), Merchant: shop, Plan: "6-month", At: at("2015-01-04 11:00")}},
		{"capture", credit.PurchaseCommand{Key: "c2", Line: "L", Purchase: "p2", Amount: cny(120000), At: at("2015-01-04 11:01")}},
		{"deliver", credit.PurchaseCommand{Key: "d1", Line: "L", Purchase: "p1", At: at("2015-01-05 09:00")}},
		{"deliver", credit.PurchaseCommand{Key: "d2", Line: "L", Purchase: "p2", At: at("2015-01-05 09:01")}},
		{"authorize", credit.Authorize{Key: "a3", Line: "L", Purchase: "p3", Amount: cny(99900000), Merchant: tmall, At: at("2015-01-05 09:02")}},
		{"authorize", credit.Authorize{Key: "a4", Line: "L", Purchase: "p4", Original: money.FromMinor(1999, money.USD), Rate: &usdcny, Merchant: shop, At: at("2015-01-06 12:00")}},
		{"void", credit.PurchaseCommand{Key: "v4", Line: "L", Purchase: "p4", At: at("2015-01-06 12:30")}},
		{"authorize", credit.Authorize{Key: "a5", Line: "L", Purchase: "p5", Amount: cny(30000), Merchant: tmall, At: at("2015-01-07 10:00")}},
		{"capture", credit.PurchaseCommand{Key: "c5", Line: "L", Purchase: "p5", Amount: cny(30000), At: at("2015-01-07 10:01")}},
		{"deliver", credit.PurchaseCommand{Key: "d5", Line: "L", Purchase: "p5", At: at("2015-01-08 10:00")}},
		{"request_refund", credit.PurchaseCommand{Key: "rr5", Line: "L", Purchase: "p5", At: at("2015-01-09 10:00")}},
		{"close_refund_request", credit.PurchaseCommand{Key: "crr5", Line: "L", Purchase: "p5", At: at("2015-01-10 10:00")}},
		{"refund", credit.PurchaseCommand{Key: "r5", Line: "L", Purchase: "p5", Amount: cny(10000), At: at("2015-01-11 10:00")}},
		{"change_line", credit.LineCommand{Key: "tl", Line: "L", TempLimit: &credit.TempLimit{ID: "spring", Amount: cny(200000), Expires: day(t, "2015-03-01")}, At: at("2015-01-12 10:00")}},
		{"change_line", credit.LineCommand{Key: "lim", Line: "L", Limit: cny(1200000), At: at("2015-01-12 10:01")}},
		{"change_line", credit.LineCommand{Key: "dd", Line: "L", DueDays: &credit.DueDayOption{StatementDay: 1, DueDay: 9}, At: at("2015-01-12 10:02")}},
		{"change_line", credit.LineCommand{Key: "frz", Line: "L", Status: &frozen, At: at("2015-01-13 10:00")}},
		{"change_line", credit.LineCommand{Key: "act", Line: "L", Status: &active, At: at("2015-01-13 10:01")}},
		{"advance", advanceCmd{Line: "L", To: day(t, "2015-02-02"), At: at("2015-02-02 00:00")}},
		{"pay", credit.Payment{Key: "pay1", Line: "L", Amount: cny(10000), At: at("2015-02-05 10:00")}},
		{"pay", credit.Payment{Key: "pay2", Line: "L", Amount: cny(5000), ValueDate: day(t, "2015-02-06"), At: at("2015-02-08 10:00")}},
		{"change_line", credit.LineCommand{Key: "conv", Line: "L", Convert: cny(20000), Plan: "3-month", At: at("2015-02-08 11:00")}},
		{"advance", advanceCmd{Line: "L", To: day(t, "2015-02-20"), At: at("2015-02-20 00:00")}},
		{"reverse_payment", credit.Reversal{Key: "rev1", Line: "L", Payment: "pay1", At: at("2015-02-20 10:00")}},
		{"pay_off", credit.Payoff{Key: "po", Line: "L", Purchase: "p2", Amount: cny(120000), At: at("2015-02-21 10:00")}},
		{"refund", credit.PurchaseCommand{Key: "r1", Line: "L", Purchase: "p1", Amount: cny(5900), ValueDate: day(t, "2015-02-19"), At: at("2015-02-22 10:00")}},
		{"advance", advanceCmd{Line: "L", To: day(t, "2015-03-02"), At: at("2015-03-02 00:00")}},
		{"pay", credit.Payment{Key: "pay3", Line: "L", Amount: cny(500000), At: at("2015-03-03 10:00")}},
		{"payout", credit.Payment{Key: "out", Line: "L", Amount: cny(1000), At: at("2015-03-03 11:00")}},
		{"authorize", credit.Authorize{Key: "a6", Line: "L", Purchase: "p6", Amount: cny(100), Merchant: tmall, At: at("2015-03-04 10:00")}},
	}
	var story []goldenStep
	for i, s := range steps {
		cmd, err := json.Marshal(s.cmd)
		if err != nil {
			t.Fatal(err)
		}
		res, err := runStep(ctx, e, clock, s.op, cmd)
		g := goldenStep{Op: s.op, Cmd: cmd, Result: res}
		if err != nil {
			g.Error = err.Error()
			t.Logf("step %d (%s): %v", i, s.op, err)
		}
		l, err := e.Line(ctx, "L")
		if err != nil {
			t.Fatal(err)
		}
		g.Version = l.Version
		story = append(story, g)
	}
	recs, err := store.Load(ctx, "L", 0)
	if err != nil {
		t.Fatal(err)
	}
	var journal bytes.Buffer
	kinds := map[string]int{}
	for _, r := range recs {
		journal.Write(r.Data)
		journal.WriteByte('\n')
		var f credit.Fact
		if err := json.Unmarshal(r.Data, &f); err != nil {
			t.Fatal(err)
		}
		kinds[f.Kind]++
	}
	t.Logf("%d records: %v", len(recs), kinds)
	snap, ok, err := store.LoadSnapshot(ctx, "L")
	if err != nil || !ok {
		t.Fatal("no snapshot", err)
	}
	line, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	evs, err := e.Events(ctx, "L", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(format1Dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lines := func(vs ...any) []byte { // JSON, one value a line
		var b bytes.Buffer
		for _, v := range vs {
			j, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(j)
			b.WriteByte('\n')
		}
		return b.Bytes()
	}
	if err := os.MkdirAll(format1Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write("journal.jsonl", journal.Bytes())
	write("snapshot.json", append(snap.Data, '\n'))
	write("snapshot-version.txt", []byte(strconv.FormatInt(snap.Version, 10)+"\n"))
	var stepsAny, evsAny []any
	for _, s := range story {
		stepsAny = append(stepsAny, s)
	}
	for _, ev := range evs {
		evsAny = append(evsAny, ev)
	}
	write("story.jsonl", lines(stepsAny...))
	write("line.json", lines(line))
	write("events.jsonl", lines(evsAny...))
}

// format1Book returns the format-1 story and a store holding its journal,
// and with snap its snapshot too.
func format1Book(t *testing.T, snap bool) ([]goldenStep, *credittest.MemStore) {
	t.Helper()
	ctx := context.Background()
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(format1Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	store := credittest.NewMemStore()
	var recs []credit.Record
	for i, data := range bytes.Split(bytes.TrimSuffix(read("journal.jsonl"), []byte("\n")), []byte("\n")) {
		recs = append(recs, credit.Record{Version: int64(i) + 1, Data: data})
	}
	if err := store.Append(ctx, "L", 0, recs); err != nil {
		t.Fatal(err)
	}
	if snap {
		v, err := strconv.ParseInt(string(bytes.TrimSpace(read("snapshot-version.txt"))), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.SaveSnapshot(ctx, "L", credit.Record{Version: v, Data: bytes.TrimSuffix(read("snapshot.json"), []byte("\n"))}); err != nil {
			t.Fatal(err)
		}
	}
	var story []goldenStep
	for _, line := range bytes.Split(bytes.TrimSuffix(read("story.jsonl"), []byte("\n")), []byte("\n")) {
		var s goldenStep
		if err := json.Unmarshal(line, &s); err != nil {
			t.Fatal(err)
		}
		story = append(story, s)
	}
	return story, store
}

// TestFormat1Journal: the format-1 journal, read from its start or from
// its snapshot, is the line it was, hands out the events it did, and
// every key in it replays its first result when its command is sent again
// and refuses any other command; a command after it appends and a cold
// Engine reads the mixed journal.
func TestFormat1Journal(t *testing.T) {
	for _, snap := range []bool{false, true} {
		t.Run("snapshot="+strconv.FormatBool(snap), func(t *testing.T) {
			ctx := context.Background()
			story, store := format1Book(t, snap)
			clock := credittest.NewClock(at("2015-03-04 10:00"))
			e := newEngine(t, store, clock)
			before := journalOf(t, store, "L")
			line, err := e.Line(ctx, "L")
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(line)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(format1Dir, "line.json"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(bytes.TrimSpace(want)) {
				t.Errorf("the line read from the format-1 journal:\n%s\nwant\n%s", got, want)
			}
			evs, err := e.Events(ctx, "L", 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			wantEvs, err := os.ReadFile(filepath.Join(format1Dir, "events.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			var gotEvs bytes.Buffer
			for _, ev := range evs {
				j, err := json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				gotEvs.Write(j)
				gotEvs.WriteByte('\n')
			}
			if gotEvs.String() != string(wantEvs) {
				t.Errorf("the events of the format-1 journal differ:\n%s\nwant\n%s", gotEvs.String(), wantEvs)
			}

			// Every keyed command sent again replays; under another
			// command, every key is refused.
			for i, s := range story {
				if s.Op == "advance" || s.Error != "" {
					continue
				}
				res, err := runStep(ctx, e, clock, s.Op, s.Cmd)
				if err != nil || string(res) != string(s.Result) {
					t.Errorf("step %d (%s) sent again: %s, %v\nwant %s", i, s.Op, res, err, s.Result)
				}
				var k struct {
					Key string `json:"key"`
				}
				if err := json.Unmarshal(s.Cmd, &k); err != nil {
					t.Fatal(err)
				}
				other := credit.Payment{Key: k.Key, Line: "L", Amount: cny(1), At: clock.Now()}
				if s.Op == "pay" {
					other.Amount = cny(2)
				}
				var ie *credit.IdempotencyError
				if _, err := e.Pay(ctx, other); !errors.As(err, &ie) {
					t.Errorf("key %q of step %d (%s) under another command: %v, want an *IdempotencyError", k.Key, i, s.Op, err)
				}
			}
			if journalOf(t, store, "L") != before {
				t.Fatal("commands sent again changed the journal")
			}

			// A command after the format-1 journal appends to it; a cold
			// Engine reads the whole and replays both kinds of key.
			clock.Set(at("2015-03-05 10:00"))
			d, err := e.Authorize(ctx, credit.Authorize{Key: "after", Line: "L", Purchase: "after", Amount: cny(2500), Merchant: tmall})
			if err != nil || !d.Approved {
				t.Fatal(d, err)
			}
			if !bytes.HasPrefix([]byte(journalOf(t, store, "L")), []byte(before)) {
				t.Fatal("the append changed the format-1 records")
			}
			checkJournal(t, store, e, "L")
			cold := newEngine(t, store, clock)
			if again, err := cold.Authorize(ctx, credit.Authorize{Key: "after", Line: "L", Purchase: "after", Amount: cny(2500), Merchant: tmall}); err != nil || again.AvailableAfter != d.AvailableAfter {
				t.Errorf("the new key sent again to a cold engine: %+v, %v; want %+v", again, err, d)
			}
			first := story[1]
			if res, err := runStep(ctx, cold, clock, first.Op, first.Cmd); err != nil || string(res) != string(first.Result) {
				t.Errorf("the first authorization's key, sent again to a cold engine: %s, %v", res, err)
			}
		})
	}
}
