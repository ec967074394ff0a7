package credit_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/justspend/justspend/credit"
)

// The line an Engine holds equals, under credittest.CmpOptions (the
// options the package offers for comparing lines), the line another Engine
// reads from the store, at every version: from a snapshot taken at that
// very version, or from the journal. A hold voided leaves the line with no
// holds; so does one captured.
func TestLongLineWarmEqualsSnapshotAtEveryVersion(t *testing.T) {
	ctx := context.Background()
	for _, every := range []int64{1, 3} {
		t.Run(fmt.Sprint("SnapshotEvery=", every), func(t *testing.T) {
			store, clock, e := longStart(t, every)
			l := longOpen(t, e, clock, "E", 5000000)
			steps := []func(){
				func() { l.authorize("p1", 10000, "") },
				func() { l.mustPurchase("void", "p1", 0) },
				func() { l.authorize("p2", 10000, "") },
				func() { l.mustPurchase("capture", "p2", 10000) },
				func() { l.mustPurchase("confirm", "p2", 0) },
				func() { l.pay(10000) },
			}
			for i, step := range steps {
				step()
				warm := l.line()
				for name, s := range map[string]credit.Store{"snapshot": store, "journal": longPlainStore{store}} {
					cold, err := longEngine(t, s, clock, every).Line(ctx, "E")
					if err != nil {
						t.Fatal(err)
					}
					if d := longDiff(warm, cold); d != "" {
						t.Errorf("step %d, v%d: the line read from the %s differs (-warm +cold):\n%s", i, warm.Version, name, d)
					}
				}
			}
		})
	}
}
