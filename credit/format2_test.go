package credit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// Format 2 must read back exactly what format 1 did: a fact's data,
// written in either and read back, is the same value.

// readBack returns the data of a decoded fact, as a value of type typ.
func readBack(t *testing.T, f Fact, typ reflect.Type) any {
	t.Helper()
	if f.payload != nil {
		return f.payload
	}
	v := reflect.New(typ)
	if err := json.Unmarshal(f.Data, v.Interface()); err != nil {
		t.Fatalf("%s: %v", f.Data, err)
	}
	return v.Elem().Interface()
}

// viaFormat1 returns v as format 1 read it back: through its JSON.
func viaFormat1(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	back := reflect.New(reflect.TypeOf(v))
	if err := json.Unmarshal(b, back.Interface()); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return back.Elem().Interface()
}

// roundTrip writes a fact of kind carrying data and result in format 2
// and checks that it reads back as format 1 read it: the data, the
// result's JSON, the postings.
func roundTrip(t *testing.T, kind string, on calendar.Date, data, result any, postings []Posting) []byte {
	t.Helper()
	f := Fact{V: factFormat, Kind: kind, On: on, Key: "k", Hash: "h", payload: data, result: result, Postings: postings}
	enc, err := f.appendSealed(nil, 0)
	if err != nil {
		t.Fatalf("%s %+v: %v", kind, data, err)
	}
	if _, _, ok := unseal(enc); !ok {
		t.Fatalf("%s does not end with its sum", enc)
	}
	got, err := decodeFact(enc)
	if err != nil {
		t.Fatalf("%s: %v", enc, err)
	}
	if got.V != factFormat || got.Kind != kind || got.On != on || got.Key != "k" || got.Hash != "h" || got.Sum != f.Sum {
		t.Errorf("%s: read back as %+v", enc, got)
	}
	if data != nil {
		if g, w := readBack(t, got, reflect.TypeOf(data)), viaFormat1(t, data); !reflect.DeepEqual(g, w) {
			t.Errorf("%s %s:\n got %#v\nwant %#v", kind, enc, g, w)
		}
	}
	if result != nil {
		if w := mustJSON(t, result); !bytes.Equal(got.Result, w) {
			t.Errorf("%s %s: result\n got %s\nwant %s", kind, enc, got.Result, w)
		}
	}
	if !reflect.DeepEqual(got.Postings, postings) {
		t.Errorf("%s %s: postings %v, want %v", kind, enc, got.Postings, postings)
	}
	return enc
}

func mustDate(y int, m time.Month, d int) calendar.Date {
	date, err := calendar.NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return date
}

// fill sets every field of v reached through fields (a path of field
// indexes) to a value that is not zero.
func fill(t *testing.T, v reflect.Value) {
	cny := money.FromMinor(123, money.CNY)
	rate, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("7.1234"))
	if err != nil {
		t.Fatal(err)
	}
	switch v.Interface().(type) {
	case money.Amount:
		v.Set(reflect.ValueOf(cny))
		return
	case calendar.Date:
		v.Set(reflect.ValueOf(mustDate(2015, 2, 3)))
		return
	case *money.ExchangeRate:
		v.Set(reflect.ValueOf(&rate))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x<&>\"中")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(3)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(3)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, v.Field(i))
			}
		}
	default:
		t.Fatalf("fill: a field of kind %v", v.Kind())
	}
}

// leaves returns the paths of the fields of struct type typ, through its
// structs but for those fill sets whole.
func leaves(typ reflect.Type, prefix []int) [][]int {
	var out [][]int
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		path := append(append([]int(nil), prefix...), i)
		switch f.Type {
		case reflect.TypeFor[money.Amount](), reflect.TypeFor[calendar.Date]():
			out = append(out, path)
			continue
		}
		if f.Type.Kind() == reflect.Struct {
			out = append(out, leaves(f.Type, path)...)
		} else {
			out = append(out, path)
		}
	}
	return out
}

