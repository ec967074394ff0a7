package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/justspend/justspend/internal/golden"
)

// TestCheckoutOutput runs the story and compares what it prints with the
// golden file, whose figures the program's closing lines check by hand.
func TestCheckoutOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "checkout", out.Bytes())
}

// TestLinksNoTestCode checks that the program links neither testing nor
// go-cmp: it runs on package memstore, not on credittest. go test puts the
// go command on the PATH.
func TestLinksNoTestCode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(gocmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, path := range strings.Fields(string(out)) {
		if path == "testing" || strings.HasPrefix(path, "testing/") || strings.Contains(path, "go-cmp") || strings.HasSuffix(path, "/credittest") {
			t.Errorf("the program links %s", path)
		}
	}
}
