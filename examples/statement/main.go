// Command statement renders a Huabei statement as a standalone HTML page:
// the summary a shopper reads first, every line of the cycle, what the
// statement bills, and a small chart of the balance over the cycle, drawn
// as inline SVG. The page needs no network and no script.
//
//	go run ./examples/statement > statement.html
//	go run ./examples/statement -o statement.html
//	go run ./examples/statement -lang zh-CN > statement.zh-CN.html
//
// The -lang flag picks the reader's language, a BCP 47 tag: "en", the
// default, for English, or "zh-CN" (also "zh", "zh-Hans") for Simplified
// Chinese. Every word of the page is in that language, line labels as
// billing.LineKind.Label gives them; amounts are written for its readers
// by money's DisplayIn (¥1,234.56 in Chinese, CN¥1,234.56 in English, where
// the bare ¥ is the yen's), and dates as 2015年3月1日 in Chinese, 2015-03-01
// in English. Other tags are refused rather than shown in a language or a
// currency form their readers may not expect.
//
// The story: Chen Jing's line of RMB 8,000 on Huabei. January's statement
// of 1,500.00 is paid only at its minimum, so February's cycle carries
// 1,350.00 and its interest; in February she buys headphones and a dress,
// returns part of the dress and pays 500.00. The page is the statement of
// 1 March 2015.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"strings"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/memstore"
	"github.com/justspend/justspend/internal/storyclock"
	"github.com/justspend/justspend/money"
)

//go:embed statement.html.tmpl
var templates embed.FS

func main() {
	out := flag.String("o", "", "write the page to this file instead of standard output")
	lang := flag.String("lang", "en", `the reader's language: "en" for English, "zh-CN" for Simplified Chinese`)
	flag.Parse()
	if _, err := languageOf(*lang); err != nil { // before -o makes a file
		fmt.Fprintln(os.Stderr, "statement:", err)
		os.Exit(2)
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "statement:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := run(w, *lang); err != nil {
		fmt.Fprintln(os.Stderr, "statement:", err)
		os.Exit(1)
	}
}

var beijing = time.FixedZone("CST", 8*3600)

func rmb(fen int64) money.Amount { return money.FromMinor(fen, money.CNY) }

// run writes the page in lang (see languageOf).
func run(w io.Writer, lang string) error {
	l, err := languageOf(lang)
	if err != nil {
		return err
	}
	st, holder, err := story()
	if err != nil {
		return err
	}
	page, err := newPage(holder, st, l)
	if err != nil {
		return err
	}
	t, err := template.New("statement.html.tmpl").Funcs(l.funcs()).ParseFS(templates, "statement.html.tmpl")
	if err != nil {
		return err
	}
	return t.Execute(w, page)
}

// story runs Chen Jing's line to 1 March 2015 and returns that day's
// statement.
func story() (billing.Statement, string, error) {
	ctx := context.Background()
	clock := storyclock.New(time.Date(2015, 1, 5, 10, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: memstore.New(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		return billing.Statement{}, "", err
	}
	const line, holder = "chen", "Chen Jing"
	if _, err := e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: line, Holder: holder, Product: "huabei", Limit: rmb(800000)}); err != nil {
		return billing.Statement{}, "", err
	}
	// The story's commands are dated; the clock reads the day of the
	// statement, so that none is ahead of it.
	clock.Set(time.Date(2015, 3, 1, 0, 0, 0, 0, beijing))
	at := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, beijing)
		if err != nil {
			panic(err) // the story's own times
		}
		return t
	}
	shop := func(id, category string) credit.Merchant {
		return credit.Merchant{ID: id, Enrolled: true, Category: category}
	}
	buy := func(order string, amount money.Amount, m credit.Merchant, bought, received string) error {
		d, err := e.Authorize(ctx, credit.Authorize{Key: "a-" + order, Line: line, Purchase: order, Amount: amount, Merchant: m, At: at(bought)})
		if err != nil {
			return err
		}
		if !d.Approved {
			return fmt.Errorf("order %s declined: %+v", order, d.Reasons)
		}
		if _, err := e.Capture(ctx, credit.PurchaseCommand{Key: "c-" + order, Line: line, Purchase: order, Amount: amount, At: at(bought)}); err != nil {
			return err
		}
		_, err = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d-" + order, Line: line, Purchase: order, At: at(received)})
		return err
	}
	pay := func(key string, amount money.Amount, when string) error {
		_, err := e.Pay(ctx, credit.Payment{Key: key, Line: line, Amount: amount, At: at(when)})
		return err
	}
	steps := []func() error{ // in the order they happen
		func() error {
			return buy("tv-stand", rmb(150000), shop("tmall-home", "home"), "2015-01-06 20:00", "2015-01-09 11:00")
		},
		func() error {
			return buy("headphones", rmb(39900), shop("tmall-audio", "electronics"), "2015-02-03 13:00", "2015-02-05 10:00")
		},
		func() error { return pay("pay-jan", rmb(15000), "2015-02-09 21:00") }, // January's minimum
		func() error {
			return buy("dress", rmb(68800), shop("tmall-fashion", "apparel"), "2015-02-14 09:30", "2015-02-16 18:00")
		},
		func() error {
			_, err := e.Refund(ctx, credit.PurchaseCommand{Key: "r-dress", Line: line, Purchase: "dress", Amount: rmb(12000), At: at("2015-02-20 15:00")})
			return err
		},
		func() error { return pay("pay-feb", rmb(50000), "2015-02-25 08:00") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return billing.Statement{}, "", err
		}
	}
	mar1, err := calendar.ParseDate("2015-03-01")
	if err != nil {
		return billing.Statement{}, "", err
	}
	l, err := e.Advance(ctx, line, mar1)
	if err != nil {
		return billing.Statement{}, "", err
	}
	return l.Statements[len(l.Statements)-1], holder, nil
}