// TestCompactFormsHoldEveryField: for each kind with a compact form, its
// data with any one field set, and with all of them, reads back as format
// 1 read it. A field added to a data type later is covered too: the
// compact form leaves such data to the long one.
func TestCompactFormsHoldEveryField(t *testing.T) {
	on := mustDate(2015, 1, 3)
	for _, c := range []struct {
		kinds []string
		zero  any
	}{
		{[]string{factAdvanced}, advancedData{}},
		{[]string{factAuthorized, factDeclined}, authorizedData{}},
		{[]string{factCaptured, factDelivered, factVoided, factRefundRequested, factRefundRequestClosed, factRefunded}, purchaseData{}},
		{[]string{factPaid, factPaidOut, factLimit}, amountData{}},
	} {
		typ := reflect.TypeOf(c.zero)
		for _, kind := range c.kinds {
			roundTrip(t, kind, on, c.zero, nil, nil)
			for _, path := range leaves(typ, nil) {
				v := reflect.New(typ).Elem()
				fill(t, v.FieldByIndex(path))
				roundTrip(t, kind, on, v.Interface(), nil, nil)
			}
			all := reflect.New(typ).Elem()
			fill(t, all)
			roundTrip(t, kind, on, all.Interface(), nil, nil)
		}
	}
}

// TestCompactForms: what the compact forms leave out reads back, and what
// they cannot hold goes in the long form.
func TestCompactForms(t *testing.T) {
	on := mustDate(2015, 1, 3)
	cny := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	rate, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("7.1234"))
	if err != nil {
		t.Fatal(err)
	}
	tmall := Merchant{ID: "tmall-shop-1", Enrolled: true, Category: "apparel"}
	plain := authorizedData{Request: AuthRequest{Purchase: "p1", Amount: cny(25900), Merchant: tmall, On: on}, Original: cny(25900)}
	foreign := authorizedData{Request: AuthRequest{Purchase: "p2", Amount: cny(14240), Merchant: tmall, Plan: "6-month", On: on.AddDays(-1)},
		Original: money.FromMinor(1999, money.USD), Rate: &rate}
	approved := Decision{Approved: true, AvailableBefore: cny(1000000), AvailableAfter: cny(974100)}
	declined := Decision{Reasons: []Reason{
		{Code: CodeInsufficientCredit, Message: "not enough available credit", Limit: cny(100), Actual: cny(25900)},
		{Code: CodeTooManyPurchases, Message: "too many purchases today", MaxCount: 5, Count: 6},
		{Code: CodeLineOverdue, Message: "the line has an overdue balance", Limit: money.Zero(money.CNY)},
	}, AvailableBefore: cny(100), AvailableAfter: cny(100)}
	odd := Decision{Approved: true, AvailableBefore: cny(1000000), AvailableAfter: cny(5)} // not as Decide works it out
	pair := []Posting{{Account: "holder", Amount: cny(25900)}, {Account: "merchant:tmall-shop-1", Amount: cny(-25900)}}
	unpaired := []Posting{{Account: "holder", Amount: cny(25900)}, {Account: "merchant:tmall-shop-1", Amount: cny(-25800)}, {Account: "cash", Amount: cny(-100)}}
	for _, c := range []struct {
		name     string
		kind     string
		data     any
		result   any
		postings []Posting
		has      []string // in the record
		hasNot   []string
	}{
		{"an advance to its own day", factAdvanced, advancedData{To: on}, nil, nil, nil, []string{`"d"`, `"data"`}},
		{"an advance to another day", factAdvanced, advancedData{To: on.AddDays(2)}, nil, nil, []string{`"d":{"to":"2015-01-05"}`}, nil},
		{"an approval", factAuthorized, plain, approved, nil,
			[]string{`"d":{"p":"p1","a":"CNY 259.00","m":{"id":"tmall-shop-1","e":true,"c":"apparel"}},"r":{"b":"CNY 10000.00"}`}, []string{`"af"`, `"ok"`}},
		{"a foreign approval", factAuthorized, foreign, Decision{Approved: true, AvailableBefore: cny(1000000), AvailableAfter: cny(985760)}, nil,
			[]string{`"o":"USD 19.99"`, `"x":{`, `"on":"2015-01-02"`, `"pl":"6-month"`}, []string{`"af"`}},
		{"a decline", factDeclined, plain, declined, nil, []string{`"limit":"CNY 1.00"`, `"max_count":5`}, []string{`"af"`, `"ok"`}},
		{"a decision not as Decide makes it", factAuthorized, plain, odd, nil, []string{`"af":"CNY 0.05"`}, []string{`"ok"`}},
		{"a decline under the wrong kind", factAuthorized, plain, declined, nil, []string{`"ok":false`}, nil},
		{"a decision without its request", factAuthorized, nil, approved, nil, []string{`"af":"CNY 9741.00"`}, nil},
		{"a capture", factCaptured, purchaseData{Purchase: "p1", Amount: cny(25900)}, nil, nil, []string{`"d":{"p":"p1","a":"CNY 259.00"}`}, nil},
		{"a delivery", factDelivered, purchaseData{Purchase: "p1"}, nil, pair, []string{`"d":{"p":"p1"}`, `"p":[["holder","merchant:tmall-shop-1","CNY 259.00"]]`}, nil},
		{"a zero capture", factCaptured, purchaseData{Purchase: "p1", Amount: money.Zero(money.CNY)}, nil, nil, []string{`"d":{"p":"p1"}`}, nil},
		{"a refund at a rate", factRefunded, purchaseData{Purchase: "p1", Amount: cny(100), Original: money.FromMinor(14, money.USD), Rate: &rate}, nil, nil, []string{`"data":{`}, []string{`"d"`}},
		{"a value-dated refund", factRefunded, purchaseData{Purchase: "p1", Amount: cny(100), ValueOn: on.AddDays(-1), Restated: &restatement{Base: 4}}, nil, nil, []string{`"data":{`, `"restated"`}, nil},
		{"a payment", factPaid, amountData{Amount: cny(10000)}, nil, []Posting{{Account: "holder", Amount: cny(-10000)}, {Account: "cash", Amount: cny(10000)}},
			[]string{`"d":{"a":"CNY 100.00"}`, `"p":[["holder","cash","CNY -100.00"]]`}, nil},
		{"a value-dated payment", factPaid, amountData{Amount: cny(10000), ValueOn: on.AddDays(-1)}, nil, nil, []string{`"data":{"amount":{`, `"value_on"`}, nil},
		{"a zero limit", factLimit, amountData{Amount: money.Zero(money.CNY)}, nil, nil, []string{`"d":{"a":"CNY 0.00"}`}, nil},
		{"postings that do not pair", factAdvanced, advancedData{To: on}, nil, unpaired, []string{`"postings":[{"account":"holder"`}, []string{`"p"`}},
		{"an opening", factOpened, openedData{ID: "L", Holder: "h", Product: "huabei", Limit: cny(1000000)}, nil, nil, []string{`"data":{"id":"L"`}, nil},
		{"a payoff", factPaidOff, payoffData{Purchase: "p1", Amount: cny(100)}, PayoffQuote{}, nil, []string{`"data":{`, `"result":{`}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			enc := roundTrip(t, c.kind, on, c.data, c.result, c.postings)
			for _, s := range c.has {
				if !strings.Contains(string(enc), s) {
					t.Errorf("%s: no %s", enc, s)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(string(enc), s) {
					t.Errorf("%s: %s", enc, s)
				}
			}
		})
	}
}

