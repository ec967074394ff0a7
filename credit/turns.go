package credit

import (
	"hash/maphash"
	"sync"
)

// turnStripes is how many locks the lines of an Engine share: two commands
// on one line always take the same lock, two lines rarely do.
const turnStripes = 1024

// turns make the commands on one line take turns within an Engine: a hot
// line's commands queue in memory instead of all reading the line, all
// trying to append at the same version, and all but one failing and
// reading it again. Lines share a lock only by the chance of their hashes.
// Commands on one line from several Engines still meet at the store,
// which refuses all but one append at a version (ErrConflict, retried).
type turns struct {
	seed  maphash.Seed
	locks [turnStripes]sync.Mutex
}

// turn waits for line's turn and returns the lock held for it, which the
// caller unlocks to end it. A host's code that the Engine calls during a
// command (a Rule, a Store, a Clock) must not call the Engine about the
// same line; Config.OnCommit runs after the turn and may.
func (e *Engine) turn(line string) *sync.Mutex {
	mu := &e.turns.locks[maphash.String(e.turns.seed, line)%turnStripes]
	mu.Lock()
	return mu
}
