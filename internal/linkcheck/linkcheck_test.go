// Package linkcheck checks that the programs a host would ship, and the
// production store, link no test code: neither the testing package, nor
// go-cmp, nor credittest.
package linkcheck

import (
	"os/exec"
	"strings"
	"testing"
)

// TestProgramsLinkNoTestCode runs go list -deps on each package (go test
// puts the go command on the PATH).
func TestProgramsLinkNoTestCode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	for _, pkg := range []string{"checkout", "compare", "quote", "statement", "shopapi"} {
		checkDeps(t, gocmd, "../../examples/"+pkg)
	}
	checkDeps(t, gocmd, "../../credit/memstore")
}

func checkDeps(t *testing.T, gocmd, dir string) {
	t.Helper()
	out, err := exec.Command(gocmd, "list", "-deps", dir).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", dir, err)
	}
	for _, path := range strings.Fields(string(out)) {
		if path == "testing" || strings.HasPrefix(path, "testing/") || strings.Contains(path, "go-cmp") || strings.HasSuffix(path, "/credittest") {
			t.Errorf("%s links %s", dir, path)
		}
	}
}
