// Package pgstore is a credit.Store and credit.Snapshotter on PostgreSQL,
// with github.com/jackc/pgx/v5.
//
// A line's journal is rows of (line, version, data) whose primary key is
// (line, version), so the database itself enforces the compare-and-swap
// that credit.Store asks for: an append inserts versions v+1, v+2, ... only
// if the line's last version is still v, and of two writers that read the
// same version, the second's insert violates the key and reports
// credit.ErrConflict. Each fact's idempotency key and the hash of the
// command that used it are kept in their own columns, under a unique index
// per line: a second line of defence (the engine never writes a key twice)
// and a place for operators to look a key up. Snapshots are one row per
// line, replaced only by a newer version.
//
// New creates the schema and its tables if they are missing. Everything
// lives in the schema it is given, so several stores (or test runs) can
// share a database.
package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/justspend/justspend/credit"
)

// Store keeps lines in PostgreSQL. It is safe for concurrent use, by any
// number of engines and processes.
type Store struct {
	pool     *pgxpool.Pool
	journal  string // the journal table's qualified, quoted name
	snapshot string
}

// New returns a store whose tables live in schema, creating them if they
// are missing.
func New(ctx context.Context, pool *pgxpool.Pool, schema string) (*Store, error) {
	s := &Store{
		pool:     pool,
		journal:  pgx.Identifier{schema, "journal"}.Sanitize(),
		snapshot: pgx.Identifier{schema, "snapshot"}.Sanitize(),
	}
	ddl := []string{
		`CREATE SCHEMA IF NOT EXISTS ` + pgx.Identifier{schema}.Sanitize(),
		`CREATE TABLE IF NOT EXISTS ` + s.journal + ` (
			line      text   NOT NULL,
			version   bigint NOT NULL CHECK (version > 0),
			data      bytea  NOT NULL,
			idem_key  text,
			idem_hash text,
			PRIMARY KEY (line, version)
		)`,
		`CREATE UNIQUE INDEX IF NOT EXISTS journal_idem_key ON ` + s.journal + ` (line, idem_key) WHERE idem_key IS NOT NULL`,
		`CREATE TABLE IF NOT EXISTS ` + s.snapshot + ` (
			line    text   PRIMARY KEY,
			version bigint NOT NULL,
			data    bytea  NOT NULL
		)`,
	}
	for _, q := range ddl {
		if _, err := pool.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("pgstore: creating the schema: %w", err)
		}
	}
	return s, nil
}

// Load returns the line's records with versions above after. It reads the
// record at after too (without its data), which tells an existing line
// with nothing new from a missing one in the same query.
func (s *Store) Load(ctx context.Context, line string, after int64) ([]credit.Record, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT version, CASE WHEN version > $2 THEN data END FROM `+s.journal+`
		 WHERE line = $1 AND version >= $2 ORDER BY version`, line, after)
	if err != nil {
		return nil, err
	}
	var out []credit.Record
	seen := false
	for rows.Next() {
		var r credit.Record
		if err := rows.Scan(&r.Version, &r.Data); err != nil {
			rows.Close()
			return nil, err
		}
		seen = true
		if r.Version > after {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !seen {
		// Nothing at or after `after`: a missing line, or one asked for
		// beyond its end.
		var exists bool
		if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+s.journal+` WHERE line = $1)`, line).Scan(&exists); err != nil {
			return nil, err
		}
		if !exists {
			return nil, credit.ErrNotFound
		}
	}
	return out, nil
}

// LoadRange returns the line's records with versions above after and up
// to through (credit.RangeLoader): the Engine reads one record of a long
// journal this way, an old key's or an archived purchase's.
func (s *Store) LoadRange(ctx context.Context, line string, after, through int64) ([]credit.Record, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT version, data FROM `+s.journal+` WHERE line = $1 AND version > $2 AND version <= $3 ORDER BY version`, line, after, through)
	if err != nil {
		return nil, err
	}
	var out []credit.Record
	for rows.Next() {
		var r credit.Record
		if err := rows.Scan(&r.Version, &r.Data); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		var exists bool
		if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+s.journal+` WHERE line = $1)`, line).Scan(&exists); err != nil {
			return nil, err
		}
		if !exists {
			return nil, credit.ErrNotFound
		}
	}
	return out, nil
}

// Append adds records to the line if its last version is still version,
// in one statement: the insert happens only when the line's current last
// version is the one given, and the primary key refuses a concurrent
// writer's rows.
func (s *Store) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	versions := make([]int64, len(records))
	data := make([][]byte, len(records))
	keys := make([]*string, len(records))
	hashes := make([]*string, len(records))
	for i, r := range records {
		if r.Version != version+int64(i)+1 {
			return credit.ErrConflict
		}
		versions[i], data[i] = r.Version, r.Data
		keys[i], hashes[i] = idempotency(r.Data)
	}
	tag, err := s.pool.Exec(ctx,
		`INSERT INTO `+s.journal+` (line, version, data, idem_key, idem_hash)
		 SELECT $1, v, d, k, h FROM unnest($2::bigint[], $3::bytea[], $4::text[], $5::text[]) AS r(v, d, k, h)
		 WHERE (SELECT coalesce(max(version), 0) FROM `+s.journal+` WHERE line = $1) = $6`,
		line, versions, data, keys, hashes, version)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "23505": // unique_violation: another writer got there first
		return credit.ErrConflict
	case err != nil:
		return err
	case tag.RowsAffected() != int64(len(records)):
		return credit.ErrConflict // the line was no longer at version
	}
	return nil
}

// idempotency returns a fact's idempotency key and command hash, when the
// record is one of the library's facts that carries them.
func idempotency(data []byte) (key, hash *string) {
	var f struct {
		Key  string `json:"key"`
		Hash string `json:"hash"`
	}
	if json.Unmarshal(data, &f) != nil || f.Key == "" {
		return nil, nil
	}
	return &f.Key, &f.Hash
}

// LoadSnapshot returns the line's latest snapshot.
func (s *Store) LoadSnapshot(ctx context.Context, line string) (credit.Record, bool, error) {
	var r credit.Record
	err := s.pool.QueryRow(ctx, `SELECT version, data FROM `+s.snapshot+` WHERE line = $1`, line).Scan(&r.Version, &r.Data)
	if errors.Is(err, pgx.ErrNoRows) {
		return credit.Record{}, false, nil
	}
	if err != nil {
		return credit.Record{}, false, err
	}
	return r, true, nil
}

// SaveSnapshot keeps the line's state as of snap.Version, unless a newer
// snapshot is there already.
func (s *Store) SaveSnapshot(ctx context.Context, line string, snap credit.Record) error {
	_, err := s.pool.Exec(ctx,
		`INSERT INTO `+s.snapshot+` (line, version, data) VALUES ($1, $2, $3)
		 ON CONFLICT (line) DO UPDATE SET version = excluded.version, data = excluded.data
		 WHERE `+s.snapshot+`.version < excluded.version`,
		line, snap.Version, snap.Data)
	return err
}

// Lines returns the IDs of the lines in the store, for a portfolio run.
func (s *Store) Lines(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT line FROM `+s.journal+` ORDER BY line`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

var (
	_ credit.Store       = (*Store)(nil)
	_ credit.Snapshotter = (*Store)(nil)
)
