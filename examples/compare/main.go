// Command compare puts the same shopping basket through four credit
// products side by side (Huabei, JD Baitiao, Sina Weibo's Xinyongbao and a
// US pay-in-4) and shows what each approves, what falls due when, and what
// it costs a shopper who pays every amount on its due date. A second table
// does the same for the phone alone, spread over each product's
// three-payment plan where it has one.
//
//	go run ./examples/compare
//
// The basket is priced in yuan; the US product converts each price to
// dollars at a stated rate of 6.20 yuan to the dollar.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/memstore"
	"github.com/justspend/justspend/internal/storyclock"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// item is one thing in the basket, priced in yuan.
type item struct {
	name     string
	price    money.Amount
	category string
}

// contender is a product with the line a shopper would have on it.
type contender struct {
	product credit.Product
	limit   money.Amount
	plan3   string // the name of its three-payment plan, or ""
}

// start is the shopping day: Monday 2 March 2015, at noon in each
// product's zone.
const start = "2015-03-02"

func run(w io.Writer) error {
	yuan := func(u int64) money.Amount { return money.FromMinor(u, money.CNY) }
	basket := []item{
		{"game top-up", yuan(450), "game"},
		{"e-book", yuan(3000), "reading"},
		{"jacket", yuan(129900), "apparel"},
		{"phone", yuan(299900), "electronics"},
	}
	usdcny, err := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("6.20"))
	if err != nil {
		return err
	}
	contenders := []contender{
		{credit.Huabei(), yuan(1000000), "3-month"},
		{credit.JDBaitiao2014(), yuan(1500000), "3-month"},
		{credit.Xinyongbao2013(), yuan(10000), ""},
		{credit.PayIn4(), money.FromMinor(150000, money.USD), "pay-in-4"},
	}

	fmt.Fprintln(w, "The basket, bought on 2 March 2015 and delivered the same day:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "item\tprice")
	for _, c := range contenders {
		fmt.Fprintf(tw, "\t%s", c.product.Name)
	}
	fmt.Fprintln(tw)
	runs := make([]*shopperRun, len(contenders))
	for i, c := range contenders {
		r, err := newShopperRun(c, &usdcny)
		if err != nil {
			return err
		}
		runs[i] = r
	}
	for k, it := range basket {
		fmt.Fprintf(tw, "%s\t%s", it.name, it.price.Display())
		for _, r := range runs {
			verdict, err := r.buy(fmt.Sprint("order-", k), it, "")
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "\t%s", verdict)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := report(w, runs); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "The phone alone, in three payments where the product has a plan for it:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "product\tplan\tdecision")
	for i, c := range contenders {
		r, err := newShopperRun(c, &usdcny)
		if err != nil {
			return err
		}
		runs[i] = r
		plan := "none"
		for _, p := range c.product.Installments {
			if p.Name == c.plan3 && p.Name != "" {
				plan = describePlan(p)
			}
		}
		verdict, err := r.buy("phone", basket[3], c.plan3)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.product.Name, plan, verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return report(w, runs)
}

// describePlan says what a plan asks of the shopper.
func describePlan(p billing.Plan) string {
	pct := func(d decimal.Decimal) string { return d.Mul(decimal.NewFromInt(100)).String() + "%" }
	switch {
	case p.DownPayment.IsPositive() && p.FeeModel == billing.NoFee:
		return fmt.Sprintf("%s now, then %d payments, no fee", pct(p.DownPayment), p.Periods)
	case p.FeeModel == billing.TotalRate:
		return fmt.Sprintf("%d periods, fee %s of the price", p.Periods, pct(p.FeeRate))
	case p.FeeModel == billing.PerPeriodRate:
		return fmt.Sprintf("%d periods, fee %s of the price a period", p.Periods, pct(p.FeeRate))
	}
	return fmt.Sprintf("%d periods", p.Periods)
}

// shopperRun is one shopper's line on one product.
type shopperRun struct {
	ctx    context.Context
	c      contender
	e      *credit.Engine
	clock  *storyclock.Clock
	zone   *time.Location
	rate   *money.ExchangeRate
	bought money.Amount // the principal approved, in the line's currency
	paid   []payment
}

// payment is an amount paid on a due date.
type payment struct {
	on     calendar.Date
	amount money.Amount
}

func newShopperRun(c contender, rate *money.ExchangeRate) (*shopperRun, error) {
	zone, err := c.product.Location()
	if err != nil {
		return nil, err
	}
	day, err := calendar.ParseDate(start)
	if err != nil {
		return nil, err
	}
	clock := storyclock.New(day.At(12, 0, zone))
	e, err := credit.NewEngine(credit.Config{Store: memstore.New(), Clock: clock, Products: []credit.Product{c.product}})
	if err != nil {
		return nil, err
	}
	r := &shopperRun{ctx: context.Background(), c: c, e: e, clock: clock, zone: zone, rate: rate, bought: money.Zero(c.product.Currency)}
	if _, err := e.OpenLine(r.ctx, credit.OpenLine{Key: "open", Line: "L", Holder: "shopper", Product: c.product.Name, Limit: c.limit}); err != nil {
		return nil, err
	}
	return r, nil
}

// buy authorizes, captures and delivers one item, and says what happened.
func (r *shopperRun) buy(order string, it item, plan string) (string, error) {
	if plan == "" && len(r.c.product.Installments) == 1 {
		plan = r.c.product.Installments[0].Name // pay in 4 has only its plan
	}
	cmd := credit.Authorize{Key: "a-" + order, Line: "L", Purchase: order, Amount: it.price, Plan: plan,
		Merchant: credit.Merchant{ID: "shop-" + it.category, Enrolled: true, Category: it.category}}
	if r.c.product.Currency != money.CNY {
		cmd.Amount, cmd.Original, cmd.Rate = money.Amount{}, it.price, r.rate
	}
	d, err := r.e.Authorize(r.ctx, cmd)
	if err != nil {
		return "", err
	}
	if !d.Approved {
		var codes []string
		for _, reason := range d.Reasons {
			codes = append(codes, strings.ReplaceAll(reason.Code, "_", " "))
		}
		return "no: " + strings.Join(codes, ", "), nil
	}
	amount := money.FromMinor(d.AvailableBefore.Units()-d.AvailableAfter.Units(), r.c.product.Currency)
	p, err := r.e.Capture(r.ctx, credit.PurchaseCommand{Key: "c-" + order, Line: "L", Purchase: order, Amount: amount})
	if err != nil {
		return "", err
	}
	if r.c.product.Billing.Cycle.Posting == billing.PostOnDelivery { // the others post at capture
		if p, err = r.e.ConfirmDelivery(r.ctx, credit.PurchaseCommand{Key: "d-" + order, Line: "L", Purchase: order}); err != nil {
			return "", err
		}
	}
	if s := p.Schedule; s != nil && s.Installments[0].Period == 0 { // a down payment, paid at checkout
		r.paid = append(r.paid, payment{p.PostedOn, s.Installments[0].Total})
	}
	r.bought, _ = r.bought.Add(amount)
	if r.c.product.Currency != money.CNY {
		return "yes (" + amount.Display() + ")", nil
	}
	return "yes", nil
}

// payAsDue runs the line for five months, paying every billed amount on
// its due date.
func (r *shopperRun) payAsDue() error {
	day, err := calendar.ParseDate(start)
	if err != nil {
		return err
	}
	end := day.AddMonths(5)
	for ; day.Before(end); day = day.AddDays(1) {
		r.clock.Set(day.At(12, 0, r.zone))
		l, err := r.e.Advance(r.ctx, "L", day)
		if err != nil {
			return err
		}
		var due int64
		for _, d := range l.Account.Debts {
			if !d.Billed.IsZero() && !d.Due.After(day) {
				due += d.Amount.Units()
			}
		}
		if due == 0 {
			continue
		}
		amount := money.FromMinor(due, r.c.product.Currency)
		if _, err := r.e.Pay(r.ctx, credit.Payment{Key: "pay-" + day.String(), Line: "L", Amount: amount}); err != nil {
			return err
		}
		r.paid = append(r.paid, payment{day, amount})
	}
	return nil
}

// report runs every shopper to the end and prints, for each product, the
// payments and what the credit cost.
func report(w io.Writer, runs []*shopperRun) error {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "product\tbought\tpayments, each on its due date\tpaid in all\tcost of credit")
	for _, r := range runs {
		if err := r.payAsDue(); err != nil {
			return err
		}
		var parts []string
		total := money.Zero(r.c.product.Currency)
		for _, p := range r.paid {
			parts = append(parts, fmt.Sprintf("%s %s", p.on.String()[5:], p.amount.Display()))
			total, _ = total.Add(p.amount)
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		cost, _ := total.Sub(r.bought)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.c.product.Name, r.bought.Display(), strings.Join(parts, ", "), total.Display(), cost.Display())
	}
	return tw.Flush()
}
