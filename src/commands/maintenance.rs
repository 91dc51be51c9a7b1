//! `liaison backup`, `check` and `restore`: keeping the data safe.

use std::path::PathBuf;

use clap::Args;

use super::confirm;
use crate::context::Ctx;
use crate::db::copy::Backup;
use crate::db::{self, Db};
use crate::error::{Error, Kind, Result};

/// Copy the database to FILE while others may be writing (one consistent
/// snapshot). The copy is owner-only, checked, and never overwrites a
/// file; a backup of an encrypted database is encrypted with the same
/// passphrase.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file (never overwritten)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check that the database is encrypted, so the backup is too
    #[arg(long, conflicts_with = "plain")]
    pub encrypt: bool,
    /// Write the backup of an encrypted database in plain form
    #[arg(long)]
    pub plain: bool,
}

pub fn backup(ctx: &mut Ctx, a: BackupArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    if a.encrypt && !db.encrypted() {
        return Err(
            Error::user("the database is not encrypted, so its backup cannot be")
                .hint("encrypt the database first: liaison encrypt"),
        );
    }
    let how = if a.plain { Backup::Plain } else { Backup::AsIs };
    db.backup_to(&a.file, how)?;
    if !db.encrypted() || a.plain {
        // `encrypt` names it later among the plain copies to deal with.
        db::copy::remember_plain_backup(&mut db, &a.file)?;
    }
    if db.encrypted() && a.plain {
        eprintln!(
            "warning: the backup {} is NOT encrypted: keep it as safe as the database",
            a.file.display()
        );
    }
    ctx.out.line(&format!(
        "backed up {} to {}{}",
        db.path().display(),
        a.file.display(),
        if db.encrypted() && !a.plain {
            " (encrypted with the same passphrase)"
        } else {
            ""
        }
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
    // Learn whether the database is encrypted (asking for its passphrase
    // on a terminal) before anything is touched.
    drop(ctx.open_db()?);
    let key = ctx
        .passphrase()
        .map(str::to_string)
        .map(crate::context::Secret::new);
    let key = key.as_ref().map(|k| k.as_str());
    let checked = db::copy::inspect(&a.file, key)
        .or_else(|first| db::copy::inspect(&a.file, None).map_err(|_| first))
        .map_err(|e| {
            Error::new(
                e.kind,
                format!("{} cannot be restored: {}", a.file.display(), e.message),
            )
            .hint("nothing was changed; choose another backup")
        })?;
    let source_key = if db::copy::is_plain_sqlite(&a.file) {
        None
    } else {
        key
    };
    confirm(
        ctx,
        &format!("replace {} with {}", ctx.db_path.display(), a.file.display()),
        "liaison restore FILE --yes",
    )?;
    let db = Db::open_exclusive(&ctx.db_path, key)?;
    let kept = db::free_path(db.path(), &format!("before-restore-{}", ctx.today()));
    let path = db.path().to_path_buf();
    db.restore_from(&a.file, source_key, &kept)?;
    ctx.out.line(&format!(
        "restored {} from {} (schema {})",
        path.display(),
        a.file.display(),
        checked.version
    ))?;
    ctx.out
        .line(&format!("the database as it was is kept at {}", kept.display()))
}
