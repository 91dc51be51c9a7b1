use clap::Args;

use crate::commands::{changes, confirm, resolve_org};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};

/// Delete an organisation. It can be restored, unless --purge removes it
/// for good (its people stay, without an organisation).
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Handle, ID prefix or any name of the organisation
    #[arg(value_name = "ORG")]
    pub org: String,
    /// Remove it for good, with its names and tags (asks first)
    #[arg(long)]
    pub purge: bool,
}

pub fn run(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    // A deleted organisation can still be purged, by its handle.
    let found = match db::orgs::by_handle(db.conn(), &a.org.trim().to_ascii_lowercase())? {
        Some((o, true)) if a.purge => o,
        _ => resolve_org(ctx, db.conn(), &a.org)?,
    };
    if a.purge {
        confirm(
            ctx,
            &format!("remove {} ({}) for good", found.handle, found.name),
            "liaison org rm --purge --yes",
        )?;
        db.write(|tx| {
            for (seq, line) in db::orgs::purge(tx, &found.id)? {
                db::changes::set_line(tx, seq, &changes::purged_line(&line))?;
            }
            Ok(())
        })?;
        changes::after_purge(&db)?;
        return ctx
            .out
            .line(&format!("removed {} ({}) for good", found.handle, found.name));
    }
    let now = ctx.now_str();
    db.write(|tx| db::orgs::soft_delete(tx, &found.id, &now))?;
    ctx.out
        .line(&format!("deleted {} ({})", found.handle, found.name))?;
    ctx.out
        .line(&format!("restore it with: liaison org restore {}", found.handle))
}

/// Bring back a deleted organisation by its handle.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Handle of the deleted organisation
    #[arg(value_name = "HANDLE")]
    pub handle: String,
}

pub fn restore(ctx: &mut Ctx, a: RestoreArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let handle = a.handle.trim().to_ascii_lowercase();
    let found = match db::orgs::by_handle(db.conn(), &handle)? {
        Some((o, true)) => o,
        Some((o, false)) => return Err(Error::user(format!("organisation `{}` is not deleted", o.handle))),
        None => {
            let deleted = db::orgs::deleted(db.conn())?;
            let mut err = Error::user(format!("no deleted organisation has the handle `{handle}`"));
            if !deleted.is_empty() {
                let names: Vec<String> = deleted.iter().take(5).map(|o| o.handle.clone()).collect();
                err = err.hint(format!("deleted ones: {}", names.join(", ")));
            }
            return Err(err);
        }
    };
    let now = ctx.now_str();
    db.write(|tx| db::orgs::restore(tx, &found.id, &now))?;
    ctx.out
        .line(&format!("restored {} ({})", found.handle, found.name))
}
