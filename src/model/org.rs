//! Organisations: partner parties, unions, movements.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Sensitivity, word_enum};

word_enum!(
    /// What sort of organisation it is.
    OrgKind, "kind", {
        Party = "party",
        Union = "union",
        Movement = "movement",
        Organisation = "organisation",
        Media = "media",
        Other = "other",
    }
);

word_enum!(
    /// Where the relationship stands.
    OrgStatus, "status", {
        Partner = "partner",
        Contact = "contact",
        Prospect = "prospect",
        Dormant = "dormant",
        Ended = "ended",
    }
);

/// An organisation as stored, with its names, tags and languages.
///
/// Field names and order are the JSON and CSV contract (see the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Org {
    pub id: String,
    pub handle: String,
    pub name: String,
    pub native_name: Option<String>,
    /// The name in Persian, for the Persian report.
    pub name_fa: Option<String>,
    pub aliases: Vec<String>,
    pub country: String,
    pub region: String,
    pub kind: OrgKind,
    pub status: OrgStatus,
    pub since: Option<NaiveDate>,
    pub languages: Vec<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub sensitivity: Sensitivity,
    pub created_at: String,
    pub updated_at: String,
    /// Date of the last logged contact (derived from the log, read-only).
    pub last_contact: Option<NaiveDate>,
    /// Whether `region` was set by hand rather than derived from the country.
    #[serde(skip)]
    pub region_overridden: bool,
}

/// The short form used in pick lists, candidate lists and references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgRef {
    pub id: String,
    pub handle: String,
    pub name: String,
    pub country: String,
}

impl std::fmt::Display for OrgRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}, {})", self.handle, self.name, self.country)
    }
}

impl Org {
    /// A new organisation with a fresh ID and the defaults of `org add`
    /// (a party, status contact); the caller sets country and handle.
    pub fn new(id: String, name: String, now: &str) -> Org {
        Org {
            id,
            handle: String::new(),
            name,
            native_name: None,
            name_fa: None,
            aliases: Vec::new(),
            country: String::new(),
            region: String::new(),
            kind: OrgKind::Party,
            status: OrgStatus::Contact,
            since: None,
            languages: Vec::new(),
            website: None,
            email: None,
            tags: Vec::new(),
            notes: None,
            sensitivity: Sensitivity::Normal,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            last_contact: None,
            region_overridden: false,
        }
    }

    /// The reference form of this organisation.
    pub fn to_ref(&self) -> OrgRef {
        OrgRef {
            id: self.id.clone(),
            handle: self.handle.clone(),
            name: self.name.clone(),
            country: self.country.clone(),
        }
    }

    /// Every name the organisation is known by: display, native,
    /// Persian, aliases.
    pub fn all_names(&self) -> Vec<(&'static str, &str)> {
        let mut names = vec![("name", self.name.as_str())];
        if let Some(n) = &self.native_name {
            names.push(("native", n.as_str()));
        }
        if let Some(n) = &self.name_fa {
            names.push(("fa", n.as_str()));
        }
        names.extend(self.aliases.iter().map(|a| ("alias", a.as_str())));
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_loosely_and_name_the_choices() {
        assert_eq!("Party".parse::<OrgKind>().unwrap(), OrgKind::Party);
        assert_eq!(" partner ".parse::<OrgStatus>().unwrap(), OrgStatus::Partner);
        let err = "friend".parse::<OrgStatus>().unwrap_err();
        assert_eq!(err.message, "unknown status `friend`");
        assert_eq!(
            err.hints[0],
            "expected one of: partner, contact, prospect, dormant, ended"
        );
    }
}
