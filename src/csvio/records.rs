//! The CSV columns of each entity: the same names on export and import,
//! in a stable order (see the README).

use crate::model::briefing::Briefing;
use crate::model::document::{Distribution, Document};
use crate::model::event::Event;
use crate::model::log::LogEntry;
use crate::model::org::Org;
use crate::model::person::Person;
use crate::model::task::Task;
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
    "last_contact",
    "name_fa",
    "groups",
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
        opt(&o.last_contact),
        opt(&o.name_fa),
        join(&o.groups),
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
    "name_fa",
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
        opt(&p.name_fa),
    ]
}

/// Columns of a log entry.
pub const LOG_COLUMNS: &[&str] = &[
    "id",
    "date",
    "time",
    "channel",
    "direction",
    "organisations",
    "people",
    "subject",
    "summary",
    "tags",
    "objectives",
    "logged_by",
    "created_at",
    "updated_at",
];

/// One log entry as a CSV record, in [`LOG_COLUMNS`] order.
pub fn log(i: &LogEntry) -> Vec<String> {
    vec![
        i.id.clone(),
        i.date.to_string(),
        opt(&i.time),
        i.channel.to_string(),
        i.direction.to_string(),
        join(&i.organisations),
        join(&i.people),
        opt(&i.subject),
        i.summary.clone(),
        join(&i.tags),
        i.objectives
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        opt(&i.logged_by),
        i.created_at.clone(),
        i.updated_at.clone(),
    ]
}

/// Columns of a task.
pub const TASK_COLUMNS: &[&str] = &[
    "number",
    "id",
    "title",
    "organisation",
    "origin",
    "due",
    "priority",
    "assignee",
    "status",
    "done_on",
    "notes",
    "created_at",
    "updated_at",
];

/// One task as a CSV record, in [`TASK_COLUMNS`] order.
pub fn task(t: &Task) -> Vec<String> {
    vec![
        opt(&t.number),
        t.id.clone(),
        t.title.clone(),
        opt(&t.organisation),
        opt(&t.origin),
        opt(&t.due),
        t.priority.to_string(),
        opt(&t.assignee),
        t.status.to_string(),
        opt(&t.done_on),
        opt(&t.notes),
        t.created_at.clone(),
        t.updated_at.clone(),
    ]
}

/// Columns of an event (organisations as `handle=role`).
pub const EVENT_COLUMNS: &[&str] = &[
    "id",
    "name",
    "kind",
    "starts",
    "ends",
    "city",
    "country",
    "our_role",
    "organisations",
    "people",
    "objectives",
    "outcome",
    "created_at",
    "updated_at",
    "support_won",
];

/// One event as a CSV record, in [`EVENT_COLUMNS`] order.
pub fn event(e: &Event) -> Vec<String> {
    let numbers: Vec<String> = e.objectives.iter().map(|n| n.to_string()).collect();
    vec![
        e.id.clone(),
        e.name.clone(),
        e.kind.to_string(),
        e.starts.to_string(),
        opt(&e.ends),
        opt(&e.city),
        opt(&e.country),
        e.our_role.to_string(),
        e.organisations
            .iter()
            .map(|o| format!("{}={}", o.handle, o.role))
            .collect::<Vec<_>>()
            .join("; "),
        join(&e.people),
        join(&numbers),
        opt(&e.outcome),
        e.created_at.clone(),
        e.updated_at.clone(),
        opt(&e.support_won),
    ]
}

/// Columns of a briefing of our members (organisations by handle).
pub const BRIEFING_COLUMNS: &[&str] = &[
    "id",
    "date",
    "title",
    "summary",
    "audience",
    "organisations",
    "objective",
    "link",
    "created_at",
    "updated_at",
];

/// One briefing as a CSV record, in [`BRIEFING_COLUMNS`] order.
pub fn briefing(b: &Briefing) -> Vec<String> {
    vec![
        b.id.clone(),
        b.date.to_string(),
        b.title.clone(),
        opt(&b.summary),
        opt(&b.audience),
        b.organisations
            .iter()
            .map(|o| o.handle.clone())
            .collect::<Vec<_>>()
            .join("; "),
        b.objective.map(|n| n.to_string()).unwrap_or_default(),
        opt(&b.link),
        b.created_at.clone(),
        b.updated_at.clone(),
    ]
}

/// Columns of a document.
pub const DOC_COLUMNS: &[&str] = &[
    "id",
    "title",
    "kind",
    "date",
    "language",
    "direction",
    "author",
    "translation_of",
    "translation_status",
    "link",
    "notes",
    "objectives",
    "created_at",
    "updated_at",
    "published_on",
];

/// One document as a CSV record, in [`DOC_COLUMNS`] order.
pub fn document(d: &Document) -> Vec<String> {
    let numbers: Vec<String> = d.objectives.iter().map(|n| n.to_string()).collect();
    vec![
        d.id.clone(),
        d.title.clone(),
        d.kind.to_string(),
        d.date.to_string(),
        d.language.clone(),
        d.direction.to_string(),
        opt(&d.author),
        opt(&d.translation_of),
        opt(&d.translation_status),
        opt(&d.link),
        opt(&d.notes),
        join(&numbers),
        d.created_at.clone(),
        d.updated_at.clone(),
        opt(&d.published_on),
    ]
}

/// Columns of a distribution (title and language are the copy's, for
/// reading; import goes by the document ID).
pub const DISTRIBUTION_COLUMNS: &[&str] = &[
    "id",
    "document",
    "title",
    "language",
    "organisation",
    "date",
    "channel",
];

/// One distribution as a CSV record, in [`DISTRIBUTION_COLUMNS`] order.
pub fn distribution(x: &Distribution) -> Vec<String> {
    vec![
        x.id.clone(),
        x.document.clone(),
        x.title.clone(),
        x.language.clone(),
        x.organisation.clone(),
        x.date.to_string(),
        x.channel.to_string(),
    ]
}
