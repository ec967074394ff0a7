package credit

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestPresetsValidateAndRoundTrip(t *testing.T) {
	for _, p := range Presets() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		back, err := LoadProduct(b)
		if err != nil {
			t.Fatalf("%s: LoadProduct: %v\n%s", p.Name, err, b)
		}
		if diff := cmp.Diff(p, back, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("%s: JSON round trip differs:\n%s", p.Name, diff)
		}
	}
}

func TestProductErrors(t *testing.T) {
	tests := []struct {
		field  string
		mutate func(*Product)
	}{
		{"name", func(p *Product) { p.Name = "" }},
		{"zone", func(p *Product) { p.Zone = "Mars/Olympus_Mons" }},
		{"calendar", func(p *Product) { p.Calendar = "C\x00N" }},
		{"uncovered", func(p *Product) { p.Uncovered = 3 }},
		{"max_limit", func(p *Product) { p.MaxLimit = usd(100) }},
		{"min_limit", func(p *Product) { p.MinLimit = cny(99999999) }},
		{"purchase.min", func(p *Product) { p.Purchase.Min = ptr(cny(0)) }},
		{"hold_days", func(p *Product) { p.HoldDays = 0 }},
		{"billing", func(p *Product) { p.Billing.Cycle.StatementDay = 31 }},
		{"installments[0]", func(p *Product) { p.Installments[0].Periods = 0 }},
		{"merchant_fee_rate", func(p *Product) { p.MerchantFeeRate = decimal.NewFromInt(2) }},
		{"due_day_options[0]", func(p *Product) { p.DueDayOptions[0].DueDay = 31 }},
	}
	for _, tt := range tests {
		p := Huabei()
		tt.mutate(&p)
		err := p.Validate()
		var pe *ProductError
		if !errors.Is(err, ErrInvalidProduct) || !errors.As(err, &pe) || pe.Field != tt.field {
			t.Errorf("%s: error = %v", tt.field, err)
		}
	}
	for _, bad := range []string{`{`, `{"name":"x","bogus":1}`, `{"name":"x"}`} {
		if _, err := LoadProduct([]byte(bad)); !errors.Is(err, ErrInvalidProduct) {
			t.Errorf("LoadProduct(%s) = %v", bad, err)
		}
	}
}
