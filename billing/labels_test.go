package billing

import "testing"

// TestLineKindLabel: every kind has a label in both languages, distinct
// from the others; BCP 47 tags for Chinese choose Chinese.
func TestLineKindLabel(t *testing.T) {
	seen := map[string]LineKind{}
	for k := PurchaseLine; k <= ReageLine; k++ {
		for _, lang := range []string{"en", "zh-CN"} {
			l := k.Label(lang)
			if l == k.String() {
				t.Errorf("%v has no %s label", k, lang)
			}
			if other, dup := seen[l]; dup {
				t.Errorf("%v and %v are both labelled %q", k, other, l)
			}
			seen[l] = k
		}
	}
	for lang, want := range map[string]string{"zh": "还款", "zh-CN": "还款", "zh-Hans-CN": "还款", "ZH-cn": "还款", "zh_CN": "还款", "zh-SG": "还款",
		"zh-TW": "Payment", "zh-Hant": "Payment", "zh-HK": "Payment", "en": "Payment", "": "Payment", "fr": "Payment", "zhx": "Payment"} {
		if got := PaymentLine.Label(lang); got != want {
			t.Errorf("PaymentLine.Label(%q) = %q, want %q", lang, got, want)
		}
	}
}
