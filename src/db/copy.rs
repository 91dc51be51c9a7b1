//! Whole-file copies of the database: backups, the copy kept before a
//! schema upgrade, restores, and the rewrite that encrypts, decrypts or
//! changes the passphrase.
//!
//! Every copy is written through [`crate::files`] (a temporary name in the
//! target's folder, synced, renamed when whole, owner-only) and checked
//! before it is put in place. An encrypted database's copies are encrypted
//! (unless a plain backup is asked for). The commands that replace the
//! database hold it exclusively ([`super::lock`]), so no write made
//! meanwhile can be acknowledged and lost.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Db, latest_version};
use crate::error::{Context, Error, Kind, Result};
use crate::files::{self, Existing, Output, Protected};

/// What a file holds, as checked by [`inspect`].
#[derive(Debug)]
pub struct Inspected {
    /// Its schema version.
    pub version: u32,
}

/// Opens `path` read-only, without ever writing to it (not even a journal
/// or a lock file), and checks that it is a whole, undamaged liaison
/// database this binary can read: not empty, not cut short, not foreign,
/// not newer, passing SQLite's integrity and foreign-key checks.
pub fn inspect(path: &Path, key: Option<&str>) -> Result<Inspected> {
    let size = std::fs::metadata(path)
        .map_err(|e| {
            Error::user(format!(
                "cannot read {}: {}",
                path.display(),
                super::io_reason(&e)
            ))
        })?
        .len();
    if size == 0 {
        return Err(Error::user(format!("{} is empty", path.display())));
    }
    // Read as a file that cannot change, it would be read without the
    // changes still in its log or journal: such a file is a database in
    // use, not a backup.
    for suffix in ["-wal", "-journal"] {
        let mut companion = path.as_os_str().to_os_string();
        companion.push(suffix);
        let companion = PathBuf::from(companion);
        if std::fs::metadata(&companion).is_ok_and(|m| m.len() > 0) {
            return Err(Error::user(format!(
                "{} has changes not yet written into it ({} beside it): it is a database in use, not a backup",
                path.display(),
                companion.display()
            ))
            .hint(format!(
                "make a backup of it first: liaison --db {} backup NEW-FILE",
                super::shell_quote(path)
            )));
        }
    }
    let conn = open_immutable(path, key)?;
    let unreadable = |e: rusqlite::Error| super::unreadable(path, &e);
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(unreadable)?;
    if app_id != APPLICATION_ID {
        return Err(Error::new(
            Kind::Unreadable,
            format!("{} is not a liaison database", path.display()),
        ));
    }
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(unreadable)?;
    if version > latest_version() {
        return Err(Error::new(
            Kind::Unreadable,
            format!(
                "{} was written by a newer liaison (schema {version}; this one knows up to {})",
                path.display(),
                latest_version()
            ),
        ));
    }
    let pages: u64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(unreadable)?;
    // SQLCipher answers this one as text.
    let page_size: u64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map_err(unreadable)
        .map(|v| match v {
            rusqlite::types::Value::Integer(n) => n.max(0) as u64,
            rusqlite::types::Value::Text(t) => t.trim().parse().unwrap_or(0),
            _ => 0,
        })?;
    if pages * page_size > size {
        return Err(Error::user(format!(
            "{} is incomplete: {size} of {} bytes",
            path.display(),
            pages * page_size
        )));
    }
    let problems = super::checks(&conn)
        .map_err(|e| Error::user(format!("{} is damaged: {}", path.display(), e.message)))?;
    if let Some(first) = problems.first() {
        return Err(Error::user(format!("{} is damaged: {first}", path.display())));
    }
    Ok(Inspected { version })
}

/// A read-only connection that tells SQLite the file cannot change, so
/// that it creates no `-wal`, `-shm` or journal beside it and takes no lock.
fn open_immutable(path: &Path, key: Option<&str>) -> Result<Connection> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| super::unreadable(path, &e))?;
    if let Some(k) = key {
        conn.pragma_update(None, "key", k)
            .context("setting the passphrase")?;
    }
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA cipher_log = off;");
    Ok(conn)
}

/// `path` as the path part of a SQLite URI: absolute, percent-encoded.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes the database at `source` (its connection) into the new file at
/// `dest` with `sqlcipher_export`: encrypted with `key`, or plain when it
/// is empty. One read transaction: the copy is one consistent snapshot
/// even while other processes write.
fn export(source: &Connection, dest: &Path, key: &str) -> Result<()> {
    let version: u32 = source
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("reading the schema version")?;
    source
        .execute(
            "ATTACH DATABASE ?1 AS target KEY ?2",
            rusqlite::params![dest.to_string_lossy(), key],
        )
        .context("writing the copy")?;
    let exported = source
        .execute_batch("BEGIN")
        .and_then(|()| source.query_row("SELECT sqlcipher_export('target')", [], |_| Ok(())))
        .and_then(|()| {
            source.execute_batch(&format!(
                "PRAGMA target.user_version = {version}; PRAGMA target.application_id = {APPLICATION_ID}; COMMIT;"
            ))
        });
    if exported.is_err() {
        let _ = source.execute_batch("ROLLBACK");
    }
    let detached = source.execute_batch("DETACH DATABASE target");
    exported
        .and(detached)
        .map_err(|e| copy_failed(dest, size_of(source), e))
}

