package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// TestLoad runs the load program briefly against the server named by
// JUSTSPEND_POSTGRES_URL (skipped when there is none; .ci/run always gives
// one): every scenario must complete, and its figures must be sane. It
// asserts nothing about speed.
func TestLoad(t *testing.T) {
	url := os.Getenv("JUSTSPEND_POSTGRES_URL")
	if url == "" {
		t.Skip("JUSTSPEND_POSTGRES_URL is not set: no PostgreSQL server to run against")
	}
	const count = 12
	cfg := config{url: url, schema: "justspend_load_test", clients: []int{1, 8}, count: count, perLine: 30, retries: 10_000}
	var out bytes.Buffer
	results, err := run(context.Background(), &out, cfg)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 4*len(cfg.clients) {
		t.Fatalf("%d results, want %d", len(results), 4*len(cfg.clients))
	}
	for _, r := range results {
		switch {
		case r.auths != r.clients*count || r.failed != 0:
			t.Errorf("%s, %d clients: %d approved and %d failed, want %d approved", r.scenario, r.clients, r.auths, r.failed, r.clients*count)
		case r.elapsed <= 0 || r.rate() <= 0 || r.p50 <= 0 || r.p50 > r.p99:
			t.Errorf("%s, %d clients: %v elapsed, %.0f/s, p50 %v, p99 %v", r.scenario, r.clients, r.elapsed, r.rate(), r.p50, r.p99)
		case r.floorRate <= 0:
			t.Errorf("%s, %d clients: no floor to compare with", r.scenario, r.clients)
		case r.statements < int64(r.auths):
			// The engine appends at the version it has cached: one
			// statement an authorization, more only on a conflict or a
			// line it has not read yet.
			t.Errorf("%s, %d clients: %d statements for %d authorizations", r.scenario, r.clients, r.statements, r.auths)
		case r.perLineAtEnd < 2 || r.perLineAtEnd > cfg.perLine+1:
			t.Errorf("%s, %d clients: %d facts on the busiest line, want 2 to %d", r.scenario, r.clients, r.perLineAtEnd, cfg.perLine+1)
		}
	}
	rows := 0
	for _, line := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(line); len(f) > 0 && (strings.HasPrefix(f[0], "engine/") || strings.HasPrefix(f[0], "floor/")) {
			rows++
		}
	}
	if rows != len(results) {
		t.Errorf("the table shows %d rows of %d", rows, len(results))
	}
}
