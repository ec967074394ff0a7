// Command checkout runs a Tmall-style checkout on the Huabei launch product
// of December 2014 for three shoppers over two months, on the library's
// in-memory store (package memstore) with a clock the story sets:
// purchases approved and declined (with the reasons a checkout page would
// show), deliveries, a refund, statements on the 1st, due dates on the
// 10th, and three ways of paying: in full, the minimum, and late.
//
//	go run ./examples/checkout
//
// Every figure it prints can be checked by hand; the comments at the end
// of the run say how.
package main

import (
	"context"
	"fmt"
	"github.com/justspend/justspend/internal/storyclock"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/credit/memstore"
	"github.com/justspend/justspend/money"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "checkout:", err)
		os.Exit(1)
	}
}

// beijing is the product's zone, as a fixed offset so that the output
// does not depend on the machine's zone files.
var beijing = time.FixedZone("CST", 8*3600)

func rmb(yuan int64) money.Amount { return money.FromMinor(yuan*100, money.CNY) }

// shopper is one of the three lines of the story.
type shopper struct {
	name  string
	line  string
	limit money.Amount
	habit string // how they pay in January
}

// basketItem is one thing a shopper tries to buy at checkout.
type basketItem struct {
	who      int // index into the shoppers
	order    string
	item     string
	price    money.Amount
	merchant credit.Merchant
}

// demo holds the story's engine and clock.
type demo struct {
	ctx   context.Context
	w     io.Writer
	e     *credit.Engine
	clock *storyclock.Clock
}

func run(w io.Writer) error {
	clock := storyclock.New(time.Date(2014, 12, 12, 9, 0, 0, 0, beijing))
	e, err := credit.NewEngine(credit.Config{Store: memstore.New(), Clock: clock, Products: credit.Presets()})
	if err != nil {
		return err
	}
	d := &demo{ctx: context.Background(), w: w, e: e, clock: clock}
	shoppers := []shopper{
		{"Wang", "wang", rmb(30000), "pays the statement in full on 9 January"},
		{"Li", "li", rmb(10000), "pays only the minimum on 10 January"},
		{"Zhang", "zhang", rmb(5000), "forgets, and pays everything on 15 January"},
	}
	fmt.Fprintln(w, "Huabei (launch rules, December 2014): purchases of at least RMB 1,000 on Tmall and Taobao,")
	fmt.Fprintln(w, "billed by delivery date on the 1st, due on the 10th. Beijing time.")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "shopper\tline\tlimit\thabit")
	for _, s := range shoppers {
		if _, err := e.OpenLine(d.ctx, credit.OpenLine{Key: "open-" + s.line, Line: s.line, Holder: s.name, Product: "huabei-2014", Limit: s.limit}); err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.name, s.line, s.limit.Display(), s.habit)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	tmall := credit.Merchant{ID: "tmall-uniqlo", Enrolled: true, Category: "apparel"}
	phones := credit.Merchant{ID: "tmall-xiaomi", Enrolled: true, Category: "electronics"}
	street := credit.Merchant{ID: "street-stall", Enrolled: false, Category: "apparel"}
	basket := []basketItem{
		{0, "w1", "phone", rmb(2499), phones},
		{0, "w2", "scarf (a shop not on Huabei)", rmb(1200), street},
		{1, "l1", "gloves", rmb(800), tmall},
		{1, "l2", "down coat and boots", rmb(3200), tmall},
		{2, "z1", "television", rmb(6000), phones},
		{2, "z2", "rice cooker", rmb(1200), phones},
	}
	d.at("2014-12-15 20:00")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "15 December, checkout")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "shopper\torder\titem\tprice\tdecision\tavailable after\twhy not")
	var approved []basketItem
	for _, it := range basket {
		s := shoppers[it.who]
		dec, err := e.Authorize(d.ctx, credit.Authorize{Key: "auth-" + it.order, Line: s.line, Purchase: it.order, Amount: it.price, Merchant: it.merchant})
		if err != nil {
			return err
		}
		decision := "approved"
		if !dec.Approved {
			decision = "declined"
		} else {
			approved = append(approved, it)
			// Tmall captures at payment; the money waits for delivery.
			if _, err := e.Capture(d.ctx, credit.PurchaseCommand{Key: "cap-" + it.order, Line: s.line, Purchase: it.order, Amount: it.price}); err != nil {
				return err
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.name, it.order, it.item, it.price.Display(), decision, dec.AvailableAfter.Display(), reasons(dec))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Deliveries (the shopper confirms receipt; the purchase is billed from that day)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, it := range approved {
		when := []string{"2014-12-18 11:00", "2014-12-19 16:00", "2014-12-20 10:30"}[min(i, 2)]
		d.at(when)
		p, err := e.ConfirmDelivery(d.ctx, credit.PurchaseCommand{Key: "dlv-" + it.order, Line: shoppers[it.who].line, Purchase: it.order})
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\tposted %s\n", shoppers[it.who].name, it.order, it.item, p.PostedOn)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	d.at("2014-12-22 14:00")
	p, err := e.Refund(d.ctx, credit.PurchaseCommand{Key: "ref-l2", Line: "li", Purchase: "l2", Amount: rmb(700)})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "22 December: Li returns the boots; the shop refunds %s of order l2 (refunded so far %s).\n", rmb(700).Display(), p.Refunded.Display())

	fmt.Fprintln(w)
	fmt.Fprintln(w, "1 January 2015: the month-end run cuts the statements")
	if err := d.statements(shoppers, "2015-01-01"); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Payments")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, pay := range []struct {
		who int
		at  string
		how string
	}{{0, "2015-01-09 21:00", "full"}, {1, "2015-01-10 22:30", "minimum"}, {2, "2015-01-15 12:00", "everything owed"}} {
		s := shoppers[pay.who]
		d.at(pay.at)
		l, err := e.Advance(d.ctx, s.line, calendar.DateOf(d.clock.Now(), beijing))
		if err != nil {
			return err
		}
		st := l.Statements[len(l.Statements)-1]
		amount := st.Balance
		switch pay.how {
		case "minimum":
			amount = st.Minimum
		case "everything owed":
			if amount, err = l.Account.Owed(); err != nil {
				return err
			}
		}
		b, err := e.Pay(d.ctx, credit.Payment{Key: "pay-" + s.line, Line: s.line, Amount: amount})
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\tpays %s\t%s\tstill owes %s\tavailable %s\n", s.name, pay.at, pay.how, amount.Display(), money.FromMinor(b.Billed.Units()+b.Unbilled.Units(), money.CNY).Display(), b.Available.Display())
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "1 February: the next statements")
	if err := d.statements(shoppers, "2015-02-01"); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Check by hand:")
	fmt.Fprintln(w, "- Li's January minimum is 10% of the new principal: 10% of (3,200.00 - 700.00) = 250.00.")
	fmt.Fprintln(w, "- Li leaves 2,250.00 after the due date: 0.05% a day for the 22 days 11 January to 1 February")
	fmt.Fprintln(w, "  is 2,250.00 x 0.0005 x 22 = 24.75 of interest.")
	fmt.Fprintln(w, "- Zhang pays nothing by the 10th: 1,200.00 is overdue for the 5 days 11 to 15 January,")
	fmt.Fprintln(w, "  1,200.00 x 0.0005 x 5 = 3.00 of penalty, in place of interest. The penalty accrues daily and is")
	fmt.Fprintln(w, "  billed on the next statement, so Zhang, who paid all he owed on the 15th, still has 3.00 due on 10 February.")
	fmt.Fprintln(w, "- Wang paid in full by the due date: no interest, and nothing new to bill.")
	return nil
}

