//! Parsing dates the way a hurried secretary types them.
//!
//! Accepted: ISO `2026-03-04`; `today`, `yesterday`, `tomorrow`; relative
//! offsets `+3d`, `-2w`, `+1m`, `-1y`; weekday names (`friday`, `last fri`,
//! `next monday`); and `dd/mm/yyyy` or `mm/dd/yyyy` (also with `.` or `-`)
//! only when a date order says which, or when a part over 12 proves it.
//! A two-digit year (`02/11/11`, as spreadsheets write dates back) is the
//! year ending so that is nearest today ([`full_year`]).
//! Solar Hijri dates are read from their year (`1405-09-06`, `۱۴۰۵/۰۹/۰۶`).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::error::{Error, Result};

/// Which way a written `a/b/yyyy` date is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum DateOrder {
    /// year-month-day
    Ymd,
    /// day/month/year, as in most of the world
    Dmy,
    /// month/day/year, as in the United States
    Mdy,
}

/// Whether a bare weekday name means the last one or the next one: a
/// contact happened in the past, a follow-up is due in the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// Parses `input` relative to `today`.
pub fn parse(input: &str, today: NaiveDate, order: Option<DateOrder>, tense: Tense) -> Result<NaiveDate> {
    let s = input.trim().to_lowercase();
    let s = crate::text::fold(&s);
    if s.is_empty() {
        return Err(Error::user("empty date").hint(FORMS));
    }
    match s.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return Ok(today - Days::new(1)),
        "tomorrow" => return Ok(today + Days::new(1)),
        _ => {}
    }
    if let Some(d) = relative(&s, today) {
        return d.ok_or_else(|| invalid(input));
    }
    if let Some(d) = weekday(&s, today, tense) {
        return Ok(d);
    }
    if let Some(d) = numeric(input.trim(), &s, order, today)? {
        return Ok(d);
    }
    Err(invalid(input))
}

const FORMS: &str = "write dates as 2026-03-04, today, yesterday, +3d, -2w, +1m, friday or last friday";

fn invalid(input: &str) -> Error {
    Error::user(format!("invalid date {}", crate::text::quoted(input.trim()))).hint(FORMS)
}

/// `+3d`, `-2w`, `+1m`, `-1y` (the sign may be left out for a future date).
fn relative(s: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1i64, &s[1..]),
        b'-' => (-1i64, &s[1..]),
        _ => (1i64, s),
    };
    let unit = rest.chars().last()?;
    let n: u32 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    if !matches!(unit, 'd' | 'w' | 'm' | 'y') {
        return None;
    }
    let shifted = match (unit, sign > 0) {
        ('d', true) => today.checked_add_days(Days::new(n.into())),
        ('d', false) => today.checked_sub_days(Days::new(n.into())),
        ('w', true) => today.checked_add_days(Days::new(u64::from(n) * 7)),
        ('w', false) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        ('m', true) => today.checked_add_months(Months::new(n)),
        ('m', false) => today.checked_sub_months(Months::new(n)),
        ('y', true) => n
            .checked_mul(12)
            .and_then(|m| today.checked_add_months(Months::new(m))),
        (_, _) => n
            .checked_mul(12)
            .and_then(|m| today.checked_sub_months(Months::new(m))),
    };
    Some(shifted)
}

fn weekday(s: &str, today: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let (tense, name) = if let Some(rest) = s.strip_prefix("last ") {
        (Tense::Past, rest)
    } else if let Some(rest) = s.strip_prefix("next ") {
        (Tense::Future, rest)
    } else {
        (tense, s)
    };
    let wd: Weekday = name.trim().parse().ok()?;
    let today_n = i64::from(today.weekday().num_days_from_monday());
    let want = i64::from(wd.num_days_from_monday());
    let offset = match tense {
        // The most recent such day, today included.
        Tense::Past => -((today_n - want).rem_euclid(7)),
        // The next such day, today excluded: "friday" on a Friday means next week.
        Tense::Future => {
            let d = (want - today_n).rem_euclid(7);
            if d == 0 { 7 } else { d }
        }
    };
    today.checked_add_signed(chrono::Duration::days(offset))
}

