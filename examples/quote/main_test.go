package main

import (
	"bytes"
	"testing"

	"github.com/justspend/justspend/internal/golden"
)

func TestQuoteOutput(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"default_3000", nil},
		{"alipay_example_1111.11", []string{"1111.11"}},
	} {
		var out bytes.Buffer
		if err := run(&out, tt.args); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, tt.name, out.Bytes())
	}
}

func TestQuoteBadAmount(t *testing.T) {
	for _, arg := range []string{"abc", "-5", "0", "1.234"} {
		if err := run(&bytes.Buffer{}, []string{arg}); err == nil {
			t.Errorf("run(%q): no error", arg)
		}
	}
}
