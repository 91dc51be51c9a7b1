//! The CSV columns of each entity: the same names on export and import,
//! in a stable order (see the README).

use crate::model::org::Org;
use crate::model::person::Person;
use crate::render::{join, opt};

/// Columns of an organisation.
pub const ORG_COLUMNS: &[&str] = &[
    "id",
    "handle",
    "name",
    "native_name",
    "aliases",
    "country",
    "region",
    "kind",
    "status",
    "since",
    "languages",
    "website",
    "email",
    "tags",
    "notes",
    "sensitivity",
    "created_at",
    "updated_at",
];

/// One organisation as a CSV record, in [`ORG_COLUMNS`] order.
pub fn org(o: &Org) -> Vec<String> {
    vec![
        o.id.clone(),
        o.handle.clone(),
        o.name.clone(),
        opt(&o.native_name),
        join(&o.aliases),
        o.country.clone(),
        o.region.clone(),
        o.kind.to_string(),
        o.status.to_string(),
        opt(&o.since),
        join(&o.languages),
        opt(&o.website),
        opt(&o.email),
        join(&o.tags),
        opt(&o.notes),
        o.sensitivity.to_string(),
        o.created_at.clone(),
        o.updated_at.clone(),
    ]
}

/// Columns of a person.
pub const PERSON_COLUMNS: &[&str] = &[
    "id",
    "name",
    "native_name",
    "organisation",
    "role",
    "email",
    "phone",
    "messaging",
    "languages",
    "notes",
    "do_not_contact",
    "sensitivity",
    "created_at",
    "updated_at",
];

/// One person as a CSV record, in [`PERSON_COLUMNS`] order.
pub fn person(p: &Person) -> Vec<String> {
    vec![
        p.id.clone(),
        p.name.clone(),
        opt(&p.native_name),
        opt(&p.organisation),
        opt(&p.role),
        opt(&p.email),
        opt(&p.phone),
        join(&p.messaging),
        join(&p.languages),
        opt(&p.notes),
        p.do_not_contact.to_string(),
        p.sensitivity.to_string(),
        p.created_at.clone(),
        p.updated_at.clone(),
    ]
}
