//! The `meta` table: settings kept in the database itself.

use rusqlite::Transaction;

use super::Db;
use crate::error::{Context, Result};

impl Db {
    /// Reads a value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .context("reading settings")
    }
}

/// Writes a value into the `meta` table.
pub fn set_meta(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
    .context("writing settings")?;
    Ok(())
}

/// Removes a value from the `meta` table.
pub fn unset_meta(tx: &Transaction, key: &str) -> Result<()> {
    tx.execute("DELETE FROM meta WHERE key = ?1", [key])
        .context("writing settings")?;
    Ok(())
}
