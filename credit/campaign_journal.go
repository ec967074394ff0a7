package credit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
)

// The campaign's journal: its grants and releases, hash-chained as a
// line's facts are, kept in the Engine's Store under an ID no line can
// have (line IDs are clean text, without control characters).

const (
	campaignGranted  = "granted"
	campaignReleased = "released"
	campaignFormat   = 1
)

// campaignJournal is the Store ID of campaign name's journal. The unit
// separator (0x1F) that opens it is a control character, which no line ID
// has; a text column of any SQL database holds it (PostgreSQL's refuses
// only NUL).
func campaignJournal(name string) string { return "\x1fcampaign\x1f" + name }

// campaignFact is one record of a campaign's journal: a grant to the
// authorization of Key on Line (the command whose hash is Hash) for
// Purchase, or its release.
type campaignFact struct {
	V    int    `json:"v"`
	Kind string `json:"kind"`
	Line string `json:"line"`
	// The authorization's key and command hash, under names of their own:
	// a store may index the "key" of a line's facts (one use a line).
	Key      string `json:"auth_key"`
	Hash     string `json:"auth_hash,omitempty"`
	Purchase string `json:"purchase,omitempty"`
	Amount   string `json:"amount"` // money.Amount's text form, "CNY 13.20"
}

type grantKey struct{ line, key string }

type grant struct {
	hash, purchase string
	amount         money.Amount
}

// campaignBook is a campaign's journal as this Engine last read it.
type campaignBook struct {
	mu                sync.Mutex
	name, id          string
	version           int64
	sum               uint32
	cur               money.Currency
	granted, released int64
	live              map[grantKey]grant
	perLine           map[string]int
}

// book returns the Engine's book of campaign name.
func (e *Engine) book(name string) *campaignBook {
	e.campaignMu.Lock()
	defer e.campaignMu.Unlock()
	if e.campaignBooks == nil {
		e.campaignBooks = map[string]*campaignBook{}
	}
	b := e.campaignBooks[name]
	if b == nil {
		id := campaignJournal(name)
		b = &campaignBook{name: name, id: id, sum: rootSum(id), live: map[grantKey]grant{}, perLine: map[string]int{}}
		e.campaignBooks[name] = b
	}
	return b
}

// catchUp reads the records appended since the book's version. b.mu is
// held.
func (b *campaignBook) catchUp(ctx context.Context, s Store) error {
	recs, err := s.Load(ctx, b.id, b.version)
	if errors.Is(err, ErrNotFound) && b.version == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	for _, rec := range recs {
		sum, err := checkRecord(b.id, b.version+1, b.sum, rec)
		if err != nil {
			return err
		}
		var f campaignFact
		if err := json.Unmarshal(rec.Data, &f); err != nil {
			return &CorruptError{Line: b.id, Version: b.version + 1, Reason: "the campaign's record does not decode", Err: err}
		}
		if err := b.apply(f); err != nil {
			return &CorruptError{Line: b.id, Version: b.version + 1, Reason: err.Error()}
		}
		b.version, b.sum = b.version+1, sum
	}
	return nil
}

// apply folds one fact into the book.
func (b *campaignBook) apply(f campaignFact) error {
	if f.V != campaignFormat {
		return fmt.Errorf("a campaign record of format %d", f.V)
	}
	a, err := money.Parse(f.Amount)
	if err != nil || !a.IsPositive() || b.cur != 0 && a.Currency() != b.cur {
		return fmt.Errorf("a campaign record of amount %q", f.Amount)
	}
	k := grantKey{f.Line, f.Key}
	g, held := b.live[k]
	switch f.Kind {
	case campaignGranted:
		if held {
			return errors.New("a second grant to one authorization")
		}
		if b.granted-b.released+a.Units() < b.granted-b.released { // overflow
			return money.ErrOverflow
		}
		b.live[k] = grant{hash: f.Hash, purchase: f.Purchase, amount: a}
		b.perLine[f.Line]++
		b.granted += a.Units()
	case campaignReleased:
		if !held || g.amount != a {
			return errors.New("a release of no grant held")
		}
		delete(b.live, k)
		if b.perLine[f.Line]--; b.perLine[f.Line] == 0 {
			delete(b.perLine, f.Line)
		}
		b.released += a.Units()
	default:
		return fmt.Errorf("a campaign record of kind %q", f.Kind)
	}
	b.cur = a.Currency()
	return nil
}

// append appends f at the book's version and folds it in; ErrConflict
// when the journal moved on. b.mu is held.
func (b *campaignBook) append(ctx context.Context, s Store, f campaignFact) error {
	f.V = campaignFormat
	body, err := json.Marshal(f)
	if err != nil {
		return err
	}
	body = body[:len(body)-1] // the sum closes it
	sum := checksum(b.sum, body)
	data := appendSum(body, sum)
	if err := s.Append(ctx, b.id, b.version, []Record{{Version: b.version + 1, Data: data}}); err != nil {
		return err
	}
	if err := b.apply(f); err != nil {
		return err
	}
	b.version, b.sum = b.version+1, sum
	return nil
}

