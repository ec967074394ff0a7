package credittest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// A test of what a host does with a broken store: the LyingStore changes
// one byte of the line's journal on the next read, and the Engine reports
// a *credit.CorruptError instead of answering from a journal it did not
// write. The lie is told once; the next read is honest.
func ExampleNewLyingStore() {
	ctx := context.Background()
	store := credittest.NewLyingStore(credittest.NewMemStore())
	clock := credittest.NewClock(time.Date(2014, 12, 12, 9, 0, 0, 0, beijing))
	newEngine := func() *credit.Engine { // a process that has not seen the line yet
		e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
		if err != nil {
			panic(err)
		}
		return e
	}
	if _, err := newEngine().OpenLine(ctx, credit.OpenLine{Key: "open", Line: "li", Holder: "Li", Product: "huabei-2014", Limit: rmb(10000)}); err != nil {
		panic(err)
	}

	store.Arm("li", credittest.FlipByte)
	_, err := newEngine().Line(ctx, "li")
	var corrupt *credit.CorruptError
	fmt.Println("told:", store.Told("li"))
	fmt.Println("corrupt:", errors.As(err, &corrupt), errors.Is(err, credit.ErrCorruptJournal))

	l, err := newEngine().Line(ctx, "li")
	fmt.Println("then:", l.Holder, err)
	// Output:
	// told: [flip byte]
	// corrupt: true true
	// then: Li <nil>
}

// The lies a LyingStore tells, and which of them the Engine must report.
// The two it need not report are reads that are old but not wrong.
func ExampleLies() {
	for _, l := range credittest.Lies() {
		fmt.Printf("%-30s %v\n", l, l.Detectable())
	}
	// Output:
	// duplicate record               true
	// swap records                   true
	// swap data                      true
	// drop record                    true
	// drop tail                      false
	// ignore after                   true
	// flip byte                      true
	// future format                  true
	// other line                     true
	// stale snapshot                 false
	// other line's snapshot          true
	// snapshot ahead of the journal  true
	// mislabelled snapshot           true
	// flip snapshot byte             true
}
