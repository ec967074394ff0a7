// Package storyclock is the clock of the example programs: it says what
// the story set it to, so that months pass in a moment and the output
// never changes. A real host runs on credit.SystemClock; tests use
// credittest.Clock, which this package keeps out of the example binaries
// (credittest links the testing package).
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
