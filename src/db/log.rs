//! SQL for the contact log.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter, types::Value};

use crate::error::{Context, Result};
use crate::model::log::{Channel, Interaction};
use crate::model::org::OrgRef;
use crate::text::fold;

use super::{from_json_list, parse_word, search};

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

fn from_row(r: &Row) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
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
pub fn insert(conn: &Connection, i: &Interaction) -> Result<()> {
    insert_with(conn, i, false)?;
    move_last_contact(conn, i)
}

/// Moves the last contact of the entry's organisations to its date when
/// that is later.
pub fn move_last_contact(conn: &Connection, i: &Interaction) -> Result<()> {
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
pub fn insert_with(conn: &Connection, i: &Interaction, deferred: bool) -> Result<()> {
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
fn index_text(i: &Interaction) -> String {
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

/// How many hashes [`Seen`] keeps in memory (about 35 MB) before it moves
/// them to a temporary table.
const SEEN_IN_MEMORY: usize = 1 << 20;

/// The entries an import has brought so far, as 128-bit hashes, to find
/// rows repeated within a file. The first million are kept in memory, where
/// a lookup costs a fraction of a statement; past that they move to a
/// temporary table, so that a file of tens of millions of rows is checked
/// with bounded memory (SQLite keeps the table's pages in its cache and,
/// for plain databases, spills them to a temporary file).
pub struct Seen {
    /// Each hash with the line it was first seen on.
    memory: Option<std::collections::HashMap<u128, u64>>,
    limit: usize,
}

impl Seen {
    /// For a file of about `rows` rows.
    pub fn new(rows: u64) -> Seen {
        Seen::with_limit(rows, SEEN_IN_MEMORY)
    }

    fn with_limit(rows: u64, limit: usize) -> Seen {
        let room = usize::try_from(rows).unwrap_or(usize::MAX).min(limit);
        Seen {
            memory: Some(std::collections::HashMap::with_capacity(room)),
            limit,
        }
    }

    /// Notes an entry's hash, seen on `line`; `Some(earlier line)` when it
    /// was noted before.
    pub fn first_sighting(&mut self, conn: &Connection, hash: (u64, u64), line: u64) -> Result<Option<u64>> {
        if let Some(memory) = &mut self.memory {
            let key = (u128::from(hash.0) << 64) | u128::from(hash.1);
            let earlier = match memory.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(line);
                    None
                }
            };
            if memory.len() >= self.limit {
                let mut all: Vec<(u128, u64)> = memory.drain().collect();
                self.memory = None;
                all.sort_unstable();
                conn.execute_batch(
                    "CREATE TEMP TABLE IF NOT EXISTS import_seen (
                         a INTEGER NOT NULL, b INTEGER NOT NULL, line INTEGER NOT NULL,
                         PRIMARY KEY (a, b)) WITHOUT ROWID;
                     DELETE FROM temp.import_seen;
                     PRAGMA temp.cache_size = -32768;",
                )
                .context("checking for repeated entries")?;
                for (h, l) in all {
                    insert_seen(conn, ((h >> 64) as u64, h as u64), l)?;
                }
            }
            return Ok(earlier);
        }
        insert_seen(conn, hash, line)
    }

    /// Lets go of the hashes: the memory, or the temporary table.
    pub fn end(&mut self, conn: &Connection) -> Result<()> {
        if self.memory.replace(Default::default()).is_none() {
            conn.execute_batch("DROP TABLE IF EXISTS temp.import_seen")
                .context("finishing the duplicate check")?;
        }
        Ok(())
    }
}

