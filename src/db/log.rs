//! SQL for the contact log.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter, types::Value};

use crate::error::{Context, Result};
use crate::model::log::{Channel, LogEntry};
use crate::model::org::OrgRef;
use crate::text::fold;

use super::{from_json_list, parse_word, search};

mod duplicates;
mod export;

pub use duplicates::{Seen, same_entry};
pub use export::for_each_row;

const COLUMNS: &str = "i.id, i.date, i.time, i.channel, i.direction,
    (SELECT json_group_array(o.handle) FROM (SELECT o.handle FROM interaction_orgs x JOIN organisations o ON o.id = x.org_id
        WHERE x.interaction_id = i.id ORDER BY o.sort_key) o),
    (SELECT json_group_array(p.name) FROM (SELECT p.name FROM interaction_people x JOIN people p ON p.id = x.person_id
        WHERE x.interaction_id = i.id ORDER BY p.sort_key) p),
    i.subject, i.summary,
    (SELECT json_group_array(tag) FROM (SELECT tag FROM interaction_tags t WHERE t.interaction_id = i.id ORDER BY tag)),
    i.logged_by, i.created_at, i.updated_at,
    (SELECT json_group_array(n) FROM (SELECT o.number AS n FROM interaction_objectives x
        JOIN objectives o ON o.id = x.objective_id WHERE x.interaction_id = i.id ORDER BY o.number))";

fn from_row(r: &Row) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        id: r.get(0)?,
        date: r.get(1)?,
        time: r.get(2)?,
        channel: parse_word(r, 3)?,
        direction: parse_word(r, 4)?,
        organisations: from_json_list(r, 5)?,
        people: from_json_list(r, 6)?,
        subject: r.get(7)?,
        summary: r.get(8)?,
        tags: from_json_list(r, 9)?,
        logged_by: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        objectives: {
            let text: String = r.get(13)?;
            serde_json::from_str(&text).unwrap_or_default()
        },
        org_ids: Vec::new(),
        person_ids: Vec::new(),
    })
}

/// Inserts a log entry with its organisations, people, tags and search
/// entry, and moves its organisations' last contact.
pub fn insert(conn: &Connection, i: &LogEntry) -> Result<()> {
    insert_with(conn, i, false)?;
    move_last_contact(conn, i)
}

/// Moves the last contact of the entry's organisations to its date when
/// that is later.
pub fn move_last_contact(conn: &Connection, i: &LogEntry) -> Result<()> {
    for o in &i.org_ids {
        move_last_contact_of(conn, o, i.date)?;
    }
    Ok(())
}

/// Moves an organisation's last contact to `date` when that is later (a
/// log entry with it, or a copy of a document sent to it).
pub fn move_last_contact_of(conn: &Connection, org_id: &str, date: NaiveDate) -> Result<()> {
    conn.prepare_cached(
        "UPDATE organisations SET last_contact = ?2 WHERE id = ?1 AND (last_contact IS NULL OR last_contact < ?2)",
    )
    .and_then(|mut later| later.execute(params![org_id, date]))
    .context("recording last contact")?;
    Ok(())
}

/// Starts a bulk insert: the entries added from now on get no search
/// entry until [`index_deferred`] indexes them in one statement (FTS5
/// writes its in-memory segment at the end of every statement, so one
/// statement per row makes thousands of tiny segments to merge). Returns
/// the mark to hand it.
pub fn defer_indexing(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(rid), 0) FROM interactions", [], |r| r.get(0))
        .context("preparing the search index")
}

/// Indexes the entries added after `mark`, reading them back from the
/// table: nothing is held in memory meanwhile.
pub fn index_deferred(conn: &Connection, mark: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO interaction_fts (rowid, text)
         SELECT i.rid, liaison_index_text(i.summary, i.subject,
                    (SELECT group_concat(t.tag, char(10)) FROM interaction_tags t WHERE t.interaction_id = i.id))
           FROM interactions i WHERE i.rid > ?1",
        [mark],
    )
    .context("updating the search index")?;
    Ok(())
}

