//! The one way liaison writes a file other than the database itself.
//!
//! An output is written under a temporary name in its target's folder,
//! synced, and renamed into place only when whole, so a crash or a full
//! disk never leaves half a file under the final name. It is created
//! owner-only, never written through a symbolic link, and refused when it
//! is (by any spelling, link or hard link) the database, one of its
//! companion files, or an input of the same command. Temporary files are
//! removed on every way out: an error, Ctrl-C, a panic. Only a SIGKILL or
//! a power cut can leave one, under a name starting with `.` and holding
//! `.partial-`, never under the final name; the next write of the same
//! file removes it.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Files a command must not write: the database with its `-wal`, `-shm`
/// and `-journal` files, and the command's inputs.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    files: Vec<(PathBuf, &'static str)>,
}

impl Protected {
    /// The database at `db` and its companion files.
    pub fn database(db: &Path) -> Protected {
        let mut p = Protected::default();
        p.files.push((db.to_path_buf(), "the database"));
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = db.as_os_str().to_os_string();
            name.push(suffix);
            p.files.push((PathBuf::from(name), "a file of the database"));
        }
        p
    }

    /// Adds an input of the command.
    pub fn input(mut self, path: &Path) -> Protected {
        self.files.push((path.to_path_buf(), "an input of this command"));
        self
    }

    /// Refuses `target` when it is one of the protected files by any
    /// spelling, symbolic link or hard link, or is itself a symbolic link
    /// or a folder.
    pub fn check(&self, target: &Path) -> Result<()> {
        let refuse = |why: &str| Error::user(format!("refusing to write {}: {why}", target.display()));
        let own = std::fs::symlink_metadata(target).ok();
        if let Some(m) = &own {
            if m.file_type().is_symlink() {
                return Err(
                    refuse("it is a symbolic link, and liaison never writes through one")
                        .hint("give the path of the file itself, or a new name"),
                );
            }
            if m.is_dir() {
                return Err(refuse("it is a folder").hint("give a file name inside it"));
            }
            if !m.is_file() {
                return Err(refuse("it is a device, pipe or socket, not a file")
                    .hint("give the path of a file; to see the output, leave out --out"));
            }
        }
        let resolved = resolve(target);
        for (path, what) in &self.files {
            let same_inode = match (&own, std::fs::metadata(path)) {
                (Some(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                _ => false,
            };
            let same_name = resolved.is_some() && resolved == resolve(path);
            if same_inode || same_name {
                return Err(refuse(&format!("it is {what}")).hint("choose another file name"));
            }
        }
        Ok(())
    }
}

/// The absolute path `path` names with every symbolic link resolved, also
/// when the file itself does not exist yet (its folder must).
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).ok().map(|d| d.join(name))
}

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (exports, reports).
    Replace,
    /// Refuse (backups, copies kept for safety).
    Keep,
}

/// A file being written: bytes go to a temporary file beside the target
/// until [`Output::commit`] renames it into place. Dropped uncommitted, it
/// leaves nothing behind.
pub struct Output {
    target: PathBuf,
    temp: PathBuf,
    file: Option<std::io::BufWriter<File>>,
    existing: Existing,
}

impl Output {
    /// Starts writing `target`, after checking it against `protected`.
    pub fn create(target: &Path, protected: &Protected, existing: Existing) -> Result<Output> {
        protected.check(target)?;
        if existing == Existing::Keep && std::fs::symlink_metadata(target).is_ok() {
            return Err(Error::user(format!("{} already exists", target.display()))
                .hint("choose a new file name; this copy never overwrites a file"));
        }
        remove_abandoned(target);
        let temp = temporary_name(target, "partial")?;
        let file = create_new_private(&temp).map_err(|e| cannot_write(target, &e))?;
        if let Err(e) = claim(&file) {
            discard(&temp);
            return Err(cannot_write(target, &e));
        }
        Ok(Output {
            target: target.to_path_buf(),
            temp,
            file: Some(std::io::BufWriter::with_capacity(256 * 1024, file)),
            existing,
        })
    }

    /// The temporary file holding the bytes until the commit: for writers
    /// that need a path of their own (SQLite).
    pub fn temporary_path(&self) -> &Path {
        &self.temp
    }

    /// Flushes and syncs the bytes, then puts the file in place. On
    /// failure nothing is left: neither the temporary file nor a half
    /// file under the target's name.
    pub fn commit(mut self) -> Result<()> {
        let target = self.target.clone();
        let buffered = self
            .file
            .take()
            .ok_or_else(|| Error::internal("output committed twice"))?;
        // The file stays open, and so claimed, until it is in place.
        let done = finish(buffered)
            .map_err(|e| cannot_write(&target, &e))
            .and_then(|file| {
                crate::fault::point("output:before-rename");
                let placed = put_in_place(&self.temp, &target, self.existing);
                drop(file);
                placed
            });
        match done {
            Ok(()) => forget(&self.temp),
            Err(_) => discard(&self.temp),
        }
        done
    }
}

