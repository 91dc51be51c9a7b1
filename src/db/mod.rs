//! The storage layer: all SQL. This file holds the open database and its
//! transactions; beside it, one file per job (opening and keys, upgrades,
//! whole-file copies, bulk loads, settings, IDs, file helpers, column
//! helpers) and one file of SQL per entity.

pub mod briefings;
mod bulk;
pub mod changes;
mod columns;
pub mod copy;
pub mod documents;
pub mod events;
pub mod groups;
mod ids;
pub mod lock;
pub mod log;
mod migrate;
pub mod objectives;
mod open;
pub mod orgs;
mod paths;
pub mod people;
pub mod report;
pub mod search;
mod settings;
pub mod tasks;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use bulk::{restore_indexes, set_cache_size, suspend_indexes};
use columns::{from_json_list, parse_word, to_json_list};
pub use ids::{AscendingIds, id_of, new_id, rid_of};
pub use migrate::latest_version;
use open::{APPLICATION_ID, busy_timeout, unreadable};
pub use paths::{free_path, io_reason, shell_quote};
pub use settings::{set_meta, unset_meta};

use crate::error::{Context, Result};

/// An open liaison database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// The passphrase the file is encrypted with, if it is.
    key: Option<crate::context::Secret>,
    /// Who the change history names for this connection's writes, found
    /// when one is recorded.
    actor: Box<dyn Fn() -> changes::Actor + Send>,
    /// What opening found and dealt with, for the user to read: leftovers
    /// removed, permissions tightened.
    notes: Vec<String>,
    /// liaison's own lock on the file; declared after `conn` so that it is
    /// released only after the connection is closed.
    lock: lock::FileLock,
}

impl Db {
    /// What opening the file found and dealt with (leftovers of an
    /// interrupted command removed, permissions tightened): one line each.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The file this database lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A read-only view for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate (writer) transaction: everything it does is
    /// kept, or nothing is.
    /// Every row it changes is recorded in the change history under one
    /// command, in the same transaction.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_recorded(|tx, _| f(tx))
    }

    /// Like [`Db::write`], also handing `f` the number of the command the
    /// history records its changes under.
    pub fn write_recorded<T>(&mut self, f: impl FnOnce(&Transaction, i64) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a transaction")?;
        // Inside the transaction: one change to the temporary schema
        // instead of one per trigger.
        changes::install(&tx)?;
        let command = changes::begin(&tx, &(self.actor)())?;
        let value = f(&tx, command)?;
        changes::end(&tx, command)?;
        tx.commit().context("saving the changes")?;
        Ok(value)
    }

    /// Runs `f` in one writer transaction that the change history does
    /// not record: only for the tables it leaves out on purpose (the
    /// numbers of the last task list shown), so that showing a list does
    /// not pay for recording.
    pub fn write_unrecorded<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a transaction")?;
        let value = f(&tx)?;
        tx.commit().context("saving the changes")?;
        Ok(value)
    }

    /// Names who makes this connection's changes, when, and with what
    /// command line, for the change history.
    pub fn set_actor(&mut self, actor: changes::Actor) {
        self.actor = Box::new(move || actor.clone());
    }

    /// Like [`Db::set_actor`], with who it is found only when a write is
    /// recorded.
    pub fn set_actor_with(&mut self, actor: Box<dyn Fn() -> changes::Actor + Send>) {
        self.actor = actor;
    }

    /// Whether the file is encrypted.
    pub fn encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// SQLite's integrity and foreign-key checks; empty when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        checks(&self.conn)
    }
}

/// SQLite's integrity and foreign-key checks on `conn`; empty when all is
/// well.
fn checks(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .context("checking the database")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .context("checking the database")?;
    for r in rows {
        let r = r.context("checking the database")?;
        if r != "ok" {
            problems.push(r);
        }
    }
    let mut stmt = conn
        .prepare("PRAGMA foreign_key_check")
        .context("checking the database")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "a row of {} points to a missing row of {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })
        .context("checking the database")?;
    for r in rows {
        problems.push(r.context("checking the database")?);
    }
    Ok(problems)
}

/// How many rows match in all, given a first page of `shown` rows cut at
/// `limit`: the page's length unless the page is full, when `count` asks
/// the database.
pub fn page_total(
    shown: usize,
    limit: Option<usize>,
    count: impl FnOnce() -> Result<usize>,
) -> Result<usize> {
    match limit {
        Some(n) if shown >= n => count(),
        _ => Ok(shown),
    }
}
