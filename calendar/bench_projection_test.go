package calendar

import "testing"

// Run with: go test -run '^$' -bench Project -benchmem ./calendar

func BenchmarkProjectionIsWorkingDay(b *testing.B) {
	p := projection(b)
	d := date(b, "2040-10-09")
	b.ReportAllocs()
	for b.Loop() {
		p.IsWorkingDay(d)
	}
}

// BenchmarkProjectionIsWorkingDayBeyondTable: past the lunar table the
// fixed-date holidays are worked out on each call.
func BenchmarkProjectionIsWorkingDayBeyondTable(b *testing.B) {
	p := projection(b)
	d := date(b, "2150-10-09")
	b.ReportAllocs()
	for b.Loop() {
		p.IsWorkingDay(d)
	}
}

// BenchmarkChinaProjectedIsWorkingDay asks the official calendar about a
// projected date: one failed bit test, then the projection's.
func BenchmarkChinaProjectedIsWorkingDay(b *testing.B) {
	c, err := ChinaProjected()
	if err != nil {
		b.Fatal(err)
	}
	d := date(b, "2027-10-08")
	b.ReportAllocs()
	for b.Loop() {
		c.IsWorkingDay(d)
	}
}

func BenchmarkChinaProjection(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ChinaProjection()
	}
}
