package credit

import "errors"

// Sentinel errors; the typed errors of this package match them with
// errors.Is.
var (
	// ErrInvalidProduct: a product field out of range (*ProductError).
	ErrInvalidProduct = errors.New("invalid product")
	// ErrInvalidCommand: a command the line cannot take, such as a capture
	// above what was authorized or a refund above what was captured
	// (*CommandError).
	ErrInvalidCommand = errors.New("invalid command")
	// ErrNotFound: no such line or purchase.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the line changed after it was read; Store.Append
	// returns it and the Engine retries.
	ErrConflict = errors.New("line changed concurrently")
	// ErrIdempotencyMismatch: an idempotency key was used again with a
	// different command (*IdempotencyError).
	ErrIdempotencyMismatch = errors.New("idempotency key reused with a different command")
	// ErrCorruptJournal: a stored fact could not be decoded or replayed.
	ErrCorruptJournal = errors.New("corrupt journal")
)

// CommandError reports a command the line cannot take. Code is stable, for
// programs; Reason is for people.
type CommandError struct {
	Op     string
	Code   string
	Reason string
	Err    error // the underlying error, if any (from money, calendar or billing)
}

func (e *CommandError) Error() string {
	s := "credit: " + e.Op + ": " + e.Code + ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is reports whether target is ErrInvalidCommand.
func (e *CommandError) Is(target error) bool { return target == ErrInvalidCommand }

// Unwrap returns the underlying error.
func (e *CommandError) Unwrap() error { return e.Err }

// IdempotencyError reports a key reused with a different command. It
// matches ErrIdempotencyMismatch.
type IdempotencyError struct {
	Key string
}

func (e *IdempotencyError) Error() string {
	return "credit: idempotency key " + e.Key + " was used for a different command"
}

// Is reports whether target is ErrIdempotencyMismatch.
func (e *IdempotencyError) Is(target error) bool { return target == ErrIdempotencyMismatch }
