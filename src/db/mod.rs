//! Opening the database file, its pragmas and permissions, and upgrading
//! its schema. One file of SQL per entity lives beside this one.

pub mod briefings;
pub mod changes;
pub mod copy;
pub mod documents;
pub mod events;
pub mod groups;
pub mod lock;
pub mod log;
pub mod objectives;
pub mod orgs;
pub mod people;
pub mod report;
pub mod search;
pub mod tasks;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::{Cause, Context, Error, Kind, Result};

/// The schema, embedded so the binary can create and upgrade databases.
const SCHEMA: &str = include_str!("../../schema.sql");

/// Marks a SQLite file as a liaison database (`PRAGMA application_id`).
const APPLICATION_ID: i32 = 0x4c49_4149; // "LIAI"

/// How long a command waits for another writer before giving up (exit 3),
/// unless `LIAISON_BUSY_TIMEOUT` (milliseconds) says otherwise.
const BUSY_TIMEOUT_MS: u64 = 5_000;

fn busy_timeout() -> std::time::Duration {
    let ms = std::env::var("LIAISON_BUSY_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(BUSY_TIMEOUT_MS);
    // SQLite counts its wait in an int of milliseconds: a longer wait
    // (over 24 days) is taken as the longest it can count.
    std::time::Duration::from_millis(ms.min(i32::MAX as u64))
}

/// An open liaison database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// The passphrase the file is encrypted with, if it is.
    key: Option<crate::context::Secret>,
    /// Who the change history names for this connection's writes.
    actor: changes::Actor,
    /// What opening found and dealt with, for the user to read: leftovers
    /// removed, permissions tightened.
    notes: Vec<String>,
    /// liaison's own lock on the file; declared after `conn` so that it is
    /// released only after the connection is closed.
    lock: lock::FileLock,
}

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

    fn connect(path: &Path, key: Option<&str>, lock: lock::FileLock, new: bool) -> Result<Db> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| unreadable(path, &e))?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            key: key.map(|k| crate::context::Secret::new(k.to_string())),
            actor: changes::Actor::default(),
            notes: Vec::new(),
            lock,
        };
        db.configure(new)?;
        Ok(db)
    }

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
        let command = changes::begin(&tx, &self.actor)?;
        let value = f(&tx, command)?;
        changes::end(&tx, command)?;
        tx.commit().context("saving the changes")?;
        Ok(value)
    }

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
        self.actor = actor;
    }

    /// Whether the file is encrypted.
    pub fn encrypted(&self) -> bool {
        self.key.is_some()
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

    fn version(&self) -> Result<u32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("reading the schema version")
    }

    /// Applies the upgrade steps this database, held exclusively, lacks,
    /// in one transaction, after keeping a byte copy of the file as it was
    /// (`NAME.schema-N.bak`: encrypted when the database is). A failed
    /// upgrade leaves the database as it was and removes the copy.
    fn upgrade(self, current: u32) -> Result<Db> {
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

    /// Gives SQLite a larger page cache (in MiB) for a bulk write: random
    /// IDs spread index inserts over many pages, and spilling them to the
    /// write-ahead log mid-transaction costs more than the memory.
    pub fn set_cache_mib(&self, mib: i64) -> Result<()> {
        set_cache_size(&self.conn, mib)
    }

    /// SQLite's integrity and foreign-key checks; empty when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        checks(&self.conn)
    }

    /// Reads a value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .context("reading settings")
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

fn unreadable(path: &Path, e: &rusqlite::Error) -> Error {
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

/// The files [`free_path`] may have made for `path` and `suffix`.
fn copies_of(path: &Path, suffix: &str) -> Vec<PathBuf> {
    let base = format!("{}.{suffix}", path.display());
    let mut found = Vec::new();
    let mut candidate = PathBuf::from(&base);
    let mut n = 2;
    while candidate.exists() {
        found.push(candidate);
        candidate = PathBuf::from(format!("{base}.{n}"));
        n += 1;
    }
    found
}

/// `path` with `.suffix` added, numbered when that file exists.
pub fn free_path(path: &Path, suffix: &str) -> PathBuf {
    let base = format!("{}.{suffix}", path.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.{n}"));
        n += 1;
    }
    candidate
}

/// A short lower-case reason for an I/O failure.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "permission denied".into(),
        K::NotFound => "no such file or folder".into(),
        K::AlreadyExists => "it already exists".into(),
        K::NotADirectory => "a part of the path is not a folder".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::StorageFull => "the disk is full".into(),
        K::QuotaExceeded => "the disk quota is exceeded".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Quotes a path for a shell hint when it needs it.
pub fn shell_quote(path: &Path) -> String {
    let s = path.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A new random identifier: 32 lower-case hex digits.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Sizes the page cache (in MiB); SQLite's sorts take as much again.
pub fn set_cache_size(conn: &Connection, mib: i64) -> Result<()> {
    conn.pragma_update(None, "cache_size", -1024 * mib)
        .context("sizing the page cache")
}

/// Fresh IDs for `n` new rows, in ascending order: the i-th is random
/// within the i-th of `n` equal slices of the ID space. Rows inserted in
/// that order append to the indexes keyed by ID instead of touching a
/// random page each, which is what slows a million-row import; each ID
/// still carries over a hundred random bits. Past `n`, IDs are plain
/// random ones.
pub struct AscendingIds {
    n: u128,
    next: u128,
    width: u128,
}

impl AscendingIds {
    pub fn new(n: u64) -> AscendingIds {
        let n = u128::from(n.max(1));
        AscendingIds {
            n,
            next: 0,
            width: u128::MAX / n,
        }
    }

    pub fn next_id(&mut self) -> String {
        if self.next >= self.n {
            return new_id();
        }
        let offset = uuid::Uuid::new_v4().as_u128() % self.width;
        let id = self.next * self.width + offset;
        self.next += 1;
        format!("{id:032x}")
    }
}

/// The `rid` the row of `table` with this ID is stored as, if there is one.
/// Table names come from the program, never from input.
pub fn rid_of(conn: &Connection, table: &str, id: &str) -> Result<Option<i64>> {
    conn.prepare_cached(&format!("SELECT rid FROM {table} WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)).optional())
        .context("reading the database")
}

/// The ID of the row of `table` stored as `rid`, if there is one.
pub fn id_of(conn: &Connection, table: &str, rid: i64) -> Result<Option<String>> {
    conn.prepare_cached(&format!("SELECT id FROM {table} WHERE rid = ?1"))
        .and_then(|mut stmt| stmt.query_row([rid], |r| r.get(0)).optional())
        .context("reading the database")
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

/// Reads a column holding a JSON array of strings.
fn from_json_list(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// Writes a list of strings as a JSON array.
fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Reads a column holding one of a closed set of words.
fn parse_word<T: std::str::FromStr<Err = Error>>(r: &rusqlite::Row, i: usize) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    text.parse::<T>()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
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

    #[test]
    fn ids_are_random_hex() {
        let a = new_id();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, new_id());
    }
}
