//! Reading the history: commands, their changes, and the rows they
//! touched, for `changes`, `history` and `undo`.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::RECORDED;
use super::revert::to_sql;
use crate::error::{Context, Result};
use crate::model::change::{Change, Command, Entity, Row, label_of_row};

pub(super) fn object(text: Option<String>) -> Option<Row> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// A purge leaves one change without values: a delete with no `before`.
const COMMAND_COLUMNS: &str = "c.seq, c.at, c.user, c.line, c.reverts, c.undone_by,
    (SELECT count(*) FROM changes WHERE command = c.seq),
    EXISTS (SELECT 1 FROM changes WHERE command = c.seq AND op = 'delete' AND before IS NULL)";

fn command_from_row(r: &rusqlite::Row) -> rusqlite::Result<Command> {
    Ok(Command {
        seq: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        line: r.get(3)?,
        reverts: r.get(4)?,
        undone_by: r.get(5)?,
        changes: r.get(6)?,
        purge: r.get(7)?,
    })
}

/// The commands a query picks (`{COMMAND_COLUMNS}` from `commands c`).
fn commands_by(conn: &Connection, rest: &str, args: impl rusqlite::Params) -> Result<Vec<Command>> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {COMMAND_COLUMNS} FROM commands c {rest}"))
        .context("reading the change history")?;
    let rows = stmt
        .query_map(args, command_from_row)
        .context("reading the change history")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the change history")
}

/// The latest commands, newest first (`limit` 0: all).
pub fn recent(conn: &Connection, limit: usize) -> Result<Vec<Command>> {
    commands_by(conn, "ORDER BY c.seq DESC LIMIT ?1", [sql_limit(limit)])
}

/// How many commands the history records.
pub fn command_count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .query_row("SELECT count(*) FROM commands", [], |r| r.get(0))
        .context("counting the change history")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// A list length as SQLite's LIMIT takes it: 0 (all) is -1, no limit.
fn sql_limit(limit: usize) -> i64 {
    if limit == 0 {
        -1
    } else {
        i64::try_from(limit).unwrap_or(-1)
    }
}

/// The records that belong to an organisation and the history rows that
/// touched them, for `changes_for_org` and `commands_for_org`.
const ORG_HITS: &str = "records (id) AS (
                 SELECT ?1
                 UNION SELECT interaction_id FROM interaction_orgs WHERE org_id = ?1
                 UNION SELECT event_id FROM event_orgs WHERE org_id = ?1
                 UNION SELECT briefing_id FROM briefing_orgs WHERE org_id = ?1
                 UNION SELECT record FROM changes WHERE org_id = ?1
             ),
             hits AS (
                 SELECT seq FROM changes WHERE org_id = ?1
                 UNION SELECT ch.seq FROM records r JOIN changes ch ON ch.record = r.id
             )";

