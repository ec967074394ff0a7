// Package credittest holds what a host needs to test code that uses
// package credit. It imports testing and go-cmp, so it belongs in _test.go
// files and never in a production binary, which takes its Store from a
// database or package memstore and its Clock from credit.SystemClock.
//
// A test of checkout code runs an Engine on an in-memory store (MemStore,
// which is memstore.Store) with a fake Clock that the test sets: to the
// shopper's checkout, the day of delivery, midnight on statement day, the
// due date. Every command the Engine takes is dated by that clock, so the
// test walks a line through a month without waiting for one, and its
// results do not depend on the day it runs. CmpOptions lets go-cmp compare what the
// Engine hands out (lines, statements, decisions), and a LyingStore wraps
// a store to tell one lie about a line (records dropped, duplicated,
// swapped or changed, another line's records or snapshot), to test what a
// host does when its database or a cache in front of it goes wrong.
//
// A host that writes its own Store runs RunStoreTests and
// RunConcurrentAuthorizations on it: the conformance suite and the
// concurrency test every Store must pass. CheckStore and
// CheckConcurrentAuthorizations run the same checks outside go test.
package credittest

import (
	"time"

	"github.com/justspend/justspend/internal/storyclock"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// Clock is a fake clock: it says what it was set to (Set, Add), and moves
// only when told. Safe for concurrent use.
type Clock = storyclock.Clock

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return storyclock.New(t) }

// CmpOptions are go-cmp options for comparing lines, statements and
// decisions: decimals compare by value ("6.2" equals "6.20"). Amounts and
// dates need none.
func CmpOptions() cmp.Options {
	return cmp.Options{
		cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
		cmpopts.IgnoreUnexported(credit.Fact{}), // a fact's typed payload, while it is being built
	}
}
