//! SQL for documents, translations and distributions.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Context, Result};
use crate::model::document::{Distribution, Document, SendChannel};

use super::parse_word;

const SELECT: &str =
    "SELECT d.id, d.title, d.kind, d.date, d.language, d.direction, o.handle, d.translation_of,
    d.translation_status, d.link, d.notes,
    (SELECT json_group_array(n) FROM (SELECT ob.number AS n FROM document_objectives x
        JOIN objectives ob ON ob.id = x.objective_id WHERE x.document_id = d.id ORDER BY ob.number)),
    d.created_at, d.updated_at, d.author_org_id, d.published_on
  FROM documents d LEFT JOIN organisations o ON o.id = d.author_org_id";

fn from_row(r: &Row) -> rusqlite::Result<Document> {
    let status: Option<String> = r.get(8)?;
    let objectives: String = r.get(11)?;
    Ok(Document {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: parse_word(r, 2)?,
        date: r.get(3)?,
        language: r.get(4)?,
        direction: parse_word(r, 5)?,
        author: r.get(6)?,
        translation_of: r.get(7)?,
        translation_status: status.and_then(|s| s.parse().ok()),
        link: r.get(9)?,
        notes: r.get(10)?,
        objectives: serde_json::from_str(&objectives).unwrap_or_default(),
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        author_org_id: r.get(14)?,
        published_on: r.get(15)?,
    })
}

/// Inserts or rewrites a document's own fields.
pub fn save(conn: &Connection, d: &Document) -> Result<()> {
    conn.execute(
        "INSERT INTO documents (id, title, kind, date, language, direction, author_org_id, translation_of,
            translation_status, link, notes, created_at, updated_at, published_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind, date = excluded.date,
            language = excluded.language, direction = excluded.direction, author_org_id = excluded.author_org_id,
            translation_status = excluded.translation_status, link = excluded.link, notes = excluded.notes,
            updated_at = excluded.updated_at, published_on = excluded.published_on",
        params![
            d.id,
            d.title,
            d.kind.as_str(),
            d.date,
            d.language,
            d.direction.as_str(),
            d.author_org_id,
            d.translation_of,
            d.translation_status.map(|s| s.as_str()),
            d.link,
            d.notes,
            d.created_at,
            d.updated_at,
            d.published_on
        ],
    )
    .context("saving document")?;
    Ok(())
}

/// One document by full ID.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Document>> {
    conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
        .optional()
        .context("reading document")
}

/// A document found by ID prefix or title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMatch {
    pub id: String,
    pub title: String,
    pub language: String,
    /// The original's ID, for a translation.
    pub translation_of: Option<String>,
}

/// Every live document and translation, newest first, for a resolver to
/// choose from.
pub fn candidates(conn: &Connection) -> Result<Vec<DocumentMatch>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, title, language, translation_of FROM documents WHERE deleted_at IS NULL
             ORDER BY date DESC",
        )
        .context("finding document")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(DocumentMatch {
                id: r.get(0)?,
                title: r.get(1)?,
                language: r.get(2)?,
                translation_of: r.get(3)?,
            })
        })
        .context("finding document")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding document")
}

/// Live documents, newest first; only originals unless `translations`.
pub fn list(conn: &Connection, translations: bool) -> Result<Vec<Document>> {
    list_for(conn, translations, None)
}

/// Like [`list`], only documents serving an objective (its ID), a
/// translation through its original.
pub fn list_for(conn: &Connection, translations: bool, objective_id: Option<&str>) -> Result<Vec<Document>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE d.deleted_at IS NULL AND (?1 OR d.translation_of IS NULL)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM document_objectives x
                                           WHERE x.objective_id = ?2
                                             AND x.document_id IN (d.id, d.translation_of)))
             ORDER BY d.date DESC, d.title"
        ))
        .context("listing documents")?;
    let rows = stmt
        .query_map(rusqlite::params![translations, objective_id], from_row)
        .context("listing documents")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing documents")
}

/// The live translations of a document.
pub fn translations(conn: &Connection, id: &str) -> Result<Vec<Document>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE d.translation_of = ?1 AND d.deleted_at IS NULL ORDER BY d.language"
        ))
        .context("reading translations")?;
    let rows = stmt.query_map([id], from_row).context("reading translations")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading translations")
}

/// One copy of a document sent to an organisation.
pub struct Sending<'a> {
    pub id: &'a str,
    pub document_id: &'a str,
    pub org_id: &'a str,
    pub person_id: Option<&'a str>,
    pub date: NaiveDate,
    pub channel: SendChannel,
}

/// Records a copy sent, which is a contact with the organisation: its last
/// contact moves to that day when later. `false` when that organisation
/// already got that document on that day.
pub fn send(conn: &Connection, c: &Sending, now: &str) -> Result<bool> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO distributions (id, document_id, org_id, person_id, date, channel, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.id, c.document_id, c.org_id, c.person_id, c.date, c.channel.as_str(), now],
        )
        .context("recording distribution")?;
    if n == 1 {
        super::log::move_last_contact_of(conn, c.org_id, c.date)?;
    }
    Ok(n == 1)
}

const DIST: &str = "SELECT x.id, d.id, d.title, d.language, o.handle, x.date, x.channel
  FROM distributions x JOIN documents d ON d.id = x.document_id JOIN organisations o ON o.id = x.org_id";

