//! Opening the file: creating it owner-only, taking the file lock, giving
//! SQLCipher the key, checking the file is ours, configuring the
//! connection, and handing an older schema to the upgrade.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::paths::{io_reason, shell_quote};
use super::{Db, changes, copy, latest_version, lock, log};
use crate::error::{Cause, Context, Error, Kind, Result};

/// Marks a SQLite file as a liaison database (`PRAGMA application_id`).
pub(super) const APPLICATION_ID: i32 = 0x4c49_4149; // "LIAI"

/// How long a command waits for another writer before giving up (exit 3),
/// unless `LIAISON_BUSY_TIMEOUT` (milliseconds) says otherwise.
const BUSY_TIMEOUT_MS: u64 = 5_000;

pub(super) fn busy_timeout() -> std::time::Duration {
    let ms = std::env::var("LIAISON_BUSY_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(BUSY_TIMEOUT_MS);
    // SQLite counts its wait in an int of milliseconds: a longer wait
    // (over 24 days) is taken as the longest it can count.
    std::time::Duration::from_millis(ms.min(i32::MAX as u64))
}

impl Db {
    /// Creates the database (and its folder) owner-only if it does not
    /// exist, then opens it and brings its schema up to date.
    pub fn create(path: &Path) -> Result<Db> {
        Db::create_with(path, None)
    }

    /// Like [`Db::create`]; with a passphrase a new file is encrypted
    /// (SQLCipher) and an existing one is opened with it. An existing
    /// empty file (a creation cut short) is made a new database.
    pub fn create_with(path: &Path, key: Option<&str>) -> Result<Db> {
        if !path.exists() {
            create_private_file(path)?;
        }
        Db::open_shared(path, key, true)
    }

    /// Opens an existing, unencrypted database and brings its schema up to
    /// date.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_with(path, None)
    }

    /// Opens an existing database, with its passphrase when encrypted, and
    /// brings its schema up to date.
    pub fn open_with(path: &Path, key: Option<&str>) -> Result<Db> {
        Db::open_shared(path, key, false)
    }

    /// Opens an existing database for a command that replaces the file
    /// (encrypt, decrypt, rekey, restore): no other liaison process uses
    /// it until the returned value is gone; they wait, and give up with
    /// exit 3 after `LIAISON_BUSY_TIMEOUT`.
    pub fn open_exclusive(path: &Path, key: Option<&str>) -> Result<Db> {
        let path = existing(path)?;
        Db::open_locked(&path, key, lock::Mode::Exclusive, false)
    }

    fn open_shared(path: &Path, key: Option<&str>, new: bool) -> Result<Db> {
        let path = existing(path)?;
        loop {
            match Db::open_locked(&path, key, lock::Mode::Shared, new) {
                Err(e) if e.is(Cause::NeedsUpgrade) => {
                    // One process upgrades; the others wait for it here (up
                    // to a minute at least: the first command after an
                    // install must not fail), find the work done, and go on.
                    let wait = busy_timeout().max(std::time::Duration::from_secs(60));
                    let lock = lock::FileLock::acquire(&path, lock::Mode::Exclusive, wait)?;
                    drop(Db::open_held(&path, key, lock, lock::Mode::Exclusive, new)?);
                }
                other => return other,
            }
        }
    }

    fn open_locked(path: &Path, key: Option<&str>, mode: lock::Mode, new: bool) -> Result<Db> {
        let lock = lock::FileLock::acquire(path, mode, busy_timeout())?;
        Db::open_held(path, key, lock, mode, new)
    }

    fn open_held(
        path: &Path,
        key: Option<&str>,
        lock: lock::FileLock,
        mode: lock::Mode,
        new: bool,
    ) -> Result<Db> {
        let mut notes = copy::remove_leftovers(path);
        notes.extend(crate::files::tighten(path, "the database"));
        let mut db = Db::connect(path, key, lock, new)?;
        db.notes = notes;
        let current = db.version()?;
        let latest = latest_version();
        if current > latest {
            return Err(Error::new(
                Kind::Unreadable,
                format!(
                    "cannot open {}: it was written by a newer liaison (schema {current}; this one knows up to {latest})",
                    path.display()
                ),
            )
            .hint("install the newer liaison to use this database"));
        }
        if current == latest {
            return Ok(db);
        }
        if mode == lock::Mode::Shared {
            return Err(Error::internal("the schema needs an upgrade").because(Cause::NeedsUpgrade));
        }
        db.upgrade(current)
    }

    pub(super) fn connect(path: &Path, key: Option<&str>, lock: lock::FileLock, new: bool) -> Result<Db> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| unreadable(path, &e))?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            key: key.map(|k| crate::context::Secret::new(k.to_string())),
            actor: Box::new(changes::Actor::default),
            notes: Vec::new(),
            lock,
        };
        db.configure(new)?;
        Ok(db)
    }

    fn configure(&mut self, new: bool) -> Result<()> {
        let path = self.path.clone();
        // The key must be the first thing SQLCipher hears; quiet its log so
        // a wrong passphrase is one line of ours, not its noise.
        if let Some(key) = &self.key {
            self.conn
                .pragma_update(None, "key", key.as_str())
                .context("setting the passphrase")?;
        }
        // SQLCipher sets up its log when the key arrives; silence it after.
        let _ = self
            .conn
            .execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA cipher_log = off;");
        self.conn
            .busy_timeout(busy_timeout())
            .context("setting the busy timeout")?;
        // The first read of the file: a file that is not SQLite (or is
        // encrypted) fails here.
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| unreadable(&path, &e))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| unreadable(&path, &e))?;
        if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(Error::new(
                Kind::Unreadable,
                format!("cannot open {}: not a liaison database", path.display()),
            )
            .hint("check the path given with --db or LIAISON_DB"));
        }
        // An empty file is made a database only by `init`: opening any
        // other file must never write a schema into it.
        if tables == 0 && !new {
            return Err(Error::new(
                Kind::Unreadable,
                format!(
                    "cannot open {}: the file is empty, not a liaison database",
                    path.display()
                ),
            )
            .hint(format!(
                "create a database with: liaison --db {} init",
                shell_quote(&path)
            )));
        }
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .context("configuring the database")?;
        self.use_write_ahead_log()?;
        // SQLCipher keeps temporary tables and sorts in memory so that no
        // plain text of an encrypted file reaches the disk; a plain file
        // may spill them to (unlinked, owner-only) temporary files, which
        // keeps a large import's memory flat.
        if self.key.is_none() {
            self.conn
                .execute_batch("PRAGMA temp_store = FILE;")
                .context("configuring the database")?;
        }
        log::register_functions(&self.conn)?;
        crate::matching::register_functions(&self.conn)?;
        Ok(())
    }

    /// Puts the file in write-ahead-log mode. While a bulk import holds it
    /// in rollback mode the switch is refused at once, without SQLite's
    /// busy wait, so this waits here, up to the busy timeout like any other
    /// command.
    fn use_write_ahead_log(&self) -> Result<()> {
        let deadline = std::time::Instant::now() + busy_timeout();
        loop {
            let mode = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
            match mode {
                Ok(_) => return Ok(()),
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if matches!(
                        f.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(e) => return Err(crate::error::from_sqlite(e, "configuring the database")),
            }
        }
    }
}

