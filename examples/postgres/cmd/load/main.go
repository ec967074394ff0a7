// Command load measures authorizations on PostgreSQL: credit.Engine on
// pgstore against the one-statement floor, at several numbers of clients,
// on distinct lines and on one hot line.
//
//	go run ./cmd/load -db 'postgres://user@localhost:5432/dbname?sslmode=disable'
//
// (or set JUSTSPEND_POSTGRES_URL). For each number of clients it runs four
// scenarios, each on lines opened fresh for it:
//
//   - floor/distinct and floor/hot: the least PostgreSQL can do for an
//     authorization, one statement (an UPDATE of the line's row, only if the
//     limit allows, and the INSERT of the fact's bytes, in one CTE: one
//     round trip and one transaction; see floor.go), each client on a line
//     of its own or all of them on one line;
//   - engine/distinct and engine/hot: credit.Engine.Authorize through
//     pgstore, the same clients on the same kind of lines, through one
//     Engine (or -engines of them, as several processes would).
//
// Every client sends authorizations one after another, each with its own
// key and purchase, of RMB 0.01 on a line of RMB 50,000 (so that all are
// approved), for -duration after -warmup, or -count each. A line takes
// -per-line authorizations, and then its clients move on to a fresh one:
// the engine's cost grows with the facts on a line (its snapshots hold the
// whole line), and a figure for lines of unbounded length would say more
// about the length of the run than about the engine.
//
// It prints, per scenario: authorizations a second; the p50 and p99 of
// their latency; "x floor", the floor's rate with the same clients and
// lines over the scenario's (2.00: half the floor's throughput); the
// statements sent to the server per authorization; the appends refused
// for a conflict per authorization (engine only); the commands that
// failed (a conflict after the last retry, say); the CPU time this
// process and the PostgreSQL server used per authorization, and the share
// of the machine's CPUs that other work kept busy meanwhile; and the facts
// on the longest line.
//
// It works in a schema of its own, justspend_load, which it drops first
// and leaves behind for a look.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/examples/postgres/pgstore"
	"github.com/justspend/justspend/money"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.url, "db", os.Getenv("JUSTSPEND_POSTGRES_URL"), "the PostgreSQL server's URL")
	flag.StringVar(&cfg.schema, "schema", "justspend_load", "the schema to work in (dropped first)")
	clients := flag.String("clients", "1,8,64", "the numbers of clients, comma-separated")
	flag.DurationVar(&cfg.duration, "duration", 5*time.Second, "how long each scenario is measured")
	flag.DurationVar(&cfg.warmup, "warmup", time.Second, "how long each scenario runs before it is measured")
	flag.IntVar(&cfg.count, "count", 0, "authorizations per client per scenario, instead of -duration and -warmup")
	flag.IntVar(&cfg.perLine, "per-line", 500, "authorizations on a line before its clients move on to a fresh line (0: never, and lines grow all run)")
	flag.IntVar(&cfg.retries, "retries", 0, "credit.Config.Retries: retries after a conflict (0: the engine's default, 8)")
	flag.IntVar(&cfg.engines, "engines", 1, "engines the clients are spread over (client i uses engine i mod engines), as processes of a host would be")
	cpuProfile := flag.String("cpuprofile", "", "write this process's CPU profile to this file")
	flag.Parse()
	if cfg.url == "" {
		fmt.Fprintln(os.Stderr, "load: give the database with -db or JUSTSPEND_POSTGRES_URL")
		os.Exit(2)
	}
	for _, s := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "load: -clients: %q is not a number of clients\n", s)
			os.Exit(2)
		}
		cfg.clients = append(cfg.clients, n)
	}
	if err := profiled(*cpuProfile, func() error { _, err := run(context.Background(), os.Stdout, cfg); return err }); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// profiled calls f, writing a CPU profile to file if it is not empty.
func profiled(file string, f func() error) error {
	if file == "" {
		return f()
	}
	out, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return err
	}
	err = f()
	pprof.StopCPUProfile()
	return errors.Join(err, out.Close())
}

// config is what a run measures.
type config struct {
	url, schema      string
	clients          []int
	duration, warmup time.Duration
	count            int // per client, instead of duration and warmup when above 0
	perLine          int // authorizations on a line before its clients move to a fresh one; 0: never
	retries          int
	engines          int // the clients take turns over this many engines, as over so many processes
}

