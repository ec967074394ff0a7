package credit_test

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/credit"
	"github.com/shopspring/decimal"
)

// hardshipAdversaryProduct is Huabei with every hardship command offered:
// a 30-day deferral twice a year at 1% of what the statement still bills,
// rescheduling over the 12-month plan, and a re-age once a year, twice
// in five, after one regular minimum payment; value dates up to 10 days.
func hardshipAdversaryProduct() credit.Product {
	p := credit.Huabei()
	p.Name = "huabei-hardship-adversary"
	p.ValueDateDays = 10
	p.Hardship = credit.Hardship{DeferDays: 30, DefersPerYear: 2, DeferFeeRate: decimal.RequireFromString("0.01"),
		Reschedule: p.Installments[3:4], ReagesPerYear: 1, ReagesPerFiveYears: 2, ReageAfterPayments: 1}
	return p
}

// A statement of 1 February, due 10 February, deferred by 30 days to 11
// March: the statement of 1 March, which carries what the deferred one
// billed, asks it no earlier than 11 March. Paid in full that day, the
// line was never past due and owes nothing: no penalty, no interest.
// (The March statement was due on its own 10 March, so the line fell
// past due on the day the deferral had moved the debt to.)
func TestHardshipDeferralPastTheNextStatementsDueDate(t *testing.T) {
	p := hardshipAdversaryProduct()
	b := newLenderBook(t, p, "2020-01-05", 2)
	b.open("L")
	b.set("2020-01-20")
	b.buy("L", "tv", "", 100000)
	b.advance("L", "2020-02-08")
	l, err := b.e.DeferDue(b.ctx, credit.Deferral{Key: "defer", Line: "L", Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if l.Account.Last.Due != lenderDay("2020-03-11") {
		t.Fatalf("deferred to %v", l.Account.Last.Due)
	}
	l = b.advance("L", "2020-03-02")
	if l.Account.Last.Date != lenderDay("2020-03-01") || l.Account.Last.Due.Before(lenderDay("2020-03-11")) {
		t.Fatalf("the March statement is due on %v, before the deferred 11 March", l.Account.Last.Due)
	}
	l = b.advance("L", "2020-03-11")
	if dq := l.Delinquency(&p); !l.Account.Overdue.Statement.IsZero() || dq.DaysPastDue != 0 {
		t.Fatalf("on the deferred due date: overdue %+v, %d days past due", l.Account.Overdue, dq.DaysPastDue)
	}
	owed, _ := l.Account.Owed()
	if owed != lenderCNY(101000) { // 1,000.00 and the 10.00 fee
		t.Fatalf("owes %v on 11 March", owed)
	}
	b.pay("L", 101000)
	l = b.advance("L", "2020-04-20")
	if owed, _ := l.Account.Owed(); !owed.IsZero() || !l.Account.Overdue.Statement.IsZero() {
		t.Fatalf("paid in full on the deferred due date, the line owes %v (overdue %+v)", owed, l.Account.Overdue)
	}
	b.check("L")
}

var _ = errors.As
