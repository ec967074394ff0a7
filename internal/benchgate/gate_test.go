package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// authorize is a path as the gate defines them, for the tests.
var authorize = hotPath{name: "authorize", bench: bench{"credit", "BenchmarkEngineAuthorize", "50000x"},
	baseline: bench{"credit", "BenchmarkAuthorizeBaseline", "300000x"}, bytesSlack: 0.10, timeBound: 2}

// committedAuthorize is its committed figure: 10 allocs, 2360 B, 20 times
// the baseline's time.
var committedAuthorize = figure{Path: "authorize", Benchmark: "credit.BenchmarkEngineAuthorize", Benchtime: "50000x",
	Allocs: 10, Bytes: 2360, Baseline: "credit.BenchmarkAuthorizeBaseline", TimeRatio: 20}

// rounds makes three rounds' measurements: the same allocs and bytes in
// each, and the path's times at ratio times the baseline's.
func rounds(allocs, bytes, ratio float64) measured {
	base := []float64{400, 500, 450}
	m := measured{baseNs: base}
	for _, b := range base {
		m.allocs = append(m.allocs, allocs)
		m.bytes = append(m.bytes, bytes)
		m.ns = append(m.ns, b*ratio)
	}
	return m
}

func TestCompare(t *testing.T) {
	monthEnd := hotPath{name: "advance", bench: bench{"credit", "BenchmarkMonthEnd/lines=10000", "1x"},
		baseline: authorize.baseline, allocSlack: 0.05, bytesSlack: 0.05, timeBound: 3}
	monthEndFigure := figure{Path: "advance", Benchmark: "credit.BenchmarkMonthEnd/lines=10000", Benchtime: "1x",
		Allocs: 270000, Bytes: 62000000, Baseline: "credit.BenchmarkAuthorizeBaseline", TimeRatio: 500000}
	zero := committedAuthorize
	zero.Allocs, zero.Bytes = 0, 0
	stale := committedAuthorize
	stale.Benchtime = "1000x"

	for _, c := range []struct {
		name string
		p    hotPath
		f    *figure
		m    measured
		want []verdict // allocs, bytes, time
		msgs []string  // in the messages of the checks that did not pass
	}{
		{name: "the same", p: authorize, f: &committedAuthorize, m: rounds(10, 2360, 20), want: []verdict{pass, pass, pass}},
		{name: "one more allocation", p: authorize, f: &committedAuthorize, m: rounds(11, 2376, 20),
			want: []verdict{regression, pass, pass},
			msgs: []string{"authorize: allocs/op regressed: 11, the figures say 10 (at most 10 allowed): +1 (+10.0%)"}},
		{name: "one fewer allocation", p: authorize, f: &committedAuthorize, m: rounds(9, 2344, 20),
			want: []verdict{improved, pass, pass},
			msgs: []string{"authorize: allocs/op improved: 9, the figures say 10: -1 (-10.0%); update the figures"}},
		{name: "bytes within the slack", p: authorize, f: &committedAuthorize, m: rounds(10, 2360+236, 20), want: []verdict{pass, pass, pass}},
		{name: "bytes beyond the slack", p: authorize, f: &committedAuthorize, m: rounds(10, 2360+237, 20),
			want: []verdict{pass, regression, pass}, msgs: []string{"B/op regressed: 2597, the figures say 2360 (at most 2596 allowed): +237 (+10.0%)"}},
		{name: "bytes well below", p: authorize, f: &committedAuthorize, m: rounds(10, 1000, 20), want: []verdict{pass, improved, pass},
			msgs: []string{"B/op improved"}},
		{name: "from none, bytes within the floor", p: authorize, f: &zero, m: rounds(0, 64, 20), want: []verdict{pass, pass, pass}},
		{name: "from none, an allocation", p: authorize, f: &zero, m: rounds(1, 80, 20), want: []verdict{regression, regression, pass},
			msgs: []string{"allocs/op regressed: 1, the figures say 0", "B/op regressed: 80, the figures say 0 (at most 64 allowed): +80"}},
		{name: "slower, within the bound", p: authorize, f: &committedAuthorize, m: rounds(10, 2360, 39.9), want: []verdict{pass, pass, pass}},
		{name: "slower, beyond the bound", p: authorize, f: &committedAuthorize, m: rounds(10, 2360, 40.5),
			want: []verdict{pass, pass, regression},
			msgs: []string{"authorize: time ratio to credit.BenchmarkAuthorizeBaseline regressed: 40.5, the figures say 20 (at most 40 allowed): +20.5 (+102.5%)"}},
		{name: "much faster", p: authorize, f: &committedAuthorize, m: rounds(10, 2360, 9), want: []verdict{pass, pass, improved},
			msgs: []string{"time ratio to credit.BenchmarkAuthorizeBaseline improved: 9, the figures say 20"}},
		{name: "month-end, allocations within its slack", p: monthEnd, f: &monthEndFigure, m: rounds(283000, 64000000, 1400000),
			want: []verdict{pass, pass, pass}},
		{name: "month-end, allocations beyond its slack", p: monthEnd, f: &monthEndFigure, m: rounds(284000, 66000000, 1600000),
			want: []verdict{regression, regression, regression},
			msgs: []string{"allocs/op regressed: 284000, the figures say 270000 (at most 283500 allowed)", "(at most 1500000 allowed)"}},
		{name: "no figure", p: authorize, f: nil, m: rounds(10, 2360, 20), want: []verdict{regression},
			msgs: []string{"authorize: no committed figures: run go run ./internal/benchgate -update"}},
		{name: "a figure for another benchtime", p: authorize, f: &stale, m: rounds(10, 2360, 20), want: []verdict{regression},
			msgs: []string{"the figures are for credit.BenchmarkEngineAuthorize at 1000x"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checks := compare(c.p, c.f, c.m)
			var got []verdict
			var msgs []string
			for _, ch := range checks {
				got = append(got, ch.verdict)
				if m := ch.message(); m != "" {
					msgs = append(msgs, m)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("verdicts %v, want %v; messages:\n%s", got, c.want, strings.Join(msgs, "\n"))
			}
			all := strings.Join(msgs, "\n")
			for _, m := range c.msgs {
				if !strings.Contains(all, m) {
					t.Errorf("no message contains %q; they are:\n%s", m, all)
				}
			}
			if len(c.msgs) == 0 && all != "" {
				t.Errorf("messages for a pass:\n%s", all)
			}
		})
	}
}

// TestRatioPairs: the time ratio is the median of each round's ratio, not
// the ratio of the medians.
func TestRatioPairs(t *testing.T) {
	m := measured{ns: []float64{100, 1000, 300}, baseNs: []float64{10, 200, 10}}
	if got := m.ratio(); got != 10 { // ratios 10, 5, 30
		t.Errorf("ratio = %v, want 10", got)
	}
	m = measured{allocs: []float64{10, 12, 10, 11}, bytes: []float64{1, 2, 3, 4}, ns: []float64{1, 1, 1, 1}, baseNs: []float64{1, 1, 1, 1}}
	if f := m.figure(authorize); f.Allocs != 11 || f.Bytes != 3 { // 10.5 and 2.5, rounded half away from zero
		t.Errorf("figure = %+v", f)
	}
}

// TestReport: the table names each path and its verdict, and what did not
// pass follows it; report counts the regressions.
func TestReport(t *testing.T) {
	ps := []hotPath{authorize, authorize}
	ps[1].name = "authorize again"
	f2 := committedAuthorize
	f2.Path = "authorize again"
	ms := []measured{rounds(11, 2360, 20), rounds(9, 2360, 20)}
	checks := [][]check{compare(ps[0], &committedAuthorize, ms[0]), compare(ps[1], &f2, ms[1])}
	var out bytes.Buffer
	if n := report(&out, ps, ms, checks); n != 1 {
		t.Errorf("report counted %d regressions, want 1", n)
	}
	for _, want := range []string{
		"REGRESSION authorize: allocs/op regressed: 11",
		"improved: authorize again: allocs/op improved: 9",
		"to update the figures: go run ./internal/benchgate -update",
		"11 (10, ≤ 10)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
}

// gateOutput is benchmark output with every gated benchmark and baseline,
// three runs each; allocs is EngineAuthorize's allocs/op.
func gateOutput(allocs int) string {
	var b strings.Builder
	for _, pkg := range []string{"credit", "money", "billing"} {
		fmt.Fprintf(&b, "goos: linux\ngoarch: amd64\npkg: %s/%s\ncpu: Test CPU\n", module, pkg)
		for i := range 3 {
			switch pkg {
			case "credit":
				fmt.Fprintf(&b, "BenchmarkAuthorizeBaseline-2 \t 300000\t %d ns/op\t 98 B/op\t 2 allocs/op\n", 400+10*i)
				fmt.Fprintf(&b, "BenchmarkEngineAuthorize-2 \t 50000\t %d ns/op\t 2359 B/op\t %d allocs/op\n", 9000+100*i, allocs)
				fmt.Fprintf(&b, "BenchmarkDecide-2 \t 5000000\t 25.%d ns/op\t 0 B/op\t 0 allocs/op\n", i)
				fmt.Fprintf(&b, "BenchmarkEnginePay-2 \t 20000\t %d ns/op\t 2289 B/op\t 20 allocs/op\n", 9000+100*i)
				fmt.Fprintf(&b, "BenchmarkEngineAdvance-2 \t 7200\t %d ns/op\t 6148 B/op\t 28 allocs/op\n", 9000+100*i)
				fmt.Fprintf(&b, "BenchmarkMonthEnd/lines=10000-2 \t 1\t %d ns/op\t 5535 engine-B/line\t 62600000 B/op\t %d allocs/op\n", 200000000+i, 272000+100*i)
			case "money":
				fmt.Fprintf(&b, "BenchmarkPipelineDecimal-2 \t 300000\t %d ns/op\t 264 B/op\t 9 allocs/op\n", 300+i)
				fmt.Fprintf(&b, "BenchmarkMulRateHalfEven-2 \t 10000000\t 9.%d ns/op\t 0 B/op\t 0 allocs/op\n", i)
			case "billing":
				fmt.Fprintf(&b, "BenchmarkSchedule12-2 \t 200000\t %d ns/op\t 1336 B/op\t 3 allocs/op\n", 1100+i)
			}
		}
		fmt.Fprintf(&b, "PASS\nok  \t%s/%s\t1.0s\n", module, pkg)
	}
	return b.String()
}

// TestRunIn runs the command on saved output: -update writes figures the
// same output then passes, and one more allocation fails it.
func TestRunIn(t *testing.T) {
	dir := t.TempDir()
	in, figures := filepath.Join(dir, "bench.txt"), filepath.Join(dir, "figures.json")
	write := func(s string) {
		if err := os.WriteFile(in, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gate := func(update bool) (int, string) {
		var out, log bytes.Buffer
		code, err := run(options{update: update, rounds: 1, figures: figures, in: in}, &out, &log)
		if err != nil {
			fmt.Fprintln(&out, err)
		}
		return code, out.String()
	}
	write(gateOutput(10))
	if code, out := gate(false); code != 2 || !strings.Contains(out, "no such file") {
		t.Errorf("with no figures: exit %d:\n%s", code, out)
	}
	if code, out := gate(true); code != 0 {
		t.Fatalf("-update: exit %d:\n%s", code, out)
	}
	f, err := readFigures(figures)
	if err != nil {
		t.Fatal(err)
	}
	if a := f.find("authorize"); a == nil || a.Allocs != 10 || a.Bytes != 2359 || a.TimeRatio != 22.2 || f.CPU != "Test CPU" || f.Rounds != 3 {
		t.Errorf("written figures: %+v, authorize %+v", f, a)
	}
	if code, out := gate(false); code != 0 || !strings.Contains(out, "authorize") {
		t.Errorf("the same output: exit %d:\n%s", code, out)
	}
	write(gateOutput(11))
	if code, out := gate(false); code != 1 || !strings.Contains(out, "REGRESSION authorize: allocs/op regressed: 11, the figures say 10") ||
		!strings.Contains(out, "1 regression against") {
		t.Errorf("one more allocation: exit %d:\n%s", code, out)
	}
	write(gateOutput(9))
	if code, out := gate(false); code != 0 || !strings.Contains(out, "update the figures") {
		t.Errorf("one fewer allocation: exit %d:\n%s", code, out)
	}
	write(strings.ReplaceAll(gateOutput(10), "BenchmarkSchedule12", "BenchmarkSomethingElse"))
	if code, out := gate(false); code != 2 || !strings.Contains(out, "billing.BenchmarkSchedule12") {
		t.Errorf("a benchmark missing: exit %d:\n%s", code, out)
	}
}

// TestCommittedFigures: the committed figures are for the paths the gate
// runs, as it runs them.
func TestCommittedFigures(t *testing.T) {
	f, err := readFigures(filepath.Join("..", "..", ".ci", "bench-figures.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range hotPaths() {
		c := f.find(p.name)
		if c == nil {
			t.Errorf("no committed figures for %s: run go run ./internal/benchgate -update", p.name)
			continue
		}
		if c.Benchmark != p.bench.id() || c.Benchtime != p.bench.benchtime || c.Baseline != p.baseline.id() || c.TimeRatio <= 0 {
			t.Errorf("the figures for %s are stale: %+v; run go run ./internal/benchgate -update", p.name, *c)
		}
	}
	if len(f.Paths) != len(hotPaths()) {
		t.Errorf("%d committed figures for %d paths", len(f.Paths), len(hotPaths()))
	}
}
