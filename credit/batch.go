package credit

import (
	"context"
	"errors"
	"sync"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// batch is the facts of one command as they are built: each is applied
// once, to the line the one before it left, and encoded with its postings
// into a pooled buffer. A command has at most three facts: bringing the
// line to the command's day, the command's own, and a change of
// delinquency bucket (see noteDelinquency).
type batch struct {
	id      string // the line the command names: the only one written to
	version int64  // the line's version as loaded
	line    Line   // the line after the facts so far
	sum     uint32 // the Sum of the last fact so far (as loaded, before the first)
	prev    uint32 // the Sum the last fact continued (so that a snapshot can check its record)
	facts   [3]Fact
	prevs   [3]uint32 // the Sum each fact continues
	ends    [3]int    // where each fact's JSON ends in buf
	n       int       // facts so far
	pool    *sync.Pool
	buf     *[]byte
}

var errTooManyFacts = errors.New("credit: a command makes at most three facts")

// newBatch starts a batch on line id as loaded, l, whose last record
// carries sum. (The batch holds no pointer to anything on the caller's
// stack, so that it can stay there.)
func (e *Engine) newBatch(id string, l *Line, sum uint32) batch {
	return batch{id: id, version: l.Version, line: *l, sum: sum, pool: &e.buffers, buf: e.buffers.Get().(*[]byte)}
}

// maxPooledBuffer is the largest buffer kept for reuse: a rare huge fact
// (a statement of a very busy line) should not pin its memory.
const maxPooledBuffer = 64 << 10

// release returns the batch's buffer to the pool.
func (b *batch) release() {
	if b.buf != nil && cap(*b.buf) <= maxPooledBuffer {
		*b.buf = (*b.buf)[:0]
		b.pool.Put(b.buf)
	}
	b.buf = nil
}

// add applies f to the line and encodes it; on error the batch is as it
// was.
func (b *batch) add(p *compiled, f Fact) error {
	if b.n == len(b.facts) {
		return errTooManyFacts
	}
	next, days, err := b.line.applyPinned(p, f)
	if err != nil {
		return err
	}
	if f.Days == nil {
		f.Days = days
	}
	f.Postings = factPostings(b.restoring(f), &next)
	if d, ok := f.payload.(advancedData); ok && len(d.Archived)+len(d.ArchivedStatements) == 0 {
		// What the advance settled leaves the line in the same fact, which
		// carries it (its postings were counted on the line before).
		d.Archived, d.ArchivedStatements = next.toArchive(), next.statementsToArchive()
		if len(d.Archived)+len(d.ArchivedStatements) > 0 {
			if err := next.archive(d.Archived, d.ArchivedStatements); err != nil {
				return err
			}
			f.payload = d
		}
	}
	enc, err := f.appendSealed(*b.buf, b.sum)
	if err != nil {
		return err
	}
	*b.buf, b.line, b.prev, b.sum = enc, next, b.sum, f.Sum
	b.facts[b.n], b.prevs[b.n], b.ends[b.n] = f, b.prev, len(enc)
	b.n++
	return nil
}

// restoring returns the line as the fact finds it: with the archived
// purchase it brings back, if it brings one back, so that the fact's
// postings count what changes of that purchase from its archived state.
func (b *batch) restoring(f Fact) *Line {
	d, ok := f.payload.(purchaseData)
	if !ok || d.Restored == nil || b.line.purchase(d.Purchase) >= 0 {
		return &b.line
	}
	l := b.line.clone()
	l.restore(d.Restored)
	return &l
}

// advance adds the fact that brings the line to day on, if it is behind.
func (b *batch) advance(p *compiled, on calendar.Date) error {
	if !on.After(b.line.Today) {
		return nil
	}
	f, err := newFact(factAdvanced, on, advancedData{To: on})
	if err == nil {
		err = b.add(p, f)
	}
	if err != nil {
		return &CommandError{Op: "advance", Code: failureCode(err, CodeAdvanceFailed), Reason: "the line could not be brought to " + on.String(), Err: err}
	}
	return nil
}

// archiving returns the purchases the batch's facts archive.
func (b *batch) archiving() []Purchase {
	var out []Purchase
	for _, f := range b.facts[:b.n] {
		if d, ok := f.payload.(advancedData); ok {
			out = append(out, d.Archived...)
		}
	}
	return out
}

// failureCode is "overflow" when err is a sum beyond int64, else code.
func failureCode(err error, code string) string {
	if errors.Is(err, money.ErrOverflow) {
		return CodeOverflow
	}
	return code
}

// records returns the batch's records, sharing one exactly sized copy of
// the buffer (the store may keep it).
func (b *batch) records() []Record {
	recs := make([]Record, b.n)
	data := append([]byte(nil), *b.buf...)
	start := 0
	for i, end := range b.ends[:b.n] {
		recs[i] = Record{Version: b.version + int64(i) + 1, Data: data[start:end:end]}
		start = end
	}
	return recs
}

// commit appends the batch to its line, loaded with cache entry c, and
// caches the line after it. A conflict keeps the cached line (the next
// attempt reads the journal's tail after it); any other failure drops it.
func (e *Engine) commit(ctx context.Context, c *cached, b *batch) error {
	if err := e.store.Append(ctx, b.id, b.version, b.records()); err != nil {
		if !errors.Is(err, ErrConflict) {
			e.forget(b.id)
		}
		return err
	}
	e.remember(c, &b.line, b.sum, b.facts[:b.n], b.prevs[:b.n], len(*b.buf))
	e.snapshot(ctx, c, &b.line, b.prev, b.sum)
	return nil
}
