package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/justspend/justspend/internal/golden"
)

// TestExampleOutput runs the example against the server named by
// JUSTSPEND_POSTGRES_URL (skipped when there is none; .ci/run always gives
// one) and compares what it prints with the golden file.
func TestExampleOutput(t *testing.T) {
	url := os.Getenv("JUSTSPEND_POSTGRES_URL")
	if url == "" {
		t.Skip("JUSTSPEND_POSTGRES_URL is not set: no PostgreSQL server to run against")
	}
	var out bytes.Buffer
	if err := run(context.Background(), &out, url, "justspend_example_test"); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "postgres", out.Bytes())
}
