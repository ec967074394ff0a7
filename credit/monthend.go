package credit

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/justspend/justspend/calendar"
)

// MonthEnd is what Engine.AdvanceAll did.
type MonthEnd struct {
	Advanced  int         `json:"advanced"`         // lines brought forward, with facts committed
	Unchanged int         `json:"unchanged"`        // lines that had reached the day, or had nothing to do on the way
	Failed    []LineError `json:"failed,omitempty"` // lines left as they were, in the order given
}

// LineError is why one line of a batch was left as it was: Err, and its
// text in Reason for a report encoded as JSON.
type LineError struct {
	Line   string `json:"line"`
	Reason string `json:"reason"`
	Err    error  `json:"-"`
}

func (e LineError) Error() string {
	if e.Err == nil {
		return e.Line + ": " + e.Reason
	}
	return e.Line + ": " + e.Err.Error()
}

func (e LineError) Unwrap() error { return e.Err }

// AdvanceAll brings every line of lines to the start of day to, as Advance
// brings one, on as many goroutines as GOMAXPROCS: the month-end (or any
// day's) run over a book. It copies no line out, so a run over a million
// lines allocates only what advancing them takes; read a line afterwards
// with Line if it is wanted.
//
// A line that cannot be advanced (unknown, corrupt, future_dated, a store
// error) is left as it was and listed in Failed with its error; the others
// go on. AdvanceAll returns an error only when the run itself cannot go on:
// ctx done (lines not reached yet are neither advanced nor listed) or to
// the zero Date.
func (e *Engine) AdvanceAll(ctx context.Context, lines []string, to calendar.Date) (MonthEnd, error) {
	if to.IsZero() {
		return MonthEnd{}, &CommandError{Op: "advance", Code: CodeBadDate, Field: "to", Reason: "is the zero Date"}
	}
	type failure struct {
		i   int // index into lines
		err error
	}
	var (
		next, advanced, stayed atomic.Int64
		mu                     sync.Mutex
		failed                 []failure
		wg                     sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), max(len(lines), 1)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(lines) {
					return
				}
				_, committed, err := e.advance(ctx, lines[i], to, false)
				switch {
				case err != nil:
					mu.Lock()
					failed = append(failed, failure{i, err})
					mu.Unlock()
				case committed:
					advanced.Add(1)
				default:
					stayed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	r := MonthEnd{Advanced: int(advanced.Load()), Unchanged: int(stayed.Load())}
	slices.SortFunc(failed, func(a, b failure) int { return a.i - b.i })
	for _, f := range failed {
		r.Failed = append(r.Failed, LineError{Line: lines[f.i], Reason: f.err.Error(), Err: f.err})
	}
	return r, ctx.Err()
}
