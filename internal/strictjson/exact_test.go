package strictjson

import (
	"errors"
	"testing"
)

func TestDecodeExact(t *testing.T) {
	type inner struct {
		Amount string `json:"amount"`
	}
	type v struct {
		Line  string           `json:"line"`
		Note  string           `json:"note,omitempty"`
		Inner inner            `json:"inner"`
		Caps  map[string]inner `json:"caps,omitempty"`
	}
	for _, c := range []struct {
		in   string
		want error // nil for accepted
	}{
		{`{"line":"A","inner":{"amount":"1"}}`, nil},
		{`{"line":"A","note":"","inner":{"amount":"1"}}`, nil}, // an empty field, left out when written back
		{`{"line":"A","caps":{"Game":{"amount":"1"}},"inner":{"amount":"1"}}`, nil},
		{`{"line":"\u4e2d\ud83d\ude00","inner":{"amount":"1"}}`, nil}, // a surrogate pair
		{`{"line":"A","line":"B"}`, ErrDuplicateKey},
		{`{"line":"A","inner":{"amount":"1","amount":"2"}}`, ErrDuplicateKey},
		{`{"line":"A","LINE":"B"}`, ErrKeyCase},
		{`{"Line":"A"}`, ErrKeyCase},
		{`{"line":"A","inner":{"AMOUNT":"1"}}`, ErrKeyCase},
		{`{"line":"acct-\ud800"}`, ErrLoneSurrogate},
		{`{"line":"acct-\udfff"}`, ErrLoneSurrogate},
		{`{"line":"acct-\ud800\u0041"}`, ErrLoneSurrogate},
		{`{"line":"a\\ud800"}`, nil}, // an escaped backslash, then text
	} {
		var got v
		err := DecodeExact([]byte(c.in), &got)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("DecodeExact(%s) = %v, want %v", c.in, err, c.want)
		}
	}
}
