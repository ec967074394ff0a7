package credit

import (
	"context"
	"strconv"

	"github.com/justspend/justspend/calendar"
)

// MaxValueDateDays is the most days a product may let a payment or refund
// count from before the day it is recorded (Product.ValueDateDays).
const MaxValueDateDays = 31

// valueDateError checks a command's value date against the product's
// window, for a command that posts on day on of line l.
func valueDateError(op string, p *compiled, l *Line, on, valueOn calendar.Date) *CommandError {
	bad := func(code, reason string) *CommandError {
		return &CommandError{Op: op, Code: code, Field: "value_date", Reason: reason}
	}
	switch {
	case valueOn.IsZero() || !valueOn.Before(on):
		if valueOn.After(on) {
			return bad(CodeValueDateAhead, valueOn.String()+" is after the day it is recorded, "+on.String())
		}
		return nil
	case valueOn.Before(l.Opened):
		return bad(CodeBeforeOpening, valueOn.String()+" is before the line opened on "+l.Opened.String())
	case valueOn.DaysUntil(on) > p.ValueDateDays:
		return bad(CodeValueDateOutOfWindow, valueOn.String()+" is "+strconv.Itoa(valueOn.DaysUntil(on))+
			" days before the day it is recorded, "+on.String()+"; the product takes at most "+strconv.Itoa(p.ValueDateDays))
	}
	return nil
}

// valueDated returns the fact of a payment or refund recorded on day on of
// line l that counts from valueOn: plain (on its own day) when valueOn is
// not earlier, else the restated fact that data makes (see restating).
func (e *Engine) valueDated(ctx context.Context, l *Line, p *compiled, at journalAt, plain Fact, valueOn calendar.Date, data func(*restatement) any) (Fact, error) {
	if valueOn.IsZero() || !valueOn.Before(plain.On) {
		return plain, nil
	}
	facts, err := e.history(ctx, l, at)
	if err != nil {
		return Fact{}, err
	}
	placed := plain
	placed.On = valueOn
	return restating(p, l, facts, plain, valueOn, func(evs []event) []event {
		return append(evs, event{on: valueOn, f: placed})
	}, data)
}
