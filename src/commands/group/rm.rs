//! `liaison group rm`.

use super::resolve;
use super::show::ShowArgs;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;

pub(super) fn rm(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let group = db.write(|tx| {
        let g = resolve(ctx, tx, &a.group)?;
        db::groups::delete(tx, &g.id)?;
        Ok(g)
    })?;
    ctx.out.line(&format!(
        "deleted group {} ({}); organisations that were in it: {}. Undo with: liaison undo",
        group.handle, group.name, group.organisations
    ))
}
