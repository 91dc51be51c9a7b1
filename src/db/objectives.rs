//! SQL for objectives and the records that serve them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Context, Result};
use crate::model::event::{OurRole, PartnerRole};
use crate::model::objective::Objective;

fn from_row(r: &Row) -> rusqlite::Result<Objective> {
    Ok(Objective {
        number: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        title_fa: r.get(4)?,
    })
}

/// Live objectives by number.
pub fn list(conn: &Connection) -> Result<Vec<Objective>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT number, id, title, description, title_fa FROM objectives WHERE deleted_at IS NULL ORDER BY number",
        )
        .context("reading objectives")?;
    let rows = stmt.query_map([], from_row).context("reading objectives")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading objectives")
}

/// A live objective by number.
pub fn by_number(conn: &Connection, n: i64) -> Result<Option<Objective>> {
    conn.query_row(
        "SELECT number, id, title, description, title_fa FROM objectives WHERE number = ?1 AND deleted_at IS NULL",
        [n],
        from_row,
    )
    .optional()
    .context("reading objectives")
}

/// A new objective's titles (English and Persian) and description.
pub struct NewObjective<'a> {
    pub title: &'a str,
    pub title_fa: Option<&'a str>,
    pub description: Option<&'a str>,
}

/// Adds an objective with the next free number; returns the number.
pub fn insert(conn: &Connection, id: &str, o: &NewObjective, now: &str) -> Result<i64> {
    conn.query_row(
        "INSERT INTO objectives (id, number, title, title_fa, description, created_at, updated_at)
         VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM objectives), ?2, ?3, ?4, ?5, ?5) RETURNING number",
        params![id, o.title, o.title_fa, o.description, now],
        |r| r.get(0),
    )
    .context("adding objective")
}

/// Changes an objective's titles and description.
pub fn update(conn: &Connection, o: &Objective, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE objectives SET title = ?2, title_fa = ?3, description = ?4, updated_at = ?5 WHERE id = ?1",
        params![o.id, o.title, o.title_fa, o.description, now],
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

/// One objective's activity in a period.
#[derive(Debug, Clone)]
pub struct Activity {
    pub number: i64,
    pub title: String,
    pub title_fa: Option<String>,
    pub log_entries: i64,
    pub events: i64,
    pub documents: i64,
}

/// Activity per live objective in a period.
pub fn activity(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Activity>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.number, o.title, o.title_fa,
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
            Ok(Activity {
                number: r.get(0)?,
                title: r.get(1)?,
                title_fa: r.get(2)?,
                log_entries: r.get(3)?,
                events: r.get(4)?,
                documents: r.get(5)?,
            })
        })
        .context("counting activity per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("counting activity per objective")
}

/// A contact of the period made for an objective.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ObjectiveContact {
    /// The objective's number (the report groups by it).
    #[serde(skip)]
    pub objective: i64,
    pub date: NaiveDate,
    /// The organisations' names, in the order they were linked.
    pub partners: Vec<String>,
    /// The subject, else the start of the summary.
    pub subject: String,
}

/// The period's contacts linked to an objective, by objective and date.
pub fn contacts_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ObjectiveContact>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.number, i.date, coalesce(nullif(i.subject, ''), i.summary),
                    (SELECT json_group_array(g.name) FROM interaction_orgs x
                       JOIN organisations g ON g.id = x.org_id WHERE x.interaction_id = i.id)
               FROM interaction_objectives io
               JOIN objectives o ON o.id = io.objective_id AND o.deleted_at IS NULL
               JOIN interactions i ON i.id = io.interaction_id
              WHERE i.date BETWEEN ?1 AND ?2 AND i.deleted_at IS NULL
              ORDER BY o.number, i.date, i.rid",
        )
        .context("reading contacts per objective")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(ObjectiveContact {
                objective: r.get(0)?,
                date: r.get(1)?,
                subject: r.get(2)?,
                partners: super::from_json_list(r, 3)?,
            })
        })
        .context("reading contacts per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading contacts per objective")
}

/// An event of the period held for an objective.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ObjectiveEvent {
    /// The objective's number (the report groups by it).
    #[serde(skip)]
    pub objective: i64,
    pub starts: NaiveDate,
    pub ends: Option<NaiveDate>,
    pub name: String,
    pub our_role: OurRole,
    /// Organisers first.
    pub partners: Vec<EventPartner>,
    pub outcome: Option<String>,
    pub support_won: Option<String>,
}

