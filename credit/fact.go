package credit

import (
	"bytes"
	"encoding/json"
	"hash/crc32"
	"math"
	"strings"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// factFormat is the version of the JSON form of facts the library
// writes. A store keeps the bytes; the library reads every version it has
// written (see readsFormat, and "The journal" in the package
// documentation).
const factFormat = 2

// Fact is one entry of a line's journal: something that happened, with the
// idempotency key that caused it and its postings. A line's state is the
// fold of its facts.
//
// Sum seals the journal: it is the CRC-32C (Castagnoli) of the fact's
// bytes up to the sum itself, continued from the sum of the fact before
// it (from the line's ID for the first fact). A record that was changed,
// moved, repeated, left out or taken from another line's journal no longer
// follows on from the one before it, and the Engine refuses to read on
// (*CorruptError). It guards against stores that lose or mix up bytes, not
// against forgery: anyone can compute a CRC.
//
// Whatever the format of the record a Fact was read from (V), its Data,
// Result and Postings are the JSON of their types with nothing left out,
// and Hash is as the record has it; its own JSON has format 1's fields
// and reads back (see "The journal" in the package documentation).
type Fact struct {
	V        int             `json:"v"`
	Kind     string          `json:"kind"`
	On       calendar.Date   `json:"on"`
	Key      string          `json:"key,omitempty"`
	Hash     string          `json:"hash,omitempty"`
	Data     json.RawMessage `json:"data,omitempty"`
	Result   json.RawMessage `json:"result,omitempty"`
	Postings []Posting       `json:"postings,omitempty"`
	// Days are the calendar answers the fact's billing used: a replay
	// uses them, so that a notice loaded later (or any other change to the
	// host's calendar) does not move a due date already set.
	Days []DayAnswer `json:"days,omitempty"`
	Sum  uint32      `json:"sum"`

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

	factPaidOff             = "paid_off"
	factRefundRequested     = "refund_requested"
	factRefundRequestClosed = "refund_request_closed"
	factReversed            = "reversed"
)

type openedData struct {
	ID      string       `json:"id"`
	Holder  string       `json:"holder"`
	Product string       `json:"product"`
	Limit   money.Amount `json:"limit"`
}

type advancedData struct {
	To calendar.Date `json:"to"`
	// Archived are the settled purchases the fact takes out of the line's
	// state, as they stood, and ArchivedStatements its oldest statements
	// (see archive.go).
	Archived           []Purchase          `json:"archived,omitempty"`
	ArchivedStatements []billing.Statement `json:"archived_statements,omitempty"`
}

type authorizedData struct {
	Request  AuthRequest         `json:"request"`
	Original money.Amount        `json:"original"`
	Rate     *money.ExchangeRate `json:"rate,omitempty"`
	// Promotion is what the request's coupon gave, with the grant from its
	// campaign's budget; zero for none (and in a decline).
	Promotion Promotion `json:"promotion,omitzero"`
}

type purchaseData struct {
	Purchase string       `json:"purchase"`
	Amount   money.Amount `json:"amount,omitzero"`
	// Refunds of purchases priced in another currency: the amount in that
	// currency and the rate it was converted at.
	Original money.Amount        `json:"original,omitzero"`
	Rate     *money.ExchangeRate `json:"rate,omitempty"`
	// A refund with a value date: the day it counts from, and the line
	// restated as if it had been recorded then.
	ValueOn  calendar.Date `json:"value_on,omitzero"`
	Restated *restatement  `json:"restated,omitempty"`
	// Restored is an archived purchase the fact brings back into the
	// line's state, as it was archived, before acting on it.
	Restored *Purchase `json:"restored,omitempty"`
}

// amountData is a payment, payout or limit. A payment with a value date
// carries the day it counts from and the line restated as if it had been
// recorded then; one whose restatement could not be worked out posted on
// its own day and carries neither.
type amountData struct {
	Amount   money.Amount  `json:"amount"`
	ValueOn  calendar.Date `json:"value_on,omitzero"`
	Restated *restatement  `json:"restated,omitempty"`
}

// reversalData reverses the payment recorded at Version under Key.
// Restated is the line as if the payment had never been made; without it
// (the restatement could not be worked out) the payment comes back as new
// principal (billing.Account.Reverse).
type reversalData struct {
	Key      string       `json:"key"`
	Version  int64        `json:"version"`
	Amount   money.Amount `json:"amount"`
	Restated *restatement `json:"restated,omitempty"`
	// Recovery: the payment was made on the charged-off line (a
	// recovery), and its reversal takes the recovery back.
	Recovery bool `json:"recovery,omitempty"`
}

type statusData struct {
	Status LineStatus `json:"status"`
}

type convertedData struct {
	Amount money.Amount `json:"amount"`
	Plan   string       `json:"plan"`
}

// sumTag is what precedes a record's checksum, its last field;
// snapSealTag, a snapshot's.
const (
	sumTag      = `,"sum":`
	snapSealTag = `,"seal":`
)

// checksum continues the running CRC-32C sum of a journal over p.
func checksum(prev uint32, p []byte) uint32 {
	return crc32.Update(prev, crc32.MakeTable(crc32.Castagnoli), p)
}

// rootSum is the sum a line's journal starts from: that of its ID.
func rootSum(line string) uint32 {
	return crc32.Update(0, crc32.MakeTable(crc32.Castagnoli), []byte(line))
}

// unseal returns the bytes a record's checksum covers and the checksum it
// carries, or ok false when the record does not end with one.
func unseal(data []byte) (body []byte, sum uint32, ok bool) {
	return unsealWith(data, sumTag)
}

// unsealWith splits data that ends with tag, a number and a closing brace.
func unsealWith(data []byte, tag string) (body []byte, sum uint32, ok bool) {
	if len(data) < len(tag)+2 || data[len(data)-1] != '}' {
		return nil, 0, false
	}
	i := bytes.LastIndex(data, []byte(tag))
	if i < 0 {
		return nil, 0, false
	}
	digits := data[i+len(tag) : len(data)-1]
	if len(digits) == 0 || len(digits) > 10 || len(digits) > 1 && digits[0] == '0' {
		return nil, 0, false
	}
	var v uint64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return nil, 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if v > math.MaxUint32 {
		return nil, 0, false
	}
	return data[:i], uint32(v), true
}

// newFact builds a fact of kind carrying data; Data is encoded when the
// fact is stored.
func newFact(kind string, on calendar.Date, data any) (Fact, error) {
	return Fact{V: factFormat, Kind: kind, On: on, payload: data}, nil
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
	cut := newStatements(before, after)
	if len(cut) == 0 && len(after.Account.Lines) == len(before.Account.Lines) {
		return nil
	}
	var out []billing.Line
	pos := len(before.Account.Lines)
	for _, st := range cut {
		out = append(out, st.Lines[min(pos, len(st.Lines)):]...)
		pos = 0
	}
	return append(out, after.Account.Lines[min(pos, len(after.Account.Lines)):]...)
}

// newStatements returns the statements after has that before did not:
// those cut since (archiving takes statements from the front only).
func newStatements(before, after *Line) []billing.Statement {
	n := len(after.Statements)
	if len(before.Statements) > 0 {
		last := before.Statements[len(before.Statements)-1].Date
		for n > 0 && after.Statements[n-1].Date.After(last) {
			n--
		}
		return after.Statements[n:]
	}
	return after.Statements
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
		case billing.ChargeOffLine, billing.ChargedOffLine:
			continue // a move within what the holder owes: see chargeOffPostings
		case billing.WriteOffLine:
			counter = writeOffAccount(ln)
		}
		if ln.Kind == billing.ConversionLine || (strings.HasPrefix(ln.Ref, "bill-installments:") || strings.HasPrefix(ln.Ref, "reschedule:")) && ln.Kind == billing.InstallmentPurchaseLine {
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
