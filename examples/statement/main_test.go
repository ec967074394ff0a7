package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/golden"
	"github.com/justspend/justspend/money"
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

// TestStatementPage checks the page's structure in each language: a
// titled, self-contained HTML page whose summary, tables and chart agree
// with the statement, and compares it with the language's golden file.
func TestStatementPage(t *testing.T) {
	for _, tc := range []struct {
		lang, tag, golden string
		locale            money.Locale
		title             []string // what the title names: the day and the holder
	}{
		{"en", "en", "statement.html", money.LocaleEn, []string{"2015-03-01", "Chen Jing"}},
		{"zh-CN", "zh-CN", "statement.zh-CN.html", money.LocaleZhCN, []string{"2015年3月1日", "陈静"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			page := render(t, tc.lang)
			if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
				t.Error("no doctype")
			}
			doc := parse(t, page)
			html := one(t, doc, "html", "")
			if got := html.attrs["lang"]; got != tc.tag {
				t.Errorf("<html lang=%q>, want %q", got, tc.tag)
			}
			title := one(t, html, "title", "").textOf()
			for _, want := range tc.title {
				if !strings.Contains(title, want) {
					t.Errorf("title %q does not name %q", title, want)
				}
			}
			for _, bad := range []string{"script", "link", "img", "iframe"} {
				if n := len(html.find(bad, "")); n > 0 {
					t.Errorf("%d <%s> elements: the page must stand alone", n, bad)
				}
			}
			if bytes.Contains(page, []byte("%!")) {
				t.Error("a format of the page's words does not match its values: %! in the page")
			}
			st, _, err := story()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := one(t, html, "div", "balance").textOf(), st.Balance.DisplayIn(tc.locale); got != want {
				t.Errorf("balance %q, want %q", got, want)
			}
			if got, want := one(t, html, "div", "minimum").textOf(), st.Minimum.DisplayIn(tc.locale); got != want {
				t.Errorf("minimum %q, want %q", got, want)
			}
			lines := one(t, html, "table", "lines")
			rows := one(t, lines, "tbody", "").find("tr", "")
			if len(rows) != 1+len(st.Lines) { // the opening balance, then each line
				t.Errorf("%d rows in the lines table, want %d", len(rows), 1+len(st.Lines))
			}
			last := rows[len(rows)-1].find("td", "")
			if got, want := last[len(last)-1].textOf(), st.Closing.DisplayIn(tc.locale); got != want {
				t.Errorf("the last row's balance is %q, want the closing balance %q", got, want)
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
			golden.Check(t, tc.golden, page)
		})
	}
}

// render runs the command for lang and returns the page.
func render(t *testing.T, lang string) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := run(&out, lang); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// visible returns the text a reader sees or hears under n, one string a
// piece: the text of every element but <style>, and the attributes that
// are read out (aria-label, title, alt).
func (n *node) visible() []string {
	if n.name == "style" {
		return nil
	}
	var out []string
	if s := strings.TrimSpace(n.text); s != "" {
		out = append(out, s)
	}
	for _, a := range []string{"aria-label", "title", "alt"} {
		if v := n.attrs[a]; v != "" {
			out = append(out, v)
		}
	}
	for _, c := range n.children {
		out = append(out, c.visible()...)
	}
	return out
}

// englishWords are the words of the English page and of the library's
// English line labels: none may be left on the Chinese page.
var englishWords = []string{
	"Huabei", "statement", "for", "of", "cycle", "to", "from", "by",
	"Balance", "due", "Minimum", "payment", "Interest", "free", "paid", "full",
	"over", "This", "Date", "What", "Amount", "Carried", "last", "Closing",
	"Billed", "Item", "Kind", "Daily",
	"Purchase", "installments", "Installment", "fee", "Fee", "Overdue", "penalty",
	"Payment", "thank", "you", "Refund", "waived", "Moved", "Credit", "out", "reversed",
	"principal", "interest", "late", "correction",
	"new", "carried", "plus", "fees", "anything", "Pay", "whole", "accrues", "left", "day", "until",
	"Chen", "Jing",
}

// orderIDs are the story's order IDs: the shop's, shown as they are in
// every language.
var orderIDs = map[string]bool{"headphones": true, "dress": true, "tv": true, "stand": true}