/// How many commands changed something of an organisation.
pub fn commands_for_org(conn: &Connection, org_id: &str) -> Result<usize> {
    let n: i64 = conn
        .query_row(
            &format!(
                "WITH {ORG_HITS}
                 SELECT count(DISTINCT ch.command) FROM hits h JOIN changes ch ON ch.seq = h.seq"
            ),
            [org_id],
            |r| r.get(0),
        )
        .context("counting the change history")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// One command by its number.
pub fn command(conn: &Connection, seq: i64) -> Result<Option<Command>> {
    conn.query_row(
        &format!("SELECT {COMMAND_COLUMNS} FROM commands c WHERE c.seq = ?1"),
        [seq],
        command_from_row,
    )
    .optional()
    .context("reading the change history")
}

/// The last `n` commands an undo would revert, newest first: those before
/// command `below` not undone already, and not undos themselves.
pub fn undoable(conn: &Connection, n: usize, below: i64) -> Result<Vec<Command>> {
    commands_by(
        conn,
        "WHERE c.undone_by IS NULL AND c.reverts IS NULL AND c.seq < ?2 ORDER BY c.seq DESC LIMIT ?1",
        params![n as i64, below],
    )
}

const CHANGE_COLUMNS: &str = "ch.seq, ch.command, ch.tbl, ch.op, ch.key, ch.record, ch.before, ch.after";

fn change_from_row(r: &rusqlite::Row) -> rusqlite::Result<Change> {
    let key: String = r.get(4)?;
    Ok(Change {
        seq: r.get(0)?,
        command: r.get(1)?,
        table: r.get(2)?,
        op: r.get(3)?,
        key: serde_json::from_str(&key).unwrap_or(serde_json::Value::Null),
        record: r.get(5)?,
        before: object(r.get(6)?),
        after: object(r.get(7)?),
    })
}

/// The changes of one command, in the order they were made; at most
/// `limit` of them.
pub fn changes_of(conn: &Connection, command: i64, limit: usize) -> Result<Vec<Change>> {
    let mut changes = changes_by(
        conn,
        "WHERE ch.command = ?1 ORDER BY ch.seq LIMIT ?2",
        params![command, limit as i64],
    )?;
    fill_inserted(conn, &mut changes)?;
    Ok(changes)
}

/// The changes of a command to organisation records (not their names or
/// links), in order: few, even in a command that changed a million rows.
pub fn org_changes_of(conn: &Connection, command: i64) -> Result<Vec<Change>> {
    changes_by(
        conn,
        "WHERE ch.command = ?1 AND ch.tbl = 'organisations' ORDER BY ch.seq",
        [command],
    )
}

/// The changes a query picks (`{CHANGE_COLUMNS}` from `changes ch`).
fn changes_by(conn: &Connection, rest: &str, args: impl rusqlite::Params) -> Result<Vec<Change>> {
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {CHANGE_COLUMNS} FROM changes ch {rest}"))
        .context("reading the change history")?;
    let rows = stmt
        .query_map(args, change_from_row)
        .context("reading the change history")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the change history")
}

/// Fills in the values of inserted rows, which the history does not
/// repeat: a row as inserted is the `before` of its next recorded change,
/// or else the row as it is now.
fn fill_inserted(conn: &Connection, changes: &mut [Change]) -> Result<()> {
    for c in changes
        .iter_mut()
        .filter(|c| c.op == "insert" && c.after.is_none())
    {
        c.after = match as_inserted(conn, c)? {
            Some(row) => Some(row),
            None => current_row(conn, &c.table, &c.key)?,
        };
    }
    Ok(())
}

/// An inserted row's values as inserted, when a later change recorded
/// them as its `before`.
pub(super) fn as_inserted(conn: &Connection, c: &Change) -> Result<Option<Row>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT key, before FROM changes WHERE record IS ?1 AND tbl = ?2 AND seq > ?3
               AND before IS NOT NULL ORDER BY seq",
        )
        .context("reading the change history")?;
    let mut rows = stmt
        .query(params![c.record, c.table, c.seq])
        .context("reading the change history")?;
    while let Some(r) = rows.next().context("reading the change history")? {
        let key: String = r.get(0).context("reading the change history")?;
        if serde_json::from_str::<serde_json::Value>(&key).is_ok_and(|k| k == c.key) {
            return Ok(object(r.get(1).context("reading the change history")?));
        }
    }
    Ok(None)
}

/// A row as it is now, found by its primary key.
pub(super) fn current_row(conn: &Connection, table: &str, key: &serde_json::Value) -> Result<Option<Row>> {
    let Some(key) = key.as_object() else {
        return Ok(None);
    };
    if !RECORDED.iter().any(|r| r.0 == table) {
        return Ok(None);
    }
    let cond: Vec<String> = key.keys().map(|k| format!("\"{k}\" = ?")).collect();
    let args: Vec<Value> = key.values().map(to_sql).collect();
    let mut stmt = conn
        .prepare_cached(&format!("SELECT * FROM \"{table}\" WHERE {}", cond.join(" AND ")))
        .context("reading the change history")?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_string).collect();
    stmt.query_row(params_from_iter(args), |r| row_object(r, &names))
        .optional()
        .context("reading the change history")
}

