package credit_test

import (
	"context"
	"testing"

	"github.com/justspend/justspend/credit"
)

// sumPostings checks that each of the line's facts posts to zero, and
// returns what its postings total by account.
func sumPostings(t testing.TB, e *credit.Engine, line string) map[string]int64 {
	t.Helper()
	events, err := e.Events(context.Background(), line, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, ev := range events {
		var sum int64
		for _, p := range ev.Fact.Postings {
			got[p.Account] += p.Amount.Units()
			sum += p.Amount.Units()
		}
		if sum != 0 {
			t.Errorf("version %d (%s): postings sum to %d", ev.Version, ev.Fact.Kind, sum)
		}
	}
	return got
}

// conserved checks that money is conserved on the line: each fact posts
// to zero, and the holder's postings total what the line owes.
func conserved(t testing.TB, e *credit.Engine, line string) {
	t.Helper()
	holder := sumPostings(t, e, line)["holder"]
	l, err := e.Line(context.Background(), line)
	if err != nil {
		t.Fatal(err)
	}
	if o := owed(t, l).Units(); holder != o {
		t.Errorf("%s: holder postings total %d, the line owes %d", line, holder, o)
	}
}