fn dist_row(r: &Row) -> rusqlite::Result<Distribution> {
    Ok(Distribution {
        id: r.get(0)?,
        document: r.get(1)?,
        title: r.get(2)?,
        language: r.get(3)?,
        organisation: r.get(4)?,
        date: r.get(5)?,
        channel: parse_word(r, 6)?,
    })
}

/// Copies of a document and its translations, by date.
pub fn distributions_of_document(conn: &Connection, doc_id: &str) -> Result<Vec<Distribution>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{DIST} WHERE d.id = ?1 OR d.translation_of = ?1 ORDER BY x.date, o.handle"
        ))
        .context("reading distributions")?;
    let rows = stmt
        .query_map([doc_id], dist_row)
        .context("reading distributions")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading distributions")
}

/// Every distribution, by date, for export.
pub fn all_distributions(conn: &Connection) -> Result<Vec<Distribution>> {
    let mut stmt = conn
        .prepare_cached(&format!("{DIST} ORDER BY x.date, x.id"))
        .context("reading distributions")?;
    let rows = stmt.query_map([], dist_row).context("reading distributions")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading distributions")
}

/// Copies sent to an organisation, newest first.
pub fn distributions_to(conn: &Connection, org_id: &str) -> Result<Vec<Distribution>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{DIST} WHERE x.org_id = ?1 ORDER BY x.date DESC, d.title"
        ))
        .context("reading distributions")?;
    let rows = stmt
        .query_map([org_id], dist_row)
        .context("reading distributions")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading distributions")
}

/// Documents an organisation wrote (received from it), newest first.
pub fn received_from(conn: &Connection, org_id: &str) -> Result<Vec<Document>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE d.author_org_id = ?1 AND d.deleted_at IS NULL ORDER BY d.date DESC"
        ))
        .context("reading documents")?;
    let rows = stmt.query_map([org_id], from_row).context("reading documents")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading documents")
}

/// How many translations and distributions hang off a document.
pub fn dependants(conn: &Connection, id: &str) -> Result<(i64, i64)> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM documents WHERE translation_of = ?1 AND deleted_at IS NULL),
                (SELECT count(*) FROM distributions x JOIN documents d ON d.id = x.document_id
                  WHERE d.id = ?1 OR d.translation_of = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .context("reading document")
}

/// Marks a document (and, with `cascade`, its translations) deleted and
/// removes their distributions; the last contact of the organisations
/// they went to goes back to what is left.
pub fn delete(conn: &Connection, id: &str, cascade: bool, now: &str) -> Result<()> {
    if cascade {
        let mut stmt = conn
            .prepare_cached(
                "DELETE FROM distributions WHERE document_id IN (SELECT id FROM documents WHERE id = ?1 OR translation_of = ?1)
                 RETURNING org_id",
            )
            .context("deleting document")?;
        let orgs = stmt
            .query_map([id], |r| r.get::<_, String>(0))
            .context("deleting document")?
            .collect::<rusqlite::Result<std::collections::BTreeSet<_>>>()
            .context("deleting document")?;
        for org in &orgs {
            super::log::refresh_last_contact(conn, org)?;
        }
        conn.execute(
            "UPDATE documents SET deleted_at = ?2, updated_at = ?2 WHERE translation_of = ?1 AND deleted_at IS NULL",
            params![id, now],
        )
        .context("deleting document")?;
    }
    conn.execute(
        "UPDATE documents SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting document")?;
    Ok(())
}

/// Our documents sent in a period.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// Documents, a translation counted with its original.
    pub documents: i64,
    /// Copies: one per organisation, document language and day.
    pub copies: i64,
    /// Languages of the copies.
    pub languages: i64,
}

/// What of ours was sent in a period.
pub fn sent_in_period(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Sent> {
    conn.query_row(
        "SELECT count(DISTINCT coalesce(d.translation_of, d.id)), count(*), count(DISTINCT d.language)
           FROM distributions x JOIN documents d ON d.id = x.document_id
          WHERE x.date BETWEEN ?1 AND ?2 AND d.direction = 'ours'",
        params![from, to],
        |r| {
            Ok(Sent {
                documents: r.get(0)?,
                copies: r.get(1)?,
                languages: r.get(2)?,
            })
        },
    )
    .context("counting distributions")
}

/// Copies sent in a period per document language: (language, copies).
pub fn sent_by_language(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT d.language, count(*) FROM distributions x JOIN documents d ON d.id = x.document_id
              WHERE x.date BETWEEN ?1 AND ?2 AND d.direction = 'ours' GROUP BY d.language ORDER BY 2 DESC, 1",
        )
        .context("counting distributions")?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("counting distributions")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("counting distributions")
}

/// A document published on our own website in a period.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Publication {
    pub date: NaiveDate,
    pub title: String,
    pub language: String,
    /// `ours` or `received`.
    pub direction: String,
    /// The author of a received document.
    pub author: Option<String>,
    pub link: Option<String>,
}

/// Documents (originals and translations) published in a period, by date.
pub fn published_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Publication>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT d.published_on, d.title, d.language, d.direction, o.name, d.link
               FROM documents d LEFT JOIN organisations o ON o.id = d.author_org_id
              WHERE d.published_on BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL
              ORDER BY d.published_on, d.title",
        )
        .context("reading publications")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(Publication {
                date: r.get(0)?,
                title: r.get(1)?,
                language: r.get(2)?,
                direction: r.get(3)?,
                author: r.get(4)?,
                link: r.get(5)?,
            })
        })
        .context("reading publications")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading publications")
}
