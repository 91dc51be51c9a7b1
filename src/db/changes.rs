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

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params, params_from_iter};

use crate::error::{Context, Error, Result};
use crate::model::change::{Change, Command, Entity, Row, label_of_row, name_of_row};

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

fn table(conn: &Connection, name: &str) -> Result<Table> {
    let mut stmt = conn
        .prepare_cached("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")
        .context("reading the schema")?;
    let rows = stmt
        .query_map([name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .context("reading the schema")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the schema")?;
    let mut key: Vec<(i64, String)> = rows
        .iter()
        .filter(|r| r.1 > 0)
        .map(|r| (r.1, r.0.clone()))
        .collect();
    key.sort();
    Ok(Table {
        columns: rows.into_iter().map(|r| r.0).collect(),
        key: key.into_iter().map(|k| k.1).collect(),
    })
}

fn json_object(row: &str, columns: &[String]) -> String {
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {row}.\"{c}\"")).collect();
    format!("json_object({})", pairs.join(", "))
}

/// The SQL of the three triggers that record one table. Names come from
/// the schema, never from user input.
fn triggers_sql(name: &str, record: &str, org: Option<&str>, t: &Table) -> String {
    let mut sql = String::new();
    for (op, row, before, after) in [
        ("insert", "NEW", false, false),
        ("update", "NEW", true, true),
        ("delete", "OLD", true, false),
    ] {
        let watched: Vec<&String> = t
            .columns
            .iter()
            .filter(|c| !DERIVED.contains(&(name, c.as_str())))
            .collect();
        let when = if op == "update" {
            let differs: Vec<String> = watched
                .iter()
                .map(|c| format!("OLD.\"{c}\" IS NOT NEW.\"{c}\""))
                .collect();
            format!("WHEN {}", differs.join(" OR "))
        } else {
            String::new()
        };
        let org = org.map_or("NULL".to_string(), |c| format!("{row}.\"{c}\""));
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS record_{name}_{op} AFTER {OP} ON main.{name} {when}
             BEGIN
               INSERT INTO changes (command, tbl, op, key, record, org_id, before, after)
               VALUES ((SELECT max(seq) FROM commands), '{name}', '{op}', {key}, {row}.\"{record}\", {org}, {b}, {a});
             END;\n",
            OP = op.to_uppercase(),
            key = json_object(row, &t.key),
            b = if before { json_object("OLD", &t.columns) } else { "NULL".into() },
            a = if after { json_object("NEW", &t.columns) } else { "NULL".into() },
        ));
    }
    sql
}

/// Creates this connection's recording triggers, once.
pub fn install(conn: &Connection) -> Result<()> {
    let present: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'record_meta_insert')",
            [],
            |r| r.get(0),
        )
        .context("preparing the change history")?;
    if present {
        return Ok(());
    }
    let mut sql = String::new();
    for (name, record, org) in RECORDED {
        sql.push_str(&triggers_sql(name, record, *org, &table(conn, name)?));
    }
    conn.execute_batch(&sql).context("preparing the change history")
}

/// Which new rows of a table a bulk insert recorded at its end.
#[derive(Debug, Clone, Copy)]
pub enum NewRows {
    /// Rows of a table keyed by `rid` added after the bulk began.
    Added,
    /// Rows that go with the row they belong to (`ON DELETE CASCADE`):
    /// not recorded one by one. Undoing the insert of that row removes
    /// them, and the undo records them as it does.
    WithRecord,
}

