// Package strictjson decodes exactly one JSON value, refusing unknown
// fields and anything after the value: the strict decoding that money's
// JSON forms, credit's products and credit's commands share.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf8"
)

// ErrTrailingData reports something after the one JSON value.
var ErrTrailingData = errors.New("data after the JSON value")

// ErrInvalidUTF8 reports JSON that is not valid UTF-8 (RFC 8259 requires
// it). encoding/json would quietly turn each bad byte into U+FFFD, so that
// two different inputs decode to one value.
var ErrInvalidUTF8 = errors.New("JSON that is not valid UTF-8")

// Decode decodes data into v strictly.
func Decode(data []byte, v any) error {
	if !utf8.Valid(data) {
		return ErrInvalidUTF8
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return ErrTrailingData
	}
	return nil
}
