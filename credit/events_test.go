package credit_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
)

// TestEvents: Events reads a line's facts after a version, in order, at
// most limit of them; OnCommit names every version a command reached; a
// store that lies is caught; an unknown line is ErrNotFound.
func TestEvents(t *testing.T) {
	var mu sync.Mutex
	var commits []credit.Commit
	store := credittest.NewLyingStore(credittest.NewMemStore())
	clock := credittest.NewClock(at("2015-01-05 10:00"))
	e, err := credit.NewEngine(credit.Config{Store: store, Clock: clock, Products: credit.Presets(),
		OnCommit: func(c credit.Commit) { mu.Lock(); commits = append(commits, c); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, ctx: t.Context(), e: e, clock: clock}
	h.open("huabei", cny(1000000))
	h.buy("b", "p", cny(50000), tmall, "")
	h.clock.Set(at("2015-01-06 10:00"))
	h.deliver("d", "p")
	all, err := e.Events(h.ctx, "L", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for i, ev := range all {
		if ev.Version != int64(i)+1 || ev.Line != "L" {
			t.Errorf("event %d: line %q version %d", i, ev.Line, ev.Version)
		}
		kinds = append(kinds, ev.Fact.Kind)
	}
	if want := "opened authorized captured advanced delivered"; strings.Join(kinds, " ") != want {
		t.Errorf("kinds %v; want %s", kinds, want)
	}
	var versions []int64
	for _, c := range commits {
		versions = append(versions, c.Version)
	}
	if !slices.Equal(versions, []int64{1, 2, 3, 5}) { // the delivery committed an advance and itself
		t.Errorf("OnCommit versions %v; want [1 2 3 5]", versions)
	}
	for _, c := range []struct {
		after    int64
		limit    int
		versions []int64
	}{{3, 0, []int64{4, 5}}, {1, 2, []int64{2, 3}}, {5, 0, nil}} {
		evs, err := e.Events(h.ctx, "L", c.after, c.limit)
		var got []int64
		for _, ev := range evs {
			got = append(got, ev.Version)
		}
		if !slices.Equal(got, c.versions) || err != nil {
			t.Errorf("after %d, limit %d: %v, %v; want %v", c.after, c.limit, got, err, c.versions)
		}
	}
	var ce *credit.CommandError
	if _, err := e.Events(h.ctx, "L", 9, 0); !errors.As(err, &ce) || ce.Code != credit.CodeBadVersion {
		t.Errorf("after a version the line does not have: %v; want bad_version", err)
	}
	store.Arm("L", credittest.FlipByte)
	if _, err := e.Events(h.ctx, "L", 0, 0); !errors.Is(err, credit.ErrCorruptJournal) {
		t.Errorf("a flipped byte: %v; want ErrCorruptJournal", err)
	}
	var nf *credit.NotFoundError
	if _, err := e.Events(h.ctx, "nobody", 0, 0); !errors.As(err, &nf) || nf.Line != "nobody" {
		t.Errorf("an unknown line: %v; want a *NotFoundError naming it", err)
	}
}

// TestReminders: overdue every day it stays so, with the days past due;
// auto-confirmed receipt on the day; nothing for a line that owes nothing.
func TestReminders(t *testing.T) {
	h := newHarness(t, "2015-01-05 10:00")
	h.open("huabei", cny(1000000))
	h.buy("b", "p", cny(100000), tmall, "")
	l := h.advanceTo("2015-01-16") // captured on the 5th, confirmed for the shopper 10 days on
	rs, err := credit.Reminders(day(t, "2015-01-16"), credit.Lines(slices.Values([]*credit.Line{l})), credit.ReminderOptions{})
	if err != nil || len(rs) != 1 || rs[0].Kind != credit.AutoConfirmed || rs[0].Amount != cny(100000) || rs[0].Purchase != "p" {
		t.Fatalf("on the 16th: %+v, %v; want receipt of p confirmed", rs, err)
	}
	if got, want := rs[0].Text("en"), "Receipt of order p was confirmed for you on 2015-01-16: CN¥1,000.00 goes on your statement."; got != want {
		t.Errorf("text %q; want %q", got, want)
	}
	l = h.advanceTo("2015-02-14")
	rs, _ = credit.Reminders(day(t, "2015-02-14"), credit.Lines(slices.Values([]*credit.Line{l})), credit.ReminderOptions{})
	if len(rs) != 1 || rs[0].Kind != credit.Overdue || rs[0].Days != 4 || rs[0].Amount != cny(100000) {
		t.Fatalf("on 14 February: %+v; want overdue 4 days for 1,000.00", rs)
	}
	if got, want := rs[0].Text("zh-CN"), "您的账单已逾期4天，待还 ¥1,000.00，请尽快还款，以免产生更多费用。"; got != want {
		t.Errorf("text %q; want %q", got, want)
	}
	if _, err := credit.Reminders(day(t, "2015-02-14"), credit.Lines(slices.Values([]*credit.Line{nil})), credit.ReminderOptions{}); err == nil {
		t.Error("a nil line: no error")
	}
}

// TestReasonText: built-in codes in both languages, with their limits and
// counts; a host's reason is its message.
func TestReasonText(t *testing.T) {
	for _, c := range []struct {
		r        credit.Reason
		en, zhCN string
	}{
		{credit.Reason{Code: credit.CodeBelowMinimumPurchase, Limit: cny(100000), Actual: cny(80000)},
			"The purchase is below the minimum (limit CN¥1,000.00)", "低于最低消费金额（限额 ¥1,000.00）"},
		{credit.Reason{Code: credit.CodeTooManyPurchases, MaxCount: 5, Count: 6},
			"Too many purchases today (at most 5)", "今日消费笔数已达上限（上限 5 笔）"},
		{credit.Reason{Code: credit.CodeLineOverdue}, "A payment is overdue: repay it to use the line again", "存在逾期未还款项，还款后可继续使用"},
		{credit.Reason{Code: "host_blocked", Message: "blocked by the shop"}, "blocked by the shop", "blocked by the shop"},
	} {
		if got := c.r.Text("en"); got != c.en {
			t.Errorf("%s in English: %q; want %q", c.r.Code, got, c.en)
		}
		if got := c.r.Text("zh-CN"); got != c.zhCN {
			t.Errorf("%s in Chinese: %q; want %q", c.r.Code, got, c.zhCN)
		}
	}
}

// TestRemindersOverTime: an overdue line's days count from its oldest
// missed due date, month after month; it also gets the due-soon notice of
// its new statement; a line that owes nothing gets no statement notice; a
// nil iterator is an error.
func TestRemindersOverTime(t *testing.T) {
	late := newHarness(t, "2014-12-18 10:00")
	late.open("huabei-2014", cny(3000000))
	late.buy("b", "o", cny(200000), tmall, "")
	late.deliver("d", "o")
	idle := newHarness(t, "2014-12-18 10:00")
	idle.open("huabei-2014", cny(3000000))
	check := func(on string, want ...string) {
		t.Helper()
		ls := []*credit.Line{late.advanceTo(on), idle.advanceTo(on)}
		rs, err := credit.Reminders(day(t, on), credit.Lines(slices.Values(ls)), credit.ReminderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, fmt.Sprint(r.Kind, " ", r.Days))
		}
		if !slices.Equal(got, want) {
			t.Errorf("on %s: %v; want %v", on, got, want)
		}
	}
	check("2015-01-01", "statement_ready 0")
	check("2015-01-11", "overdue 1")
	check("2015-02-01", "statement_ready 0", "overdue 22")
	check("2015-02-07", "overdue 28", "due_soon 3")
	check("2015-02-11", "overdue 32") // still from 10 January, not from 10 February
	if _, err := credit.Reminders(day(t, "2015-02-11"), nil, credit.ReminderOptions{}); err == nil {
		t.Error("a nil iterator: no error")
	}
}

// TestDecodeNull: JSON null is not a command, and leaves it as it was.
func TestDecodeNull(t *testing.T) {
	cmd := credit.Payment{Key: "keep"}
	var ce *credit.CommandError
	if err := credit.DecodeCommand([]byte(` null`), &cmd); !errors.As(err, &ce) || ce.Code != credit.CodeBadJSON || cmd.Key != "keep" {
		t.Errorf("null: %v, %+v; want bad_json and the command unchanged", err, cmd)
	}
}

// TestDecodeNamesTheField: a bad_json error names the field it is about.
func TestDecodeNamesTheField(t *testing.T) {
	for doc, field := range map[string]string{
		`{"key":"k","key":"l"}`:                 "key",
		`{"KEY":"k"}`:                           "KEY",
		`{"merchant":{"id":"a","ID":"b"}}`:      "merchant.ID",
		`{"amount":500}`:                        "amount",
		`{"amount":{"amount":"5","cur":"CNY"}}`: "amount",
		`{"tip":1}`:                             "tip",
		`{"purchase":5}`:                        "purchase",
	} {
		var cmd credit.Authorize
		err := credit.DecodeCommand([]byte(doc), &cmd)
		var ce *credit.CommandError
		if !errors.As(err, &ce) || ce.Code != credit.CodeBadJSON || ce.Field != field {
			t.Errorf("%s: %v; want bad_json on %q", doc, err, field)
		}
	}
}
