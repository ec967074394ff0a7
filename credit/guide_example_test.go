package credit_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/credittest"
	"github.com/justspend/justspend/money"
)

// One key per attempt, not per order: a keyed decline replays forever. A
// shopper declined for want of credit who repays and tries again is a new
// attempt, with a new key.
func Example_keysPerAttempt() {
	e, _ := exampleEngine()
	ctx := context.Background()
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	cny := func(yuan int64) money.Amount { return money.FromMinor(yuan*100, money.CNY) }
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "order-7/attempt-1", Line: "line-1", Purchase: "order-7", Amount: cny(20000), Merchant: shop})
	order := credit.Authorize{Line: "line-1", Purchase: "order-8", Amount: cny(15000), Merchant: shop}

	order.Key = "order-8/attempt-1"
	d, _ := e.Authorize(ctx, order)
	fmt.Println(d.Approved, d.Reasons[0].Code)
	d, _ = e.Authorize(ctx, order) // a retry of the same attempt: the same answer
	fmt.Println(d.Approved, d.Reasons[0].Code)

	_, _ = e.Void(ctx, credit.PurchaseCommand{Key: "void-7", Line: "line-1", Purchase: "order-7"}) // order 7 is cancelled
	order.Key = "order-8/attempt-2"                                                                // so the shopper tries again: a new attempt
	d, _ = e.Authorize(ctx, order)
	fmt.Println(d.Approved)
	// Output:
	// false insufficient_credit
	// false insufficient_credit
	// true
}

// httpStatus maps what the Engine returns to an HTTP status: the host's
// mistakes are 4xx, a store that fails is 503, anything else 500.
func httpStatus(err error) int {
	var ce *credit.CommandError
	switch {
	case err == nil:
		return http.StatusOK
	case errors.As(err, &ce) && ce.Code == credit.CodeUnknownPurchase:
		return http.StatusNotFound
	case errors.Is(err, credit.ErrNotFound):
		return http.StatusNotFound // no such line
	case errors.Is(err, credit.ErrIdempotencyMismatch):
		return http.StatusConflict // a key reused for another command
	case errors.As(err, &ce) && ce.Code == credit.CodeBadJSON:
		return http.StatusBadRequest
	case errors.Is(err, credit.ErrInvalidCommand):
		return http.StatusUnprocessableEntity // well formed, but the line cannot take it
	case errors.Is(err, credit.ErrConflict), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable // busy: retry with the same key
	}
	return http.StatusInternalServerError // a corrupt journal, a failing host rule, a clock out of range
}

// Errors to HTTP statuses: a *CommandError's Code and Field say what to
// tell the client; errors.Is sorts the rest.
func Example_httpStatus() {
	e, _ := exampleEngine()
	ctx := context.Background()
	_, err := e.Pay(ctx, credit.Payment{Key: "p-1", Line: "no-such-line", Amount: money.FromMinor(100, money.CNY)})
	fmt.Println(httpStatus(err), err)
	_, err = e.Pay(ctx, credit.Payment{Key: "p-2", Line: "line-1", Amount: money.FromMinor(100, money.USD)})
	fmt.Println(httpStatus(err), err)
	_, _ = e.Pay(ctx, credit.Payment{Key: "p-3", Line: "line-1", Amount: money.FromMinor(100, money.CNY)})
	_, err = e.Payout(ctx, credit.Payment{Key: "p-3", Line: "line-1", Amount: money.FromMinor(100, money.CNY)})
	fmt.Println(httpStatus(err), errors.Is(err, credit.ErrIdempotencyMismatch))
	var cmd credit.Payment
	err = credit.DecodeCommand([]byte(`{"key":"p-4","line":"line-1","amount":500}`), &cmd)
	fmt.Println(httpStatus(err), err)
	// Output:
	// 404 credit: no line "no-such-line": not found
	// 422 credit: pay: currency_mismatch (amount): is in USD; the line is in CNY
	// 409 true
	// 400 credit: decode: bad_json (amount): does not decode: money: Amount.UnmarshalJSON: parsing "500": invalid syntax: an amount is a JSON object such as {"amount": "12.34", "currency": "CNY"}, not a JSON number
}

// Time: a command's At is an instant, in any zone; the product's zone
// decides the day it posts on. 23:30 on 31 January in Los Angeles is
// already 1 February in Beijing, so a Huabei purchase confirmed then posts
// on 1 February, after that day's statement, and is billed a month later.
func Example_timeZones() {
	e, clock := exampleEngine()
	ctx := context.Background()
	la, _ := time.LoadLocation("America/Los_Angeles")
	at := time.Date(2015, 1, 31, 7, 30, 0, 0, la)
	clock.Set(at.Add(time.Minute))
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	amount := money.FromMinor(200000, money.CNY)
	_, _ = e.Authorize(ctx, credit.Authorize{Key: "a", Line: "line-1", Purchase: "o", Amount: amount, Merchant: shop, At: at})
	_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: "line-1", Purchase: "o", Amount: amount, At: at})
	late := time.Date(2015, 1, 31, 23, 30, 0, 0, la)
	clock.Set(late.Add(time.Minute))
	pu, _ := e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: "line-1", Purchase: "o", At: late})
	fmt.Println("posted on", pu.PostedOn, "(Beijing)")
	// Output:
	// posted on 2015-02-01 (Beijing)
}

