package strictjson

import (
	"errors"
	"testing"
)

func TestDecode(t *testing.T) {
	type v struct {
		A int `json:"a"`
	}
	for _, c := range []struct {
		in      string
		want    int
		wantErr bool
	}{
		{`{"a":1}`, 1, false},
		{` {"a":2} `, 2, false},
		{`{"a":1,"b":2}`, 0, true},
		{`{"a":1} {"a":2}`, 0, true},
		{`{"a":1} }`, 0, true},
		{`{"a":1} x`, 0, true},
		{`{"a":`, 0, true},
		{``, 0, true},
	} {
		var got v
		err := Decode([]byte(c.in), &got)
		if (err != nil) != c.wantErr || (err == nil && got.A != c.want) {
			t.Errorf("Decode(%q) = %+v, %v", c.in, got, err)
		}
	}
	if err := Decode([]byte(`1 2`), new(int)); !errors.Is(err, ErrTrailingData) {
		t.Errorf("trailing value: %v, want ErrTrailingData", err)
	}
	// Two keys that encoding/json would both read as "k\uFFFD".
	for _, in := range []string{"{\"a\":1,\"k\":\"k\xff\"}", "\"k\xfe\""} {
		var s any
		if err := Decode([]byte(in), &s); !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("Decode(%q): %v, want ErrInvalidUTF8", in, err)
		}
	}
}
