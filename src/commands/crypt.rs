//! `liaison encrypt`, `decrypt` and `rekey`: the passphrase of the file.
//! Each writes a new file, checks it, then renames it over the old one
//! (whose bytes are overwritten first).

use std::path::{Path, PathBuf};

use clap::Args;

use crate::context::{Ctx, Secret};
use crate::db::{self, Db};
use crate::error::{Error, Result};

/// Where a new passphrase comes from: the global passphrase sources for
/// `encrypt`, `--new-passphrase-file` or LIAISON_NEW_PASSPHRASE for `rekey`,
/// else a prompt (twice) on a terminal.
fn new_passphrase(ctx: &Ctx, given: Option<Secret>) -> Result<Secret> {
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

fn first_line(path: &Path) -> Result<Secret> {
    if let Some(warning) = crate::files::readable_by_others(path, "the passphrase file") {
        eprintln!("warning: {warning}");
    }
    let text = Secret::new(
        std::fs::read_to_string(path)
            .map_err(|e| Error::user(format!("cannot read {}: {}", path.display(), db::io_reason(&e))))?,
    );
    let line = Secret::new(text.lines().next().unwrap_or_default().to_string());
    if line.is_empty() {
        return Err(Error::user(format!("{} is empty", path.display())));
    }
    Ok(line)
}

/// Encrypt an unencrypted database with a passphrase (SQLCipher).
#[derive(Debug, Args)]
pub struct EncryptArgs {}

pub fn encrypt(ctx: &mut Ctx, _a: EncryptArgs) -> Result<()> {
    // Learn what the file is before asking for a passphrase: nobody waits
    // on the lock while it is typed.
    let known = match Db::open(&ctx.db_path) {
        Ok(db) => db::copy::plain_backups(&db)?,
        Err(e) if e.is(crate::error::Cause::WrongPassphrase) => return already_encrypted(ctx),
        Err(e) => return Err(e),
    };
    let key = new_passphrase(ctx, ctx.passphrase.clone())?;
    let copies = plain_copies(&ctx.db_path, &known);
    let encrypt_copies = agree_to_encrypt(ctx, &copies)?;
    warn_of_hard_links(ctx, "unencrypted");
    Db::open_exclusive(&ctx.db_path, None)?.rewrite(&key)?;
    ctx.out.line(&format!("encrypted {}", ctx.db_path.display()))?;
    if encrypt_copies {
        encrypt_plain_copies(ctx, &copies, &key)?;
    }
    ctx.out
        .line("keep the passphrase safe: without it the data cannot be read")
}

/// `encrypt` on an encrypted database: nothing to do but the plain copies
/// an earlier version left beside it, when there are any.
fn already_encrypted(ctx: &mut Ctx) -> Result<()> {
    let path = ctx.db_path.clone();
    let refusal = || {
        Error::user(format!("{} is already encrypted", path.display()))
            .hint("change its passphrase with: liaison rekey")
    };
    // The copies beside the file need no passphrase to be seen; the plain
    // backups it remembers are read with the one given, when it opens.
    let beside = copies_beside(&ctx.db_path);
    let known = match ctx.open_db() {
        Ok(db) => db::copy::plain_backups(&db)?,
        Err(e) if !beside.is_empty() => return Err(e),
        Err(_) => return Err(refusal()),
    };
    let copies = plain_copies(&ctx.db_path, &known);
    if copies.is_empty() {
        return Err(refusal());
    }
    let key = ctx.passphrase.clone().unwrap_or_default();
    if !agree_to_encrypt(ctx, &copies)? {
        return Err(refusal());
    }
    encrypt_plain_copies(ctx, &copies, &key)
}

/// Remove the encryption of a database (asks first).
#[derive(Debug, Args)]
pub struct DecryptArgs {}

pub fn decrypt(ctx: &mut Ctx, _a: DecryptArgs) -> Result<()> {
    let db = open_exclusive(ctx)?;
    if !db.encrypted() {
        return Err(Error::user(format!("{} is not encrypted", ctx.db_path.display())));
    }
    drop(db);
    super::confirm(ctx, "store the database unencrypted", "liaison decrypt --yes")?;
    warn_of_hard_links(ctx, "encrypted");
    open_exclusive(ctx)?.rewrite("")?;
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
    let db = open_exclusive(ctx)?;
    if !db.encrypted() {
        return Err(Error::user(format!("{} is not encrypted", ctx.db_path.display()))
            .hint("encrypt it with: liaison encrypt"));
    }
    let given = match &a.new_passphrase_file {
        Some(path) => Some(first_line(path)?),
        None => std::env::var("LIAISON_NEW_PASSPHRASE")
            .ok()
            .filter(|p| !p.is_empty())
            .map(Secret::new),
    };
    drop(db);
    let key = new_passphrase(ctx, given)?;
    warn_of_hard_links(ctx, "under the old passphrase");
    open_exclusive(ctx)?.rewrite(&key)?;
    ctx.out
        .line(&format!("changed the passphrase of {}", ctx.db_path.display()))
}

/// Warns that other hard links to the database file (a snapshot made with
/// `cp -al`, say) keep the data as it is now: a rewrite replaces the file
/// at the path only.
fn warn_of_hard_links(ctx: &Ctx, now: &str) {
    use std::os::unix::fs::MetadataExt;
    if let Ok(m) = std::fs::metadata(&ctx.db_path)
        && m.nlink() > 1
    {
        eprintln!(
            "warning: {} has {} other hard links (a snapshot?); they keep the data {now} and are left as they are",
            ctx.db_path.display(),
            m.nlink() - 1
        );
    }
}

/// Opens the database for a rewrite: held exclusively, with the
/// passphrase given or asked for.
fn open_exclusive(ctx: &mut Ctx) -> Result<Db> {
    if ctx.passphrase.is_none() {
        // Asks on a terminal when the file turns out to be encrypted.
        drop(ctx.open_db()?);
    }
    Db::open_exclusive(&ctx.db_path, ctx.passphrase())
}

/// Plain copies of the database that liaison made: the copies kept
/// beside it before schema upgrades and restores, and the plain backups
/// it remembers (`known`) that are still there and still plain.
fn plain_copies(path: &Path, known: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = known
        .iter()
        .filter(|p| db::copy::is_plain_sqlite(p))
        .cloned()
        .collect();
    found.extend(copies_beside(path));
    found.sort();
    found.dedup();
    found
}

fn copies_beside(path: &Path) -> Vec<PathBuf> {
    // Beside the file itself, when the path is a symbolic link.
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with("schema-") || rest.starts_with("before-restore-"))
        })
        .map(|e| e.path())
        .filter(|p| db::copy::is_plain_sqlite(p))
        .collect();
    found.sort();
    found
}

