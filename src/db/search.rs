//! Full-text search (SQLite FTS5 over folded text).

use rusqlite::{Connection, params};

use crate::error::{Context, Result};
use crate::text::fold;

/// Sets the search entry of the row stored as `rid` in the full-text
/// index `fts` to `text` (already folded), or drops it when `None`. Names
/// come from the program, never from input.
pub fn put(conn: &Connection, fts: &str, rid: i64, text: Option<&str>) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {fts} WHERE rowid = ?1"))
        .and_then(|mut stmt| stmt.execute([rid]))
        .context("updating the search index")?;
    if let Some(text) = text {
        conn.prepare_cached(&format!("INSERT INTO {fts} (rowid, text) VALUES (?1, ?2)"))
            .and_then(|mut stmt| stmt.execute(params![rid, text]))
            .context("updating the search index")?;
    }
    Ok(())
}

/// Rewrites the search entry of the row stored as `rid` in `table` from
/// the row as it is now (`text` makes it from the row's ID, `None` when
/// there is nothing to index), or drops it when there is no such row any
/// more: after an undo.
pub fn reindex(
    conn: &Connection,
    table: &str,
    fts: &str,
    rid: i64,
    text: impl FnOnce(&str) -> Result<Option<String>>,
) -> Result<()> {
    let text = match super::id_of(conn, table, rid)? {
        Some(id) => text(&id)?,
        None => None,
    };
    put(conn, fts, rid, text.as_deref())
}

/// Builds an FTS5 query from what a user typed: every word must match, as
/// a prefix, after folding. Returns `None` when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = fold(input)
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

const ORGS: &str = "SELECT o.id FROM org_fts f JOIN organisations o ON o.rid = f.rowid
  WHERE org_fts MATCH ?1 AND o.deleted_at IS NULL ORDER BY f.rank LIMIT ?2";
const PEOPLE: &str = "SELECT p.id FROM person_fts f JOIN people p ON p.rid = f.rowid
  WHERE person_fts MATCH ?1 AND p.deleted_at IS NULL ORDER BY f.rank LIMIT ?2";

/// IDs of live organisations matching the query, best first (`limit` 0: all).
pub fn orgs(conn: &Connection, query: &str, limit: usize) -> Result<Vec<String>> {
    ids(conn, ORGS, query, limit)
}

/// How many live organisations match the query.
pub fn orgs_count(conn: &Connection, query: &str) -> Result<usize> {
    count(conn, ORGS, query)
}

/// IDs of live people matching the query, best first (`limit` 0: all).
pub fn people(conn: &Connection, query: &str, limit: usize) -> Result<Vec<String>> {
    ids(conn, PEOPLE, query, limit)
}

/// How many live people match the query.
pub fn people_count(conn: &Connection, query: &str) -> Result<usize> {
    count(conn, PEOPLE, query)
}

/// A list length as SQLite's LIMIT takes it: 0 (all) is -1, no limit.
pub fn sql_limit(limit: usize) -> i64 {
    if limit == 0 {
        -1
    } else {
        i64::try_from(limit).unwrap_or(-1)
    }
}

fn ids(conn: &Connection, sql: &str, query: &str, limit: usize) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql).context("searching")?;
    let rows = stmt
        .query_map(params![query, sql_limit(limit)], |r| r.get(0))
        .context("searching")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("searching")
}

/// How many rows the search `sql` finds with no limit.
pub fn count(conn: &Connection, sql: &str, query: &str) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ({sql})"))
        .and_then(|mut s| s.query_row(params![query, -1], |r| r.get(0)))
        .context("counting matches")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_folded_prefixes() {
        assert_eq!(
            fts_query("Comunista PORTUGUÊS").unwrap(),
            "\"comunista\"* \"portugues\"*"
        );
        assert_eq!(fts_query("كمونيست").unwrap(), "\"کمونیست\"*");
        assert_eq!(fts_query("a\"b").unwrap(), "\"a\"\"b\"*");
        assert_eq!(fts_query("   "), None);
    }
}
