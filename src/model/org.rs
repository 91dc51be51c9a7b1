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
    /// The names of the office's groups it is in.
    pub groups: Vec<String>,
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
            groups: Vec::new(),
            notes: None,
            sensitivity: Sensitivity::Normal,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            last_contact: None,
            region_overridden: false,
        }
    }

    /// The reference form of this organisation.
    /// The fields that tell two organisations of the same name and country
    /// apart: a handle given for both, a website or a native name that both
    /// have and that differ. Empty when nothing does.
    pub fn told_apart_by(&self, other: &Org, handles_given: bool) -> Vec<&'static str> {
        let differ = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => crate::text::fold(a) != crate::text::fold(b),
            _ => false,
        };
        let mut by = Vec::new();
        if handles_given && self.handle != other.handle {
            by.push("handle");
        }
        // `kke.gr` and `https://new.kke.gr` are one party's sites.
        let sites_differ = match (&self.website, &other.website) {
            (Some(a), Some(b)) => site_domain(a) != site_domain(b),
            _ => false,
        };
        if sites_differ {
            by.push("website");
        }
        if differ(&self.native_name, &other.native_name) {
            by.push("native name");
        }
        by
    }

    /// The fields two organisations share, for a duplicate message: name
    /// and country, then the website and native name when they are equal.
    pub fn matching_fields(&self, other: &Org) -> Vec<&'static str> {
        let mut m = vec!["name", "country"];
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => crate::text::fold(a) == crate::text::fold(b),
            _ => false,
        };
        if same(&self.website, &other.website) {
            m.push("website");
        }
        if same(&self.native_name, &other.native_name) {
            m.push("native name");
        }
        m
    }

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

/// The domain a website is registered under, roughly: its host's last two
/// labels, three under a country's `co.`, `org.`… (`www.cpb.org.uk` →
/// `cpb.org.uk`).
fn site_domain(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let keep = match labels.as_slice() {
        [.., second, tld]
            if tld.len() == 2 && ["co", "com", "org", "net", "gov", "ac", "edu"].contains(second) =>
        {
            3
        }
        _ => 2,
    };
    labels[labels.len().saturating_sub(keep)..].join(".")
}

#[cfg(test)]
mod site_tests {
    use super::site_domain;

    #[test]
    fn one_party_many_hosts() {
        assert_eq!(site_domain("https://new.kke.gr/en/"), "kke.gr");
        assert_eq!(site_domain("https://kke.gr"), "kke.gr");
        assert_eq!(
            site_domain("https://www.communistparty.org.uk"),
            "communistparty.org.uk"
        );
        assert_ne!(
            site_domain("https://workersparty.ie"),
            site_domain("https://www.workerspartyireland.net")
        );
    }
}
