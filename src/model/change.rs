//! The change history as plain values, and the words that describe a
//! recorded change to a person reading it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

/// A row's values, as recorded.
pub type Row = Map<String, Value>;

/// One command of the history.
#[derive(Debug, Clone, Serialize)]
pub struct Command {
    /// Its number, as `undo --list` shows it.
    pub seq: i64,
    pub at: String,
    pub user: String,
    /// What was typed after `liaison`.
    pub line: String,
    /// `undo` or `redo` when the command reverted others.
    pub reverts: Option<String>,
    /// The undo (or redo) that reverted it.
    pub undone_by: Option<i64>,
    /// How many rows it changed.
    pub changes: i64,
    /// Whether it removed records for good (`--purge`): it cannot be
    /// undone, and nothing of what it removed is left in the history.
    pub purge: bool,
}

/// One recorded row change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub seq: i64,
    pub command: i64,
    pub table: String,
    /// `insert`, `update` or `delete`.
    pub op: String,
    /// The row's primary key.
    pub key: Value,
    /// The entity the row belongs to.
    pub record: Option<String>,
    pub before: Option<Row>,
    pub after: Option<Row>,
}

impl Change {
    /// The row as it is best known: after the change, else before it.
    pub fn row(&self) -> Option<&Row> {
        self.after.as_ref().or(self.before.as_ref())
    }
}

/// The kinds of entity a description may need a label for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Organisation,
    Person,
    Entry,
    Event,
    /// A briefing of our members.
    Briefing,
    Document,
    Objective,
    /// One of the office's groups of organisations.
    Group,
    Task,
    /// A copy of a document sent to an organisation.
    Copy,
}

/// Fields that change with every write or are derived, not worth showing.
const QUIET: &[&str] = &[
    "rid",
    "id",
    "created_at",
    "updated_at",
    "sort_key",
    "native_key",
    "last_contact",
];

/// A table linking an entity to something it has (a tag, an
/// organisation taking part, an objective served).
struct Link {
    table: &'static str,
    parent: Entity,
    /// The column naming the entity that has the link.
    parent_column: &'static str,
    /// What the link adds, in words.
    what: &'static str,
    column: &'static str,
    /// The entity `column` names, when it names one.
    names: Option<Entity>,
}

const LINKS: &[Link] = &[
    Link {
        table: "org_tags",
        parent: Entity::Organisation,
        parent_column: "org_id",
        what: "tag",
        column: "tag",
        names: None,
    },
    Link {
        table: "org_groups",
        parent: Entity::Organisation,
        parent_column: "org_id",
        what: "group",
        column: "group_id",
        names: Some(Entity::Group),
    },
    Link {
        table: "org_names",
        parent: Entity::Organisation,
        parent_column: "org_id",
        what: "alias",
        column: "value",
        names: None,
    },
    Link {
        table: "interaction_orgs",
        parent: Entity::Entry,
        parent_column: "interaction_id",
        what: "organisation",
        column: "org_id",
        names: Some(Entity::Organisation),
    },
    Link {
        table: "interaction_people",
        parent: Entity::Entry,
        parent_column: "interaction_id",
        what: "person",
        column: "person_id",
        names: Some(Entity::Person),
    },
    Link {
        table: "interaction_tags",
        parent: Entity::Entry,
        parent_column: "interaction_id",
        what: "tag",
        column: "tag",
        names: None,
    },
    Link {
        table: "interaction_objectives",
        parent: Entity::Entry,
        parent_column: "interaction_id",
        what: "objective",
        column: "objective_id",
        names: Some(Entity::Objective),
    },
    Link {
        table: "event_orgs",
        parent: Entity::Event,
        parent_column: "event_id",
        what: "organisation",
        column: "org_id",
        names: Some(Entity::Organisation),
    },
    Link {
        table: "event_people",
        parent: Entity::Event,
        parent_column: "event_id",
        what: "person",
        column: "person_id",
        names: Some(Entity::Person),
    },
    Link {
        table: "event_objectives",
        parent: Entity::Event,
        parent_column: "event_id",
        what: "objective",
        column: "objective_id",
        names: Some(Entity::Objective),
    },
    Link {
        table: "briefing_orgs",
        parent: Entity::Briefing,
        parent_column: "briefing_id",
        what: "organisation",
        column: "org_id",
        names: Some(Entity::Organisation),
    },
    Link {
        table: "document_objectives",
        parent: Entity::Document,
        parent_column: "document_id",
        what: "objective",
        column: "objective_id",
        names: Some(Entity::Objective),
    },
];