// TestChinesePageWords checks that the Chinese page has none of the
// English page's words and, more strictly, no Latin word at all but the
// shop's order IDs.
func TestChinesePageWords(t *testing.T) {
	texts := parse(t, render(t, "zh-CN")).visible()
	latin := regexp.MustCompile(`[A-Za-z]+`)
	english := map[string]bool{}
	for _, w := range englishWords {
		english[strings.ToLower(w)] = true
	}
	for _, s := range texts {
		for _, w := range latin.FindAllString(s, -1) {
			switch {
			case english[strings.ToLower(w)]:
				t.Errorf("English word %q left on the Chinese page, in %q", w, s)
			case !orderIDs[w]:
				t.Errorf("Latin word %q on the Chinese page, in %q", w, s)
			}
		}
	}
}

// TestEnglishPageWords checks that the English page has no Chinese.
func TestEnglishPageWords(t *testing.T) {
	for _, s := range parse(t, render(t, "en")).visible() {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("Chinese %q on the English page, in %q", r, s)
				break
			}
		}
	}
}

// TestChineseAmounts checks that every amount on the Chinese page is
// written as a reader in mainland China expects, ¥1,234.56, and that the
// summary's are the statement's.
func TestChineseAmounts(t *testing.T) {
	page := string(render(t, "zh-CN"))
	yuan := regexp.MustCompile(`^-?¥(?:[1-9][0-9]{0,2}(?:,[0-9]{3})*|0)\.[0-9]{2}$`)
	amounts := 0
	for _, s := range parse(t, []byte(page)).visible() {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool {
			return r == ' ' || r == '/' || r == '+' || r == '−' || r == '（' || r == '）' || r == '，'
		}) {
			switch {
			case !strings.ContainsRune(f, '¥'):
			case yuan.MatchString(f):
				amounts++
			default:
				t.Errorf("amount %q is not written ¥1,234.56, in %q", f, s)
			}
		}
	}
	st, _, err := story()
	if err != nil {
		t.Fatal(err)
	}
	// The balance and the minimum, the chart's 5 gridlines, the opening
	// balance, each line and the balance after it, the total's charges,
	// credits and closing balance, the items, and the note's 3.
	if want := 2 + 5 + 1 + 2*len(st.Lines) + 3 + len(st.Items) + 3; amounts != want {
		t.Errorf("%d amounts on the page, want %d", amounts, want)
	}
	if strings.Contains(page, "CN¥") || strings.Contains(page, "CNY") || strings.Contains(page, "RMB") {
		t.Error("the Chinese page writes the yuan as other than ¥")
	}
	doc := parse(t, []byte(page))
	for id, want := range map[string]string{"balance": "¥1,828.82", "minimum": "¥193.52"} {
		if got := one(t, doc, "div", id).textOf(); got != want {
			t.Errorf("%s %q, want %q", id, got, want)
		}
	}
	for _, want := range []string{"-¥150.00", "¥1,899.00", "¥2,500.00", "+¥1,098.82 / −¥770.00"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q on the page", want)
		}
	}
}

// TestLanguages checks the tags the page takes and those it refuses.
func TestLanguages(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en", "en-US": "en", "EN": "en",
		"zh-CN": "zh-CN", "zh": "zh-CN", "zh-Hans": "zh-CN", "zh_cn": "zh-CN", "zh-Hans-CN": "zh-CN",
	} {
		l, err := languageOf(tag)
		if err != nil || l.tag != want {
			t.Errorf("languageOf(%q) = %q, %v; want %q", tag, l.tag, err, want)
		}
		if got := l.zh; got != billing.Chinese(want) {
			t.Errorf("languageOf(%q).zh = %v", tag, got)
		}
	}
	for _, tag := range []string{"", "fr", "zh-TW", "zh-HK", "zh-Hant", "en-GB"} {
		if err := run(io.Discard, tag); err == nil {
			t.Errorf("run in %q: no error", tag)
		}
	}
}

// TestChineseDates checks the Chinese form of dates, and that the
// English page keeps ISO dates.
func TestChineseDates(t *testing.T) {
	zh, _ := languageOf("zh-CN")
	en, _ := languageOf("en")
	for iso, want := range map[string]string{"2015-03-01": "2015年3月1日", "2015-12-31": "2015年12月31日", "2016-02-29": "2016年2月29日"} {
		d, err := calendar.ParseDate(iso)
		if err != nil {
			t.Fatal(err)
		}
		if got := zh.date(d); got != want {
			t.Errorf("zh %s = %q, want %q", iso, got, want)
		}
		if got := en.date(d); got != iso {
			t.Errorf("en %s = %q", iso, got)
		}
	}
}