/// The latest of an organisation's log entries and copies sent to it
/// (SQL, for an UPDATE of `organisations`).
const LATEST: &str = "nullif(max(
    coalesce((SELECT max(x.date) FROM interaction_orgs x WHERE x.org_id = organisations.id), ''),
    coalesce((SELECT max(d.date) FROM distributions d WHERE d.org_id = organisations.id), '')), '')";

/// Sets every organisation's last contact from its links, which only live
/// entries have, and the copies of documents sent to it: two seeks of an
/// index by organisation and date each. After a bulk insert that left
/// them behind, one statement instead of one per row.
pub fn refresh_last_contacts(conn: &Connection) -> Result<()> {
    conn.execute(
        &format!("UPDATE organisations SET last_contact = {LATEST} WHERE last_contact IS NOT {LATEST}"),
        [],
    )
    .context("recording last contact")?;
    Ok(())
}

/// Makes `liaison_index_text(summary, subject, tags)` callable from SQL:
/// the text an entry's search entry holds, as [`index_text`] makes it.
pub fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "liaison_index_text",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let summary: String = ctx.get::<Option<String>>(0)?.unwrap_or_default();
            let subject: Option<String> = ctx.get(1)?;
            let tags: Option<String> = ctx.get(2)?;
            let tags: Vec<String> = tags
                .iter()
                .flat_map(|t| t.split('\n'))
                .map(str::to_string)
                .collect();
            Ok(text_of(&summary, subject.as_deref(), &tags))
        },
    )
    .context("preparing the search index")
}

/// Inserts a log entry, leaving its organisations' last contact to the
/// caller ([`move_last_contact`], or [`refresh_last_contacts`] after a bulk
/// insert); with `deferred`, its search entry waits for [`index_deferred`].
pub fn insert_with(conn: &Connection, i: &LogEntry, deferred: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO interactions (id, date, time, channel, direction, subject, summary, logged_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            i.id,
            i.date,
            i.time,
            i.channel.as_str(),
            i.direction.as_str(),
            i.subject,
            i.summary,
            i.logged_by,
            i.created_at,
            i.updated_at
        ])
    })
    .context("inserting log entry")?;
    let rid = conn.last_insert_rowid();
    let mut orgs = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO interaction_orgs (interaction_id, org_id, date) VALUES (?1, ?2, ?3)",
        )
        .context("linking log entry")?;
    for o in &i.org_ids {
        orgs.execute(params![i.id, o, i.date])
            .context("linking log entry")?;
    }
    let mut people = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO interaction_people (interaction_id, person_id) VALUES (?1, ?2)",
        )
        .context("linking log entry")?;
    for p in &i.person_ids {
        people.execute(params![i.id, p]).context("linking log entry")?;
    }
    let mut tags = conn
        .prepare_cached("INSERT OR IGNORE INTO interaction_tags (interaction_id, tag) VALUES (?1, ?2)")
        .context("tagging log entry")?;
    for t in &i.tags {
        tags.execute(params![i.id, t]).context("tagging log entry")?;
    }
    if !deferred {
        conn.prepare_cached("INSERT INTO interaction_fts (rowid, text) VALUES (?1, ?2)")
            .and_then(|mut stmt| stmt.execute(params![rid, index_text(i)]))
            .context("indexing log entry")?;
    }
    Ok(())
}

/// What the search index holds for an entry: its folded text.
fn index_text(i: &LogEntry) -> String {
    text_of(&i.summary, i.subject.as_deref(), &i.tags)
}

fn text_of(summary: &str, subject: Option<&str>, tags: &[String]) -> String {
    let mut text = vec![summary];
    text.extend(subject);
    text.extend(tags.iter().map(String::as_str));
    fold(&text.join("\n"))
}

