package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// module is the import path the gated packages are under.
const module = "github.com/justspend/justspend"

// bench is one benchmark the gate runs.
type bench struct {
	pkg  string // the package, relative to the module: "credit"
	name string // its name, sub-benchmarks included: "BenchmarkMonthEnd/lines=10000"
	// benchtime is a fixed iteration count ("50000x"): each run does the
	// same work, so the allocations that amortize (a map that grows, a
	// batch of lines opened untimed) amortize alike and B/op repeats.
	benchtime string
}

// id names the benchmark in the figures and the table.
func (b bench) id() string { return b.pkg + "." + b.name }

// key is the benchmark's key in parsed results.
func (b bench) key() string { return key(module+"/"+b.pkg, b.name) }

// pattern is the -test.bench expression that selects exactly the
// benchmark: each element of its name anchored.
func (b bench) pattern() string {
	parts := strings.Split(b.name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexpQuote(p) + "$"
	}
	return strings.Join(parts, "/")
}

// regexpQuote escapes the characters a benchmark name may hold that
// regexp treats specially.
func regexpQuote(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// hotPath is one gated path: its benchmark, and the baseline its time is
// divided by, measured in the same round.
type hotPath struct {
	name     string
	bench    bench
	baseline bench
	// allocSlack is the fraction by which allocs/op may exceed the
	// figure; 0 (all but one path) means not at all.
	allocSlack float64
	// bytesSlack is the fraction by which B/op may exceed the figure; at
	// least bytesFloor bytes are allowed whatever it is.
	bytesSlack float64
	// timeBound, if not 0, replaces the default timeBound.
	timeBound float64
}

// bound is how many times its committed time ratio the path may reach.
func (p hotPath) bound() float64 {
	if p.timeBound > 0 {
		return p.timeBound
	}
	return timeBound
}

// The baselines: code that is not ours doing comparable work, so that a
// ratio to them cancels out the speed of the machine and its load.
const (
	authorizeBaselineName = "BenchmarkAuthorizeBaseline" // an authorization written the obvious way: a mutex-guarded map of shopspring/decimal balances
	decimalBaselineName   = "BenchmarkPipelineDecimal"   // (a + b) × rate, rounded, in shopspring/decimal
)

// bytesFloor is the least B/op may exceed its figure by: sync.Pool (emptied
// by a garbage collection that may fall in a run or not) and map growth
// move B/op by a few dozen bytes.
const bytesFloor = 64

// hotPaths are the hot paths of issue 15. Advance is gated twice: one
// line by a day (deterministic), and the month-end of 10,000 lines, whose
// allocations vary by up to 5% from run to run, hence its 10% slack; it
// runs on all cores (its baseline on one), so its time suffers most from a
// busy machine, hence its wider bound.
func hotPaths() []hotPath {
	authorizeBaseline := bench{"credit", authorizeBaselineName, "300000x"}
	decimalBaseline := bench{"money", decimalBaselineName, "300000x"}
	return []hotPath{
		{name: "authorize", bench: bench{"credit", "BenchmarkEngineAuthorize", "50000x"}, baseline: authorizeBaseline, bytesSlack: 0.10},
		{name: "pay", bench: bench{"credit", "BenchmarkEnginePay", "20000x"}, baseline: authorizeBaseline, bytesSlack: 0.10},
		{name: "advance (a line by a day)", bench: bench{"credit", "BenchmarkEngineAdvance", "7200x"}, baseline: authorizeBaseline, bytesSlack: 0.10},
		{name: "Decide", bench: bench{"credit", "BenchmarkDecide", "5000000x"}, baseline: authorizeBaseline, bytesSlack: 0.10},
		{name: "advance (month-end, 10,000 lines)", bench: bench{"credit", "BenchmarkMonthEnd/lines=10000", "1x"}, baseline: authorizeBaseline,
			allocSlack: 0.10, bytesSlack: 0.10, timeBound: 4},
		{name: "MulRate", bench: bench{"money", "BenchmarkMulRateHalfEven", "10000000x"}, baseline: decimalBaseline, bytesSlack: 0.10},
		{name: "schedule (12 periods)", bench: bench{"billing", "BenchmarkSchedule12", "200000x"}, baseline: decimalBaseline, bytesSlack: 0.10},
	}
}

// timeBound is how many times its committed ratio to the baseline a path's
// time may reach, by default: generous, since the two run at different
// moments on a shared machine and may not scale alike from one CPU to
// another.
const timeBound = 3.0

// figuresFile is the committed figures.
type figuresFile struct {
	Comment string   `json:"comment"`
	Go      string   `json:"go"`
	CPU     string   `json:"cpu,omitempty"`
	Rounds  int      `json:"rounds"`
	Paths   []figure `json:"paths"`
}

// figure is one path's committed figures.
type figure struct {
	Path      string `json:"path"`
	Benchmark string `json:"benchmark"`
	Benchtime string `json:"benchtime"`
	Allocs    int64  `json:"allocs_per_op"`
	Bytes     int64  `json:"bytes_per_op"`
	Baseline  string `json:"baseline"`
	// TimeRatio is the median over the rounds of the path's ns/op over
	// the baseline's in the same round.
	TimeRatio float64 `json:"time_ratio"`
}

const figuresComment = "Written by go run ./internal/benchgate -update; checked by .ci/run. " +
	"allocs_per_op must not grow, bytes_per_op may grow by a little, time_ratio (the path's time over its baseline's, " +
	"measured in the same run) to three times its figure (four times for the month-end). Rewrite them when a change moves them on purpose."

func readFigures(name string) (*figuresFile, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var f figuresFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &f, nil
}

func writeFigures(name string, f *figuresFile) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644)
}