/// Copies with SQLite's online backup, page by page, into `dest`.
fn online_backup(source: &Connection, dest: &Path) -> Result<()> {
    let result = (|| -> rusqlite::Result<()> {
        let mut target = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(source, &mut target)?;
        let deadline = std::time::Instant::now() + super::busy_timeout();
        loop {
            if std::time::Instant::now() > deadline {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    None,
                ));
            }
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => return Ok(()),
                rusqlite::backup::StepResult::More => {}
                // Busy or locked by a writer: wait and take the step again.
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    })();
    result.map_err(|e| copy_failed(dest, size_of(source), e))
}

/// The bytes a whole copy of the database on `conn` takes.
fn size_of(conn: &Connection) -> u64 {
    conn.query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map_or(0, |n| u64::try_from(n).unwrap_or(0))
}

/// The error for a copy into `dest` of `needed` bytes that failed.
fn copy_failed(dest: &Path, needed: u64, e: rusqlite::Error) -> Error {
    // sqlcipher_export reports a full disk as a plain error (SQLITE_ERROR,
    // with SQLite's words for it): the disk itself is asked whether the
    // copy could fit, rather than the words read.
    let full = match &e {
        rusqlite::Error::SqliteFailure(f, _) => {
            f.code == rusqlite::ErrorCode::DiskFull
                || dest
                    .parent()
                    .and_then(crate::files::free_bytes)
                    .is_some_and(|free| free < needed)
        }
        _ => false,
    };
    if full {
        return Error::user(format!("cannot write {}: the disk is full", dest.display()))
            .hint("free some disk space and run the command again; the file was left as it was");
    }
    crate::error::from_sqlite(e, &format!("writing {}", dest.display()))
}

/// How an encrypted database's backup is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    /// As the database is: encrypted with its passphrase when it has one.
    AsIs,
    /// Plain, even when the database is encrypted.
    Plain,
}

impl Db {
    /// Writes a checked copy of the database to the new file `dest` (never
    /// overwritten) while others may be writing.
    pub fn backup_to(&self, dest: &Path, how: Backup) -> Result<()> {
        let mut out = Output::create(dest, &Protected::database(&self.path), Existing::Keep)?;
        let temp = out.temporary_path().to_path_buf();
        out.flush()?;
        crate::fault::point("backup:before-copy");
        let key = match (&self.key, how) {
            (Some(k), Backup::AsIs) => Some(k.as_str()),
            _ => None,
        };
        let copied = if self.key.is_some() {
            export(&self.conn, &temp, key.unwrap_or(""))
        } else {
            online_backup(&self.conn, &temp)
        };
        // Errors name the backup, not its temporary file.
        copied.map_err(|mut e| {
            e.message = e
                .message
                .replace(&temp.display().to_string(), &dest.display().to_string());
            e
        })?;
        crate::fault::point("backup:after-copy");
        inspect(&temp, key).map_err(|e| {
            Error::new(
                Kind::Unreadable,
                format!(
                    "the backup of {} does not check out: {}",
                    self.path.display(),
                    e.message
                ),
            )
            .hint("the database itself may be damaged: liaison check")
        })?;
        out.commit()
    }

