package credit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
)

// TestAdvanceAll checks that a month-end over a book writes, line by line,
// exactly the journal that advancing each line on its own writes; that a
// second run changes nothing; that lines it cannot advance are listed in
// the order given, with their errors, while the others go on; and that a
// context already done advances nothing.
func TestAdvanceAll(t *testing.T) {
	const n = 50 // ten lines of each preset
	all, one := newBook(t, n), newBook(t, n)

	ids := append([]string{"no-such-line"}, all.ids...)
	ids = append(ids, "bad\x00id")
	r, err := all.e.AdvanceAll(all.ctx, ids, all.statement)
	if err != nil {
		t.Fatal(err)
	}
	if r.Advanced != n || r.Unchanged != 0 || len(r.Failed) != 2 {
		t.Fatalf("month-end: %+v, want %d advanced and 2 failed", r, n)
	}
	var ce *credit.CommandError
	if f := r.Failed[0]; f.Line != "no-such-line" || !errors.Is(f, credit.ErrNotFound) {
		t.Errorf("first failure: %v, want no-such-line: not found", f)
	}
	if f := r.Failed[1]; f.Line != "bad\x00id" || !errors.As(f, &ce) || ce.Code != credit.CodeBadID {
		t.Errorf("second failure: %v, want bad_id", f)
	}

	for _, id := range one.ids {
		if _, err := one.e.Advance(one.ctx, id, one.statement); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range all.ids {
		got, err := all.store.Load(all.ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		want, err := one.store.Load(one.ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d records after AdvanceAll, %d after Advance", id, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i].Data, want[i].Data) {
				t.Fatalf("%s: record %d differs:\n%s\n%s", id, i+1, got[i].Data, want[i].Data)
			}
		}
	}
	all.check(t)

	again, err := all.e.AdvanceAll(all.ctx, all.ids, all.statement)
	if err != nil || again.Advanced != 0 || again.Unchanged != n || again.Failed != nil {
		t.Errorf("second month-end: %+v, %v; want all %d unchanged", again, err, n)
	}

	// The report encodes each failure's reason, and a zero LineError
	// prints.
	b, err := json.Marshal(r)
	if err != nil || !strings.Contains(string(b), `{"line":"no-such-line","reason":"credit: no line \"no-such-line\": not found"}`) {
		t.Errorf("the report as JSON: %s, %v", b, err)
	}
	if s := (credit.LineError{}).Error(); s != ": " {
		t.Errorf("a zero LineError prints %q", s)
	}

	fresh := newBook(t, 5)
	ctx, cancel := context.WithCancel(fresh.ctx)
	cancel()
	if r, err := fresh.e.AdvanceAll(ctx, fresh.ids, fresh.statement); !errors.Is(err, context.Canceled) || r.Advanced != 0 {
		t.Errorf("cancelled month-end: %+v, %v; want nothing advanced and context.Canceled", r, err)
	}
	if _, err := fresh.e.AdvanceAll(fresh.ctx, fresh.ids, calendar.Date{}); err == nil {
		t.Error("AdvanceAll to the zero Date: no error")
	}
}
