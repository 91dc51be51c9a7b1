//! `liaison person add`.

use clap::Args;

use super::{PersonFields, apply, describe};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::Result;
use crate::model::person::{Person, short_id};
use crate::model::{fields, require};
use crate::render::Format;

/// Add a person.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name, usually in Latin script
    pub name: String,
    #[command(flatten)]
    pub fields: PersonFields,
    /// They asked not to be contacted
    #[arg(long)]
    pub do_not_contact: bool,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    require("name", &name)?;
    let mut db = ctx.open_db()?;
    let now = ctx.now_str();
    let mut p = Person::new(new_id(), name, &now);
    p.do_not_contact = a.do_not_contact;
    apply(ctx, db.conn(), &mut p, &a.fields)?;
    db.write(|tx| db::people::insert(tx, &p))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&p),
        _ => ctx
            .out
            .line(&format!("added {} [{}]", describe(&p), short_id(&p.id))),
    }
}