// campaignAttempts is how many times a grant is tried against other
// Engines appending to the same campaign.
const campaignAttempts = 64

// errCampaignSpent and errCampaignUsed are a grant refused for the budget
// and for the line's uses.
var (
	errCampaignSpent = errors.New("campaign spent")
	errCampaignUsed  = errors.New("campaign used")
)

// grant grants promo.Grant to the authorization of key on line (whose
// command hashes to hash) for purchase, once: a grant held for the same
// authorization is returned as it is.
func (e *Engine) grant(ctx context.Context, c *Campaign, line, key, hash, purchase string, amount money.Amount) error {
	b := e.book(c.Name)
	b.mu.Lock()
	defer b.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if err := b.catchUp(ctx, e.store); err != nil {
			return err
		}
		if g, ok := b.live[grantKey{line, key}]; ok {
			if g.hash != hash || g.purchase != purchase || g.amount != amount {
				return &IdempotencyError{Key: key, Op: "authorize"}
			}
			return nil // granted to this authorization before (a retry)
		}
		if c.PerLine > 0 && b.perLine[line] >= c.PerLine {
			return errCampaignUsed
		}
		if b.granted-b.released+amount.Units() > c.Budget.Units() {
			return errCampaignSpent
		}
		err := b.append(ctx, e.store, campaignFact{Kind: campaignGranted, Line: line, Key: key, Hash: hash, Purchase: purchase, Amount: amount.String()})
		if errors.Is(err, ErrConflict) && attempt < campaignAttempts {
			continue
		}
		return err
	}
}

// campaignRoom reports, without granting, whether the campaign's budget
// and line's uses leave room for amount (Quote).
func (e *Engine) campaignRoom(ctx context.Context, c *Campaign, line string, amount money.Amount) error {
	b := e.book(c.Name)
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.catchUp(ctx, e.store); err != nil {
		return err
	}
	if c.PerLine > 0 && b.perLine[line] >= c.PerLine {
		return errCampaignUsed
	}
	if b.granted-b.released+amount.Units() > c.Budget.Units() {
		return errCampaignSpent
	}
	return nil
}

// campaignReason turns a grant refused into the reason of a decline.
func campaignReason(c *Campaign, err error, amount money.Amount) Reason {
	if errors.Is(err, errCampaignUsed) {
		return Reason{Code: CodeCampaignNotEligible, Message: "the line has used the coupon as many times as the campaign allows",
			MaxCount: c.PerLine, Count: c.PerLine + 1}
	}
	return Reason{Code: CodeCampaignSpent, Message: "the campaign's budget is spent", Actual: amount}
}

// declineWith declines d for reason r.
func declineWith(d *Decision, r Reason) {
	d.Reasons = append(d.Reasons, r)
	d.Approved, d.AvailableAfter = false, d.AvailableBefore
}

// applyCoupon applies the coupon of data.Request.Campaign to an
// authorization decided as dec on line l on day on, dated dated (the
// authorization of key, whose command hashes to hash): if it applies and
// the authorization is approved, it grants the platform's part from the campaign's budget and
// sets data.Promotion; if it does not, it declines dec with the reason.
// The grant is made last, once the line is known to take the
// authorization: a refused command grants nothing.
func (e *Engine) applyCoupon(ctx context.Context, l *Line, p *compiled, on, dated calendar.Date, key, hash string, dec *Decision, data *authorizedData) error {
	promo, why := p.terms(data.Request.Campaign, &data.Request, on, dated)
	if why != nil {
		declineWith(dec, *why)
		return nil
	}
	if !dec.Approved {
		return nil
	}
	data.Promotion = promo
	f, err := newFact(factAuthorized, on, *data)
	if err != nil {
		return err
	}
	if _, err := l.apply(p, f); err != nil {
		return nil // the Engine refuses the authorization as it refuses any fact the line cannot take
	}
	c := &p.Campaigns[p.campaign(promo.Campaign)]
	err = e.grant(ctx, c, l.ID, key, hash, data.Request.Purchase, promo.Grant)
	if errors.Is(err, errCampaignSpent) || errors.Is(err, errCampaignUsed) {
		data.Promotion = Promotion{}
		declineWith(dec, campaignReason(c, err, promo.Grant))
		return nil
	}
	return err
}

// quoteCoupon is applyCoupon without granting (Quote).
func (e *Engine) quoteCoupon(ctx context.Context, l *Line, p *compiled, on, dated calendar.Date, dec *Decision, req *AuthRequest) error {
	promo, why := p.terms(req.Campaign, req, on, dated)
	if why != nil {
		declineWith(dec, *why)
		return nil
	}
	if !dec.Approved {
		return nil
	}
	c := &p.Campaigns[p.campaign(promo.Campaign)]
	err := e.campaignRoom(ctx, c, l.ID, promo.Grant)
	if errors.Is(err, errCampaignSpent) || errors.Is(err, errCampaignUsed) {
		declineWith(dec, campaignReason(c, err, promo.Grant))
		return nil
	}
	return err
}

