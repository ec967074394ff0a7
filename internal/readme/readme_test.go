package readme

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A README snippet starts with a line naming its source:
//
//	// money: ExampleAmount_MulRate   (the body of an Example function)
//	// credit: type Store               (a type's declaration)
//	// credit/credittest: ExampleClock   (a package below the root)
//	// credit: func httpStatus          (a function's whole declaration)
var source = regexp.MustCompile(`^// ([\w/]+): (type |func )?(\w+)$`)

var update = flag.Bool("update", false, "rewrite the README's snippets from the code")

func TestREADMESnippets(t *testing.T) {
	if n := checkSnippets(t, "README.md"); n < 5 {
		t.Errorf("%d snippets checked; the README's tour has more", n)
	}
}

// TestDocsSnippets checks the pages under docs/ the same way: every Go
// snippet is the body of a tested Example.
func TestDocsSnippets(t *testing.T) {
	pages, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		rel, _ := filepath.Rel("../..", page)
		if n := checkSnippets(t, rel); n == 0 {
			t.Errorf("%s has no Go snippet", rel)
		}
	}
}

// checkSnippets checks (or with -update rewrites) the Go snippets of the
// page at path, relative to the repository's root, and returns how many
// it checked.
func checkSnippets(t *testing.T, path string) int {
	t.Helper()
	file := filepath.Join("..", "..", path)
	readme, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```go\n(.*?)```")
	if *update {
		readme = block.ReplaceAllFunc(readme, func(b []byte) []byte {
			body := block.FindSubmatch(b)[1]
			first, _, _ := strings.Cut(string(body), "\n")
			m := source.FindStringSubmatch(first)
			if m == nil {
				return b
			}
			want, err := find(filepath.Join("..", "..", m[1]), m[3], m[2])
			if err != nil {
				t.Errorf("%s: %s: %v", path, first, err)
				return b
			}
			return []byte("```go\n" + first + "\n" + strings.TrimSpace(want) + "\n```")
		})
		if err := os.WriteFile(file, readme, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checked := 0
	for _, b := range block.FindAllSubmatch(readme, -1) {
		first, rest, _ := strings.Cut(string(b[1]), "\n")
		m := source.FindStringSubmatch(first)
		if m == nil {
			t.Errorf("a Go snippet in %s does not name its source (// pkg: ExampleName): %q", path, first)
			continue
		}
		want, err := find(filepath.Join("..", "..", m[1]), m[3], m[2])
		if err != nil {
			t.Errorf("%s: %s: %v", path, first, err)
			continue
		}
		if strings.TrimSpace(rest) != strings.TrimSpace(want) {
			t.Errorf("%s's %s differs from the code:\n%s:\n%s\ncode:\n%s", path, first, path, rest, want)
		}
		checked++
	}
	return checked
}

// find returns, from the Go files in dir, the body of function name
// (without its braces, dedented one tab) or, for kind "type " or "func ",
// the type's or function's whole declaration.
func find(dir, name, kind string) (string, error) {
	isType, isFunc := kind == "type ", kind == "func "
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return "", err
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			return "", err
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !isType && d.Name.Name == name && d.Recv == nil {
					if isFunc {
						return string(src[fset.Position(d.Pos()).Offset:fset.Position(d.End()).Offset]), nil
					}
					body := src[fset.Position(d.Body.Lbrace).Offset+1 : fset.Position(d.Body.Rbrace).Offset]
					return dedent(body), nil
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && isType && ts.Name.Name == name {
						return string(src[fset.Position(d.Pos()).Offset:fset.Position(d.End()).Offset]), nil
					}
				}
			}
		}
	}
	return "", os.ErrNotExist
}

func dedent(b []byte) string {
	lines := bytes.Split(bytes.Trim(b, "\n"), []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimPrefix(l, []byte("\t"))
	}
	return string(bytes.Join(lines, []byte("\n")))
}