// TestDecodeFactRefuses: format-2 records that no writer makes.
func TestDecodeFactRefuses(t *testing.T) {
	for _, rec := range []string{
		`{"v":2,"kind":"paid","on":"2015-01-03","d":{"a":"CNY 1.00"},"data":{"amount":{"amount":"1.00","currency":"CNY"}},"sum":1}`,
		`{"v":2,"kind":"authorized","on":"2015-01-03","d":{"p":"p","a":"CNY 1.00","m":{"id":"m"}},"r":{"b":"CNY 1.00"},"result":{},"sum":1}`,
		`{"v":2,"kind":"paid","on":"2015-01-03","p":[["holder","cash","CNY 1.00"]],"postings":[],"sum":1}`,
		`{"v":2,"kind":"paid","on":"2015-01-03","p":[["holder","CNY 1.00"]],"sum":1}`,
		`{"v":2,"kind":"paid","on":"2015-01-03","p":[["holder","cash","1.00"]],"sum":1}`,
		`{"v":2,"kind":"paid","on":"2015-01-03","d":{},"sum":1}`,
		`{"v":2,"kind":"paid","on":"2015-01-03","d":{"a":{"amount":"1.00","currency":"CNY"}},"sum":1}`,
		`{"v":2,"kind":"status","on":"2015-01-03","d":{"to":"2015-01-04"},"sum":1}`,
		`{"v":2,"kind":"captured","on":"2015-01-03","d":{"p":"p1","to":"2015-01-04"},"sum":1}`,
		`{"v":2,"kind":"captured","on":"2015-01-03","d":{"a":"CNY 1.00"},"sum":1}`,
		`{"v":2,"kind":"advanced","on":"2015-01-03","d":{},"sum":1}`,
		`{"v":2,"kind":"authorized","on":"2015-01-03","d":{"p":"p","a":"CNY 1.00"},"r":{"b":"CNY 1.00"},"sum":1}`,
		`{"v":2,"kind":"paid","on":"2015-01-03","r":{"b":"CNY 1.00"},"sum":1}`,
		`{"v":2,"kind":"authorized","on":"2015-01-03","d":{"p":"p","a":"CNY 1.00","m":{"id":"m"}},"r":{},"sum":1}`,
		`{"v":2,"kind":"authorized","on":"2015-01-03","d":{"p":"p","a":"USD 1.00","m":{"id":"m"}},"r":{"b":"CNY 1.00"},"sum":1}`,
	} {
		if f, err := decodeFact([]byte(rec)); err == nil {
			t.Errorf("%s reads as %+v", rec, f)
		}
	}
}

