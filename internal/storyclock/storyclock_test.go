package storyclock

import (
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	start := time.Date(2014, 12, 18, 10, 0, 0, 0, time.UTC)
	c := New(start)
	if !c.Now().Equal(start) {
		t.Fatalf("Now %v, want %v", c.Now(), start)
	}
	later := start.Add(48 * time.Hour)
	c.Set(later)
	if !c.Now().Equal(later) {
		t.Fatalf("after Set: %v, want %v", c.Now(), later)
	}
	c.Add(time.Hour)
	if want := later.Add(time.Hour); !c.Now().Equal(want) {
		t.Fatalf("after Add: %v, want %v", c.Now(), want)
	}
}
