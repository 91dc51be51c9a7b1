//! The office's own groups of organisations (its neighbours, Kurdistan,
//! the Gulf), which cross the UN sub-regions.

use serde::Serialize;

/// A group as stored.
///
/// Field names and order are the JSON contract (see the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub id: String,
    pub handle: String,
    pub name: String,
    /// The name in Persian, for the Persian report.
    pub name_fa: Option<String>,
    /// Whether the quarterly report has a section for it.
    pub in_report: bool,
    /// How many live organisations are in it (read-only).
    pub organisations: i64,
    pub created_at: String,
    pub updated_at: String,
}

impl Group {
    /// A new group, not in the report; the caller sets the handle.
    pub fn new(id: String, name: String, now: &str) -> Group {
        Group {
            id,
            handle: String::new(),
            name,
            name_fa: None,
            in_report: false,
            organisations: 0,
            created_at: now.to_string(),
            updated_at: now.to_string(),
        }
    }

    /// The name to print in a language: the Persian one when asked for
    /// and given.
    pub fn name_in(&self, persian: bool) -> &str {
        match (&self.name_fa, persian) {
            (Some(fa), true) => fa,
            _ => &self.name,
        }
    }
}
