// Command quote prints what each Huabei installment plan costs for one
// purchase: the payment each period, the total fee, and the annualized
// rate both ways (simple, as Alipay discloses it, and compounded).
//
//	go run ./examples/quote          # RMB 3,000
//	go run ./examples/quote 1111.11
package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

// offer is one plan on a price list.
type offer struct {
	label   string
	periods int
	rate    string // total fee rate over the plan
}

// offers returns Huabei's buyer-paid fees: c. 2021-22, and the older
// schedule that also offered 9 periods.
func offers() []offer {
	return []offer{
		{"2021-22", 3, "0.023"},
		{"2021-22", 6, "0.045"},
		{"2021-22", 12, "0.075"},
		{"older", 3, "0.025"},
		{"older", 6, "0.045"},
		{"older", 9, "0.065"},
		{"older", 12, "0.088"},
	}
}

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quote:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	amount := "3000"
	if len(args) > 0 {
		amount = args[0]
	}
	price, err := money.FromString(amount, money.CNY)
	if err != nil {
		return err
	}
	// A fixed purchase date keeps the output reproducible.
	bought, err := calendar.ParseDate("2025-01-20")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Huabei installments for %s bought on %s; each period is due on the 10th.\n\n", price.Display(), bought)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "fees\tperiods\tfee rate\tperiod 1\tthen each\ttotal fee\ttotal paid\tsimple rate\tcompounded\t")
	for _, o := range offers() {
		plan := billing.Plan{
			Periods: o.periods, FeeModel: billing.TotalRate, FeeRate: decimal.RequireFromString(o.rate),
			Split: billing.AlipaySplit, BillDaysBeforeDue: 9,
			Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1},
		}
		s, err := plan.Schedule(price, bought, nil)
		if err != nil {
			return err
		}
		r, err := s.AnnualizedRate()
		if err != nil {
			return err
		}
		paid, err := price.Add(s.TotalFee)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\t%s%%\t%s\t%s\t%s\t%s\t%s%%\t%s%%\t\n", o.label, o.periods,
			plan.FeeRate.Shift(2).String(), s.Installments[0].Total.Display(), s.Installments[1].Total.Display(),
			s.TotalFee.Display(), paid.Display(), r.Nominal.Shift(2).StringFixed(2), r.Effective.Shift(2).StringFixed(2))
	}
	return tw.Flush()
}
