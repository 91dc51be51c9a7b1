//! `liaison backup`, `check` and `restore`: keeping the data safe.

use std::path::PathBuf;

use clap::Args;

use super::confirm;
use crate::context::Ctx;
use crate::db::{self, Db};
use crate::error::{Error, Kind, Result};

/// Copy the database to FILE while others may be writing (SQLite's online
/// backup: one consistent snapshot). The copy is owner-only and, like the
/// database, holds everything in plain form.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file (never overwritten)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Keep the copy of an encrypted database encrypted (same passphrase)
    #[arg(long)]
    pub encrypt: bool,
}

pub fn backup(ctx: &mut Ctx, a: BackupArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let key = ctx.passphrase.clone().filter(|_| db.encrypted());
    match (&key, a.encrypt) {
        (None, true) => {
            return Err(
                Error::user("the database is not encrypted, so its backup cannot be")
                    .hint("encrypt the database first: liaison encrypt"),
            );
        }
        (None, false) => db.copy_to(&a.file)?,
        (Some(k), true) => db.export_to(&a.file, k)?,
        (Some(_), false) => {
            db.export_to(&a.file, "")?;
            eprintln!(
                "warning: the backup of this encrypted database is NOT encrypted; add --encrypt to keep it encrypted"
            );
        }
    }
    let copy = Db::open_with(&a.file, key.as_deref().filter(|_| a.encrypt))?;
    let problems = copy.check()?;
    if !problems.is_empty() {
        return Err(Error::internal(format!(
            "the backup at {} does not check out: {}",
            a.file.display(),
            problems[0]
        )));
    }
    ctx.out.line(&format!(
        "backed up {} to {}",
        db.path().display(),
        a.file.display()
    ))
}

/// Run SQLite's integrity and foreign-key checks and say what they found.
#[derive(Debug, Args)]
pub struct CheckArgs {}

pub fn check(ctx: &mut Ctx, _a: CheckArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let problems = db.check()?;
    if problems.is_empty() {
        return ctx.out.line(&format!(
            "{}: no problems found (integrity and links checked)",
            db.path().display()
        ));
    }
    let mut err = Error::new(
        Kind::Unreadable,
        format!(
            "{}: {} problems found; the file is damaged",
            db.path().display(),
            problems.len()
        ),
    );
    for p in problems.iter().take(10) {
        err = err.hint(format!("  {p}"));
    }
    Err(err.hint("restore the last good backup with: liaison restore FILE"))
}

/// Replace the database with a backup. The backup is checked first; the
/// current database is kept beside it as a dated copy.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub fn restore(ctx: &mut Ctx, a: RestoreArgs) -> Result<()> {
    let backup = Db::open_with(&a.file, ctx.passphrase.as_deref()).map_err(|e| {
        Error::new(
            e.kind,
            format!("{} cannot be restored: {}", a.file.display(), e.message),
        )
    })?;
    let problems = backup.check()?;
    if !problems.is_empty() {
        return Err(
            Error::user(format!("{} is damaged: {}", a.file.display(), problems[0]))
                .hint("nothing was changed; choose another backup"),
        );
    }
    drop(backup);
    confirm(
        ctx,
        &format!("replace {} with {}", ctx.db_path.display(), a.file.display()),
        "liaison restore FILE --yes",
    )?;
    let mut db = ctx.open_db()?;
    let kept = db::free_path(db.path(), &format!("before-restore-{}", ctx.today()));
    db.copy_to(&kept)?;
    db.restore_from(&a.file)?;
    ctx.out.line(&format!(
        "restored {} from {}",
        db.path().display(),
        a.file.display()
    ))?;
    ctx.out
        .line(&format!("the database as it was is kept at {}", kept.display()))
}