// result is one scenario's figures.
type result struct {
	scenario     string // "engine/distinct", "floor/hot", ...
	clients      int
	auths        int           // authorizations approved within the measured time
	elapsed      time.Duration // the measured time
	p50, p99     time.Duration
	statements   int64 // statements sent to the server while measuring
	conflicts    int64 // appends refused for a conflict while measuring
	failed       int   // commands that returned an error or were declined, while measuring
	firstErr     error
	cpu          cpuUse  // while measuring
	floorRate    float64 // the floor's rate with the same clients and lines
	perLineAtEnd int     // facts on the busiest line at the end
}

func (r *result) rate() float64 { return float64(r.auths) / r.elapsed.Seconds() }

const (
	amountFen = 1       // RMB 0.01 an authorization
	limitFen  = 5000000 // RMB 50,000, the huabei preset's largest line
)

func cny(fen int64) money.Amount { return money.FromMinor(fen, money.CNY) }

var shop = credit.Merchant{ID: "tmall", Enrolled: true, Category: "apparel"}

// fixedClock is a clock that stays at one instant, so that no line moves
// to a new day (which would add a fact) during a run.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var clock = fixedClock{time.Date(2015, 1, 5, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))}

// run measures every scenario of cfg, prints the table to w and returns
// the figures.
func run(ctx context.Context, w io.Writer, cfg config) ([]result, error) {
	pcfg, err := pgxpool.ParseConfig(cfg.url)
	if err != nil {
		return nil, err
	}
	pcfg.MaxConns = int32(slices.Max(cfg.clients) + 4)
	var statements atomic.Int64
	pcfg.ConnConfig.Tracer = countingTracer{&statements}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{cfg.schema}.Sanitize()+" CASCADE"); err != nil {
		return nil, err
	}
	st, err := pgstore.New(ctx, pool, cfg.schema)
	if err != nil {
		return nil, err
	}
	store := &countingStore{Store: st}
	f, err := newFloor(ctx, pool, cfg.schema, store)
	if err != nil {
		return nil, err
	}
	if err := describe(ctx, w, pool, cfg, len(f.data)); err != nil {
		return nil, err
	}
	var backend int
	if err := pool.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		return nil, err
	}
	server := localServer(backend)

	var results []result
	for _, n := range cfg.clients {
		if err := warmConnections(ctx, pool, n, cfg.schema); err != nil {
			return nil, err
		}
		for _, hot := range []bool{false, true} {
			shape := "distinct"
			if hot {
				shape = "hot"
			}
			groups := n
			if hot {
				groups = 1
			}
			tag := fmt.Sprintf("%s%d", shape[:1], n)

			// The floor.
			fl, err := newLineSet(ctx, "floor-"+tag, groups, cfg.perLine, f.open)
			if err != nil {
				return nil, err
			}
			fr := measure(ctx, cfg, n, server, &statements, nil, func(ctx context.Context, client, seq int) error {
				line, err := fl.next(ctx, client%groups)
				if err != nil {
					return err
				}
				return f.authorize(ctx, line, fmt.Sprintf("%s-%d-%d", tag, client, seq))
			})
			fr.scenario = "floor/" + shape
			if fr.perLineAtEnd, err = f.check(ctx, fl.all(), fr.totalDone); err != nil {
				return nil, fmt.Errorf("%s with %d clients: %w", fr.scenario, n, err)
			}
			fr.floorRate = fr.rate()

			// The engine.
			engines := make([]*credit.Engine, max(cfg.engines, 1))
			for i := range engines {
				if engines[i], err = credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(), Retries: cfg.retries}); err != nil {
					return nil, err
				}
			}
			el, err := newLineSet(ctx, "engine-"+tag, groups, cfg.perLine, func(ctx context.Context, ids []string) error { return openLines(ctx, engines[0], ids) })
			if err != nil {
				return nil, err
			}
			er := measure(ctx, cfg, n, server, &statements, &store.conflicts, func(ctx context.Context, client, seq int) error {
				line, err := el.next(ctx, client%groups)
				if err != nil {
					return err
				}
				key := fmt.Sprintf("%s-%d-%d", tag, client, seq)
				d, err := engines[client%len(engines)].Authorize(ctx, credit.Authorize{Key: key, Line: line, Purchase: key, Amount: cny(amountFen), Merchant: shop})
				if err == nil && !d.Approved {
					err = fmt.Errorf("declined: %v", d.Reasons)
				}
				return err
			})
			er.scenario = "engine/" + shape
			if er.perLineAtEnd, err = checkLines(ctx, st, el.all(), er.totalDone); err != nil {
				return nil, fmt.Errorf("%s with %d clients: %w", er.scenario, n, err)
			}
			er.floorRate = fr.rate()
			results = append(results, fr.result, er.result)
		}
	}
	print(w, results)
	return results, nil
}

