//! The import's check for entries already logged: rows repeated within
//! the file, and entries the database already holds.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::error::{Context, Result};
use crate::text::fold;

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
