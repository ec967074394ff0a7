package credit

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

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
	// ErrCorruptJournal: what the store returned is not the journal the
	// Engine wrote (*CorruptError).
	ErrCorruptJournal = errors.New("corrupt journal")
	// ErrRuleFailed: a host Rule panicked or returned a reason the
	// journal cannot keep (*RuleError).
	ErrRuleFailed = errors.New("host rule failed")
	// ErrClock: the Clock read a time the Engine does not work with
	// (*ClockError).
	ErrClock = errors.New("clock out of range")
	// ErrInvalidConfig: a Config the Engine cannot run with
	// (*ConfigError).
	ErrInvalidConfig = errors.New("invalid engine config")
)

// CommandError reports a command the line cannot take. Code is stable, for
// programs; Field names the command's field at fault ("key", "line",
// "merchant.fee_rate", ...) when one is; Reason is for people.
type CommandError struct {
	Op     string
	Code   string
	Field  string
	Reason string
	Err    error // the underlying error, if any (from money, calendar or billing)
}

func (e *CommandError) Error() string {
	s := "credit: " + e.Op + ": " + e.Code
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	s += ": " + e.Reason
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
	Op  string // the command that was refused
}

func (e *IdempotencyError) Error() string {
	return "credit: " + e.Op + ": idempotency key " + strconv.Quote(e.Key) + " was used for a different command on this line"
}

// Is reports whether target is ErrIdempotencyMismatch.
func (e *IdempotencyError) Is(target error) bool { return target == ErrIdempotencyMismatch }

// CorruptError reports records or a snapshot that are not what the
// Engine wrote: versions that do not follow on, a checksum that does not
// match, a fact format this library does not know, a journal or snapshot
// of another line. Nothing is committed on such a read, and the line is
// dropped from the Engine's cache. It matches ErrCorruptJournal.
type CorruptError struct {
	Line    string
	Version int64 // the record at fault, 0 if none in particular
	Reason  string
	Err     error
}

func (e *CorruptError) Error() string {
	s := "credit: corrupt journal of line " + strconv.Quote(e.Line)
	if e.Version > 0 {
		s += " at version " + strconv.FormatInt(e.Version, 10)
	}
	s += ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is reports whether target is ErrCorruptJournal.
func (e *CorruptError) Is(target error) bool { return target == ErrCorruptJournal }

// Unwrap returns the underlying error.
func (e *CorruptError) Unwrap() error { return e.Err }

// RuleError reports a host Rule that panicked, or returned a reason the
// journal cannot keep (no code, or text that is not clean UTF-8). The
// command it was deciding changes nothing. It matches ErrRuleFailed.
type RuleError struct {
	Rule   int // its index in Config.Rules (or the rules given to Decide)
	Reason string
	Panic  any // the value it panicked with, if it did
}

func (e *RuleError) Error() string {
	return "credit: host rule " + strconv.Itoa(e.Rule) + ": " + e.Reason
}

// Is reports whether target is ErrRuleFailed.
func (e *RuleError) Is(target error) bool { return target == ErrRuleFailed }

// ClockError reports a Clock that read a time outside the years the
// Engine works with (MinYear to MaxYear): a clock that far off is broken,
// and trusting it could bill a line for centuries. It matches ErrClock.
type ClockError struct {
	Time time.Time
}

func (e *ClockError) Error() string {
	return fmt.Sprintf("credit: the clock reads %s, outside the years %d to %d", e.Time.UTC().Format(time.RFC3339), MinYear, MaxYear)
}

// Is reports whether target is ErrClock.
func (e *ClockError) Is(target error) bool { return target == ErrClock }

// ConfigError reports a Config field NewEngine cannot take. It matches
// ErrInvalidConfig.
type ConfigError struct {
	Field  string // "Store", "Clock", "Rules[2]", ...
	Reason string
}

func (e *ConfigError) Error() string { return "credit: NewEngine: " + e.Field + ": " + e.Reason }

// Is reports whether target is ErrInvalidConfig.
func (e *ConfigError) Is(target error) bool { return target == ErrInvalidConfig }

// NotFoundError is a line the store does not have, or a purchase a line
// never had (Engine.Purchase). It matches ErrNotFound; Err is what the
// store said.
type NotFoundError struct {
	Line     string
	Purchase string // set when the line exists and the purchase does not
	Err      error
}

func (e *NotFoundError) Error() string {
	if e.Purchase != "" {
		return "credit: no purchase " + strconv.Quote(e.Purchase) + " on line " + strconv.Quote(e.Line) + ": " + ErrNotFound.Error()
	}
	return "credit: no line " + strconv.Quote(e.Line) + ": " + ErrNotFound.Error()
}

// Is reports whether target is ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Unwrap returns what the store said.
func (e *NotFoundError) Unwrap() error { return e.Err }
