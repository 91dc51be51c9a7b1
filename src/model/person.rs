//! People at partner organisations (or on their own).

use serde::Serialize;

use super::Sensitivity;

/// A person as stored.
///
/// Field names and order are the JSON and CSV contract (see the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub native_name: Option<String>,
    /// Handle of the organisation, if any.
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub messaging: Vec<String>,
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub do_not_contact: bool,
    pub sensitivity: Sensitivity,
    pub created_at: String,
    pub updated_at: String,
    /// Their name in Persian, for the Persian report.
    pub name_fa: Option<String>,
    #[serde(skip)]
    pub org_id: Option<String>,
}

impl Person {
    /// A new person with no organisation and no details yet.
    pub fn new(id: String, name: String, now: &str) -> Person {
        Person {
            id,
            name,
            native_name: None,
            organisation: None,
            role: None,
            email: None,
            phone: None,
            messaging: Vec::new(),
            languages: Vec::new(),
            notes: None,
            do_not_contact: false,
            sensitivity: Sensitivity::Normal,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            name_fa: None,
            org_id: None,
        }
    }
}

/// The short form used in pick lists and candidate lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
    pub organisation: Option<String>,
}

impl std::fmt::Display for PersonRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.organisation {
            Some(org) => write!(f, "{} ({}, {})", self.name, org, short_id(&self.id)),
            None => write!(f, "{} ({})", self.name, short_id(&self.id)),
        }
    }
}

/// The first characters of an ID, enough to name it in practice.
pub fn short_id(id: &str) -> &str {
    &id[..id.len().min(8)]
}

/// Checks a phone number loosely: digits with the usual punctuation, an
/// optional leading `+`, at least five digits.
pub fn phone(value: &str) -> crate::error::Result<String> {
    let v = value.trim();
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let ok = digits >= 5
        && v.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '/') || (c == '+' && i == 0)
        });
    if !ok {
        return Err(
            crate::error::Error::user(format!("invalid phone number {}", crate::text::quoted(v)))
                .hint("write it with the country code, e.g. +30 210 123 4567"),
        );
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(phone(" +30 210 123-4567 ").unwrap(), "+30 210 123-4567");
        assert!(phone("call me").is_err());
        assert!(phone("12+34567").is_err());
        assert!(phone("123").is_err());
    }
}
