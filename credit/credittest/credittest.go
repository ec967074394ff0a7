// Package credittest holds what a host needs to test code that uses
// package credit: an in-memory Store, a fake Clock, the conformance suite
// and the concurrency test every Store must pass, and go-cmp options for
// comparing lines.
package credittest

import (
	"sync"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// Clock is a fake clock: it says what it was set to. Safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the set time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set sets the time.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// Add moves the time on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// CmpOptions are go-cmp options for comparing lines, statements and
// decisions: decimals compare by value ("6.2" equals "6.20"). Amounts and
// dates need none.
func CmpOptions() cmp.Options {
	return cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })}
}