/// Whether the plain copies beside the database are to be encrypted too:
/// `--yes`, or yes at the prompt. Otherwise names them.
fn agree_to_encrypt(ctx: &Ctx, copies: &[PathBuf]) -> Result<bool> {
    if copies.is_empty() {
        return Ok(false);
    }
    let names = copies
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let question = format!("encrypt the plain copies of the database beside it too ({names})");
    if ctx.yes || (ctx.interactive && crate::prompt::confirm(&question)?) {
        return Ok(true);
    }
    for p in copies {
        eprintln!(
            "warning: {} is a plain (unencrypted) copy of the database",
            p.display()
        );
    }
    eprintln!(
        "hint: encrypt them with: liaison --db {} encrypt --yes, or remove them once you no longer need them",
        db::shell_quote(&ctx.db_path)
    );
    Ok(false)
}

/// Encrypts each copy in place with `key`, holding the database
/// exclusively meanwhile.
fn encrypt_plain_copies(ctx: &mut Ctx, copies: &[PathBuf], key: &str) -> Result<()> {
    let _held = Db::open_exclusive(&ctx.db_path, Some(key))?;
    for p in copies {
        db::copy::encrypt_copy(p, key)?;
        ctx.out.line(&format!("encrypted the copy {}", p.display()))?;
    }
    Ok(())
}
