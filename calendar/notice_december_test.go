package calendar

import "testing"

// TestNoticeReachesBackIntoDecember: a notice's New Year days in the
// December before its year are official even when that December's own
// year has no notice, with or without a projection (the notice here is
// made up for the test: 30 December 2029 to 1 January 2030 off, Saturday
// 29 December worked).
func TestNoticeReachesBackIntoDecember(t *testing.T) {
	notice := []byte(`{"calendar": "CN", "years": [{"year": 2030,
	  "notices": [{"id": "t", "title": "a notice made up for a test", "number": "none", "date": "2029-12-01", "source": "none"}],
	  "holidays": [{"name": "元旦", "name_en": "New Year's Day", "off": ["2029-12-30/2030-01-01"], "work": ["2029-12-29"]}]}]}`)
	projected, err := ChinaProjected()
	if err != nil {
		t.Fatal(err)
	}
	withNotice, err := projected.With(notice)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		day     string
		working bool
	}{
		{"2029-12-29", true},  // a Saturday, worked
		{"2029-12-31", false}, // a Monday, off
		{"2030-01-01", false},
	} {
		d := date(t, c.day)
		w, err := withNotice.IsWorkingDay(d)
		if err != nil || w != c.working {
			t.Errorf("%s: working %v, %v; want %v", c.day, w, err, c.working)
		}
		if withNotice.IsProjected(d) {
			t.Errorf("%s is listed by a notice, not projected", c.day)
		}
		day, err := withNotice.Day(d)
		if err != nil || day.Projected || day.Notice.ID != "t" {
			t.Errorf("%s: %+v, %v; want the notice's day", c.day, day, err)
		}
	}
	if !withNotice.IsProjected(date(t, "2029-12-28")) {
		t.Errorf("2029-12-28 is not in the notice: it stays projected")
	}
}
