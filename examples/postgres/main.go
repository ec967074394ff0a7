// Command postgres runs justspend on a real PostgreSQL database through
// the small Store interface, implemented in package pgstore: two engines
// (as two processes of a host would) share one database, a command sent
// twice with its key is carried out once, and the journal is plain rows a
// DBA can read.
//
//	go run . -db 'postgres://user@localhost:5432/dbname?sslmode=disable'
//
// (or set JUSTSPEND_POSTGRES_URL). It works in a schema of its own,
// justspend_example, which it drops first and leaves behind for a look.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/examples/postgres/pgstore"
	"github.com/justspend/justspend/money"
)

func main() {
	url := flag.String("db", os.Getenv("JUSTSPEND_POSTGRES_URL"), "the PostgreSQL server's URL")
	flag.Parse()
	if *url == "" {
		fmt.Fprintln(os.Stderr, "postgres: give the database with -db or JUSTSPEND_POSTGRES_URL")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, *url, "justspend_example"); err != nil {
		fmt.Fprintln(os.Stderr, "postgres:", err)
		os.Exit(1)
	}
}

var beijing = time.FixedZone("CST", 8*3600)

func rmb(fen int64) money.Amount { return money.FromMinor(fen, money.CNY) }

func run(ctx context.Context, w io.Writer, url, schema string) error {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
		return err
	}
	store, err := pgstore.New(ctx, pool, schema)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "A store in schema %s: tables journal (line, version) and snapshot.\n\n", schema)

	// Two engines on one database, as two processes of a host would run.
	clock := credittest.NewClock(time.Date(2014, 12, 18, 10, 0, 0, 0, beijing))
	newEngine := func() (*credit.Engine, error) {
		return credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	}
	web, err := newEngine()
	if err != nil {
		return err
	}
	worker, err := newEngine()
	if err != nil {
		return err
	}
	shop := credit.Merchant{ID: "tmall-xiaomi", Enrolled: true, Category: "electronics"}

	if _, err := web.OpenLine(ctx, credit.OpenLine{Key: "open-1", Line: "line-1", Holder: "Wang", Product: "huabei-2014", Limit: rmb(3000000)}); err != nil {
		return err
	}
	checkout := credit.Authorize{Key: "auth-1", Line: "line-1", Purchase: "order-1", Amount: rmb(249900), Merchant: shop}
	d, err := web.Authorize(ctx, checkout)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "web:    authorize order-1 for %v: approved %v, %v available after\n", checkout.Amount, d.Approved, d.AvailableAfter)
	// The checkout page times out and the shopper's browser sends the same
	// request again; the other engine answers it from the journal.
	again, err := worker.Authorize(ctx, checkout)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "worker: the same request again (key auth-1): approved %v, %v available after: the first answer, nothing held twice\n", again.Approved, again.AvailableAfter)
	checkout.Amount = rmb(9900)
	if _, err := worker.Authorize(ctx, checkout); errors.Is(err, credit.ErrIdempotencyMismatch) {
		fmt.Fprintln(w, "worker: key auth-1 with another amount: refused,", err)
	} else {
		return fmt.Errorf("a reused key with another payload was not refused: %v", err)
	}
	if _, err := worker.Capture(ctx, credit.PurchaseCommand{Key: "cap-1", Line: "line-1", Purchase: "order-1", Amount: rmb(249900)}); err != nil {
		return err
	}
	clock.Set(time.Date(2014, 12, 20, 15, 0, 0, 0, beijing))
	if _, err := web.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "dlv-1", Line: "line-1", Purchase: "order-1"}); err != nil {
		return err
	}
	clock.Set(time.Date(2015, 1, 1, 0, 0, 0, 0, beijing)) // midnight: the month-end run
	jan1, _ := calendar.ParseDate("2015-01-01")
	l, err := worker.Advance(ctx, "line-1", jan1)
	if err != nil {
		return err
	}
	st := l.Statements[len(l.Statements)-1]
	fmt.Fprintf(w, "worker: month-end run: statement %s, %v due by %s, minimum %v\n", st.Date, st.Balance, st.Due, st.Minimum)
	clock.Set(time.Date(2015, 1, 9, 20, 0, 0, 0, beijing))
	b, err := web.Pay(ctx, credit.Payment{Key: "pay-1", Line: "line-1", Amount: st.Balance})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "web:    paid %v: %v available\n\n", st.Balance, b.Available)

	fmt.Fprintln(w, "The journal, as rows in PostgreSQL:")
	rows, err := pool.Query(ctx, `SELECT version, convert_from(data, 'UTF8')::json->>'kind', coalesce(idem_key, ''), length(data)
		FROM `+pgx.Identifier{schema, "journal"}.Sanitize()+` WHERE line = 'line-1' ORDER BY version`)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "version\tfact\tidempotency key\tbytes")
	for rows.Next() {
		var version int64
		var kind, key string
		var size int
		if err := rows.Scan(&version, &kind, &key, &size); err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\n", version, kind, key, size)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return tw.Flush()
}
