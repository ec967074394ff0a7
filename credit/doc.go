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
// becomes a credit balance, which pays debt as soon as a payment could (a
// purchase as it posts, an installment period when it is billed) and which
// Payout pays out. Pay applies a repayment by
// the product's allocation. Advance brings a line to the start of a day:
// statements are cut, interest and penalties accrue, holds and temporary
// limits expire; advancing twice to the same day changes nothing.
// AdvanceAll is the month-end over a book: every line to one day on all
// cores, lines it cannot advance listed, no line copied out. Every
// command first advances the line to its own date; an event dated before
// the line's current day posts on the current day, and one dated before the
// line opened is refused.
//
// A purchase on a pay-in-4 plan pays its down payment at checkout: the
// Engine applies it as a payment when the purchase posts. On products that
// bill by delivery, a purchase the shopper never confirms is confirmed for
// them (Product.AutoConfirm: Taobao's 10 days, 3 for virtual goods), the
// clock stopped while a refund request is open (RequestRefund,
// CloseRefundRequest; a Refund closes it too).
//
// # Value dates and reversals
//
// Money often arrives before it is recorded: a bank's or Alipay's
// settlement file comes in after the nightly run. A Payment or a refund
// (PurchaseCommand) may carry a ValueDate up to Product.ValueDateDays
// before the day it is recorded (a week on the Huabei presets, none by
// default). ReversePayment takes back a payment that bounced or was
// charged back, named by its key. Both change the past, the way mature
// loan systems do it: the Engine works the line out again from its journal
// as if the money had arrived on its value date, or the reversed payment
// had never been made, and the command's fact carries the account that
// gives. So a payment made on the due date and recorded two days later
// draws no penalty, and a bounced payment brings back the debt it paid
// with the interest, penalties and late fees it would have drawn. The
// journal stays append-only, and statements already cut are not
// rewritten: the next statement shows the payment (its billing.Line has
// the ValueDate) or the reversal (billing.ReversalLine), and one
// correction line (Ref "correction") for each kind of charge the change
// moved, so that it reconciles from the last statement's closing
// balance. Postings follow the lines, so income is corrected too.
//
// When the history cannot be worked out that way (a later payoff, or a
// payout the reversed payment paid for), a value-dated payment or refund
// posts on the day it is recorded, and a reversal makes the amount owed
// again as new principal (billing.Account.Reverse). A restatement replays
// the line's whole journal: it is for the rare late or bounced payment, not
// the hot path.
//
// # Delinquency, charge-off, recoveries and write-offs
//
// A line's delinquency (Line.Delinquency) is where it stands in its
// product's buckets of days past due (Product.Delinquency; by default
// 1-30, 31-60, 61-90 and over 90, or ClassBuckets, the CBRC's bands),
// with each past-due debt, installment period by installment period, aged
// by its own due date. Past due means what the Engine means by overdue,
// and Report ages lines the same way. When a command or an Advance moves
// a line into another bucket, the Engine appends a fact of kind
// "delinquency" (KindDelinquency, Data a DelinquencyChange) in the same
// append, so that a host reading Events hears of it.
//
// A product charges off when its billing rules say so
// (Billing.ChargeOff: after so many days past due; never by default, and
// no preset does): interest and penalties stop, everything owed moves to
// a charged-off balance (Balances.ChargedOff, billing.Account.ChargeOff),
// and the line takes no more authorizations (line_charged_off), payoffs
// or conversions (charged_off). Money in is taken as ever and recovers the
// charged-off balance; small remainders are written off with
// Billing.WriteOff (China's tolerance repayment). The lender's side of
// the books, loss:charge_off, charged_off, income:recovery and
// loss:write_off, is in the postings; Report shows charged-off balances
// apart from the past-due buckets.
//
// # Hardship: deferred due dates, rescheduled plans and re-aging
//
// A product's Hardship policy says what it offers a holder who cannot pay
// as agreed; its zero value offers nothing (not_offered). DeferDue moves
// the last statement's due date later (Huabei's 延期还款: up to
// Hardship.DeferDays, once a statement, Hardship.DefersPerYear times in
// twelve months, while the statement is not yet late, for
// Hardship.DeferFeeRate of what it still bills): lateness, penalties and
// interest after the due date follow the new date, and the next statement
// shows a billing.DeferralLine. Reschedule lays out again what a
// purchase's installment plan owes in periods not yet billed over one of
// Hardship.Reschedule's plans, once a purchase: the old periods' fees are
// waived and the new plan's owed. Each is a fact ("deferred",
// "rescheduled") carrying what it needs to replay, the plan included, and
// replays in a restatement like any other.
//
// Reage brings a past-due line current, forgiving nothing (re-aging): what
// is past due becomes due on the last statement's due date if it has not
// passed, else on the next statement's; the line is no longer past due,
// so its bucket is current again (a "delinquency" fact records the move)
// and its penalties and its days towards charge-off stop; penalties and
// fees already charged stay and interest runs on as on a current line.
// Its policy is the FFIEC's for open-end accounts (Uniform Retail Credit
// Classification and Account Management Policy, 65 Fed. Reg. 36903, June
// 12, 2000) as the product sets it: a line open Hardship.ReageMinMonths
// (nine), Hardship.ReageAfterPayments regular minimum payments (three)
// paid since it fell past due, or their sum at once, and at most
// Hardship.ReagesPerYear (one) re-agings in twelve months and
// Hardship.ReagesPerFiveYears (two) in five years (FFIECReaging). Its
// fact, "reaged", carries the due date it gave; Line.Reagings keeps the
// re-agings of five years, so that the limits hold after a replay.
//
// # Promotions: shared fees, interest-free coupons and campaigns
//
// A merchant may share the installment fee of the plans chosen at its
// checkout with the shopper (Merchant.FeeShare, "0.3" for 30%, which
// lays the plan out with billing.SharedFee) or pay it all
// (Merchant.FundsInstallmentFees); its part goes into the purchase's
// MerchantFees, posted as merchant:<id> against income:merchant_fee and
// returned in proportion to refunds, as its service fee is. The zero
// Merchant changes nothing: the plan's own terms apply.
//
// A product's Campaigns are promotions with a budget, as the 11.11
// campaigns run them. An authorization applies a campaign's coupon by
// naming it (Authorize.Campaign); on the campaign's days and the plans,
// categories and amounts it covers, the coupon makes the shopper's fee of
// the plan's first FreePeriods periods free (billing.Plan.FreePeriods).
// The merchant pays the campaign's MerchantShare of what is waived, with
// its merchant fees; the platform pays the rest from the campaign's
// Budget, posted when the purchase posts as expense:promotion:<campaign>
// against income:fee (PromotionAccountPrefix; credit/funding keeps it the
// platform's alone). A coupon that does not apply declines the
// authorization with a reason (campaign_not_found, campaign_not_open,
// campaign_not_eligible, campaign_spent), so that the host may ask again
// without it under a new key: the shopper is never charged more than the
// coupon promised.
//
// A budget spans lines, while the Engine writes one line's journal per
// command, so each campaign keeps its spending in a journal of its own in
// the same Store, under an ID no line can have ("\x1fcampaign\x1f" and
// its name: line IDs are clean text), hash-chained as a line's is: a fact
// "granted" (line, key, purchase, amount) for each coupon, a fact
// "released" for a grant given back. The order is: decide on the line;
// when it approves, make sure the line takes the authorization; append
// the grant at the campaign journal's version (refused as campaign_spent
// past the budget; a conflict with another Engine reads the journal again
// and tries again); then append the line's fact, which carries the grant
// (Purchase.Promotion). A grant is made once per authorization (line and
// key): a retry, in this Engine or another, finds it and takes it again.
// An authorization whose line append never lands (a crash or a store
// failure between the two appends) leaves its grant held: the budget is
// then under-used, never over-spent. Engine.ReleaseGrants gives such
// grants back once the line has bound their keys to something else, and
// an authorization retried and declined, or refused on the line as
// stored, gives back its own. A grant once used is spent: voids, expiries
// and refunds do not return it. A coupon applies to an authorization
// dated within its campaign in the product's zone, whatever day it posts
// on; a rescheduling keeps the coupon's free periods not yet billed free.
// Engine.Campaign shows the budget, what is granted, released and left.
// Each campaign's grants go through its one journal, in turn: its appends
// bound the rate of coupon authorizations.
//
// # Calendars
//
// A product names its business calendar (Product.Calendar), which rolls
// due dates off days that are not working days. The Engine resolves the
// name when it starts: first among the calendars the host gives it
// (Config.Calendars), so that a holiday notice published after a release
// is loaded at run time, then among the built-in ones (calendar.Country:
// "CN" and the rickar/cal countries). An unknown name is a *ProductError
// at NewEngine.
//
// A calendar may not answer for a day: an official calendar without the
// projection has no data past its last notice. What a product does then
// is its choice (Product.Uncovered), never a line that stops working:
// take it for a working day unless it falls on a weekend (the default),
// do not roll onto it, or decline at checkout an installment plan whose
// due dates need it. Payments, refunds and payouts are taken whatever the
// coverage. The built-in "CN" answers every day: the notices, then the
// projection (see package calendar), and past the projection's table (2100)
// weekends and fixed-date holidays, which it does not count as covered.
//
// Calendar answers are pinned in the journal: each fact records those its
// billing used (Fact.Days), and a replay, or a restatement (see "Value
// dates and reversals"), uses them. So a notice loaded later, a
// correction, or a host calendar swapped at run time moves the due dates
// of statements and installments made after it, and never one already
// made, whether the line is in memory, rebuilt from its journal or from a
// snapshot.
//
// # The Engine and its Store
//
// A Store keeps each line's journal as bytes and appends only if the line
// is still at the version read (compare-and-swap); Snapshotter is an
// optional extra. Facts are versioned JSON written by the library. The
// Engine loads, decides purely, appends and retries conflicts a bounded
// number of times. Each fact carries postings that sum to zero; the
// "holder" account's total is what the holder owes, and the counter
// accounts are cash, merchant:<id>, income:fee, income:interest,
// income:penalty, income:merchant_fee and conversion, and for charge-offs
// and write-offs loss:charge_off, charged_off, income:recovery and
// loss:write_off. Package memstore is
// the production in-memory Store (one process, nothing kept at exit);
// package credittest has the test helpers: a fake Clock, a lying Store,
// go-cmp options and the conformance suite every Store must pass. The bytes of appended
// records are handed to the Store, which may keep them without copying.
//
// # The journal
//
// Each record is one fact as JSON the library writes and reads itself,
// sealed by its checksum as its last field (Fact.Sum); V is its format.
// Format 2, which this version writes, spends what it must on what a
// replay or an audit needs and no more. The fields that name a fact keep
// format 1's names: v, kind, on, key, hash and sum (a store may copy key
// and hash into columns of its own, as examples/postgres does). The hash
// is the first 128 bits of the command's SHA-256, in base64url: ample to
// bind a key to its command (format 1 recorded all 256 bits in hex, and a
// key recorded so still replays: they are compared by those first 128
// bits). The commonest facts (advances, authorizations and declines,
// captures, deliveries, voids, refund requests, refunds, payments, payouts
// and limits) keep their data as "d": amounts in their text form ("CNY
// 259.00"), short names (p purchase, a amount, m merchant with e
// enrolled, c category, f fee rate and fi funds installment fees, pl plan,
// o original price, x rate, on the request's day, to an advance's day),
// and nothing the fact says already: no false, empty or zero field, no
// request day or advance day that is the fact's own (an advance to its
// own day has no data at all), no original price that is the amount. An
// authorization's decision is "r": what was available before ("b"), and
// only what the fact does not say already: what it left available ("af",
// unless it is the rest after the amount, or all of it for a decline),
// whether it was approved ("ok", unless the kind says so) and its
// reasons. Any other data or result, and data with a field its compact
// form does not hold (a value date, a restatement, a rate), is written as
// format 1 wrote it, the JSON of its type, under "data" or "result".
//
// Postings are kept in the journal, though a replay derives them: an
// audit reads the journal alone, with no library and no replay, and Events
// hands each fact out with its postings without working the line out
// again. They are written in pairs, "p":[["holder","merchant:tmall-shop-1",
// "CNY 259.00"]]: the first account moves by the amount, the second by its
// opposite (the Engine posts nothing else). A typical Huabei authorization
// takes 235 bytes instead of format 1's 563, a capture 162 instead of 243,
// a delivery 201 instead of 362, a payment 163 instead of 345, an advance
// 60 instead of 87.
//
// The library reads every format it has written: a journal, or a snapshot,
// of format 1 replays to the same line, and its keys replay. Whatever a
// record's format, a Fact read from it (Engine.Events, or Fact's own
// UnmarshalJSON) carries its Data, Result and Postings as the JSON of
// their types, as format 1 wrote them, with nothing left out.
//
// The Engine keeps up to Config.CacheLines lines decoded, with the keys
// their journals used. A command decides on the cached line and appends at
// its version, one round trip: if another Engine (or process) appended
// first, the store refuses the append, and the command reads the journal's
// tail and tries again; a command refused on the cached line is checked
// again against the journal before the refusal is returned; reads (Line,
// Quote, Events) read the tail. So several Engines may share one Store. A
// command checks its key against the very state it loaded, so no cache
// eviction or concurrent reload can make a used key look new. A store that
// answers with an older part of a journal than the Engine has read (a
// lagging replica) is a conflict: the command is tried again.
//
// # Lines that live for years
//
// What a command costs follows what is open on the line, not its history.
// Settled purchases leave the line's state in batches (Line.Purchases
// holds the open ones; Engine.Purchase reads any, and a refund of an
// archived purchase brings it back): the fact that archives them carries
// them, so the journal keeps everything. Keys beyond the latest few and
// archived purchases are found by fingerprint indexes of 20 bytes an
// entry, kept in snapshots; a match is confirmed by reading the one record
// it points to, checked against the checksum it continues, so a key used
// ten years ago still replays its first result or is refused, without a
// replay of the journal. A store that also implements RangeLoader returns
// that record alone. A snapshot holds the line and the indexes, and is
// written once SnapshotEvery facts have followed the last one, and for a
// large one, once the journal has grown by a quarter of its size, so that
// snapshots cost a constant share of the journal's bytes; it is encoded
// holding no lock other commands take. What still reads a whole journal:
// a value-dated payment or refund and a reversal (a restatement), a replay
// of an old key whose result is rebuilt rather than recorded (a capture,
// refund or payment: the journal up to its fact), and the first load after
// upgrading from a release whose snapshots held keys in full.
//
// # Keys, time and text
//
// Every command that changes a line carries an idempotency key (Advance
// aside: it is idempotent by its day). Keys are scoped to the line. The key
// binds the operation and every field of the first command to commit under
// it, except At: the same command sent again returns exactly what the
// first returned, for as long as the journal lasts, and anything else under
// the key is an *IdempotencyError. A retry that stamps a new At replays the
// first result. A refused command binds nothing; a declined authorization
// is recorded and binds its key.
//
// Nothing moves a line into the future. A command dated after the Clock's
// now plus Config.MaxAhead (5 minutes by default) is refused, and Advance
// goes no further than the day that instant posts on (the product's day,
// or the next one after a cut-off before midnight); a Clock outside the
// years MinYear to MaxYear is a *ClockError, and no command may be dated
// before MinYear. A zero At means now.
//
// Money in or out is never refused for a technical reason. Pay, Payout and
// Refund are taken whatever the line's status, closed included (money
// owed to a holder can always leave); and when the line cannot be brought
// to the command's day, because its billing rules fail there (a calendar
// that does not cover the day, a balance out of range), they post on the
// line's current day, which stays where it is until the line can move.
//
// Line IDs, holders, purchase IDs, keys, merchant IDs and categories,
// temporary-limit IDs and plan names are clean text: valid UTF-8 without
// control characters, at most MaxIDBytes bytes. They are taken as they
// are, spaces included: the Engine neither trims nor folds case nor
// normalizes. DecodeCommand and LoadProduct refuse JSON that is not valid
// UTF-8, escaped lone surrogates, keys given twice and keys in another
// case than the field's (encoding/json would merge two IDs into one, or
// read another value than a gateway that checked the first). No command
// carries an amount above MaxAmountUnits, no balance of a line may pass
// MaxBalanceUnits, and every sum the Engine takes is checked: a command
// that would break either is refused (overflow).
//
// # What the Engine trusts
//
// It trusts nothing it reads. Each record must carry the version after the
// one before it and a checksum that chains it to its predecessor from the
// line's ID (Fact.Sum), be in a format version this library reads, and
// apply; a journal begins with the opening of the very line asked for; a
// snapshot must be sealed by its own checksum, of that line, at a version
// its journal has, and taken from that journal. Anything else is a
// *CorruptError: nothing is committed and the line leaves the cache. The
// checksums guard against stores that lose, mix up or change bytes, not
// against forgery. The Engine appends only to the line a command
// names. What it cannot see is a store that answers with an older prefix
// of the journal (a lagging replica): it answers from that older state,
// and commits nothing on it, because its append then fails the
// compare-and-swap. It assumes of a store only what Store documents: that
// Append is an atomic compare-and-swap and that Load returns records as
// they were appended.
//
// What the Engine hands out (lines, purchases, decisions, balances) is a
// copy: a host may keep, sort or change it. A host Rule sees its own copy
// of the request, and deep copies of the line and product on demand
// (RuleInput); a rule that panics, or declines with a reason the journal
// cannot keep, is a *RuleError and the command changes nothing.
//
// # Errors
//
// A command the line cannot take is a *CommandError (errors.Is
// ErrInvalidCommand) and changes nothing. Its Code is stable, and Field
// names the command's field at fault:
//
//	any command      missing_key, bad_id (a key or ID that is not clean
//	                 text), missing_id, future_dated (dated past the
//	                 clock), bad_date (dated before MinYear),
//	                 before_opening (dated before the line opened),
//	                 line_closed (changes on a closed line), overflow (a
//	                 balance past MaxBalanceUnits, or a sum past int64)
//	OpenLine         unknown_product, missing_limit, currency_mismatch,
//	                 limit_out_of_range, line_exists
//	Authorize        bad_amount, currency_mismatch (the amount is not in the
//	                 line's currency, or the rate does not convert to it),
//	                 conversion_failed, bad_purchase_id (empty, not clean
//	                 text, or used on the line already), bad_fee_rate
//	Capture          unknown_purchase, not_authorized (voided, expired or
//	                 fully captured), bad_amount, above_authorized
//	ConfirmDelivery  unknown_purchase, nothing_captured, bad_amount (it
//	                 takes none)
//	Void             unknown_purchase, not_authorized, bad_amount (it takes
//	                 none)
//	Refund           unknown_purchase, bad_amount, above_refundable,
//	                 conversion_failed
//	RequestRefund    unknown_purchase, refund_requested, nothing_refundable
//	CloseRefundRequest unknown_purchase, no_refund_request
//	Pay, Payout      bad_amount, above_credit_balance (Payout)
//	Advance          bad_date, future_dated
//	ChangeLine       limit_out_of_range, bad_temp_limit,
//	                 above_max_temp_limit, bad_status, not_settled (closing
//	                 with anything owed, held or in credit),
//	                 due_days_not_offered, due_days_changed_this_year,
//	                 plan_not_offered, nothing_to_change, several_changes,
//	                 charged_off (a conversion on a charged-off line)
//	DeferDue         not_offered, bad_days, nothing_to_defer,
//	                 statement_late, deferred_already, defer_limit,
//	                 charged_off
//	Reschedule       not_offered, plan_not_offered, unknown_purchase,
//	                 nothing_to_reschedule, rescheduled_already, charged_off
//	Reage            not_offered, line_closed, charged_off, nothing_to_reage,
//	                 reage_too_soon, reage_limit, reage_not_earned
//	PayOff           bad_periods, payoff_amount, nothing_to_pay_off,
//	                 charged_off (the line is charged off: Pay pays it)
//	DecodeCommand    bad_json (including JSON that is not UTF-8),
//	                 bad_command_type
//	(any)            rejected: the billing rules refuse the change;
//	                 advance_failed: bringing the line to the command's
//	                 day failed; Err says why
//
// An unknown line is ErrNotFound; so is an unknown purchase, inside a
// *CommandError with code unknown_purchase. A key used again for a
// different command is an *IdempotencyError; a store that returns what the
// Engine did not write, a *CorruptError; a host rule that fails, a
// *RuleError; a clock out of range, a *ClockError; a Config NewEngine
// cannot take, a *ConfigError. A product that does not load or validate
// is a *ProductError naming the field. An authorization the rules decline
// is not an error: it is a Decision with its reasons, and it is recorded,
// so that its key replays it.
//
// # The book: portfolio and what-if
//
// Report folds many lines, read through an iterator the host supplies,
// into a Portfolio: limits, outstanding, utilization, past-due buckets
// and charged-off balances. Package funding splits lines between the
// institutions that fund them in shares (joint lending), from their
// facts, and gives each funder its part of the portfolio.
//
// Engine.WhatIf replays lines under a proposed change to their product (a
// penalty rate, an installment fee, a statement day, grace days, a
// calendar, a purchase rule) beside the product as it is, and reports, line
// by line and in total, what would differ: each statement's closing
// balance, minimum and due date; income by kind (interest, fees,
// penalties, merchant fees), summed from the postings; delinquency (the
// statements that went late, the days overdue, the most days past due,
// and whether the line is overdue at the end); the annualized rate each
// installment purchase's plan discloses; and the authorizations the
// proposal would decide otherwise. It reads the journals and writes
// nothing, to the store or to the Engine's cache. A line is the fold of
// its journal, so the report is exact and the same every time, and a
// proposal that is the product as it is reports no difference.
//
// The history is the host's and stands: every fact replays on its day as
// recorded, approvals and declines, captures and deliveries, payments of
// what was paid on the day it was paid. What the proposal changes is what
// the product works out from them: statements, interest, penalties, fees,
// minimums, due dates, schedules. So an authorization keeps its decision
// (the proposal's rules, and the Engine's Rules, decide it again, and a
// different decision is only counted); a payoff pays what the proposal's
// quote comes to; a deferral moves the due date as it did, for the
// proposal's fee; a rescheduling takes the proposal's plan of the same
// name when it offers one; a re-age gives the due date the proposal
// works out; a value-dated payment or refund, or a reversal, that
// restated the line restates it again from the proposal's own history, as
// the Engine would have (on its own day when that cannot be worked out,
// or when the value date is further back than the proposal takes), and
// one that posted on its own day does so again. Calendar answers pinned in
// the journal are the past's: a proposal with the product's calendar
// takes them (a fact's own first) and asks the calendar only the days the
// journal never answered, such as the due dates of a new statement day;
// one that names another calendar, or answers uncovered days otherwise,
// asks its own for every day.
//
// A fact the proposal cannot take stops its line's replay: the line is
// reported with the fact (version, kind, day) and the reason, and left out
// of the totals. Such are a plan the proposal no longer offers, a capture
// of a hold its hold days let expire, a delivery of a purchase it had
// posted already (on capture, or by its automatic confirmation), a payout
// of more than the credit balance the line would have, a payoff with
// nothing left to pay off, and closing a line it leaves owing. A payment
// is never refused: one that pays more than the proposal asks leaves a
// credit balance. Delinquency is as the Engine saw it after each fact: a
// restatement does not take back the days the line was seen overdue, nor
// add those it was not.
package credit