// find returns the committed figure for a path, or nil.
func (f *figuresFile) find(path string) *figure {
	if f == nil {
		return nil
	}
	for i := range f.Paths {
		if f.Paths[i].Path == path {
			return &f.Paths[i]
		}
	}
	return nil
}

// measured is what the rounds gave for one path, one value a round.
type measured struct {
	allocs, bytes []float64
	ns, baseNs    []float64
}

// measure picks a path's values out of the results. base, if any, are the
// baseline's times to pair with the path's, one a round; without, they are
// the baseline's in the results.
func measure(p hotPath, rs results, base []float64) (measured, error) {
	get := func(b bench, unit string) ([]float64, error) {
		vs := rs[b.key()][unit]
		if len(vs) == 0 {
			return nil, fmt.Errorf("no %s for %s in the benchmark output", unit, b.id())
		}
		return vs, nil
	}
	var m measured
	var err error
	if m.allocs, err = get(p.bench, "allocs/op"); err != nil {
		return m, err
	}
	if m.bytes, err = get(p.bench, "B/op"); err != nil {
		return m, err
	}
	if m.ns, err = get(p.bench, "ns/op"); err != nil {
		return m, err
	}
	if m.baseNs = base; base == nil {
		if m.baseNs, err = get(p.baseline, "ns/op"); err != nil {
			return m, err
		}
	}
	return m, nil
}

// ratio is the median over the rounds of the path's time over its
// baseline's in the same round (the i-th value of each; with unequal
// counts, the shorter).
func (m measured) ratio() float64 {
	var rs []float64
	for i := range min(len(m.ns), len(m.baseNs)) {
		if m.baseNs[i] > 0 {
			rs = append(rs, m.ns[i]/m.baseNs[i])
		}
	}
	return median(rs)
}

// figure returns the measured figures in committable form.
func (m measured) figure(p hotPath) figure {
	return figure{
		Path:      p.name,
		Benchmark: p.bench.id(),
		Benchtime: p.bench.benchtime,
		Allocs:    int64(math.Round(median(m.allocs))),
		Bytes:     int64(math.Round(median(m.bytes))),
		Baseline:  p.baseline.id(),
		TimeRatio: roundSig(m.ratio(), 3),
	}
}

// verdict is the outcome of one check.
type verdict int

const (
	pass       verdict = iota
	improved           // better than the figures by more than the slack: the figures should be updated
	regression         // worse than the bound
)

// check is one figure of one path, compared.
type check struct {
	path, what string
	figure     float64 // committed
	got        float64 // measured
	limit      float64 // the most got may be
	verdict    verdict
	missing    string // why there is nothing to compare to, if so
}

// message explains a check that did not pass.
func (c check) message() string {
	switch {
	case c.missing != "":
		return fmt.Sprintf("%s: %s", c.path, c.missing)
	case c.verdict == regression:
		return fmt.Sprintf("%s: %s regressed: %s, the figures say %s (at most %s allowed): %s",
			c.path, c.what, num(c.got), num(c.figure), num(c.limit), change(c.figure, c.got))
	case c.verdict == improved:
		return fmt.Sprintf("%s: %s improved: %s, the figures say %s: %s; update the figures",
			c.path, c.what, num(c.got), num(c.figure), change(c.figure, c.got))
	}
	return ""
}

// change writes the difference from a to b, absolute and relative.
func change(a, b float64) string {
	s := num(roundSig(b-a, 3))
	if b >= a {
		s = "+" + s
	}
	if a != 0 {
		s += fmt.Sprintf(" (%+.1f%%)", (b-a)/a*100)
	}
	return s
}