// The nightly run: bring every line to the new day (Advance needs no key
// and is idempotent by day, so a run cut short is run again), then send
// the reminders of the day. Config.OnCommit says which lines moved, and
// Events reads what they did, in order.
func Example_nightlyRun() {
	var mu sync.Mutex
	moved := map[string]int64{}
	beijing := time.FixedZone("CST", 8*3600)
	clock := credittest.NewClock(time.Date(2014, 12, 18, 10, 0, 0, 0, beijing))
	e, _ := credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: clock, Products: credit.Presets(),
		OnCommit: func(c credit.Commit) { mu.Lock(); moved[c.Line] = max(moved[c.Line], c.Version); mu.Unlock() }})
	ctx := context.Background()
	shop := credit.Merchant{ID: "tmall-shop", Enrolled: true, Category: "apparel"}
	for _, id := range []string{"line-1", "line-2"} {
		_, _ = e.OpenLine(ctx, credit.OpenLine{Key: "open", Line: id, Holder: "holder-of-" + id, Product: "huabei-2014", Limit: money.FromMinor(3000000, money.CNY)})
		_, _ = e.Authorize(ctx, credit.Authorize{Key: "a", Line: id, Purchase: "o", Amount: money.FromMinor(200000, money.CNY), Merchant: shop})
		_, _ = e.Capture(ctx, credit.PurchaseCommand{Key: "c", Line: id, Purchase: "o", Amount: money.FromMinor(200000, money.CNY)})
		_, _ = e.ConfirmDelivery(ctx, credit.PurchaseCommand{Key: "d", Line: id, Purchase: "o"})
	}

	for _, night := range []string{"2015-01-01", "2015-01-07"} {
		day, _ := calendar.ParseDate(night)
		clock.Set(day.At(0, 5, beijing))
		var lines []*credit.Line
		for _, id := range []string{"line-1", "line-2"} { // the host's list of lines
			l, err := e.Advance(ctx, id, day)
			if err != nil {
				panic(err)
			}
			lines = append(lines, l)
		}
		rs, _ := credit.Reminders(day, credit.Lines(slices.Values(lines)), credit.ReminderOptions{})
		for _, r := range rs {
			fmt.Println(night, r.Line, r.Kind, r.Text("zh-CN"))
		}
	}
	evs, _ := e.Events(ctx, "line-1", 4, 0) // what line-1 did after the delivery
	fmt.Println(len(evs), "events after version 4, the first:", evs[0].Fact.Kind, evs[0].Fact.On, "; line-1 now at version", moved["line-1"])
	// Output:
	// 2015-01-01 line-1 statement_ready 您2015年1月1日的账单已出，本期应还 ¥2,000.00，最低还款 ¥200.00，请于2015年1月10日前还款。
	// 2015-01-01 line-2 statement_ready 您2015年1月1日的账单已出，本期应还 ¥2,000.00，最低还款 ¥200.00，请于2015年1月10日前还款。
	// 2015-01-07 line-1 due_soon 您的账单还有3天到期（2015年1月10日），待还 ¥2,000.00，最低还款 ¥200.00，请及时还款。
	// 2015-01-07 line-2 due_soon 您的账单还有3天到期（2015年1月10日），待还 ¥2,000.00，最低还款 ¥200.00，请及时还款。
	// 2 events after version 4, the first: advanced 2015-01-01 ; line-1 now at version 6
}

// Calendars by name: the built-in "CN" projects the statutory holidays
// past the last notice; a notice published later is loaded at run time
// (Config.Calendars) and decides the due dates set after it. (The 2027
// notice here is made up.)
func ExampleConfig_calendars() {
	notice := []byte(`{"calendar": "CN", "years": [{"year": 2027,
	  "notices": [{"id": "2027", "title": "a made-up notice", "number": "none", "date": "2026-12-10", "source": "none"}],
	  "holidays": [{"name": "春节", "name_en": "Spring Festival", "off": ["2027-02-05/2027-02-13"], "work": ["2027-01-31"]}]}]}`)
	cn, err := calendar.ChinaProjected()
	if err != nil {
		panic(err)
	}
	noticed, err := cn.With(notice)
	if err != nil {
		panic(err)
	}
	feb10, _ := calendar.ParseDate("2027-02-10")
	for _, c := range []*calendar.Official{cn, noticed} {
		due, _ := calendar.RollDate(c, feb10, calendar.Following)
		fmt.Println("due on the 10th rolls to", due, "projected:", c.IsProjected(due))
	}
	product := credit.Huabei()
	product.Name, product.Calendar = "huabei-cn", "CN"
	product.Billing.Cycle.Due.Roll = calendar.Following
	_, err = credit.NewEngine(credit.Config{Store: credittest.NewMemStore(), Clock: credit.SystemClock{}, Products: []credit.Product{product},
		Calendars: map[string]calendar.WorkingDays{"CN": noticed}})
	fmt.Println("engine:", err)
	// Output:
	// due on the 10th rolls to 2027-02-11 projected: true
	// due on the 10th rolls to 2027-02-15 projected: false
	// engine: <nil>
}
