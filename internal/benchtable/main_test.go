package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkAdd-2   	1000000000	         0.90 ns/op	       0 B/op	       0 allocs/op
BenchmarkAdd-2   	1000000000	         1.10 ns/op	       0 B/op	       0 allocs/op
BenchmarkAdd-2   	1000000000	         9.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkPipeline-2   	 100	        12.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkPipelineDecimal-2   	 100	       240 ns/op	     264 B/op	       9 allocs/op
BenchmarkEngineAuthorize-2   	 100	      3200 ns/op	    1696 B/op	       9 allocs/op
BenchmarkEngineAuthorize-2   	 100	      3400 ns/op	    1696 B/op	       9 allocs/op
BenchmarkAuthorizeBaseline-2 	 100	       200 ns/op	      98 B/op	       2 allocs/op
BenchmarkMonthEnd/lines=1000000-2   	1	6563964418 ns/op	      5268 engine-B/line	      2917 journal-B/line	    152347 lines/s	4851737888 B/op	32848754 allocs/op
BenchmarkHistoryAuthorize/purchases=10-2   	    2000	     20000 ns/op	         0 snapshot-B	         0 snapshot-B/fact	    6696 B/op	      30 allocs/op
BenchmarkHistoryAuthorize/purchases=5000-2 	    2000	     25000 ns/op	   8067908 snapshot-B	    117077 snapshot-B/fact	  530512 B/op	    3833 allocs/op
BenchmarkHistoryPay/purchases=10-2         	    2000	     16000 ns/op	    8403 B/op	      31 allocs/op
BenchmarkHistoryPay/purchases=5000-2       	    2000	   2200000 ns/op	  539648 B/op	    3789 allocs/op
BenchmarkJournalAuthorizationFact-2        	    3	     31029 ns/op	       576.3 journal-B/fact	    4437 B/op	      25 allocs/op
PASS
`

// TestTable: medians of several runs, ratios to the baseline of the same
// run, targets met and missed (a target on the ratio among them, with
// sub-benchmarks), metrics other than time, and rows with nothing
// measured.
func TestTable(t *testing.T) {
	var out bytes.Buffer
	if err := run(strings.NewReader(sample), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"| money: add two amounts | ≤ 5 ns | 1.1 ns | 0 |  | yes |", // the median of 0.9, 1.1, 9
		"| money: (a + b) × rate, rounded | ≤ 0.1× the baseline | 12 ns | 0 | 0.05× (baseline: the same with shopspring/decimal) | yes |",
		"| credit: authorization through the Engine, commit included | ≤ 2.5 µs | 3.3 µs | 9 | 16.5× (baseline: a mutex-guarded map of decimal balances) | **no** |",
		"| credit: month-end, 1,000,000 lines | ≥ 250000 lines/s | 152347 lines/s |  | (target: 1,000,000 lines in 4 s) | **no** |",
		"| credit: memory a line takes, 1,000,000 lines: the Engine's | ≤ 2048 engine-B/line | 5268 engine-B/line |  | (target: 2 KiB for the line) | **no** |",
		"| calendar: add months | ≤ 100 ns | not measured | | | |",
		"| credit: authorization on a warm line with 5,000 purchases behind it | ≤ 1.5× the baseline | 25 µs | 3833 | 1.25× (baseline: the same with 10) | yes |",
		"| credit: payment on a warm line with 5,000 purchases behind it | ≤ 1.5× the baseline | 2.2 ms | 3789 | 138× (baseline: the same with 10) | **no** |",
		"| credit: snapshot of a line with 5,000 purchases |  | 8067908 snapshot-B |  |  |  |",
		"| credit: journal record of an authorization | ≤ 250 journal-B/fact | 576 journal-B/fact |  |  | **no** |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks\n%s\n\ngot:\n%s", want, got)
		}
	}
}

func TestBadInput(t *testing.T) {
	if err := run(strings.NewReader("BenchmarkX-2 1 abc ns/op\n"), &bytes.Buffer{}); err == nil {
		t.Error("a malformed figure was accepted")
	}
}