    /// Closes the connection and hands back the lock, after folding the
    /// write-ahead log into the file (so that the file alone is the whole
    /// database). Only for a database held exclusively.
    pub(super) fn close_whole(self) -> Result<super::lock::FileLock> {
        let (busy, log, done): (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .context("writing the log into the database")?;
        if busy != 0 || log != done {
            return Err(Error::new(
                Kind::Locked,
                format!(
                    "{} is open in another program, so it cannot be copied whole",
                    self.path.display()
                ),
            )
            .hint("close the other program (sqlite3, a viewer), then run the command again"));
        }
        let Db { conn, lock, .. } = self;
        conn.close()
            .map_err(|(_, e)| crate::error::from_sqlite(e, "closing the database"))?;
        Ok(lock)
    }

    /// Replaces the database, held exclusively, with a copy of itself
    /// encrypted with `key` (plain when empty): written beside it, checked
    /// with the new key, renamed over it, and only then are the old bytes
    /// overwritten. The path may be a symbolic link: the file it points to
    /// is replaced and the link stays.
    pub fn rewrite(self, key: &str) -> Result<()> {
        let path = self.path.clone();
        let temp = files::temporary_name(&path, "rewriting")?;
        let written = files::create_new_private(&temp)
            .map_err(|e| files::cannot_write(&temp, &e))
            .and_then(|_| {
                crate::fault::point("rewrite:before-copy");
                // Errors name the database, not its temporary copy.
                export(&self.conn, &temp, key).map_err(|mut e| {
                    e.message = e
                        .message
                        .replace(&temp.display().to_string(), &path.display().to_string());
                    e
                })
            })
            .and_then(|()| {
                crate::fault::point("rewrite:after-copy");
                inspect(&temp, Some(key).filter(|k| !k.is_empty()))
                    .map_err(|e| Error::internal(format!("the new file does not check out: {}", e.message)))
            })
            .and_then(|_| same_rows(&self.conn, &temp, key))
            .and_then(|()| sync_file(&temp));
        if let Err(e) = written {
            files::discard(&temp);
            return Err(e);
        }
        let lock = match self.close_whole() {
            Ok(l) => l,
            Err(e) => {
                files::discard(&temp);
                return Err(e);
            }
        };
        if let Err(e) = replace(&path, &temp) {
            files::discard(&temp);
            return Err(e);
        }
        drop(lock);
        Ok(())
    }

    /// Replaces the database, held exclusively, with the checked backup at
    /// `source` (read with `source_key`), keeping this database's
    /// encryption. The database as it was stays at the returned path.
    pub fn restore_from(self, source: &Path, source_key: Option<&str>, kept: &Path) -> Result<PathBuf> {
        inspect(source, source_key)?;
        let key = crate::context::Secret::new(self.key.as_ref().map(|k| k.to_string()).unwrap_or_default());
        let path = self.path.clone();
        let lock = self.close_whole()?;
        // The old database stays whole under a new name: a hard link, so
        // nothing is copied and an encrypted file stays encrypted.
        crate::fault::point("restore:before-keep");
        keep_as(&path, kept)?;
        let temp = files::temporary_name(&path, "rewriting")?;
        let written = files::create_new_private(&temp)
            .map_err(|e| files::cannot_write(&temp, &e))
            .and_then(|_| open_immutable(source, source_key))
            .and_then(|conn| {
                crate::fault::point("restore:before-copy");
                export(&conn, &temp, &key)
            })
            .and_then(|()| {
                crate::fault::point("restore:after-copy");
                inspect(&temp, Some(key.as_str()).filter(|k| !k.is_empty())).map_err(|e| {
                    Error::internal(format!("the restored copy does not check out: {}", e.message))
                })
            })
            .and_then(|_| sync_file(&temp));
        if let Err(e) = written {
            files::discard(&temp);
            let _ = std::fs::remove_file(kept);
            return Err(e);
        }
        crate::fault::point("restore:before-rename");
        if let Err(e) = std::fs::rename(&temp, &path) {
            files::discard(&temp);
            let _ = std::fs::remove_file(kept);
            return Err(files::cannot_write(&path, &e));
        }
        files::forget(&temp);
        files::sync_folder(&path);
        drop(lock);
        Ok(kept.to_path_buf())
    }
}

/// Keeps the file at `path` also under the new name `kept`: a hard link
/// where the file system has them, else a checked byte copy.
fn keep_as(path: &Path, kept: &Path) -> Result<()> {
    match std::fs::hard_link(path, kept) {
        Ok(()) => {
            files::sync_folder(kept);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::user(format!("{} already exists", kept.display())))
        }
        Err(_) => copy_bytes(path, kept),
    }
}

/// Copies the file at `path`, which no one is writing, to the new file
/// `dest`, byte for byte: an encrypted database's copy stays encrypted.
pub fn copy_bytes(path: &Path, dest: &Path) -> Result<()> {
    let mut out = Output::create(dest, &Protected::database(path), Existing::Keep)?;
    let mut input = std::fs::File::open(path).map_err(|e| {
        Error::user(format!(
            "cannot read {}: {}",
            path.display(),
            super::io_reason(&e)
        ))
    })?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = input.read(&mut buf).map_err(|e| {
            Error::user(format!(
                "cannot read {}: {}",
                path.display(),
                super::io_reason(&e)
            ))
        })?;
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n])?;
    }
    out.commit()
}

