package credit

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/internal/strictjson"
	"github.com/justspend/justspend/money"
)

// DecodeCommand decodes a command from JSON into cmd, a pointer to one of
// the command types (OpenLine, Authorize, PurchaseCommand, Payment,
// LineCommand, Payoff, Reversal, and the hardship commands Deferral,
// Rescheduling and Reaging), strictly: unknown fields, trailing data, malformed values
// (an amount with more decimals than its currency has, an unknown
// currency, a bad date), JSON that is not valid UTF-8, a key given twice,
// a key in another case than the field's ("LINE" for "line") and an
// escaped lone surrogate ("\ud800") are a *CommandError with code
// "bad_json", and leave cmd as it was. Each of those would let two
// different documents decode to one command, or a gateway that read the
// document see another command than the Engine runs. It is for hosts that
// take commands from the network; the Engine checks the decoded command
// as it would any other.
func DecodeCommand(data []byte, cmd any) error {
	switch c := cmd.(type) {
	case *OpenLine:
		return decodeInto(data, c)
	case *Authorize:
		return decodeInto(data, c)
	case *PurchaseCommand:
		return decodeInto(data, c)
	case *Payment:
		return decodeInto(data, c)
	case *LineCommand:
		return decodeInto(data, c)
	case *Payoff:
		return decodeInto(data, c)
	case *Reversal:
		return decodeInto(data, c)
	case *Deferral:
		return decodeInto(data, c)
	case *Rescheduling:
		return decodeInto(data, c)
	case *Reaging:
		return decodeInto(data, c)
	}
	return &CommandError{Op: "decode", Code: CodeBadCommandType, Reason: "not a pointer to a command type"}
}

// decodeInto decodes data into a fresh T and, if it is valid, stores it
// in dst.
func decodeInto[T any](data []byte, dst *T) error {
	if dst == nil {
		return &CommandError{Op: "decode", Code: CodeBadCommandType, Reason: "a nil pointer"}
	}
	var v T
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return &CommandError{Op: "decode", Code: CodeBadJSON, Reason: "a command is a JSON object"}
	}
	if err := strictjson.DecodeExact(data, &v); err != nil {
		field, reason := jsonProblem(err)
		if reason == "" { // the decoder's own words are in Err
			return &CommandError{Op: "decode", Code: CodeBadJSON, Field: badField(data, &v), Reason: "does not decode", Err: err}
		}
		return &CommandError{Op: "decode", Code: CodeBadJSON, Field: field, Reason: reason}
	}
	*dst = v
	return nil
}

// jsonProblem says where a JSON document went wrong, as a field path ("" for
// the document as a whole) and a reason without the decoder's prefixes, or
// an empty reason when it cannot say better than the error itself (an
// error of a type's own UnmarshalJSON).
func jsonProblem(err error) (field, reason string) {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	var ke *strictjson.KeyError
	msg := err.Error()
	for strings.HasPrefix(msg, "json: ") {
		msg = strings.TrimPrefix(msg, "json: ")
	}
	switch {
	case errors.As(err, &te):
		want := jsonKind(te.Type.Kind().String())
		if te.Type.Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) || reflect.PointerTo(te.Type).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
			want = "a string"
		}
		return te.Field, "is a JSON " + te.Value + " where " + want + " belongs"
	case errors.As(err, &ke):
		if ke.Want != "" {
			return ke.Path, "is spelt " + strconv.Quote(ke.Want) + ": keys match fields exactly"
		}
		return ke.Path, "is given twice"
	case errors.Is(err, strictjson.ErrLoneSurrogate):
		return "", "escapes half a surrogate pair (\\ud800 alone), which no string holds"
	case errors.As(err, &se):
		return "", "is not JSON: " + msg + " at byte " + strconv.FormatInt(se.Offset, 10)
	case strings.HasPrefix(msg, `unknown field "`):
		name, _ := strconv.Unquote(strings.TrimPrefix(msg, "unknown field "))
		return name, "is not a field of this type"
	}
	return "", ""
}

// jsonKind names what a Go kind is written as in JSON.
func jsonKind(k string) string {
	switch {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"), strings.HasPrefix(k, "float"):
		return "a number"
	case k == "string":
		return "a string"
	case k == "bool":
		return "true or false"
	case k == "slice", k == "array":
		return "a list"
	}
	return "an object"
}

