package money_test

import (
	"fmt"

	"github.com/justspend/justspend/money"
)

func ExampleAmount_DisplayIn() {
	amounts := []money.Amount{
		money.FromMinor(123456, money.CNY),
		money.FromMinor(-123456, money.CNY),
		money.FromMinor(1999, money.USD),
		money.FromMinor(1500, money.JPY),
		money.FromMinor(1234500, money.KWD),
	}
	for _, a := range amounts {
		fmt.Printf("%-14s %-14s %s\n", a, a.DisplayIn(money.LocaleZhCN), a.DisplayIn(money.LocaleEn))
	}
	// Output:
	// CNY 1234.56    ¥1,234.56      CN¥1,234.56
	// CNY -1234.56   -¥1,234.56     -CN¥1,234.56
	// USD 19.99      US$19.99       $19.99
	// JPY 1500       JP¥1,500       ¥1,500
	// KWD 1234.500   KWD 1,234.500  KWD 1,234.500
}

func ExampleAmount_AppendDisplay() {
	// Build a line of a statement in one buffer, without allocating per amount.
	line := make([]byte, 0, 64)
	line = append(line, "应还 "...)
	line = money.FromMinor(90045, money.CNY).AppendDisplay(line, money.LocaleZhCN)
	fmt.Println(string(line))
	// Output: 应还 ¥900.45
}

func ExampleParseLocale() {
	for _, tag := range []string{"zh-CN", "zh_Hans", "en-US", "zh-TW"} {
		l, err := money.ParseLocale(tag)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %q %s\n", tag, l, money.FromMinor(3000000, money.CNY).DisplayIn(l))
	}
	// Output:
	// zh-CN: "zh-CN" ¥30,000.00
	// zh_Hans: "zh-CN" ¥30,000.00
	// en-US: "en" CN¥30,000.00
	// money: ParseLocale: no locale for language tag "zh-TW"
}

func ExampleLocale_String() {
	fmt.Printf("%q %q %q\n", money.LocaleDefault, money.LocaleZhCN, money.LocaleEn)
	// Output: "" "zh-CN" "en"
}
