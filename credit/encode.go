package credit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"github.com/justspend/justspend/calendar"
	"strconv"
	"unicode/utf8"

	"github.com/justspend/justspend/money"
)

// The hot path of the Engine writes the JSON of its commonest facts by
// hand: encoding/json's reflection was most of an authorization's cost.
// The form is the same as json.Marshal's, so any JSON reader decodes it;
// tests compare the two.

// jsonAppender is a value that appends its own JSON.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

// appendValue appends v's JSON, by hand when v knows how.
func appendValue(b []byte, v any) ([]byte, error) {
	if a, ok := v.(jsonAppender); ok {
		return a.appendJSON(b)
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
}

// appendString appends s as a JSON string, escaped as encoding/json does.
func appendString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		j, _ := json.Marshal(s) // replaces invalid bytes as encoding/json does
		return append(b, j...)
	}
	b = append(b, '"')
	clean := 0 // s[:clean] needs no escaping
	for clean < len(s) && plainJSON(s[clean]) {
		clean++
	}
	b = append(b, s[:clean]...)
	for i := clean; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case shortEscape(c) != 0:
			b = append(b, '\\', shortEscape(c))
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xa8: // U+2028, U+2029
			b = append(b, `\u202`...)
			b = append(b, "89"[s[i+2]&1])
			i += 2
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// shortEscape returns the letter of c's two-character JSON escape (\n for
// a newline), or 0 if it has none; encoding/json uses these.
func shortEscape(c byte) byte {
	switch c {
	case '\b':
		return 'b'
	case '\f':
		return 'f'
	case '\n':
		return 'n'
	case '\r':
		return 'r'
	case '\t':
		return 't'
	}
	return 0
}

// plainJSON reports whether encoding/json writes c as itself in a string.
func plainJSON(c byte) bool {
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}

