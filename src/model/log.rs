//! Contact log entries ("interactions").

use chrono::NaiveDate;
use serde::Serialize;

use super::word_enum;

word_enum!(
    /// How the contact happened.
    Channel, "channel", {
        Meeting = "meeting",
        Call = "call",
        Video = "video",
        Email = "email",
        Letter = "letter",
        Message = "message",
        Event = "event",
        Other = "other",
    }
);

word_enum!(
    /// Who reached whom.
    Direction, "direction", {
        In = "in",
        Out = "out",
        Both = "both",
    }
);

/// One contact with one or more organisations.
///
/// Field names and order are the JSON and CSV contract (see the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    pub id: String,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub channel: Channel,
    pub direction: Direction,
    /// Handles of the organisations involved.
    pub organisations: Vec<String>,
    /// Names of the people present.
    pub people: Vec<String>,
    pub subject: Option<String>,
    pub summary: String,
    pub tags: Vec<String>,
    /// Numbers of the objectives it served.
    pub objectives: Vec<i64>,
    pub logged_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip)]
    pub org_ids: Vec<String>,
    #[serde(skip)]
    pub person_ids: Vec<String>,
}

/// Checks a time of day written `HH:MM`.
pub fn time_of_day(value: &str) -> crate::error::Result<String> {
    let v = value.trim();
    match chrono::NaiveTime::parse_from_str(v, "%H:%M") {
        Ok(t) => Ok(t.format("%H:%M").to_string()),
        Err(_) => Err(
            crate::error::Error::user(format!("invalid time {}", crate::text::quoted(v)))
                .hint("write it as HH:MM, e.g. 14:30"),
        ),
    }
}