// badField returns the first top-level field of the JSON object data
// whose value does not decode into its field of *v (a struct), or "": for
// errors a type's own UnmarshalJSON returns, which carry no field.
func badField(data []byte, v any) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return ""
	}
	t := reflect.TypeOf(v).Elem()
	if t.Kind() != reflect.Struct {
		return ""
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		raw, ok := fields[name]
		if !ok {
			continue
		}
		if json.Unmarshal(raw, reflect.New(f.Type).Interface()) != nil {
			return name
		}
	}
	return ""
}

// readsFormat reports whether v is a fact format this library reads: each
// one it has written.
func readsFormat(v int) bool { return v == 1 || v == factFormat }

// factJSON is the JSON of a record in any format: format 1's fields, and
// format 2's compact data ("d"), decision ("r") and postings ("p").
type factJSON struct {
	V        int             `json:"v"`
	Kind     string          `json:"kind"`
	On       calendar.Date   `json:"on"`
	Key      string          `json:"key"`
	Hash     string          `json:"hash"`
	Data     json.RawMessage `json:"data"`
	Result   json.RawMessage `json:"result"`
	Postings []Posting       `json:"postings"`
	Days     []DayAnswer     `json:"days"`
	Sum      uint32          `json:"sum"`
	D        *compactJSON    `json:"d"`
	R        *decisionJSON   `json:"r"`
	P        [][]string      `json:"p"`
}

// compactJSON is the compact data of any kind of fact that has one (see
// Fact.appendData): the kinds share names, each with one meaning.
type compactJSON struct {
	P  *string             `json:"p"`
	A  *textAmount         `json:"a"`
	M  *merchantJSON       `json:"m"`
	Pl string              `json:"pl"`
	Cp string              `json:"cp"`
	Pr *Promotion          `json:"pr"`
	On *calendar.Date      `json:"on"`
	O  *textAmount         `json:"o"`
	X  *money.ExchangeRate `json:"x"`
	To *calendar.Date      `json:"to"`
}

type merchantJSON struct {
	ID string `json:"id"`
	E  bool   `json:"e"`
	C  string `json:"c"`
	F  string `json:"f"`
	FI bool   `json:"fi"`
	FS string `json:"fs"`
}

// decisionJSON is an authorization's compact decision (see
// Decision.appendCompact).
type decisionJSON struct {
	B       *textAmount `json:"b"`
	AF      *textAmount `json:"af"`
	OK      *bool       `json:"ok"`
	Reasons []struct {
		Code     string     `json:"code"`
		Message  string     `json:"message"`
		Limit    textAmount `json:"limit"`
		Actual   textAmount `json:"actual"`
		MaxCount int        `json:"max_count"`
		Count    int        `json:"count"`
	} `json:"reasons"`
}

// textAmount is an amount in its text form, "CNY 259.00", as the compact
// forms write it.
type textAmount money.Amount

func (a *textAmount) UnmarshalText(text []byte) error {
	v, err := money.Parse(string(text))
	*a = textAmount(v)
	return err
}

// UnmarshalJSON decodes a record of any format the library has written
// (and a Fact's own JSON): whatever the format, the fact's Data, Result
// and Postings are then the JSON of their types, as format 1 wrote them,
// with nothing left out. V says which format the record was in.
func (f *Fact) UnmarshalJSON(data []byte) error {
	v, err := decodeFact(data)
	if err != nil {
		return err
	}
	if v.Data == nil && v.payload != nil {
		if v.Data, err = appendValue(nil, v.payload); err != nil {
			return err
		}
	}
	*f = v
	return nil
}

// decodeFact decodes a record. A fact of format 2 keeps its compact data
// typed (as a fact made in this process does) rather than as Data; its
// decision and postings are filled in as format 1 wrote them. A record of
// a format the library does not read decodes as its fields say: the
// Engine refuses it by its V.
func decodeFact(data []byte) (Fact, error) {
	var j factJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return Fact{}, err
	}
	f := Fact{V: j.V, Kind: j.Kind, On: j.On, Key: j.Key, Hash: j.Hash, Data: j.Data, Result: j.Result, Postings: j.Postings, Days: j.Days, Sum: j.Sum}
	if j.V != 2 {
		return f, nil
	}
	twice := func(name string) error { return fmt.Errorf("the record carries its %s in two forms", name) }
	switch {
	case j.D != nil && j.Data != nil:
		return Fact{}, twice("data")
	case j.R != nil && j.Result != nil:
		return Fact{}, twice("result")
	case j.P != nil && j.Postings != nil:
		return Fact{}, twice("postings")
	}
	var err error
	switch {
	case j.D != nil:
		if f.payload, err = j.D.data(j.Kind, j.On); err != nil {
			return Fact{}, err
		}
	case j.Data == nil && j.Kind == factAdvanced:
		f.payload = advancedData{To: j.On} // an advance to the fact's own day
	}
	if j.R != nil {
		if f.Result, err = j.R.decision(f); err != nil {
			return Fact{}, err
		}
	}
	for _, p := range j.P {
		if len(p) != 3 {
			return Fact{}, errors.New("a pair of postings is not [account, account, amount]")
		}
		a, err := money.Parse(p[2])
		if err != nil {
			return Fact{}, err
		}
		neg, err := a.Neg()
		if err != nil {
			return Fact{}, err
		}
		f.Postings = append(f.Postings, Posting{Account: p[0], Amount: a}, Posting{Account: p[1], Amount: neg})
	}
	return f, nil
}

