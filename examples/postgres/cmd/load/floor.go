package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/justspend/justspend/credit"
)

// The one-statement floor: the least a database must do to authorize on a
// line and keep the fact, with nothing of the engine. A line is one row
// with its limit, what is used and a version; an authorization is one
// statement, sent in one round trip and run as one transaction, that
// raises the row's used amount and version only if the limit allows, and
// inserts the fact at that version:
//
//	WITH u AS (UPDATE floor_lines SET used = used + $2, version = version + 1
//	           WHERE id = $1 AND used + $2 <= lim RETURNING version)
//	INSERT INTO floor_facts (line, version, data, idem_key, idem_hash)
//	SELECT $1, version, $3, $4, $5 FROM u
//
// To be fair to the engine, the facts table is the journal's twin: the
// same primary key (line, version), a unique index on (line, idem_key),
// and, in data, the bytes of an authorization the engine wrote (so the
// same row width and the same WAL). What the floor leaves out is the
// engine's work: reading the journal's tail before deciding, the decision
// itself, idempotent replies (a key sent twice would fail on the index
// here, not replay), snapshots, and retries: two writers on one line wait
// for the row lock in the database instead of conflicting.
type floor struct {
	pool             *pgxpool.Pool
	lines, facts     string
	data             []byte
	hash             string
	updateThenInsert string
}

func newFloor(ctx context.Context, pool *pgxpool.Pool, schema string, store credit.Store) (*floor, error) {
	f := &floor{pool: pool, lines: pgx.Identifier{schema, "floor_lines"}.Sanitize(), facts: pgx.Identifier{schema, "floor_facts"}.Sanitize()}
	for _, q := range []string{
		`CREATE TABLE ` + f.lines + ` (id text PRIMARY KEY, lim bigint NOT NULL, used bigint NOT NULL, version bigint NOT NULL)`,
		`CREATE TABLE ` + f.facts + ` (
			line      text   NOT NULL,
			version   bigint NOT NULL,
			data      bytea  NOT NULL,
			idem_key  text   NOT NULL,
			idem_hash text   NOT NULL,
			PRIMARY KEY (line, version)
		)`,
		`CREATE UNIQUE INDEX floor_facts_idem_key ON ` + f.facts + ` (line, idem_key)`,
	} {
		if _, err := pool.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("the floor's tables: %w", err)
		}
	}
	f.updateThenInsert = `WITH u AS (UPDATE ` + f.lines + ` SET used = used + $2, version = version + 1 WHERE id = $1 AND used + $2 <= lim RETURNING version)
		INSERT INTO ` + f.facts + ` (line, version, data, idem_key, idem_hash) SELECT $1, version, $3, $4, $5 FROM u`

	// One authorization through the engine, for the bytes of its fact.
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		return nil, err
	}
	const line = "sample"
	if err := openLines(ctx, e, []string{line}); err != nil {
		return nil, err
	}
	key := "d64-63-123456" // as long as most keys of a run
	if _, err := e.Authorize(ctx, credit.Authorize{Key: key, Line: line, Purchase: key, Amount: cny(amountFen), Merchant: shop}); err != nil {
		return nil, err
	}
	recs, err := store.Load(ctx, line, 1)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 || !strings.Contains(string(recs[0].Data), `"authorized"`) {
		return nil, errors.New("the sample line does not end with one authorization")
	}
	f.data = recs[0].Data
	f.hash = strings.Repeat("0", 22) // as long as the engine's command hashes
	return f, nil
}

// open adds lines of the same limit as the engine's.
func (f *floor) open(ctx context.Context, ids []string) error {
	_, err := f.pool.Exec(ctx, `INSERT INTO `+f.lines+` (id, lim, used, version) SELECT unnest($1::text[]), $2, 0, 1`, ids, int64(limitFen))
	return err
}

// authorize is one authorization of the floor: nil when approved.
func (f *floor) authorize(ctx context.Context, line, key string) error {
	tag, err := f.pool.Exec(ctx, f.updateThenInsert, line, int64(amountFen), f.data, key, f.hash)
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 1 {
		return errors.New("declined: over the limit")
	}
	return nil
}

// check checks that the lines used done authorizations in all, each with
// its fact, and returns the facts on the busiest line (with the opening,
// as the engine counts them).
func (f *floor) check(ctx context.Context, ids []string, done int) (int, error) {
	var used, facts, most int64
	if err := f.pool.QueryRow(ctx, `SELECT coalesce(sum(used), 0), coalesce(max(version), 0) FROM `+f.lines+` WHERE id = ANY($1)`, ids).Scan(&used, &most); err != nil {
		return 0, err
	}
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM `+f.facts+` WHERE line = ANY($1)`, ids).Scan(&facts); err != nil {
		return 0, err
	}
	if used != int64(done)*amountFen || facts != int64(done) {
		return 0, fmt.Errorf("the floor's lines used %d fen and keep %d facts, after %d approved authorizations of %d", used, facts, done, amountFen)
	}
	return int(most), nil
}