// TestSameHash: a command's hash matches the hash format 1 recorded for
// it (the whole SHA-256 in hex) and its own, and nothing else.
func TestSameHash(t *testing.T) {
	cmd := Payment{Key: "k", Line: "L", Amount: money.FromMinor(100, money.CNY)}
	h := cmd.hash("pay")
	sum := sha256.Sum256(canon(nil).str("pay").str(cmd.Key).str(cmd.Line).amount(cmd.Amount))
	full := hex.EncodeToString(sum[:])
	other := Payment{Key: "k", Line: "L", Amount: money.FromMinor(101, money.CNY)}.hash("pay")
	if len(h) != 22 || len(full) != 64 {
		t.Fatalf("hashes %q, %q", h, full)
	}
	for _, c := range []struct {
		recorded, h string
		want        bool
	}{
		{h, h, true},
		{full, h, true},
		{full[:32] + strings.Repeat("0", 32), h, true}, // format 1's bits past the first 128 are not compared
		{other, h, false},
		{full, other, false},
		{strings.Repeat("0", 32) + full[32:], h, false},
		{full[:63], h, false},
		{full, full, true},
		{"", h, false},
		{full, "", false},
		{full, h[:21] + "!", false},
	} {
		if got := sameHash(c.recorded, c.h); got != c.want {
			t.Errorf("sameHash(%q, %q) = %v, want %v", c.recorded, c.h, got, c.want)
		}
	}
}

// FuzzDecodeFact: no record makes decodeFact panic, and one it reads
// writes back to a record it reads the same.
func FuzzDecodeFact(f *testing.F) {
	for _, s := range []string{
		`{"v":2,"kind":"authorized","on":"2015-01-03","key":"a","hash":"t4jRlspN4zdBUwTjcNayug","d":{"p":"p1","a":"CNY 259.00","m":{"id":"tmall-shop-1","e":true,"c":"apparel"}},"r":{"b":"CNY 10000.00"},"sum":1}`,
		`{"v":2,"kind":"delivered","on":"2015-01-05","key":"d","hash":"x","d":{"p":"p1"},"p":[["holder","merchant:tmall-shop-1","CNY 259.00"]],"sum":1}`,
		`{"v":2,"kind":"advanced","on":"2015-01-05","sum":1}`,
		`{"v":1,"kind":"paid","on":"2015-02-10","key":"pay-1","hash":"b14c","data":{"amount":{"amount":"100.00","currency":"CNY"}},"postings":[{"account":"holder","amount":{"amount":"-100.00","currency":"CNY"}},{"account":"cash","amount":{"amount":"100.00","currency":"CNY"}}],"sum":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fact, err := decodeFact(data)
		if err != nil || fact.V != factFormat {
			return
		}
		enc, err := fact.appendJSON(nil)
		if err != nil {
			return // data the writer refuses (an amount without a currency, say)
		}
		again, err := decodeFact(enc)
		if err != nil {
			t.Fatalf("%s reads, is written as %s, which does not: %v", data, enc, err)
		}
		if a, b := mustJSON(t, materialized(t, fact)), mustJSON(t, materialized(t, again)); !bytes.Equal(a, b) {
			t.Fatalf("%s reads as\n%s\nwritten as %s, reads as\n%s", data, a, enc, b)
		}
	})
}

// materialized returns f with its data as JSON, as Fact.UnmarshalJSON
// gives it.
func materialized(t *testing.T, f Fact) Fact {
	t.Helper()
	if f.Data == nil && f.payload != nil {
		var err error
		if f.Data, err = appendValue(nil, f.payload); err != nil {
			t.Fatal(err)
		}
	}
	f.payload, f.result = nil, nil
	return f
}