// data returns the compact data of a fact of kind on day on as its type.
func (c *compactJSON) data(kind string, on calendar.Date) (any, error) {
	foreign := func(fields ...bool) error {
		if slices.Contains(fields, true) {
			return fmt.Errorf("the data of a %q fact has fields of another kind's", kind)
		}
		return nil
	}
	amount := func(a *textAmount) money.Amount {
		if a == nil {
			return money.Amount{}
		}
		return money.Amount(*a)
	}
	switch kind {
	case factAdvanced:
		if err := foreign(c.P != nil, c.A != nil, c.M != nil, c.Pl != "", c.Cp != "", c.Pr != nil, c.On != nil, c.O != nil, c.X != nil, c.To == nil); err != nil {
			return nil, err
		}
		return advancedData{To: *c.To}, nil
	case factAuthorized, factDeclined:
		if err := foreign(c.P == nil, c.A == nil, c.M == nil, c.To != nil); err != nil {
			return nil, err
		}
		m := c.M
		d := authorizedData{Request: AuthRequest{Purchase: *c.P, Amount: amount(c.A), Plan: c.Pl, On: on, Campaign: c.Cp,
			Merchant: Merchant{ID: m.ID, Enrolled: m.E, Category: m.C, FeeRate: m.F, FundsInstallmentFees: m.FI, FeeShare: m.FS}}, Original: amount(c.A), Rate: c.X}
		if c.Pr != nil {
			d.Promotion = *c.Pr
		}
		if c.On != nil {
			d.Request.On = *c.On
		}
		if c.O != nil {
			d.Original = amount(c.O)
		}
		return d, nil
	case factCaptured, factDelivered, factVoided, factRefundRequested, factRefundRequestClosed, factRefunded:
		if err := foreign(c.P == nil, c.M != nil, c.Pl != "", c.Cp != "", c.Pr != nil, c.On != nil, c.O != nil, c.X != nil, c.To != nil); err != nil {
			return nil, err
		}
		return purchaseData{Purchase: *c.P, Amount: amount(c.A)}, nil
	case factPaid, factPaidOut, factLimit:
		if err := foreign(c.P != nil, c.A == nil, c.M != nil, c.Pl != "", c.Cp != "", c.Pr != nil, c.On != nil, c.O != nil, c.X != nil, c.To != nil); err != nil {
			return nil, err
		}
		return amountData{Amount: amount(c.A)}, nil
	}
	return nil, fmt.Errorf("a %q fact has no compact data", kind)
}

// decision returns the compact decision of fact f, an authorization, as
// the JSON of a Decision.
func (r *decisionJSON) decision(f Fact) (json.RawMessage, error) {
	if f.Kind != factAuthorized && f.Kind != factDeclined {
		return nil, fmt.Errorf("a %q fact has no decision", f.Kind)
	}
	if r.B == nil {
		return nil, errors.New("the decision has no available credit")
	}
	d := Decision{Approved: f.Kind == factAuthorized, AvailableBefore: money.Amount(*r.B)}
	if r.OK != nil {
		d.Approved = *r.OK
	}
	for _, x := range r.Reasons {
		d.Reasons = append(d.Reasons, Reason{Code: x.Code, Message: x.Message, Limit: money.Amount(x.Limit), Actual: money.Amount(x.Actual), MaxCount: x.MaxCount, Count: x.Count})
	}
	if r.AF != nil {
		d.AvailableAfter = money.Amount(*r.AF)
	} else {
		var amount *money.Amount
		if a, err := payloadOf[authorizedData](f); err == nil {
			amount = &a.Request.Amount
		}
		after, ok := availableAfter(d.AvailableBefore, d.Approved, amount)
		if !ok {
			return nil, errors.New("the decision leaves out what it left available, and the request does not say")
		}
		d.AvailableAfter = after
	}
	return d.appendJSON(nil)
}