/// An organisation's part in an event.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EventPartner {
    pub name: String,
    pub role: PartnerRole,
}

/// Events under way in the period (begun before its end, not ended
/// before its start) linked to an objective.
pub fn events_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ObjectiveEvent>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.number, e.starts, e.ends, e.name, e.our_role, e.outcome, e.support_won,
                    (SELECT json_group_array(json_array(name, role)) FROM
                       (SELECT g.name, eo.role FROM event_orgs eo JOIN organisations g ON g.id = eo.org_id
                         WHERE eo.event_id = e.id
                         ORDER BY CASE eo.role WHEN 'organiser' THEN 0 WHEN 'co-organiser' THEN 1
                                  WHEN 'participant' THEN 2 ELSE 3 END, g.sort_key))
               FROM event_objectives x
               JOIN objectives o ON o.id = x.objective_id AND o.deleted_at IS NULL
               JOIN events e ON e.id = x.event_id
              WHERE e.deleted_at IS NULL AND e.starts <= ?2 AND coalesce(e.ends, e.starts) >= ?1
              ORDER BY o.number, e.starts, e.name",
        )
        .context("reading events per objective")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            let partners: String = r.get(7)?;
            let partners: Vec<(String, String)> = serde_json::from_str(&partners).unwrap_or_default();
            let partners = partners
                .into_iter()
                .map(|(name, role)| {
                    let role = role.parse::<PartnerRole>().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
                    })?;
                    Ok(EventPartner { name, role })
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(ObjectiveEvent {
                objective: r.get(0)?,
                starts: r.get(1)?,
                ends: r.get(2)?,
                name: r.get(3)?,
                our_role: super::columns::parse_word(r, 4)?,
                outcome: r.get(5)?,
                support_won: r.get(6)?,
                partners,
            })
        })
        .context("reading events per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading events per objective")
}

/// A document of the period (dated in it, or sent in it) serving an
/// objective: ours with its languages and reach, or received with its
/// author and what became of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ObjectiveDocument {
    /// The objective's number (the report groups by it).
    #[serde(skip)]
    pub objective: i64,
    pub title: String,
    pub date: NaiveDate,
    /// `ours` or `received`.
    pub direction: String,
    /// The original's language, then the languages of its finished
    /// translations.
    pub languages: Vec<String>,
    /// Organisations that received it, or a translation, in the period.
    pub partners_reached: i64,
    /// The author of a received document.
    pub author: Option<String>,
    /// Whether a translation of it is finished.
    pub translated: bool,
    /// Whether it or a translation is published.
    pub published: bool,
}