// measured is a result and the approved authorizations of the whole run,
// warm-up included, for the checks.
type measured struct {
	result
	totalDone int
}

// measure runs op from n clients, each with its own sequence numbers, for
// cfg's warm-up and duration or count, and returns the figures of what ran
// after the warm-up. op returns nil for an approved authorization.
//
// With a duration, the rate counts the authorizations approved within the
// measured time, the latencies are those of every approved authorization
// that started in it (finished within it or not), and the CPU times and
// counts are read at its start and end.
func measure(ctx context.Context, cfg config, n int, server int, statements, conflicts *atomic.Int64, op func(ctx context.Context, client, seq int) error) measured {
	type clientResult struct {
		lat      []time.Duration // approved, started in the measured time
		inTime   int             // approved within the measured time
		done     int             // approved, warm-up included
		failed   int             // started in the measured time
		firstErr error
	}
	type reading struct {
		cpu                   cpuReading
		statements, conflicts int64
	}
	read := func() reading {
		r := reading{cpu: readCPU(server), statements: statements.Load()}
		if conflicts != nil {
			r.conflicts = conflicts.Load()
		}
		return r
	}
	per := make([]clientResult, n)
	start := time.Now()
	from, until := start.Add(cfg.warmup), start.Add(cfg.warmup+cfg.duration)
	var first, last reading
	readings := make(chan reading, 2) // at the start and end of the measured time
	if cfg.count > 0 {
		from, first = start, read()
	} else {
		t0 := time.AfterFunc(cfg.warmup, func() { readings <- read() })
		t1 := time.AfterFunc(cfg.warmup+cfg.duration, func() { readings <- read() })
		defer t0.Stop()
		defer t1.Stop()
	}
	var wg sync.WaitGroup
	for c := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &per[c]
			for seq := 0; ; seq++ {
				t := time.Now()
				if cfg.count > 0 && seq == cfg.count || cfg.count == 0 && !t.Before(until) {
					return
				}
				err := op(ctx, c, seq)
				end := time.Now()
				if err == nil {
					r.done++
					if !end.Before(from) && (cfg.count > 0 || !end.After(until)) {
						r.inTime++
					}
				}
				if t.Before(from) {
					continue // warming up
				}
				if err != nil {
					r.failed++
					if r.firstErr == nil {
						r.firstErr = err
					}
					continue
				}
				r.lat = append(r.lat, end.Sub(t))
			}
		}()
	}
	wg.Wait()
	m := measured{result: result{clients: n}}
	if cfg.count > 0 {
		last, m.elapsed = read(), time.Since(from)
	} else {
		first, last, m.elapsed = <-readings, <-readings, cfg.duration
	}
	m.cpu = last.cpu.since(first.cpu)
	m.statements, m.conflicts = last.statements-first.statements, last.conflicts-first.conflicts
	var all []time.Duration
	for _, r := range per {
		all = append(all, r.lat...)
		m.auths += r.inTime
		m.totalDone += r.done
		m.failed += r.failed
		if m.firstErr == nil {
			m.firstErr = r.firstErr
		}
	}
	if len(all) > 0 {
		slices.Sort(all)
		m.p50 = all[(len(all)-1)*50/100]
		m.p99 = all[(len(all)*99+99)/100-1]
	}
	return m
}

// openLines opens lines through e, of RMB 50,000 each.
func openLines(ctx context.Context, e *credit.Engine, ids []string) error {
	for _, id := range ids {
		if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "h", Product: "huabei", Limit: cny(limitFen)}); err != nil {
			return err
		}
	}
	return nil
}

// checkLines checks that the lines, rebuilt by a fresh engine from the
// store, hold done authorizations in all, and returns the facts on the
// busiest line.
func checkLines(ctx context.Context, store credit.Store, ids []string, done int) (int, error) {
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets()})
	if err != nil {
		return 0, err
	}
	var held int64
	most := 0
	for _, id := range ids {
		l, err := e.Line(ctx, id)
		if err != nil {
			return 0, err
		}
		b, err := l.Balances()
		if err != nil {
			return 0, err
		}
		held += b.Held.Units()
		most = max(most, int(l.Version))
	}
	if held != int64(done)*amountFen {
		return 0, fmt.Errorf("the lines hold %d fen, after %d approved authorizations of %d", held, done, amountFen)
	}
	return most, nil
}

