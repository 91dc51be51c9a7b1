//! Error kinds, hints and exit codes.
//!
//! Every failure a user can see is an [`Error`]: a kind (which decides the
//! exit code), a one-line message and any number of hints naming the next
//! step. Nothing else reaches the terminal.

use std::fmt;

/// What went wrong, from the user's point of view; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not found, invalid value, rejected import: exit 1.
    User,
    /// The command line itself is wrong: exit 2.
    Usage,
    /// The database stayed locked or busy past the timeout: exit 3.
    Locked,
    /// The database cannot be read: wrong key, not ours, too new: exit 4.
    Unreadable,
    /// A bug or an unexpected failure of the system: exit 255.
    Internal,
}

impl Kind {
    /// The process exit code for this kind (see the README).
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::User => 1,
            Kind::Usage => 2,
            Kind::Locked => 3,
            Kind::Unreadable => 4,
            Kind::Internal => 255,
        }
    }
}

/// What happened, for the failures a caller acts on rather than only
/// reports. Set where the error is made, so that no caller has to read the
/// message to learn it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The passphrase given (or none) does not open the file, or the file
    /// is not a database at all: SQLCipher cannot tell the two apart.
    WrongPassphrase,
    /// A transaction undone on purpose: a dry run, or rows were refused.
    RolledBack,
    /// The reader of the output went away (`liaison org list | head`):
    /// not a failure to the user, exit 0.
    ClosedPipe,
    /// The schema is older than this binary; one process must upgrade it
    /// while the others wait.
    NeedsUpgrade,
}

/// A failure with a message for the user and hints for the next step.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hints: Vec<String>,
    /// Set for the failures some caller handles; see [`Cause`].
    pub cause: Option<Cause>,
    /// The lower-level error this one reports, kept for `source()`.
    pub source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The result type used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hints: Vec::new(),
            cause: None,
            source: None,
        }
    }

    /// Marks what happened, for the caller that handles it.
    pub fn because(mut self, cause: Cause) -> Self {
        self.cause = Some(cause);
        self
    }

    /// Keeps the lower-level error this one reports.
    pub fn caused_by(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// Whether this failure is the given cause.
    pub fn is(&self, cause: Cause) -> bool {
        self.cause == Some(cause)
    }

    /// A user or data error (exit 1).
    pub fn user(message: impl Into<String>) -> Self {
        Self::new(Kind::User, message)
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    /// An unexpected failure (exit 255).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(Kind::Internal, message)
    }

    /// Adds a hint line naming the next step.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if let Some(failed) = e
            .get_ref()
            .and_then(|i| i.downcast_ref::<crate::files::WriteFailed>())
        {
            return failed.to_error();
        }
        let closed = e.kind() == std::io::ErrorKind::BrokenPipe;
        let err = Error::internal(format!("i/o error: {e}")).caused_by(e);
        if closed {
            err.because(Cause::ClosedPipe)
        } else {
            err
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() {
            return std::io::Error::from(e).into();
        }
        Error::internal(format!("cannot write json: {e}"))
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) => io.into(),
            _ => Error::internal(format!("cannot write csv: {message}")),
        }
    }
}

/// Adds a label saying what was being done to a failing SQLite call, so an
/// internal error reads "inserting organisation: …" instead of a bare code.
pub trait Context<T> {
    fn context(self, what: &str) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn context(self, what: &str) -> Result<T> {
        self.map_err(|e| from_sqlite(e, what))
    }
}

/// Maps a SQLite failure to the kind a user should see.
pub fn from_sqlite(e: rusqlite::Error, what: &str) -> Error {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(code, _) = &e {
        match code.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return Error::new(
                    Kind::Locked,
                    format!("{what}: the database is busy (another liaison is writing to it)"),
                )
                .hint("wait for the other command to finish, then run this one again");
            }
            ErrorCode::NotADatabase => {
                return Error::new(Kind::Unreadable, format!("{what}: not a liaison database"));
            }
            ErrorCode::DatabaseCorrupt => {
                return Error::new(Kind::Unreadable, format!("{what}: the file is damaged"))
                    .hint("restore the last good backup with: liaison restore FILE");
            }
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                return Error::user(format!("{what}: the database file cannot be written"))
                    .hint("check the permissions of the file and its folder");
            }
            ErrorCode::DiskFull => {
                return Error::user(format!("{what}: the disk is full"));
            }
            _ => {}
        }
    }
    Error::internal(format!("{what}: {e}")).caused_by(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(Kind::User.exit_code(), 1);
        assert_eq!(Kind::Usage.exit_code(), 2);
        assert_eq!(Kind::Locked.exit_code(), 3);
        assert_eq!(Kind::Unreadable.exit_code(), 4);
        assert_eq!(Kind::Internal.exit_code(), 255);
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e: Error = std::io::Error::from(std::io::ErrorKind::BrokenPipe).into();
        assert!(e.is(Cause::ClosedPipe));
        assert!(std::error::Error::source(&e).is_some(), "the i/o error is kept");
    }
}