// at sets the clock to a Beijing time.
func (d *demo) at(s string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, beijing)
	if err != nil {
		panic(err) // the story's own times
	}
	d.clock.Set(t)
}

// statements advances every line to day and prints the statement it cut.
func (d *demo) statements(shoppers []shopper, day string) error {
	on, err := calendar.ParseDate(day)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(d.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "shopper\tstatement\tdue\tnew purchases\trefunds\tpayments\tinterest\tpenalty\tbalance due\tminimum")
	d.clock.Set(on.At(0, 0, beijing)) // the month-end run, at midnight
	for _, s := range shoppers {
		l, err := d.e.Advance(d.ctx, s.line, on)
		if err != nil {
			return err
		}
		st := l.Statements[len(l.Statements)-1]
		var sums [5]int64 // purchases, refunds, payments, interest, penalties
		for _, ln := range st.Lines {
			switch ln.Kind {
			case billing.PurchaseLine:
				sums[0] += ln.Amount.Units()
			case billing.RefundLine:
				sums[1] -= ln.Amount.Units()
			case billing.PaymentLine:
				sums[2] -= ln.Amount.Units()
			case billing.InterestLine:
				sums[3] += ln.Amount.Units()
			case billing.PenaltyLine:
				sums[4] += ln.Amount.Units()
			}
		}
		cells := []string{s.name, st.Date.String(), st.Due.String()}
		for _, v := range sums {
			cells = append(cells, money.FromMinor(v, money.CNY).Display())
		}
		cells = append(cells, st.Balance.Display(), st.Minimum.Display())
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// reasons is what a checkout page shows for a declined purchase.
func reasons(d credit.Decision) string {
	var out []string
	for _, r := range d.Reasons {
		s := r.Message
		if r.Limit.Currency().IsValid() {
			s += fmt.Sprintf(" (%s, limit %s)", r.Actual.Display(), r.Limit.Display())
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}
