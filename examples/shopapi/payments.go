package main

import (
	"net/http"
	"strconv"

	"github.com/justspend/justspend/credit"
)

// pay: POST /lines/{line}/payments {"amount": {"amount": "500.00",
// "currency": "CNY"}}. The repayment is allocated by the product's rules;
// what is left over becomes a credit balance. 200 with the
// credit.Balances after it.
func (s *server) pay(r *http.Request) (int, any, error) {
	key, err := idempotencyKey(r)
	if err != nil {
		return 0, nil, err
	}
	var cmd credit.Payment
	if err := decodeCommand(r, &cmd, false); err != nil {
		return 0, nil, err
	}
	if err := keyAndLine(r, key, &cmd.Key, &cmd.Line); err != nil {
		return 0, nil, err
	}
	b, err := s.engine.Pay(r.Context(), cmd)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, b, nil
}

// payoffQuote: GET /lines/{line}/payoff[?purchase=ID[&periods=N]]. What
// paying off the whole line (or a purchase's installment plan, or its
// next N periods) takes today, accrued interest and penalties included:
// a credit.PayoffQuote. It records nothing. A line that owes nothing is
// 422 nothing_to_pay_off.
func (s *server) payoffQuote(r *http.Request) (int, any, error) {
	cmd := credit.Payoff{Line: r.PathValue("line")}
	q := r.URL.Query()
	for name := range q {
		if name != "purchase" && name != "periods" {
			return 0, nil, badQuery(name, "unknown parameter: give purchase, periods or neither")
		}
	}
	cmd.Purchase = q.Get("purchase")
	if p := q.Get("periods"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return 0, nil, badQuery("periods", "want a whole number of periods, not "+strconv.Quote(p))
		}
		cmd.Periods = n
	}
	quote, err := s.engine.QuotePayoff(r.Context(), cmd)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, quote, nil
}

func badQuery(name, msg string) error {
	return &apiError{Status: http.StatusBadRequest, Code: "bad_query", Field: name, Message: msg}
}
