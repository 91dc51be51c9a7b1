//! What a change against the previous period means: more contacts is
//! good news, more overdue follow-ups or more partners going cold is bad,
//! more follow-ups opened is neither. Every format shows it the same way.

use serde::Serialize;
use serde::ser::SerializeMap;

/// Which way a figure should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Up,
    Down,
    /// Neither way is good or bad in itself (follow-ups opened, contacts
    /// by channel).
    Neither,
}

/// What a change means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    Good,
    Bad,
    /// No change, or a figure for which neither way is good or bad.
    None,
}

impl Better {
    /// The meaning of going from `before` to `now`.
    pub fn judge(self, now: i64, before: i64) -> Meaning {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match (self, now.cmp(&before)) {
            (Better::Neither, _) | (_, Equal) => Meaning::None,
            (Better::Up, Greater) | (Better::Down, Less) => Meaning::Good,
            (Better::Up, Less) | (Better::Down, Greater) => Meaning::Bad,
        }
    }
}

/// One headline figure beside the previous period's.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// Its JSON name.
    pub key: &'static str,
    pub value: i64,
    pub previous: i64,
    pub better: Better,
}

impl Figure {
    pub fn meaning(&self) -> Meaning {
        self.better.judge(self.value, self.previous)
    }
}

/// The change of one headline figure, as JSON shows it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Change {
    pub change: i64,
    pub meaning: Meaning,
}

/// The changes of the headline figures: a JSON object by figure name, in
/// the order of the totals.
#[derive(Debug, Clone, Default)]
pub struct Changes(pub Vec<(&'static str, Change)>);

impl Changes {
    pub fn of(figures: &[Figure]) -> Changes {
        Changes(
            figures
                .iter()
                .map(|f| {
                    let change = Change {
                        change: f.value - f.previous,
                        meaning: f.meaning(),
                    };
                    (f.key, change)
                })
                .collect(),
        )
    }
}

impl Serialize for Changes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rise_is_good_or_bad_by_the_figure() {
        assert_eq!(Better::Up.judge(5, 3), Meaning::Good);
        assert_eq!(Better::Up.judge(3, 5), Meaning::Bad);
        assert_eq!(Better::Down.judge(5, 3), Meaning::Bad);
        assert_eq!(Better::Down.judge(3, 5), Meaning::Good);
        assert_eq!(Better::Down.judge(3, 3), Meaning::None);
        assert_eq!(Better::Neither.judge(9, 1), Meaning::None);
    }
}
