package credit_test

import (
	"errors"
	"testing"

	"github.com/justspend/justspend/credit"
)

// The hardship commands decode strictly, as the others do.
func TestDecodeHardshipCommands(t *testing.T) {
	var def credit.Deferral
	if err := credit.DecodeCommand([]byte(`{"key":"k","line":"L","days":30,"at":"2020-03-08T10:00:00+08:00"}`), &def); err != nil || def.Days != 30 || def.Line != "L" || def.At.IsZero() {
		t.Errorf("deferral: %+v, %v", def, err)
	}
	var res credit.Rescheduling
	if err := credit.DecodeCommand([]byte(`{"key":"k","line":"L","purchase":"p","plan":"12-month"}`), &res); err != nil || res.Purchase != "p" || res.Plan != "12-month" {
		t.Errorf("rescheduling: %+v, %v", res, err)
	}
	var re credit.Reaging
	if err := credit.DecodeCommand([]byte(`{"key":"k","line":"L"}`), &re); err != nil || re.Key != "k" || re.Line != "L" {
		t.Errorf("reaging: %+v, %v", re, err)
	}
	for _, c := range []struct {
		cmd   any
		doc   string
		field string
	}{
		{&credit.Deferral{}, `{"key":"k","line":"L","days":"30"}`, "days"},
		{&credit.Deferral{}, `{"key":"k","line":"L","days":30,"fee":1}`, "fee"},
		{&credit.Rescheduling{}, `{"key":"k","line":"L","purchase":7}`, "purchase"},
		{&credit.Rescheduling{}, `{"key":"k","line":"L","Plan":"12-month"}`, "Plan"},
		{&credit.Reaging{}, `{"key":"k","line":"L","days":3}`, "days"},
		{&credit.Reaging{}, `{"key":"k","line":["L"]}`, "line"},
		{&credit.Reaging{}, `{"key":"k","key":"l"}`, "key"},
	} {
		err := credit.DecodeCommand([]byte(c.doc), c.cmd)
		var ce *credit.CommandError
		if !errors.As(err, &ce) || ce.Code != credit.CodeBadJSON || ce.Field != c.field {
			t.Errorf("%s: %v; want bad_json on %q", c.doc, err, c.field)
		}
	}
	kept := credit.Reaging{Key: "keep"}
	if err := credit.DecodeCommand([]byte(`{"key":"k","line":"L","x":1}`), &kept); err == nil || kept.Key != "keep" {
		t.Errorf("a bad document changed the command: %+v", kept)
	}
}
