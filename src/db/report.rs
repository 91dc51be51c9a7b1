//! The aggregate queries of the quarterly report. Each takes a period
//! (first and last day, inclusive) and reads through the date indexes.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::error::{Context, Result};

/// A partner gone silent in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SilentPartner {
    pub handle: String,
    pub name: String,
    pub country: String,
    pub last_contact: Option<NaiveDate>,
}

/// A follow-up done, or overdue, in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Its organisation's handle.
    pub organisation: Option<String>,
    pub title: String,
    pub due: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// Counts of a period.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub contacts: i64,
    pub people_met: i64,
    pub new_ties: i64,
    pub organisations_added: i64,
    pub tasks_opened: i64,
    pub tasks_done: i64,
    pub tasks_overdue: i64,
}

/// The day a follow-up `t` opened: its log entry's date, else the day it
/// was added.
const OPENED: &str = "coalesce((SELECT i.date FROM interactions i WHERE i.id = t.interaction_id),
    substr(t.created_at, 1, 10))";

/// Each live organisation's first day of contact (`first`): the earliest
/// of the day the tie began (`since`), its first log entry and the first
/// copy of a document sent to it.
const FIRST_CONTACTS: &str = "SELECT min(coalesce(o.since, '9999-12-31'),
        coalesce((SELECT min(x.date) FROM interaction_orgs x WHERE x.org_id = o.id), '9999-12-31'),
        coalesce((SELECT min(d.date) FROM distributions d WHERE d.org_id = o.id), '9999-12-31')) AS first
      FROM organisations o WHERE o.deleted_at IS NULL";

fn one(conn: &Connection, sql: &str, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    conn.prepare_cached(sql)
        .and_then(|mut s| s.query_row(params![from, to], |r| r.get(0)))
        .context("computing the report")
}

/// The headline counts of a period; follow-ups are overdue as of `end`
/// (the period's last day, or today for a period that has not ended).
pub fn counts(conn: &Connection, from: NaiveDate, to: NaiveDate, end: NaiveDate) -> Result<Counts> {
    Ok(Counts {
        contacts: one(
            conn,
            "SELECT count(*) FROM interactions WHERE date BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
            from,
            to,
        )?,
        people_met: one(
            conn,
            "SELECT count(DISTINCT p.person_id) FROM interaction_orgs x
               JOIN interaction_people p ON p.interaction_id = x.interaction_id
              WHERE x.date BETWEEN ?1 AND ?2",
            from,
            to,
        )?,
        new_ties: one(
            conn,
            &format!("SELECT count(*) FROM ({FIRST_CONTACTS}) WHERE first BETWEEN ?1 AND ?2"),
            from,
            to,
        )?,
        organisations_added: one(
            conn,
            "SELECT count(*) FROM organisations WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
            from,
            to,
        )?,
        // A follow-up made from a log entry opens on the entry's date (one
        // typed today about last month's meeting opened last month); any
        // other on the day it was added. Times sort as text: the period's
        // days are [from, the day after to).
        tasks_opened: one(
            conn,
            "SELECT (SELECT count(*) FROM tasks WHERE interaction_id IS NULL AND deleted_at IS NULL
                        AND created_at >= ?1 AND created_at < date(?2, '+1 day'))
                  + (SELECT count(*) FROM interactions i JOIN tasks t ON t.interaction_id = i.id
                      WHERE i.date BETWEEN ?1 AND ?2 AND t.deleted_at IS NULL)",
            from,
            to,
        )?,
        tasks_done: one(
            conn,
            "SELECT count(*) FROM tasks WHERE status = 'done' AND done_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
            from,
            to,
        )?,
        // Open at `end` and due before it: still open now, or done only
        // after `end`. Nothing due after `end` is overdue yet, nor what
        // was opened after it.
        tasks_overdue: one(
            conn,
            &format!(
                "SELECT count(*) FROM tasks t WHERE t.due < ?2 AND t.deleted_at IS NULL
                   AND (t.status = 'open' OR (t.status = 'done' AND t.done_on > ?2))
                   AND {OPENED} <= ?2 AND ?1 IS NOT NULL"
            ),
            from,
            end,
        )?,
    })
}

/// The (entry, organisation) links of the period's live entries, read
/// from the covering index alone.
pub fn links(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT interaction_id, org_id FROM interaction_orgs WHERE date BETWEEN ?1 AND ?2")
        .context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// The organisations that copies of documents were sent to in the period.
pub fn sent_to(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT DISTINCT org_id FROM distributions WHERE date BETWEEN ?1 AND ?2")
        .context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| r.get(0))
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// Where an organisation is and what it is called, for the report.
#[derive(Debug, Clone)]
pub struct Place {
    pub handle: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub sort_key: String,
}

/// Every organisation (deleted ones too: their past contacts still count).
pub fn places(conn: &Connection) -> Result<std::collections::HashMap<String, Place>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, handle, name, country, region, sort_key FROM organisations")
        .context("computing the report")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                Place {
                    handle: r.get(1)?,
                    name: r.get(2)?,
                    country: r.get(3)?,
                    region: r.get(4)?,
                    sort_key: r.get(5)?,
                },
            ))
        })
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<_>>()
        .context("computing the report")
}

