// Package credit is the package a host application calls: products as data,
// credit lines, purchase authorization, the purchase lifecycle, repayment,
// and the Engine that applies commands to lines kept in the host's Store.
//
// Deciding is pure; the Engine only loads a line's journal, decides, appends
// the new facts and retries on conflicts. Billing mathematics lives in the
// billing package, amounts in money and dates in calendar.
package credit
