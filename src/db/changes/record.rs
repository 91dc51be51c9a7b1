//! Recording: the triggers that write each row's before and after under
//! the running command, the command's own row, bulk loads that record
//! their new rows in one pass, and erasing a purged record's traces.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use rusqlite::{Connection, Transaction, params};

use super::read::command;
use super::{Actor, DERIVED, RECORDED, Table, table};
use crate::error::{Context, Error, Result};

/// Writes `json_object('c1', ROW."c1", …)` of `columns` onto `sql`.
fn json_object(sql: &mut String, row: &str, columns: &[String]) {
    sql.push_str("json_object(");
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        let _ = write!(sql, "'{c}', {row}.\"{c}\"");
    }
    sql.push(')');
}

/// Writes the SQL of the three triggers that record one table onto
/// `sql`. Names come from the schema, never from user input. (Every
/// write command parses these, twice: SQLite reads a new trigger back
/// from the schema. They are kept short, and written without a string
/// per piece.)
fn triggers_sql(sql: &mut String, name: &str, record: &str, org: Option<&str>, t: &Table) {
    // Only a table with derived columns filters its updates in the
    // trigger: the condition names every column twice, and parsing it for
    // every table cost a tenth of a write. Elsewhere an update that
    // changed nothing is recorded and dropped by `drop_unchanged`.
    let watched: Vec<&String> = t
        .columns
        .iter()
        .filter(|c| !DERIVED.contains(&(name, c.as_str())))
        .collect();
    for (op, row) in [("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")] {
        let _ = write!(
            sql,
            "CREATE TEMP TRIGGER IF NOT EXISTS record_{name}_{op} AFTER {} ON main.{name} ",
            op.to_uppercase()
        );
        if op == "update" && watched.len() < t.columns.len() {
            sql.push_str("WHEN ");
            for (i, c) in watched.iter().enumerate() {
                if i > 0 {
                    sql.push_str(" OR ");
                }
                let _ = write!(sql, "OLD.\"{c}\" IS NOT NEW.\"{c}\"");
            }
        }
        let _ = write!(
            sql,
            " BEGIN INSERT INTO changes (command, tbl, op, key, record, org_id, before, after) \
             VALUES (liaison_command(), '{name}', '{op}', "
        );
        json_object(sql, row, &t.key);
        let _ = write!(sql, ", {row}.\"{record}\", ");
        match org {
            Some(c) => {
                let _ = write!(sql, "{row}.\"{c}\", ");
            }
            None => sql.push_str("NULL, "),
        }
        if op == "insert" {
            sql.push_str("NULL");
        } else {
            json_object(sql, "OLD", &t.columns);
        }
        sql.push_str(", ");
        if op == "update" {
            json_object(sql, "NEW", &t.columns);
        } else {
            sql.push_str("NULL");
        }
        sql.push_str("); END;\n");
    }
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
    let tables = super::tables(conn)?;
    let mut sql = String::with_capacity(48 * 1024);
    for (name, record, org) in RECORDED {
        let t = tables
            .get(*name)
            .ok_or_else(|| Error::internal(format!("{name} is not in the schema")))?;
        triggers_sql(&mut sql, name, record, *org, t);
    }
    conn.execute_batch(&sql).context("preparing the change history")
}

/// Makes this connection's `liaison_command()`, which its triggers
/// record under, answer `seq`. A function rather than `(SELECT max(seq)
/// FROM commands)`: parsing that query in each of the triggers cost a
/// write a twentieth of its work.
fn record_under(conn: &Connection, seq: i64) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function("liaison_command", 0, FunctionFlags::SQLITE_UTF8, move |_| Ok(seq))
        .context("preparing the change history")
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
        triggers_sql(&mut triggers, table, record, org_column, &t);
        let from = match how {
            NewRows::WithRecord => continue,
            NewRows::Added => format!(
                "{table} r WHERE r.rid > {}",
                bulk.marks.get(table).copied().unwrap_or(0)
            ),
        };
        let org = org_column.map_or("NULL".to_string(), |c| format!("r.\"{c}\""));
        let mut key = String::new();
        json_object(&mut key, "r", &t.key);
        tx.execute_batch(&format!(
            "INSERT INTO changes (command, tbl, op, key, record, org_id, before, after)
             SELECT liaison_command(), '{table}', 'insert', {key}, r.\"{record}\", {org}, NULL, NULL
               FROM {from}"
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
    let seq = tx.last_insert_rowid();
    record_under(tx, seq)?;
    Ok(seq)
}

/// Closes the command's entry: a command that changed nothing leaves none.
pub fn end(tx: &Transaction, seq: i64) -> Result<()> {
    drop_unchanged(tx, seq)?;
    tx.execute(
        "DELETE FROM commands WHERE seq = ?1 AND NOT EXISTS (SELECT 1 FROM changes WHERE command = ?1)",
        [seq],
    )
    .context("recording the command")?;
    Ok(())
}

/// Removes the updates of command `seq` that left their row as it was
/// (an edit to the same value): the triggers of tables without derived
/// columns record every update.
pub fn drop_unchanged(tx: &Connection, seq: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM changes WHERE command = ?1 AND op = 'update' AND before = after",
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
