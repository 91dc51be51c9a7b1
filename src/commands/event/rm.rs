//! `liaison event rm`.

use super::resolve;
use super::show::ShowArgs;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::person::short_id;

pub(super) fn rm(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let e = resolve(ctx, db.conn(), &a.event)?;
    let now = ctx.now_str();
    db.write(|tx| db::events::soft_delete(tx, &e.id, &now))?;
    ctx.out
        .line(&format!("deleted event {} [{}]", e.name, short_id(&e.id)))
}
