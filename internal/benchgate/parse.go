package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// results are the figures of parsed benchmark output: for each benchmark
// (keyed by package and name, see key) and unit, its values in the order
// they were printed, one a run.
type results map[string]map[string][]float64

// key names a benchmark: its package's import path, a space, and its name
// without the -GOMAXPROCS suffix. Output with no "pkg:" line before a
// benchmark gives it the package "".
func key(pkg, name string) string { return pkg + " " + name }

// add records one result line's figures.
func (rs results) add(k string, figs map[string]float64) {
	if rs[k] == nil {
		rs[k] = map[string][]float64{}
	}
	for unit, v := range figs {
		rs[k][unit] = append(rs[k][unit], v)
	}
}

// parse reads the output of go test -bench (or of a test binary run with
// -test.bench), in any -count and -benchmem, from any number of packages.
// It keeps the package of each benchmark from the "pkg:" lines and drops
// the -GOMAXPROCS suffix of its name (see trimProcs). A benchmark that
// writes to standard output splits its result: its name, then what it
// wrote, then its figures on a line of their own; parse joins them back.
// Lines that are neither (goos:, PASS, ok, logs) are skipped, but a
// "--- FAIL: Benchmark..." line is an error: a failed benchmark has no
// figures to trust.
func parse(r io.Reader) (results, error) {
	rs := results{}
	pkg, pending := "", "" // pending: a benchmark named on a line with no figures yet
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg, pending = strings.TrimSpace(p), ""
			continue
		}
		// The testing package writes a benchmark's name before running it,
		// so its failure may follow the name on the same line.
		if _, failed, ok := strings.Cut(line, "--- FAIL: Benchmark"); ok {
			return nil, fmt.Errorf("benchmark failed: Benchmark%s", strings.TrimSpace(failed))
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if strings.HasPrefix(f[0], "Benchmark") {
			name := trimProcs(f[0])
			if len(f) == 1 { // the name, before output the benchmark wrote
				pending = name
				continue
			}
			figs, ok := figures(f[1:])
			if !ok {
				// The name, then the start of what the benchmark wrote
				// on the same line.
				pending = name
				continue
			}
			rs.add(key(pkg, name), figs)
			pending = ""
			continue
		}
		if pending != "" {
			if figs, ok := figures(f); ok {
				rs.add(key(pkg, pending), figs)
				pending = ""
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return rs, nil
}

// figures reads the fields after a benchmark's name: the iteration count,
// then value and unit pairs. ok is false unless all of them are that.
func figures(f []string) (map[string]float64, bool) {
	if len(f) < 3 || len(f)%2 == 0 {
		return nil, false
	}
	if n, err := strconv.ParseInt(f[0], 10, 64); err != nil || n <= 0 {
		return nil, false
	}
	figs := map[string]float64{}
	for i := 1; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || strings.ContainsAny(f[i+1][:1], "0123456789") {
			return nil, false
		}
		figs[f[i+1]] = v
	}
	return figs, true
}

// trimProcs drops the -GOMAXPROCS suffix the testing package adds to a
// benchmark's name when GOMAXPROCS is not 1 ("BenchmarkX/n=10-2"). A name
// whose last element itself ends in -digits is ambiguous when run with
// GOMAXPROCS 1; none of the gated benchmarks is named so.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || i == len(name)-1 {
		return name
	}
	for _, c := range name[i+1:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return name[:i]
}
