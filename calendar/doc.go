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
// # Projected calendars
//
// A notice comes out only weeks before its year, but a loan's due dates
// reach years ahead. ChinaProjection places, for any year, the statutory
// days of the national holiday measures (全国年节及纪念日放假办法) in the
// revision in force that year: the 2013 revision (State Council Decree
// No. 644, 11 December 2013) through 2024, and from 2025 the 2024 revision
// (Decree No. 795, 10 November 2024), which made the lunar New Year's Eve
// and 2 May statutory days. Statute2013 and Statute2024 apply one revision
// to every year, to compare. Article 6 of the measures makes up a holiday
// that falls on a weekend on a working day (补假), and the projection does
// so: each such day, or one that falls on another holiday (Mid-Autumn on
// 1 October), gives the first free weekday after it. It never projects a
// make-up working weekend (调休): only the notice decides those.
//
// The lunar holidays and Qingming come from the Hong Kong Observatory's
// Gregorian-Lunar Calendar Conversion Tables
// (https://www.hko.gov.hk/en/gts/time/conversion.htm, China Standard Time,
// the same as the Purple Mountain Observatory's official calendar), for
// 2014 through 2100, embedded as china_lunar.txt. They were read from a
// transcription of the tables on GitHub (natalieboswinkln606-png/zhongguogushu,
// data/shuowang_raw/hko_shuo_1948_2100.csv and
// data/solar_terms_raw/hko_dates_1948_2100.csv) on 2026-12-05; the tests
// recompute every one of those dates from J. Meeus's Astronomical
// Algorithms (new moons, chapter 49; the Sun, chapter 25) and find them
// all, and check that each official year 2015-2026 has its Spring
// Festival, Qingming, Dragon Boat and Mid-Autumn where china.json does.
// LoadChinaProjection reads a table of the same format, to correct it or
// reach further.
//
// ChinaProjected (or Official.WithProjection) answers from the notices
// where they exist and from the projection elsewhere; IsProjected and
// Day.Projected tell which. A notice loaded later with With makes its
// year official again. Against the official years 2015-2026 (to 19
// December 2026) the projection under the law in force agrees on 98.2% of
// days, a make-up weekend counted as the day off it would be; it has 135
// of the 214 official weekday days off (63.1%), and 1 weekday off the
// State Council did not give (Mid-Autumn 2015, a Sunday, was not made
// up); rolling every date of those years to the next working day
// (Following) gives the official day for 92.1% of dates, and for 94.2%
// once make-up weekends are taken as days off. Without Article 6's
// substitutes the figures are 97.3%, 45.3% and 91.4%: substitutes are
// kept. The 2024 law applied to every year catches 70.1% of the weekday
// days off. TestProjectionHitRate prints the yearly figures.
//
// What a projection can get wrong: the make-up weekends, always; the days
// the State Council adds by moving weekends to form week-long breaks
// (since 2025, by its stated practice, 8 days from the Spring Festival
// eve, 7 for National Day, 5 for Labour Day, 3 for the others unless they
// fall on a Wednesday, 8 when Mid-Autumn meets National Day), which is
// most of the weekday days off it misses; a one-off holiday (3-4 September
// 2015) or a change within a year (Labour Day 2019, the 2020 extension);
// a revision of the measures; and a lunar date whose new moon or solar
// term falls within minutes of midnight, where tables computed decades
// ahead may differ by a day (the Observatory names 28 September 2057;
// folk calendars already differ for 2030's New Year, which the table puts
// on 3 February as the Observatory does).
//
// A projection never runs out. Outside the table's years it answers from
// Saturdays, Sundays and the fixed-date holidays (1 January, 1 May and,
// under the 2024 law, 2 May, 1-3 October, with their substitutes), which
// misses the Spring Festival, Qingming, Dragon Boat and Mid-Autumn; Covers
// then reports false, and Official.Until and Projection.Covered give the
// last covered date, so that a product can decide what to do with a due
// date beyond it. The 2027 notice (国务院办公厅关于2027年部分节假日安排的通知)
// was not in the material searched for this release; until it is loaded,
// 2027 is projected.
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
