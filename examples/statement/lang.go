package main

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// language is what the page needs to know of its reader's language.
type language struct {
	tag    string // for <html lang>: "en" or "zh-CN"
	zh     bool   // Simplified Chinese: billing.Chinese(tag)
	locale money.Locale
	words  words
}

// languageOf returns the language for a BCP 47 tag: English for "en" and
// "en-US", Simplified Chinese for "zh-CN", "zh", "zh-Hans" and
// "zh-Hans-CN" (case and '_' or '-' between subtags do not matter). Any
// other tag is an error: money.ParseLocale knows no form of the yuan for
// it, and this page has no words in it.
func languageOf(tag string) (language, error) {
	switch loc, err := money.ParseLocale(tag); {
	case err == nil && loc == money.LocaleZhCN:
		return language{tag: "zh-CN", zh: true, locale: loc, words: chinese}, nil
	case err == nil && loc == money.LocaleEn:
		return language{tag: "en", locale: loc, words: english}, nil
	}
	return language{}, fmt.Errorf("no page in language %q: use \"en\" or \"zh-CN\"", tag)
}

// funcs are the template's functions: amount and date, in the language.
func (l language) funcs() template.FuncMap {
	return template.FuncMap{"amount": l.amount, "date": l.date}
}

// amount writes a for the reader: ¥1,234.56 in Chinese, CN¥1,234.56 in
// English.
func (l language) amount(a money.Amount) string { return a.DisplayIn(l.locale) }

// date writes d as 2015年3月1日 in Chinese, 2015-03-01 in English.
func (l language) date(d calendar.Date) string {
	if !l.zh || d.IsZero() {
		return d.String()
	}
	return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
}

// hanzi is how the story's people write their names in Chinese. A host
// keeps both forms of a holder's name in its own records.
var hanzi = map[string]string{"Chen Jing": "陈静"}

// name is the holder's name as the reader sees it.
func (l language) name(holder string) string {
	if h, ok := hanzi[holder]; ok && l.zh {
		return h
	}
	return holder
}

// label says what a line is, in the library's words for the kind, then the
// line's reference, if it adds anything, in parentheses whatever the
// language: "Purchase (headphones)", "消费 (headphones)". An order's ID is
// the shop's and stays as it is; the library's own references are words
// (see ref).
func (l language) label(ln billing.Line) string {
	what := ln.Kind.Label(l.tag)
	if ln.Ref != "" && ln.Ref != ln.Kind.String() {
		what += " (" + strings.ReplaceAll(l.ref(ln.Ref), "-", " ") + ")"
	}
	return what
}

// refWords are the references billing and credit give the lines and
// debts they make themselves, in Chinese. In English the reference is the
// word already.
var refWords = map[string]string{
	"interest":   "利息",
	"penalty":    "罚息",
	"late-fee":   "滞纳金",
	"correction": "账务调整",
}

// ref is a line's or a debt's reference for the reader: the library's own
// ("interest", "late-fee", "late-fee:<order>") in Chinese words for a
// Chinese reader, anything else, such as an order's ID, as it is.
func (l language) ref(ref string) string {
	if !l.zh {
		return ref
	}
	head, rest, more := strings.Cut(ref, ":")
	w, ok := refWords[head]
	if !ok {
		return ref
	}
	if more {
		return w + ":" + rest
	}
	return w
}

// component names what part of a debt an item is: principal, fee,
// interest or penalty.
func (l language) component(c billing.Component) string {
	if !l.zh {
		return c.String()
	}
	switch c {
	case billing.Principal:
		return "本金"
	case billing.Fee:
		return "费用"
	case billing.Interest:
		return "利息"
	case billing.Penalty:
		return "罚息"
	}
	return c.String()
}

// words are the page's own words in one language. The ones with verbs
// (%s) are fmt formats for the template's printf, with explicit argument
// indexes where the languages put the values in another order.
type words struct {
	Title        string // the date, the holder
	Heading      string // the date
	Who          string // the holder, the cycle's first and last days
	BalanceDue   string // the due date
	Minimum      string
	InterestFree string
	Chart        string
	ChartLabel   string // the chart's first and last days
	Cycle        string
	Date         string
	What         string
	Amount       string
	Balance      string
	Carried      string
	Closing      string
	Billed       string
	Item         string
	Kind         string
	Due          string
	Note         string // new principal, carried principal, charges, the due date
}

var english = words{
	Title:        "Huabei statement %[1]s for %[2]s",
	Heading:      "Huabei statement of %s",
	Who:          "%[1]s · cycle %[2]s to %[3]s",
	BalanceDue:   "Balance due by %s",
	Minimum:      "Minimum payment",
	InterestFree: "Interest-free if paid in full by",
	Chart:        "Balance over the cycle",
	ChartLabel:   "Daily balance from %[1]s to %[2]s",
	Cycle:        "This cycle",
	Date:         "Date",
	What:         "What",
	Amount:       "Amount",
	Balance:      "Balance",
	Carried:      "Carried from the last statement",
	Closing:      "Closing balance",
	Billed:       "Billed on this statement",
	Item:         "Item",
	Kind:         "Kind",
	Due:          "Due",
	Note: "The minimum is 10%% of the principal billed (%[1]s new, %[2]s carried) plus the interest, fees and anything overdue (%[3]s).\n" +
		"Pay the whole balance by %[4]s and no interest accrues; whatever is left after that accrues 0.05%% a day until it is paid.",
}

// chinese is worded as Alipay's Huabei bills and the banks' credit card
// statements are: 本期应还金额, 最低还款额, 到期还款日, 上期结转.
var chinese = words{
	Title:        "%[2]s的花呗账单（%[1]s）",
	Heading:      "%s花呗账单",
	Who:          "%[1]s · 账单周期：%[2]s至%[3]s",
	BalanceDue:   "本期应还金额（到期还款日%s）",
	Minimum:      "最低还款额",
	InterestFree: "全额还款免息截止日",
	Chart:        "本期余额走势",
	ChartLabel:   "%[1]s至%[2]s每日余额",
	Cycle:        "本期交易明细",
	Date:         "日期",
	What:         "交易摘要",
	Amount:       "金额",
	Balance:      "余额",
	Carried:      "上期结转",
	Closing:      "期末余额",
	Billed:       "本期应还构成",
	Item:         "项目",
	Kind:         "类型",
	Due:          "到期还款日",
	Note: "最低还款额为本期应还本金的10%%（本期新增 %[1]s，上期结转 %[2]s），加上利息、费用及逾期款项（%[3]s）。\n" +
		"于%[4]s前全额还款，不计利息；此后仍未还清的部分按每日0.05%%计息，直至还清。",
}
