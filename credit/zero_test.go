package credit_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/credit"
)

// TestZeroValuesEncode: the zero value of every exported data type of
// credit and billing encodes to JSON, decodes back to a value that encodes
// the same, and prints; so a handler that encodes the zero Decision
// returned beside an error, or a go-cmp "want" that leaves a field out,
// works.
func TestZeroValuesEncode(t *testing.T) {
	for _, v := range []any{
		credit.AuthRequest{}, credit.Authorize{}, credit.AutoConfirm{}, credit.Balances{}, credit.Commit{},
		credit.DayAnswer{}, credit.Decision{}, credit.DueDayOption{}, credit.Event{}, credit.Fact{}, credit.Hold{},
		credit.Line{}, credit.LineCommand{}, credit.Merchant{}, credit.OpenLine{}, credit.PastDueBucket{},
		credit.Payment{}, credit.Payoff{}, credit.PayoffQuote{}, credit.Portfolio{}, credit.Posting{}, credit.Product{},
		credit.Purchase{}, credit.PurchaseCommand{}, credit.PurchaseRules{}, credit.Reason{}, credit.Record{},
		credit.Reminder{}, credit.Reversal{}, credit.TempLimit{},
		billing.Account{}, billing.Statement{}, billing.Debt{}, billing.Line{}, billing.Plan{}, billing.Rules{},
		billing.Schedule{}, billing.Installment{}, billing.Loan{},
	} {
		name := reflect.TypeOf(v).String()
		data, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%s{}: %v", name, err)
			continue
		}
		back := reflect.New(reflect.TypeOf(v))
		if err := json.Unmarshal(data, back.Interface()); err != nil {
			t.Errorf("%s{} does not decode from its own JSON %s: %v", name, data, err)
			continue
		}
		again, err := json.Marshal(back.Elem().Interface())
		if err != nil || string(again) != string(data) {
			t.Errorf("%s{}: %s, then %s (%v)", name, data, again, err)
		}
		if s := fmt.Sprint(v); s == "" {
			t.Errorf("%s{} prints nothing", name)
		}
	}
	// A "want" that leaves the amounts out compares equal to what the
	// Engine gives for nothing.
	got := credit.Reason{Code: "x", Message: "y"}
	if d := cmp.Diff(credit.Reason{Code: "x", Message: "y"}, got); d != "" {
		t.Error(d)
	}
}
