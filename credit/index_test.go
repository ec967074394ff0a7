package credit

import (
	"strconv"
	"testing"
)

// collidingPair returns two different strings whose fingerprints of kind
// are equal (a birthday search: about 2^16 tries).
func collidingPair(t *testing.T, kind byte, prefix string) (string, string) {
	t.Helper()
	seen := map[uint32]string{}
	for i := 0; i < 1<<22; i++ {
		s := prefix + strconv.Itoa(i)
		p := fingerprint(kind, s)
		if o, ok := seen[p]; ok {
			return o, s
		}
		seen[p] = s
	}
	t.Fatal("no collision found")
	return "", ""
}

func TestIndex(t *testing.T) {
	var x index
	x = x.with([]indexEntry{{print: 7, version: 3, prev: 1}, {print: 2, version: 5, prev: 2}})
	x = x.with([]indexEntry{{print: 7, version: 9, prev: 3}, {print: 2, version: 5, prev: 2}}) // the second again: kept once
	if got := len(x.entries); got != 3 {
		t.Fatalf("%d entries, want 3: %+v", got, x.entries)
	}
	if f := x.find(7); len(f) != 2 || f[0].version != 9 || f[1].version != 3 {
		t.Errorf("find(7) = %+v, want versions 9 then 3 (the latest first)", f)
	}
	if f := x.find(4); len(f) != 0 {
		t.Errorf("find(4) = %+v, want none", f)
	}
	b, ok := x.MarshalBinary()
	if !ok || len(b) != 3*indexEntrySize {
		t.Fatalf("encoded %d bytes (%v), want %d", len(b), ok, 3*indexEntrySize)
	}
	y, err := unmarshalIndex(b, 9)
	if err != nil || len(y.entries) != 3 || y.entries[2] != x.entries[2] {
		t.Fatalf("round trip: %+v, %v", y.entries, err)
	}
	if _, err := unmarshalIndex(b, 8); err == nil {
		t.Error("an entry past the snapshot's version was read")
	}
	if _, err := unmarshalIndex(b[:len(b)-1], 9); err == nil {
		t.Error("a truncated index was read")
	}
	swapped := append(append([]byte(nil), b[indexEntrySize:2*indexEntrySize]...), b[:indexEntrySize]...)
	if _, err := unmarshalIndex(swapped, 9); err == nil {
		t.Error("an index out of order was read")
	}
	if z := x.through(5); len(z.entries) != 2 || len(x.entries) != 3 {
		t.Errorf("through(5) = %+v (and changed x to %+v)", z.entries, x.entries)
	}
	big := index{entries: []indexEntry{{print: 1, version: 1 << 32}}}
	if _, ok := big.MarshalBinary(); ok {
		t.Error("a version beyond 32 bits was encoded")
	}
	a, c := collidingPair(t, printKey, "key-")
	if a == c || fingerprint(printKey, a) != fingerprint(printKey, c) {
		t.Fatalf("collidingPair: %q and %q", a, c)
	}
}
