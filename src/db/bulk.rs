//! Tuning for writes of many rows (a large import): the journal mode, the
//! page cache, and indexes dropped during the load and built once after.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::Db;
use super::open::busy_timeout;
use crate::error::{Context, Result};

impl Db {
    /// Runs `f` like [`Db::write`]; when `bulk` (a write of many rows, such
    /// as a large import) and no other connection has the file open, with a
    /// rollback journal instead of the write-ahead log. A transaction larger
    /// than the page cache then writes each page once, to the file itself
    /// (the journal keeps only the pages that existed before it), where the
    /// log would take every page and copy it to the file again at the
    /// checkpoint. The price: other processes cannot read until it commits
    /// (they wait, as for a writer, and then give up as busy).
    pub fn write_bulk<T>(&mut self, bulk: bool, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let journal = bulk && self.set_journal_mode("delete");
        let value = self.write(f);
        if journal {
            // Failing here leaves the rollback journal until the next
            // open, which asks for the log again.
            self.set_journal_mode("wal");
        }
        value
    }

    /// Switches the journal mode without waiting: true when it took.
    fn set_journal_mode(&self, mode: &str) -> bool {
        let _ = self.conn.busy_timeout(std::time::Duration::ZERO);
        let now = self
            .conn
            .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| {
                r.get::<_, String>(0)
            });
        let _ = self.conn.busy_timeout(busy_timeout());
        now.is_ok_and(|m| m.eq_ignore_ascii_case(mode))
    }

    /// Gives SQLite a larger page cache (in MiB) for a bulk write: random
    /// IDs spread index inserts over many pages, and spilling them to the
    /// write-ahead log mid-transaction costs more than the memory.
    pub fn set_cache_mib(&self, mib: i64) -> Result<()> {
        set_cache_size(&self.conn, mib)
    }
}

/// Sizes the page cache (in MiB); SQLite's sorts take as much again.
pub fn set_cache_size(conn: &Connection, mib: i64) -> Result<()> {
    conn.pragma_update(None, "cache_size", -1024 * mib)
        .context("sizing the page cache")
}

/// Drops the named indexes for a bulk load and returns the statements
/// that build them again ([`restore_indexes`]): building an index once
/// from sorted rows is far cheaper than a million inserts at random
/// places in it.
pub fn suspend_indexes(tx: &Transaction, names: &[&str]) -> Result<Vec<String>> {
    let mut saved = Vec::new();
    for name in names {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .context("preparing the bulk load")?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))
                .context("preparing the bulk load")?;
            saved.push(sql);
        }
    }
    Ok(saved)
}

/// Builds the indexes [`suspend_indexes`] dropped.
pub fn restore_indexes(tx: &Transaction, saved: &[String]) -> Result<()> {
    for sql in saved {
        tx.execute_batch(sql).context("building the indexes")?;
    }
    Ok(())
}
