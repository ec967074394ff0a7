package billing

import (
	"slices"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// Step is one rule of a payment allocation: pay debts of this status,
// component and (unless AnyKind) kind.
type Step struct {
	Status    Status    `json:"status"`
	Component Component `json:"component"`
	Kind      DebtKind  `json:"kind"`
	AnyKind   bool      `json:"any_kind"`
}

// Allocation is an ordered list of steps over {past due, due, not yet
// due} × {penalty, fee, interest, principal} and kinds of debt. Within a
// step, the oldest debt is paid first. Debt no step names is paid last,
// oldest first; what is left after all debt becomes a credit balance.
// Installment periods not yet billed are not paid by ordinary payments
// (paying them early is an early payoff).
//
// With AboveMinimumHighestRate, only the part of a payment up to the
// statement's unpaid minimum follows the steps; the rest goes to the
// highest-APR principal first (US Regulation Z).
type Allocation struct {
	Name                    string `json:"name"`
	Steps                   []Step `json:"steps"`
	AboveMinimumHighestRate bool   `json:"above_minimum_highest_rate"`
}

// allStatusSteps returns, for each status in order, the components in
// order, for any kind.
func allStatusSteps(statuses []Status, components []Component) []Step {
	var steps []Step
	for _, s := range statuses {
		for _, c := range components {
			steps = append(steps, Step{Status: s, Component: c, AnyKind: true})
		}
	}
	return steps
}

// ClassicAllocation pays past-due debt before current and current before
// not yet due, and within each penalties, fees, interest, then principal.
func ClassicAllocation() Allocation {
	return Allocation{Name: "classic", Steps: allStatusSteps(
		[]Status{PastDue, DueNow, NotYetDue}, []Component{Penalty, Fee, Interest, Principal})}
}

// HuabeiAllocation repays a temporary limit's use first, then as
// ClassicAllocation, except that interest comes before fees.
func HuabeiAllocation() Allocation {
	var steps []Step
	for _, s := range []Status{PastDue, DueNow, NotYetDue} {
		for _, c := range []Component{Penalty, Interest, Fee, Principal} {
			steps = append(steps, Step{Status: s, Component: c, Kind: TemporaryDebt})
		}
	}
	steps = append(steps, allStatusSteps([]Status{PastDue, DueNow, NotYetDue}, []Component{Penalty, Interest, Fee, Principal})...)
	return Allocation{Name: "huabei", Steps: steps}
}

// USCardAllocation pays the minimum oldest first (fees, interest, then
// principal) and everything above it to the highest-rate balance first.
func USCardAllocation() Allocation {
	a := Allocation{Name: "us_card", Steps: allStatusSteps(
		[]Status{PastDue, DueNow, NotYetDue}, []Component{Penalty, Fee, Interest, Principal})}
	a.AboveMinimumHighestRate = true
	return a
}

// Paid is what one payment did to one piece of debt.
type Paid struct {
	Debt Debt         `json:"debt"` // as it was before the payment
	Paid money.Amount `json:"paid"`
}

// Apply allocates payment over debts on date on (graceDays after each due
// date before it is past due). minimum is the statement's unpaid minimum,
// used only with AboveMinimumHighestRate. It returns the debts left (a new
// slice; paid-off pieces removed), what was paid to each piece, and what
// was left over for a credit balance.
func (a Allocation) Apply(payment money.Amount, debts []Debt, on calendar.Date, graceDays int, minimum money.Amount) ([]Debt, []Paid, money.Amount, error) {
	if !payment.IsPositive() {
		return nil, nil, money.Amount{}, &InputError{Arg: "payment", Reason: "must be positive, not " + payment.String()}
	}
	for _, d := range debts {
		if d.Amount.Currency() != payment.Currency() {
			return nil, nil, money.Amount{}, &money.MismatchError{Op: "Apply", A: payment.Currency(), B: d.Amount.Currency()}
		}
	}
	left := slices.Clone(debts)
	order := a.order(left, on, graceDays)
	remaining := payment.Units()
	var paid []Paid
	pay := func(i int, budget *int64) {
		d := &left[i]
		if *budget <= 0 || d.Amount.Units() <= 0 {
			return
		}
		take := min(*budget, d.Amount.Units())
		paid = append(paid, Paid{Debt: *d, Paid: money.FromMinor(take, payment.Currency())})
		d.Amount = money.FromMinor(d.Amount.Units()-take, payment.Currency())
		*budget -= take
	}
	if a.AboveMinimumHighestRate {
		first := min(remaining, max(minimum.Units(), 0))
		rest := remaining - first
		for _, i := range order {
			pay(i, &first)
		}
		rest += first // whatever the minimum steps could not place
		for _, i := range a.highestRate(left, on, graceDays) {
			pay(i, &rest)
		}
		for _, i := range order { // fees and interest beyond the minimum
			pay(i, &rest)
		}
		remaining = rest
	} else {
		for _, i := range order {
			pay(i, &remaining)
		}
	}
	return withoutPaidOff(left), paid, money.FromMinor(remaining, payment.Currency()), nil
}

// order returns the indexes of payable debts in the allocation's order.
func (a Allocation) order(debts []Debt, on calendar.Date, graceDays int) []int {
	rank := func(d Debt) int {
		st := d.Status(on, graceDays)
		for i, s := range a.Steps {
			if s.Status == st && s.Component == d.Component && (s.AnyKind || s.Kind == d.Kind) {
				return i
			}
		}
		return len(a.Steps)
	}
	idx := make([]int, 0, len(debts))
	for i, d := range debts {
		if d.Kind == InstallmentDebt && d.Billed.IsZero() {
			continue // a future period: only an early payoff pays it
		}
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		if ri, rj := rank(debts[i]), rank(debts[j]); ri != rj {
			return ri - rj
		}
		// Within a step, what falls due first is paid first (pieces billed
		// on one statement share its due date; pieces due per purchase or
		// per installment period do not), then the oldest.
		if c := compareDue(debts[i].Due, debts[j].Due); c != 0 {
			return c
		}
		return debts[i].Posted.Compare(debts[j].Posted)
	})
	return idx
}

// compareDue orders due dates, an unknown (zero) one last.
func compareDue(a, b calendar.Date) int {
	switch {
	case a == b:
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// highestRate returns payable principal, highest APR first, oldest first
// among equals.
func (a Allocation) highestRate(debts []Debt, on calendar.Date, graceDays int) []int {
	var idx []int
	for _, i := range a.order(debts, on, graceDays) {
		if debts[i].Component == Principal {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(i, j int) int { return -debts[i].APR.Cmp(debts[j].APR) })
	return idx
}
