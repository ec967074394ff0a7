package billing

import "github.com/justspend/justspend/internal/textenum"

// unmarshalEnum decodes the name of an enumeration value into dst; a name
// that is not in names is a *PlanError naming the JSON field.
func unmarshalEnum[T ~uint8](dst *T, b []byte, typ, field string, names []string) error {
	v, err := textenum.Parse[T](typ, string(b), names)
	if err != nil {
		return &PlanError{Field: field, Reason: err.Error()}
	}
	*dst = v
	return nil
}