/// Rewrites the search entry of the entry stored as `rid` (or drops it
/// when there is no such row any more): after an undo.
pub fn reindex(conn: &Connection, rid: i64) -> Result<()> {
    search::reindex(conn, "interactions", "interaction_fts", rid, |id| {
        Ok(get(conn, id)?.as_ref().map(index_text))
    })
}

/// The largest local row number of the log: about how many entries it
/// has held.
pub fn max_rid(conn: &Connection) -> Result<u64> {
    conn.query_row("SELECT coalesce(max(rid), 0) FROM interactions", [], |r| r.get(0))
        .context("reading the log")
}

/// Which entries `history` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub org_id: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub channel: Option<Channel>,
    pub tag: Option<String>,
    /// Only entries serving this objective (its ID).
    pub objective_id: Option<String>,
    pub limit: Option<usize>,
}

/// Live entries matching `f`, newest first.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<LogEntry>> {
    let (mut sql, mut args, date_col) = filtered(f, COLUMNS);
    sql.push_str(&format!(
        " ORDER BY {date_col} DESC, i.time DESC, i.created_at DESC"
    ));
    if let Some(n) = f.limit {
        sql.push_str(" LIMIT ?");
        args.push(Value::Integer(n as i64));
    }
    let mut stmt = conn.prepare_cached(&sql).context("reading the log")?;
    let rows = stmt
        .query_map(params_from_iter(args), from_row)
        .context("reading the log")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the log")
}

/// How many live entries match `f`, whatever its limit, counting no
/// further than `at_most`: a partner's whole log is read to count it, and
/// a list needs no more than "over a thousand more".
pub fn count(conn: &Connection, f: &Filter, at_most: usize) -> Result<usize> {
    // An organisation's entries, in a date range or not, are counted from
    // its links alone, in their covering index: every link is to a live
    // entry, since an entry is never soft-deleted (undo and purge remove
    // it with its links). Reading each entry as well cost six times as
    // much for a partner with 15,000 entries.
    let (sql, mut args) = match &f.org_id {
        Some(org) if f.channel.is_none() && f.tag.is_none() && f.objective_id.is_none() => {
            let mut sql = "SELECT 1 FROM interaction_orgs io WHERE io.org_id = ?".to_string();
            let mut args = vec![Value::Text(org.clone())];
            for (d, op) in [(f.since, ">="), (f.until, "<=")] {
                if let Some(d) = d {
                    sql.push_str(&format!(" AND io.date {op} ?"));
                    args.push(Value::Text(d.to_string()));
                }
            }
            (sql, args)
        }
        _ => {
            let (sql, args, _) = filtered(f, "1");
            (sql, args)
        }
    };
    args.push(Value::Integer(crate::db::search::sql_limit(at_most)));
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ({sql} LIMIT ?)"))
        .and_then(|mut s| s.query_row(params_from_iter(args), |r| r.get(0)))
        .context("counting log entries")?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The query selecting `what` from the live entries matching `f`, its
/// parameters, and the date column to order by.
fn filtered(f: &Filter, what: &str) -> (String, Vec<Value>, &'static str) {
    let mut args: Vec<Value> = Vec::new();
    let (mut sql, date_col) = match &f.org_id {
        Some(org) => {
            args.push(Value::Text(org.clone()));
            (
                format!(
                    "SELECT {what} FROM interaction_orgs io JOIN interactions i ON i.id = io.interaction_id
                      WHERE io.org_id = ? AND i.deleted_at IS NULL"
                ),
                "io.date",
            )
        }
        None => (
            format!("SELECT {what} FROM interactions i WHERE i.deleted_at IS NULL"),
            "i.date",
        ),
    };
    if let Some(d) = f.since {
        sql.push_str(&format!(" AND {date_col} >= ?"));
        args.push(Value::Text(d.to_string()));
    }
    if let Some(d) = f.until {
        sql.push_str(&format!(" AND {date_col} <= ?"));
        args.push(Value::Text(d.to_string()));
    }
    if let Some(c) = f.channel {
        sql.push_str(" AND i.channel = ?");
        args.push(Value::Text(c.as_str().into()));
    }
    if let Some(t) = &f.tag {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM interaction_tags t WHERE t.interaction_id = i.id AND t.tag = ?)",
        );
        args.push(Value::Text(t.clone()));
    }
    if let Some(o) = &f.objective_id {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM interaction_objectives x WHERE x.interaction_id = i.id AND x.objective_id = ?)",
        );
        args.push(Value::Text(o.clone()));
    }
    (sql, args, date_col)
}