fn row_object(r: &rusqlite::Row, names: &[String]) -> rusqlite::Result<Row> {
    let mut row = Row::new();
    for (i, name) in names.iter().enumerate() {
        let v = match r.get_ref(i)? {
            rusqlite::types::ValueRef::Integer(n) => serde_json::Value::from(n),
            rusqlite::types::ValueRef::Real(f) => serde_json::Value::from(f),
            rusqlite::types::ValueRef::Text(t) => {
                serde_json::Value::from(String::from_utf8_lossy(t).into_owned())
            }
            _ => serde_json::Value::Null,
        };
        row.insert(name.clone(), v);
    }
    Ok(row)
}

/// The changes of one command made before change `below`, newest first:
/// a page of what an undo walks back through.
pub(super) fn page_back(conn: &Connection, command: i64, below: i64, limit: usize) -> Result<Vec<Change>> {
    changes_by(
        conn,
        "WHERE ch.command = ?1 AND ch.seq < ?2 ORDER BY ch.seq DESC LIMIT ?3",
        params![command, below, limit as i64],
    )
}

/// The changes that concern an organisation: its own rows, rows that name
/// it, and the log entries and events it took part in; newest first, from
/// at most `limit` commands.
pub fn changes_for_org(conn: &Connection, org_id: &str, limit: usize) -> Result<Vec<Change>> {
    let mut stmt = conn
        .prepare(&format!(
            "WITH {ORG_HITS},
             cmds AS (
                 SELECT DISTINCT ch.command FROM hits h JOIN changes ch ON ch.seq = h.seq
                  ORDER BY ch.command DESC LIMIT ?2
             )
             SELECT {CHANGE_COLUMNS} FROM hits h JOIN changes ch ON ch.seq = h.seq
              WHERE ch.command IN (SELECT command FROM cmds)
              ORDER BY ch.seq DESC"
        ))
        .context("reading the change history")?;
    let rows = stmt
        .query_map(params![org_id, sql_limit(limit)], change_from_row)
        .context("reading the change history")?;
    let mut changes = rows
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the change history")?;
    fill_inserted(conn, &mut changes)?;
    Ok(changes)
}

/// The commands an undo reverted, newest first.
pub fn undone_by(conn: &Connection, undo: i64) -> Result<Vec<Command>> {
    commands_by(conn, "WHERE c.undone_by = ?1 ORDER BY c.seq DESC", [undo])
}

/// The undo a redo would revert: the most recent undo before command
/// `below` that no redo has reverted yet, however many commands came after
/// it.
pub fn redoable(conn: &Connection, below: i64) -> Result<Option<Command>> {
    let found = commands_by(
        conn,
        "WHERE c.reverts = 'undo' AND c.undone_by IS NULL AND c.seq < ?1 ORDER BY c.seq DESC LIMIT 1",
        [below],
    )?;
    Ok(found.into_iter().next())
}

/// The name a person would know an entity by, from its row as it is now.
pub fn label(conn: &Connection, entity: Entity, id: &str) -> Result<Option<String>> {
    let table = match entity {
        Entity::Organisation => "organisations",
        Entity::Person => "people",
        Entity::Entry => "interactions",
        Entity::Event => "events",
        Entity::Briefing => "briefings",
        Entity::Document => "documents",
        Entity::Objective => "objectives",
        Entity::Group => "groups",
        Entity::Task => "tasks",
        Entity::Copy => "distributions",
    };
    let mut stmt = conn
        .prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))
        .context("reading the change history")?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_string).collect();
    let row = stmt
        .query_row([id], |r| row_object(r, &names))
        .optional()
        .context("reading the change history")?;
    if let Some(r) = row {
        return Ok(Some(label_of_row(entity, &r)));
    }
    // A row deleted outright (a group) is known by its last recorded state.
    let last: Option<String> = conn
        .prepare_cached(
            "SELECT before FROM changes WHERE record = ?1 AND tbl = ?2 AND before IS NOT NULL
              ORDER BY seq DESC LIMIT 1",
        )
        .and_then(|mut s| s.query_row(params![id, table], |r| r.get(0)).optional())
        .context("reading the change history")?;
    Ok(last
        .and_then(|json| serde_json::from_str::<Row>(&json).ok())
        .map(|r| label_of_row(entity, &r)))
}