/// A bulk insert in progress: the rows it adds to `tables` are recorded by
/// one statement per table in [`end_bulk`] instead of a trigger per row
/// (a trigger makes SQLite journal every statement's pages; over a
/// million-row import that is most of the time).
pub struct Bulk {
    tables: Vec<(&'static str, NewRows)>,
    /// The largest `rid` of each `Added` table when the bulk began.
    marks: BTreeMap<&'static str, i64>,
}

/// Stops recording inserts into `tables` row by row; [`end_bulk`] records
/// the rows added since. Updates and deletes are still recorded as they
/// happen.
pub fn begin_bulk(tx: &Transaction, tables: &[(&'static str, NewRows)]) -> Result<Bulk> {
    install(tx)?;
    let mut marks = BTreeMap::new();
    for (table, how) in tables {
        tx.execute_batch(&format!("DROP TRIGGER IF EXISTS temp.record_{table}_insert"))
            .context("preparing the change history")?;
        if let NewRows::Added = how {
            let max: i64 = tx
                .query_row(&format!("SELECT coalesce(max(rid), 0) FROM {table}"), [], |r| {
                    r.get(0)
                })
                .context("preparing the change history")?;
            marks.insert(*table, max);
        }
    }
    Ok(Bulk {
        tables: tables.to_vec(),
        marks,
    })
}

/// Records the rows a bulk insert added, in the order its tables were
/// named, and recording resumes row by row.
pub fn end_bulk(tx: &Transaction, bulk: Bulk) -> Result<()> {
    let mut triggers = String::new();
    for (table, how) in &bulk.tables {
        let &(_, record, org_column) = RECORDED
            .iter()
            .find(|r| r.0 == *table)
            .ok_or_else(|| Error::internal(format!("{table} is not a recorded table")))?;
        let t = self::table(tx, table)?;
        triggers.push_str(&triggers_sql(table, record, org_column, &t));
        let from = match how {
            NewRows::WithRecord => continue,
            NewRows::Added => format!(
                "{table} r WHERE r.rid > {}",
                bulk.marks.get(table).copied().unwrap_or(0)
            ),
        };
        let org = org_column.map_or("NULL".to_string(), |c| format!("r.\"{c}\""));
        tx.execute_batch(&format!(
            "INSERT INTO changes (command, tbl, op, key, record, org_id, before, after)
             SELECT (SELECT max(seq) FROM commands), '{table}', 'insert', {key}, r.\"{record}\", {org}, NULL, NULL
               FROM {from}",
            key = json_object("r", &t.key),
        ))
        .context("recording the change history")?;
    }
    tx.execute_batch(&triggers)
        .context("preparing the change history")
}

/// Opens the command's entry in the history; its changes attach to it.
pub fn begin(tx: &Transaction, actor: &Actor) -> Result<i64> {
    tx.execute(
        "INSERT INTO commands (at, user, line) VALUES (coalesce(nullif(?1, ''), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?2, ?3)",
        params![actor.at, actor.user, actor.line],
    )
    .context("recording the command")?;
    Ok(tx.last_insert_rowid())
}

/// Closes the command's entry: a command that changed nothing leaves none.
pub fn end(tx: &Transaction, seq: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM commands WHERE seq = ?1 AND NOT EXISTS (SELECT 1 FROM changes WHERE command = ?1)",
        [seq],
    )
    .context("recording the command")?;
    Ok(())
}

/// Where a change names a record: as its own row, as the organisation it
/// concerns, or anywhere in its key or values (a link pointing at it).
/// IDs are long random strings, so a match is never a coincidence.
const NAMES_RECORD: &str = "(record = ?1 OR org_id = ?1 OR instr(key, ?1) > 0
    OR instr(coalesce(before, ''), ?1) > 0 OR instr(coalesce(after, ''), ?1) > 0)";

/// Erases every recorded trace of a record removed for good, for
/// `--purge`: every change that names it (its own rows and the rows that
/// pointed at it, in any command). The current command keeps one change
/// without values instead, which marks it as a purge that no undo can
/// revert; other commands left with nothing recorded disappear.
///
/// Returns the commands whose line the caller should rewrite, with their
/// lines: those that had changes erased, those whose line contains one of
/// `names`, and the current command.
pub fn forget_record(tx: &Connection, table: &str, id: &str, names: &[String]) -> Result<Vec<(i64, String)>> {
    let mut seqs: BTreeSet<i64> = BTreeSet::new();
    let mut stmt = tx
        .prepare(&format!(
            "SELECT DISTINCT command FROM changes WHERE {NAMES_RECORD}"
        ))
        .context("forgetting the history")?;
    let found = stmt
        .query_map([id], |r| r.get::<_, i64>(0))
        .context("forgetting the history")?;
    for seq in found {
        seqs.insert(seq.context("forgetting the history")?);
    }
    let mut stmt = tx
        .prepare("SELECT seq FROM commands WHERE instr(line, ?1) > 0")
        .context("forgetting the history")?;
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let found = stmt
            .query_map([name], |r| r.get::<_, i64>(0))
            .context("forgetting the history")?;
        for seq in found {
            seqs.insert(seq.context("forgetting the history")?);
        }
    }
    let current: i64 = tx
        .query_row("SELECT max(seq) FROM commands", [], |r| r.get(0))
        .context("forgetting the history")?;
    seqs.insert(current);
    tx.execute(&format!("DELETE FROM changes WHERE {NAMES_RECORD}"), [id])
        .context("forgetting the history")?;
    tx.execute(
        "INSERT INTO changes (command, tbl, op, key, record, org_id, before, after)
         VALUES (?1, ?2, 'delete', '{}', NULL, NULL, NULL, NULL)",
        params![current, table],
    )
    .context("forgetting the history")?;
    forget_empty_commands(tx)?;
    let mut lines = Vec::new();
    for seq in seqs {
        if let Some(c) = command(tx, seq)? {
            lines.push((seq, c.line));
        }
    }
    Ok(lines)
}

