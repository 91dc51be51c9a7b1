//! The whole numbers a user may give, on the command line or as a setting,
//! and the range each may take. Every numeric flag is parsed here, so that
//! a value out of range is a usage error naming the flag, the value and the
//! range, never an overflow later on.

use std::ops::RangeInclusive;

use crate::text::grouped;

/// Days a window or a silence may span: a century.
pub const DAYS: RangeInclusive<u64> = 0..=36_500;
/// Days without contact before a partner is going cold (as a setting, where
/// 0 would make every partner cold the day after a contact).
pub const COLD_DAYS: RangeInclusive<u64> = 1..=36_500;
/// A number of items where 0 makes sense (`--limit 0`: all; `--rows 0`:
/// none).
pub const COUNT: RangeInclusive<u64> = 0..=1_000_000;

/// Reads `s` as a whole number in `range`; the error says which numbers
/// are allowed (clap puts the flag and the value before it).
pub fn parse(s: &str, range: &RangeInclusive<u64>) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!("give a whole number {}", describe(range))),
    }
}

/// `from 1 to 36,500`, for messages.
pub fn describe(range: &RangeInclusive<u64>) -> String {
    format!("from {} to {}", grouped(*range.start()), grouped(*range.end()))
}

/// clap parser for a number of days (`--days`, `--cold`).
pub fn days(s: &str) -> Result<u32, String> {
    narrow(parse(s, &DAYS)?)
}

/// clap parser for a number of items, 0 included.
pub fn count(s: &str) -> Result<usize, String> {
    narrow(parse(s, &COUNT)?)
}

fn narrow<T: TryFrom<u64>>(n: u64) -> Result<T, String> {
    // The ranges above fit every target type; this cannot fail.
    T::try_from(n).map_err(|_| format!("{n} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_outside_the_range_are_refused_with_it() {
        assert_eq!(days("7"), Ok(7));
        assert_eq!(days(" 0 "), Ok(0));
        assert_eq!(days("36500"), Ok(36_500));
        for bad in [
            "36501",
            "4294967295",
            "18446744073709551616",
            "-1",
            "1.5",
            "",
            "x",
        ] {
            assert_eq!(
                days(bad),
                Err("give a whole number from 0 to 36,500".to_string()),
                "{bad}"
            );
        }
        assert_eq!(count("0"), Ok(0));
    }
}
