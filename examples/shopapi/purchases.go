package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/justspend/justspend/credit"
	"github.com/justspend/justspend/money"
)

// checkoutResult is the body of a checkout: the decision, and the
// purchase as captured when it was approved.
type checkoutResult struct {
	Decision credit.Decision  `json:"decision"`
	Purchase *credit.Purchase `json:"purchase,omitempty"`
}

// checkout: POST /lines/{line}/purchases with a credit.Authorize less its
// key and line:
//
//	{"purchase": "order-1", "amount": {"amount": "2000.00", "currency": "CNY"},
//	 "merchant": {"id": "tmall-uniqlo", "enrolled": true, "category": "apparel"}}
//
// The shopper pays at checkout, as on Tmall: an approved purchase is
// authorized and captured in full, and waits for delivery to post. 201
// with the decision and the purchase. A purchase the rules decline is 402
// Payment Required with the decision and its reasons (a client that only
// looks at 2xx cannot take it for an approval). The Engine records a
// decline, so a retry under the same key gets the same 402.
//
// Two Engine commands, one key: the authorization takes the header's
// key, the capture that key plus captureSuffix, so that a retry after a
// failure between the two replays the first and finishes the second.
func (s *server) checkout(r *http.Request) (int, any, error) {
	key, err := idempotencyKey(r)
	if err != nil {
		return 0, nil, err
	}
	var cmd credit.Authorize
	if err := decodeCommand(r, &cmd, false); err != nil {
		return 0, nil, err
	}
	if err := keyAndLine(r, key, &cmd.Key, &cmd.Line); err != nil {
		return 0, nil, err
	}
	ctx := r.Context()
	d, err := s.engine.Authorize(ctx, cmd)
	if err != nil {
		return 0, nil, err
	}
	if !d.Approved {
		return http.StatusPaymentRequired, checkoutResult{Decision: d}, nil
	}
	authorized, err := s.authorized(ctx, cmd.Line, cmd.Purchase)
	if err != nil {
		return 0, nil, err
	}
	p, err := s.engine.Capture(ctx, credit.PurchaseCommand{Key: key + captureSuffix, Line: cmd.Line,
		Purchase: cmd.Purchase, Amount: authorized, At: cmd.At})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, checkoutResult{Decision: d, Purchase: &p}, nil
}

// authorized returns what was authorized for a purchase, in the line's
// currency: the amount asked for, or the price converted at the rate.
// The Decision does not carry it, only the available credit before and
// after.
func (s *server) authorized(ctx context.Context, line, purchase string) (money.Amount, error) {
	p, err := s.engine.Purchase(ctx, line, purchase)
	if err != nil {
		return money.Amount{}, fmt.Errorf("purchase %q was approved but is not on line %q: %w", purchase, line, err)
	}
	return p.Authorized, nil
}

// confirmDelivery: POST /lines/{line}/purchases/{purchase}/delivery, body
// optional ({} or {"at": ...}). The shopper confirms receipt: what was
// captured posts to the billing cycle. 200 with the credit.Purchase.
func (s *server) confirmDelivery(r *http.Request) (int, any, error) {
	cmd, err := purchaseCommand(r, true)
	if err != nil {
		return 0, nil, err
	}
	p, err := s.engine.ConfirmDelivery(r.Context(), cmd)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, p, nil
}

// refund: POST /lines/{line}/purchases/{purchase}/refunds
// {"amount": {"amount": "300.00", "currency": "CNY"}}. 200 with the
// credit.Purchase after the refund.
func (s *server) refund(r *http.Request) (int, any, error) {
	cmd, err := purchaseCommand(r, false)
	if err != nil {
		return 0, nil, err
	}
	p, err := s.engine.Refund(r.Context(), cmd)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, p, nil
}

// purchaseCommand builds a credit.PurchaseCommand from the body, the key
// header and the path.
func purchaseCommand(r *http.Request, optionalBody bool) (credit.PurchaseCommand, error) {
	var cmd credit.PurchaseCommand
	key, err := idempotencyKey(r)
	if err != nil {
		return cmd, err
	}
	if err := decodeCommand(r, &cmd, optionalBody); err != nil {
		return cmd, err
	}
	if err := keyAndLine(r, key, &cmd.Key, &cmd.Line); err != nil {
		return cmd, err
	}
	return cmd, fromPath("purchase", &cmd.Purchase, r.PathValue("purchase"))
}
