// Command benchgate is the regression gate for the hot paths (issue 15):
// authorize, Decide, advance, MulRate and schedule. It builds the test
// binaries of their packages once, runs each path's benchmark and its
// baseline with -benchmem a few rounds, each benchmark for a fixed number
// of iterations, and compares the medians with the figures committed in
// .ci/bench-figures.json:
//
//   - allocs/op exactly (they are deterministic; the month-end's, which
//     are not quite, within 5%),
//   - B/op within 10% or 64 bytes, whichever is more (sync.Pool and map
//     growth may move them a little; the month-end's within 5%),
//   - time not as such, which depends on the machine, but as the ratio of
//     the path's ns/op to its baseline's, run just before it: the median
//     over the rounds within twice the committed ratio (three times for
//     the month-end).
//
// It prints a table, and exits 1 on a regression, naming the figure and by
// how much it moved; 2 when it cannot run. An improvement passes, with a
// request to update the figures, which -update does:
//
//	go run ./internal/benchgate            # the gate (.ci/run runs it)
//	go run ./internal/benchgate -update    # rewrite .ci/bench-figures.json
//	go run ./internal/benchgate -in FILE   # judge saved go test -bench -benchmem output
//
// It is not part of the library.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

func main() {
	var o options
	flag.BoolVar(&o.update, "update", false, "rewrite the committed figures with this run's")
	flag.IntVar(&o.rounds, "rounds", 9, "rounds: each runs every path and its baseline once")
	flag.StringVar(&o.figures, "figures", "", "the committed figures (default .ci/bench-figures.json at the module's root)")
	flag.StringVar(&o.in, "in", "", "judge this file of go test -bench -benchmem output (- for standard input) instead of running the benchmarks; "+
		"the n-th result of a path is paired with the n-th of its baseline")
	flag.BoolVar(&o.verbose, "v", false, "print every benchmark's result line")
	flag.Parse()
	if flag.NArg() > 0 || o.rounds < 1 {
		flag.Usage()
		os.Exit(2)
	}
	code, err := run(o, os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgate:", err)
	}
	os.Exit(code)
}

type options struct {
	update  bool
	rounds  int
	figures string
	in      string
	verbose bool
}

// run is the command: 0 when every path passes, 1 on a regression, 2 with
// an error when it could not judge.
func run(o options, stdout, stderr io.Writer) (int, error) {
	start := time.Now()
	root, err := moduleRoot()
	if err != nil {
		return 2, err
	}
	if o.figures == "" {
		o.figures = filepath.Join(root, ".ci", "bench-figures.json")
	}
	committed, err := readFigures(o.figures)
	if err != nil && !(o.update && errors.Is(err, os.ErrNotExist)) {
		return 2, err
	}
	var rs results
	var base map[string][]float64 // each path's own runs of its baseline; none from -in
	var cpu string
	if o.in != "" {
		rs, cpu, err = readOutput(o.in)
	} else {
		rs, base, cpu, err = runBenchmarks(root, o.rounds, o.verbose, stderr)
	}
	if err != nil {
		return 2, err
	}
	if committed != nil && committed.Go != runtime.Version() {
		fmt.Fprintf(stdout, "note: the figures were written with %s, this is %s: allocations may differ between releases\n", committed.Go, runtime.Version())
	}
	paths := hotPaths()
	ms := make([]measured, len(paths))
	checks := make([][]check, len(paths))
	for i, p := range paths {
		if ms[i], err = measure(p, rs, base[p.name]); err != nil {
			return 2, err
		}
		checks[i] = compare(p, committed.find(p.name), ms[i])
	}
	regressions := report(stdout, paths, ms, checks)
	fmt.Fprintf(stdout, "benchgate: %d paths, %s\n", len(paths), time.Since(start).Round(100*time.Millisecond))
	if o.update {
		f := &figuresFile{Comment: figuresComment, Go: runtime.Version(), CPU: cpu, Rounds: len(ms[0].ns)}
		for i, p := range paths {
			f.Paths = append(f.Paths, ms[i].figure(p))
		}
		if err := writeFigures(o.figures, f); err != nil {
			return 2, err
		}
		fmt.Fprintf(stdout, "benchgate: wrote %s\n", o.figures)
		return 0, nil
	}
	if regressions > 0 {
		return 1, fmt.Errorf("%d %s against %s; if a change means it, run go run ./internal/benchgate -update and commit the figures",
			regressions, map[bool]string{true: "regression", false: "regressions"}[regressions == 1], o.figures)
	}
	return 0, nil
}

