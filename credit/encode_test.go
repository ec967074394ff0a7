package credit

import (
	"encoding/json"
	"testing"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// The hand-written JSON must be byte for byte what encoding/json writes;
// facts, written in their own format, must read back as that JSON.

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "tmall-shop-1", `a"b\c`, "<&>", "\x00\x1f\x7f", "\b\f\n\r\t\v", "中文", "\u2028\u2029", "\xff\xfe", "a\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendString(%q) = %s, want x%s", s, got, want)
		}
	})
}

func TestHandJSONMatchesEncodingJSON(t *testing.T) {
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	usd := money.FromMinor(1999, money.USD)
	rate, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("7.1234"))
	if err != nil {
		t.Fatal(err)
	}
	on, err := calendar.ParseDate("2015-01-03")
	if err != nil {
		t.Fatal(err)
	}
	shop := Merchant{ID: `shop "1" <&>`, Enrolled: true, Category: "digital", FeeRate: "0.006", FundsInstallmentFees: true}
	plain := Merchant{ID: "tmall-shop-1", Category: "apparel"}
	auths := map[string]authorizedData{
		"plain":   {Request: AuthRequest{Purchase: "p1", Amount: cny(200000), Merchant: plain, On: on}, Original: cny(200000)},
		"foreign": {Request: AuthRequest{Purchase: "p2 中文", Amount: cny(14240), Merchant: shop, Plan: "6-month", On: on}, Original: usd, Rate: &rate},
	}
	decisions := map[string]Decision{
		"approved": {Approved: true, AvailableBefore: cny(3000000), AvailableAfter: cny(2800000)},
		"declined": {Reasons: []Reason{
			{Code: CodeBelowMinimumPurchase, Message: "below the minimum purchase", Limit: cny(100000), Actual: cny(80000)},
			{Code: CodeLineOverdue, Message: "the line has an overdue balance"},
		}, AvailableBefore: cny(3000000), AvailableAfter: cny(3000000)},
	}
	for name, d := range auths {
		same(t, "authorizedData "+name, d, d.appendJSON)
	}
	for name, d := range decisions {
		same(t, "Decision "+name, d, d.appendJSON)
	}
	for name, m := range map[string]Merchant{"shop": shop, "plain": plain} {
		same(t, "Merchant "+name, m, func(b []byte) ([]byte, error) { return m.appendJSON(b), nil })
	}
	for name, c := range map[string]DelinquencyChange{
		"past due":    {From: Bucket{}, To: Bucket{From: 1, To: 30}, DaysPastDue: 1, PastDue: cny(100000)},
		"charged off": {From: Bucket{From: 91}, To: Bucket{ChargedOff: true}, DaysPastDue: 181, PastDue: cny(104500)},
		"cured":       {From: Bucket{From: 31, To: 60}, To: Bucket{}, PastDue: cny(0)},
	} {
		same(t, "DelinquencyChange "+name, c, c.appendJSON)
	}

	facts := map[string]Fact{
		"authorized": {V: factFormat, Kind: factAuthorized, On: on, Key: "k1", Hash: "ab12", payload: auths["foreign"], result: decisions["approved"]},
		"declined":   {V: factFormat, Kind: factDeclined, On: on, payload: auths["plain"], result: decisions["declined"]},
		"posted": {V: factFormat, Kind: factDelivered, On: on, payload: purchaseData{Purchase: "p1", Amount: cny(200000)},
			Postings: []Posting{{Account: "holder", Amount: cny(200000)}, {Account: "merchant:tmall-shop-1", Amount: cny(-200000)}}},
		"raw": {V: factFormat, Kind: factPaid, On: on, Data: json.RawMessage(`{"amount":{"amount":"1.00","currency":"CNY"}}`), Result: json.RawMessage(`{}`)},
	}
	// A fact is written in format 2, and reads back as the JSON of its
	// types.
	for name, f := range facts {
		want := f
		if f.payload != nil {
			want.Data, want.payload = mustJSON(t, f.payload), nil
		}
		if f.result != nil {
			want.Result, want.result = mustJSON(t, f.result), nil
		}
		enc, err := f.appendJSON(nil)
		if err != nil {
			t.Fatalf("Fact %s: %v", name, err)
		}
		var back Fact
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("Fact %s: %s does not decode: %v", name, enc, err)
		}
		if got := mustJSON(t, back); string(got) != string(mustJSON(t, want)) {
			t.Errorf("Fact %s: written as\n%s\nreads back as\n%s\nwant\n%s", name, enc, got, mustJSON(t, want))
		}
	}
}

// same checks that appendJSON writes what json.Marshal writes for v.
func same(t *testing.T, name string, v any, appendJSON func([]byte) ([]byte, error)) {
	t.Helper()
	want := mustJSON(t, v)
	got, err := appendJSON(nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if string(got) != string(want) {
		t.Errorf("%s:\n got %s\nwant %s", name, got, want)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
