package credit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
)

// A line's state holds what is open, not its history. It keeps its latest
// statement and every statement something it owes was billed on; paid
// statements are archived statementBatch at a time (Engine.Statements
// reads them all). A purchase that is
// settled (voided or expired, or posted with nothing pending, no refund
// request open and nothing it owes left on the account) leaves
// Line.Purchases once archiveBatch of them have gathered: the fact that
// brings the line to a new day takes them out and carries them as they
// stood, so the journal keeps them. The Engine finds them again by a
// fingerprint index (index.go): Engine.Purchase reads one, a refund or a
// refund request of one brings it back into the line (its fact carries it,
// so that a replay does the same), and a new authorization cannot reuse
// its ID. A line ten years old thus carries what a new one does, plus 20
// bytes of index for each archived purchase and each key.
//
// Journals written before archiving existed keep every purchase: only a
// fact that lists a purchase archives it.

// archiveBatch is how many settled purchases gather before an advance
// archives them: archiving costs an index copy, so it is done in batches.
const archiveBatch = 8

// statementBatch is how many paid statements gather before an advance
// archives them.
const statementBatch = 4

// settledPurchase reports whether pu may leave the line's state: nothing
// about it can change again except by a refund.
func (l *Line) settledPurchase(pu *Purchase) bool {
	switch pu.State {
	case Voided, Expired:
	case Posted:
		if !pu.Pending.IsZero() || !pu.RefundRequested.IsZero() {
			return false
		}
		for i := range l.Account.Debts {
			if l.Account.Debts[i].Ref == pu.ID {
				return false
			}
		}
		if _, owes := l.Account.FeesCharged[pu.ID]; owes {
			return false
		}
	default:
		return false
	}
	return l.hold(pu.ID) < 0
}

// toArchive returns copies of the settled purchases, if archiveBatch of
// them have gathered.
func (l *Line) toArchive() []Purchase {
	n := 0
	for _, pu := range l.Purchases {
		if l.settledPurchase(pu) {
			n++
		}
	}
	if n < archiveBatch {
		return nil
	}
	out := make([]Purchase, 0, n)
	for _, pu := range l.Purchases {
		if l.settledPurchase(pu) {
			out = append(out, pu.copyOut())
		}
	}
	return out
}

// statementsToArchive returns the statements to archive, once
// statementBatch of them are paid: every statement but the latest that
// is older than anything the account still owes on a statement.
func (l *Line) statementsToArchive() []billing.Statement {
	if len(l.Statements) <= statementBatch {
		return nil
	}
	n := len(l.Statements) - 1 // the latest stays
	for i := range l.Account.Debts {
		if b := l.Account.Debts[i].Billed; !b.IsZero() {
			for n > 0 && !l.Statements[n-1].Date.Before(b) {
				n--
			}
		}
	}
	if n < statementBatch {
		return nil
	}
	out := make([]billing.Statement, n)
	for i := range out {
		out[i] = copyStatement(&l.Statements[i])
	}
	return out
}

// archive takes the purchases and the (oldest) statements listed out of
// the line's state.
func (l *Line) archive(list []Purchase, statements []billing.Statement) error {
	for k := range list {
		i := l.purchase(list[k].ID)
		if i < 0 {
			return fmt.Errorf("archives purchase %q, which the line does not have", list[k].ID)
		}
		l.Purchases = slices.Delete(l.Purchases, i, i+1)
	}
	if len(l.Purchases) == 0 {
		l.Purchases = nil // as the journal's JSON has it
	}
	if len(statements) == 0 {
		return nil
	}
	if len(statements) > len(l.Statements) {
		return fmt.Errorf("archives %d statements of %d", len(statements), len(l.Statements))
	}
	for i := range statements {
		if statements[i].Date != l.Statements[i].Date {
			return fmt.Errorf("archives the statement of %v where the oldest is of %v", statements[i].Date, l.Statements[i].Date)
		}
	}
	l.Statements = slices.Clip(l.Statements[len(statements):])
	return nil
}

// restore brings an archived purchase back into the line's state, unless
// it is there already.
func (l *Line) restore(pu *Purchase) {
	if pu != nil && l.purchase(pu.ID) < 0 {
		cp := pu.copyOut()
		l.Purchases = append(l.Purchases, &cp)
	}
}

// archivedOf returns the IDs of the purchases and the dates of the
// statements an advanced fact archived.
func archivedOf(f Fact) ([]string, []calendar.Date, error) {
	if d, ok := f.payload.(advancedData); ok {
		return pluck(d.Archived, func(p *Purchase) string { return p.ID }),
			pluck(d.ArchivedStatements, func(s *billing.Statement) calendar.Date { return s.Date }), nil
	}
	var d struct {
		Archived   []idOnly   `json:"archived"`
		Statements []dateOnly `json:"archived_statements"`
	}
	if err := json.Unmarshal(f.Data, &d); err != nil {
		return nil, nil, err
	}
	return pluck(d.Archived, func(p *idOnly) string { return p.ID }),
		pluck(d.Statements, func(s *dateOnly) calendar.Date { return s.Date }), nil
}