/// Flushes and syncs a file being written.
fn finish(mut buffered: std::io::BufWriter<File>) -> std::io::Result<File> {
    buffered.flush()?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(file)
}

/// The byte of a temporary output its writer keeps locked while the file
/// is open: far past where SQLite locks (it writes backups through the
/// same temporary file) and past the database lock's bytes. A leftover
/// whose byte can be locked has no writer any more.
const WRITING: i64 = 0x7000_0000_0010;

/// Bytes an ordinary writer may still use on the file system holding
/// `dir`, when it can be read.
pub fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: a zeroed statvfs is a valid place for the answer.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a valid statvfs to fill.
    if unsafe { libc::statvfs(path.as_ptr(), &mut st) } != 0 {
        return None;
    }
    Some(st.f_bavail.saturating_mul(st.f_frsize))
}

/// Locks the writing byte of a temporary output for as long as `file`
/// is open (an open-file-description lock: closing another descriptor of
/// the same file does not release it).
fn claim(file: &File) -> std::io::Result<()> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: a zeroed flock is a valid argument; the fields used are set.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as _;
    lock.l_whence = libc::SEEK_SET as _;
    lock.l_start = WRITING;
    lock.l_len = 1;
    // SAFETY: fcntl on an open descriptor with a valid flock.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &lock) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Removes the temporary files of `target` that a killed writer left
/// beside it: those whose writing byte nobody holds. A writer still at
/// work keeps its file.
fn remove_abandoned(target: &Path) {
    let (Some(name), dir) = (target.file_name(), target.parent()) else {
        return;
    };
    let dir = match dir {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = format!(".{}.partial-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        let opened = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&path);
        let Ok(file) = opened else { continue };
        if file.metadata().is_ok_and(|m| m.is_file()) && claim(&file).is_ok() {
            let _ = std::fs::remove_file(&path);
            let mut journal = path.as_os_str().to_os_string();
            journal.push("-journal");
            let _ = std::fs::remove_file(journal);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let target = &self.target;
        match self.file.as_mut() {
            Some(f) => f.write(buf).map_err(|e| named(target, e)),
            None => Err(std::io::Error::other("output already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let target = &self.target;
        match self.file.as_mut() {
            Some(f) => f.flush().map_err(|e| named(target, e)),
            None => Ok(()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            discard(&self.temp);
        }
    }
}

/// Moves the finished temporary file `temp` to `target`, then syncs the
/// folder so that the rename itself survives a power cut.
pub fn put_in_place(temp: &Path, target: &Path, existing: Existing) -> Result<()> {
    match existing {
        Existing::Replace => std::fs::rename(temp, target).map_err(|e| cannot_write(target, &e))?,
        // A hard link never replaces a file: of two writers, one wins
        // and the other is told.
        Existing::Keep => {
            std::fs::hard_link(temp, target).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::user(format!("{} already exists", target.display()))
                        .hint("choose a new file name; this copy never overwrites a file")
                } else {
                    cannot_write(target, &e)
                }
            })?;
            let _ = std::fs::remove_file(temp);
        }
    }
    sync_folder(target);
    Ok(())
}

/// Syncs the folder holding `path`, so a rename in it is on the disk.
pub fn sync_folder(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A free name for a temporary file beside `target`: `.NAME.WHAT-RANDOM`,
/// registered for removal on every way out.
pub fn temporary_name(target: &Path, what: &str) -> Result<PathBuf> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::user(format!("{} is not a file name", target.display())))?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let random = &crate::db::new_id()[..12];
    let temp = dir.join(format!(".{}.{what}-{random}", name.to_string_lossy()));
    register(&temp);
    Ok(temp)
}

/// Creates `path`, which must not exist, readable by its owner only; a
/// symbolic link in its place is refused, never followed.
pub fn create_new_private(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .read(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// Creates a folder and its missing parents, owner-only (0700).
pub fn create_private_folder(dir: &Path) -> Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| {
            Error::user(format!(
                "cannot create {}: {}",
                dir.display(),
                crate::db::io_reason(&e)
            ))
        })
}

/// The error for a failed write of `target`, naming it.
pub fn cannot_write(target: &Path, e: &std::io::Error) -> Error {
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<WriteFailed>()) {
        return inner.to_error();
    }
    let mut err = Error::user(format!(
        "cannot write {}: {}",
        target.display(),
        crate::db::io_reason(e)
    ));
    if is_full(e) {
        err = err.hint("free some disk space and run the command again; the file was left as it was");
    }
    err
}

fn is_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// An I/O failure that knows which file it was writing, so that it reaches
/// the user as "cannot write FILE: …" through any writer that wraps it
/// (CSV, JSON).
#[derive(Debug)]
pub struct WriteFailed {
    target: PathBuf,
    source: std::io::Error,
}

impl WriteFailed {
    pub fn to_error(&self) -> Error {
        cannot_write(&self.target, &self.source)
    }
}

impl std::fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.target.display(), self.source)
    }
}