/// The tables of whole entities and what they are called.
fn entity_of(table: &str) -> Option<(Entity, &'static str)> {
    Some(match table {
        "organisations" => (Entity::Organisation, "organisation"),
        "people" => (Entity::Person, "person"),
        "interactions" => (Entity::Entry, "log entry"),
        "events" => (Entity::Event, "event"),
        "briefings" => (Entity::Briefing, "briefing"),
        "documents" => (Entity::Document, "document"),
        "objectives" => (Entity::Objective, "objective"),
        "groups" => (Entity::Group, "group"),
        "tasks" => (Entity::Task, "task"),
        "distributions" => (Entity::Copy, "copy sent"),
        _ => return None,
    })
}

/// The name a person would know a row of an entity table by.
pub fn label_of_row(entity: Entity, row: &Row) -> String {
    let s = |k: &str| row.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match entity {
        Entity::Organisation => s("handle"),
        Entity::Person => s("name"),
        Entity::Entry => format!("{} “{}”", s("date"), short(&s("summary"))),
        Entity::Event => format!("{} ({})", s("name"), s("starts")),
        Entity::Briefing => format!("{} ({})", s("title"), s("date")),
        Entity::Document => format!("{} ({})", s("title"), s("language")),
        Entity::Task => format!("“{}”", short(&s("title"))),
        Entity::Copy => format!("on {} by {}", s("date"), s("channel")),
        Entity::Group => s("handle"),
        Entity::Objective => format!(
            "{} {}",
            row.get("number").map(|n| n.to_string()).unwrap_or_default(),
            s("title")
        ),
    }
}

/// What a person would call a recorded row: "organisation kke", "log
/// entry 2026-11-27 “Met about…”", "a tag of a log entry".
pub fn name_of_row(table: &str, row: &Row) -> String {
    if let Some((entity, noun)) = entity_of(table) {
        return format!("{noun} {}", label_of_row(entity, row));
    }
    if let Some(link) = LINKS.iter().find(|l| l.table == table) {
        return format!(
            "{} of {}",
            with_article(link.what),
            with_article(noun_of(link.parent))
        );
    }
    if table == "meta" {
        let key = row.get("key").and_then(Value::as_str).unwrap_or("");
        return format!("setting {key}");
    }
    format!("a row of {table}")
}

/// What the rows of a table are, with an article: "an organisation".
pub fn noun_of_table(table: &str) -> String {
    match entity_of(table) {
        Some((_, noun)) => with_article(noun),
        None => format!("a row of {table}"),
    }
}

fn noun_of(entity: Entity) -> &'static str {
    match entity {
        Entity::Organisation => "organisation",
        Entity::Person => "person",
        Entity::Entry => "log entry",
        Entity::Event => "event",
        Entity::Briefing => "briefing",
        Entity::Document => "document",
        Entity::Objective => "objective",
        Entity::Group => "group",
        Entity::Task => "task",
        Entity::Copy => "copy sent",
    }
}

fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// Cuts a text to a few words for a one-line description.
fn short(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(40).collect();
    if out.chars().count() < s.chars().count() {
        out.push('…');
    }
    out
}

fn value(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(none)".into(),
        Some(Value::String(s)) => short(s),
        Some(other) => other.to_string(),
    }
}

/// Drops the pairs a command removed and put back unchanged (a name list
/// rewritten as a whole), keeping the rest in order.
pub fn net(changes: &[Change]) -> Vec<&Change> {
    let fingerprint = |c: &Change, row: &Option<Row>| {
        format!(
            "{}|{}|{}",
            c.table,
            c.key,
            serde_json::to_string(row).unwrap_or_default()
        )
    };
    let mut deleted: HashMap<String, usize> = HashMap::new();
    let mut dropped: HashSet<usize> = HashSet::new();
    for (i, c) in changes.iter().enumerate() {
        match c.op.as_str() {
            "delete" => {
                deleted.insert(fingerprint(c, &c.before), i);
            }
            "insert" => {
                if let Some(j) = deleted.remove(&fingerprint(c, &c.after)) {
                    dropped.insert(i);
                    dropped.insert(j);
                }
            }
            _ => {}
        }
    }
    changes
        .iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, c)| c)
        .collect()
}

/// One line per change worth reading, in order. Links of an entity the
/// same command added or removed as a whole are folded into it; the name
/// rows that mirror an organisation's name fields are left out. `label`
/// names entities the rows point to (by ID), when it can.
pub fn describe(changes: &[&Change], label: &mut dyn FnMut(Entity, &str) -> Option<String>) -> Vec<String> {
    let whole: HashSet<&str> = changes
        .iter()
        .filter(|c| c.op != "update" && entity_of(&c.table).is_some())
        .filter_map(|c| c.record.as_deref())
        .collect();
    let mut lines = Vec::new();
    for c in changes {
        if let Some((entity, noun)) = entity_of(&c.table) {
            lines.push(describe_entity(c, entity, noun));
        } else if c.table == "meta" {
            let key = c.record.clone().unwrap_or_default();
            let old = c.before.as_ref().and_then(|r| r.get("value"));
            let new = c.after.as_ref().and_then(|r| r.get("value"));
            lines.push(format!("setting {key}: {} → {}", value(old), value(new)));
        } else if let Some(line) = describe_link(c, &whole, label) {
            lines.push(line);
        }
    }
    lines
}

