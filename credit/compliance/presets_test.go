package compliance

import (
	"strings"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/internal/golden"
)

// TestPresets runs the built-in rules for each preset's currency and
// records every finding in testdata/presets.golden (go test -update
// rewrites it). No preset has a Violation; the Warnings are exactly these:
//
//   - 0.05% a day × 365 = 18.25%, above 4 × 3.0% = 12%, on huabei-2014,
//     huabei and jd-baitiao-2014 (a court's line for private lenders; the
//     2014 products predate it, and licensed lenders are outside it);
//   - huabei's plans, at 14.94% (3 months, 2.5%), 15.27% (6, 4.5%),
//     15.34% (9, 6.5%) and 15.87% (12, 8.8%) a year, checkout and
//     statement alike, above the same 12%.
//
// JD Baitiao's plans, 8.98%, 10.21% and 10.90%, are below it.
func TestPresets(t *testing.T) {
	type want struct {
		product, field, value string
	}
	warnings := []want{
		{"huabei-2014", "billing.interest.daily_rate", "0.1825"},
		{"huabei", "billing.interest.daily_rate", "0.1825"},
		{"huabei", "installments[0]", "0.1493854404"},
		{"huabei", "installments[1]", "0.1526815908"},
		{"huabei", "installments[2]", "0.1534060344"},
		{"huabei", "installments[3]", "0.1586536632"},
		{"huabei", "bill_installments[0]", "0.1493854404"},
		{"huabei", "bill_installments[1]", "0.1526815908"},
		{"huabei", "bill_installments[2]", "0.1534060344"},
		{"huabei", "bill_installments[3]", "0.1586536632"},
		{"jd-baitiao-2014", "billing.interest.daily_rate", "0.1825"},
	}
	var all strings.Builder
	var got []want
	for _, p := range credit.Presets() {
		r, err := Check(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if len(r.Findings) == 0 {
			t.Errorf("%s: no rules ran", p.Name)
		}
		all.WriteString(r.String())
		all.WriteString("\n")
		for _, f := range r.AtLeast(Warning) {
			if f.Severity == Violation {
				t.Errorf("%s: violation: %+v", p.Name, f)
			}
			if f.Rule != "cn.spc-2020.lending-ceiling" || !f.Limit.Equal(dec("0.12")) {
				t.Errorf("%s: unexpected warning: %+v", p.Name, f)
			}
			got = append(got, want{p.Name, f.Field, f.Value.String()})
		}
	}
	if len(got) != len(warnings) {
		t.Errorf("%d warnings, want %d: %v", len(got), len(warnings), got)
	}
	for i := range min(len(got), len(warnings)) {
		if got[i] != warnings[i] {
			t.Errorf("warning %d: %v, want %v", i, got[i], warnings[i])
		}
	}
	golden.Check(t, "presets", []byte(all.String()))
}
