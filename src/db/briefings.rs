//! SQL for briefings of our members and the partners they were about.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Context, Result};
use crate::model::briefing::{Briefing, BriefingOrg};

const SELECT: &str = "SELECT b.id, b.date, b.title, b.summary, b.audience, b.link,
    (SELECT o.number FROM objectives o WHERE o.id = b.objective_id AND o.deleted_at IS NULL),
    (SELECT json_group_array(json_array(handle, name)) FROM (
        SELECT o.handle, o.name FROM briefing_orgs x JOIN organisations o ON o.id = x.org_id
         WHERE x.briefing_id = b.id ORDER BY o.sort_key)),
    b.created_at, b.updated_at
  FROM briefings b";

fn from_row(r: &Row) -> rusqlite::Result<Briefing> {
    let orgs: String = r.get(7)?;
    let orgs: Vec<(String, String)> = serde_json::from_str(&orgs).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Briefing {
        id: r.get(0)?,
        date: r.get(1)?,
        title: r.get(2)?,
        summary: r.get(3)?,
        audience: r.get(4)?,
        link: r.get(5)?,
        objective: r.get(6)?,
        organisations: orgs
            .into_iter()
            .map(|(handle, name)| BriefingOrg { handle, name })
            .collect(),
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

/// Inserts or rewrites a briefing's own fields; `objective_id` is the ID
/// of the objective it served.
pub fn save(conn: &Connection, b: &Briefing, objective_id: Option<&str>) -> Result<()> {
    conn.execute(
        "INSERT INTO briefings (id, date, title, summary, audience, link, objective_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET date = excluded.date, title = excluded.title, summary = excluded.summary,
            audience = excluded.audience, link = excluded.link, objective_id = excluded.objective_id,
            updated_at = excluded.updated_at",
        params![
            b.id,
            b.date,
            b.title,
            b.summary,
            b.audience,
            b.link,
            objective_id,
            b.created_at,
            b.updated_at
        ],
    )
    .context("saving briefing")?;
    Ok(())
}

/// The ID of the objective a briefing serves.
pub fn objective_id(conn: &Connection, id: &str) -> Result<Option<String>> {
    conn.query_row("SELECT objective_id FROM briefings WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
    .map(Option::flatten)
    .context("reading briefing")
}

/// Records that a briefing was about an organisation.
pub fn add_org(conn: &Connection, briefing_id: &str, org_id: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO briefing_orgs (briefing_id, org_id) VALUES (?1, ?2)",
        params![briefing_id, org_id],
    )
    .context("adding organisation to briefing")?;
    Ok(())
}

/// Forgets that a briefing was about an organisation.
pub fn remove_org(conn: &Connection, briefing_id: &str, org_id: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM briefing_orgs WHERE briefing_id = ?1 AND org_id = ?2",
        params![briefing_id, org_id],
    )
    .context("removing organisation from briefing")?;
    Ok(())
}

/// One briefing by full ID.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Briefing>> {
    conn.query_row(&format!("{SELECT} WHERE b.id = ?1"), [id], from_row)
        .optional()
        .context("reading briefing")
}

/// A briefing as a resolver offers it.
#[derive(Debug, Clone)]
pub struct BriefingMatch {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
}

/// Every live briefing, newest first, for a resolver to choose from.
pub fn candidates(conn: &Connection) -> Result<Vec<BriefingMatch>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, title, date FROM briefings WHERE deleted_at IS NULL ORDER BY date DESC")
        .context("finding briefing")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(BriefingMatch {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
            })
        })
        .context("finding briefing")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding briefing")
}

/// Which briefings `briefing list` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub org_id: Option<String>,
    /// Only briefings serving this objective (its ID).
    pub objective_id: Option<String>,
}

/// Live briefings matching `f`, by date.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Briefing>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE b.deleted_at IS NULL
               AND (?1 IS NULL OR b.date >= ?1) AND (?2 IS NULL OR b.date <= ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM briefing_orgs x WHERE x.briefing_id = b.id AND x.org_id = ?3))
               AND (?4 IS NULL OR b.objective_id = ?4)
             ORDER BY b.date, b.rid"
        ))
        .context("listing briefings")?;
    let rows = stmt
        .query_map(params![f.from, f.until, f.org_id, f.objective_id], from_row)
        .context("listing briefings")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing briefings")
}

/// Live briefings dated in a period.
pub fn in_period(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Briefing>> {
    list(
        conn,
        &Filter {
            from: Some(from),
            until: Some(to),
            ..Default::default()
        },
    )
}

/// Marks a briefing deleted.
pub fn soft_delete(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE briefings SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting briefing")?;
    Ok(())
}
