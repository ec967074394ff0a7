package credit

// The codes of a *CommandError, stable across releases: a host may match
// them. (A declined authorization is not an error: its reasons carry the
// decline codes, CodeLineNotActive and the others.)
const (
	// CodeAboveAuthorized: a capture of more than is still authorized.
	CodeAboveAuthorized = "above_authorized"
	// CodeAboveCreditBalance: a payout of more than the credit balance.
	CodeAboveCreditBalance = "above_credit_balance"
	// CodeAboveMaxTempLimit: temporary limits above what the product allows.
	CodeAboveMaxTempLimit = "above_max_temp_limit"
	// CodeAboveRefundable: a refund of more than was captured and not yet refunded.
	CodeAboveRefundable = "above_refundable"
	// CodeAdvanceFailed: the line could not be brought to the command's day.
	CodeAdvanceFailed = "advance_failed"
	// CodeAlreadyReversed: a payment reversed before.
	CodeAlreadyReversed = "already_reversed"
	// CodeBadAmount: an amount that is missing, not positive, in another currency, above MaxAmountUnits, or given to a command that takes none.
	CodeBadAmount = "bad_amount"
	// CodeBadCommandType: DecodeCommand was given something other than a pointer to a command type.
	CodeBadCommandType = "bad_command_type"
	// CodeBadDate: a date before MinYear, or the zero Date where one is needed.
	CodeBadDate = "bad_date"
	// CodeBadFeeRate: a merchant fee rate that is not a decimal from 0 to 1.
	CodeBadFeeRate = "bad_fee_rate"
	// CodeBadID: an ID or key is not clean text (invalid UTF-8, NUL or a control character) or is longer than MaxIDBytes.
	CodeBadID = "bad_id"
	// CodeBadJSON: DecodeCommand was given JSON that is not exactly one command.
	CodeBadJSON = "bad_json"
	// CodeBadPeriods: a payoff of periods that are not 0 to billing.MaxPeriods, or of periods without a purchase.
	CodeBadPeriods = "bad_periods"
	// CodeBadPurchaseID: an authorization names no purchase, or one that is not clean text.
	CodeBadPurchaseID = "bad_purchase_id"
	// CodeBadStatus: an unknown line status.
	CodeBadStatus = "bad_status"
	// CodeBadTempLimit: a temporary limit without an ID, or expiring on or before its day or too far ahead.
	CodeBadTempLimit = "bad_temp_limit"
	// CodeBadVersion: Events asked after a version the line does not have, or for a negative limit.
	CodeBadVersion = "bad_version"
	// CodeBadValueDate: a value date on a command that takes none (only payments and refunds do).
	CodeBadValueDate = "bad_value_date"
	// CodeBeforeOpening: a command, or a value date, before the day the line opened.
	CodeBeforeOpening = "before_opening"
	// CodeChargedOff: a payoff of, or a conversion into installments on, a charged-off line.
	CodeChargedOff = "charged_off"
	// CodeConversionFailed: a price in another currency that cannot be converted at the rate given.
	CodeConversionFailed = "conversion_failed"
	// CodeDueDaysChangedThisYear: statement and due days changed less than a year ago.
	CodeDueDaysChangedThisYear = "due_days_changed_this_year"
	// CodeDueDaysNotOffered: statement and due days the product does not offer.
	CodeDueDaysNotOffered = "due_days_not_offered"
	// CodeFutureDated: a command dated, or an Advance, past the clock plus Config.MaxAhead.
	CodeFutureDated = "future_dated"
	// CodeLimitOutOfRange: a limit outside the product's MinLimit to MaxLimit.
	CodeLimitOutOfRange = "limit_out_of_range"
	// CodeLineClosed: a change to a closed line.
	CodeLineClosed = "line_closed"
	// CodeLineExists: OpenLine of a line that exists.
	CodeLineExists = "line_exists"
	// CodeMissingID: a required ID (line, holder, purchase, payment) is empty.
	CodeMissingID = "missing_id"
	// CodeMissingKey: a command that changes a line has no idempotency key.
	CodeMissingKey = "missing_key"
	// CodeMissingLimit: OpenLine without a limit.
	CodeMissingLimit = "missing_limit"
	// CodeNoRefundRequest: CloseRefundRequest of a purchase with no request open.
	CodeNoRefundRequest = "no_refund_request"
	// CodeNotAPayment: a reversal of a key that made something other than a payment.
	CodeNotAPayment = "not_a_payment"
	// CodeNotAuthorized: a capture or void of a purchase with no open authorization.
	CodeNotAuthorized = "not_authorized"
	// CodeNotSettled: closing a line that owes, is owed or holds something.
	CodeNotSettled = "not_settled"
	// CodeNothingCaptured: ConfirmDelivery of a purchase with nothing captured awaiting delivery.
	CodeNothingCaptured = "nothing_captured"
	// CodeNothingRefundable: RequestRefund of a purchase with nothing left to refund.
	CodeNothingRefundable = "nothing_refundable"
	// CodeNothingToChange: a ChangeLine that changes nothing.
	CodeNothingToChange = "nothing_to_change"
	// CodeNothingToPayOff: a payoff of a line or plan that owes nothing.
	CodeNothingToPayOff = "nothing_to_pay_off"
	// CodeOverflow: a sum that would leave int64, or a balance that would pass MaxBalanceUnits.
	CodeOverflow = "overflow"
	// CodePayoffAmount: a payoff whose amount is not the quote.
	CodePayoffAmount = "payoff_amount"
	// CodeRefundRequested: RequestRefund of a purchase whose request is already open.
	CodeRefundRequested = "refund_requested"
	// CodeRejected: the line cannot take the command (its billing refuses it); Err says why.
	CodeRejected = "rejected"
	// CodeSeveralChanges: a ChangeLine that sets more than one change.
	CodeSeveralChanges = "several_changes"
	// CodeUnknownPayment: a reversal of a key no command on the line used.
	CodeUnknownPayment = "unknown_payment"
	// CodeUnknownProduct: OpenLine with a product the Engine was not given.
	CodeUnknownProduct = "unknown_product"
	// CodeUnknownPurchase: a purchase the line does not have.
	CodeUnknownPurchase = "unknown_purchase"
	// CodeValueDateAhead: a value date after the day the command is recorded.
	CodeValueDateAhead = "value_date_ahead"
	// CodeValueDateOutOfWindow: a value date earlier than the product's ValueDateDays allow.
	CodeValueDateOutOfWindow = "value_date_out_of_window"
)
