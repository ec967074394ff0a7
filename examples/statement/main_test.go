package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/justspend/justspend/internal/golden"
)

// node is an element of the page, parsed strictly: the page is written to
// be well-formed XML as well as HTML, so encoding/xml can check its shape.
type node struct {
	name     string
	attrs    map[string]string
	text     string
	children []*node
}

func parse(t *testing.T, page []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = true
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well formed: %v", err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tok)
		}
	}
	if len(stack) != 1 {
		t.Fatal("unclosed elements")
	}
	return root
}

// find returns the elements named name (and with id, if given) under n.
func (n *node) find(name, id string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name && (id == "" || c.attrs["id"] == id) {
			out = append(out, c)
		}
		out = append(out, c.find(name, id)...)
	}
	return out
}

// textOf returns all the text under n.
func (n *node) textOf() string {
	s := n.text
	for _, c := range n.children {
		s += c.textOf()
	}
	return s
}

func one(t *testing.T, n *node, name, id string) *node {
	t.Helper()
	found := n.find(name, id)
	if len(found) != 1 {
		t.Fatalf("%d <%s id=%q> elements, want 1", len(found), name, id)
	}
	return found[0]
}

// TestStatementPage checks the page's structure: a titled, self-contained
// HTML page whose summary, tables and chart agree with the statement, and
// compares it with the golden file.
func TestStatementPage(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	page := out.Bytes()
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
		t.Error("no doctype")
	}
	doc := parse(t, page)
	html := one(t, doc, "html", "")
	if title := one(t, html, "title", "").textOf(); !strings.Contains(title, "2015-03-01") || !strings.Contains(title, "Chen Jing") {
		t.Errorf("title %q", title)
	}
	for _, bad := range []string{"script", "link", "img", "iframe"} {
		if n := len(html.find(bad, "")); n > 0 {
			t.Errorf("%d <%s> elements: the page must stand alone", n, bad)
		}
	}
	st, _, err := story()
	if err != nil {
		t.Fatal(err)
	}
	if got := one(t, html, "div", "balance").textOf(); got != st.Balance.Display() {
		t.Errorf("balance %q, want %q", got, st.Balance.Display())
	}
	if got := one(t, html, "div", "minimum").textOf(); got != st.Minimum.Display() {
		t.Errorf("minimum %q, want %q", got, st.Minimum.Display())
	}
	lines := one(t, html, "table", "lines")
	rows := one(t, lines, "tbody", "").find("tr", "")
	if len(rows) != 1+len(st.Lines) { // the opening balance, then each line
		t.Errorf("%d rows in the lines table, want %d", len(rows), 1+len(st.Lines))
	}
	last := rows[len(rows)-1].find("td", "")
	if got := last[len(last)-1].textOf(); got != st.Closing.Display() {
		t.Errorf("the last row's balance is %q, want the closing balance %q", got, st.Closing.Display())
	}
	if items := one(t, one(t, html, "table", "items"), "tbody", "").find("tr", ""); len(items) != len(st.Items) {
		t.Errorf("%d rows in the items table, want %d", len(items), len(st.Items))
	}
	svg := one(t, html, "svg", "chart")
	path := one(t, svg, "path", "").attrs["d"]
	days := st.From.DaysUntil(st.Date) + 1
	if got := strings.Count(path, "H"); got != days {
		t.Errorf("the chart has %d days, want %d (%s to %s)", got, days, st.From, st.Date)
	}
	if ticks := svg.find("text", ""); len(ticks) != 5+2 {
		t.Errorf("%d labels on the chart, want 5 amounts and 2 dates", len(ticks))
	}
	golden.Check(t, "statement.html", page)
}
