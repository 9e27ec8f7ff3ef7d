//! Calendar dates as the contract writes them (`YYYY-MM-DD`), with exact day arithmetic.
//!
//! Dates are stored as a day number (days since 1970-01-01) so that global periods,
//! filing limits and eligibility ages are plain integer subtraction.

use std::fmt;

/// A proleptic-Gregorian calendar date (`YYYY-MM-DD` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
// JSON and TypeScript see the contract's `YYYY-MM-DD` text.
#[ts(rename = "IsoDate", type = "string")]
pub struct Date {
    days: i32,
}

impl Date {
    /// Builds a date from year, month and day; `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { days: days_from_civil(year, month, day) })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = &text[r];
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The date `days` days since 1970-01-01 (negative before it).
    pub fn from_days_since_epoch(days: i32) -> Date {
        Date { days }
    }

    pub fn days_since_epoch(self) -> i32 {
        self.days
    }

    /// Whole days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.days - earlier.days
    }

    pub fn add_days(self, n: i32) -> Date {
        Date { days: self.days + n }
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// The same calendar day `years` later; February 29 falls back to February 28.
    pub fn add_years(self, years: i32) -> Date {
        let (y, m, d) = self.ymd();
        let y2 = y + years;
        let d2 = d.min(days_in_month(y2, m));
        Date::from_ymd(y2, m, d2).unwrap_or(self)
    }

    /// Whole years of age on `on` for someone born on `self`.
    pub fn years_until(self, on: Date) -> i32 {
        let (by, bm, bd) = self.ymd();
        let (y, m, d) = on.ymd();
        let mut age = y - by;
        if (m, d) < (bm, bd) {
            age -= 1;
        }
        age
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole proleptic calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2026-04-07", "1946-03-14", "9999-12-31"] {
            assert_eq!(Date::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-4-7", "2026/04/07", "", "20260407", "2026-04-0a"] {
            assert!(Date::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn day_arithmetic_is_exact() {
        let june1 = Date::parse("2026-06-01").unwrap();
        assert_eq!(june1.add_days(10).to_string(), "2026-06-11");
        assert_eq!(Date::parse("2027-01-01").unwrap().days_since(Date::parse("2026-01-01").unwrap()), 365);
        assert_eq!(Date::parse("2024-02-29").unwrap().add_years(1).to_string(), "2025-02-28");
    }

    #[test]
    fn age_in_whole_years() {
        let born = Date::parse("1946-03-14").unwrap();
        assert_eq!(born.years_until(Date::parse("2026-03-13").unwrap()), 79);
        assert_eq!(born.years_until(Date::parse("2026-03-14").unwrap()), 80);
    }
}
