// Package strictjson decodes exactly one JSON value, refusing unknown
// fields and anything after the value: the strict decoding that money's
// JSON forms, credit's products and credit's commands share.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// ErrTrailingData reports something after the one JSON value.
var ErrTrailingData = errors.New("data after the JSON value")

// Decode decodes data into v strictly.
func Decode(data []byte, v any) error {
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