/// Adds a hash to the temporary table; the line it was first seen on when
/// it was there.
fn insert_seen(conn: &Connection, hash: (u64, u64), line: u64) -> Result<Option<u64>> {
    let (a, b) = (hash.0 as i64, hash.1 as i64);
    let added = conn
        .prepare_cached("INSERT OR IGNORE INTO temp.import_seen (a, b, line) VALUES (?1, ?2, ?3)")
        .and_then(|mut stmt| stmt.execute(params![a, b, line as i64]))
        .context("checking for repeated entries")?;
    if added == 1 {
        return Ok(None);
    }
    let earlier: i64 = conn
        .prepare_cached("SELECT line FROM temp.import_seen WHERE a = ?1 AND b = ?2")
        .and_then(|mut stmt| stmt.query_row(params![a, b], |r| r.get(0)))
        .context("checking for repeated entries")?;
    Ok(Some(earlier as u64))
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
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Interaction>> {
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

/// How many live entries match `f`, whatever its limit.
pub fn count(conn: &Connection, f: &Filter) -> Result<usize> {
    let (sql, args, _) = filtered(f, "COUNT(*)");
    let n: i64 = conn
        .prepare_cached(&sql)
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
pub fn get(conn: &Connection, id: &str) -> Result<Option<Interaction>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM interactions i WHERE i.id = ?1"),
        [id],
        from_row,
    )
    .optional()
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

/// IDs of live entries whose subject, summary or tags match, most recently
/// logged first. (Ranking every match by relevance would read them all; in
/// the order of the index the first page is found without that.)
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(SEARCH).context("searching the log")?;
    let rows = stmt
        .query_map(params![query, crate::db::search::sql_limit(limit)], |r| r.get(0))
        .context("searching the log")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("searching the log")
}

/// How many live entries the search finds.
pub fn search_count(conn: &Connection, query: &str) -> Result<usize> {
    crate::db::search::count(conn, SEARCH, query)
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

/// Whether a live entry with this organisation, date and (folded) summary
/// is already logged.
pub fn same_entry(conn: &Connection, org_id: &str, date: NaiveDate, summary: &str) -> Result<bool> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT i.summary FROM interaction_orgs io JOIN interactions i ON i.id = io.interaction_id
              WHERE io.org_id = ?1 AND io.date = ?2 AND i.deleted_at IS NULL",
        )
        .context("looking for the same entry")?;
    let key = fold(summary);
    let rows = stmt
        .query_map(params![org_id, date], |r| r.get::<_, String>(0))
        .context("looking for the same entry")?;
    for s in rows {
        if fold(&s.context("looking for the same entry")?) == key {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Calls `f` with every live entry in the period as the cells of an
/// export row (in the order of `csvio::records::LOG_COLUMNS`, lists joined
/// with `; `), oldest first, without building a record per entry.
pub fn for_each_row(
    conn: &Connection,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    mut f: impl FnMut(&[&str]) -> Result<()>,
) -> Result<()> {
    // Handles come from memory rather than a join per row; people and tags
    // are looked up only when some entry has them.
    let mut handles: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, sort_key, handle FROM organisations")
            .context("exporting the log")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .context("exporting the log")?;
        for row in rows {
            let (id, v) = row.context("exporting the log")?;
            handles.insert(id, v);
        }
    }
    let any = |table: &str| -> Result<bool> {
        conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
            r.get(0)
        })
        .context("exporting the log")
    };
    let people = if any("interaction_people")? {
        "(SELECT group_concat(p.name, '; ' ORDER BY p.sort_key) FROM interaction_people x
            JOIN people p ON p.id = x.person_id WHERE x.interaction_id = i.id)"
    } else {
        "NULL"
    };
    let objectives = if any("interaction_objectives")? {
        "(SELECT group_concat(o.number, '; ' ORDER BY o.number) FROM interaction_objectives x
            JOIN objectives o ON o.id = x.objective_id WHERE x.interaction_id = i.id)"
    } else {
        "NULL"
    };
    let tags = if any("interaction_tags")? {
        "(SELECT group_concat(tag, '; ' ORDER BY tag) FROM interaction_tags t WHERE t.interaction_id = i.id)"
    } else {
        "NULL"
    };
    // Following the date index visits the table's pages in random order,
    // a read each. The whole log is read faster in stored order and sorted,
    // the sort spilling to a temporary file; not where temporary data is
    // kept in memory (encrypted databases), nor for a period, which the
    // index finds without reading the rest.
    let temp_store: i64 = conn
        .query_row("PRAGMA temp_store", [], |r| r.get(0))
        .context("exporting the log")?;
    let order = if since.is_none() && until.is_none() && temp_store == 1 {
        "+i.date, i.rid"
    } else {
        "i.date, i.rid"
    };
    let mut stmt = conn
        .prepare(&format!(
            "SELECT i.id, i.date, i.time, i.channel, i.direction, NULL,
                {people}, i.subject, i.summary, {tags}, {objectives}, i.logged_by, i.created_at, i.updated_at
             FROM interactions i
             WHERE i.deleted_at IS NULL AND (?1 IS NULL OR i.date >= ?1) AND (?2 IS NULL OR i.date <= ?2)
             ORDER BY {order}"
        ))
        .context("exporting the log")?;
    let mut rows = stmt.query(params![since, until]).context("exporting the log")?;
    // The organisations of each entry come from a second walk in date
    // order over the index that holds them with their date, a day at a
    // time, instead of one lookup at a random place per entry.
    let mut link_stmt = conn
        .prepare(
            "SELECT date, interaction_id, org_id FROM interaction_orgs
              WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2) ORDER BY date",
        )
        .context("exporting the log")?;
    let mut links = LinksByDay::new(
        link_stmt
            .query(params![since, until])
            .context("exporting the log")?,
    )?;
    let mut orgs = String::new();
    let mut org_ids = String::new();
    while let Some(r) = rows.next().context("exporting the log")? {
        let mut cells: [&str; 14] = [""; 14];
        for (i, cell) in cells.iter_mut().enumerate() {
            if let rusqlite::types::ValueRef::Text(t) = r.get_ref(i).context("exporting the log")? {
                *cell = std::str::from_utf8(t).unwrap_or_default();
            }
        }
        org_ids.clear();
        links.orgs_of(conn, cells[1], cells[0], &mut org_ids)?;
        orgs.clear();
        if !org_ids.contains(' ') {
            // Most entries are with one organisation.
            if let Some((_, handle)) = handles.get(org_ids.as_str()) {
                orgs.push_str(handle);
            }
        } else {
            let mut found: Vec<&(String, String)> =
                org_ids.split(' ').filter_map(|id| handles.get(id)).collect();
            found.sort();
            for (n, (_, handle)) in found.iter().enumerate() {
                if n > 0 {
                    orgs.push_str("; ");
                }
                orgs.push_str(handle);
            }
        }
        cells[5] = &orgs;
        f(&cells)?;
    }
    Ok(())
}

