//! `liaison encrypt`, `decrypt` and `rekey`: the passphrase of the file.
//! Each writes a new file, checks it, then renames it over the old one
//! (whose bytes are overwritten first).

use std::path::PathBuf;

use clap::Args;

use crate::context::Ctx;
use crate::db::{self, Db};
use crate::error::{Error, Result};

/// Where a new passphrase comes from: the global passphrase sources for
/// `encrypt`, `--new-passphrase-file` or LIAISON_NEW_PASSPHRASE for `rekey`,
/// else a prompt (twice) on a terminal.
fn new_passphrase(ctx: &Ctx, given: Option<String>) -> Result<String> {
    if let Some(p) = given {
        return Ok(p);
    }
    if ctx.interactive {
        return crate::prompt::passphrase("new passphrase", true);
    }
    Err(Error::user("no passphrase given").hint(
        "give it with --passphrase-file FILE (or LIAISON_PASSPHRASE, the least safe), or run on a terminal",
    ))
}

fn first_line(path: &PathBuf) -> Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::user(format!("cannot read {}: {}", path.display(), db::io_reason(&e))))?;
    Ok(text.lines().next().unwrap_or_default().to_string()).and_then(|l| {
        if l.is_empty() {
            Err(Error::user(format!("{} is empty", path.display())))
        } else {
            Ok(l)
        }
    })
}

/// Encrypt an unencrypted database with a passphrase (SQLCipher).
#[derive(Debug, Args)]
pub struct EncryptArgs {}

pub fn encrypt(ctx: &mut Ctx, _a: EncryptArgs) -> Result<()> {
    let key = new_passphrase(ctx, ctx.passphrase.clone())?;
    let db = Db::open(&ctx.db_path).map_err(|e| {
        if e.message.contains("wrong passphrase") {
            Error::user(format!("{} is already encrypted", ctx.db_path.display()))
                .hint("change its passphrase with: liaison rekey")
        } else {
            e
        }
    })?;
    rewrite(ctx, db, &key)?;
    ctx.out.line(&format!("encrypted {}", ctx.db_path.display()))?;
    ctx.out
        .line("keep the passphrase safe: without it the data cannot be read")
}

/// Remove the encryption of a database (asks first).
#[derive(Debug, Args)]
pub struct DecryptArgs {}

pub fn decrypt(ctx: &mut Ctx, _a: DecryptArgs) -> Result<()> {
    let db = ctx.open_db()?;
    if !db.encrypted() {
        return Err(Error::user(format!("{} is not encrypted", ctx.db_path.display())));
    }
    super::confirm(ctx, "store the database unencrypted", "liaison decrypt --yes")?;
    rewrite(ctx, db, "")?;
    ctx.out.line(&format!(
        "decrypted {}: it is now plain text",
        ctx.db_path.display()
    ))
}

/// Change the passphrase of an encrypted database.
#[derive(Debug, Args)]
pub struct RekeyArgs {
    /// Read the new passphrase from this file (first line) [env
    /// LIAISON_NEW_PASSPHRASE]
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

pub fn rekey(ctx: &mut Ctx, a: RekeyArgs) -> Result<()> {
    let db = ctx.open_db()?;
    if !db.encrypted() {
        return Err(Error::user(format!("{} is not encrypted", ctx.db_path.display()))
            .hint("encrypt it with: liaison encrypt"));
    }
    let given = match &a.new_passphrase_file {
        Some(path) => Some(first_line(path)?),
        None => std::env::var("LIAISON_NEW_PASSPHRASE")
            .ok()
            .filter(|p| !p.is_empty()),
    };
    let key = new_passphrase(ctx, given)?;
    rewrite(ctx, db, &key)?;
    ctx.out
        .line(&format!("changed the passphrase of {}", ctx.db_path.display()))
}

/// Writes the database to a new file with `key` (empty: plain), checks it,
/// and renames it over the old one.
fn rewrite(ctx: &Ctx, db: Db, key: &str) -> Result<()> {
    let tmp = db::free_path(&ctx.db_path, "rewriting");
    db.export_to(&tmp, key)?;
    drop(db);
    db::replace_file(&ctx.db_path, &tmp)
}