/// IDs of live entries starting with `prefix` (hex digits), at most 50.
pub fn ids_by_prefix(conn: &Connection, prefix: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM interactions WHERE deleted_at IS NULL AND id GLOB ?1 || '*' ORDER BY id LIMIT 50",
        )
        .context("finding a log entry")?;
    let rows = stmt
        .query_map([prefix], |r| r.get(0))
        .context("finding a log entry")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("finding a log entry")
}

/// Loads one entry by full ID.
pub fn get(conn: &Connection, id: &str) -> Result<Option<LogEntry>> {
    // Cached: search and history read a page of entries one by one.
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM interactions i WHERE i.id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id], from_row).optional())
        .context("reading log entry")
}

/// Recomputes an organisation's last contact from its live log entries
/// and the copies of documents sent to it (after entries are moved or
/// deleted, or copies are removed).
pub fn refresh_last_contact(conn: &Connection, org_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE organisations SET last_contact = nullif(max(
            coalesce((SELECT max(io.date) FROM interaction_orgs io JOIN interactions i ON i.id = io.interaction_id
                       WHERE io.org_id = ?1 AND i.deleted_at IS NULL), ''),
            coalesce((SELECT max(d.date) FROM distributions d WHERE d.org_id = ?1), '')), '')
         WHERE id = ?1",
        [org_id],
    )
    .context("recording last contact")?;
    Ok(())
}

/// Partners (status `partner`) last contacted before `before`, or never;
/// longest silence first.
pub fn going_cold(
    conn: &Connection,
    before: NaiveDate,
    limit: Option<usize>,
) -> Result<Vec<(OrgRef, Option<NaiveDate>)>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT o.id, o.handle, o.name, o.country, o.last_contact {COLD} ORDER BY o.last_contact, o.sort_key LIMIT ?2"
        ))
        .context("finding partners going cold")?;
    let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let rows = stmt
        .query_map(params![before, limit], |r| {
            Ok((
                OrgRef {
                    id: r.get(0)?,
                    handle: r.get(1)?,
                    name: r.get(2)?,
                    country: r.get(3)?,
                },
                r.get(4)?,
            ))
        })
        .context("finding partners going cold")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding partners going cold")
}

/// How many partners have had no contact since before `before`.
pub fn going_cold_count(conn: &Connection, before: NaiveDate) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) {COLD}"))
        .and_then(|mut stmt| stmt.query_row([before], |r| r.get(0)))
        .context("counting partners going cold")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// The partners `going_cold` lists.
const COLD: &str = "FROM organisations o
  WHERE o.status = 'partner' AND o.deleted_at IS NULL
    AND (o.last_contact IS NULL OR o.last_contact < ?1)";

/// The most whole words one typed word is written as (see
/// [`search_query`]); a word that begins more is searched as a prefix.
const EXPANSIONS: usize = 40;

/// The log's search query for what a user typed: every word must match
/// the start of a word, after folding, as [`search::fts_query`] says.
/// Each word is written as the whole words of the index that begin with
/// it (`("teachers" OR "teachersunion")`) rather than as a prefix: FTS5
/// reads every entry of a prefix before it returns the first match, where
/// whole words are read in step with one another, so the newest page is
/// found without reading the rest (at a million entries, a common word
/// took 20 ms as a prefix and under 1 ms as a word). A word that begins
/// more than [`EXPANSIONS`] words, or none, or holds a character the index
/// splits words at, stays a prefix, which finds the same entries.
pub fn search_query(conn: &Connection, text: &str) -> Result<Option<String>> {
    let words: Vec<String> = fold(text).split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Ok(None);
    }
    let quoted = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    let mut parts = Vec::new();
    for word in &words {
        let terms = if word.chars().all(char::is_alphanumeric) {
            terms_beginning(conn, word, EXPANSIONS + 1)?
        } else {
            Vec::new()
        };
        if terms.is_empty() || terms.len() > EXPANSIONS {
            parts.push(format!("{}*", quoted(word)));
        } else {
            let terms: Vec<String> = terms.iter().map(|t| quoted(t)).collect();
            parts.push(format!("({})", terms.join(" OR ")));
        }
    }
    Ok(Some(parts.join(" AND ")))
}