// warmConnections opens n connections in the pool (and keeps them idle
// there), and has each read every table of the schema once, so that no
// scenario is timed connecting, or waiting for a new server process to
// load the tables' descriptions (a few milliseconds of CPU each, which 64
// new connections at once spend in the first quarter of a second).
func warmConnections(ctx context.Context, pool *pgxpool.Pool, n int, schema string) error {
	conns := make([]*pgxpool.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Release()
		}
	}()
	var warm []string
	for _, table := range []string{"journal", "snapshot", "floor_lines", "floor_facts"} {
		warm = append(warm, `SELECT count(*) FROM (SELECT 1 FROM `+pgx.Identifier{schema, table}.Sanitize()+` LIMIT 1) t`)
	}
	for range n {
		c, err := pool.Acquire(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
		for _, q := range warm {
			if _, err := c.Exec(ctx, q); err != nil {
				return err
			}
		}
	}
	return nil
}

// describe prints what the figures were measured on.
func describe(ctx context.Context, w io.Writer, pool *pgxpool.Pool, cfg config, factBytes int) error {
	var version, fsync, syncCommit string
	if err := pool.QueryRow(ctx, `SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')`).Scan(&version, &fsync, &syncCommit); err != nil {
		return err
	}
	fmt.Fprintf(w, "PostgreSQL %s (fsync=%s, synchronous_commit=%s); %d CPUs here, GOMAXPROCS %d, %s\n",
		version, fsync, syncCommit, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	if cfg.count > 0 {
		fmt.Fprintf(w, "%d authorizations per client per scenario", cfg.count)
	} else {
		fmt.Fprintf(w, "each scenario measured for %v after %v of warm-up", cfg.duration, cfg.warmup)
	}
	retries := "8 (the default)"
	if cfg.retries > 0 {
		retries = strconv.Itoa(cfg.retries)
	}
	perLine := "lines grow all run"
	if cfg.perLine > 0 {
		perLine = fmt.Sprintf("a fresh line every %d authorizations", cfg.perLine)
	}
	engines := "one engine"
	if cfg.engines > 1 {
		engines = fmt.Sprintf("clients spread over %d engines", cfg.engines)
	}
	fmt.Fprintf(w, "; %s; %s, retries %s; the floor writes %d-byte facts, as the engine does\n\n", perLine, engines, retries, factBytes)
	return nil
}

// print writes the table of results.
func print(w io.Writer, results []result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\tclients\tauth/s\tp50\tp99\tx floor\tstmts/auth\tconflicts/auth\tfailed\tGo cpu/auth\tPG cpu/auth\tother load\tfacts/line\t")
	for _, r := range results {
		ratio := "-"
		if rate := r.rate(); rate > 0 {
			ratio = fmt.Sprintf("%.2f", r.floorRate/rate)
		}
		perAuth := func(n int64) string {
			if r.auths == 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f", float64(n)/float64(r.auths))
		}
		conflicts := perAuth(r.conflicts)
		if strings.HasPrefix(r.scenario, "floor") {
			conflicts = "-"
		}
		goCPU, pgCPU := "-", "-"
		if r.auths > 0 {
			goCPU = round(r.cpu.self / time.Duration(r.auths)).String()
			if r.cpu.server >= 0 {
				pgCPU = round(r.cpu.server / time.Duration(r.auths)).String()
			}
		}
		others := "-"
		if r.cpu.others >= 0 {
			others = fmt.Sprintf("%.0f%%", 100*r.cpu.others)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%v\t%v\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t\n", r.scenario, r.clients, r.rate(), round(r.p50), round(r.p99),
			ratio, perAuth(r.statements), conflicts, r.failed, goCPU, pgCPU, others, r.perLineAtEnd)
	}
	tw.Flush()
	for _, r := range results {
		if r.firstErr != nil {
			fmt.Fprintf(w, "%s with %d clients: %d failed, the first with: %v\n", r.scenario, r.clients, r.failed, r.firstErr)
		}
	}
}

// round rounds a latency for the table.
func round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Millisecond:
		return d.Round(100 * time.Microsecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	default:
		return d.Round(time.Microsecond)
	}
}

// countingTracer counts the statements a pool sends.
type countingTracer struct{ n *atomic.Int64 }

func (t countingTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	t.n.Add(1)
	return ctx
}

func (countingTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// countingStore is a pgstore.Store that counts the appends it refuses for
// a conflict.
type countingStore struct {
	*pgstore.Store
	conflicts atomic.Int64
}

func (s *countingStore) Append(ctx context.Context, line string, version int64, records []credit.Record) error {
	err := s.Store.Append(ctx, line, version, records)
	if errors.Is(err, credit.ErrConflict) {
		s.conflicts.Add(1)
	}
	return err
}