/// Contacts per value of a log column (`channel` or `direction`).
pub fn by_log_column(
    conn: &Connection,
    direction: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, i64)>> {
    let sql = if direction {
        "SELECT direction, count(*) FROM interactions WHERE date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
          GROUP BY direction ORDER BY 2 DESC, 1"
    } else {
        "SELECT channel, count(*) FROM interactions WHERE date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
          GROUP BY channel ORDER BY 2 DESC, 1"
    };
    let mut stmt = conn.prepare_cached(sql).context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// Partners with no contact in the period, neither a log entry nor a copy
/// of a document sent (the last contact up to the period's end), longest
/// silence first.
pub fn silent_partners(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<SilentPartner>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT handle, name, country, last FROM (
                SELECT o.handle, o.name, o.country, o.sort_key, nullif(max(
                         coalesce((SELECT x.date FROM interaction_orgs x WHERE x.org_id = o.id AND x.date <= ?2
                                    ORDER BY x.date DESC LIMIT 1), ''),
                         coalesce((SELECT max(d.date) FROM distributions d WHERE d.org_id = o.id AND d.date <= ?2), '')),
                       '') AS last
                  FROM organisations o WHERE o.status = 'partner' AND o.deleted_at IS NULL)
              WHERE last IS NULL OR last < ?1 ORDER BY last, sort_key",
        )
        .context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(SilentPartner {
                handle: r.get(0)?,
                name: r.get(1)?,
                country: r.get(2)?,
                last_contact: r.get(3)?,
            })
        })
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// Contacts per day in the period, for monthly trends in any calendar.
pub fn per_day(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, i64)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT date, count(*) FROM interactions WHERE date BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY date",
        )
        .context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// Follow-ups done from `from` to `to`, or (with `overdue`) still open and
/// past due at `to`.
pub fn follow_ups(conn: &Connection, from: NaiveDate, to: NaiveDate, overdue: bool) -> Result<Vec<FollowUp>> {
    let sql = if overdue {
        format!(
            "SELECT o.handle, t.title, t.due, t.done_on FROM tasks t LEFT JOIN organisations o ON o.id = t.org_id
              WHERE t.deleted_at IS NULL AND t.due < ?2 AND {OPENED} <= ?2
                AND ((t.status = 'open') OR (t.status = 'done' AND t.done_on > ?2)) AND ?1 IS NOT NULL
              ORDER BY t.due, t.title"
        )
    } else {
        "SELECT o.handle, t.title, t.due, t.done_on FROM tasks t LEFT JOIN organisations o ON o.id = t.org_id
          WHERE t.deleted_at IS NULL AND t.status = 'done' AND t.done_on BETWEEN ?1 AND ?2
          ORDER BY t.done_on, t.title"
            .to_string()
    };
    let mut stmt = conn.prepare_cached(&sql).context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(FollowUp {
                organisation: r.get(0)?,
                title: r.get(1)?,
                due: r.get(2)?,
                done_on: r.get(3)?,
            })
        })
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// A person met in the period, with the details a report leaves out
/// unless asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMet {
    pub name: String,
    /// Their organisation's handle.
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Messaging handles, as the JSON list the row holds.
    pub messaging: String,
    /// Their name in Persian, when they have one.
    pub name_fa: Option<String>,
}

/// People present at the period's entries, by name.
pub fn people_met(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<PersonMet>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.name, o.handle, p.email, p.phone, p.messaging, p.name_fa FROM people p
               LEFT JOIN organisations o ON o.id = p.org_id
              WHERE p.id IN (SELECT x.person_id FROM interaction_orgs l
                               JOIN interaction_people x ON x.interaction_id = l.interaction_id
                              WHERE l.date BETWEEN ?1 AND ?2)
              ORDER BY p.sort_key, p.id",
        )
        .context("computing the report")?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok(PersonMet {
                name: r.get(0)?,
                organisation: r.get(1)?,
                email: r.get(2)?,
                phone: r.get(3)?,
                messaging: r.get(4)?,
                name_fa: r.get(5)?,
            })
        })
        .context("computing the report")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("computing the report")
}

/// Live organisations' Persian names by their English names.
pub fn names_fa(conn: &Connection) -> Result<std::collections::BTreeMap<String, String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT name, name_fa FROM organisations
              WHERE name_fa IS NOT NULL AND name_fa <> '' AND deleted_at IS NULL ORDER BY rid",
        )
        .context("reading Persian names")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("reading Persian names")?;
    rows.collect::<rusqlite::Result<_>>()
        .context("reading Persian names")
}