fn describe_entity(c: &Change, entity: Entity, noun: &str) -> String {
    let name = c.row().map(|r| label_of_row(entity, r)).unwrap_or_default();
    match (c.op.as_str(), &c.before, &c.after) {
        ("insert", ..) => format!("added {noun} {name}"),
        ("delete", ..) => format!("removed {noun} {name} for good"),
        (_, Some(b), Some(a)) => {
            let was = b.get("deleted_at").is_some_and(|v| !v.is_null());
            let is = a.get("deleted_at").is_some_and(|v| !v.is_null());
            if !was && is {
                return format!("deleted {noun} {name}");
            }
            if was && !is {
                return format!("restored {noun} {name}");
            }
            let fields: Vec<String> = a
                .iter()
                .filter(|(k, v)| !QUIET.contains(&k.as_str()) && b.get(k.as_str()) != Some(v))
                .map(|(k, v)| format!("{k} {} → {}", value(b.get(k.as_str())), value(Some(v))))
                .collect();
            format!("{noun} {name}: {}", fields.join("; "))
        }
        _ => format!("changed {noun} {name}"),
    }
}

fn describe_link(
    c: &Change,
    whole: &HashSet<&str>,
    label: &mut dyn FnMut(Entity, &str) -> Option<String>,
) -> Option<String> {
    let Link {
        parent,
        parent_column: parent_col,
        what,
        column: col,
        names,
        ..
    } = LINKS.iter().find(|l| l.table == c.table)?;
    let row = c.row()?;
    let parent_id = row.get(*parent_col).and_then(Value::as_str)?;
    if whole.contains(parent_id) {
        return None;
    }
    if c.table == "org_names" && row.get("kind").and_then(Value::as_str) != Some("alias") {
        return None;
    }
    let parent_name = label(*parent, parent_id).unwrap_or_else(|| parent_id.chars().take(8).collect());
    let (_, parent_noun) = entity_of(match *parent {
        Entity::Organisation => "organisations",
        Entity::Entry => "interactions",
        Entity::Event => "events",
        Entity::Briefing => "briefings",
        _ => "documents",
    })?;
    let raw = row.get(*col).and_then(Value::as_str).unwrap_or("");
    let item = match names {
        Some(e) => label(*e, raw).unwrap_or_else(|| raw.chars().take(8).collect()),
        None => raw.to_string(),
    };
    let verb = match c.op.as_str() {
        "insert" => "added",
        "delete" => "removed",
        _ => "changed",
    };
    let role = row
        .get("role")
        .and_then(Value::as_str)
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    Some(format!("{parent_noun} {parent_name}: {verb} {what} {item}{role}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(table: &str, op: &str, before: Option<Value>, after: Option<Value>) -> Change {
        let row = after.clone().or(before.clone()).unwrap();
        Change {
            seq: 1,
            command: 1,
            table: table.into(),
            op: op.into(),
            key: json!({"rid": 1}),
            record: row
                .get("id")
                .or(row.get("org_id"))
                .and_then(Value::as_str)
                .map(str::to_string),
            before: before.and_then(|v| v.as_object().cloned()),
            after: after.and_then(|v| v.as_object().cloned()),
        }
    }

    #[test]
    fn an_edit_names_the_fields_it_changed_and_not_the_bookkeeping() {
        let b =
            json!({"id": "a1", "handle": "pcp", "status": "contact", "updated_at": "x", "deleted_at": null});
        let a =
            json!({"id": "a1", "handle": "pcp", "status": "partner", "updated_at": "y", "deleted_at": null});
        let c = change("organisations", "update", Some(b), Some(a));
        let lines = describe(&[&c], &mut |_, _| None);
        assert_eq!(lines, vec!["organisation pcp: status contact → partner"]);
    }

    #[test]
    fn a_name_list_rewritten_unchanged_leaves_nothing_to_show() {
        let row = json!({"org_id": "a1", "kind": "alias", "value": "PCP"});
        let gone = change("org_names", "delete", Some(row.clone()), None);
        let back = change("org_names", "insert", None, Some(row));
        let both = [gone, back];
        assert!(net(&both).is_empty());
    }

    #[test]
    fn links_of_a_new_entry_fold_into_it() {
        let entry = change(
            "interactions",
            "insert",
            None,
            Some(json!({"id": "e1", "date": "2026-11-27", "summary": "Met about the seminar"})),
        );
        let link = change(
            "interaction_orgs",
            "insert",
            None,
            Some(json!({"interaction_id": "e1", "org_id": "a1"})),
        );
        let lines = describe(&[&entry, &link], &mut |_, _| Some("pcp".into()));
        assert_eq!(lines, vec!["added log entry 2026-11-27 “Met about the seminar”"]);
    }
}
