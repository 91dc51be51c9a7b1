//! liaison's own lock on the database file, beside SQLite's.
//!
//! SQLite's locks guard the pages of one file. The commands that replace
//! the file with a new one (encrypt, decrypt, rekey, restore) and the
//! schema upgrade need more: that no command still writes into the old
//! file once the new one is in place, where its work would be acknowledged
//! and lost. So every command holds this lock, shared, for as long as it
//! has the file open, and those commands hold it exclusively from their
//! first read to their final rename. A command that was waiting finds the
//! file replaced when it gets the lock, and opens the new one.

use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::os::unix::io::AsRawFd;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Kind, Result};

/// Shared (every command) or exclusive (a command replacing the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Shared,
    Exclusive,
}

/// A held lock; released when dropped. It must outlive every SQLite
/// connection of this process to the file: closing it earlier would drop
/// SQLite's own locks on the file too (POSIX locks are per process).
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

impl FileLock {
    /// Takes the lock on the file at `path`, waiting up to `timeout`
    /// (exit 3 after that). When the file was replaced while waiting, the
    /// lock is taken on the file now at `path`.
    pub fn acquire(path: &Path, mode: Mode, timeout: Duration) -> Result<FileLock> {
        let deadline = Instant::now() + timeout;
        let operation = match mode {
            Mode::Shared => libc::LOCK_SH,
            Mode::Exclusive => libc::LOCK_EX,
        } | libc::LOCK_NB;
        loop {
            let file = File::open(path).map_err(|e| {
                Error::new(
                    Kind::Unreadable,
                    format!("cannot open {}: {}", path.display(), super::io_reason(&e)),
                )
            })?;
            loop {
                // SAFETY: flock on a descriptor this function owns.
                let done = unsafe { libc::flock(file.as_raw_fd(), operation) } == 0;
                if done {
                    break;
                }
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::WouldBlock && e.raw_os_error() != Some(libc::EINTR) {
                    return Err(Error::new(
                        Kind::Unreadable,
                        format!("cannot lock {}: {}", path.display(), super::io_reason(&e)),
                    ));
                }
                if Instant::now() >= deadline {
                    return Err(busy(path, mode));
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            if same_file(&file, path) {
                return Ok(FileLock { _file: file });
            }
            // The file was replaced while this process waited: start again
            // on the one now at the path.
        }
    }
}

/// Whether the open `file` is still the one at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn busy(path: &Path, mode: Mode) -> Error {
    let what = match mode {
        Mode::Shared => {
            "another liaison is rewriting it (encrypt, decrypt, rekey, restore or a schema upgrade)"
        }
        Mode::Exclusive => "other liaison commands are using it",
    };
    Error::new(
        Kind::Locked,
        format!("{} is busy: {what}", path.display()),
    )
    .hint("wait for the other command to finish, then run this one again (LIAISON_BUSY_TIMEOUT sets how long to wait, in milliseconds)")
}