/// Makes this connection overwrite what it deletes with zeros, rather
/// than only unlinking it, so that removed rows and history do not stay
/// readable in the file's free space.
pub fn overwrite_deleted(tx: &Connection) -> Result<()> {
    tx.pragma_update(None, "secure_delete", true)
        .context("preparing the purge")
}

/// Rewrites a full-text index in one piece: a deleted entry's words stay
/// in the index's older segments until they are merged.
pub fn compact_index(tx: &Connection, fts: &str) -> Result<()> {
    tx.execute(&format!("INSERT INTO {fts} ({fts}) VALUES ('optimize')"), [])
        .context("compacting the search index")?;
    Ok(())
}

/// Replaces the recorded command line of a command.
pub fn set_line(tx: &Connection, seq: i64, line: &str) -> Result<()> {
    tx.execute("UPDATE commands SET line = ?2 WHERE seq = ?1", params![seq, line])
        .context("rewriting the history")?;
    Ok(())
}

/// Rewrites the whole file from its live rows (SQLite's VACUUM), then
/// copies the write-ahead log into it and empties the log: old copies of
/// rows removed or edited earlier stay in the free space of pages until
/// then. False when another process still reads an older state and the
/// log could not be emptied.
pub fn rewrite_file(conn: &Connection) -> Result<bool> {
    conn.execute_batch("VACUUM").context("rewriting the file")?;
    let busy: i64 = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
        .context("emptying the write-ahead log")?;
    Ok(busy == 0)
}

fn forget_empty_commands(tx: &Connection) -> Result<()> {
    tx.execute(
        "UPDATE commands SET undone_by = NULL
          WHERE undone_by IN (SELECT seq FROM commands c WHERE NOT EXISTS (SELECT 1 FROM changes WHERE command = c.seq))",
        [],
    )
    .context("forgetting the history")?;
    tx.execute(
        "DELETE FROM commands WHERE NOT EXISTS (SELECT 1 FROM changes WHERE command = commands.seq)",
        [],
    )
    .context("forgetting the history")?;
    Ok(())
}

