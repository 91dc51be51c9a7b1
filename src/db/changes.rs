//! The change history: every row a command inserts, updates or deletes is
//! recorded with its values before and after, in the command's own
//! transaction, so "who changed this and when" is answerable and the last
//! commands can be undone.
//!
//! Rows are recorded by temporary triggers that a connection creates on its
//! first write, generated from the live schema: a column added by a later
//! migration is recorded without anyone remembering to, and a program that
//! is not liaison (the sqlite3 shell) writes without being recorded under a
//! liaison command it did not run.
//!
//! This file holds the lists of recorded and derived columns a new table
//! must join; `record.rs` writes the history, `read.rs` reads it, and
//! `revert.rs` undoes and redoes commands.

use rusqlite::Connection;

use crate::error::{Context, Result};

mod read;
mod record;
mod revert;

pub use read::{
    changes_for_org, changes_of, command, command_count, commands_for_org, label, org_changes_of, recent,
    redoable, undoable, undone_by,
};
pub use record::{
    Bulk, NewRows, begin, begin_bulk, compact_index, end, end_bulk, forget_record, install,
    overwrite_deleted, rewrite_file, set_line,
};
pub use revert::{purged, revert};

/// The recorded tables: (table, the column naming the record a row belongs
/// to, the column naming the organisation it concerns).
const RECORDED: &[(&str, &str, Option<&str>)] = &[
    ("meta", "key", None),
    ("organisations", "id", Some("id")),
    ("org_names", "org_id", Some("org_id")),
    ("org_tags", "org_id", Some("org_id")),
    ("groups", "id", None),
    ("org_groups", "org_id", Some("org_id")),
    ("people", "id", Some("org_id")),
    ("interactions", "id", None),
    ("interaction_orgs", "interaction_id", Some("org_id")),
    ("interaction_people", "interaction_id", None),
    ("interaction_tags", "interaction_id", None),
    ("interaction_objectives", "interaction_id", None),
    ("tasks", "id", Some("org_id")),
    ("objectives", "id", None),
    ("events", "id", None),
    ("event_orgs", "event_id", Some("org_id")),
    ("event_people", "event_id", None),
    ("event_objectives", "event_id", None),
    ("briefings", "id", None),
    ("briefing_orgs", "briefing_id", Some("org_id")),
    ("documents", "id", Some("author_org_id")),
    ("document_objectives", "document_id", None),
    ("distributions", "id", Some("org_id")),
];

/// Columns the program derives from other rows; an update that changes
/// only these is not recorded, and an undo recomputes them.
const DERIVED: &[(&str, &str)] = &[("organisations", "last_contact")];

/// Who runs the command being recorded, when, and what they typed.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user: String,
    pub at: String,
    pub line: String,
}

/// A table's columns and its primary key columns, from the live schema.
struct Table {
    columns: Vec<String>,
    key: Vec<String>,
}

/// The columns and keys of the recorded tables, read in one query (one
/// per table cost a recording write a thirtieth of its work).
fn tables(conn: &Connection) -> Result<std::collections::BTreeMap<String, Table>> {
    let names: Vec<String> = RECORDED.iter().map(|r| format!("'{}'", r.0)).collect();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT m.name, p.name, p.pk FROM sqlite_schema m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name IN ({}) ORDER BY m.name, p.cid",
            names.join(", ")
        ))
        .context("reading the schema")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .context("reading the schema")?;
    let mut columns: std::collections::BTreeMap<String, Vec<(String, i64)>> = Default::default();
    for row in rows {
        let (table, column, pk) = row.context("reading the schema")?;
        columns.entry(table).or_default().push((column, pk));
    }
    Ok(columns
        .into_iter()
        .map(|(name, rows)| (name, table_of(rows)))
        .collect())
}

fn table(conn: &Connection, name: &str) -> Result<Table> {
    let mut stmt = conn
        .prepare_cached("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")
        .context("reading the schema")?;
    let rows = stmt
        .query_map([name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .context("reading the schema")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the schema")?;
    Ok(table_of(rows))
}

/// A table from its columns in order, each with its place in the primary
/// key (0 when not in it).
fn table_of(rows: Vec<(String, i64)>) -> Table {
    let mut key: Vec<(i64, String)> = rows
        .iter()
        .filter(|r| r.1 > 0)
        .map(|r| (r.1, r.0.clone()))
        .collect();
    key.sort();
    Table {
        columns: rows.into_iter().map(|r| r.0).collect(),
        key: key.into_iter().map(|k| k.1).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables deliberately not recorded: the numbers of the last task
    /// list shown (a view, not data) and the history itself.
    const NOT_RECORDED: &[&str] = &["task_numbers", "commands", "changes"];

    #[test]
    fn every_table_is_recorded_or_left_out_on_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::Db::create(&dir.path().join("t.db")).unwrap();
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                   AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts_%'",
            )
            .unwrap();
        let names: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for name in names {
            assert!(
                RECORDED.iter().any(|r| r.0 == name) || NOT_RECORDED.contains(&name.as_str()),
                "table {name} is neither recorded in the change history nor left out on purpose"
            );
        }
    }
}