// moduleRoot is the directory of the main module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not in a module: run it from the justspend module")
	}
	return filepath.Dir(mod), nil
}

// readOutput parses a file of benchmark output.
func readOutput(name string) (results, string, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, "", err
	}
	rs, err := parse(bytes.NewReader(data))
	return rs, cpuOf(data), err
}

// runBenchmarks builds the packages' test binaries and runs the rounds,
// each benchmark in a process of its own, in its package's directory. A
// round runs each path just after its baseline, so that the two share the
// machine's state of the moment; a baseline runs once for each path it is
// the baseline of, and each path's own runs of it are returned, keyed by
// the path's name, as well as in the results.
func runBenchmarks(root string, rounds int, verbose bool, log io.Writer) (results, map[string][]float64, string, error) {
	var pkgs []string
	for _, p := range hotPaths() {
		for _, b := range []bench{p.baseline, p.bench} {
			if pkg := module + "/" + b.pkg; !slices.Contains(pkgs, pkg) {
				pkgs = append(pkgs, pkg)
			}
		}
	}
	dirs := map[string]string{}
	out, err := goCommand(root, append([]string{"list", "-f", "{{.ImportPath}}\t{{.Dir}}"}, pkgs...)...)
	if err != nil {
		return nil, nil, "", err
	}
	for line := range strings.Lines(string(out)) {
		if p, d, ok := strings.Cut(strings.TrimSpace(line), "\t"); ok {
			dirs[p] = d
		}
	}
	bin, err := os.MkdirTemp("", "benchgate")
	if err != nil {
		return nil, nil, "", err
	}
	defer os.RemoveAll(bin)
	fmt.Fprintf(log, "benchgate: building the test binaries of %s\n", strings.Join(pkgs, ", "))
	if _, err := goCommand(root, append([]string{"test", "-c", "-o", bin + string(filepath.Separator)}, pkgs...)...); err != nil {
		return nil, nil, "", err
	}
	rs, base, cpu := results{}, map[string][]float64{}, ""
	runOne := func(b bench) (map[string]float64, error) {
		pkg := module + "/" + b.pkg
		cmd := exec.Command(filepath.Join(bin, filepath.Base(pkg)+".test"),
			"-test.run", "^$", "-test.bench", b.pattern(), "-test.benchmem", "-test.benchtime", b.benchtime,
			"-test.count", "1", "-test.timeout", "5m")
		cmd.Dir = dirs[pkg]
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", b.id(), err, buf.Bytes())
		}
		one, err := parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", b.id(), err, buf.Bytes())
		}
		if len(one[b.key()]["ns/op"]) != 1 {
			return nil, fmt.Errorf("%s: not one result in its output:\n%s", b.id(), buf.Bytes())
		}
		figs := flatten(one[b.key()])
		rs.add(b.key(), figs)
		if cpu == "" {
			cpu = cpuOf(buf.Bytes())
		}
		if verbose {
			for line := range strings.Lines(buf.String()) {
				if strings.HasPrefix(line, "Benchmark") {
					fmt.Fprint(log, line)
				}
			}
		}
		return figs, nil
	}
	for r := range rounds {
		t := time.Now()
		for _, p := range hotPaths() {
			figs, err := runOne(p.baseline)
			if err != nil {
				return nil, nil, "", err
			}
			base[p.name] = append(base[p.name], figs["ns/op"])
			if _, err := runOne(p.bench); err != nil {
				return nil, nil, "", err
			}
		}
		fmt.Fprintf(log, "benchgate: round %d of %d, %s\n", r+1, rounds, time.Since(t).Round(100*time.Millisecond))
	}
	return rs, base, cpu, nil
}

// flatten takes the only value of each unit.
func flatten(figs map[string][]float64) map[string]float64 {
	m := map[string]float64{}
	for unit, vs := range figs {
		m[unit] = vs[0]
	}
	return m
}

// cpuOf returns the "cpu:" line's value in benchmark output.
func cpuOf(out []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if c, ok := strings.CutPrefix(sc.Text(), "cpu: "); ok {
			return strings.TrimSpace(c)
		}
	}
	return ""
}

// goCommand runs the go command in dir and returns its standard output,
// or an error with its standard error.
func goCommand(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}