// page is what the template shows.
type page struct {
	Lang      string // the <html lang> tag
	W         words  // the page's words in that language
	Holder    string
	S         billing.Statement
	Lines     []pageLine
	Items     []pageItem
	Chart     chart
	Purchases money.Amount
}

// pageLine is a statement line with the balance after it.
type pageLine struct {
	billing.Line
	Label   string
	Balance money.Amount
}

// pageItem is a debt the statement bills, with its reference and
// component in the reader's words.
type pageItem struct {
	billing.Debt
	Ref, Component string
}

func newPage(holder string, s billing.Statement, l language) (page, error) {
	p := page{Lang: l.tag, W: l.words, Holder: l.name(holder), S: s, Purchases: money.Zero(s.Opening.Currency())}
	balance := s.Opening
	for _, ln := range s.Lines {
		var err error
		if balance, err = balance.Add(ln.Amount); err != nil {
			return page{}, err
		}
		if ln.Kind == billing.PurchaseLine {
			p.Purchases, _ = p.Purchases.Add(ln.Amount)
		}
		p.Lines = append(p.Lines, pageLine{Line: ln, Label: l.label(ln), Balance: balance})
	}
	for _, d := range s.Items {
		p.Items = append(p.Items, pageItem{Debt: d, Ref: l.ref(d.Ref), Component: l.component(d.Component)})
	}
	p.Chart = newChart(s, l)
	return p, nil
}

// chart is the balance over the cycle as an SVG path in a 600 × 200 box,
// with its axis labels.
type chart struct {
	Width, Height      int
	Path               string // a step line: the balance at the end of each day
	Days               int
	MaxLabel           string
	FromLabel, ToLabel string
	Ticks              []tick
}

// tick is a labelled gridline.
type tick struct {
	Y     int
	Label string
}

const (
	chartW, chartH = 600, 200
	padL, padB     = 70, 24 // room for the labels
)

func newChart(s billing.Statement, l language) chart {
	days := s.From.DaysUntil(s.Date) + 1 // the cycle's days and the statement's own, whose interest it posts
	daily := make([]int64, days)
	balance := s.Opening.Units()
	k := 0
	for d := range days {
		day := s.From.AddDays(d)
		for k < len(s.Lines) && !s.Lines[k].Date.After(day) {
			balance += s.Lines[k].Amount.Units()
			k++
		}
		daily[d] = balance
	}
	top := int64(1)
	for _, v := range daily {
		top = max(top, v)
	}
	// Round the top up to a whole hundred yuan, and put a gridline at each
	// quarter.
	top = (top + 9999) / 10000 * 10000
	x := func(d int) int { return padL + d*(chartW-padL)/days }
	y := func(v int64) int { return (chartH - padB) - int(v*int64(chartH-padB-10)/top) }
	var path strings.Builder
	for d, v := range daily {
		if d == 0 {
			fmt.Fprintf(&path, "M%d %d", x(0), y(v))
		} else {
			fmt.Fprintf(&path, " V%d", y(v))
		}
		fmt.Fprintf(&path, " H%d", x(d+1))
	}
	c := chart{Width: chartW, Height: chartH, Path: path.String(), Days: days,
		FromLabel: l.date(s.From), ToLabel: l.date(s.Date)}
	for q := int64(0); q <= 4; q++ {
		v := top * q / 4
		c.Ticks = append(c.Ticks, tick{Y: y(v), Label: l.amount(money.FromMinor(v, s.Opening.Currency()))})
	}
	c.MaxLabel = l.amount(money.FromMinor(top, s.Opening.Currency()))
	return c
}
