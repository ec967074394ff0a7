package credit

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/justspend/justspend/internal/strictjson"
)

// DecodeCommand decodes a command from JSON into cmd, a pointer to one of
// the command types (OpenLine, Authorize, PurchaseCommand, Payment,
// LineCommand, Payoff, Reversal), strictly: unknown fields, trailing data, malformed values
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
