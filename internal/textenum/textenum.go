// Package textenum turns small integer enumerations into the lower-case
// names used in JSON and back, for the data types of billing and credit.
package textenum

import (
	"fmt"
	"strconv"
)

// Name returns names[v], or "Type(v)" for a value without a name.
func Name[T ~uint8](typ string, v T, names []string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// Marshal returns names[v] as text, or an error for a value without a name.
func Marshal[T ~uint8](typ string, v T, names []string) ([]byte, error) {
	if int(v) < len(names) && names[v] != "" {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("%s: no name for value %d", typ, v)
}

// Parse returns the value whose name is s.
func Parse[T ~uint8](typ, s string, names []string) (T, error) {
	for i, n := range names {
		if n != "" && n == s {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("%s: unknown name %q (want one of %v)", typ, s, names)
}
