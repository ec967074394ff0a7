// Command benchtable reads the output of the benchmark suite (go test
// -bench, any -count) on standard input and prints the README's table:
// each measured path with its target, the median of its runs, its
// allocations, and its ratio to the baseline measured in the same run.
// .ci/bench runs it; it is not part of the library.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// row is one line of the table.
type row struct {
	what     string
	bench    string  // the benchmark's name, without its -GOMAXPROCS suffix
	unit     string  // the figure: "ns/op", or a metric the benchmark reports
	target   float64 // the figure's target; 0 for none
	atMost   bool    // the target is an upper bound (else a lower bound)
	baseline string  // a benchmark of the same unit to divide by, if any
	maxRatio float64 // the most the ratio to the baseline may be; 0 for no such target
	minRatio float64 // the least it may be; 0 for no such target
	note     string
}

// rows are the targets the issues set, in the order of the packages.
var rows = []row{
	{what: "money: add two amounts", bench: "BenchmarkAdd", unit: "ns/op", target: 5, atMost: true},
	{what: "money: multiply by a rate, round half even", bench: "BenchmarkMulRateHalfEven", unit: "ns/op", target: 30, atMost: true},
	{what: "money: split into 12 (Alipay's rule)", bench: "BenchmarkSplit12", unit: "ns/op", target: 150, atMost: true},
	{what: "money: (a + b) × rate, rounded", bench: "BenchmarkPipeline", unit: "ns/op", baseline: "BenchmarkPipelineDecimal", maxRatio: 0.1,
		note: "baseline: the same with shopspring/decimal"},
	{what: "money: the same in bare int64 (the floor)", bench: "BenchmarkPipelineInt64", unit: "ns/op", baseline: "BenchmarkPipeline",
		note: "ratio: the floor over ours"},
	{what: "calendar: is a day a working day in China", bench: "BenchmarkChinaIsWorkingDay", unit: "ns/op", target: 20, atMost: true,
		baseline: "BenchmarkRickarIsWorkday", note: "baseline: rickar/cal's holiday scan"},
	{what: "calendar: add months", bench: "BenchmarkAddMonths", unit: "ns/op", target: 100, atMost: true},
	{what: "calendar: add 30 working days", bench: "BenchmarkAddWorkingDays30", unit: "ns/op", target: 1000, atMost: true},
	{what: "billing: 12-period installment schedule", bench: "BenchmarkSchedule12", unit: "ns/op", target: 1000, atMost: true},
	{what: "billing: its annualized rate", bench: "BenchmarkAnnualizedRate12", unit: "ns/op", target: 5000, atMost: true},
	{what: "billing: 360-period annuity schedule", bench: "BenchmarkAnnuitySchedule360", unit: "ns/op", target: 40000, atMost: true},
	{what: "billing: close a statement of 20 transactions", bench: "BenchmarkCloseStatement20", unit: "ns/op", target: 5000, atMost: true},
	{what: "billing: one day's accrual", bench: "BenchmarkAccrueOneDay", unit: "ns/op", target: 50, atMost: true},
	{what: "credit: authorization decision (Decide)", bench: "BenchmarkDecide", unit: "ns/op", target: 300, atMost: true},
	{what: "credit: authorization through the Engine, commit included", bench: "BenchmarkEngineAuthorize", unit: "ns/op", target: 2500, atMost: true,
		baseline: "BenchmarkAuthorizeBaseline", note: "baseline: a mutex-guarded map of decimal balances"},
	{what: "credit: the same against the floor", bench: "BenchmarkEngineAuthorize", unit: "ns/op", baseline: "BenchmarkAuthorizeFloor", maxRatio: 5,
		note: "baseline: a map lookup, a few int64 operations and a 200-byte append"},
	{what: "credit: the same, many lines, all cores", bench: "BenchmarkEngineAuthorizeParallel", unit: "ns/op", baseline: "BenchmarkEngineAuthorize",
		maxRatio: 1 / 1.7, note: "the time of one over the serial time: at most 1/1.7 on 2 cores"},
	{what: "credit: one hot line, 8 goroutines", bench: "BenchmarkEngineAuthorizeHotLine", unit: "ns/op", baseline: "BenchmarkEngineAuthorize",
		note: "baseline: one goroutine, many lines"},
	{what: "credit: month-end, 10,000 lines", bench: "BenchmarkMonthEnd/lines=10000", unit: "lines/s"},
	{what: "credit: month-end, 100,000 lines", bench: "BenchmarkMonthEnd/lines=100000", unit: "lines/s"},
	{what: "credit: month-end, 1,000,000 lines", bench: "BenchmarkMonthEnd/lines=1000000", unit: "lines/s", target: 250000,
		note: "target: 1,000,000 lines in 4 s"},
	{what: "credit: its rate over the rate at 10,000 lines", bench: "BenchmarkMonthEnd/lines=1000000", unit: "lines/s", baseline: "BenchmarkMonthEnd/lines=10000",
		minRatio: 1 / 1.2, note: "target: a line costs at most 1.2× at a million what it does at 10,000"},
	{what: "credit: memory a line takes, 1,000,000 lines: the Engine's", bench: "BenchmarkMonthEnd/lines=1000000", unit: "engine-B/line", target: 2048, atMost: true,
		note: "target: 2 KiB for the line"},
	{what: "credit: and its journal in the in-memory store", bench: "BenchmarkMonthEnd/lines=1000000", unit: "journal-B/line"},
	{what: "credit: authorization on a warm line with 5,000 purchases behind it", bench: "BenchmarkHistoryAuthorize/purchases=5000", unit: "ns/op",
		baseline: "BenchmarkHistoryAuthorize/purchases=10", maxRatio: 1.5, note: "baseline: the same with 10"},
	{what: "credit: the same against a line of 1,000 purchases (106 open, 92 at 5,000)", bench: "BenchmarkHistoryAuthorize/purchases=5000", unit: "ns/op",
		baseline: "BenchmarkHistoryAuthorize/purchases=1000", note: "baseline: the same with 1,000: five times less history"},
	{what: "credit: payment on a warm line with 5,000 purchases behind it", bench: "BenchmarkHistoryPay/purchases=5000", unit: "ns/op",
		baseline: "BenchmarkHistoryPay/purchases=10", maxRatio: 1.5, note: "baseline: the same with 10"},
	{what: "credit: the same against a line of 1,000 purchases (106 open, 92 at 5,000)", bench: "BenchmarkHistoryPay/purchases=5000", unit: "ns/op",
		baseline: "BenchmarkHistoryPay/purchases=1000", note: "baseline: the same with 1,000: five times less history"},
	{what: "credit: first read of a line with 10,000 purchases (a new Engine)", bench: "BenchmarkColdLoad/purchases=10000", unit: "ns/op", target: 5e6, atMost: true},
	{what: "credit: its oldest key sent again, to a new Engine", bench: "BenchmarkOldestKeyReplay/purchases=10000/engine=fresh", unit: "ns/op", target: 1e6, atMost: true,
		note: "the first read included"},
	{what: "credit: and to an Engine that has the line", bench: "BenchmarkOldestKeyReplay/purchases=10000/engine=warm", unit: "ns/op", target: 1e6, atMost: true},
	{what: "credit: journal record of an authorization", bench: "BenchmarkJournalAuthorizationFact", unit: "journal-B/fact", target: 250, atMost: true},
	{what: "credit: snapshot of a line with 5,000 purchases", bench: "BenchmarkHistoryAuthorize/purchases=5000", unit: "snapshot-B"},
	{what: "credit: snapshot bytes saved a fact at that size", bench: "BenchmarkHistoryAuthorize/purchases=5000", unit: "snapshot-B/fact",
		note: "one snapshot every 64 facts"},
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, w io.Writer) error {
	runs, err := parse(in)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "| path | target | median | allocs/op | ratio to baseline | met |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range rows {
		v, ok := median(runs[r.bench][r.unit])
		if !ok {
			fmt.Fprintf(w, "| %s | %s | not measured | | | |\n", r.what, target(r))
			continue
		}
		allocs := ""
		if a, ok := median(runs[r.bench]["allocs/op"]); ok && r.unit == "ns/op" {
			allocs = strconv.FormatFloat(a, 'f', -1, 64)
		}
		ratio := ""
		if b, ok := median(runs[r.baseline][r.unit]); ok && b > 0 {
			ratio = fmt.Sprintf("%.3g×", v/b)
		}
		if r.note != "" {
			ratio = strings.TrimSpace(ratio + " (" + r.note + ")")
		}
		met := ""
		if r.target > 0 {
			met = "yes"
			if r.atMost && v > r.target || !r.atMost && v < r.target {
				met = "**no**"
			}
		}
		if b, ok := median(runs[r.baseline][r.unit]); ok && (r.maxRatio > 0 || r.minRatio > 0) {
			if met == "" {
				met = "yes"
			}
			if r.maxRatio > 0 && v/b > r.maxRatio || r.minRatio > 0 && v/b < r.minRatio {
				met = "**no**"
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.what, target(r), figure(v, r.unit), allocs, ratio, met)
	}
	return nil
}

