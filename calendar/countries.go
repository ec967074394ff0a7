package calendar

import (
	"errors"
	"slices"
	"strconv"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cy"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/ee"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fi"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/gr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/hu"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/is"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/ke"
	"github.com/rickar/cal/v2/lt"
	"github.com/rickar/cal/v2/lu"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/mt"
	"github.com/rickar/cal/v2/mw"
	"github.com/rickar/cal/v2/mx"
	"github.com/rickar/cal/v2/nc"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/pt"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/rs"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/th"
	"github.com/rickar/cal/v2/ua"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"
)

// ErrUnknownCalendar is matched by the error Country returns for a name it
// does not know.
var ErrUnknownCalendar = errors.New("unknown calendar")

// UnknownCalendarError names a calendar Country does not know. It matches
// ErrUnknownCalendar.
type UnknownCalendarError struct{ Name string }

func (e *UnknownCalendarError) Error() string {
	return "calendar: " + strconv.Quote(e.Name) + ": " + ErrUnknownCalendar.Error() + " (known: CN and the rickar/cal countries, see Countries)"
}

// Is reports whether target is ErrUnknownCalendar.
func (e *UnknownCalendarError) Is(target error) bool { return target == ErrUnknownCalendar }

// Country returns the business calendar of a country by its ISO 3166-1
// alpha-2 code: "CN" is mainland China from the State Council's notices and
// the projection beyond them (ChinaProjected); every other code in
// Countries is a rickar/cal v2 country package's national holidays
// (weekends off, holidays observed as that package observes them) wrapped
// in Rickar, which computes holidays by rule and so covers every date.
// Regional holidays (a German Land, an Australian state) are not included:
// build those with Rickar. Each call returns a new calendar; none is shared.
func Country(code string) (WorkingDays, error) {
	if code == "CN" {
		return ChinaProjected()
	}
	hs := holidaysOf(code)
	if hs == nil {
		return nil, &UnknownCalendarError{Name: code}
	}
	c := cal.NewBusinessCalendar()
	c.AddHoliday(hs...)
	return Rickar{Name: code, Calendar: c}, nil
}

// Countries returns the codes Country knows, sorted.
func Countries() []string {
	return slices.Sorted(slices.Values([]string{"CN", "AR", "AT", "BE", "BG", "BR", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IS", "IT", "JP", "KE", "LT", "LU", "LV", "MT", "MW", "MX", "NC", "NL", "NO", "NZ", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "TH", "UA", "US", "ZA"}))
}

// holidaysOf returns a rickar/cal country's national holidays, or nil.
func holidaysOf(code string) []*cal.Holiday {
	switch code {
	case "AR":
		return ar.Holidays
	case "AT":
		return at.Holidays
	case "BE":
		return be.Holidays
	case "BG":
		return bg.Holidays
	case "BR":
		return br.Holidays
	case "CA":
		return ca.Holidays
	case "CH":
		return ch.Holidays
	case "CY":
		return cy.Holidays
	case "CZ":
		return cz.Holidays
	case "DE":
		return de.Holidays
	case "DK":
		return dk.Holidays
	case "EE":
		return ee.Holidays
	case "ES":
		return es.Holidays
	case "FI":
		return fi.Holidays
	case "FR":
		return fr.Holidays
	case "GB":
		return gb.Holidays
	case "GR":
		return gr.Holidays
	case "HR":
		return hr.Holidays
	case "HU":
		return hu.Holidays
	case "IE":
		return ie.Holidays
	case "IS":
		return is.Holidays
	case "IT":
		return it.Holidays
	case "JP":
		return jp.Holidays
	case "KE":
		return ke.Holidays
	case "LT":
		return lt.Holidays
	case "LU":
		return lu.Holidays
	case "LV":
		return lv.Holidays
	case "MT":
		return mt.Holidays
	case "MW":
		return mw.Holidays
	case "MX":
		return mx.Holidays
	case "NC":
		return nc.Holidays
	case "NL":
		return nl.Holidays
	case "NO":
		return no.Holidays
	case "NZ":
		return nz.Holidays
	case "PL":
		return pl.Holidays
	case "PT":
		return pt.Holidays
	case "RO":
		return ro.Holidays
	case "RS":
		return rs.Holidays
	case "RU":
		return ru.Holidays
	case "SE":
		return se.Holidays
	case "SI":
		return si.Holidays
	case "SK":
		return sk.Holidays
	case "TH":
		return th.Holidays
	case "UA":
		return ua.Holidays
	case "US":
		return us.Holidays
	case "ZA":
		return za.Holidays
	}
	return nil
}
