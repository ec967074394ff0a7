package credit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// TestJournalSizes: what a journal costs per fact. A typical
// authorization (a Huabei line, an order-sized key and purchase ID) is at
// most 250 bytes, and each common fact is no bigger than the bound below;
// the log has the sizes of the format-1 story's facts in both formats.
func TestJournalSizes(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, "2015-01-03 10:00")
	h.open("huabei", cny(1000000))
	h.buy("order-7f3a9c-auth", "order-7f3a9c", cny(25900), tmall, "")
	h.clock.Set(at("2015-01-05 10:00"))
	h.deliver("order-7f3a9c-deliver", "order-7f3a9c")
	h.advanceTo("2015-02-02") // past the statement of February 1st
	h.pay("order-7f3a9c-pay", "2015-02-05 10:00", cny(10000), "")
	h.advanceTo("2015-03-02") // with interest on what is left
	recs, err := h.store.Load(ctx, "L", 0)
	if err != nil {
		t.Fatal(err)
	}
	bounds := map[string]int{"opened": 200, "authorized": 250, "captured": 170, "delivered": 210, "advanced": 60, "advanced with postings": 110, "paid": 180}
	for _, r := range recs {
		var f credit.Fact
		if err := json.Unmarshal(r.Data, &f); err != nil {
			t.Fatal(err)
		}
		kind := f.Kind
		if len(f.Postings) > 0 && kind == "advanced" {
			kind += " with postings"
		}
		t.Logf("%4d B  %s", len(r.Data), r.Data)
		if max, ok := bounds[kind]; !ok {
			t.Errorf("a %s fact: no bound", kind)
		} else if len(r.Data) > max {
			t.Errorf("a %s fact of %d bytes, more than %d: %s", kind, len(r.Data), max, r.Data)
		}
	}

	// The format-1 story, written again.
	story, old := format1Book(t, false)
	store := credittest.NewMemStore()
	clock := credittest.NewClock(at("2015-01-03 10:00"))
	e := newEngine(t, store, clock)
	for _, s := range story {
		if _, err := runStep(ctx, e, clock, s.Op, s.Cmd); err != nil {
			t.Fatal(err)
		}
	}
	sizes := func(s credit.Store) (map[string][]int, int) {
		recs, err := s.Load(ctx, "L", 0)
		if err != nil {
			t.Fatal(err)
		}
		out, total := map[string][]int{}, 0
		for _, r := range recs {
			var f credit.Fact
			if err := json.Unmarshal(r.Data, &f); err != nil {
				t.Fatal(err)
			}
			out[f.Kind] = append(out[f.Kind], len(r.Data))
			total += len(r.Data)
		}
		return out, total
	}
	v1, total1 := sizes(old)
	v2, total2 := sizes(store)
	var b strings.Builder
	fmt.Fprintf(&b, "the format-1 story, bytes per fact (format 1 → format 2):\n")
	for _, kind := range slices.Sorted(maps.Keys(v1)) {
		fmt.Fprintf(&b, "  %-22s %v → %v\n", kind, v1[kind], v2[kind])
	}
	fmt.Fprintf(&b, "  %-22s %d → %d", "the whole journal", total1, total2)
	t.Log(b.String())
	if total2 >= total1 {
		t.Errorf("the story's journal is %d bytes in format 2, %d in format 1", total2, total1)
	}
}