/// The period's documents per objective (originals; their translations
/// are counted with them).
pub fn documents_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ObjectiveDocument>> {
    let mut stmt = conn
        .prepare_cached(
            "WITH family AS (
                SELECT d.id AS root, d.id AS member FROM documents d
                 WHERE d.translation_of IS NULL AND d.deleted_at IS NULL
                UNION ALL
                SELECT t.translation_of, t.id FROM documents t
                 WHERE t.translation_of IS NOT NULL AND t.deleted_at IS NULL)
             SELECT o.number, d.title, d.date, d.direction, d.language, g.name,
                    (SELECT json_group_array(language) FROM
                       (SELECT DISTINCT t.language FROM documents t
                         WHERE t.translation_of = d.id AND t.deleted_at IS NULL
                           AND t.translation_status IN ('done', 'published') AND t.language <> d.language
                         ORDER BY t.language)),
                    (SELECT count(DISTINCT s.org_id) FROM distributions s JOIN family f ON f.member = s.document_id
                      WHERE f.root = d.id AND s.date BETWEEN ?1 AND ?2),
                    EXISTS (SELECT 1 FROM documents t WHERE t.translation_of = d.id AND t.deleted_at IS NULL
                             AND t.translation_status IN ('done', 'published')),
                    EXISTS (SELECT 1 FROM documents t WHERE t.translation_of = d.id AND t.deleted_at IS NULL
                             AND t.translation_status = 'published')
                    OR EXISTS (SELECT 1 FROM distributions s JOIN family f ON f.member = s.document_id
                                WHERE f.root = d.id AND s.channel = 'website')
                    OR EXISTS (SELECT 1 FROM documents t JOIN family f ON f.member = t.id
                                WHERE f.root = d.id AND t.published_on IS NOT NULL)
               FROM document_objectives x
               JOIN objectives o ON o.id = x.objective_id AND o.deleted_at IS NULL
               JOIN documents d ON d.id = x.document_id
               LEFT JOIN organisations g ON g.id = d.author_org_id
              WHERE d.deleted_at IS NULL AND d.translation_of IS NULL
                AND (d.date BETWEEN ?1 AND ?2
                     OR EXISTS (SELECT 1 FROM distributions s JOIN family f ON f.member = s.document_id
                                 WHERE f.root = d.id AND s.date BETWEEN ?1 AND ?2)
                     OR EXISTS (SELECT 1 FROM documents t WHERE t.translation_of = d.id AND t.deleted_at IS NULL
                                 AND t.date BETWEEN ?1 AND ?2)
                     OR EXISTS (SELECT 1 FROM documents t JOIN family f ON f.member = t.id
                                 WHERE f.root = d.id AND t.published_on BETWEEN ?1 AND ?2))
              ORDER BY o.number, d.date, d.title",
        )
        .context("reading documents per objective")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            let mut languages = vec![r.get::<_, String>(4)?];
            languages.extend(super::from_json_list(r, 6)?);
            Ok(ObjectiveDocument {
                objective: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                direction: r.get(3)?,
                author: r.get(5)?,
                languages,
                partners_reached: r.get(7)?,
                translated: r.get(8)?,
                published: r.get(9)?,
            })
        })
        .context("reading documents per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading documents per objective")
}

/// A follow-up still open, made from a contact that served an objective.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ObjectiveFollowUp {
    /// The objective's number (the report groups by it).
    #[serde(skip)]
    pub objective: i64,
    pub title: String,
    pub organisation: Option<String>,
    pub due: Option<NaiveDate>,
}

/// Open follow-ups per objective (through the contact they came from).
pub fn open_follow_ups(conn: &Connection) -> Result<Vec<ObjectiveFollowUp>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.number, t.title, g.name, t.due FROM tasks t
               JOIN interaction_objectives io ON io.interaction_id = t.interaction_id
               JOIN objectives o ON o.id = io.objective_id AND o.deleted_at IS NULL
               LEFT JOIN organisations g ON g.id = t.org_id
              WHERE t.status = 'open' AND t.deleted_at IS NULL
              ORDER BY o.number, t.due IS NULL, t.due, t.title",
        )
        .context("reading follow-ups per objective")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(ObjectiveFollowUp {
                objective: r.get(0)?,
                title: r.get(1)?,
                organisation: r.get(2)?,
                due: r.get(3)?,
            })
        })
        .context("reading follow-ups per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading follow-ups per objective")
}

/// A briefing of our members in the period made for an objective.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ObjectiveBriefing {
    /// The objective's number (the report groups by it).
    #[serde(skip)]
    pub objective: i64,
    pub date: NaiveDate,
    pub title: String,
    pub audience: Option<String>,
    /// The names of the partners whose positions it brought.
    pub partners: Vec<String>,
    pub link: Option<String>,
}

/// The period's briefings linked to an objective, by objective and date.
pub fn briefings_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ObjectiveBriefing>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.number, b.date, b.title, b.audience, b.link,
                    (SELECT json_group_array(name) FROM
                       (SELECT g.name FROM briefing_orgs x JOIN organisations g ON g.id = x.org_id
                         WHERE x.briefing_id = b.id ORDER BY g.sort_key))
               FROM briefings b
               JOIN objectives o ON o.id = b.objective_id AND o.deleted_at IS NULL
              WHERE b.date BETWEEN ?1 AND ?2 AND b.deleted_at IS NULL
              ORDER BY o.number, b.date, b.rid",
        )
        .context("reading briefings per objective")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(ObjectiveBriefing {
                objective: r.get(0)?,
                date: r.get(1)?,
                title: r.get(2)?,
                audience: r.get(3)?,
                link: r.get(4)?,
                partners: super::from_json_list(r, 5)?,
            })
        })
        .context("reading briefings per objective")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading briefings per objective")
}
