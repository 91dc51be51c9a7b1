//! SQL for objectives and the records that serve them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Context, Result};
use crate::model::objective::Objective;

fn from_row(r: &Row) -> rusqlite::Result<Objective> {
    Ok(Objective {
        number: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
    })
}

/// Live objectives by number.
pub fn list(conn: &Connection) -> Result<Vec<Objective>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT number, id, title, description FROM objectives WHERE deleted_at IS NULL ORDER BY number",
        )
        .context("reading objectives")?;
    let rows = stmt.query_map([], from_row).context("reading objectives")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading objectives")
}

/// A live objective by number.
pub fn by_number(conn: &Connection, n: i64) -> Result<Option<Objective>> {
    conn.query_row(
        "SELECT number, id, title, description FROM objectives WHERE number = ?1 AND deleted_at IS NULL",
        [n],
        from_row,
    )
    .optional()
    .context("reading objectives")
}

/// Adds an objective with the next free number; returns the number.
pub fn insert(conn: &Connection, id: &str, title: &str, description: Option<&str>, now: &str) -> Result<i64> {
    conn.query_row(
        "INSERT INTO objectives (id, number, title, description, created_at, updated_at)
         VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM objectives), ?2, ?3, ?4, ?4) RETURNING number",
        params![id, title, description, now],
        |r| r.get(0),
    )
    .context("adding objective")
}

/// Changes an objective's title and description.
pub fn update(conn: &Connection, o: &Objective, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE objectives SET title = ?2, description = ?3, updated_at = ?4 WHERE id = ?1",
        params![o.id, o.title, o.description, now],
    )
    .context("changing objective")?;
    Ok(())
}

/// Marks an objective deleted (its links stay, for history).
pub fn soft_delete(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE objectives SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting objective")?;
    Ok(())
}

/// Links records to objectives: `table` is one of the link tables.
pub fn link(conn: &Connection, table: LinkTable, record_id: &str, objective_ids: &[String]) -> Result<()> {
    let sql = match table {
        LinkTable::Log => {
            "INSERT OR IGNORE INTO interaction_objectives (interaction_id, objective_id) VALUES (?1, ?2)"
        }
        LinkTable::Event => "INSERT OR IGNORE INTO event_objectives (event_id, objective_id) VALUES (?1, ?2)",
        LinkTable::Document => {
            "INSERT OR IGNORE INTO document_objectives (document_id, objective_id) VALUES (?1, ?2)"
        }
    };
    let mut stmt = conn.prepare_cached(sql).context("linking objectives")?;
    for o in objective_ids {
        stmt.execute(params![record_id, o])
            .context("linking objectives")?;
    }
    Ok(())
}

/// The records an objective can be linked to.
#[derive(Debug, Clone, Copy)]
pub enum LinkTable {
    Log,
    Event,
    Document,
}

/// One objective's activity: number, title, log entries, events, documents.
pub type Activity = (i64, String, i64, i64, i64);

/// Activity per live objective in a period.
pub fn activity(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Activity>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.number, o.title,
                (SELECT count(*) FROM interaction_objectives x JOIN interactions i ON i.id = x.interaction_id
                  WHERE x.objective_id = o.id AND i.date BETWEEN ?1 AND ?2 AND i.deleted_at IS NULL),
                (SELECT count(*) FROM event_objectives x JOIN events e ON e.id = x.event_id
                  WHERE x.objective_id = o.id AND e.starts BETWEEN ?1 AND ?2 AND e.deleted_at IS NULL),
                (SELECT count(*) FROM document_objectives x JOIN documents d ON d.id = x.document_id
                  WHERE x.objective_id = o.id AND d.date BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL)
             FROM objectives o WHERE o.deleted_at IS NULL ORDER BY o.number",
        )
        .context("counting activity per objective")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .context("counting activity per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("counting activity per objective")
}
