//! Reverting commands for `undo` and `redo`: every change undone in
//! reverse order, refused when a later command or another row is in the
//! way, and the derived columns and search index brought back in step.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};

use super::read::{as_inserted, command, current_row, object, page_back};
use super::{DERIVED, Table, table};
use crate::error::{Context, Error, Result};
use crate::model::change::{Change, Command, Row, name_of_row};

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
    super::record::drop_unchanged(tx, by)?;
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

pub(super) fn to_sql(v: &serde_json::Value) -> Value {
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
            self.orgs.extend(crate::db::rid_of(tx, "organisations", id)?);
        }
        for id in &self.entry_ids {
            self.entries.extend(crate::db::rid_of(tx, "interactions", id)?);
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
            crate::db::orgs::reindex(tx, *rid)?;
        }
        for rid in &self.people {
            crate::db::people::reindex(tx, *rid)?;
        }
        for rid in &self.entries {
            crate::db::log::reindex(tx, *rid)?;
        }
        for org in &self.contact_orgs {
            crate::db::log::refresh_last_contact(tx, org)?;
        }
        // Numbered in the order the tasks were first added, as they were.
        let mut tasks = Vec::new();
        for id in &self.tasks {
            tasks.extend(crate::db::rid_of(tx, "tasks", id)?.map(|rid| (rid, id)));
        }
        tasks.sort();
        for (_, task) in tasks {
            crate::db::tasks::number_if_missing(tx, task)?;
        }
        Ok(())
    }
}
