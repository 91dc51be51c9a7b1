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

/// The lock is two bytes of the file, far beyond anything SQLite locks
/// (its locks sit at one gigabyte) or any database reaches. A command
/// takes the gate, then the use byte, and lets go of the gate at once; a
/// rewrite keeps the gate, so that newcomers queue behind it instead of
/// starving it, and waits for the use byte until the commands already in
/// have finished.
const GATE: i64 = 0x7000_0000_0000;
const USE: i64 = GATE + 1;

/// A held lock; released when dropped. The locks belong to this open
/// file (Linux "open file description" locks), so closing some other
/// descriptor of the file does not release them; it must still outlive
/// every SQLite connection of this process to the file, whose own POSIX
/// locks would be dropped by closing it.
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
        let kind = match mode {
            Mode::Shared => libc::F_RDLCK,
            Mode::Exclusive => libc::F_WRLCK,
        };
        loop {
            let file = open(path, mode)?;
            wait_for(&file, kind, GATE, deadline).map_err(|e| failed(path, mode, e))?;
            wait_for(&file, kind, USE, deadline).map_err(|e| failed(path, mode, e))?;
            if mode == Mode::Shared {
                set(&file, libc::F_UNLCK, GATE).map_err(|e| failed(path, mode, Some(e)))?;
            }
            if same_file(&file, path) {
                return Ok(FileLock { _file: file });
            }
            // The file was replaced while this process waited: start again
            // on the one now at the path.
        }
    }
}

/// Opens the file for locking: a write lock needs a descriptor open for
/// writing; a read-only file can still be locked shared.
fn open(path: &Path, mode: Mode) -> Result<File> {
    let rw = std::fs::OpenOptions::new().read(true).write(true).open(path);
    let file = match (rw, mode) {
        (Ok(f), _) => Ok(f),
        (Err(e), Mode::Shared) if e.kind() == std::io::ErrorKind::PermissionDenied => File::open(path),
        (Err(e), _) => Err(e),
    };
    file.map_err(|e| {
        Error::new(
            Kind::Unreadable,
            format!("cannot open {}: {}", path.display(), super::io_reason(&e)),
        )
    })
}

/// Sets or clears the lock on one byte without waiting.
fn set(file: &File, kind: i32, at: i64) -> std::io::Result<()> {
    // SAFETY: a zeroed `flock` is a valid value; fcntl gets a pointer to
    // it for the duration of the call, on a descriptor this module owns.
    let done = unsafe {
        let mut fl: libc::flock = std::mem::zeroed();
        fl.l_type = kind as libc::c_short;
        fl.l_whence = libc::SEEK_SET as libc::c_short;
        fl.l_start = at;
        fl.l_len = 1;
        libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &fl)
    };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Takes the lock on one byte, trying again until `deadline`; `None` when
/// the time ran out.
fn wait_for(file: &File, kind: i32, at: i64, deadline: Instant) -> Result<(), Option<std::io::Error>> {
    loop {
        match set(file, kind, at) {
            Ok(()) => return Ok(()),
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EAGAIN) | Some(libc::EACCES) | Some(libc::EINTR)
                ) => {}
            Err(e) => return Err(Some(e)),
        }
        if Instant::now() >= deadline {
            return Err(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Whether the open `file` is still the one at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn failed(path: &Path, mode: Mode, e: Option<std::io::Error>) -> Error {
    if let Some(e) = e {
        return Error::new(
            Kind::Unreadable,
            format!("cannot lock {}: {}", path.display(), super::io_reason(&e)),
        );
    }
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
