//! `liaison person edit`.

use clap::Args;

use super::{PersonFields, apply, describe};
use crate::commands::resolve_person;
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::person::short_id;
use crate::model::{fields, require};
use crate::render::Format;

/// Change a person. --messaging adds; --lang replaces; empty clears.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Name (any script) or ID prefix
    #[arg(value_name = "PERSON")]
    pub person: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: PersonFields,
    /// They asked not to be contacted
    #[arg(long, conflicts_with = "contact_ok")]
    pub do_not_contact: bool,
    /// They may be contacted again
    #[arg(long)]
    pub contact_ok: bool,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let found = resolve_person(ctx, db.conn(), &a.person)?;
    let mut p = db::people::get(db.conn(), &found.id)?
        .ok_or_else(|| Error::internal("person vanished while reading"))?;
    if let Some(n) = &a.name {
        let n = fields::line("name", n)?;
        require("name", &n)?;
        p.name = n;
    }
    apply(ctx, db.conn(), &mut p, &a.fields)?;
    if a.do_not_contact {
        p.do_not_contact = true;
    }
    if a.contact_ok {
        p.do_not_contact = false;
    }
    p.updated_at = ctx.now_str();
    db.write(|tx| db::people::update(tx, &p))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&p),
        _ => ctx
            .out
            .line(&format!("updated {} [{}]", describe(&p), short_id(&p.id))),
    }
}