/// Whether the files at `a` and `b` hold the same bytes.
pub fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    match (fa.metadata(), fb.metadata()) {
        (Ok(ma), Ok(mb)) if ma.len() == mb.len() => {}
        _ => return false,
    }
    let (mut ra, mut rb) = (std::io::BufReader::new(fa), std::io::BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = match ra.read(&mut ba) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return true;
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// Checks that every table of the copy at `copy` has as many rows as the
/// database's.
fn same_rows(conn: &Connection, copy: &Path, key: &str) -> Result<()> {
    let copy_conn = open_immutable(copy, Some(key).filter(|k| !k.is_empty()))?;
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .context("reading the schema")?;
        stmt.query_map([], |r| r.get(0))
            .context("reading the schema")?
            .collect::<rusqlite::Result<_>>()
            .context("reading the schema")?
    };
    for t in tables {
        let sql = format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\""));
        let a: i64 = conn.query_row(&sql, [], |r| r.get(0)).context("counting rows")?;
        let b: i64 = copy_conn
            .query_row(&sql, [], |r| r.get(0))
            .context("counting rows of the copy")?;
        if a != b {
            return Err(Error::internal(format!(
                "the new file has {b} rows in {t} instead of {a}; nothing was changed"
            )));
        }
    }
    Ok(())
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| files::cannot_write(path, &e))
}

/// Renames `temp` over `path`, then overwrites the old file's bytes with
/// zeros (where the file system keeps them in place, its content is then
/// gone). The old file is kept open across the rename for that; it is
/// never changed before the new one is in place.
fn replace(path: &Path, temp: &Path) -> Result<()> {
    let old = std::fs::OpenOptions::new().write(true).open(path).ok();
    crate::fault::point("rewrite:before-rename");
    std::fs::rename(temp, path).map_err(|e| files::cannot_write(path, &e))?;
    files::forget(temp);
    files::sync_folder(path);
    crate::fault::point("rewrite:after-rename");
    if let Some(f) = old {
        // Another hard link still names the old file (a snapshot made with
        // `cp -al`, say): its bytes are that file now, and stay.
        use std::os::unix::fs::MetadataExt;
        if f.metadata().is_ok_and(|m| m.nlink() == 0) {
            overwrite_with_zeros(f);
        }
    }
    Ok(())
}

/// Overwrites an open file's bytes with zeros and syncs them: for a file
/// already replaced by its new version, whose old content should not
/// linger on the disk.
fn overwrite_with_zeros(mut f: std::fs::File) {
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        if f.write_all(&zeros[..n]).is_err() {
            break;
        }
        left -= n as u64;
    }
    let _ = f.sync_all();
}

/// The settings key under which plain backups are remembered, so that
/// `encrypt` can name them later.
const PLAIN_BACKUPS: &str = "plain_backups";

/// Remembers a plain backup written to `path`. Not part of the change
/// history: an undo has nothing to take back from a backup.
pub fn remember_plain_backup(db: &mut Db, path: &Path) -> Result<()> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut known = plain_backups(db)?;
    if !known.contains(&absolute) {
        known.push(absolute);
    }
    let list: Vec<String> = known.iter().map(|p| p.display().to_string()).collect();
    let text = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
    db.write_unrecorded(|tx| super::set_meta(tx, PLAIN_BACKUPS, &text))
}

/// The plain backups liaison remembers writing.
pub fn plain_backups(db: &Db) -> Result<Vec<PathBuf>> {
    Ok(db
        .meta(PLAIN_BACKUPS)?
        .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
        .unwrap_or_default()
        .into_iter()
        .map(PathBuf::from)
        .collect())
}

/// Whether the file at `path` is a plain (unencrypted) SQLite file.
pub fn is_plain_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// Replaces the plain copy of a database at `path` with the same copy
/// encrypted with `key`, then overwrites the plain bytes.
pub fn encrypt_copy(path: &Path, key: &str) -> Result<()> {
    inspect(path, None)?;
    let out = Output::create(path, &Protected::default(), Existing::Replace)?;
    let source = open_immutable(path, None)?;
    export(&source, out.temporary_path(), key)?;
    drop(source);
    inspect(out.temporary_path(), Some(key))
        .map_err(|e| Error::internal(format!("the encrypted copy does not check out: {}", e.message)))?;
    let old = std::fs::OpenOptions::new().write(true).open(path).ok();
    out.commit()?;
    if let Some(f) = old {
        use std::os::unix::fs::MetadataExt;
        if f.metadata().is_ok_and(|m| m.nlink() == 0) {
            overwrite_with_zeros(f);
        }
    }
    Ok(())
}

/// Removes what an interrupted rewrite, restore or upgrade left beside
/// the database at `path`; only called while holding its lock, when none
/// of them can be running. Returns a note for each file removed.
pub fn remove_leftovers(path: &Path) -> Vec<String> {
    let mut notes = Vec::new();
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return notes;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return notes;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let ours = rest.starts_with("rewriting-")
            || (rest.contains(".partial-")
                && (rest.starts_with("schema-") || rest.starts_with("before-restore-")));
        if ours && std::fs::remove_file(entry.path()).is_ok() {
            notes.push(format!(
                "removed {}, left by an interrupted command; the database is as it was before that command",
                entry.path().display()
            ));
        }
    }
    notes
}
