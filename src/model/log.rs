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
pub struct LogEntry {
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

/// Reads a time of day as people and spreadsheets write it: `14:30`,
/// `14:30:00`, `2:30 PM`, `11:15:00 AM`, `۰۹:۰۵`; stored as `HH:MM`.
pub fn time_of_day(value: &str) -> crate::error::Result<String> {
    let v = value.trim();
    // Folding turns Persian and Arabic-Indic digits into ASCII ones and
    // `PM` into `pm`; `p.m.` loses its dots.
    let folded = crate::text::fold(v).replace('.', "");
    let folded = folded.replace("am", " am").replace("pm", " pm");
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let forms = ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p"];
    forms
        .iter()
        .find_map(|f| chrono::NaiveTime::parse_from_str(&folded, f).ok())
        .map(|t| t.format("%H:%M").to_string())
        .ok_or_else(|| {
            crate::error::Error::user(format!("invalid time {}", crate::text::quoted(v)))
                .hint("write it as HH:MM, e.g. 14:30 (or 2:30 PM)")
        })
}

#[cfg(test)]
mod tests {
    use super::time_of_day;

    #[test]
    fn times_as_spreadsheets_write_them_back() {
        for (written, stored) in [
            ("09:05", "09:05"),
            ("9:05", "09:05"),
            ("09:05:00", "09:05"),
            ("11:15:00 AM", "11:15"),
            ("9:05 AM", "09:05"),
            ("2:30 PM", "14:30"),
            ("2:30pm", "14:30"),
            ("12:10 a.m.", "00:10"),
            ("۰۹:۰۵", "09:05"),
            ("١٤:٣٠", "14:30"),
        ] {
            assert_eq!(time_of_day(written).unwrap(), stored, "{written}");
        }
        for bad in ["25:00", "9", "13:00 PM", "noon"] {
            assert!(time_of_day(bad).is_err(), "{bad}");
        }
    }
}
