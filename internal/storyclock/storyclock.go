// Package storyclock is a clock that says what it was set to: the clock of
// the example programs (months pass in a moment and the output never
// changes) and of tests, as credittest.Clock, which is this type. It is
// apart from credittest so that example binaries need not link the
// testing package. A real host runs on credit.SystemClock.
package storyclock

import (
	"sync"
	"time"
)

// Clock is a credit.Clock that reads what Set last set. Safe for
// concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a clock set to now.
func New(now time.Time) *Clock { return &Clock{now: now} }

// Now returns the time last set.
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
