package main

import (
	"bytes"
	"testing"

	"github.com/justspend/justspend/internal/golden"
)

// TestCompareOutput runs the comparison and compares what it prints with
// the golden file. Its figures were checked by hand: Huabei's 3-period fee
// is 2.5% of 2,999.00 = 74.98 (half even); JD's is 0.5% of 2,999.00 =
// 15.00 a period, 45.00 in all; JD's order mode is due 30 days after the
// order (1 April); the pay-in-4 down payment is 25% of each price.
func TestCompareOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "compare", out.Bytes())
}