// Campaign returns campaign name's budget and what its journal says is
// granted, released and left. An unknown campaign is a *CommandError of
// code campaign_not_found.
func (e *Engine) Campaign(ctx context.Context, name string) (CampaignState, error) {
	const op = "campaign"
	if err := idError(op, "campaign", name, true, CodeMissingID); err != nil {
		return CampaignState{}, err
	}
	c, ok := e.findCampaign(name)
	if !ok {
		return CampaignState{}, &CommandError{Op: op, Code: CodeCampaignNotFound, Field: "campaign", Reason: "no campaign " + strconv.Quote(name), Err: ErrNotFound}
	}
	b := e.book(name)
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.catchUp(ctx, e.store); err != nil {
		return CampaignState{}, err
	}
	cur := c.Budget.Currency()
	spent := b.granted - b.released
	return CampaignState{Name: name, Budget: c.Budget, Granted: money.FromMinor(b.granted, cur), Released: money.FromMinor(b.released, cur),
		Spent: money.FromMinor(spent, cur), Remaining: money.FromMinor(c.Budget.Units()-spent, cur), Grants: len(b.live), Version: b.version}, nil
}

// ReleaseGrants gives back to campaign name's budget the grants held for
// authorizations on line that did not take them: those whose key the line
// has bound to another command, or to a declined authorization. It
// returns what it released. A grant whose key the line has not bound is
// kept: its authorization may yet commit (a retry under the same key
// takes it again). An authorization that did not commit after its grant
// (a crash, a store failure) leaves the budget under-used until its key
// is bound, never over-spent; Authorize releases such a grant itself
// when a retry of it is declined.
func (e *Engine) ReleaseGrants(ctx context.Context, name, line string) (money.Amount, error) {
	const op = "release_grants"
	if err := firstError(idError(op, "campaign", name, true, CodeMissingID), idError(op, "line", line, true, CodeMissingID)); err != nil {
		return money.Amount{}, err
	}
	c, ok := e.findCampaign(name)
	if !ok {
		return money.Amount{}, &CommandError{Op: op, Code: CodeCampaignNotFound, Field: "campaign", Reason: "no campaign " + strconv.Quote(name), Err: ErrNotFound}
	}
	return e.releaseUnused(ctx, &c, line, "", "")
}

// releaseUnused releases campaign c's grants held for authorizations on
// line (of key only, when key is not empty) whose key the line has bound
// to anything but the authorization approved with the grant. refused,
// when not empty, is the hash of the authorization of key that the line
// as stored has just refused: its grant is released though the key is
// not bound (a refused command binds no key, and changes nothing).
func (e *Engine) releaseUnused(ctx context.Context, c *Campaign, line, key, refused string) (money.Amount, error) {
	b := e.book(c.Name)
	b.mu.Lock()
	defer b.mu.Unlock()
	released := money.Zero(c.Budget.Currency())
	if err := b.catchUp(ctx, e.store); err != nil {
		return released, err
	}
	var keys []string
	for k := range b.live {
		if k.line == line && (key == "" || k.key == key) {
			keys = append(keys, k.key)
		}
	}
	if len(keys) == 0 {
		return released, nil
	}
	slices.Sort(keys)
	lo, err := e.load(ctx, line)
	if err != nil {
		return released, err
	}
	for _, k := range keys {
		use, bound, err := e.keyUse(ctx, lo.c, line, k)
		if err != nil {
			return released, err
		}
		g := b.live[grantKey{line, k}]
		if !bound && (refused == "" || g.hash != refused) || bound && sameHash(use.Hash, g.hash) && approvedUse(use) {
			continue // may yet commit, or took the grant
		}
		for attempt := 0; ; attempt++ {
			err = b.append(ctx, e.store, campaignFact{Kind: campaignReleased, Line: line, Key: k, Amount: g.amount.String()})
			if err == nil {
				released = money.FromMinor(released.Units()+g.amount.Units(), released.Currency())
				break
			}
			if !errors.Is(err, ErrConflict) || attempt >= campaignAttempts {
				return released, err
			}
			if err = b.catchUp(ctx, e.store); err != nil {
				return released, err
			}
			if cur, ok := b.live[grantKey{line, k}]; !ok || cur != g {
				break // released by another Engine meanwhile
			}
		}
	}
	return released, nil
}

// approvedUse reports whether a key's use is an approved authorization.
func approvedUse(use keyUse) bool {
	if d, ok := use.value.(Decision); ok {
		return d.Approved
	}
	var d Decision
	return len(use.Result) > 0 && json.Unmarshal(use.Result, &d) == nil && d.Approved
}