fn object(text: Option<String>) -> Option<Row> {
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
fn as_inserted(conn: &Connection, c: &Change) -> Result<Option<Row>> {
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
fn current_row(conn: &Connection, table: &str, key: &serde_json::Value) -> Result<Option<Row>> {
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
fn page_back(conn: &Connection, command: i64, below: i64, limit: usize) -> Result<Vec<Change>> {
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

/// Reverts the changes of `targets` (newest command first) as command
/// `by`, which is an undo or a redo (`reverts`); records the targets as
/// undone by it, and brings search entries and last contacts back in line
/// with the rows.
///
/// It overwrites nothing a later command did: each row must still be as
/// the target left it, reverting must not take away rows that later
/// commands added, and every row put back must find the rows it points
/// at. Otherwise it fails naming the first thing in the way, and the
/// caller's transaction leaves everything as it was.
pub fn revert(tx: &Transaction, targets: &[i64], by: i64, reverts: &str) -> Result<usize> {
    for &target in targets {
        if let Some(c) = command(tx, target)?.filter(|c| c.purge) {
            return Err(purged(&c, reverts));
        }
    }
    // Rows come back in reverse order; a row may briefly point at one not
    // yet restored, so foreign keys are checked when the undo commits.
    tx.pragma_update(None, "defer_foreign_keys", true)
        .context("starting the undo")?;
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    let mut touched = Touched::default();
    let mut put_back: BTreeSet<String> = BTreeSet::new();
    let mut n = 0;
    for &target in targets {
        let later = changed_later(tx, target)?;
        // In pages, so undoing a large import holds one page in memory.
        let mut below = i64::MAX;
        loop {
            let page = page_back(tx, target, below, 10_000)?;
            let Some(last) = page.last() else { break };
            below = last.seq;
            for c in &page {
                if !tables.contains_key(&c.table) {
                    tables.insert(c.table.clone(), table(tx, &c.table)?);
                }
                let t = &tables[&c.table];
                if let Some(row) = in_the_way(tx, t, c, later)? {
                    return Err(blocked(
                        reverts,
                        &[target],
                        &format!("a later command changed {row}"),
                    ));
                }
                match revert_one(tx, t, c, reverts)? {
                    Some(rid) => touched.note(&Change {
                        key: serde_json::json!({ "rid": rid }),
                        ..c.clone()
                    }),
                    None => touched.note(c),
                }
                if c.op != "insert" {
                    put_back.insert(c.table.clone());
                }
                n += 1;
            }
        }
        tx.execute(
            "UPDATE commands SET undone_by = ?2 WHERE seq = ?1",
            params![target, by],
        )
        .context("recording the undo")?;
        if reverts == "redo" {
            // The commands the undo had reverted are live again.
            tx.execute(
                "UPDATE commands SET undone_by = NULL WHERE undone_by = ?1",
                [target],
            )
            .context("recording the redo")?;
        }
    }
    tx.execute(
        "UPDATE commands SET reverts = ?2 WHERE seq = ?1",
        params![by, reverts],
    )
    .context("recording the undo")?;
    no_side_effects(tx, targets, by, reverts)?;
    no_dangling_rows(tx, &put_back, targets, reverts)?;
    // Rows removed with the rows they belong to (the organisations of
    // log entries an undo removed) are recorded only by the undo itself.
    touched.note_cascaded(tx, by)?;
    touched.resync(tx)?;
    Ok(n)
}

/// The refusal to revert a purge.
pub fn purged(c: &Command, reverts: &str) -> Error {
    Error::user(format!(
        "cannot {reverts} #{} (liaison {}): it removed records for good",
        c.seq, c.line
    ))
    .hint("a purge cannot be undone; undo an earlier command by its number: liaison undo --command N")
    .hint("see the numbers with: liaison undo --list")
}

/// A refusal to revert `targets` because of `why`.
fn blocked(reverts: &str, targets: &[i64], why: &str) -> Error {
    let which: Vec<String> = targets.iter().map(|t| format!("#{t}")).collect();
    Error::user(format!("cannot {reverts} {}: {why}", which.join(", ")))
        .hint("see the later commands with: liaison undo --list; undo them first, or leave it as it is")
}

/// Whether any row the command inserted was changed by a later command
/// (undone or not): only then is an inserted row compared with its state
/// as inserted before it is removed.
fn changed_later(tx: &Transaction, command: i64) -> Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM changes t JOIN changes l
                          ON l.record = t.record AND l.tbl = t.tbl AND l.seq > t.seq AND l.command <> t.command
                         WHERE t.command = ?1 AND t.op = 'insert')",
        [command],
        |r| r.get(0),
    )
    .context("reading the change history")
}

/// The row a change left, named, when it is no longer as the change left
/// it: changed or removed since by a later command, or (for a row the
/// change removed) there again. A row of another record that took the
/// `rid` of one the change removed is not in the way: the row comes back
/// under a new one.
fn in_the_way(tx: &Transaction, t: &Table, c: &Change, later: bool) -> Result<Option<String>> {
    let now = current_row(tx, &c.table, &c.key)?;
    let other_record =
        |row: &Row| rekeyable(t) && row.get("id").and_then(|v| v.as_str()) != c.record.as_deref();
    let in_the_way = match (c.op.as_str(), &c.before, &c.after) {
        ("update", _, Some(after)) => match &now {
            Some(row) if same_row(&c.table, row, after) => None,
            _ => Some(after.clone()),
        },
        ("delete", Some(before), _) => now.filter(|row| !other_record(row)).map(|_| before.clone()),
        ("insert", ..) if later => match (as_inserted(tx, c)?, now) {
            (Some(was), Some(row)) if other_record(&row) || !same_row(&c.table, &row, &was) => Some(was),
            (None, Some(row)) if other_record(&row) => Some(row),
            _ => None,
        },
        _ => None,
    };
    Ok(in_the_way.map(|row| name_of_row(&c.table, &row)))
}

/// Whether a row has the values `expected` gives, derived columns and the
/// local `rid` aside (a row put back may have a new one).
fn same_row(table: &str, row: &Row, expected: &Row) -> bool {
    expected
        .iter()
        .filter(|(k, _)| *k != "rid" && !DERIVED.contains(&(table, k.as_str())))
        .all(|(k, v)| row.get(k) == Some(v))
}

/// Fails when the revert changed rows beyond the targets' own (a row is
/// the targets' own by its key, or, when the change moved it to another
/// key, by the values it had): rows that
/// later commands added pointing at a row the revert removed (they went
/// with it, or lost the link). Rows that belong to a record the targets
/// added, such as the links of a log entry a bulk import added, go with
/// it as they came.
fn no_side_effects(tx: &Transaction, targets: &[i64], by: i64, reverts: &str) -> Result<()> {
    let list = serde_json::to_string(targets).unwrap_or_default();
    let found: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT u.tbl, coalesce(u.before, u.after) FROM changes u
              WHERE u.command = ?1
                AND NOT EXISTS (SELECT 1 FROM changes t
                                 WHERE t.record = u.record AND t.tbl = u.tbl
                                   AND (t.key = u.key OR u.after = t.before)
                                   AND t.command IN (SELECT value FROM json_each(?2)))
                AND NOT EXISTS (SELECT 1 FROM changes t
                                 WHERE t.record = u.record AND t.op = 'insert'
                                   AND t.command IN (SELECT value FROM json_each(?2)))
              LIMIT 1",
            params![by, list],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .context("checking the undo")?;
    match found {
        None => Ok(()),
        Some((table, row)) => {
            let row = object(row).map_or_else(|| table.clone(), |r| name_of_row(&table, &r));
            Err(blocked(
                reverts,
                targets,
                &format!("later commands depend on what it added ({row})"),
            ))
        }
    }
}

/// Fails when a row put back points at a row that is gone (removed by a
/// later command): SQLite would refuse the commit without saying which.
fn no_dangling_rows(
    tx: &Transaction,
    tables: &BTreeSet<String>,
    targets: &[i64],
    reverts: &str,
) -> Result<()> {
    for table in tables {
        let parent: Option<String> = tx
            .query_row(
                "SELECT parent FROM pragma_foreign_key_check(?1) LIMIT 1",
                [table],
                |r| r.get(0),
            )
            .optional()
            .context("checking the undo")?;
        if let Some(parent) = parent {
            return Err(blocked(
                reverts,
                targets,
                &format!(
                    "what it would put back points at {} that no longer exists",
                    crate::model::change::noun_of_table(&parent)
                ),
            ));
        }
    }
    Ok(())
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

fn to_sql(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)), Value::Integer),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// Reverts one change; returns the new `rid` of a row put back under
/// another one, because a row added since took its old `rid`.
fn revert_one(tx: &Transaction, t: &Table, c: &Change, reverts: &str) -> Result<Option<i64>> {
    let rekey = c.op == "delete" && rekeyable(t) && current_row(tx, &c.table, &c.key)?.is_some();
    let key = c.key.as_object().cloned().unwrap_or_default();
    let mut where_sql = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let known = |col: &String| t.columns.contains(col);
    let name = &c.table;
    let sql = match (c.op.as_str(), &c.before) {
        ("insert", _) => format!("DELETE FROM \"{name}\" WHERE {}", {
            for (k, v) in key.iter().filter(|(k, _)| known(k)) {
                where_sql.push(format!("\"{k}\" = ?"));
                args.push(to_sql(v));
            }
            where_sql.join(" AND ")
        }),
        ("update", Some(before)) => {
            let mut sets = Vec::new();
            // A row keeps the `rid` it has now, which may not be the one
            // it had when the change was recorded.
            for (k, v) in before.iter().filter(|(k, _)| known(k) && *k != "rid") {
                sets.push(format!("\"{k}\" = ?"));
                args.push(to_sql(v));
            }
            for (k, v) in key.iter().filter(|(k, _)| known(k)) {
                where_sql.push(format!("\"{k}\" = ?"));
                args.push(to_sql(v));
            }
            format!(
                "UPDATE \"{name}\" SET {} WHERE {}",
                sets.join(", "),
                where_sql.join(" AND ")
            )
        }
        ("delete", Some(before)) => {
            let mut cols = Vec::new();
            for (k, v) in before.iter().filter(|(k, _)| known(k) && !(rekey && *k == "rid")) {
                cols.push(format!("\"{k}\""));
                args.push(to_sql(v));
            }
            let marks = vec!["?"; cols.len()].join(", ");
            format!("INSERT INTO \"{name}\" ({}) VALUES ({marks})", cols.join(", "))
        }
        _ => {
            return Err(Error::internal(format!(
                "change {} of the history cannot be read",
                c.seq
            )));
        }
    };
    tx.prepare_cached(&sql)
        .and_then(|mut stmt| stmt.execute(params_from_iter(args)))
        .map_err(|e| {
            let row = c
                .row()
                .map_or_else(|| c.table.clone(), |r| name_of_row(&c.table, r));
            blocked(
                reverts,
                &[c.command],
                &format!("{row} clashes with a later change ({e})"),
            )
        })?;
    if !rekey {
        return Ok(None);
    }
    // The history names the row by its new key from now on.
    let rid = tx.last_insert_rowid();
    tx.execute(
        "UPDATE changes SET key = json_object('rid', ?1) WHERE record = ?2 AND tbl = ?3 AND key = ?4",
        params![rid, c.record, c.table, c.key.to_string()],
    )
    .context("recording the undo")?;
    Ok(Some(rid))
}

