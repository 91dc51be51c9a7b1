//! `liaison briefing rm`.

use super::resolve;
use super::show::ShowArgs;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::person::short_id;

pub(super) fn rm(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let b = resolve(ctx, db.conn(), &a.briefing)?;
    let now = ctx.now_str();
    db.write(|tx| db::briefings::soft_delete(tx, &b.id, &now))?;
    ctx.out
        .line(&format!("deleted briefing {} [{}]", b.title, short_id(&b.id)))
}
