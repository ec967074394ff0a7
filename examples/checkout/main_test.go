package main

import (
	"bytes"
	"testing"

	"github.com/justspend/justspend/internal/golden"
)

// TestCheckoutOutput runs the story and compares what it prints with the
// golden file, whose figures the program's closing lines check by hand.
func TestCheckoutOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "checkout", out.Bytes())
}