// target writes a row's target.
func target(r row) string {
	var parts []string
	if r.target != 0 {
		op := "≥"
		if r.atMost {
			op = "≤"
		}
		parts = append(parts, op+" "+figure(r.target, r.unit))
	}
	switch {
	case r.maxRatio > 0:
		parts = append(parts, fmt.Sprintf("≤ %.3g× the baseline", r.maxRatio))
	case r.minRatio > 0:
		parts = append(parts, fmt.Sprintf("≥ %.3g× the baseline", r.minRatio))
	}
	return strings.Join(parts, " and ")
}

// figure writes a value in its unit, time in ns, µs or ms.
func figure(v float64, unit string) string {
	if unit != "ns/op" {
		return strconv.FormatFloat(v, 'f', 0, 64) + " " + unit
	}
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.3g ms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.3g µs", v/1e3)
	}
	return fmt.Sprintf("%.3g ns", v)
}

// parse reads benchmark lines: for each benchmark (without its
// -GOMAXPROCS suffix) and unit, the values of every run.
func parse(r io.Reader) (map[string]map[string][]float64, error) {
	runs := map[string]map[string][]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if runs[name] == nil {
			runs[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 { // after the name and the iteration count: value, unit pairs
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", sc.Text(), err)
			}
			runs[name][f[i+1]] = append(runs[name][f[i+1]], v)
		}
	}
	return runs, sc.Err()
}

// median returns the middle of vs (the mean of the two middle ones for an
// even count).
func median(vs []float64) (float64, bool) {
	if len(vs) == 0 {
		return 0, false
	}
	s := slices.Sorted(slices.Values(vs))
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2, true
	}
	return s[m], true
}
