// Package billing holds the pricing and statement mathematics of a credit
// product. It is pure computation over the money and calendar packages: it
// keeps no state, performs no I/O and does not know how credit lines are
// stored or authorized. The credit package calls it.
//
// # Installment plans and loans
//
// A Plan is an installment plan as data (it loads from JSON): the number of
// periods, a fee model (a total rate spread over the periods as Huabei
// does, a rate of the original principal every period as JD Baitiao and
// bank cards do, a flat fee, or none), who pays the fee (the shopper, or
// the merchant in an "interest-free" promotion), how shares are rounded
// (Alipay's published rule, or half-up with the rest in the last period),
// an optional down payment ("pay in 4") and the calendar.DateRule that
// gives each period's due date. Plan.Schedule lays it out.
//
// A Loan is an interest-bearing amortizing loan: equal installments
// (annuity) or equal principal, on the declining balance or flat, with a
// day-count convention (periodic, Actual/365, Actual/360, 30/360,
// Actual/Actual) and optionally installments in multiples of a unit. The
// annuity payment is rounded half-up and the last installment absorbs every
// rounding difference; interest is rounded half-even once per period.
//
// # Promotions: shared fees and free periods
//
// Two fields of a Plan price the promotions of a campaign such as 11.11.
// FeePayer SharedFee with a MerchantShare (strictly between 0 and 1) splits
// the fee: the merchant pays round(fee × share), half-even to the minor
// unit (Schedule.MerchantFee), and the shopper the rest, divided into the
// periods by the plan's split rule as a fee the shopper pays alone is.
// FreePeriods is an interest-free coupon: the shopper's fee of periods 1
// to FreePeriods is waived (all of it when FreePeriods >= Periods; a fee
// paid up front with a down payment counts as period 1's). The waived
// fee is Schedule.PromotionFee, for whoever funds the promotion; the
// shopper's rows carry a fee of zero in those periods, so statements show
// only what the shopper owes. The shares are worked out first and then
// waived, so a coupon never moves fee between periods: CNY 1,200 on
// Huabei's 12 periods at 8.8% costs 105.60, 8.80 a period; with 3 periods
// free the promotion funds 26.40 and the shopper pays 79.20, 8.80 in each
// of periods 4 to 12. TotalFee + MerchantFee + PromotionFee is always the
// plan's whole fee. The zero values (FeePayer Buyer, no share, no free
// periods) are the plan as it was.
//
// Every Schedule's rows sum exactly to its principal, fee and interest.
// Schedule.Payoff quotes an early settlement under a PayoffPolicy for fees
// not yet billed (charge all, charge billed only, charge none); interest
// runs to the payoff date.
//
// # Cycles, statements, interest and penalties
//
// A CycleRule places purchases on statements: the statement day, the due
// rule (the 10th of the month, statement + 9 days, or 30 days after each
// purchase as in JD's order mode), whether purchases post on payment or on
// delivery, the cut-off time, whether the statement day closes the cycle
// (sources disagree for Huabei), and grace days. Rules adds the interest
// rule (Huabei's 0.05% a day on the remainder after a minimum payment,
// PRC bank cards' interest from each purchase's posting date once the
// full payment is missed, or US daily-balance interest with a grace
// period, which once lost reaches back only over the most recent cycle's
// days and only on what was not repaid in it, as 12 CFR 1026.54
// requires), the penalty rule (a daily rate on what is overdue, or tiered
// late fees with caps: per order, per statement, or no more than the
// minimum that was due, as 12 CFR 1026.52(b)(2)(i)(A) requires; per
// missed installment for pay-in-4 products), the composable minimum payment, the payment
// Allocation (presets for Huabei, the classic order and US cards) and the
// rounding of posted interest.
//
// Account is a line's billing state as a plain value, and every operation
// on it is a pure function that returns a new Account: Purchase,
// InstallmentPurchase, Charge, Pay, Refund, Payout, ConvertToInstallments
// (bill installments), AccrueThrough and CloseStatement. Each change is
// itemized as a Line, so a Statement reconciles exactly: opening + charges
// − credits = closing, where closing is everything owed (future
// installment periods included) less any credit balance; Balance is the
// part billed and due. Interest and penalties accrue exactly in 10^-12 of
// a minor unit (Accrual) and are rounded once, when a statement posts
// them; a day accrues on the balance that day opened with, so a payment
// made on a day stops interest from the next.
//
// Choices where the sources are silent: a refund pays its own purchase
// first (unbilled before billed; an installment plan's periods from the
// last back, waiving their fees), then other debt, then becomes a credit
// balance; a payment does not pay installment periods not yet billed
// (that is an early payoff); a converted statement's plan starts on the
// statement date, so its first period is billed on the next statement;
// the account is overdue from the day after a missed minimum's due date
// and grace days until everything billed on that statement is repaid. A
// credit balance pays debt as soon as a payment could (a purchase as it
// posts; an installment period, fee, interest or penalty as it is billed,
// before the statement's balance and minimum are worked out), so a holder
// in credit is never billed, or late, for what the credit covers.
//
// # Charge-off, recoveries and write-offs
//
// Rules.ChargeOff charges an account off once it is more than AfterDays
// days past due, days counted from the oldest due date it is overdue by
// (Account.PastDueSince): interest and penalties accrued to that day post,
// everything owed moves to the charged-off balance (debts marked
// ChargedOff, future installment periods billed and due at once), a
// ChargeOffLine and a ChargedOffLine of the same amount record the move,
// and from then on nothing accrues and the account is never overdue.
// Account.ChargeOff keeps the sums: charged off, recovered, written off and
// the balance still owed. A payment of a charged-off balance is a
// RecoveryLine; what pays beyond it is a credit balance as ever; a debt
// that arises later is charged off the day it arises; a payoff or a
// conversion into installments is refused, the balance being due in
// full.
//
// Rules.WriteOff writes off small remainders (WriteOffLine): what is left
// billed and past due on the day after a due date, when it is no more
// than UpTo (China's tolerance repayment, 容差还款), and a charged-off
// balance that comes to no more than UpTo. The zero rules do neither.
//
// # Hardship: deferred due dates, rescheduled plans and re-aging
//
// Account.Defer moves the last statement's due date later (a deferred
// repayment, Huabei's 延期还款), with the due dates of what it billed
// that is still owed: penalties, overdue status, interest after the due
// date and the loss of a grace period all follow the new date, so a
// statement paid by it is on time. It is taken only while the statement
// is not yet late, and records a DeferralLine (amount zero) and any fee.
// Account.Reschedule re-spreads an installment plan's principal in periods
// not yet billed over a new Plan from the day it is asked: the old
// periods' fees are waived and the new plan's are owed, and the principal
// moves by a ConversionLine and an InstallmentPurchaseLine that cancel.
//
// Account.Reage brings a past-due account current without forgiving any
// of it (re-aging: the FFIEC's Uniform Retail Credit Classification and
// Account Management Policy, 65 Fed. Reg. 36903, June 12, 2000, allows it
// for a US bank's open-end account at most once in twelve months and
// twice in five years, for an account open nine months whose borrower has
// paid three minimum payments or their sum; the credit package applies
// those conditions). Every billed debt past its due date becomes due on
// ReageDue, the last statement's due date if it has not passed, else the
// next statement's; the account is no longer overdue, so its days past
// due, penalties and late fees start again only if it falls behind
// again. What is owed does not change: penalties and fees charged stay,
// and interest that runs after a due date runs from the debt's first
// due date (Debt.FirstDue). The minimum the statement asks is the regular
// one (MinimumBasis.Current). A ReageLine (amount zero) records it.
//
// # Annualized rates
//
// Schedule.AnnualizedRate and PeriodicRate give the internal rate of
// return of the shopper's cash flows per period, with all fees as cost and
// the outstanding principal as base, both as the nominal annual rate
// (periodic × periods a year: the PRC "annualized rate (simple)", the US
// APR) and as the effective, compounded rate. ActuarialAPR follows
// Regulation Z Appendix J for dated payments with odd first periods, and
// XIRR handles arbitrary dated cash flows on a 365-day year. Rates carry
// RatePlaces decimal places. The solver works in exact 62-bit fixed point
// (internal/fixed), never in float64, and always terminates: it bisects
// the discount factor to the last bit. It searches rates of zero and
// above; flows that would need a negative rate are ErrNoRate.
package billing
