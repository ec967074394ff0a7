package money_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func ExampleFromString() {
	price, err := money.FromString("1234.56", money.CNY)
	fmt.Println(price, err)

	_, err = money.FromString("1234.567", money.CNY)
	fmt.Println(errors.Is(err, money.ErrNeedsRounding))
	// Output:
	// CNY 1234.56 <nil>
	// true
}

func ExampleParse() {
	a, err := money.Parse("USD -0.50")
	fmt.Println(a.Units(), a.Currency(), err)
	// Output: -50 USD <nil>
}

func ExampleAmount_Add() {
	a := money.FromMinor(123456, money.CNY)
	b := money.FromMinor(7890, money.CNY)
	sum, err := a.Add(b)
	fmt.Println(sum, err)

	_, err = a.Add(money.FromMinor(100, money.USD))
	fmt.Println(err)
	// Output:
	// CNY 1313.46 <nil>
	// money: Add: currencies differ: CNY and USD
}

func ExampleAmount_MulRate() {
	// A day's interest at 0.05% on the RMB 900 left unpaid after a minimum payment.
	unpaid := money.FromMinor(90000, money.CNY)
	interest, err := unpaid.MulRate(decimal.RequireFromString("0.0005"), money.HalfEven)
	fmt.Println(interest, err)
	// Output: CNY 0.45 <nil>
}

func ExampleAmount_Split() {
	// Alipay's rule: equal parts rounded down, the fen left over go into period 1.
	principal, _ := money.FromString("1111.11", money.CNY)
	parts, _ := principal.Split(6, money.LeftoverTo(0))
	fmt.Println(parts)
	// Output: [CNY 185.21 CNY 185.18 CNY 185.18 CNY 185.18 CNY 185.18 CNY 185.18]
}

func ExampleAmount_Allocate() {
	// A RMB 100 payment shared between two balances of 300 and 100.
	payment := money.FromMinor(10000, money.CNY)
	parts, _ := payment.Allocate([]int64{30000, 10000}, money.LeftoverFirst())
	fmt.Println(parts)
	// Output: [CNY 75.00 CNY 25.00]
}

func ExampleExchangeRate_Convert() {
	usdcny, _ := money.NewExchangeRate(money.USD, money.CNY, decimal.RequireFromString("6.2"))
	line := money.FromMinor(3000000, money.CNY)
	inDollars, _ := usdcny.Convert(line, money.HalfEven)
	fmt.Println(line.Display(), "is", inDollars.Display(), "at", usdcny)
	// Output: ¥30,000.00 is $4,838.71 at USD/CNY 6.2
}

func ExampleAmount_MarshalJSON() {
	b, _ := json.Marshal(money.FromMinor(123456, money.CNY))
	fmt.Println(string(b))

	var a money.Amount
	err := json.Unmarshal([]byte(`{"amount":1234.56,"currency":"CNY"}`), &a)
	fmt.Println(err != nil)
	// Output:
	// {"amount":"1234.56","currency":"CNY"}
	// true
}

func ExampleAmount_Display() {
	fmt.Println(money.FromMinor(3000000, money.CNY).Display())
	fmt.Println(money.FromMinor(-1999, money.USD).Display())
	// Output:
	// ¥30,000.00
	// -$19.99
}

func ExampleParseCurrency() {
	c, _ := money.ParseCurrency("KWD")
	fmt.Println(c, c.Numeric(), c.Digits(), c.Name())
	// Output: KWD 414 3 Kuwaiti Dinar
}
