// Command shopapi is a small HTTP service over the credit Engine: the JSON
// API a shop's checkout, order and account pages would call. It keeps its
// lines in the library's in-memory store (package memstore), so it
// forgets everything when it stops and must run as a single process; swap
// in a Store on your own database (see examples/postgres) for anything
// real.
//
//	go run ./examples/shopapi -addr localhost:8080
//	go run ./examples/shopapi -addr localhost:8080 -now 2014-12-10T09:00:00+08:00
//
// Endpoints (README.md has the details and a curl script, demo.sh):
//
//	POST /lines                                       open a line
//	GET  /lines/{line}                                the line
//	GET  /lines/{line}/balances                       its balances
//	POST /lines/{line}/purchases                      checkout: authorize and capture
//	POST /lines/{line}/purchases/{purchase}/delivery  the shopper confirms receipt
//	POST /lines/{line}/purchases/{purchase}/refunds   the merchant refunds
//	POST /lines/{line}/payments                       the holder repays
//	GET  /lines/{line}/statements[/latest]            statements
//	GET  /lines/{line}/payoff                         what paying everything off takes today
//	GET  /clock, PUT /clock                           the server's clock (PUT only when pinned)
//
// Every POST needs an Idempotency-Key header. The server runs on the
// system clock, or, with -now (or SHOPAPI_NOW), on a clock pinned at that
// instant that PUT /clock moves: for tests and demos.
//
// Without -addr it prints its usage and exits 0: CI runs every program
// under examples/ and expects each to finish.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	flags := flag.NewFlagSet("shopapi", flag.ExitOnError)
	addr := flags.String("addr", "", "address to listen on, such as localhost:8080 (127.0.0.1:0 picks a free port)")
	now := flags.String("now", os.Getenv("SHOPAPI_NOW"), "pin the clock at this RFC 3339 instant (default $SHOPAPI_NOW; empty: the system clock)")
	_ = flags.Parse(os.Args[1:]) // ExitOnError
	if *addr == "" {
		fmt.Println("usage: shopapi -addr HOST:PORT [-now RFC3339]")
		fmt.Println()
		flags.SetOutput(os.Stdout)
		flags.PrintDefaults()
		fmt.Println()
		fmt.Println("See examples/shopapi/README.md for the endpoints.")
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *now, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "shopapi:", err)
		os.Exit(1)
	}
}

// run serves the API on addr until ctx is done, then shuts down. It
// prints the URL it listens on to out as soon as it does, so that a
// script can start it on port 0 and read the port back.
func run(ctx context.Context, addr, now string, out io.Writer) error {
	clock, err := clockFrom(now)
	if err != nil {
		return err
	}
	s, err := newServer(clock)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(out, "shopapi: listening on http://%s (%s)\n", ln.Addr(), describeClock(s.pinned))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
