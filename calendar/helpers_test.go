package calendar

import (
	"testing"
	"time"
)

// date parses an ISO date in a test, failing it on a typo.
func date(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func china(t testing.TB) *Official {
	t.Helper()
	c, err := China()
	if err != nil {
		t.Fatalf("China(): %v", err)
	}
	return c
}

func shanghai(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("LoadLocation: %v", err)
	}
	return loc
}
