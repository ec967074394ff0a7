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
// Every Schedule's rows sum exactly to its principal, fee and interest.
// Schedule.Payoff quotes an early settlement under a PayoffPolicy for fees
// not yet billed (charge all, charge billed only, charge none); interest
// runs to the payoff date.
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
