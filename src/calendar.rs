//! Calendars and quarters: Gregorian, and the Solar Hijri (Persian)
//! calendar through ICU4X, whose year starts at Nowruz (about 21 March).

use chrono::{Datelike, Days, NaiveDate};
use icu_calendar::Date;
use icu_calendar::cal::{Gregorian, Persian};
use serde::Serialize;

use crate::error::{Error, Result};

/// Which calendar reads and labels dates and quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    Persian,
}

/// A Gregorian date as (year, month, day) in the Solar Hijri calendar.
pub fn to_persian(d: NaiveDate) -> (i32, u8, u8) {
    let g = Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8)
        .map(|g| g.to_calendar(Persian))
        .ok();
    match g {
        Some(p) => (p.extended_year(), p.month().ordinal, p.day_of_month().0),
        None => (0, 1, 1),
    }
}

/// The Gregorian date of a Solar Hijri (year, month, day), if it exists.
pub fn from_persian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let g = Date::try_new_persian(year, month, day)
        .ok()?
        .to_calendar(Gregorian);
    NaiveDate::from_ymd_opt(
        g.extended_year(),
        g.month().ordinal.into(),
        g.day_of_month().0.into(),
    )
}

/// A date written in `calendar`, e.g. `2026-11-27` or `1405-09-06`.
pub fn format(d: NaiveDate, calendar: Calendar) -> String {
    match calendar {
        Calendar::Gregorian => d.to_string(),
        Calendar::Persian => {
            let (y, m, day) = to_persian(d);
            format!("{y:04}-{m:02}-{day:02}")
        }
    }
}

/// A month of `calendar` as (year, month) for a Gregorian date.
pub fn month_of(d: NaiveDate, calendar: Calendar) -> (i32, u8) {
    match calendar {
        Calendar::Gregorian => (d.year(), d.month() as u8),
        Calendar::Persian => {
            let (y, m, _) = to_persian(d);
            (y, m)
        }
    }
}

/// A quarter of a year in a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quarter {
    pub calendar: Calendar,
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// Parses `2026Q3` (or `1405q2`, with Persian digits too).
    pub fn parse(input: &str, calendar: Calendar) -> Result<Quarter> {
        let s = crate::text::fold(input).replace(' ', "");
        let bad = || {
            Error::user(format!("invalid quarter {}", crate::text::quoted(input.trim())))
                .hint("write it as YEARqN, e.g. 2026Q3 (or 1405Q2 with --calendar persian)")
        };
        let (year, q) = s.split_once('q').ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number: u8 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&number) {
            return Err(Error::user(format!(
                "invalid quarter `{}`: a year has quarters 1 to 4",
                input.trim()
            ))
            .hint("e.g. 2026Q3"));
        }
        match calendar {
            Calendar::Gregorian if year < 1700 => {
                return Err(
                    Error::user(format!("`{}` looks like a Solar Hijri year", input.trim()))
                        .hint("add --calendar persian, or give a Gregorian year such as 2026Q3"),
                );
            }
            Calendar::Persian if year > 1700 => {
                return Err(
                    Error::user(format!("`{}` looks like a Gregorian year", input.trim()))
                        .hint("with --calendar persian write the Solar Hijri year, e.g. 1405Q2"),
                );
            }
            _ => {}
        }
        if !(1000..=3000).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter {
            calendar,
            year,
            number,
        })
    }

    /// The quarter holding `d`.
    pub fn containing(d: NaiveDate, calendar: Calendar) -> Quarter {
        let (year, month) = month_of(d, calendar);
        Quarter {
            calendar,
            year,
            number: (month - 1) / 3 + 1,
        }
    }

    /// The quarter before this one.
    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
                ..self
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    /// The first and last (Gregorian) days of the quarter.
    pub fn bounds(self) -> Result<(NaiveDate, NaiveDate)> {
        let first_month = 3 * (self.number - 1) + 1;
        let start = |year: i32, month: u8| -> Option<NaiveDate> {
            match self.calendar {
                Calendar::Gregorian => NaiveDate::from_ymd_opt(year, month.into(), 1),
                Calendar::Persian => from_persian(year, month, 1),
            }
        };
        let (next_year, next_month) = if self.number == 4 {
            (self.year + 1, 1)
        } else {
            (self.year, first_month + 3)
        };
        let from = start(self.year, first_month);
        let to = start(next_year, next_month).and_then(|d| d.checked_sub_days(Days::new(1)));
        match (from, to) {
            (Some(f), Some(t)) => Ok((f, t)),
            _ => Err(Error::user(format!("quarter {} is out of range", self.label()))),
        }
    }

    /// `2026Q3` or `1405Q2`.
    pub fn label(self) -> String {
        format!("{}Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn persian_dates_convert_both_ways() {
        assert_eq!(to_persian(ymd(2025, 3, 21)), (1404, 1, 1));
        assert_eq!(to_persian(ymd(2026, 11, 27)), (1405, 9, 6));
        assert_eq!(from_persian(1404, 1, 1), Some(ymd(2025, 3, 21)));
        assert_eq!(from_persian(1404, 12, 31), None, "1404 is not a leap year");
        assert_eq!(format(ymd(2026, 11, 27), Calendar::Persian), "1405-09-06");
    }

    #[test]
    fn quarters_have_the_right_bounds() {
        let q = Quarter::parse("2026Q3", Calendar::Gregorian).unwrap();
        assert_eq!(q.bounds().unwrap(), (ymd(2026, 7, 1), ymd(2026, 9, 30)));
        let q = Quarter::parse("2026q4", Calendar::Gregorian).unwrap();
        assert_eq!(q.bounds().unwrap(), (ymd(2026, 10, 1), ymd(2026, 12, 31)));
        let p = Quarter::parse("1404Q1", Calendar::Persian).unwrap();
        assert_eq!(p.bounds().unwrap(), (ymd(2025, 3, 21), ymd(2025, 6, 21)));
        let p = Quarter::parse("۱۴۰۵Q۲", Calendar::Persian).unwrap();
        assert_eq!(p.bounds().unwrap(), (ymd(2026, 6, 22), ymd(2026, 9, 22)));
        let p = Quarter::parse("1404Q4", Calendar::Persian).unwrap();
        assert_eq!(p.bounds().unwrap(), (ymd(2025, 12, 22), ymd(2026, 3, 20)));
    }

    #[test]
    fn quarters_step_back_and_contain_dates() {
        let q = Quarter::containing(ymd(2026, 11, 27), Calendar::Gregorian);
        assert_eq!(q.label(), "2026Q4");
        assert_eq!(q.previous().label(), "2026Q3");
        assert_eq!(
            Quarter::parse("2026Q1", Calendar::Gregorian)
                .unwrap()
                .previous()
                .label(),
            "2025Q4"
        );
        assert_eq!(
            Quarter::containing(ymd(2026, 11, 27), Calendar::Persian).label(),
            "1405Q3"
        );
    }

    #[test]
    fn bad_quarters_are_refused() {
        for (s, c) in [
            ("2026Q5", Calendar::Gregorian),
            ("1405Q0", Calendar::Persian),
            ("Q3", Calendar::Gregorian),
            ("2026", Calendar::Gregorian),
        ] {
            assert!(Quarter::parse(s, c).is_err(), "{s}");
        }
        assert!(
            Quarter::parse("1405Q2", Calendar::Gregorian).unwrap_err().hints[0]
                .contains("--calendar persian")
        );
    }
}