impl std::error::Error for WriteFailed {}

fn named(target: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(
        e.kind(),
        WriteFailed {
            target: target.to_path_buf(),
            source: e,
        },
    )
}

/// Temporary files to remove on every way out.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Marks `path` for removal if the process ends before [`forget`].
pub fn register(path: &Path) {
    if let Ok(mut list) = TEMPORARY.lock() {
        list.push(path.to_path_buf());
    }
}

/// The file at `path` is no longer temporary (it was renamed or removed).
pub fn forget(path: &Path) {
    if let Ok(mut list) = TEMPORARY.lock() {
        list.retain(|p| p != path);
    }
}

/// Removes a temporary file, with the journal SQLite may have made
/// beside it, and forgets it.
pub fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    let _ = std::fs::remove_file(journal);
    forget(path);
}

/// Removes every registered temporary file: on Ctrl-C, termination and
/// panics. Never waits for a lock a crashing thread may hold.
pub fn remove_temporary() {
    if let Ok(list) = TEMPORARY.try_lock() {
        for p in list.iter() {
            let _ = std::fs::remove_file(p);
            let mut journal = p.as_os_str().to_os_string();
            journal.push("-journal");
            let _ = std::fs::remove_file(journal);
        }
    }
}

/// Takes over SIGINT, SIGTERM and SIGHUP: a thread of its own waits for
/// them, removes the temporary files and ends the process (130 for
/// Ctrl-C, 128 + the signal otherwise). A database transaction in flight
/// is rolled back by SQLite on the next open, as after any crash. Must run
/// before any other thread starts, so that every thread blocks them.
pub fn install_signal_cleanup() {
    // SAFETY: plain calls into libc with a signal set on the stack; the
    // set is initialised by sigemptyset before use.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, sig);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        std::thread::spawn(move || {
            let mut sig: libc::c_int = 0;
            // SAFETY: `set` is a valid, initialised signal set.
            if libc::sigwait(&set, &mut sig) == 0 {
                remove_temporary();
                let _ = std::io::stderr().flush();
                libc::_exit(128 + sig);
            }
        });
    }
}

/// Ends the process as Ctrl-C does anywhere else (temporary files
/// removed, exit 130): for a pick list, which reads Ctrl-C as a key to
/// put the terminal right first.
pub fn interrupted() -> ! {
    remove_temporary();
    let _ = std::io::stderr().flush();
    // SAFETY: ends the process at once, as the signal thread does; no
    // exit handlers run that could wait on another thread.
    unsafe { libc::_exit(128 + libc::SIGINT) }
}

/// Makes the process impossible to dump or attach to (no core file, no
/// ptrace by other processes of the same user): its memory holds
/// passphrases and the data.
pub fn forbid_dumps() {
    // SAFETY: prctl and setrlimit with constant arguments.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &none);
    }
}

/// A warning when a file holding secrets can be read by others.
pub fn readable_by_others(path: &Path, what: &str) -> Option<String> {
    let m = std::fs::metadata(path).ok()?;
    (m.mode() & 0o077 != 0).then(|| {
        format!(
            "{what} {} can be read by other users (mode {:o}); make it owner-only: chmod 600 {}",
            path.display(),
            m.mode() & 0o777,
            crate::db::shell_quote(path)
        )
    })
}

/// Makes an existing file owner-only when others can read or write it;
/// returns the warning that says so (or that it could not).
pub fn tighten(path: &Path, what: &str) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let m = std::fs::metadata(path).ok()?;
    let mode = m.mode() & 0o777;
    if mode & 0o077 == 0 {
        return None;
    }
    let tight = mode & 0o700;
    if std::fs::set_permissions(path, std::fs::Permissions::from_mode(tight)).is_ok() {
        Some(format!(
            "{what} {} could be read by other users (mode {mode:o}); it is now owner-only ({tight:o})",
            path.display()
        ))
    } else {
        readable_by_others(path, what)
    }
}
