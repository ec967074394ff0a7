package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/examples/postgres/pgstore"
	"github.com/justspend/justspend/money"
)

// pool connects to the server named by JUSTSPEND_POSTGRES_URL, or skips
// the test when none is given (.ci/run always gives one).
func pool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	url := os.Getenv("JUSTSPEND_POSTGRES_URL")
	if url == "" {
		t.Skip("JUSTSPEND_POSTGRES_URL is not set: no PostgreSQL server to test against")
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 32
	p, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

var schemas atomic.Int64

// newStore returns a store in a schema of its own, dropped when the test
// ends, and the schema's name.
func newStore(t *testing.T, p *pgxpool.Pool) (*pgstore.Store, string) {
	t.Helper()
	ctx := context.Background()
	schema := fmt.Sprintf("pgstore_test_%d_%d", os.Getpid(), schemas.Add(1))
	s, err := pgstore.New(ctx, p, schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := p.Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	return s, schema
}

// TestConformance runs the library's Store conformance suite against a
// real PostgreSQL server.
func TestConformance(t *testing.T) {
	p := pool(t)
	credittest.RunStoreTests(t, func() credit.Store { s, _ := newStore(t, p); return s })
}

func cny(fen int64) money.Amount { return money.FromMinor(fen, money.CNY) }

// TestConcurrentAuthorizations runs the library's concurrency test (64
// goroutines on one line) against a real PostgreSQL server.
func TestConcurrentAuthorizations(t *testing.T) {
	store, _ := newStore(t, pool(t))
	approved := credittest.RunConcurrentAuthorizations(t, store)
	t.Logf("approved %d of 11014000 asked, on PostgreSQL", approved)
}

// TestKeysInTheirColumns: each keyed fact's idempotency key and command
// hash are in their columns, and the database refuses a second fact with
// the same key on a line even from a writer that skips the engine.
func TestKeysInTheirColumns(t *testing.T) {
	p := pool(t)
	store, schema := newStore(t, p)
	ctx := context.Background()
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: credittest.NewClock(time.Date(2015, 1, 5, 10, 0, 0, 0, time.UTC)), Products: credit.Presets()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Pay(ctx, credit.Payment{Key: "pay-1", Line: "L", Amount: cny(100)}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := p.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{schema, "journal"}.Sanitize()+` WHERE idem_key = 'pay-1' AND length(idem_hash) = 22`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows with key pay-1 and its hash: %d, %v", n, err)
	}
	recs, err := store.Load(ctx, "L", 0)
	if err != nil {
		t.Fatal(err)
	}
	last := recs[len(recs)-1]
	forged := credit.Record{Version: last.Version + 1, Data: last.Data} // the same fact again, same key
	if err := store.Append(ctx, "L", last.Version, []credit.Record{forged}); err == nil {
		t.Error("the database took a second fact with key pay-1")
	}
}
