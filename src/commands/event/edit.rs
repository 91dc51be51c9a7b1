//! `liaison event edit`.

use clap::Args;

use super::{EventFields, apply, resolve, write_links};
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::person::short_id;
use crate::model::{fields, require};

/// Change an event. --org and --with add to what is there.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// ID prefix or part of the name
    pub event: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: EventFields,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut e = resolve(ctx, db.conn(), &a.event)?;
    if let Some(n) = &a.name {
        let n = fields::line("name", n)?;
        require("name", &n)?;
        e.name = n;
    }
    let links = apply(ctx, db.conn(), &mut e, &a.fields)?;
    e.updated_at = ctx.now_str();
    db.write(|tx| {
        db::events::save(tx, &e)?;
        write_links(tx, &e.id, &links)
    })?;
    ctx.out
        .line(&format!("updated event {} [{}]", e.name, short_id(&e.id)))
}
