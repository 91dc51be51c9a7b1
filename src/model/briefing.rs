//! Briefings of our members on partners' positions (mandate 5).

use chrono::NaiveDate;
use serde::Serialize;

/// A partner a briefing was about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefingOrg {
    pub handle: String,
    pub name: String,
}

/// A briefing as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Briefing {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub summary: Option<String>,
    /// Who was briefed ("Tehran branch", "the bulletin").
    pub audience: Option<String>,
    pub link: Option<String>,
    /// The number of the objective it served.
    pub objective: Option<i64>,
    /// The partners whose positions it brought, by name.
    pub organisations: Vec<BriefingOrg>,
    pub created_at: String,
    pub updated_at: String,
}
