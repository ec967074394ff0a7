// Package calendar holds civil dates, business-day calendars and the date
// rules billing uses.
//
// A Date is a day (year, month, day) with no time and no zone: statement
// days and due days are dates in a product's time zone, not instants. An
// instant becomes a date once, at the edge, with DateOf and the product's
// zone; a date becomes an instant with Start or At (a Huabei bill is due at
// 24:00 Beijing time on its due date: At(24, 0, zone)). Nothing in this
// package reads the clock or time.Local.
//
// Months are added with clamping to the month's end (31 January + 1 month
// is 28 or 29 February). Clamping loses the day, so a monthly schedule
// counts every date from its anchor: DateRule's Monthly kind does.
//
// # Business calendars
//
// Billing asks one question, WorkingDays.IsWorkingDay. Official answers it
// for mainland China from the State Council's yearly holiday notices
// (China: 2015 through 2026, each year naming its notices in china.json),
// including make-up working days on weekends, the New Year holidays that
// begin in the previous December, the one-off holiday of 3-5 September 2015,
// the 2019 Labour Day change and the 2020 Spring Festival extension. A date
// without data is never guessed at: it is a *CoverageError (ErrNotCovered).
// Because a New Year arrangement can reach back into December, the last
// twelve days of a year are covered only once the next year's notice is
// loaded. Hosts load further years or corrections at run time in the same
// JSON format with LoadOfficial or Official.With, without a new release.
//
// Rickar adapts any github.com/rickar/cal/v2 country calendar (US, GB, JP,
// ...), and MondayToFriday has no holidays. All are safe for concurrent use;
// Official is immutable.
//
// # Rolling, counting and rules
//
// RollDate applies a business-day convention (Following, ModifiedFollowing,
// Preceding, ModifiedPreceding); AddWorkingDays and CountWorkingDays step
// over working days. A DateRule, plain data that loads from JSON, computes a
// due date: day N of the month after X (Huabei), X + N days (JD Baitiao's
// statement and order modes), or the same day every month from an anchor
// (installments), each with an optional roll.
//
// The package imports nothing else from this module.
package calendar
