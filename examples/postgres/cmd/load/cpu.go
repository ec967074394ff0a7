package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// What the CPUs did during a scenario: this process's CPU time, the
// PostgreSQL server's (when it runs on this machine and /proc shows it:
// its main process, its live children and those it has ended), and the
// share of the machine's CPUs that the rest kept busy: other programs,
// and the kernel's work outside any process (loopback networking in
// interrupts, say). A figure measured while that share is high is not
// worth much: the scenario had less than the whole machine.

// cpuReading is the CPU time used so far, by this process, by the server
// and by the whole machine.
type cpuReading struct {
	self, server       time.Duration // server: -1 when unknown
	machineBusy, total int64         // /proc/stat's aggregate, in ticks; 0 when unknown
}

// cpuUse is the difference of two readings.
type cpuUse struct {
	self, server time.Duration // server: -1 when unknown
	others       float64       // the machine's CPUs kept busy by other programs, a fraction; -1 when unknown
}

// ticksPerSecond is USER_HZ, the unit of /proc's CPU times: 100 on every
// Linux this runs on.
const ticksPerSecond = 100

// readCPU reads the CPU times; server is the PostgreSQL server's main
// process ID on this machine, or 0.
func readCPU(server int) cpuReading {
	r := cpuReading{server: -1}
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) == nil {
		r.self = time.Duration(u.Utime.Nano() + u.Stime.Nano())
	}
	if server > 0 {
		r.server = serverCPU(server)
	}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		// cpu user nice system idle iowait irq softirq steal guest guest_nice:
		// guest time is in user and nice already, and stolen time is
		// nobody's here.
		if fields := strings.Fields(line); len(fields) >= 8 && fields[0] == "cpu" {
			for i, f := range fields[1:8] {
				v, _ := strconv.ParseInt(f, 10, 64)
				r.total += v
				if i != 3 && i != 4 && i != 7 { // idle, iowait and steal
					r.machineBusy += v
				}
			}
		}
	}
	return r
}

func (r cpuReading) since(was cpuReading) cpuUse {
	u := cpuUse{self: r.self - was.self, server: -1, others: -1}
	if r.server >= 0 && was.server >= 0 {
		u.server = r.server - was.server
	}
	if total := r.total - was.total; total > 0 && u.server >= 0 {
		ours := (u.self + u.server).Seconds() * ticksPerSecond
		u.others = max(0, (float64(r.machineBusy-was.machineBusy)-ours)/float64(total))
	}
	return u
}

// localServer returns the process ID of backend's server when it runs on
// this machine, or 0.
func localServer(backend int) int {
	comm, err := os.ReadFile("/proc/" + strconv.Itoa(backend) + "/comm")
	if err != nil || strings.TrimSpace(string(comm)) != "postgres" {
		return 0
	}
	main, _, _, ok := procStat(strconv.Itoa(backend))
	if !ok {
		return 0
	}
	return main
}

// serverCPU returns the CPU time of the server's main process and its
// children (its backends and helpers), or -1 when /proc does not show
// them.
func serverCPU(main int) time.Duration {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return -1
	}
	var total time.Duration
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		parent, cpu, children, ok := procStat(e.Name())
		if ok && (pid == main || parent == main) {
			total += cpu
		}
		if ok && pid == main {
			total += children // the children it has ended: autovacuum workers, say
		}
	}
	return total
}

// procStat returns a process's parent, its CPU time and that of its
// children that ended, from /proc/PID/stat.
func procStat(pid string) (parent int, cpu, ended time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, 0, 0, false
	}
	i := strings.LastIndexByte(string(b), ')') // the command's name may hold anything
	if i < 0 {
		return 0, 0, 0, false
	}
	f := strings.Fields(string(b[i+1:])) // state, ppid, ..., utime (12th), stime, cutime, cstime
	if len(f) < 15 {
		return 0, 0, 0, false
	}
	parent, _ = strconv.Atoi(f[1])
	var t [4]int64
	for j := range t {
		t[j], _ = strconv.ParseInt(f[11+j], 10, 64)
	}
	tick := time.Second / ticksPerSecond
	return parent, time.Duration(t[0]+t[1]) * tick, time.Duration(t[2]+t[3]) * tick, true
}
