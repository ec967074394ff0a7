package memstore_test

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testOnly reports whether a package path is one a production binary must
// not link: testing, go-cmp or credittest.
func testOnly(path string) bool {
	return path == "testing" || strings.HasPrefix(path, "testing/") ||
		path == "github.com/google/go-cmp" || strings.HasPrefix(path, "github.com/google/go-cmp/") ||
		strings.HasSuffix(path, "/credittest")
}

// TestImportsNoTestCode checks the package's own imports, file by file,
// without the go command.
func TestImportsNoTestCode(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); testOnly(path) {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}

// TestLinksNoTestCode checks every package the package links, through
// go list -deps; go test puts the go command on the PATH.
func TestLinksNoTestCode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	cmd := exec.Command(gocmd, "list", "-deps", ".")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 || deps[len(deps)-1] != "github.com/justspend/justspend/credit/memstore" {
		t.Fatalf("go list -deps printed %q: not the package's dependencies", out)
	}
	for _, path := range deps {
		if testOnly(path) {
			t.Errorf("memstore links %s", path)
		}
	}
}
