package billing

import (
	"strconv"
	"time"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/textenum"
)

// PostingBasis says which event puts a purchase on a billing cycle.
type PostingBasis uint8

const (
	// PostOnPayment posts a purchase when it is authorized and paid
	// (outside Taobao and Tmall).
	PostOnPayment PostingBasis = iota
	// PostOnDelivery posts a purchase when the shopper confirms receipt,
	// as on Taobao and Tmall: until then it holds the limit but is billed
	// nowhere.
	PostOnDelivery
)

func postingBasisNames() []string { return []string{"payment", "delivery"} }

func (b PostingBasis) String() string { return textenum.Name("PostingBasis", b, postingBasisNames()) }

// MarshalText encodes "payment" or "delivery".
func (b PostingBasis) MarshalText() ([]byte, error) {
	return textenum.Marshal("PostingBasis", b, postingBasisNames())
}

// UnmarshalText decodes "payment" or "delivery".
func (b *PostingBasis) UnmarshalText(text []byte) error {
	return unmarshalEnum(b, text, "PostingBasis", "posting", postingBasisNames())
}

// DueFrom says what a cycle's due rule counts from.
type DueFrom uint8

const (
	DueFromStatement DueFrom = iota // the statement date (Huabei: the 10th of the month; JD statement mode: + 9 days)
	DueFromPurchase                 // each purchase's posting date (JD order mode: 30 days after)
)

func dueFromNames() []string { return []string{"statement", "purchase"} }

func (f DueFrom) String() string { return textenum.Name("DueFrom", f, dueFromNames()) }

// MarshalText encodes "statement" or "purchase".
func (f DueFrom) MarshalText() ([]byte, error) { return textenum.Marshal("DueFrom", f, dueFromNames()) }

// UnmarshalText decodes "statement" or "purchase".
func (f *DueFrom) UnmarshalText(text []byte) error {
	return unmarshalEnum(f, text, "DueFrom", "due_from", dueFromNames())
}

// CycleRule is a product's billing cycle as data. Its Due rule carries
// any business-day roll; GraceDays more days pass before anything counts
// as late. The cut-off is a time of day in the product's zone (24:00 for
// Huabei): an instant at or after it belongs to the next day.
//
//	{"statement_day": 1, "due": {"kind": "day_of_month_after", "day": 10},
//	 "posting": "delivery", "cutoff_hour": 24, "statement_day_closes_cycle": true}
type CycleRule struct {
	StatementDay int               `json:"statement_day"` // 1-28: the day of the month statements are cut
	Due          calendar.DateRule `json:"due"`           // the due date, from DueFrom
	DueFrom      DueFrom           `json:"due_from"`
	Posting      PostingBasis      `json:"posting"`
	CutoffHour   int               `json:"cutoff_hour"`   // 0-24
	CutoffMinute int               `json:"cutoff_minute"` // 0-59; 0 with hour 24
	// StatementDayClosesCycle puts a purchase posted on the statement
	// day itself on the statement cut that day; otherwise it waits for the
	// next one. Sources disagree for Huabei: the product chooses.
	StatementDayClosesCycle bool `json:"statement_day_closes_cycle"`
	GraceDays               int  `json:"grace_days"` // 0-30 days after the due date before a payment is late
}

// Validate reports the first field out of range.
func (r CycleRule) Validate() error {
	switch {
	case r.StatementDay < 1 || r.StatementDay > 28:
		return &PlanError{Field: "statement_day", Reason: "must be 1-28, not " + strconv.Itoa(r.StatementDay)}
	case r.DueFrom > DueFromPurchase:
		return &PlanError{Field: "due_from", Reason: "unknown " + r.DueFrom.String()}
	case r.Posting > PostOnDelivery:
		return &PlanError{Field: "posting", Reason: "unknown " + r.Posting.String()}
	case r.CutoffHour < 0 || r.CutoffHour > 24 || r.CutoffMinute < 0 || r.CutoffMinute > 59 || r.CutoffHour == 24 && r.CutoffMinute != 0:
		return &PlanError{Field: "cutoff", Reason: "must be a time of day from 00:00 to 24:00"}
	case r.GraceDays < 0 || r.GraceDays > 30:
		return &PlanError{Field: "grace_days", Reason: "must be 0-30, not " + strconv.Itoa(r.GraceDays)}
	}
	if err := r.Due.Validate(); err != nil {
		return &PlanError{Field: "due", Reason: err.Error()}
	}
	return nil
}

// PostingDate returns the business date on which an event at instant t
// posts: its date in loc, or the next day when it falls at or after the
// cut-off. A nil loc means UTC.
func (r CycleRule) PostingDate(t time.Time, loc *time.Location) calendar.Date {
	d := calendar.DateOf(t, loc)
	if r.CutoffHour < 24 && !t.Before(d.At(r.CutoffHour, r.CutoffMinute, loc)) {
		return d.AddDays(1)
	}
	return d
}

// StatementFor returns the statement date on which something posted on
// date p is billed.
func (r CycleRule) StatementFor(p calendar.Date) calendar.Date {
	y, m, d := p.Date()
	first, _ := calendar.NewDate(y, m, 1)
	switch {
	case d < r.StatementDay, d == r.StatementDay && r.StatementDayClosesCycle:
		return first.AddDays(r.StatementDay - 1)
	}
	return first.AddMonths(1).AddDays(r.StatementDay - 1)
}

// PreviousStatement returns the statement date before statement date s.
func (r CycleRule) PreviousStatement(s calendar.Date) calendar.Date {
	return s.FirstOfMonth().AddMonths(-1).AddDays(r.StatementDay - 1)
}

// DueDate returns when something billed on statement date s is due (for
// DueFromStatement), or when a purchase posted on p is due (for
// DueFromPurchase), on calendar c for the rule's roll.
func (r CycleRule) DueDate(c calendar.WorkingDays, s, p calendar.Date) (calendar.Date, error) {
	from := s
	if r.DueFrom == DueFromPurchase {
		from = p
	}
	return r.Due.Nth(c, from, 1)
}

// LateAfter returns the last day a payment due on due is on time: the due
// date plus the grace days.
func (r CycleRule) LateAfter(due calendar.Date) calendar.Date { return due.AddDays(r.GraceDays) }