/// Up to `at_most` words of the log's search index that begin with
/// `prefix`, in order. Read through `fts5vocab`, one word at a time: each
/// step seeks to the next word and stops at its first occurrence, where
/// asking for all of them at once would read every occurrence of each.
fn terms_beginning(conn: &Connection, prefix: &str, at_most: usize) -> Result<Vec<String>> {
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.log_terms USING fts5vocab (main, interaction_fts, instance)",
    )
    .context("searching the log")?;
    let mut stmt = conn
        .prepare_cached("SELECT term FROM temp.log_terms WHERE term >= ?1 AND term < ?2 LIMIT 1")
        .context("searching the log")?;
    // Every word that begins with the prefix sorts before this one.
    let end = format!("{prefix}{}", char::MAX);
    let mut from = prefix.to_string();
    let mut terms = Vec::new();
    while terms.len() < at_most {
        let Some(term) = stmt
            .query_row(params![from, end], |r| r.get::<_, String>(0))
            .optional()
            .context("searching the log")?
        else {
            break;
        };
        // The first word after this one (words hold no control characters).
        from = format!("{term}\u{1}");
        terms.push(term);
    }
    Ok(terms)
}

/// IDs of live entries whose subject, summary or tags match
/// [`search_query`], most recently logged first. (Ranking every match by
/// relevance would read them all; in the order of the index the first
/// page is found without that.)
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(SEARCH).context("searching the log")?;
    let rows = stmt
        .query_map(params![query, crate::db::search::sql_limit(limit)], |r| r.get(0))
        .context("searching the log")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("searching the log")
}

/// How many live entries the search finds, counting no further than
/// `at_most`. The index alone is counted: it holds exactly the live
/// entries, since an entry is never soft-deleted (undo and purge remove
/// it and its index entry; nothing sets `deleted_at` on the log).
/// Counting stops at `at_most` because a word in a tenth of a large log
/// matches a hundred thousand entries, and reading them all costs more
/// than the page.
pub fn search_count(conn: &Connection, query: &str, at_most: usize) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM interaction_fts WHERE interaction_fts MATCH ?1 LIMIT ?2)",
        )
        .and_then(|mut s| {
            s.query_row(params![query, crate::db::search::sql_limit(at_most)], |r| {
                r.get(0)
            })
        })
        .context("counting matches")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

const SEARCH: &str = "SELECT i.id FROM interaction_fts f JOIN interactions i ON i.rid = f.rowid
  WHERE interaction_fts MATCH ?1 AND i.deleted_at IS NULL ORDER BY f.rowid DESC LIMIT ?2";

/// Moves the log of one organisation to another (for merges); returns how
/// many entries named the first.
pub fn move_to_org(conn: &Connection, from: &str, to: &str) -> Result<usize> {
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM interaction_orgs WHERE org_id = ?1",
            [from],
            |r| r.get(0),
        )
        .context("moving log entries")?;
    conn.execute(
        "UPDATE OR IGNORE interaction_orgs SET org_id = ?2 WHERE org_id = ?1",
        params![from, to],
    )
    .context("moving log entries")?;
    // Entries that named both organisations already have the survivor.
    conn.execute("DELETE FROM interaction_orgs WHERE org_id = ?1", [from])
        .context("moving log entries")?;
    Ok(count as usize)
}
