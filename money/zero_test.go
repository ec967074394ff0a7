package money

import (
	"database/sql"
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b Amount
		want bool
	}{
		{cny(123456), cny(123456), true},
		{cny(123456), cny(123457), false},
		{FromMinor(1, CNY), FromMinor(1, USD), false},
		// The zero Amount is zero in every currency...
		{Zero(CNY), Amount{}, true},
		{Amount{}, Zero(JPY), true},
		{Amount{}, Amount{}, true},
		{Amount{}, cny(1), false},
		{cny(-1), Amount{}, false},
		// ...but zero in one currency is not zero in another,
		{Zero(CNY), Zero(USD), false},
		// and units without a currency are not the zero Amount.
		{FromMinor(5, Currency(0)), Amount{}, false},
		{FromMinor(5, Currency(0)), FromMinor(5, Currency(0)), true},
		{FromMinor(5, Currency(0)), cny(5), false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%v.Equal(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Equal(tt.a); got != tt.want {
			t.Errorf("%v.Equal(%v) = %v, want %v (Equal is not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestEqualIsCmpZero checks the documented link: a.Equal(b) exactly when
// a.Cmp(b) is 0 without error, over pairs of awkward amounts.
func TestEqualIsCmpZero(t *testing.T) {
	amounts := []Amount{
		{}, Zero(CNY), Zero(USD), cny(1), cny(-1), usd(1), FromMinor(1, Currency(0)),
		FromMinor(0, JPY), cny(math.MinInt64), cny(math.MaxInt64),
	}
	for _, a := range amounts {
		for _, b := range amounts {
			c, err := a.Cmp(b)
			if want := err == nil && c == 0; a.Equal(b) != want {
				t.Errorf("%v.Equal(%v) = %v, but Cmp = %d, %v", a, b, a.Equal(b), c, err)
			}
		}
	}
}

// TestZeroWithCmp shows the go-cmp case the zero value is for: a "want"
// that leaves amounts out matches a result with zero in the line's currency,
// while a wrong currency or a non-zero amount still shows.
func TestZeroWithCmp(t *testing.T) {
	type balances struct {
		Held, Billed, Available Amount
	}
	got := balances{Held: cny(0), Billed: cny(0), Available: cny(3000000)}
	want := balances{Available: cny(3000000)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a want that leaves zero amounts out differs:\n%s", diff)
	}
	got.Billed = usd(0)
	got.Held = cny(1)
	if diff := cmp.Diff(want, got); diff == "" {
		t.Error("no difference for CNY 0.01 against the zero Amount")
	}
	if cmp.Equal(balances{Billed: cny(0)}, balances{Billed: usd(0)}) {
		t.Error("CNY 0.00 and USD 0.00 compare equal")
	}
}

func TestZeroEncodings(t *testing.T) {
	// JSON, alone and in a struct, with and without a pointer.
	b, err := json.Marshal(Amount{})
	if err != nil || string(b) != `{"amount":"0","currency":""}` {
		t.Fatalf("Marshal(Amount{}) = %s, %v", b, err)
	}
	back := cny(4200)
	if err := json.Unmarshal(b, &back); err != nil || back != (Amount{}) {
		t.Errorf("Unmarshal(%s) = %v, %v; want the zero Amount", b, back, err)
	}
	// Spacing and key order are free, as for any amount.
	back = cny(4200)
	if err := json.Unmarshal([]byte(`{ "currency": "", "amount": "0" }`), &back); err != nil || back != (Amount{}) {
		t.Errorf("Unmarshal(spaced zero) = %v, %v", back, err)
	}

	type decision struct {
		Approved bool    `json:"approved"`
		Before   Amount  `json:"before"`
		After    Amount  `json:"after"`
		Refund   *Amount `json:"refund"`
		Fee      Amount  `json:"fee,omitzero"`
	}
	tests := []struct {
		d    decision
		want string
	}{
		{decision{},
			`{"approved":false,"before":{"amount":"0","currency":""},"after":{"amount":"0","currency":""},"refund":null}`},
		{decision{Approved: true, Before: cny(3000000), After: cny(2900000), Refund: &Amount{}, Fee: cny(0)},
			`{"approved":true,"before":{"amount":"30000.00","currency":"CNY"},"after":{"amount":"29000.00","currency":"CNY"},"refund":{"amount":"0","currency":""}}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.d)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) =\n%s, %v; want\n%s", tt.d, b, err, tt.want)
			continue
		}
		var back decision
		if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(back, tt.d) {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", b, back, err, tt.d)
		}
		if tt.d.Refund != nil && (back.Refund == nil || *back.Refund != *tt.d.Refund) {
			t.Errorf("a pointer to the zero Amount came back as %v", back.Refund)
		}
	}

	// Text and database/sql.
	text, err := Amount{}.MarshalText()
	if err != nil || string(text) != "0" {
		t.Fatalf("MarshalText(Amount{}) = %q, %v", text, err)
	}
	v, err := Amount{}.Value()
	if err != nil || v != "0" {
		t.Errorf("Value(Amount{}) = %v, %v", v, err)
	}
	for _, src := range []any{"0", []byte("0")} {
		a := cny(4200)
		if err := a.Scan(src); err != nil || a != (Amount{}) {
			t.Errorf("Scan(%q) = %v, %v", src, a, err)
		}
	}
	a := cny(4200)
	if err := a.UnmarshalText(text); err != nil || a != (Amount{}) {
		t.Errorf("UnmarshalText(%q) = %v, %v", text, a, err)
	}
	// As a map key, JSON uses the text form.
	m, err := json.Marshal(map[Amount]int{{}: 1, cny(100): 2})
	if err != nil || string(m) != `{"0":1,"CNY 1.00":2}` {
		t.Errorf("Marshal(map) = %s, %v", m, err)
	}
	var n sql.Null[Amount]
	if err := n.Scan("0"); err != nil || !n.Valid || n.V != (Amount{}) {
		t.Errorf("sql.Null[Amount].Scan(0) = %+v, %v", n, err)
	}
}

// TestCanonicalJSONPath checks that the fast path for the exact form
// AppendJSON writes agrees with the strict decoder: every input gives the
// same amount or the same error either way.
func TestCanonicalJSONPath(t *testing.T) {
	inputs := []string{
		`{"amount":"1234.56","currency":"CNY"}`,
		`{"amount":"-0.05","currency":"CNY"}`,
		`{"amount":"1500","currency":"JPY"}`,
		`{"amount":"0.250","currency":"KWD"}`,
		`{"amount":"12.5","currency":"CNY"}`,
		`{"amount":"92233720368547758.07","currency":"CNY"}`,
		`{"amount":"0","currency":""}`,
		// Each of these fails, or leaves the fast path for the strict one.
		`{"amount":"92233720368547758.08","currency":"CNY"}`,
		`{"amount":"1.505","currency":"CNY"}`,
		`{"amount":"1.5","currency":"JPY"}`,
		`{"amount":"1.50","currency":"ABC"}`,
		`{"amount":"1.50","currency":"cny"}`,
		`{"amount":"1.50","currency":"CNYY"}`,
		`{"amount":"","currency":"CNY"}`,
		`{"amount":"-","currency":"CNY"}`,
		`{"amount":"1..5","currency":"CNY"}`,
		`{"amount":"1.5.","currency":"CNY"}`,
		`{"amount":"+1","currency":"CNY"}`,
		`{"amount":"1\u0030","currency":"CNY"}`,
		`{"amount":"1","currency":"\u0043NY"}`,
		`{"amount":"0.00","currency":""}`,
		`{"amount":"1","currency":"CNY"} `,
		`{"amount":"1","currency":"CNY"}}`,
		`{"amount":"1"}`,
		`{"amount":"","currency":""}`,
		`{"amount":"`,
		`"}`,
	}
	const fastOnes = 7 // the first inputs, which the fast path reads
	for i, in := range inputs {
		fast, ok := decodeCanonicalJSON([]byte(in))
		if ok != (i < fastOnes) {
			t.Errorf("%s: fast path taken: %v", in, ok)
		}
		var strict Amount
		err := strictUnmarshal(&strict, []byte(in))
		var got Amount
		gotErr := got.UnmarshalJSON([]byte(in))
		switch {
		case ok && (err != nil || fast != strict):
			t.Errorf("%s: fast path %v, strict decoder %v, %v", in, fast, strict, err)
		case (gotErr == nil) != (err == nil) || gotErr != nil && gotErr.Error() != err.Error() || got != strict:
			t.Errorf("%s: UnmarshalJSON = %v, %v; strict decoder %v, %v", in, got, gotErr, strict, err)
		}
	}
}

// strictUnmarshal is UnmarshalJSON without its fast path.
func strictUnmarshal(a *Amount, data []byte) error {
	// A leading space keeps the input off the fast path and changes nothing
	// else but the error's quoted input, which is put back.
	err := a.UnmarshalJSON(append([]byte{' '}, data...))
	if pe, ok := err.(*ParseError); ok {
		pe.Input = string(data)
	}
	return err
}