/// Whether a table's rows are known by an `id` and stored under a local
/// `rid`, which a row put back can take anew.
fn rekeyable(t: &Table) -> bool {
    t.key == ["rid"] && t.columns.iter().any(|c| c == "id")
}

/// What an undo touched that derived data depends on.
#[derive(Default)]
struct Touched {
    orgs: BTreeSet<i64>,
    org_ids: BTreeSet<String>,
    people: BTreeSet<i64>,
    entries: BTreeSet<i64>,
    entry_ids: BTreeSet<String>,
    contact_orgs: BTreeSet<String>,
    tasks: BTreeSet<String>,
}

impl Touched {
    fn note(&mut self, c: &Change) {
        let rid = c.key.get("rid").and_then(serde_json::Value::as_i64);
        let record = c.record.clone().unwrap_or_default();
        match c.table.as_str() {
            "organisations" => self.orgs.extend(rid),
            "org_names" | "org_tags" => {
                self.org_ids.insert(record);
            }
            "people" => self.people.extend(rid),
            "interactions" => {
                self.entries.extend(rid);
                self.entry_ids.insert(record);
            }
            "interaction_tags" => {
                self.entry_ids.insert(record);
            }
            "tasks" => {
                self.tasks.insert(record);
            }
            "interaction_orgs" => {
                self.entry_ids.insert(record);
                // An insert records only its key, which names the
                // organisation; a move (a merge) names one before and
                // another after, and both last contacts change.
                let rows = [c.before.as_ref(), c.after.as_ref(), c.key.as_object()];
                for row in rows.into_iter().flatten() {
                    if let Some(org) = row.get("org_id").and_then(|v| v.as_str()) {
                        self.contact_orgs.insert(org.to_string());
                    }
                }
            }
            _ => {}
        }
    }

