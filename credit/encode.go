package credit

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"github.com/justspend/justspend/calendar"
	"math"
	"reflect"
	"slices"
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
// sum of the fact before it, and sets f.Sum (and f.V: the bytes are in the
// format this library writes).
func (f *Fact) appendSealed(b []byte, prev uint32) ([]byte, error) {
	start := len(b)
	b, err := f.appendBody(b)
	if err != nil {
		return nil, err
	}
	f.V, f.Sum = factFormat, checksum(prev, b[start:])
	return appendSum(b, f.Sum), nil
}

func appendSum(b []byte, sum uint32) []byte {
	return append(strconv.AppendUint(append(b, sumTag...), uint64(sum), 10), '}')
}

// appendBody appends the fact's JSON in the format this library writes
// (factFormat; see "The journal" in the package documentation) up to its
// sum: every field but the last, and no closing brace.
func (f *Fact) appendBody(b []byte) ([]byte, error) {
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, factFormat, 10)
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
	if b, err = f.appendData(b); err != nil {
		return nil, err
	}
	if b, err = f.appendResult(b); err != nil {
		return nil, err
	}
	if b, err = appendPostings(b, f.Postings); err != nil {
		return nil, err
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

// appendData appends the fact's data: in its compact form ("d") when its
// kind has one and the form holds every field the data sets, else as the
// JSON of its type ("data"). An advance to the fact's own day has no data.
func (f *Fact) appendData(b []byte) ([]byte, error) {
	if f.payload == nil {
		if len(f.Data) > 0 {
			b = append(append(b, `,"data":`...), f.Data...)
		}
		return b, nil
	}
	// Each case checks that the data sets no field but those its compact
	// form writes (see unset).
	switch f.Kind {
	case factAdvanced:
		if d, ok := f.payload.(advancedData); ok && unset(&d, advancedRest) {
			if d.To == f.On {
				return b, nil
			}
			b, err := d.To.AppendText(append(b, `,"d":{"to":"`...))
			return append(b, '"', '}'), err
		}
	case factAuthorized, factDeclined:
		if d, ok := f.payload.(authorizedData); ok && unset(&d, authorizedRest) && unset(&d.Request, requestRest) && unset(&d.Request.Merchant, merchantRest) {
			return d.appendCompact(append(b, `,"d":`...), f.On)
		}
	case factCaptured, factDelivered, factVoided, factRefundRequested, factRefundRequestClosed, factRefunded:
		if d, ok := f.payload.(purchaseData); ok && unset(&d, purchaseRest) {
			b = appendString(append(b, `,"d":{"p":`...), d.Purchase)
			var err error
			if !d.Amount.IsZero() { // left out, as format 1's omitzero leaves it out
				b, err = appendAmountString(append(b, `,"a":`...), d.Amount)
			}
			return append(b, '}'), err
		}
	case factPaid, factPaidOut, factLimit:
		if d, ok := f.payload.(amountData); ok && unset(&d, amountRest) {
			b, err := appendAmountString(append(b, `,"d":{"a":`...), d.Amount)
			return append(b, '}'), err
		}
	}
	b = append(b, `,"data":`...)
	return appendValue(b, f.payload)
}

// The fields of the data types with a compact form that the form does not
// write, by index: data that sets any of them is written in the long
// form. A field added to a type later is among them until its compact
// form learns it.
var (
	advancedRest   = fieldsBut[advancedData]("To")
	authorizedRest = fieldsBut[authorizedData]("Request", "Original", "Rate", "Promotion")
	requestRest    = fieldsBut[AuthRequest]("Purchase", "Amount", "Merchant", "Plan", "On", "Campaign")
	merchantRest   = fieldsBut[Merchant]("ID", "Enrolled", "Category", "FeeRate", "FundsInstallmentFees", "FeeShare")
	purchaseRest   = fieldsBut[purchaseData]("Purchase", "Amount")
	amountRest     = fieldsBut[amountData]("Amount")
)

// fieldsBut returns the indexes of the fields of struct type T but those
// named, each of which it must have.
func fieldsBut[T any](names ...string) []int {
	t := reflect.TypeFor[T]()
	for _, name := range names {
		if _, ok := t.FieldByName(name); !ok {
			panic("credit: " + t.Name() + " has no field " + name)
		}
	}
	var rest []int
	for i := range t.NumField() {
		if !slices.Contains(names, t.Field(i).Name) {
			rest = append(rest, i)
		}
	}
	return rest
}

// unset reports whether the fields of *d at indexes rest are all zero.
func unset[T any](d *T, rest []int) bool {
	if len(rest) == 0 {
		return true
	}
	v := reflect.ValueOf(d).Elem()
	for _, i := range rest {
		if !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// appendResult appends the fact's result: an authorization's decision in
// its compact form ("r"), any other result as the JSON of its type
// ("result").
func (f *Fact) appendResult(b []byte) ([]byte, error) {
	switch {
	case f.result != nil:
		if d, ok := f.result.(Decision); ok && (f.Kind == factAuthorized || f.Kind == factDeclined) {
			var amount *money.Amount
			if a, ok := f.payload.(authorizedData); ok {
				amount = &a.Request.Amount
			}
			return d.appendCompact(append(b, `,"r":`...), f.Kind, amount)
		}
		return appendValue(append(b, `,"result":`...), f.result)
	case len(f.Result) > 0:
		b = append(append(b, `,"result":`...), f.Result...)
	}
	return b, nil
}

// appendPostings appends postings: as pairs ("p") when they come in pairs
// that move two accounts by opposite amounts, as they always do, else one
// by one ("postings").
func appendPostings(b []byte, ps []Posting) ([]byte, error) {
	if len(ps) == 0 {
		return b, nil
	}
	var err error
	if paired(ps) {
		b = append(b, `,"p":[`...)
		for i := 0; i < len(ps); i += 2 {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(b, '['), ps[i].Account)
			b = appendString(append(b, ','), ps[i+1].Account)
			if b, err = appendAmountString(append(b, ','), ps[i].Amount); err != nil {
				return nil, err
			}
			b = append(b, ']')
		}
		return append(b, ']'), nil
	}
	b = append(b, `,"postings":[`...)
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(append(b, `{"account":`...), p.Account)
		if b, err = appendAmount(b, "amount", p.Amount, false); err != nil {
			return nil, err
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// paired reports whether postings come in pairs, each moving one account
// by an amount and the next by its opposite.
func paired(ps []Posting) bool {
	if len(ps)%2 != 0 {
		return false
	}
	for i := 0; i < len(ps); i += 2 {
		a, b := ps[i].Amount, ps[i+1].Amount
		if a.Currency() != b.Currency() || a.Units() == math.MinInt64 || b.Units() != -a.Units() {
			return false
		}
	}
	return true
}

// appendAmountString appends an amount as a JSON string of its text form,
// "CNY 259.00" (money.Amount.String, which money.Parse reads back; "0" for
// the zero Amount), which needs no escaping.
func appendAmountString(b []byte, a money.Amount) ([]byte, error) {
	b, err := a.AppendText(append(b, '"'))
	if err != nil {
		return nil, err
	}
	return append(b, '"'), nil
}

func (m Merchant) appendJSON(b []byte) []byte {
	b = appendString(append(b, `{"id":`...), m.ID)
	b = strconv.AppendBool(append(b, `,"enrolled":`...), m.Enrolled)
	b = appendString(append(b, `,"category":`...), m.Category)
	if m.FeeRate != "" {
		b = appendString(append(b, `,"fee_rate":`...), m.FeeRate)
	}
	b = strconv.AppendBool(append(b, `,"funds_installment_fees":`...), m.FundsInstallmentFees)
	if m.FeeShare != "" {
		b = appendString(append(b, `,"fee_share":`...), m.FeeShare)
	}
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
	b = append(b, '"')
	if r.Campaign != "" {
		b = appendString(append(b, `,"campaign":`...), r.Campaign)
	}
	b = append(b, '}')
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
	if !d.Promotion.IsZero() {
		j, err := json.Marshal(d.Promotion)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"promotion":`...), j...)
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

// appendCompact appends an authorization's compact form, the request's
// fields at the top, on the fact's day on: {"p":purchase,"a":amount,
// "m":{"id":..,"e":enrolled,"c":category,"f":fee_rate,"fi":funds,
// "fs":fee_share},"pl":plan,"cp":campaign,"on":day,"o":original,"x":rate,
// "pr":promotion}, leaving out false and empty fields, the day when it is
// the fact's and the original price when it is the amount. (The fields of
// promotions, "fs", "cp" and "pr", came later: a fact without them has
// the bytes it had before.)
func (d authorizedData) appendCompact(b []byte, on calendar.Date) ([]byte, error) {
	r, m := &d.Request, &d.Request.Merchant
	b = appendString(append(b, `{"p":`...), r.Purchase)
	b, err := appendAmountString(append(b, `,"a":`...), r.Amount)
	if err != nil {
		return nil, err
	}
	b = appendString(append(b, `,"m":{"id":`...), m.ID)
	if m.Enrolled {
		b = append(b, `,"e":true`...)
	}
	if m.Category != "" {
		b = appendString(append(b, `,"c":`...), m.Category)
	}
	if m.FeeRate != "" {
		b = appendString(append(b, `,"f":`...), m.FeeRate)
	}
	if m.FundsInstallmentFees {
		b = append(b, `,"fi":true`...)
	}
	if m.FeeShare != "" {
		b = appendString(append(b, `,"fs":`...), m.FeeShare)
	}
	b = append(b, '}')
	if r.Plan != "" {
		b = appendString(append(b, `,"pl":`...), r.Plan)
	}
	if r.Campaign != "" {
		b = appendString(append(b, `,"cp":`...), r.Campaign)
	}
	if r.On != on {
		if b, err = r.On.AppendText(append(b, `,"on":"`...)); err != nil {
			return nil, err
		}
		b = append(b, '"')
	}
	if d.Original != r.Amount {
		if b, err = appendAmountString(append(b, `,"o":`...), d.Original); err != nil {
			return nil, err
		}
	}
	if d.Rate != nil {
		j, err := json.Marshal(d.Rate)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"x":`...), j...)
	}
	if !d.Promotion.IsZero() {
		j, err := json.Marshal(d.Promotion)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"pr":`...), j...)
	}
	return append(b, '}'), nil
}

// appendCompact appends the compact form of the decision recorded in a
// fact of kind (authorized or declined) whose request was for amount (nil
// when not known): {"b":available_before,"af":available_after,"ok":approved,
// "reasons":[...]}, leaving out what the fact says already: whether it was
// approved (the kind says so) and what it left available (less the amount
// when approved, all of it when not). A reason's amounts are in their text
// form too.
func (d Decision) appendCompact(b []byte, kind string, amount *money.Amount) ([]byte, error) {
	b, err := appendAmountString(append(b, `{"b":`...), d.AvailableBefore)
	if err != nil {
		return nil, err
	}
	if after, ok := availableAfter(d.AvailableBefore, d.Approved, amount); !ok || after != d.AvailableAfter {
		if b, err = appendAmountString(append(b, `,"af":`...), d.AvailableAfter); err != nil {
			return nil, err
		}
	}
	if d.Approved != (kind == factAuthorized) {
		b = strconv.AppendBool(append(b, `,"ok":`...), d.Approved)
	}
	for i, r := range d.Reasons {
		if i == 0 {
			b = append(b, `,"reasons":[`...)
		} else {
			b = append(b, ',')
		}
		b = appendString(append(b, `{"code":`...), r.Code)
		b = appendString(append(b, `,"message":`...), r.Message)
		if !r.Limit.IsZero() {
			if b, err = appendAmountString(append(b, `,"limit":`...), r.Limit); err != nil {
				return nil, err
			}
		}
		if !r.Actual.IsZero() {
			if b, err = appendAmountString(append(b, `,"actual":`...), r.Actual); err != nil {
				return nil, err
			}
		}
		if r.MaxCount != 0 {
			b = strconv.AppendInt(append(b, `,"max_count":`...), int64(r.MaxCount), 10)
		}
		if r.Count != 0 {
			b = strconv.AppendInt(append(b, `,"count":`...), int64(r.Count), 10)
		}
		b = append(b, '}')
	}
	if len(d.Reasons) > 0 {
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// availableAfter is what a decision leaves available, as Decide works it
// out from what was available before: less the request's amount when it
// is approved, all of it when not. ok is false when it cannot say (an
// approval whose amount is not known, or in another currency).
func availableAfter(before money.Amount, approved bool, amount *money.Amount) (money.Amount, bool) {
	if !approved {
		return before, true
	}
	if amount == nil || amount.Currency() != before.Currency() || !before.Currency().IsValid() {
		return money.Amount{}, false
	}
	after, err := before.Sub(*amount)
	return after, err == nil
}

// A command's idempotency hash is the SHA-256 of a canonical binary form:
// the operation's name, then every field but At, each string and number
// length-prefixed or varint-coded, so that no two commands share a form and
// no command fails to have one. The operation is part of the form, so a
// key used to capture cannot replay as a refund of the same purchase; At
// is not, so a client that stamps each retry with the time it was sent
// still gets its first result (the command keeps the date it was first
// applied on).
//
// A fact records the hash's first 128 bits, in unpadded base64url (22
// characters): enough to tell apart any two commands a client could send
// under one key (it binds a key to its command, it is not a signature).
// Fact format 1 recorded the whole SHA-256 in hex (64 characters);
// sameHash compares a recorded hash of either form with a command's by
// those first 128 bits, so a key recorded before replays after.

// hashBytes is how much of the SHA-256 a fact records.
const hashBytes = 16

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

// promotion adds the fields of promotions, each tagged and only when set,
// at the end of an authorization's form (so that the hashes of commands
// from before promotions stay as they were).
func (c canon) promotion(feeShare, campaign string) canon {
	if feeShare != "" {
		c = c.str("fee_share").str(feeShare)
	}
	if campaign != "" {
		c = c.str("campaign").str(campaign)
	}
	return c
}

func (c canon) sum() string {
	sum := sha256.Sum256(c)
	var h [22]byte // base64.RawURLEncoding.EncodedLen(hashBytes)
	base64.RawURLEncoding.Encode(h[:], sum[:hashBytes])
	return string(h[:])
}

// sameHash reports whether recorded, the hash recorded with a key in a
// fact or snapshot of any format, is that of the command whose hash (as
// canon.sum writes it) is h: equal, or, for a hash recorded in hex by
// format 1, the same first 128 bits.
func sameHash(recorded, h string) bool {
	if len(recorded) != 2*sha256.Size || len(h) != base64.RawURLEncoding.EncodedLen(hashBytes) {
		return recorded == h
	}
	var sum [hashBytes]byte
	var text [2 * hashBytes]byte
	if _, err := base64.RawURLEncoding.Decode(sum[:], []byte(h)); err != nil {
		return false
	}
	hex.Encode(text[:], sum[:])
	return recorded[:len(text)] == string(text[:])
}

// hash returns the recorded hash of the authorization's canonical form
// (on the stack: the commonest command hashes without allocating a
// buffer).
func (cmd Authorize) hash() string {
	var buf [256]byte
	c := canon(buf[:0]).str("authorize").str(cmd.Key).str(cmd.Line).str(cmd.Purchase).merchant(cmd.Merchant)
	return c.amount(cmd.Amount).amount(cmd.Original).rate(cmd.Rate).str(cmd.Plan).promotion(cmd.Merchant.FeeShare, cmd.Campaign).sum()
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
