package credit_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// testdata/format1 is a journal written in fact format 1, the library's
// first: a Huabei line with a fact of every kind, the snapshot the Engine
// took of it, the commands that made it with what each returned (one step
// a line of story.jsonl), the line they left and the events the Engine
// handed out. Later formats must go on reading it: the same line, the same
// events, and every key replaying its first result. It was written by
// TestWriteFormat1 at commit dc6c17b, the last to write format 1; the
// test is gone with the format.

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

// key returns the step's idempotency key.
func (s goldenStep) key(t *testing.T) string {
	t.Helper()
	var k struct {
		Key string `json:"key"`
	}
	if err := json.Unmarshal(s.Cmd, &k); err != nil {
		t.Fatal(err)
	}
	return k.Key
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
				other := credit.Payment{Key: s.key(t), Line: "L", Amount: cny(1), At: clock.Now()}
				if s.Op == "pay" {
					other.Amount = cny(2)
				}
				var ie *credit.IdempotencyError
				if _, err := e.Pay(ctx, other); !errors.As(err, &ie) {
					t.Errorf("key %q of step %d (%s) under another command: %v, want an *IdempotencyError", other.Key, i, s.Op, err)
				}
			}
			if journalOf(t, store, "L") != before {
				t.Fatal("commands sent again changed the journal")
			}

			// A command after the format-1 journal appends to it, and the
			// Engine snapshots the line with keys of both formats; a cold
			// Engine reads the whole, from the start and from that
			// snapshot, and replays both kinds of key.
			clock.Set(at("2015-03-05 10:00"))
			writer, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: 1})
			if err != nil {
				t.Fatal(err)
			}
			after := credit.Authorize{Key: "after", Line: "L", Purchase: "after", Amount: cny(2500), Merchant: tmall}
			d, err := writer.Authorize(ctx, after)
			if err != nil || !d.Approved {
				t.Fatal(d, err)
			}
			if !bytes.HasPrefix([]byte(journalOf(t, store, "L")), []byte(before)) {
				t.Fatal("the append changed the format-1 records")
			}
			checkJournal(t, store, writer, "L")
			line, err = writer.Line(ctx, "L")
			if err != nil {
				t.Fatal(err)
			}
			snap, ok, err := store.LoadSnapshot(ctx, "L")
			if err != nil || !ok || snap.Version != line.Version {
				t.Fatalf("the snapshot after the append: %v, %v, version %d of %d", ok, err, snap.Version, line.Version)
			}
			recs, err := store.Load(ctx, "L", 0)
			if err != nil {
				t.Fatal(err)
			}
			var a1, a7 credit.Fact // the first authorization's fact and the new one's
			if err := json.Unmarshal(recs[1].Data, &a1); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(recs[len(recs)-1].Data, &a7); err != nil {
				t.Fatal(err)
			}
			// Snapshots index keys by fingerprint: both keys' hashes, of each
			// form, are read from their records (below, from the snapshot).
			if len(a1.Hash) != 64 || len(a7.Hash) != 22 {
				t.Fatalf("the hashes are not of both forms: %s and %s", a1.Hash, a7.Hash)
			}
			journalOnly := credittest.NewMemStore()
			if err := journalOnly.Append(ctx, "L", 0, recs); err != nil {
				t.Fatal(err)
			}
			for from, s := range map[string]credit.Store{"snapshot": store, "start": journalOnly} {
				cold := newEngine(t, s, clock)
				if again, err := cold.Authorize(ctx, after); err != nil || mustMarshal(t, again) != mustMarshal(t, d) {
					t.Errorf("from the %s: the new key sent again to a cold engine: %+v, %v; want %+v", from, again, err, d)
				}
				first := story[1]
				if res, err := runStep(ctx, cold, clock, first.Op, first.Cmd); err != nil || string(res) != string(first.Result) {
					t.Errorf("from the %s: the first authorization's key, sent again to a cold engine: %s, %v", from, res, err)
				}
				var ie *credit.IdempotencyError
				if _, err := cold.Pay(ctx, credit.Payment{Key: first.key(t), Line: "L", Amount: cny(1)}); !errors.As(err, &ie) {
					t.Errorf("from the %s: the first authorization's key under a payment: %v, want an *IdempotencyError", from, err)
				}
			}
		})
	}
}

// TestFormatsTellTheSameStory: the format-1 story, run again by the
// Engine as it is, returns what it returned then, leaves the same line,
// and hands out the same events: the same facts, whatever the format of
// their records, but for the format, the recorded hash (format 1's first
// 128 bits) and the checksum.
func TestFormatsTellTheSameStory(t *testing.T) {
	ctx := context.Background()
	story, old := format1Book(t, false)
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), SnapshotEvery: 8})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range story {
		res, err := runStep(ctx, e, clock, s.Op, s.Cmd)
		if err != nil || unversioned(string(res)) != unversioned(string(s.Result)) {
			t.Fatalf("step %d (%s): %s, %v\nwant %s", i, s.Op, res, err, s.Result)
		}
	}
	checkJournal(t, store, e, "L")
	line, err := e.Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	want, err := newEngine(t, old, clock).Line(ctx, "L")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := unversioned(mustMarshal(t, line)), unversioned(mustMarshal(t, want)); a != b {
		t.Errorf("the story leaves\n%s\nwant\n%s", a, b)
	}
	all, err := e.Events(ctx, "L", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var evs []credit.Event // but for the delinquency facts format 1's release did not write
	for _, ev := range all {
		if ev.Fact.Kind != credit.KindDelinquency {
			evs = append(evs, ev)
		}
	}
	wantEvs, err := newEngine(t, old, clock).Events(ctx, "L", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(wantEvs) {
		t.Fatalf("%d events, want %d", len(evs), len(wantEvs))
	}
	for i := range evs {
		got, want := evs[i], wantEvs[i]
		if got.Fact.V != 2 || want.Fact.V != 1 {
			t.Fatalf("event %d: formats %d and %d", i, got.Fact.V, want.Fact.V)
		}
		if want.Fact.Hash != "" && !sameHashPrefix(got.Fact.Hash, want.Fact.Hash) {
			t.Errorf("event %d: hash %s is not the first 128 bits of %s", i, got.Fact.Hash, want.Fact.Hash)
		}
		got.Fact.V, got.Fact.Hash, got.Fact.Sum, got.Version = 0, "", 0, 0
		want.Fact.V, want.Fact.Hash, want.Fact.Sum, want.Version = 0, "", 0, 0
		if a, b := unversioned(mustMarshal(t, got)), unversioned(mustMarshal(t, want)); a != b {
			t.Errorf("event %d:\n%s\nwant\n%s", i, a, b)
		}
	}
}

// unversioned returns JSON with every version (and a restatement's base
// version) blanked: the Engine now
// records a line's changes of delinquency bucket as facts of their own,
// which format 1's release did not, so the same story reaches later
// versions.
func unversioned(s string) string {
	return regexp.MustCompile(`"(version|base)":\d+`).ReplaceAllString(s, `"$1":0`)
}

// sameHashPrefix reports whether h, in unpadded base64url, is the first
// bytes of full, in hex.
func sameHashPrefix(h, full string) bool {
	b, err := base64.RawURLEncoding.DecodeString(h)
	return err == nil && len(b) == 16 && strings.HasPrefix(full, hex.EncodeToString(b))
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
