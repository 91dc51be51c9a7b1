//! `liaison task rm`.

use clap::Args;

use super::{describe, resolve};
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::render::opt;

/// Delete a follow-up.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Task number (from the last list) or ID prefix
    #[arg(value_name = "N")]
    pub task: String,
}

pub(super) fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let t = resolve(ctx, db.conn(), &a.task)?;
    let now = ctx.now_str();
    db.write(|tx| db::tasks::soft_delete(tx, &t.id, &now))?;
    ctx.out
        .line(&format!("deleted task {}: {}", opt(&t.number), describe(&t)))
}
