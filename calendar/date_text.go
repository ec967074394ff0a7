package calendar

import "time"

// ParseDate reads an ISO 8601 calendar date, "2006-01-02": a four-digit
// year, two-digit month and two-digit day, nothing else. Errors are
// *DateError.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, &DateError{Input: s, Err: ErrInvalidDate}
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, &DateError{Input: s, Err: ErrInvalidDate}
	}
	date, err := NewDate(y, time.Month(m), d)
	if err != nil {
		return Date{}, &DateError{Input: s, Err: ErrInvalidDate}
	}
	return date, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// String returns the ISO 8601 form "2006-01-02", or "0000-00-00" for the
// zero Date.
func (d Date) String() string {
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

func (d Date) appendISO(b []byte) []byte {
	y, m, dd := d.Date()
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-',
		byte('0'+dd/10), byte('0'+dd%10))
}

// zeroText is how the zero Date prints and encodes.
const zeroText = "0000-00-00"

// AppendText appends "2006-01-02" to b, or "0000-00-00" for the zero Date.
func (d Date) AppendText(b []byte) ([]byte, error) { return d.appendISO(b), nil }

// MarshalText returns "2006-01-02"; JSON uses it, so a Date is a JSON
// string. The zero Date encodes as "0000-00-00", which UnmarshalText reads
// back as the zero Date; a struct field tagged omitzero leaves it out.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(make([]byte, 0, 10)) }

// UnmarshalText reads "2006-01-02", as ParseDate does, and "0000-00-00" as
// the zero Date. On error d is unchanged.
func (d *Date) UnmarshalText(text []byte) error {
	if string(text) == zeroText {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
