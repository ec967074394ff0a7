package calendar

import (
	"testing"
	"time"
)

// FuzzParseFormat: whatever ParseDate accepts prints back to the same text.
func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{"2015-01-10", "2016-02-29", "0001-01-01", "9999-12-31", "2015-02-29", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		if back, err := ParseDate(d.String()); err != nil || back != d {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
	})
}

// FuzzAddMonths checks AddMonths against its definition: the month moves
// by exactly n, the day is kept or clamped to the month's end, and package
// time agrees whenever no clamping happens.
func FuzzAddMonths(f *testing.F) {
	f.Add(int32(735629), int16(1))
	f.Add(int32(735629), int16(-13))
	f.Add(int32(1), int16(1000))
	f.Fuzz(func(t *testing.T, n int32, months int16) {
		d := Date{n: n%lastDay + 1}
		if d.n <= 0 {
			d.n += lastDay
		}
		got := d.AddMonths(int(months))
		y, m, day := d.Date()
		total := y*12 + int(m-1) + int(months)
		if total/12 < minYear || total/12 > maxYear || total < 0 {
			if !got.IsZero() {
				t.Fatalf("%s.AddMonths(%d) = %s, want the zero Date", d, months, got)
			}
			return
		}
		gy, gm, gday := got.Date()
		if gy*12+int(gm-1) != total {
			t.Fatalf("%s.AddMonths(%d) = %s: wrong month", d, months, got)
		}
		if want := min(day, DaysIn(gy, gm)); gday != want {
			t.Fatalf("%s.AddMonths(%d) = %s: day %d, want %d", d, months, got, gday, want)
		}
		if day <= DaysIn(gy, gm) {
			tm := time.Date(y, m, day, 0, 0, 0, 0, time.UTC).AddDate(0, int(months), 0)
			if ty, tmm, td := tm.Date(); ty != gy || tmm != gm || td != gday {
				t.Fatalf("%s.AddMonths(%d) = %s, package time says %s", d, months, got, tm.Format(time.DateOnly))
			}
		}
	})
}
