// Package billing holds the pricing and statement mathematics of a credit
// product: billing cycles, statements, interest and penalty accrual, minimum
// payments, installment plans and their schedules, annualized-rate
// disclosure, and payment allocation.
//
// It is pure computation over the money and calendar packages: it keeps no
// state, performs no I/O and does not know how credit lines are stored or
// authorized. The credit package calls it.
package billing
