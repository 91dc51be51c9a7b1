//! SQL for events and who took part.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Context, Result};
use crate::model::event::{Event, EventOrg, OurRole, PartnerRole};

use super::{from_json_list, parse_word};

const SELECT: &str = "SELECT e.id, e.name, e.kind, e.starts, e.ends, e.city, e.country, e.our_role,
    (SELECT json_group_array(json_array(handle, name, role)) FROM (
        SELECT o.handle, o.name, x.role FROM event_orgs x JOIN organisations o ON o.id = x.org_id
         WHERE x.event_id = e.id
         ORDER BY CASE x.role WHEN 'organiser' THEN 0 WHEN 'co-organiser' THEN 1 WHEN 'participant' THEN 2 ELSE 3 END,
                  o.sort_key)),
    (SELECT json_group_array(p.name) FROM event_people x JOIN people p ON p.id = x.person_id WHERE x.event_id = e.id),
    (SELECT json_group_array(o.number) FROM (SELECT o.number FROM event_objectives x JOIN objectives o ON o.id = x.objective_id
        WHERE x.event_id = e.id ORDER BY o.number) o),
    e.outcome, e.created_at, e.updated_at, e.support_won
  FROM events e";

fn from_row(r: &Row) -> rusqlite::Result<Event> {
    let orgs: String = r.get(8)?;
    let orgs: Vec<(String, String, String)> = serde_json::from_str(&orgs).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let objectives: String = r.get(10)?;
    Ok(Event {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: parse_word(r, 2)?,
        starts: r.get(3)?,
        ends: r.get(4)?,
        city: r.get(5)?,
        country: r.get(6)?,
        our_role: parse_word(r, 7)?,
        organisations: orgs
            .into_iter()
            .filter_map(|(handle, name, role)| role.parse().ok().map(|role| EventOrg { handle, name, role }))
            .collect(),
        people: from_json_list(r, 9)?,
        objectives: serde_json::from_str(&objectives).unwrap_or_default(),
        outcome: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        support_won: r.get(14)?,
    })
}

/// Inserts or rewrites an event's own fields.
pub fn save(conn: &Connection, e: &Event) -> Result<()> {
    conn.execute(
        "INSERT INTO events (id, name, kind, starts, ends, city, country, our_role, outcome, created_at, updated_at, support_won)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, starts = excluded.starts,
            ends = excluded.ends, city = excluded.city, country = excluded.country, our_role = excluded.our_role,
            outcome = excluded.outcome, updated_at = excluded.updated_at, support_won = excluded.support_won",
        params![
            e.id,
            e.name,
            e.kind.as_str(),
            e.starts,
            e.ends,
            e.city,
            e.country,
            e.our_role.as_str(),
            e.outcome,
            e.created_at,
            e.updated_at,
            e.support_won
        ],
    )
    .context("saving event")?;
    Ok(())
}

/// Records an organisation's part in an event (replacing an earlier role).
pub fn join(conn: &Connection, event_id: &str, org_id: &str, role: PartnerRole) -> Result<()> {
    conn.execute(
        "INSERT INTO event_orgs (event_id, org_id, role) VALUES (?1, ?2, ?3)
         ON CONFLICT (event_id, org_id) DO UPDATE SET role = excluded.role",
        params![event_id, org_id, role.as_str()],
    )
    .context("adding organisation to event")?;
    Ok(())
}

/// Records that a person went to an event.
pub fn add_person(conn: &Connection, event_id: &str, person_id: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO event_people (event_id, person_id) VALUES (?1, ?2)",
        params![event_id, person_id],
    )
    .context("adding person to event")?;
    Ok(())
}

/// One event by full ID.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Event>> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()
        .context("reading event")
}

/// An event found by ID prefix or name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMatch {
    pub id: String,
    pub name: String,
    pub starts: NaiveDate,
}

/// Every live event, newest first, for a resolver to choose from.
pub fn candidates(conn: &Connection) -> Result<Vec<EventMatch>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, starts FROM events WHERE deleted_at IS NULL ORDER BY starts DESC")
        .context("finding event")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(EventMatch {
                id: r.get(0)?,
                name: r.get(1)?,
                starts: r.get(2)?,
            })
        })
        .context("finding event")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding event")
}

/// Which events `event list` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub org_id: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    /// Only events serving this objective (its ID).
    pub objective_id: Option<String>,
}

/// Live events matching `f`, by start date.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Event>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE e.deleted_at IS NULL
               AND (?1 IS NULL OR coalesce(e.ends, e.starts) >= ?1) AND (?2 IS NULL OR e.starts <= ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM event_orgs x WHERE x.event_id = e.id AND x.org_id = ?3))
               AND (?4 IS NULL OR e.kind = ?4) AND (?5 IS NULL OR e.country = ?5)
               AND (?6 IS NULL OR EXISTS (SELECT 1 FROM event_objectives x
                                           WHERE x.event_id = e.id AND x.objective_id = ?6))
             ORDER BY e.starts, e.name"
        ))
        .context("listing events")?;
    let rows = stmt
        .query_map(
            params![f.from, f.until, f.org_id, f.kind, f.country, f.objective_id],
            from_row,
        )
        .context("listing events")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing events")
}

/// Marks an event deleted.
pub fn soft_delete(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE events SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting event")?;
    Ok(())
}

/// An event held in a period, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldEvent {
    pub name: String,
    /// Its first day.
    pub starts: NaiveDate,
    pub our_role: OurRole,
    pub country: Option<String>,
    /// What came of it (agreements, statements).
    pub outcome: Option<String>,
    /// What support it won.
    pub support_won: Option<String>,
}

/// Events in a period with our role.
pub fn in_period(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<HeldEvent>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT name, starts, our_role, country, outcome, support_won FROM events
              WHERE deleted_at IS NULL AND starts BETWEEN ?1 AND ?2 ORDER BY starts, name",
        )
        .context("reading events")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(HeldEvent {
                name: r.get(0)?,
                starts: r.get(1)?,
                our_role: parse_word(r, 2)?,
                country: r.get(3)?,
                outcome: r.get(4)?,
                support_won: r.get(5)?,
            })
        })
        .context("reading events")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading events")
}
