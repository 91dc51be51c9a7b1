//! `liaison objective rm`.

use clap::Args;

use super::resolve;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;

/// Delete an objective.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Number or a word of the title
    pub objective: String,
}

pub(super) fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let o = resolve(ctx, db.conn(), &a.objective)?;
    let now = ctx.now_str();
    db.write(|tx| db::objectives::soft_delete(tx, &o.id, &now))?;
    ctx.out
        .line(&format!("deleted objective {}: {}", o.number, o.title))
}
