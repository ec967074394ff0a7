package money_test

import (
	"encoding/json"
	"fmt"

	"github.com/justspend/justspend/money"
)

// The zero Amount is zero in every currency: it prints, encodes and decodes,
// adds to an amount in any currency, and equals zero in any currency.
func ExampleAmount_zeroValue() {
	var none money.Amount
	fmt.Println(none, none.Display())

	b, err := json.Marshal(none)
	fmt.Println(string(b), err)

	var back money.Amount
	err = json.Unmarshal(b, &back)
	fmt.Println(back == money.Amount{}, err)

	sum, err := none.Add(money.FromMinor(500, money.CNY))
	fmt.Println(sum, err)

	_, err = money.Zero(money.CNY).Add(money.FromMinor(500, money.USD))
	fmt.Println(err)
	// Output:
	// 0 0
	// {"amount":"0","currency":""} <nil>
	// true <nil>
	// CNY 5.00 <nil>
	// money: Add: currencies differ: CNY and USD
}

func ExampleAmount_Equal() {
	fmt.Println(money.Zero(money.CNY).Equal(money.Amount{}))
	fmt.Println(money.FromMinor(1, money.CNY).Equal(money.FromMinor(1, money.USD)))
	fmt.Println(money.Zero(money.CNY).Equal(money.Zero(money.USD)))
	// Output:
	// true
	// false
	// false
}

func ExampleAmount_MarshalText() {
	for _, a := range []money.Amount{money.FromMinor(-123456, money.CNY), {}} {
		b, err := a.MarshalText()
		fmt.Printf("%q %v\n", b, err)
	}
	// Output:
	// "CNY -1234.56" <nil>
	// "0" <nil>
}

func ExampleSum() {
	// Fields left at the zero Amount add as zero in the line's currency.
	fees := []money.Amount{money.FromMinor(1500, money.CNY), {}, money.FromMinor(250, money.CNY)}
	total, err := money.Sum(money.CNY, fees...)
	fmt.Println(total, err)
	// Output: CNY 17.50 <nil>
}

func ExampleCurrency_MarshalText() {
	// The zero Currency encodes as "", so a zero struct holding one encodes.
	var product struct {
		Currency money.Currency `json:"currency"`
	}
	b, err := json.Marshal(product)
	fmt.Println(string(b), err)

	err = json.Unmarshal([]byte(`{"currency":"CNY"}`), &product)
	fmt.Println(product.Currency, err)
	// Output:
	// {"currency":""} <nil>
	// CNY <nil>
}