/// The organisations of log entries, read day by day in date order.
struct LinksByDay<'c> {
    rows: rusqlite::Rows<'c>,
    /// The next link not yet taken: (date, entry, organisation).
    ahead: Option<(String, String, String)>,
    day: String,
    of_day: std::collections::HashMap<String, Vec<String>>,
}

impl<'c> LinksByDay<'c> {
    fn new(rows: rusqlite::Rows<'c>) -> Result<LinksByDay<'c>> {
        let mut links = LinksByDay {
            rows,
            ahead: None,
            day: String::new(),
            of_day: std::collections::HashMap::new(),
        };
        links.advance()?;
        Ok(links)
    }

    fn advance(&mut self) -> Result<()> {
        self.ahead = match self.rows.next().context("exporting the log")? {
            Some(r) => Some((
                r.get(0).context("exporting the log")?,
                r.get(1).context("exporting the log")?,
                r.get(2).context("exporting the log")?,
            )),
            None => None,
        };
        Ok(())
    }

    /// Appends the organisation IDs of entry `id` of `date`, separated by
    /// spaces, to `out`.
    fn orgs_of(&mut self, conn: &Connection, date: &str, id: &str, out: &mut String) -> Result<()> {
        if self.day != date {
            self.day = date.to_string();
            self.of_day.clear();
            while let Some((d, entry, org)) = self.ahead.take() {
                match d.as_str().cmp(date) {
                    std::cmp::Ordering::Less => self.advance()?,
                    std::cmp::Ordering::Equal => {
                        self.of_day.entry(entry).or_default().push(org);
                        self.advance()?;
                    }
                    std::cmp::Ordering::Greater => {
                        self.ahead = Some((d, entry, org));
                        break;
                    }
                }
            }
        }
        match self.of_day.get(id) {
            Some(orgs) => {
                for (n, org) in orgs.iter().enumerate() {
                    if n > 0 {
                        out.push(' ');
                    }
                    out.push_str(org);
                }
            }
            // A link whose date disagrees with its entry's: asked directly.
            None => {
                let found: Option<String> = conn
                    .prepare_cached(
                        "SELECT group_concat(org_id, ' ') FROM interaction_orgs WHERE interaction_id = ?1",
                    )
                    .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)))
                    .context("exporting the log")?;
                out.push_str(&found.unwrap_or_default());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_found_in_memory_and_after_the_move_to_a_table() {
        let conn = Connection::open_in_memory().unwrap();
        let mut seen = Seen::with_limit(10, 4);
        let hashes = [
            (1, 2),
            (3, 4),
            (1, 2),
            (5, 6),
            (7, 8),
            (9, 10),
            (3, 4),
            (9, 10),
            (1, 3),
        ];
        let earlier: Vec<Option<u64>> = hashes
            .iter()
            .enumerate()
            .map(|(line, h)| seen.first_sighting(&conn, *h, line as u64 + 2).unwrap())
            .collect();
        assert_eq!(
            earlier,
            [None, None, Some(2), None, None, None, Some(3), Some(7), None]
        );
        // The fifth new hash moved them all to the table.
        assert!(seen.memory.is_none());
        let n: i64 = conn
            .query_row("SELECT count(*) FROM temp.import_seen", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 6);
        seen.end(&conn).unwrap();
        let left: i64 = conn
            .query_row(
                "SELECT count(*) FROM temp.sqlite_master WHERE name = 'import_seen'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
    }
}