    /// Notes the organisations whose links to log entries command `by`
    /// changed, including those that went with their entries, and those
    /// whose copies of documents sent it put back or took away: their last
    /// contact depends on both.
    fn note_cascaded(&mut self, tx: &Transaction, by: i64) -> Result<()> {
        let mut stmt = tx
            .prepare_cached(
                "SELECT json_extract(coalesce(before, key), '$.org_id')
                   FROM changes WHERE command = ?1 AND tbl = 'interaction_orgs'
                 UNION SELECT json_extract(after, '$.org_id')
                   FROM changes WHERE command = ?1 AND tbl = 'interaction_orgs'
                 UNION SELECT org_id FROM changes WHERE command = ?1 AND tbl = 'distributions'
                 UNION SELECT json_extract(before, '$.org_id')
                   FROM changes WHERE command = ?1 AND tbl = 'distributions'",
            )
            .context("reading the change history")?;
        let orgs = stmt
            .query_map([by], |r| r.get::<_, Option<String>>(0))
            .context("reading the change history")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("reading the change history")?;
        self.contact_orgs.extend(orgs.into_iter().flatten());
        Ok(())
    }

    fn resync(mut self, tx: &Transaction) -> Result<()> {
        for id in &self.org_ids {
            self.orgs.extend(super::rid_of(tx, "organisations", id)?);
        }
        for id in &self.entry_ids {
            self.entries.extend(super::rid_of(tx, "interactions", id)?);
            // The organisations of an entry whose date or deletion changed.
            let mut stmt = tx
                .prepare_cached("SELECT org_id FROM interaction_orgs WHERE interaction_id = ?1")
                .context("reading log entry")?;
            let orgs = stmt
                .query_map([id], |r| r.get::<_, String>(0))
                .context("reading log entry")?
                .collect::<rusqlite::Result<Vec<_>>>()
                .context("reading log entry")?;
            self.contact_orgs.extend(orgs);
        }
        for rid in &self.orgs {
            super::orgs::reindex(tx, *rid)?;
        }
        for rid in &self.people {
            super::people::reindex(tx, *rid)?;
        }
        for rid in &self.entries {
            super::log::reindex(tx, *rid)?;
        }
        for org in &self.contact_orgs {
            super::log::refresh_last_contact(tx, org)?;
        }
        // Numbered in the order the tasks were first added, as they were.
        let mut tasks = Vec::new();
        for id in &self.tasks {
            tasks.extend(super::rid_of(tx, "tasks", id)?.map(|rid| (rid, id)));
        }
        tasks.sort();
        for (_, task) in tasks {
            super::tasks::number_if_missing(tx, task)?;
        }
        Ok(())
    }
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
    Ok(row.map(|r| label_of_row(entity, &r)))
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
