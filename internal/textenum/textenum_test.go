package textenum

import "testing"

type color uint8

func names() []string { return []string{"red", "", "blue"} }

func TestTextenum(t *testing.T) {
	if got := Name("Color", color(2), names()); got != "blue" {
		t.Errorf("Name(2) = %q", got)
	}
	if got := Name("Color", color(1), names()); got != "Color(1)" {
		t.Errorf("Name of an unnamed value = %q", got)
	}
	if b, err := Marshal("Color", color(0), names()); err != nil || string(b) != "red" {
		t.Errorf("Marshal(0) = %q, %v", b, err)
	}
	if _, err := Marshal("Color", color(7), names()); err == nil {
		t.Error("Marshal(7): no error")
	}
	if v, err := Parse[color]("Color", "blue", names()); err != nil || v != 2 {
		t.Errorf("Parse(blue) = %d, %v", v, err)
	}
	for _, s := range []string{"", "green", "Blue"} {
		if _, err := Parse[color]("Color", s, names()); err == nil {
			t.Errorf("Parse(%q): no error", s)
		}
	}
}