// compare checks a path's measured values against its committed figure.
// Allocations must not exceed the figure by more than the path's slack
// (none for most), bytes by more than its slack or bytesFloor, whichever
// is more, and the time ratio by more than the path's bound times.
func compare(p hotPath, f *figure, m measured) []check {
	bound := p.bound()
	got := m.figure(p)
	if f == nil {
		return []check{{path: p.name, what: "figures", verdict: regression, missing: "no committed figures: run go run ./internal/benchgate -update"}}
	}
	if f.Benchmark != got.Benchmark || f.Baseline != got.Baseline || f.Benchtime != got.Benchtime {
		return []check{{path: p.name, what: "figures", verdict: regression, missing: fmt.Sprintf(
			"the figures are for %s at %s over %s, the gate runs %s at %s over %s: run go run ./internal/benchgate -update",
			f.Benchmark, f.Benchtime, f.Baseline, got.Benchmark, got.Benchtime, got.Baseline)}}
	}
	allocs := check{path: p.name, what: "allocs/op", figure: float64(f.Allocs), got: float64(got.Allocs)}
	slack := math.Floor(allocs.figure * p.allocSlack)
	allocs.limit = allocs.figure + slack
	allocs.verdict = judge(allocs.got, allocs.figure, slack)

	bytes := check{path: p.name, what: "B/op", figure: float64(f.Bytes), got: float64(got.Bytes)}
	slack = math.Max(math.Ceil(bytes.figure*p.bytesSlack), bytesFloor)
	bytes.limit = bytes.figure + slack
	bytes.verdict = judge(bytes.got, bytes.figure, slack)

	ratio := check{path: p.name, what: "time ratio to " + f.Baseline, figure: f.TimeRatio, got: got.TimeRatio}
	ratio.limit = roundSig(f.TimeRatio*bound, 3)
	switch {
	case got.TimeRatio > ratio.limit:
		ratio.verdict = regression
	case got.TimeRatio < f.TimeRatio/bound:
		ratio.verdict = improved
	}
	return []check{allocs, bytes, ratio}
}

// judge says whether got is within slack above want, and whether it is
// below want by more than slack (or at all, with no slack).
func judge(got, want, slack float64) verdict {
	switch {
	case got > want+slack:
		return regression
	case got < want-slack, slack == 0 && got < want:
		return improved
	}
	return pass
}

// report prints the table of paths and their checks, then what did not
// pass, and says how many regressed.
func report(w io.Writer, ps []hotPath, ms []measured, checks [][]check) (regressions int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "path\tbenchmark\tallocs/op\tB/op\ttime/op\tbaseline\tratio\tverdict\t")
	for i, p := range ps {
		m := ms[i]
		got := m.figure(p)
		cs := checks[i]
		cell := func(c check, v string) string {
			if c.missing != "" {
				return v
			}
			return fmt.Sprintf("%s (%s, ≤ %s)", v, num(c.figure), num(c.limit))
		}
		var a, b, r string
		if len(cs) == 3 {
			a, b, r = cell(cs[0], num(float64(got.Allocs))), cell(cs[1], num(float64(got.Bytes))), cell(cs[2], num(got.TimeRatio))
		} else {
			a, b, r = num(float64(got.Allocs)), num(float64(got.Bytes)), num(got.TimeRatio)
		}
		v := "ok"
		for _, c := range cs {
			switch {
			case c.verdict == regression:
				v = "REGRESSION"
			case c.verdict == improved && v == "ok":
				v = "improved"
			}
		}
		if spread := spreadNote(m); spread != "" {
			a += " " + spread
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s %s\t%s\t%s\t\n", p.name, p.bench.id(), a, b, duration(median(m.ns)),
			p.baseline.id(), duration(median(m.baseNs)), r, v)
	}
	tw.Flush()
	fmt.Fprintln(w, "(in brackets: the committed figure, and the most allowed)")

	var improvements int
	for _, cs := range checks {
		for _, c := range cs {
			if c.verdict == regression {
				regressions++
				fmt.Fprintln(w, "REGRESSION", c.message())
			}
		}
	}
	for _, cs := range checks {
		for _, c := range cs {
			if c.verdict == improved {
				improvements++
				fmt.Fprintln(w, "improved:", c.message())
			}
		}
	}
	if improvements > 0 {
		fmt.Fprintln(w, "to update the figures: go run ./internal/benchgate -update, and commit .ci/bench-figures.json")
	}
	return regressions
}

// spreadNote says when a path's allocations or bytes were not the same in
// every round.
func spreadNote(m measured) string {
	lo, hi := slices.Min(m.allocs), slices.Max(m.allocs)
	if lo == hi {
		return ""
	}
	return fmt.Sprintf("[%s..%s]", num(lo), num(hi))
}

// median returns the middle of vs (the mean of the two middle ones for an
// even count), or NaN for none.
func median(vs []float64) float64 {
	if len(vs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(vs))
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', n, 64), 64)
	return f
}

// num writes a figure briefly.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// duration writes nanoseconds in ns, µs, ms or s, to 3 digits.
func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.3gs", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3gms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3gµs", ns/1e3)
	}
	return fmt.Sprintf("%.3gns", ns)
}
