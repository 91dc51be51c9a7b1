//! Events: seminars, congresses, strikes, demonstrations…

use chrono::NaiveDate;
use serde::Serialize;

use super::word_enum;

word_enum!(
    /// What sort of event it is.
    EventKind, "event kind", {
        Seminar = "seminar",
        Conference = "conference",
        Congress = "congress",
        Strike = "strike",
        Demonstration = "demonstration",
        Action = "action",
        JointSeminar = "joint seminar",
        Meeting = "meeting",
        Other = "other",
    }
);

word_enum!(
    /// The office's part in an event.
    OurRole, "role", {
        None = "none",
        Observer = "observer",
        Participant = "participant",
        Speaker = "speaker",
        CoOrganiser = "co-organiser",
        Organiser = "organiser",
    }
);

word_enum!(
    /// A partner organisation's part in an event.
    PartnerRole, "partner role", {
        Organiser = "organiser",
        CoOrganiser = "co-organiser",
        Participant = "participant",
        Signatory = "signatory",
    }
);

/// An organisation at an event, with its role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventOrg {
    pub handle: String,
    pub name: String,
    pub role: PartnerRole,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub kind: EventKind,
    pub starts: NaiveDate,
    pub ends: Option<NaiveDate>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub our_role: OurRole,
    pub organisations: Vec<EventOrg>,
    /// Names of the people who went.
    pub people: Vec<String>,
    /// Numbers of the objectives it served.
    pub objectives: Vec<i64>,
    pub outcome: Option<String>,
    /// What support it won ("joint statement signed by 12 parties").
    pub support_won: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}
