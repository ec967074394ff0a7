// Package credit is the package a host application calls: products as data,
// credit lines, the authorization rules engine, the purchase lifecycle,
// repayment, and the Engine that applies commands to lines kept in the
// host's Store.
//
// # Products
//
// A Product (JSON: see Product and LoadProduct) holds everything that
// varies between credit products: currency and time zone, line limits,
// purchase rules, the billing rules of package billing (cycle, interest,
// penalties, minimum payment, allocation, rounding), the installment plans
// on offer, the early-payoff policy, the merchant fee and the statement and
// due days a holder may choose. Presets with their sources:
// HuabeiLaunch2014, Huabei, JDBaitiao2014, Xinyongbao2013 and PayIn4.
//
// # Lines and decisions
//
// A Line is the fold of its journal: limits (a temporary limit is used
// after the fixed one, repaid first, and once it lapses unpaid shows as
// negative available credit), status, holds, purchases, the billing
// Account and its statements. Balances splits what is held, unbilled,
// billed, on installments and in credit; principal occupies the limit
// whether billed or not, fees and interest once billed.
//
// Decide is the authorization rules engine and is pure: the built-in rules
// (status, currency, installment plan, minimum and maximum purchase,
// merchant enrolled, category allowed, per-category caps, overdue lines,
// purchases a day, available credit) then the host's Rules. A Decision
// lists every reason that failed, each with a stable code and the numbers
// behind it. Engine.Quote answers without holding anything.
//
// # Purchases, repayment and time
//
// Authorize holds credit until Capture (whole, partial or several), Void,
// or the hold's expiry. ConfirmDelivery posts what was captured to the
// billing cycle on products that bill by delivery; products that bill on
// payment post at capture. A price in another currency is converted at a
// stated rate before any rule applies, and a refund records the rate it
// uses. Refund before posting returns credit to the limit and is never
// billed; after posting it pays the purchase's debt, then other debt, then
// becomes a credit balance that Payout pays out. Pay applies a repayment by
// the product's allocation. Advance brings a line to the start of a day:
// statements are cut, interest and penalties accrue, holds and temporary
// limits expire; advancing twice to the same day changes nothing. Every
// command first advances the line to its own date; an event dated before
// the line's current day posts on the current day, and one dated before the
// line opened is refused.
//
// A purchase on a pay-in-4 plan pays its down payment at checkout: the
// Engine applies it as a payment when the purchase posts.
//
// # The Engine and its Store
//
// A Store keeps each line's journal as bytes and appends only if the line
// is still at the version read (compare-and-swap); Snapshotter is an
// optional extra. Facts are versioned JSON written by the library. The
// Engine loads, decides purely, appends and retries conflicts a bounded
// number of times. Every command that moves money carries an idempotency
// key: a replay returns the first result, and a key reused with another
// command is an *IdempotencyError. Each fact carries postings that sum to
// zero; the "holder" account's total is what the holder owes, and the
// counter accounts are cash, merchant:<id>, income:fee, income:interest,
// income:penalty, income:merchant_fee and conversion. Package credittest
// has an in-memory Store, a fake Clock, go-cmp options and the conformance
// suite every Store must pass. The bytes of appended records are handed
// to the Store, which may keep them without copying.
//
// The Engine keeps up to Config.CacheLines lines decoded, with the keys
// their journals used, and still reads each journal's tail on every
// command, so several Engines (or processes) may share one Store. A
// command checks its key against the very state it loaded, so no cache
// eviction or concurrent reload can make a used key look new.
//
// # Errors
//
// A command the line cannot take is a *CommandError (errors.Is
// ErrInvalidCommand) and changes nothing. Its Code is stable:
//
//	any command      before_opening (dated before the line opened),
//	                 line_closed (payments and changes on a closed line)
//	OpenLine         unknown_product, missing_id, currency_mismatch,
//	                 limit_out_of_range, line_exists
//	Authorize        bad_amount, currency_mismatch (the amount is not in the
//	                 line's currency, or the rate does not convert to it),
//	                 conversion_failed, bad_purchase_id, bad_plan (below -1)
//	Capture          unknown_purchase, not_authorized (voided, expired or
//	                 fully captured), bad_amount, above_authorized
//	ConfirmDelivery  unknown_purchase, nothing_captured
//	Void             unknown_purchase, not_authorized
//	Refund           unknown_purchase, bad_amount, above_refundable,
//	                 conversion_failed
//	Pay, Payout      bad_amount, above_credit_balance (Payout)
//	ChangeLine       limit_out_of_range, bad_temp_limit, bad_status,
//	                 not_settled (closing with anything owed, held or in
//	                 credit), due_days_not_offered,
//	                 due_days_changed_this_year, plan_not_offered,
//	                 nothing_to_change, several_changes
//	DecodeCommand    bad_json, bad_command_type
//	(any)            rejected: the billing rules refuse the change;
//	                 advance_failed: bringing the line to the command's
//	                 day failed; Err says why
//
// An unknown line is ErrNotFound; so is an unknown purchase, inside a
// *CommandError with code unknown_purchase. A key used again for a
// different command is an *IdempotencyError. A product that does not load
// or validate is a *ProductError naming the field. An authorization the
// rules decline is not an error: it is a Decision with its reasons, and it
// is recorded, so that its key replays it.
//
// Report folds many lines, read through an iterator the host supplies,
// into a Portfolio: limits, outstanding, utilization and past-due buckets.
package credit
