package main

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/justspend/justspend/credit"
)

const (
	// keyHeader carries every POST's idempotency key.
	keyHeader = "Idempotency-Key"
	// captureSuffix makes the key of a checkout's capture from its
	// header's key (the authorization takes the key itself). Keys that
	// end with it are the server's.
	captureSuffix = "#capture"
	// maxBody is the largest request body read.
	maxBody = 64 << 10
)

// idempotencyKey returns the request's Idempotency-Key. The Engine checks
// that it is clean text.
func idempotencyKey(r *http.Request) (string, error) {
	bad := func(code, msg string) error {
		return &apiError{Status: http.StatusBadRequest, Code: code, Field: keyHeader, Message: msg}
	}
	values := r.Header.Values(keyHeader)
	switch {
	case len(values) == 0 || values[0] == "":
		return "", bad("missing_idempotency_key", "every POST needs an "+keyHeader+" header: one new key per action, the same key when retrying it")
	case len(values) > 1:
		return "", bad("bad_idempotency_key", "give one "+keyHeader+" header, not "+strconv.Itoa(len(values)))
	case strings.HasSuffix(values[0], captureSuffix):
		return "", bad("bad_idempotency_key", "keys ending in "+strconv.Quote(captureSuffix)+" are the server's")
	case len(values[0])+len(captureSuffix) > credit.MaxIDBytes:
		return "", bad("bad_idempotency_key", "a key is at most "+strconv.Itoa(credit.MaxIDBytes-len(captureSuffix))+" bytes")
	}
	return values[0], nil
}

// readBody reads the request's body, at most maxBody bytes. An empty
// body is an error unless optional.
func readBody(r *http.Request, optional bool) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	switch {
	case err != nil:
		return nil, &apiError{Status: http.StatusBadRequest, Code: "bad_body", Message: "reading the body: " + err.Error()}
	case len(body) > maxBody:
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "body_too_large", Message: "a body is at most " + strconv.Itoa(maxBody) + " bytes"}
	case len(bytes.TrimSpace(body)) == 0 && !optional:
		return nil, &apiError{Status: http.StatusBadRequest, Code: "bad_json", Message: "the body is empty: send the command as JSON"}
	}
	return body, nil
}

// decodeCommand decodes the request's body into cmd, one of the credit
// command types, with the library's strict decoder (credit.DecodeCommand:
// unknown fields, trailing data, keys given twice are bad_json). An empty
// body is {} when optional.
func decodeCommand(r *http.Request, cmd any, optional bool) error {
	body, err := readBody(r, optional)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	return credit.DecodeCommand(body, cmd)
}

// fromPath sets a command's field, as decoded from the body, to want: the
// header's key or a path value. The body may leave the field out or repeat
// the same value; anything else is a 400, because the body would then
// name another line or purchase than the URL, or carry a key the header
// does not.
func fromPath(field string, dst *string, want string) error {
	if *dst != "" && *dst != want {
		where := "the path has " + strconv.Quote(want)
		if field == "key" {
			where = "the key goes in the " + keyHeader + " header"
		}
		return &apiError{Status: http.StatusBadRequest, Code: "body_contradicts_request", Field: field,
			Message: "the body's " + field + " is " + strconv.Quote(*dst) + ": " + where}
	}
	*dst = want
	return nil
}

// keyAndLine sets a command's key to key, the header's, and its line to
// the path's.
func keyAndLine(r *http.Request, key string, cmdKey, cmdLine *string) error {
	if err := fromPath("key", cmdKey, key); err != nil {
		return err
	}
	return fromPath("line", cmdLine, r.PathValue("line"))
}
