package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

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
		path := filepath.Join("testdata", tt.name+".golden")
		if *update {
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: output differs from %s:\n%s", tt.name, path, out.String())
		}
	}
}

func TestQuoteBadAmount(t *testing.T) {
	for _, arg := range []string{"abc", "-5", "0", "1.234"} {
		if err := run(&bytes.Buffer{}, []string{arg}); err == nil {
			t.Errorf("run(%q): no error", arg)
		}
	}
}
