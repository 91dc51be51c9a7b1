//! Upgrading an older database: the steps of `schema.sql`, applied in one
//! transaction after keeping a byte copy of the file as it was.

use rusqlite::TransactionBehavior;

use super::open::APPLICATION_ID;
use super::paths::{copies_of, free_path};
use super::{Db, copy};
use crate::error::{Context, Error, Result};

/// The schema, embedded so the binary can create and upgrade databases.
const SCHEMA: &str = include_str!("../../schema.sql");

/// The upgrade steps found in `schema.sql`, in order: (number, title, SQL).
fn migrations() -> Vec<(u32, &'static str, &'static str)> {
    let mut steps = Vec::new();
    let mut rest = SCHEMA;
    while let Some(start) = rest.find("-- migration ") {
        let after = &rest[start + "-- migration ".len()..];
        let line_end = after.find('\n').unwrap_or(after.len());
        let header = &after[..line_end];
        let body_start = (line_end + 1).min(after.len());
        let next = after[body_start..]
            .find("-- migration ")
            .map_or(after.len(), |i| body_start + i);
        let (number, title) = header.split_once(':').unwrap_or((header, ""));
        if let Ok(n) = number.trim().parse::<u32>() {
            steps.push((n, title.trim(), &after[body_start..next]));
        }
        rest = &after[next..];
    }
    steps
}

/// The schema version this binary writes.
pub fn latest_version() -> u32 {
    migrations().last().map_or(0, |m| m.0)
}

impl Db {
    pub(super) fn version(&self) -> Result<u32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("reading the schema version")
    }

    /// Applies the upgrade steps this database, held exclusively, lacks,
    /// in one transaction, after keeping a byte copy of the file as it was
    /// (`NAME.schema-N.bak`: encrypted when the database is). A failed
    /// upgrade leaves the database as it was and removes the copy.
    pub(super) fn upgrade(self, current: u32) -> Result<Db> {
        let path = self.path.clone();
        let key = self.key.clone();
        let mut db = self;
        let mut copy = None;
        if current > 0 {
            let lock = db.close_whole()?;
            let suffix = format!("schema-{current}.bak");
            // An upgrade killed after its copy was made left one already:
            // it is used again rather than joined by another.
            let earlier = copies_of(&path, &suffix)
                .into_iter()
                .find(|c| copy::same_bytes(&path, c));
            let made = earlier.is_none();
            let kept = earlier.unwrap_or_else(|| free_path(&path, &suffix));
            let copied = if made {
                copy::copy_bytes(&path, &kept)
            } else {
                Ok(())
            };
            copied.map_err(|e| {
                Error::user(format!(
                    "cannot keep a copy of {} before upgrading it: {}",
                    path.display(),
                    e.message
                ))
                .hint("free some disk space or check the folder's permissions, then run the command again")
            })?;
            copy = made.then_some(kept);
            db = Db::connect(&path, key.as_ref().map(|k| k.as_str()), lock, false)?;
        }
        crate::fault::point("upgrade:before-migrate");
        let migrated = db.migrate();
        if let (Err(_), Some(kept)) = (&migrated, &copy) {
            let _ = std::fs::remove_file(kept);
        }
        migrated?;
        Ok(db)
    }

    /// Every upgrade step after the file's version, in one transaction: a
    /// process killed or failing mid-upgrade leaves the database as it
    /// was, never half upgraded.
    fn migrate(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting the schema upgrade")?;
        let now_at: u32 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("reading the schema version")?;
        for (n, title, sql) in migrations().into_iter().filter(|m| m.0 > now_at) {
            tx.execute_batch(sql)
                .context(&format!("upgrading the schema ({title})"))?;
            tx.pragma_update(None, "user_version", n)
                .context("recording the schema version")?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .context("marking the database")?;
        crate::fault::point("upgrade:before-commit");
        tx.commit().context("saving the schema upgrade")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_steps_are_numbered_in_order() {
        let steps = migrations();
        assert!(!steps.is_empty());
        for (i, (n, title, sql)) in steps.iter().enumerate() {
            assert_eq!(*n as usize, i + 1, "migration {title} is out of order");
            assert!(
                sql.contains("CREATE") || sql.contains("ALTER"),
                "migration {n} is empty"
            );
        }
    }

    /// A step whose marker is misspelt would be skipped without a word:
    /// every line that looks like a marker must parse, numbered in order.
    #[test]
    fn every_migration_marker_is_well_formed() {
        let mut expected = 1;
        for line in SCHEMA.lines() {
            let squeezed = line.trim_start().to_ascii_lowercase();
            if !(squeezed.starts_with("--")
                && squeezed
                    .trim_start_matches('-')
                    .trim_start()
                    .starts_with("migration"))
            {
                continue;
            }
            let rest = line.strip_prefix("-- migration ");
            let parsed = rest
                .and_then(|r| r.split_once(':'))
                .and_then(|(n, title)| Some((n.parse::<u32>().ok()?, title.trim())));
            match parsed {
                Some((n, title)) if n == expected && !title.is_empty() => expected += 1,
                _ => panic!("malformed or out-of-order migration marker: {line:?}"),
            }
        }
        assert_eq!(
            expected - 1,
            latest_version(),
            "markers and parsed steps disagree"
        );
    }
}
