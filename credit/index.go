package credit

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
)

// A line lives for years and uses a key for every command; its purchases
// leave the line's state once settled (see archive.go). The Engine still
// answers for every key ever used and finds every purchase ever archived,
// without keeping either in memory: it keeps a fingerprint index of each,
// 12 bytes an entry in a snapshot (a 32-bit fingerprint, the version of
// the record that holds the rest, and the Sum that record continues). A
// fingerprint that matches is a candidate, never an answer: the Engine reads the record,
// checks it against the Sum it continues (so that a store cannot answer
// with another record) and compares the key or purchase ID itself, so a
// collision costs one read and cannot mistake one key for another.
//
// The index is sorted by fingerprint and never changed in place: adding
// entries makes a new one (once every indexMerge keys, or at a snapshot,
// so it costs a copy per batch, not per command), and the entries of
// successive cache entries and snapshots share nothing a later command
// changes. Its entries go into snapshots as they are, so that a cold load
// reads them in one piece; the key results and purchases they point to
// stay in the journal.

// indexEntry points to the record of a key's fact, or of the fact that
// archived a purchase.
type indexEntry struct {
	print   uint32
	prev    uint32 // the Sum the record at version continues
	version int64
}

// indexEntrySize is an entry's size in a snapshot.
const indexEntrySize = 12

// index is a sorted list of entries. The zero index is empty.
type index struct {
	entries []indexEntry
}

// fingerprint returns the 64-bit FNV-1a hash of kind and s, folded to 32
// bits: kinds keep keys and purchase IDs apart. With a million keys on a
// line, one new key in about 4,300 matches an old one's fingerprint and
// costs a read of its record.
func fingerprint(kind byte, s string) uint32 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	h = (h ^ uint64(kind)) * prime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * prime
	}
	return uint32(h ^ h>>32)
}

// The kinds of fingerprint.
const (
	printKey      = 'k'
	printPurchase = 'p'
)

// find returns the entries with fingerprint print, the latest first.
func (x index) find(print uint32) []indexEntry {
	i, _ := slices.BinarySearchFunc(x.entries, print, func(e indexEntry, p uint32) int {
		switch {
		case e.print < p:
			return -1
		case e.print > p:
			return 1
		}
		return 0
	})
	j := i
	for j < len(x.entries) && x.entries[j].print == print {
		j++
	}
	out := slices.Clone(x.entries[i:j])
	slices.Reverse(out) // entries of one print are in version order
	return out
}

// with returns a new index holding x's entries and add's: add sorted, then
// merged with x's in one pass, so that adding a batch costs a copy of the
// index, not a sort of it.
func (x index) with(add []indexEntry) index {
	if len(add) == 0 {
		return x
	}
	add = slices.Clone(add)
	slices.SortFunc(add, compareEntries)
	out := make([]indexEntry, 0, len(x.entries)+len(add))
	a, b := x.entries, add
	for len(a) > 0 || len(b) > 0 {
		var e indexEntry
		switch {
		case len(b) == 0 || len(a) > 0 && compareEntries(a[0], b[0]) <= 0:
			e, a = a[0], a[1:]
		default:
			e, b = b[0], b[1:]
		}
		// A key found through the index and kept in memory again comes
		// back with the entry it was found by: kept once.
		if n := len(out); n > 0 && out[n-1].print == e.print && out[n-1].version == e.version {
			continue
		}
		out = append(out, e)
	}
	return index{entries: out}
}

// compareEntries orders entries by fingerprint, then version.
func compareEntries(a, b indexEntry) int {
	switch {
	case a.print < b.print:
		return -1
	case a.print > b.print:
		return 1
	case a.version < b.version:
		return -1
	case a.version > b.version:
		return 1
	}
	return 0
}

// through returns the entries that point to versions up to v.
func (x index) through(v int64) index {
	for _, e := range x.entries {
		if e.version > v {
			return index{entries: slices.DeleteFunc(slices.Clone(x.entries), func(e indexEntry) bool { return e.version > v })}
		}
	}
	return x
}

// MarshalBinary encodes the entries, 12 bytes each, big-endian. A version
// beyond 32 bits (four billion facts on a line) cannot be encoded: ok
// false, and the Engine takes no snapshot.
func (x index) MarshalBinary() (b []byte, ok bool) {
	if len(x.entries) == 0 {
		return nil, true
	}
	b = make([]byte, 0, len(x.entries)*indexEntrySize)
	for _, e := range x.entries {
		if e.version > math.MaxUint32 {
			return nil, false
		}
		b = binary.BigEndian.AppendUint32(b, e.print)
		b = binary.BigEndian.AppendUint32(b, uint32(e.version))
		b = binary.BigEndian.AppendUint32(b, e.prev)
	}
	return b, true
}

var errBadIndex = errors.New("the index is not a sorted list of 12-byte entries")

// unmarshalIndex decodes what MarshalBinary encodes, checking that the
// entries are in order and point to versions from 1 to through.
func unmarshalIndex(b []byte, through int64) (index, error) {
	if len(b)%indexEntrySize != 0 {
		return index{}, errBadIndex
	}
	entries := make([]indexEntry, len(b)/indexEntrySize)
	for i := range entries {
		p := b[i*indexEntrySize:]
		e := indexEntry{print: binary.BigEndian.Uint32(p), version: int64(binary.BigEndian.Uint32(p[4:])), prev: binary.BigEndian.Uint32(p[8:])}
		if e.version < 1 || e.version > through {
			return index{}, errBadIndex
		}
		if i > 0 && compareEntries(entries[i-1], e) >= 0 {
			return index{}, errBadIndex
		}
		entries[i] = e
	}
	return index{entries: entries}, nil
}
