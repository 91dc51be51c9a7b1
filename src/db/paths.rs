//! Helpers for the files around the database: numbered free names for
//! copies, short reasons for I/O failures, paths quoted for a hint.

use std::path::{Path, PathBuf};

/// The files [`free_path`] may have made for `path` and `suffix`.
pub(super) fn copies_of(path: &Path, suffix: &str) -> Vec<PathBuf> {
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
