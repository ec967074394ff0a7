package calendar

import (
	"fmt"
	"math"
	"testing"
)

// This file recomputes the lunar table from astronomy, to catch a wrong
// date in china_lunar.txt (a slip in copying it) independently of the
// table's source. New moons follow J. Meeus, Astronomical Algorithms, 2nd
// ed. (1998), chapter 49 (error well under a minute); the Sun's apparent
// longitude, chapter 25's low-accuracy series (about 0.01°, some 15
// minutes of time); ΔT, the polynomials of F. Espenak and J. Meeus (NASA
// Five Millennium Canon of Solar Eclipses, 2006). Dates are in China
// Standard Time (UTC+8), as in the Chinese calendar. When an event falls
// within tolerance minutes of midnight the computation cannot decide the
// date and the table is trusted; the test logs such cases.

const (
	newMoonTolerance = 5.0 / (24 * 60)  // days
	sunTolerance     = 40.0 / (24 * 60) // days
	julianUnixEpoch  = 2440587.5        // JD of 1970-01-01 00:00 UTC
)

func sinDeg(x float64) float64 { return math.Sin(x * math.Pi / 180) }

// newMoonJDE returns the instant (Julian Ephemeris Day) of new moon
// number k, counted from the one of 6 January 2000.
func newMoonJDE(k float64) float64 {
	t := k / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + 29.530588861*k + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	m := 2.5534 + 29.10535670*k - 0.0000014*t2 - 0.00000011*t3
	mp := 201.5643 + 385.81693528*k + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4
	f := 160.7108 + 390.67050284*k - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4
	om := 124.7746 - 1.56375588*k + 0.0020672*t2 + 0.00000215*t3
	jde += -0.40720*sinDeg(mp) + 0.17241*e*sinDeg(m) + 0.01608*sinDeg(2*mp) +
		0.01039*sinDeg(2*f) + 0.00739*e*sinDeg(mp-m) - 0.00514*e*sinDeg(mp+m) +
		0.00208*e*e*sinDeg(2*m) - 0.00111*sinDeg(mp-2*f) - 0.00057*sinDeg(mp+2*f) +
		0.00056*e*sinDeg(2*mp+m) - 0.00042*sinDeg(3*mp) + 0.00042*e*sinDeg(m+2*f) +
		0.00038*e*sinDeg(m-2*f) - 0.00024*e*sinDeg(2*mp-m) - 0.00017*sinDeg(om) -
		0.00007*sinDeg(mp+2*m) + 0.00004*sinDeg(2*mp-2*f) + 0.00004*sinDeg(3*m) +
		0.00003*sinDeg(mp+m-2*f) + 0.00003*sinDeg(2*mp+2*f) - 0.00003*sinDeg(mp+m+2*f) +
		0.00003*sinDeg(mp-m+2*f) - 0.00002*sinDeg(mp-m-2*f) - 0.00002*sinDeg(3*mp+m) +
		0.00002*sinDeg(4*mp)
	planetary := [14][3]float64{
		{299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
		{349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
		{207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
	}
	for i, a := range planetary {
		arg := a[0] + a[1]*k
		if i == 0 {
			arg -= 0.009173 * t2
		}
		jde += a[2] * sinDeg(arg)
	}
	return jde
}

// deltaT returns TT - UT in days for a year in 2005-2150.
func deltaT(year float64) float64 {
	var s float64
	if year < 2050 {
		u := year - 2000
		s = 62.92 + 0.32217*u + 0.005589*u*u
	} else {
		u := (year - 1820) / 100
		s = -20 + 32*u*u - 0.5628*(2150-year)
	}
	return s / 86400
}

// beijing returns the date in UTC+8 of the instant jde, and how far that
// instant is from the nearer midnight, in days.
func beijing(jde float64) (Date, float64) {
	jd := jde - deltaT(2000+(jde-2451545)/365.25) + 8.0/24
	days := jd - julianUnixEpoch
	whole := math.Floor(days)
	frac := days - whole
	return Date{n: int32(whole) + unixOffset}, math.Min(frac, 1-frac)
}

// julian returns the Julian Day of noon UTC+8 on d, near enough for
// starting a search.
func julian(d Date) float64 { return float64(d.n-unixOffset) + julianUnixEpoch + 0.5 - 8.0/24 }

// sunLongitude returns the Sun's apparent longitude in degrees at jde.
func sunLongitude(jde float64) float64 {
	t := (jde - 2451545) / 36525
	l0 := 280.46646 + 36000.76983*t + 0.0003032*t*t
	m := 357.52911 + 35999.05029*t - 0.0001537*t*t
	c := (1.914602-0.004817*t-0.000014*t*t)*sinDeg(m) + (0.019993-0.000101*t)*sinDeg(2*m) + 0.000289*sinDeg(3*m)
	om := 125.04 - 1934.136*t
	return math.Mod(l0+c-0.00569-0.00478*sinDeg(om), 360)
}

// solarTerm returns the instant, near jde, when the Sun's apparent
// longitude is lambda degrees.
func solarTerm(lambda, jde float64) float64 {
	for i := 0; i < 10; i++ {
		diff := math.Mod(lambda-sunLongitude(jde)+540, 360) - 180
		jde += diff / 0.9856
	}
	return jde
}

// newMoonOn returns the new moon nearest to d.
func newMoonOn(d Date) float64 {
	k := math.Round((julian(d) - 2451550.09766) / 29.530588861)
	return newMoonJDE(k)
}

// astronomyCheck compares a lunar table with the computation: errs lists
// the dates it contradicts, notes the cases it cannot decide or that
// break the usual rule (logged), undecided counts the former.
func astronomyCheck(first int, years []lunarYear) (errs, notes []string, undecided int) {
	for i, l := range years {
		y := first + i
		months := []struct {
			name   string
			start  Date
			lambda float64 // the principal term the month normally contains
		}{
			{"1st month", l.newYear, 330}, // 雨水
			{"5th month", l.fifth, 90},    // 夏至
			{"8th month", l.eighth, 180},  // 秋分
		}
		for _, m := range months {
			moon := newMoonOn(m.start)
			got, margin := beijing(moon)
			next, _ := beijing(newMoonJDE(math.Round((moon-2451550.09766)/29.530588861) + 1))
			switch {
			case got != m.start && margin < newMoonTolerance:
				undecided++
				notes = append(notes, fmt.Sprintf("%d %s: table %s, new moon within %.0f s of midnight (%s)", y, m.name, m.start, margin*86400, got))
				continue
			case got != m.start:
				errs = append(errs, fmt.Sprintf("%d %s: table %s, new moon on %s", y, m.name, m.start, got))
				continue
			}
			// A month normally contains its principal term, but a month
			// can hold two terms or none (2033's 8th month, the 1st months
			// of 2034 and 2053), so a term a few days outside is only
			// noted; a month copied from the wrong row is some 29 days out.
			term, _ := beijing(solarTerm(m.lambda, julian(m.start)+15))
			if term.Before(m.start.AddDays(-3)) || term.After(next.AddDays(2)) {
				errs = append(errs, fmt.Sprintf("%d %s: %s to %s is far from its principal term %v° (%s)", y, m.name, m.start, next, m.lambda, term))
			} else if term.Before(m.start) || !term.Before(next) {
				notes = append(notes, fmt.Sprintf("%d %s: %s to %s does not contain its principal term %v° (%s), which falls just outside", y, m.name, m.start, next, m.lambda, term))
			}
		}
		qm, margin := beijing(solarTerm(15, julian(l.qingming)))
		switch {
		case qm != l.qingming && margin < sunTolerance:
			undecided++
			notes = append(notes, fmt.Sprintf("%d Qingming: table %s, computed %s within %.0f min of midnight", y, l.qingming, qm, margin*24*60))
		case qm != l.qingming:
			errs = append(errs, fmt.Sprintf("%d Qingming: table %s, computed %s", y, l.qingming, qm))
		}
	}
	return errs, notes, undecided
}

func TestLunarTableAstronomy(t *testing.T) {
	first, years, err := parseLunarTable([]byte(chinaLunarTable))
	if err != nil {
		t.Fatal(err)
	}
	if first != 2014 || len(years) != 87 {
		t.Errorf("table years %d + %d, want 2014 through 2100", first, len(years))
	}
	errs, notes, undecided := astronomyCheck(first, years)
	for _, e := range errs {
		t.Error(e)
	}
	for _, n := range notes {
		t.Log(n)
	}
	if undecided > 5 {
		t.Errorf("%d dates undecided: the computation is not precise enough to check the table", undecided)
	}

	// The check finds a slip of one day, and a month taken from the next row.
	for _, tt := range []struct {
		name string
		edit func(l *lunarYear)
	}{
		{"new year a day late", func(l *lunarYear) { l.newYear = l.newYear.AddDays(1) }},
		{"Qingming a day early", func(l *lunarYear) { l.qingming = l.qingming.AddDays(-1) }},
		{"8th month a month late", func(l *lunarYear) { l.eighth = newMoonDate(l.eighth, 1) }},
		{"5th month a month early", func(l *lunarYear) { l.fifth = newMoonDate(l.fifth, -1) }},
	} {
		bad := append([]lunarYear(nil), years...)
		tt.edit(&bad[2040-first])
		if errs, _, _ := astronomyCheck(first, bad); len(errs) != 1 {
			t.Errorf("%s in 2040: %d errors %q, want 1", tt.name, len(errs), errs)
		}
	}

	// The computation itself, on dates every almanac agrees on.
	if d, _ := beijing(newMoonOn(date(t, "2024-02-10"))); d != date(t, "2024-02-10") {
		t.Errorf("new moon of February 2024 on %s, want 2024-02-10", d)
	}
	if d, _ := beijing(solarTerm(90, julian(date(t, "2024-06-21")))); d != date(t, "2024-06-21") {
		t.Errorf("2024 summer solstice on %s, want 2024-06-21", d)
	}
}

// newMoonDate returns the date of the new moon n lunations from the one
// on d.
func newMoonDate(d Date, n int) Date {
	k := math.Round((newMoonOn(d)-2451550.09766)/29.530588861) + float64(n)
	got, _ := beijing(newMoonJDE(k))
	return got
}
