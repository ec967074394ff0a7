package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sampleOutput = `goos: linux
goarch: amd64
pkg: github.com/justspend/justspend/money
cpu: Oxide Virtual Turin-like Processor             
BenchmarkAdd-2                	1000000000	         0.9012 ns/op	       0 B/op	       0 allocs/op
BenchmarkAdd-2                	1000000000	         1.100 ns/op	       0 B/op	       0 allocs/op
BenchmarkPipelineDecimal-2   	 1000000	       309.5 ns/op	     264 B/op	       9 allocs/op
PASS
ok  	github.com/justspend/justspend/money	3.021s
goos: linux
goarch: amd64
pkg: github.com/justspend/justspend/credit
cpu: Oxide Virtual Turin-like Processor             
BenchmarkAdd-16	     100	      3200 ns/op	    1696 B/op	       9 allocs/op
BenchmarkMonthEnd/lines=10000-2         	       1	 125774614 ns/op	      5535 engine-B/line	      3055 journal-B/line	     79508 lines/s	62627032 B/op	  272697 allocs/op
BenchmarkNoisy-2   	something the benchmark printed
more of it
  50	  20.5 ns/op	  8 B/op	  1 allocs/op
BenchmarkSingle	 2000	  1.5e+03 ns/op
BenchmarkLogs-2   	     100	      10 ns/op
    bench_test.go:12: 3 lines
PASS
ok  	github.com/justspend/justspend/credit	48.285s
`

func TestParse(t *testing.T) {
	rs, err := parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	const money, credit = module + "/money", module + "/credit"
	want := results{
		key(money, "BenchmarkAdd"):             {"ns/op": {0.9012, 1.1}, "B/op": {0, 0}, "allocs/op": {0, 0}},
		key(money, "BenchmarkPipelineDecimal"): {"ns/op": {309.5}, "B/op": {264}, "allocs/op": {9}},
		// The same name in another package is another benchmark.
		key(credit, "BenchmarkAdd"): {"ns/op": {3200}, "B/op": {1696}, "allocs/op": {9}},
		key(credit, "BenchmarkMonthEnd/lines=10000"): {"ns/op": {125774614}, "engine-B/line": {5535}, "journal-B/line": {3055},
			"lines/s": {79508}, "B/op": {62627032}, "allocs/op": {272697}},
		// Its name, what it printed, then its figures.
		key(credit, "BenchmarkNoisy"): {"ns/op": {20.5}, "B/op": {8}, "allocs/op": {1}},
		// Run with GOMAXPROCS 1: no suffix.
		key(credit, "BenchmarkSingle"): {"ns/op": {1500}},
		key(credit, "BenchmarkLogs"):   {"ns/op": {10}},
	}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Errorf("parse (-want +got):\n%s", diff)
	}
	if got := cpuOf([]byte(sampleOutput)); got != "Oxide Virtual Turin-like Processor" {
		t.Errorf("cpuOf = %q", got)
	}
}

func TestParseFailure(t *testing.T) {
	out := "pkg: x\nBenchmarkA-2   \t--- FAIL: BenchmarkA-2\n    a_test.go:3: boom\n"
	if _, err := parse(strings.NewReader(out)); err == nil || !strings.Contains(err.Error(), "BenchmarkA") {
		t.Errorf("a failed benchmark: err = %v", err)
	}
	out = "pkg: x\n--- FAIL: BenchmarkB\nFAIL\n"
	if _, err := parse(strings.NewReader(out)); err == nil {
		t.Error("a failed benchmark on its own line: no error")
	}
}

func TestTrimProcs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"BenchmarkAdd-2", "BenchmarkAdd"},
		{"BenchmarkAdd-128", "BenchmarkAdd"},
		{"BenchmarkAdd", "BenchmarkAdd"},
		{"BenchmarkMonthEnd/lines=10000-2", "BenchmarkMonthEnd/lines=10000"},
		{"BenchmarkX/a-b", "BenchmarkX/a-b"},
		{"BenchmarkX/a-b-4", "BenchmarkX/a-b"},
		{"BenchmarkX-", "BenchmarkX-"},
	} {
		if got := trimProcs(c.in); got != c.want {
			t.Errorf("trimProcs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPattern(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"BenchmarkDecide", "^BenchmarkDecide$"},
		{"BenchmarkMonthEnd/lines=10000", "^BenchmarkMonthEnd$/^lines=10000$"},
		{"BenchmarkX/a.b(c)", `^BenchmarkX$/^a\.b\(c\)$`},
	} {
		if got := (bench{name: c.name}).pattern(); got != c.want {
			t.Errorf("pattern of %q = %q, want %q", c.name, got, c.want)
		}
	}
}
