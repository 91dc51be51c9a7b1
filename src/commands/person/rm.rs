//! `liaison person rm`.

use clap::Args;

use crate::commands::{changes, confirm, resolve_person};
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::person::short_id;

/// Delete a person.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Name (any script) or ID prefix
    #[arg(value_name = "PERSON")]
    pub person: String,
    /// Remove them for good (asks first)
    #[arg(long)]
    pub purge: bool,
}

pub(super) fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let found = resolve_person(ctx, db.conn(), &a.person)?;
    if a.purge {
        confirm(
            ctx,
            &format!("remove {} for good", found.name),
            "liaison person rm --purge --yes",
        )?;
        db.write(|tx| {
            for (seq, line) in db::people::purge(tx, &found.id)? {
                db::changes::set_line(tx, seq, &changes::purged_line(&line))?;
            }
            Ok(())
        })?;
        changes::after_purge(&db)?;
        return ctx.out.line(&format!("removed {} for good", found.name));
    }
    let now = ctx.now_str();
    db.write(|tx| db::people::soft_delete(tx, &found.id, &now))?;
    ctx.out
        .line(&format!("deleted {} [{}]", found.name, short_id(&found.id)))
}
