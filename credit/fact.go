package credit

import (
	"encoding/json"
	"strings"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// factEncoding is the version of the JSON form of facts. A store keeps the
// bytes; the library reads every version it has written.
const factEncoding = 1

// Fact is one entry of a line's journal: something that happened, with the
// idempotency key that caused it and its postings. A line's state is the
// fold of its facts.
type Fact struct {
	V        int             `json:"v"`
	Kind     string          `json:"kind"`
	On       calendar.Date   `json:"on"`
	Key      string          `json:"key,omitempty"`
	Hash     string          `json:"hash,omitempty"`
	Data     json.RawMessage `json:"data,omitempty"`
	Result   json.RawMessage `json:"result,omitempty"`
	Postings []Posting       `json:"postings,omitempty"`

	payload any // the typed Data of a fact made in this process, until encoded
	result  any // the typed Result, likewise
}

// Posting is one leg of a money movement. A fact's postings sum to zero;
// the "holder" account's running total is what the holder owes.
type Posting struct {
	Account string       `json:"account"`
	Amount  money.Amount `json:"amount"`
}

// The kinds of fact.
const (
	factOpened     = "opened"
	factAdvanced   = "advanced"
	factAuthorized = "authorized"
	factCaptured   = "captured"
	factDelivered  = "delivered"
	factVoided     = "voided"
	factRefunded   = "refunded"
	factPaid       = "paid"
	factPaidOut    = "paid_out"
	factTempLimit  = "temp_limit"
	factLimit      = "limit"
	factStatus     = "status"
	factDueDays    = "due_days"
	factConverted  = "converted"
	factDeclined   = "declined"
)

type openedData struct {
	ID      string       `json:"id"`
	Holder  string       `json:"holder"`
	Product string       `json:"product"`
	Limit   money.Amount `json:"limit"`
}

type advancedData struct {
	To calendar.Date `json:"to"`
}

type authorizedData struct {
	Request  AuthRequest         `json:"request"`
	Original money.Amount        `json:"original"`
	Rate     *money.ExchangeRate `json:"rate,omitempty"`
}

type purchaseData struct {
	Purchase string       `json:"purchase"`
	Amount   money.Amount `json:"amount,omitzero"`
	// Refunds of purchases priced in another currency: the amount in that
	// currency and the rate it was converted at.
	Original money.Amount        `json:"original,omitzero"`
	Rate     *money.ExchangeRate `json:"rate,omitempty"`
}

type amountData struct {
	Amount money.Amount `json:"amount"`
}

type statusData struct {
	Status LineStatus `json:"status"`
}

type convertedData struct {
	Amount money.Amount `json:"amount"`
	Plan   int          `json:"plan"`
}

// newFact builds a fact of kind carrying data; Data is encoded when the
// fact is stored.
func newFact(kind string, on calendar.Date, data any) (Fact, error) {
	return Fact{V: factEncoding, Kind: kind, On: on, payload: data}, nil
}

// payloadOf returns a fact's data as T: the typed payload of a fact made in
// this process, or its decoded JSON.
func payloadOf[T any](f Fact) (T, error) {
	if v, ok := f.payload.(T); ok {
		return v, nil
	}
	var v T
	err := json.Unmarshal(f.Data, &v)
	return v, err
}

// emitted returns the billing lines an apply added to the account,
// including those that went onto statements it cut.
func emitted(before, after *Line) []billing.Line {
	if len(after.Statements) == len(before.Statements) && len(after.Account.Lines) == len(before.Account.Lines) {
		return nil
	}
	var out []billing.Line
	pos := len(before.Account.Lines)
	for _, st := range after.Statements[len(before.Statements):] {
		out = append(out, st.Lines[min(pos, len(st.Lines)):]...)
		pos = 0
	}
	return append(out, after.Account.Lines[min(pos, len(after.Account.Lines)):]...)
}

// postings returns the double-entry legs of billing lines: the holder's
// account moves by each line and a counter account by its opposite.
func postings(lines []billing.Line, merchant string) []Posting {
	var out []Posting
	for _, ln := range lines {
		if ln.Amount.IsZero() {
			continue
		}
		counter := "cash"
		switch ln.Kind {
		case billing.PurchaseLine, billing.InstallmentPurchaseLine, billing.RefundLine:
			counter = "merchant:" + merchant
		case billing.InstallmentFeeLine, billing.FeeLine, billing.WaiverLine:
			counter = "income:fee"
		case billing.InterestLine:
			counter = "income:interest"
		case billing.PenaltyLine:
			counter = "income:penalty"
		}
		if ln.Kind == billing.ConversionLine || strings.HasPrefix(ln.Ref, "bill-installments:") && ln.Kind == billing.InstallmentPurchaseLine {
			counter = "conversion"
		}
		neg, _ := ln.Amount.Neg()
		out = append(out, Posting{Account: "holder", Amount: ln.Amount}, Posting{Account: counter, Amount: neg})
	}
	return out
}

func posting(account string, units int64, c money.Currency) Posting {
	return Posting{Account: account, Amount: money.FromMinor(units, c)}
}
