package calendar

import (
	"testing"
	"time"
)

// hitRate compares a projection with the official calendar over the days
// from..to.
type hitRate struct {
	days, agree         int // every day; days whose working status agrees, a make-up weekend counted as a day off
	weekdaysOff, caught int // official weekdays off; those the projection has off too
	falseOff            int // projected weekdays off that are official working days
	rolls, sameRoll     int // days whose Following roll is defined officially; those the projection rolls to the same day
	sameRollNoMakeUp    int // those it rolls to the same day once make-up weekends are taken as days off
}

// noMakeUp is an official calendar without its make-up working weekends.
type noMakeUp struct{ *Official }

func (c noMakeUp) IsWorkingDay(d Date) (bool, error) {
	ok, err := c.Official.IsWorkingDay(d)
	return ok && !isWeekend(d), err
}

func (h *hitRate) add(o hitRate) {
	h.days += o.days
	h.agree += o.agree
	h.weekdaysOff += o.weekdaysOff
	h.caught += o.caught
	h.falseOff += o.falseOff
	h.rolls += o.rolls
	h.sameRoll += o.sameRoll
	h.sameRollNoMakeUp += o.sameRollNoMakeUp
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(of) }

func measure(t *testing.T, official *Official, p *Projection, from, to Date) hitRate {
	t.Helper()
	var h hitRate
	for d := from; !d.After(to); d = d.AddDays(1) {
		ow, err := official.IsWorkingDay(d)
		if err != nil {
			t.Fatal(err)
		}
		pw, err := p.IsWorkingDay(d)
		if err != nil {
			t.Fatal(err)
		}
		weekend := isWeekend(d)
		h.days++
		if (ow && !weekend) == pw { // a make-up weekend counts as the day off it would be
			h.agree++
		}
		if !weekend && !ow {
			h.weekdaysOff++
			if !pw {
				h.caught++
			}
		}
		if !weekend && ow && !pw {
			h.falseOff++
		}
		if want, err := RollDate(official, d, Following); err == nil {
			h.rolls++
			got, _ := RollDate(p, d, Following)
			if got == want {
				h.sameRoll++
			}
			if want, _ := RollDate(noMakeUp{official}, d, Following); got == want {
				h.sameRollNoMakeUp++
			}
		}
	}
	return h
}

// TestProjectionHitRate measures the projection against every official
// year, 2015 through 2026 (to 19 December, where the notices end): the
// law in force each year, and the 2024 law for all years, each with and
// without Article 6's substitute days. The figures are logged (go test -v
// -run HitRate) and the package documentation quotes them; the test fails
// if they fall below the floors, a little under what was measured.
func TestProjectionHitRate(t *testing.T) {
	official := china(t)
	variants := []struct {
		name        string
		statute     Statute
		substitutes bool
		// floors, in percent: agreement, weekdays off caught, same roll
		agree, caught, roll float64
	}{
		{"law in force, substitutes", StatuteInForce, true, 97.5, 60, 91},
		{"2024 law, substitutes", Statute2024, true, 97.5, 67, 91},
		{"law in force, no substitutes", StatuteInForce, false, 96.5, 42, 90.5},
		{"2024 law, no substitutes", Statute2024, false, 96.5, 48, 90.5},
	}
	for _, v := range variants {
		p, err := newProjection([]byte(chinaLunarTable), v.statute, v.substitutes)
		if err != nil {
			t.Fatal(err)
		}
		var total hitRate
		t.Logf("%s:", v.name)
		t.Logf("  year  agree   weekdays off caught  false off  same Following roll  (make-up weekends off)")
		for y := 2015; y <= 2026; y++ {
			from, _ := NewDate(y, time.January, 1)
			to, _ := NewDate(y, time.December, 31)
			if y == 2026 {
				to, _ = NewDate(y, time.December, 19)
			}
			h := measure(t, official, p, from, to)
			total.add(h)
			t.Logf("  %d  %5.1f%%  %3d/%3d %5.1f%%  %9d  %17.1f%%  %21.1f%%", y, pct(h.agree, h.days),
				h.caught, h.weekdaysOff, pct(h.caught, h.weekdaysOff), h.falseOff, pct(h.sameRoll, h.rolls), pct(h.sameRollNoMakeUp, h.rolls))
		}
		agree, caught, roll := pct(total.agree, total.days), pct(total.caught, total.weekdaysOff), pct(total.sameRoll, total.rolls)
		t.Logf("  all   %5.1f%%  %3d/%3d %5.1f%%  %9d  %17.1f%%  %21.1f%%  (%d days, %d rolls)", agree,
			total.caught, total.weekdaysOff, caught, total.falseOff, roll, pct(total.sameRollNoMakeUp, total.rolls), total.days, total.rolls)
		if agree < v.agree || caught < v.caught || roll < v.roll {
			t.Errorf("%s: agreement %.1f%%, caught %.1f%%, same roll %.1f%%; floors %.1f%%, %.1f%%, %.1f%%",
				v.name, agree, caught, roll, v.agree, v.caught, v.roll)
		}
	}
}