/// The parts of a date written `a/b/yyyy` or `a/b/yy` (digits of any
/// script), or `None` for other forms.
fn day_month_year(input: &str) -> Option<Vec<String>> {
    let folded = crate::text::fold(input.trim());
    let parts: Vec<String> = folded.split(['-', '/', '.']).map(str::to_string).collect();
    let ok = parts.len() == 3
        && matches!(parts[2].len(), 2 | 4)
        && (1..=2).contains(&parts[0].len())
        && (1..=2).contains(&parts[1].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(parts)
}

/// Whether `input` is a date written with a two-digit year (`02/11/11`).
pub fn has_short_year(input: &str) -> bool {
    day_month_year(input).is_some_and(|p| p[2].len() == 2)
}

/// The four-digit year a two-digit one stands for: the one nearest to
/// today's year (in 2026, `75` is 2075 and `76` is 1976).
pub fn full_year(short: u32, today: NaiveDate) -> i32 {
    let now = today.year();
    let base = now - now.rem_euclid(100) + short as i32;
    [base - 100, base, base + 100]
        .into_iter()
        .min_by_key(|y| ((y - now).abs(), *y))
        .unwrap_or(base)
}

/// How two-digit years are read, for hints: `00–75 as 2000–2075, 76–99 as
/// 1976–1999` in 2026.
pub fn short_year_rule(today: NaiveDate) -> String {
    let ranges: Vec<(u32, i32)> = (0..100).map(|y| (y, full_year(y, today))).collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..=ranges.len() {
        if i == ranges.len() || ranges[i].1 != ranges[i - 1].1 + 1 {
            let (a, ya) = ranges[start];
            let (b, yb) = ranges[i - 1];
            parts.push(format!("{a:02}–{b:02} as {ya}–{yb}"));
            start = i;
        }
    }
    format!(
        "a two-digit year is read as the one nearest today: {}",
        parts.join(", ")
    )
}

/// What a date written `a/b/yyyy` proves about the order of a column:
/// `Dmy` when `a` cannot be a month, `Mdy` when `b` cannot be; `None` for
/// other forms and for dates that read either way.
pub fn order_evidence(input: &str) -> Option<DateOrder> {
    let parts = day_month_year(input)?;
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    match (a > 12, b > 12) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// Whether `input` is an `a/b/yyyy` date that reads differently day-first
/// and month-first.
pub fn is_ambiguous(input: &str) -> bool {
    let Some(parts) = day_month_year(input) else {
        return false;
    };
    match (parts[0].parse::<u32>(), parts[1].parse::<u32>()) {
        (Ok(a), Ok(b)) => a <= 12 && b <= 12 && a != b,
        _ => false,
    }
}

/// ISO dates and the `a/b/yyyy` family.
fn numeric(
    original: &str,
    folded: &str,
    order: Option<DateOrder>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let parts: Vec<&str> = folded.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Ok(None);
    }
    let num = |p: &str| p.parse::<u32>().ok();
    let (Some(a), Some(b), Some(c)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
        return Ok(None);
    };
    let (y, m, d) = if parts[0].len() == 4 {
        (a, b, c)
    } else if parts[2].len() == 4 || (parts[2].len() == 2 && parts[0].len() <= 2 && parts[1].len() <= 2) {
        let short = parts[2].len() == 2;
        let order = match order {
            // The same number twice reads the same either way round.
            Some(DateOrder::Ymd) | None if a == b => DateOrder::Dmy,
            Some(DateOrder::Ymd) | None if a > 12 => DateOrder::Dmy,
            Some(DateOrder::Ymd) | None if b > 12 && a <= 12 => DateOrder::Mdy,
            Some(o @ (DateOrder::Dmy | DateOrder::Mdy)) => o,
            _ => {
                return Err(Error::user(format!(
                    "ambiguous date `{original}`: day and month could be either way round"
                ))
                .hint(if short {
                    format!(
                        "pass --date-order dmy or --date-order mdy ({})",
                        short_year_rule(today)
                    )
                } else {
                    format!(
                        "write it as {c:04}-{b:02}-{a:02} (ISO), or pass --date-order dmy or --date-order mdy"
                    )
                }));
            }
        };
        let c = if short {
            u32::try_from(full_year(c, today)).map_err(|_| invalid(original))?
        } else {
            c
        };
        if order == DateOrder::Dmy {
            (c, b, a)
        } else {
            (c, a, b)
        }
    } else {
        return Ok(None);
    };
    let year = i32::try_from(y).map_err(|_| invalid(original))?;
    // No contact of this office predates 1700: a year from 1200 to 1699 is a
    // Solar Hijri year (1405-09-06 is 2026-11-27).
    if (1200..1700).contains(&year) {
        let (Ok(pm), Ok(pd)) = (u8::try_from(m), u8::try_from(d)) else {
            return Err(invalid(original));
        };
        return crate::calendar::from_persian(year, pm, pd)
            .map(Some)
            .ok_or_else(|| {
                Error::user(format!(
                    "impossible Solar Hijri date `{original}`: no day {d} in month {m} of {y}"
                ))
                .hint("check the day and the month (Esfand has 29 days except in leap years)")
            });
    }
    match NaiveDate::from_ymd_opt(year, m, d) {
        Some(date) if (1000..=9999).contains(&year) => Ok(Some(date)),
        _ => Err(Error::user(format!(
            "impossible date `{original}`: no day {d} in month {m} of {y}"
        ))
        .hint("check the day and the month")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        // A Friday.
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn p(s: &str) -> Result<NaiveDate> {
        parse(s, today(), None, Tense::Past)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn iso_and_words() {
        assert_eq!(p("2026-03-04").unwrap(), ymd(2026, 3, 4));
        assert_eq!(p("today").unwrap(), today());
        assert_eq!(p("Yesterday").unwrap(), ymd(2026, 11, 26));
        assert_eq!(p("tomorrow").unwrap(), ymd(2026, 11, 28));
        assert_eq!(p("۲۰۲۶-۰۳-۰۴").unwrap(), ymd(2026, 3, 4));
    }

    #[test]
    fn relative_offsets() {
        assert_eq!(p("+3d").unwrap(), ymd(2026, 11, 30));
        assert_eq!(p("-2w").unwrap(), ymd(2026, 11, 13));
        assert_eq!(p("+1m").unwrap(), ymd(2026, 12, 27));
        assert_eq!(p("-1y").unwrap(), ymd(2025, 11, 27));
        assert_eq!(p("10d").unwrap(), ymd(2026, 12, 7));
        assert!(p("+99999999y").is_err());
    }

    #[test]
    fn weekdays_lean_by_field() {
        assert_eq!(
            parse("monday", today(), None, Tense::Past).unwrap(),
            ymd(2026, 11, 23)
        );
        assert_eq!(
            parse("monday", today(), None, Tense::Future).unwrap(),
            ymd(2026, 11, 30)
        );
        assert_eq!(parse("friday", today(), None, Tense::Past).unwrap(), today());
        assert_eq!(
            parse("fri", today(), None, Tense::Future).unwrap(),
            ymd(2026, 12, 4)
        );
        assert_eq!(p("next tue").unwrap(), ymd(2026, 12, 1));
        assert_eq!(
            parse("last wed", today(), None, Tense::Future).unwrap(),
            ymd(2026, 11, 25)
        );
    }

    #[test]
    fn ambiguous_dates_are_refused_without_an_order() {
        let err = p("03/04/2026").unwrap_err();
        assert!(
            err.message.starts_with("ambiguous date `03/04/2026`"),
            "{}",
            err.message
        );
        assert_eq!(
            parse("03/04/2026", today(), Some(DateOrder::Dmy), Tense::Past).unwrap(),
            ymd(2026, 4, 3)
        );
        assert_eq!(
            parse("03/04/2026", today(), Some(DateOrder::Mdy), Tense::Past).unwrap(),
            ymd(2026, 3, 4)
        );
    }

    #[test]
    fn a_part_over_twelve_proves_the_order() {
        assert_eq!(p("14/05/2009").unwrap(), ymd(2009, 5, 14));
        assert_eq!(p("05/14/2009").unwrap(), ymd(2009, 5, 14));
        assert_eq!(p("14.05.2009").unwrap(), ymd(2009, 5, 14));
    }

    #[test]
    fn columns_learn_their_order_from_unambiguous_dates() {
        assert_eq!(order_evidence("14/05/2009"), Some(DateOrder::Dmy));
        assert_eq!(order_evidence("05/14/2009"), Some(DateOrder::Mdy));
        assert_eq!(order_evidence("03/04/2026"), None);
        assert_eq!(order_evidence("2026-03-04"), None);
        assert!(is_ambiguous("03/04/2026"));
        assert!(!is_ambiguous("04/04/2026"));
        assert!(!is_ambiguous("2026-03-04"));
        assert_eq!(p("04/04/2026").unwrap(), ymd(2026, 4, 4));
    }

    #[test]
    fn two_digit_years_are_the_nearest_to_today() {
        assert_eq!(full_year(9, today()), 2009);
        assert_eq!(full_year(75, today()), 2075);
        assert_eq!(full_year(76, today()), 1976);
        assert_eq!(
            parse("05/14/09", today(), None, Tense::Past).unwrap(),
            ymd(2009, 5, 14)
        );
        assert_eq!(
            parse("02/11/11", today(), Some(DateOrder::Mdy), Tense::Past).unwrap(),
            ymd(2011, 2, 11)
        );
        assert_eq!(
            parse("02/11/11", today(), Some(DateOrder::Dmy), Tense::Past).unwrap(),
            ymd(2011, 11, 2)
        );
        let err = p("02/11/11").unwrap_err();
        assert!(err.message.starts_with("ambiguous date"), "{}", err.message);
        assert!(
            err.hints[0].contains("00–75 as 2000–2075, 76–99 as 1976–1999"),
            "{:?}",
            err.hints
        );
        assert_eq!(order_evidence("05/14/09"), Some(DateOrder::Mdy));
        assert!(is_ambiguous("02/11/11"));
        assert!(has_short_year("02/11/11"));
        assert!(!has_short_year("02/11/2011"));
    }

    proptest::proptest! {
        /// Any input gives a date or an error, never a panic.
        #[test]
        fn any_text_parses_or_is_refused(s in ".{0,24}", digits in "[0-9/.\\-+dwmy ]{0,14}") {
            let _ = parse(&s, today(), None, Tense::Past);
            let _ = parse(&digits, today(), Some(DateOrder::Dmy), Tense::Future);
        }
    }

    #[test]
    fn solar_hijri_dates_are_read_from_their_year() {
        assert_eq!(p("1405-09-06").unwrap(), ymd(2026, 11, 27));
        assert_eq!(p("۱۴۰۵/۰۹/۰۶").unwrap(), ymd(2026, 11, 27));
        assert!(
            p("1404-12-30")
                .unwrap_err()
                .message
                .starts_with("impossible Solar Hijri date")
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(
            p("31/02/2026")
                .unwrap_err()
                .message
                .starts_with("impossible date")
        );
        assert!(
            p("2026-13-01")
                .unwrap_err()
                .message
                .starts_with("impossible date")
        );
        assert!(p("2026-02-29").is_err());
        assert_eq!(p("2028-02-29").unwrap(), ymd(2028, 2, 29));
        assert!(
            p("next blursday")
                .unwrap_err()
                .message
                .starts_with("invalid date")
        );
        assert!(p("").is_err());
    }
}