func appendAmount(b []byte, key string, a money.Amount, omitZero bool) ([]byte, error) {
	if omitZero && a.IsZero() {
		return b, nil
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return a.AppendJSON(b)
}

// appendJSON appends the fact's JSON, with the Sum it carries.
func (f *Fact) appendJSON(b []byte) ([]byte, error) {
	b, err := f.appendBody(b)
	if err != nil {
		return nil, err
	}
	return appendSum(b, f.Sum), nil
}

// appendSealed appends the fact's JSON with its Sum computed from prev, the
// sum of the fact before it, and sets f.Sum.
func (f *Fact) appendSealed(b []byte, prev uint32) ([]byte, error) {
	start := len(b)
	b, err := f.appendBody(b)
	if err != nil {
		return nil, err
	}
	f.Sum = checksum(prev, b[start:])
	return appendSum(b, f.Sum), nil
}

func appendSum(b []byte, sum uint32) []byte {
	return append(strconv.AppendUint(append(b, sumTag...), uint64(sum), 10), '}')
}

// appendBody appends the fact's JSON up to its sum: every field but the
// last, and no closing brace.
func (f *Fact) appendBody(b []byte) ([]byte, error) {
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, int64(f.V), 10)
	b = append(b, `,"kind":`...)
	b = appendString(b, f.Kind)
	b = append(b, `,"on":`...)
	text, err := f.On.AppendText(append(b, '"'))
	if err != nil {
		return nil, err
	}
	b = append(text, '"')
	if f.Key != "" {
		b = appendString(append(b, `,"key":`...), f.Key)
	}
	if f.Hash != "" {
		b = appendString(append(b, `,"hash":`...), f.Hash)
	}
	for _, part := range []struct {
		name  string
		typed any
		raw   json.RawMessage
	}{{"data", f.payload, f.Data}, {"result", f.result, f.Result}} {
		switch {
		case part.typed != nil:
			b = append(b, `,"`+part.name+`":`...)
			if b, err = appendValue(b, part.typed); err != nil {
				return nil, err
			}
		case len(part.raw) > 0:
			b = append(append(b, `,"`+part.name+`":`...), part.raw...)
		}
	}
	if len(f.Postings) > 0 {
		b = append(b, `,"postings":[`...)
		for i, p := range f.Postings {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(b, `{"account":`...), p.Account)
			if b, err = appendAmount(b, "amount", p.Amount, false); err != nil {
				return nil, err
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	for i, d := range f.Days {
		if i == 0 {
			b = append(b, `,"days":[`...)
		} else {
			b = append(b, ',')
		}
		if b, err = d.Day.AppendText(append(b, `{"day":"`...)); err != nil {
			return nil, err
		}
		b = strconv.AppendBool(append(b, `","working":`...), d.Working)
		b = append(b, '}')
	}
	if len(f.Days) > 0 {
		b = append(b, ']')
	}
	return b, nil
}

func (m Merchant) appendJSON(b []byte) []byte {
	b = appendString(append(b, `{"id":`...), m.ID)
	b = strconv.AppendBool(append(b, `,"enrolled":`...), m.Enrolled)
	b = appendString(append(b, `,"category":`...), m.Category)
	if m.FeeRate != "" {
		b = appendString(append(b, `,"fee_rate":`...), m.FeeRate)
	}
	b = strconv.AppendBool(append(b, `,"funds_installment_fees":`...), m.FundsInstallmentFees)
	return append(b, '}')
}

func (d authorizedData) appendJSON(b []byte) ([]byte, error) {
	r := d.Request
	b = appendString(append(b, `{"request":{"purchase":`...), r.Purchase)
	b, err := appendAmount(b, "amount", r.Amount, false)
	if err != nil {
		return nil, err
	}
	b = r.Merchant.appendJSON(append(b, `,"merchant":`...))
	if r.Plan != "" {
		b = appendString(append(b, `,"plan":`...), r.Plan)
	}
	if b, err = r.On.AppendText(append(b, `,"on":"`...)); err != nil {
		return nil, err
	}
	b = append(b, '"', '}')
	if b, err = appendAmount(b, "original", d.Original, false); err != nil {
		return nil, err
	}
	if d.Rate != nil {
		j, err := json.Marshal(d.Rate)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"rate":`...), j...)
	}
	return append(b, '}'), nil
}

func (d Decision) appendJSON(b []byte) ([]byte, error) {
	b = strconv.AppendBool(append(b, `{"approved":`...), d.Approved)
	var err error
	if len(d.Reasons) > 0 {
		b = append(b, `,"reasons":[`...)
		for i, r := range d.Reasons {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(b, `{"code":`...), r.Code)
			b = appendString(append(b, `,"message":`...), r.Message)
			if b, err = appendAmount(b, "limit", r.Limit, true); err != nil {
				return nil, err
			}
			if b, err = appendAmount(b, "actual", r.Actual, true); err != nil {
				return nil, err
			}
			if r.MaxCount != 0 {
				b = strconv.AppendInt(append(b, `,"max_count":`...), int64(r.MaxCount), 10)
			}
			if r.Count != 0 {
				b = strconv.AppendInt(append(b, `,"count":`...), int64(r.Count), 10)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if b, err = appendAmount(b, "available_before", d.AvailableBefore, false); err != nil {
		return nil, err
	}
	if b, err = appendAmount(b, "available_after", d.AvailableAfter, false); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// A command's idempotency hash is the SHA-256 of a canonical binary form:
// the operation's name, then every field but At, each string and number
// length-prefixed or varint-coded, so that no two commands share a form and
// no command fails to have one. The operation is part of the form, so a
// key used to capture cannot replay as a refund of the same purchase; At
// is not, so a client that stamps each retry with the time it was sent
// still gets its first result (the command keeps the date it was first
// applied on).

// canon is a canonical form being built.
type canon []byte

func (c canon) str(s string) canon { return append(binary.AppendUvarint(c, uint64(len(s))), s...) }

func (c canon) amount(a money.Amount) canon {
	return binary.AppendVarint(binary.AppendUvarint(c, uint64(a.Currency())), a.Units())
}

func (c canon) rate(r *money.ExchangeRate) canon {
	if r == nil {
		return append(c, 0)
	}
	return append(c, 1).str(r.String())
}

func (c canon) num(v int64) canon { return binary.AppendVarint(c, v) }

func (c canon) flag(v bool) canon {
	if v {
		return append(c, 1)
	}
	return append(c, 0)
}

func (c canon) merchant(m Merchant) canon {
	return c.str(m.ID).str(m.Category).str(m.FeeRate).flag(m.Enrolled).flag(m.FundsInstallmentFees)
}

func (c canon) sum() string {
	sum := sha256.Sum256(c)
	var h [2 * sha256.Size]byte
	hex.Encode(h[:], sum[:])
	return string(h[:])
}

// hash returns the hex SHA-256 of the authorization's canonical form
// (on the stack: the commonest command hashes without allocating a
// buffer).
func (cmd Authorize) hash() string {
	var buf [256]byte
	c := canon(buf[:0]).str("authorize").str(cmd.Key).str(cmd.Line).str(cmd.Purchase).merchant(cmd.Merchant)
	return c.amount(cmd.Amount).amount(cmd.Original).rate(cmd.Rate).str(cmd.Plan).sum()
}

func (cmd OpenLine) hash() string {
	return canon(nil).str("open").str(cmd.Key).str(cmd.Line).str(cmd.Holder).str(cmd.Product).amount(cmd.Limit).sum()
}

func (cmd PurchaseCommand) hash(op string) string {
	return canon(nil).str(op).str(cmd.Key).str(cmd.Line).str(cmd.Purchase).amount(cmd.Amount).amount(cmd.Original).rate(cmd.Rate).valueDate(cmd.ValueDate).sum()
}

func (cmd Payment) hash(op string) string {
	return canon(nil).str(op).str(cmd.Key).str(cmd.Line).amount(cmd.Amount).valueDate(cmd.ValueDate).sum()
}

// valueDate adds a value date, and nothing when there is none (so that the
// hashes of commands from before value dates stay as they were).
func (c canon) valueDate(d calendar.Date) canon {
	if d.IsZero() {
		return c
	}
	return c.str("value_date").str(d.String())
}

func (cmd LineCommand) hash() string {
	c := canon(nil).str("change_line").str(cmd.Key).str(cmd.Line).amount(cmd.Limit)
	if t := cmd.TempLimit; t != nil {
		c = append(c, 1).str(t.ID).amount(t.Amount).str(t.Expires.String())
	} else {
		c = append(c, 0)
	}
	if cmd.Status != nil {
		c = append(c, 1).num(int64(*cmd.Status))
	} else {
		c = append(c, 0)
	}
	if d := cmd.DueDays; d != nil {
		c = append(c, 1).num(int64(d.StatementDay)).num(int64(d.DueDay))
	} else {
		c = append(c, 0)
	}
	return c.amount(cmd.Convert).str(cmd.Plan).sum()
}