// idOnly and dateOnly read one field of an archived purchase or statement.
type (
	idOnly struct {
		ID string `json:"id"`
	}
	dateOnly struct {
		Date calendar.Date `json:"date"`
	}
)

// pluck returns one field of each element of s, nil for none.
func pluck[E, F any](s []E, field func(*E) F) []F {
	var out []F
	for i := range s {
		out = append(out, field(&s[i]))
	}
	return out
}

// archivedPurchase returns purchase pid of line id (whose cache entry is c)
// as it was archived, or nil if the line never archived it.
func (e *Engine) archivedPurchase(ctx context.Context, c *cached, id, pid string) (*Purchase, error) {
	c.shard.mu.Lock()
	candidates := c.keys.archive.find(fingerprint(printPurchase, pid))
	c.shard.mu.Unlock()
	for _, en := range candidates { // the latest first: a purchase restored and archived again
		f, err := e.record(ctx, id, en)
		if err != nil {
			return nil, err
		}
		d, err := payloadOf[advancedData](f)
		if err != nil || f.Kind != factAdvanced {
			return nil, &CorruptError{Line: id, Version: en.version, Reason: "the record the archive index points to archives nothing", Err: err}
		}
		for i := range d.Archived {
			if d.Archived[i].ID == pid {
				return &d.Archived[i], nil
			}
		}
	}
	return nil, nil
}

// withPurchase returns line l with purchase pid in its state: l itself
// when it is there or unknown, else a copy with the archived purchase
// restored, and that purchase (for the fact that acts on it to carry).
func (e *Engine) withPurchase(ctx context.Context, l *Line, at journalAt, pid string) (*Line, *Purchase, error) {
	if pid == "" || at.entry == nil || l.purchase(pid) >= 0 {
		return l, nil, nil
	}
	var pu *Purchase
	for i := range at.archiving {
		if at.archiving[i].ID == pid {
			pu = &at.archiving[i]
		}
	}
	if pu == nil {
		var err error
		if pu, err = e.archivedPurchase(ctx, at.entry, l.ID, pid); err != nil || pu == nil {
			return l, nil, err
		}
	}
	n := l.clone()
	n.restore(pu)
	return &n, pu, nil
}

// Purchase returns purchase pid of line id, open or archived: a copy the
// caller may keep or change. A purchase the line never had is a
// *NotFoundError.
func (e *Engine) Purchase(ctx context.Context, id, pid string) (*Purchase, error) {
	if err := firstError(idError("purchase", "line", id, true, CodeMissingID), idError("purchase", "purchase", pid, true, CodeMissingID)); err != nil {
		return nil, err
	}
	return retrying(e, func() (*Purchase, error) { return e.purchaseOf(ctx, id, pid) })
}

// retrying runs read until it does not meet a conflict (a store that
// returned an older part of a journal than the Engine has read), at most
// Config.Retries times more.
func retrying[T any](e *Engine, read func() (T, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		v, err := read()
		if !errors.Is(err, ErrConflict) || attempt >= e.retries {
			return v, err
		}
	}
}

// purchaseOf is Purchase, once.
func (e *Engine) purchaseOf(ctx context.Context, id, pid string) (*Purchase, error) {
	lo, err := e.load(ctx, id)
	if err != nil {
		return nil, err
	}
	if i := lo.line.purchase(pid); i >= 0 {
		cp := lo.line.Purchases[i].copyOut()
		return &cp, nil
	}
	pu, err := e.archivedPurchase(ctx, lo.c, id, pid)
	if err != nil {
		return nil, err
	}
	if pu == nil {
		return nil, &NotFoundError{Line: id, Purchase: pid, Err: ErrNotFound}
	}
	cp := pu.copyOut()
	return &cp, nil
}

// Statements returns every statement of line id, archived or not, oldest
// first: copies the caller may keep or change. It reads a record for each
// year archived, so it is for a statement history page, not a hot path
// (Line.Statements holds the latest).
func (e *Engine) Statements(ctx context.Context, id string) ([]billing.Statement, error) {
	if err := idError("statements", "line", id, true, CodeMissingID); err != nil {
		return nil, err
	}
	return retrying(e, func() ([]billing.Statement, error) { return e.statementsOf(ctx, id) })
}

// statementsOf is Statements, once.
func (e *Engine) statementsOf(ctx context.Context, id string) ([]billing.Statement, error) {
	lo, err := e.load(ctx, id)
	if err != nil {
		return nil, err
	}
	lo.c.shard.mu.Lock()
	entries := slices.Clone(lo.c.keys.statements.entries)
	lo.c.shard.mu.Unlock()
	var out []billing.Statement
	for _, en := range entries {
		f, err := e.record(ctx, id, en)
		if err != nil {
			return nil, err
		}
		d, err := payloadOf[advancedData](f)
		if err != nil || f.Kind != factAdvanced {
			return nil, &CorruptError{Line: id, Version: en.version, Reason: "the record the archive index points to archives nothing", Err: err}
		}
		out = append(out, d.ArchivedStatements...)
	}
	for i := range lo.line.Statements {
		out = append(out, copyStatement(&lo.line.Statements[i]))
	}
	return out, nil
}
