// Package calendar holds civil dates, time zones at the edge, business-day
// calendars and the date rules that billing uses.
//
// It owns dates as (year, month, day) values, the conversion of an instant to
// the date it falls on in a product's time zone, business-day calendars
// (mainland China's official working days among them) and rules such as
// "the 10th of the month after delivery".
//
// It does not know about money, statements or credit lines, and it never
// reads the clock or time.Local. It imports nothing else from this module.
package calendar