/// The path of an existing database: symbolic links resolved, so that a
/// command replacing the file replaces the file the link points to and
/// the link stays a link, and temporary files go beside the real file.
fn existing(path: &Path) -> Result<PathBuf> {
    if !path.exists() {
        return Err(Error::user(format!("no database at {}", path.display()))
            .hint(format!("create it with: liaison --db {} init", shell_quote(path))));
    }
    std::fs::canonicalize(path).map_err(|e| {
        Error::new(
            Kind::Unreadable,
            format!("cannot open {}: {}", path.display(), io_reason(&e)),
        )
    })
}

pub(super) fn unreadable(path: &Path, e: &rusqlite::Error) -> Error {
    if let rusqlite::Error::SqliteFailure(f, _) = e {
        match f.code {
            rusqlite::ErrorCode::NotADatabase => {
                return Error::new(
                    Kind::Unreadable,
                    format!(
                        "cannot open {}: wrong passphrase or not a liaison database",
                        path.display()
                    ),
                )
                .hint("if it is encrypted, give the passphrase with --passphrase-file FILE or LIAISON_PASSPHRASE")
                .hint("check the path given with --db or LIAISON_DB")
                .because(Cause::WrongPassphrase);
            }
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                return crate::error::from_sqlite(
                    rusqlite::Error::SqliteFailure(*f, None),
                    "opening the database",
                );
            }
            rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied => {
                return Error::new(
                    Kind::Unreadable,
                    format!("cannot open {}: permission denied", path.display()),
                )
                .hint("check the permissions of the file and its folder");
            }
            _ => {}
        }
    }
    Error::new(Kind::Unreadable, format!("cannot open {}: {e}", path.display()))
}

/// Creates an empty file readable by its owner only, and its folder
/// (owner-only too) if missing.
fn create_private_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        crate::files::create_private_folder(dir)
            .map_err(|e| e.hint("choose a writable location with --db PATH or LIAISON_DB"))?;
    }
    crate::files::create_new_private(path).map_err(|e| {
        Error::user(format!("cannot create {}: {}", path.display(), io_reason(&e)))
            .hint("choose a writable location with --db PATH or LIAISON_DB")
    })?;
    Ok(())
}
