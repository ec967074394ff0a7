package credit

import (
	"errors"
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
	"github.com/justspend/justspend/money"
)

// ReminderKind is what a reminder tells a shopper.
type ReminderKind uint8

const (
	StatementReady ReminderKind = iota // a statement was cut today
	DueSoon                            // the last statement is due within ReminderOptions.DueWithin days and is not paid
	Overdue                            // the line is overdue
	AutoConfirmed                      // receipt of a purchase was confirmed for the shopper today (Product.AutoConfirm)
)

func reminderKindNames() []string {
	return []string{"statement_ready", "due_soon", "overdue", "auto_confirmed"}
}

func (k ReminderKind) String() string { return textenum.Name("ReminderKind", k, reminderKindNames()) }

// MarshalText encodes the kind's name.
func (k ReminderKind) MarshalText() ([]byte, error) {
	return textenum.Marshal("ReminderKind", k, reminderKindNames())
}

// UnmarshalText decodes the names MarshalText writes.
func (k *ReminderKind) UnmarshalText(b []byte) error {
	v, err := textenum.Parse[ReminderKind]("ReminderKind", string(b), reminderKindNames())
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Reminder is a notice a host sends a shopper.
type Reminder struct {
	Line   string        `json:"line"`
	Holder string        `json:"holder"`
	Kind   ReminderKind  `json:"kind"`
	Date   calendar.Date `json:"date"`         // the statement's date, its due date, the due date missed, or the day receipt was confirmed
	Due    calendar.Date `json:"due,omitzero"` // StatementReady: when the statement is due
	// Amount is what the statement bills (StatementReady), what is still
	// to pay of it (DueSoon, Overdue), or the purchase's amount
	// (AutoConfirmed); Minimum, the minimum payment still due.
	Amount   money.Amount `json:"amount"`
	Minimum  money.Amount `json:"minimum,omitzero"`
	Days     int          `json:"days,omitempty"`     // days until due (DueSoon) or past due (Overdue)
	Purchase string       `json:"purchase,omitempty"` // AutoConfirmed: the purchase
}

// ReminderOptions are Reminders' settings.
type ReminderOptions struct {
	// DueWithin is how many days before a due date the DueSoon reminder
	// starts; 0 means 3, the notice China's card issuers give.
	DueWithin int
}

// Reminders returns the notices the shoppers of lines should get on day
// on: a statement cut that day that asks for a payment, a statement due
// within DueWithin days with something still to pay (every day until it
// is paid or due), an overdue line (every day it stays overdue, with the
// days since its oldest missed due date, as Report ages it), and each
// purchase whose receipt was confirmed for the shopper that day. A line
// may get several: an overdue line whose new statement falls due soon gets
// both. It reads lines as they stand: run it after the nightly Advance has
// brought them to on. The host supplies the lines (an iterator over its
// store, as for Report); reminders come in the iterator's order, a line's
// in the order above. A nil iterator or line is an error.
func Reminders(on calendar.Date, lines Lines, opts ReminderOptions) ([]Reminder, error) {
	within := opts.DueWithin
	if within == 0 {
		within = 3
	}
	if within < 0 {
		return nil, errors.New("credit: Reminders: DueWithin must not be negative")
	}
	if lines == nil {
		return nil, errors.New("credit: Reminders: no lines (a nil iterator)")
	}
	var out []Reminder
	var err error
	lines(func(l *Line) bool {
		if l == nil {
			err = errors.New("credit: Reminders: the iterator gave a nil line")
			return false
		}
		r := Reminder{Line: l.ID, Holder: l.Holder}
		if n := len(l.Statements); n > 0 && l.Statements[n-1].Date == on && l.Statements[n-1].Balance.IsPositive() {
			st := l.Statements[n-1]
			r := r
			r.Kind, r.Date, r.Due, r.Amount, r.Minimum = StatementReady, st.Date, st.Due, st.Balance, st.Minimum
			out = append(out, r)
		}
		b, berr := l.Balances()
		if berr != nil {
			err = berr
			return false
		}
		last, od := l.Account.Last, l.Account.Overdue
		if oldest, overdue := l.pastDue(on, nil); overdue {
			r := r
			r.Kind, r.Date, r.Amount, r.Minimum, r.Days = Overdue, oldest, b.Billed, od.Minimum, max(oldest.DaysUntil(on), 0)
			out = append(out, r)
		}
		if !last.Due.IsZero() && last.Due != od.Due && b.Billed.IsPositive() && !on.After(last.Due) && on.DaysUntil(last.Due) <= within {
			r := r
			r.Kind, r.Date, r.Amount, r.Minimum, r.Days = DueSoon, last.Due, b.Billed, last.MinimumUnpaid, on.DaysUntil(last.Due)
			out = append(out, r)
		}
		for _, pu := range l.Purchases {
			if pu.AutoConfirmed && pu.PostedOn == on {
				r := r
				r.Kind, r.Date, r.Amount, r.Purchase = AutoConfirmed, on, pu.Posted, pu.ID
				out = append(out, r)
			}
		}
		return true
	})
	return out, err
}

// Text is the reminder for the shopper, in lang (Simplified Chinese for
// "zh-CN" and the like, English otherwise; see billing.Chinese).
func (r Reminder) Text(lang string) string {
	amount, minimum := displayAmount(r.Amount, lang), displayAmount(r.Minimum, lang)
	if billing.Chinese(lang) {
		switch r.Kind {
		case StatementReady:
			return "您" + chineseDate(r.Date) + "的账单已出，本期应还 " + amount + "，最低还款 " + minimum + "，请于" + chineseDate(r.Due) + "前还款。"
		case DueSoon:
			when := "还有" + strconv.Itoa(r.Days) + "天到期（" + chineseDate(r.Date) + "）"
			if r.Days == 0 {
				when = "今天（" + chineseDate(r.Date) + "）到期"
			}
			return "您的账单" + when + "，待还 " + amount + "，最低还款 " + minimum + "，请及时还款。"
		case Overdue:
			return "您的账单已逾期" + strconv.Itoa(r.Days) + "天，待还 " + amount + "，请尽快还款，以免产生更多费用。"
		case AutoConfirmed:
			return "订单 " + r.Purchase + " 已于" + chineseDate(r.Date) + "自动确认收货，" + amount + " 计入账单。"
		}
		return r.Kind.String()
	}
	switch r.Kind {
	case StatementReady:
		return "Your statement of " + r.Date.String() + " is ready: " + amount + " to pay, at least " + minimum + " by " + r.Due.String() + "."
	case DueSoon:
		if r.Days == 0 {
			return amount + " is due today, " + r.Date.String() + "; the minimum payment is " + minimum + "."
		}
		return amount + " is due on " + r.Date.String() + ", in " + days(r.Days) + "; the minimum payment is " + minimum + "."
	case Overdue:
		return amount + " is " + days(r.Days) + " overdue: please repay it to avoid further charges."
	case AutoConfirmed:
		return "Receipt of order " + r.Purchase + " was confirmed for you on " + r.Date.String() + ": " + amount + " goes on your statement."
	}
	return r.Kind.String()
}

// chineseDate writes a date as 2015年2月10日.
func chineseDate(d calendar.Date) string {
	return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
}

// days writes a number of days in English.
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
