package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrDuplicateKey reports an object that names a key twice: encoding/json
// keeps the last, so a gateway that checked the first sees another value
// than the decoder.
var ErrDuplicateKey = errors.New("a key given twice")

// ErrKeyCase reports a key that matches a field only in another case:
// encoding/json matches keys without regard to case.
var ErrKeyCase = errors.New("a key in another case than the field's")

// ErrLoneSurrogate reports a string escape of half a UTF-16 surrogate pair
// ("\ud800" alone), which encoding/json turns into U+FFFD, so that two
// different strings decode to one.
var ErrLoneSurrogate = errors.New("an escaped lone surrogate")

// DecodeExact decodes data into v as Decode does, and also refuses what
// would let two different documents decode to the same value, or one
// document mean different things to different readers: a key given twice
// in an object, a key that matches a field only in another case, and an
// escaped lone surrogate. It is for input from outside (commands from the
// network, products from files), not for the library's own journal.
func DecodeExact(data []byte, v any) error {
	if err := Decode(data, v); err != nil {
		return err
	}
	if err := checkTokens(data); err != nil {
		return err
	}
	// Keys in another case: every key of the input that matches a key of
	// the value written back, ignoring case, must match it exactly. (A key
	// the value does not write back, such as an empty field left out, has
	// no match and is fine: Decode refused unknown fields already.)
	back, err := json.Marshal(v)
	if err != nil {
		return nil // nothing to compare with; Decode accepted it
	}
	var in, out any
	if json.Unmarshal(data, &in) != nil || json.Unmarshal(back, &out) != nil {
		return nil
	}
	return sameKeys(in, out, "")
}

// checkTokens walks the document's tokens, refusing duplicate keys and
// lone surrogates.
func checkTokens(data []byte) error {
	if err := checkSurrogates(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		expect bool   // the next string token in an object is a key
		path   string // where the object or array is
		key    string // the key whose value comes next, in an object
	}
	var stack []frame
	here := func() string { // the path of a value opening now
		if n := len(stack); n > 0 {
			if stack[n-1].object {
				return join(stack[n-1].path, stack[n-1].key)
			}
			return stack[n-1].path
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end (Decode has checked the syntax)
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, keys: map[string]bool{}, expect: true, path: here()})
				continue
			case '[':
				stack = append(stack, frame{path: here()})
				continue
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expect {
				if stack[n-1].keys[t] {
					return &KeyError{Err: ErrDuplicateKey, Path: join(stack[n-1].path, t)}
				}
				stack[n-1].keys[t] = true
				stack[n-1].expect, stack[n-1].key = false, t
				continue
			}
		}
		// A value ended: in an object, a key comes next.
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].expect = true
		}
	}
}

// checkSurrogates refuses an escaped high surrogate not followed by an
// escaped low one, and an escaped low surrogate on its own.
func checkSurrogates(data []byte) error {
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !inString {
			if c == '"' {
				inString = true
			}
			continue
		}
		switch c {
		case '"':
			inString = false
		case '\\':
			if i+1 >= len(data) {
				return nil
			}
			if data[i+1] != 'u' {
				i++ // the escaped character
				continue
			}
			r, ok := hex4(data, i+2)
			if !ok {
				return nil // Decode has refused it
			}
			switch {
			case r >= 0xd800 && r < 0xdc00:
				lo, ok := hex4(data, i+8)
				if !ok || data[i+6] != '\\' || data[i+7] != 'u' || lo < 0xdc00 || lo >= 0xe000 {
					return ErrLoneSurrogate
				}
				i += 11
			case r >= 0xdc00 && r < 0xe000:
				return ErrLoneSurrogate
			default:
				i += 5
			}
		}
	}
	return nil
}

// hex4 reads four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) || i < 0 {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// sameKeys checks that every key of in that matches a key of out without
// regard to case matches it exactly, at every depth.
func sameKeys(in, out any, path string) error {
	switch a := in.(type) {
	case map[string]any:
		b, ok := out.(map[string]any)
		if !ok {
			return nil
		}
		for k, v := range a {
			if w, ok := b[k]; ok {
				if err := sameKeys(v, w, path+"."+k); err != nil {
					return err
				}
				continue
			}
			for k2 := range b {
				if strings.EqualFold(k, k2) {
					return &KeyError{Err: ErrKeyCase, Path: join(strings.TrimPrefix(path, "."), k), Want: k2}
				}
			}
		}
	case []any:
		b, ok := out.([]any)
		if !ok || len(a) != len(b) {
			return nil
		}
		for i := range a {
			if err := sameKeys(a[i], b[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// KeyError is a key refused where it stands: Path is the dotted path of
// keys to it ("merchant.ID"); Want, for a key in another case, the key
// the field has. It matches its Err (ErrDuplicateKey or ErrKeyCase).
type KeyError struct {
	Err  error
	Path string
	Want string
}

func (e *KeyError) Error() string {
	if e.Want != "" {
		return e.Err.Error() + ": " + strconv.Quote(e.Path) + " is spelt " + strconv.Quote(e.Want)
	}
	return e.Err.Error() + ": " + strconv.Quote(e.Path)
}

// Unwrap returns Err.
func (e *KeyError) Unwrap() error { return e.Err }

// join adds key to a dotted path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
