// Package memstore is the library's in-memory credit.Store: each line's
// journal and latest snapshot kept in the process's memory, with nothing
// written anywhere else. It imports only package credit and the standard
// library (no testing, no go-cmp), so a production binary may link it.
//
// # The model
//
// A Store maps a line ID to a journal: the records the Engine appended,
// in version order, and the newest snapshot saved for the line. Append is
// a compare-and-swap on the journal's length, under a lock of the line's
// own, so commands on different lines never wait for each other and the
// Engine's retries on one line see every conflict. The Store implements
// credit.Snapshotter as well, so an Engine on it starts a line it has not
// cached from the latest snapshot and replays only the records after it.
// The Store passes the conformance suite and the concurrency test of
// package credittest, as every Store must.
//
// Records are kept as the Engine hands them over (see credit.Store): the
// Store does not copy their bytes on Append, and Load returns slices of
// its own holding those bytes, for the caller to read and not to change.
// Snapshots are copied when saved.
//
// # When to use it
//
// It fits a host that runs as one process and may lose its lines when the
// process stops: a demo or a prototype, a command-line tool or batch job
// that works out lines from data it reads in and writes its results
// elsewhere, a simulation, a single-instance service whose lines are
// rebuilt at start from a system of record, and every test. Several
// Engines in the one process may share a Store, as they may share any
// Store.
//
// It does not fit anything else, because of what it is:
//
//   - Everything is lost when the process exits or crashes: the journals
//     are the only record of what a line owes, so a host that must keep
//     its lines needs a Store on a database (examples/postgres has one).
//   - It is one process's memory: two processes, or two replicas of a
//     service behind a load balancer, each see a Store of their own, and a
//     line would fork into two. Several processes must share a database.
//   - Memory grows with the journals and is never given back: every fact
//     of every line stays in memory for as long as the process runs, and a
//     snapshot adds to a line's memory without freeing any of its journal.
//     The memory a host needs is bounded only by its lines times the facts
//     each has collected, so a long-running process with busy lines grows
//     without end.
//
// Tests keep using credittest.NewMemStore, which is this Store under the
// name it has always had.
package memstore
