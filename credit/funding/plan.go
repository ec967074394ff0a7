package funding

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/justspend/justspend/internal/strictjson"
	"github.com/shopspring/decimal"
)

// DefaultPlatform is the platform's funder ID in a plan that names none.
const DefaultPlatform = "platform"

// MaxSharePlaces is the most decimal places a share may have.
const MaxSharePlaces = 9

// MaxIDBytes is the longest funder ID, in bytes (credit.MaxIDBytes).
const MaxIDBytes = 255

// DefaultMinPlatformShare is the smallest share of every amount the
// platform must fund when a plan does not set Plan.MinPlatformShare: 30%,
// China's rule for joint lending (see the package documentation).
func DefaultMinPlatformShare() decimal.Decimal { return decimal.New(3, -1) }

// Funder is one institution's share of a line.
type Funder struct {
	ID    string          `json:"id"`
	Share decimal.Decimal `json:"share"`
}

// Plan says who funds a line and in what shares.
//
// The zero Plan is the platform funding everything: one funder,
// DefaultPlatform, with a share of 1.
type Plan struct {
	// Name names the plan, for errors and the host's records.
	Name string `json:"name,omitempty"`
	// Platform is the ID of the funder that is the platform (the lender
	// of record that runs the line and keeps the merchant fees);
	// DefaultPlatform when empty. It must be one of Funders, when there
	// are any.
	Platform string `json:"platform,omitempty"`
	// Funders are the institutions funding the line, each with a share
	// greater than 0 of at most MaxSharePlaces decimal places, the
	// shares summing to exactly 1. None means the platform alone. The
	// order is the order of ties in the split (see Ledger).
	Funders []Funder `json:"funders,omitempty"`
	// MinPlatformShare is the smallest share the platform may have, from
	// 0 to 1; nil means DefaultMinPlatformShare, China's 30%. A market
	// without the rule sets it to 0.
	MinPlatformShare *decimal.Decimal `json:"min_platform_share,omitempty"`
}

// ErrInvalidPlan is what every *PlanError is (errors.Is).
var ErrInvalidPlan = errors.New("invalid funding plan")

// PlanError is a plan that does not validate: Field names the plan's
// field at fault, in its JSON form ("funders[1].share").
type PlanError struct {
	Plan   string
	Field  string
	Reason string
}

func (e *PlanError) Error() string {
	return "funding: plan " + strconv.Quote(e.Plan) + ": " + e.Field + ": " + e.Reason
}

// Is reports whether target is ErrInvalidPlan.
func (e *PlanError) Is(target error) bool { return target == ErrInvalidPlan }

// LoadPlan decodes a plan from JSON, strictly (unknown fields, keys given
// twice or in another case than the field's, anything after the plan, JSON
// that is not valid UTF-8), and validates it.
func LoadPlan(data []byte) (Plan, error) {
	var p Plan
	if err := strictjson.DecodeExact(data, &p); err != nil {
		return Plan{}, &PlanError{Field: "(json)", Reason: err.Error()}
	}
	if err := p.Validate(); err != nil {
		return Plan{}, err
	}
	return p, nil
}

// PlatformID is the platform's funder ID: Platform, or DefaultPlatform.
func (p *Plan) PlatformID() string {
	if p.Platform == "" {
		return DefaultPlatform
	}
	return p.Platform
}

// Shares returns the plan's funders as they split: Funders, or the
// platform alone with a share of 1.
func (p *Plan) Shares() []Funder {
	if len(p.Funders) == 0 {
		return []Funder{{ID: p.PlatformID(), Share: decimal.NewFromInt(1)}}
	}
	return append([]Funder(nil), p.Funders...)
}

// Validate checks a plan: funder IDs that are clean text without a colon
// (they name accounts, "funder:<id>:holder"), given once each; shares
// greater than 0, of at most MaxSharePlaces places, summing to exactly 1;
// a platform among the funders; a MinPlatformShare from 0 to 1; and the
// platform's share at least MinPlatformShare (by default 30%). A plan that
// does not is a *PlanError naming the field.
func (p *Plan) Validate() error {
	_, err := p.ratios()
	return err
}

// ratios validates the plan and returns its shares as integer ratios, in
// the order of Shares.
func (p *Plan) ratios() ([]int64, error) {
	bad := func(field, why string) ([]int64, error) {
		return nil, &PlanError{Plan: p.Name, Field: field, Reason: why}
	}
	if why := idProblem(p.PlatformID()); why != "" {
		return bad("platform", why)
	}
	min := DefaultMinPlatformShare()
	if p.MinPlatformShare != nil {
		min = *p.MinPlatformShare
		if min.IsNegative() || min.GreaterThan(decimal.NewFromInt(1)) {
			return bad("min_platform_share", "must be from 0 to 1, not "+min.String())
		}
	}
	funders := p.Shares()
	places := int32(0)
	platform := -1
	for i, f := range funders {
		field := "funders[" + strconv.Itoa(i) + "]"
		if why := idProblem(f.ID); why != "" {
			return bad(field+".id", why)
		}
		for _, g := range funders[:i] {
			if g.ID == f.ID {
				return bad(field+".id", "funder "+strconv.Quote(f.ID)+" is given twice")
			}
		}
		if !f.Share.IsPositive() || f.Share.GreaterThan(decimal.NewFromInt(1)) {
			return bad(field+".share", "must be greater than 0 and at most 1, not "+f.Share.String())
		}
		if e := -f.Share.Exponent(); e > places {
			places = e
		}
		if f.ID == p.PlatformID() {
			platform = i
		}
	}
	if places > MaxSharePlaces {
		return bad("funders", "shares have at most "+strconv.Itoa(MaxSharePlaces)+" decimal places")
	}
	if platform < 0 {
		return bad("platform", "the platform "+strconv.Quote(p.PlatformID())+" is not among the funders")
	}
	sum := decimal.Zero
	ratios := make([]int64, len(funders))
	for i, f := range funders {
		sum = sum.Add(f.Share)
		ratios[i] = f.Share.Shift(places).IntPart()
	}
	if !sum.Equal(decimal.NewFromInt(1)) {
		return bad("funders", "the shares must sum to exactly 1, not "+sum.String())
	}
	if s := funders[platform].Share; s.LessThan(min) {
		return bad("funders["+strconv.Itoa(platform)+"].share", "the platform funds "+s.String()+", less than the minimum share of "+min.String()+
			" (min_platform_share; by default China's 30% for joint lending)")
	}
	return ratios, nil
}

// idProblem says why id is not a funder ID, or "".
func idProblem(id string) string {
	switch {
	case id == "":
		return "missing"
	case len(id) > MaxIDBytes:
		return "longer than " + strconv.Itoa(MaxIDBytes) + " bytes"
	case !utf8.ValidString(id):
		return "not valid UTF-8"
	case strings.ContainsFunc(id, unicode.IsControl):
		return "holds a control character"
	case strings.Contains(id, ":"):
		return "holds a colon (funder IDs name accounts, funder:<id>:<account>)"
	}
	return ""
}
