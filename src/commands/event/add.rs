//! `liaison event add`.

use clap::Args;

use super::{EventFields, apply, write_links};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::event::{Event, EventKind, OurRole};
use crate::model::person::short_id;
use crate::model::{fields, require};
use crate::render::Format;

/// Record an event.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Its name
    pub name: String,
    #[command(flatten)]
    pub fields: EventFields,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    require("name", &name)?;
    if a.fields.starts.is_none() {
        return Err(Error::usage("--starts is required to add an event").hint("e.g. --starts 2026-12-05"));
    }
    let now = ctx.now_str();
    let mut e = Event {
        id: new_id(),
        name,
        kind: EventKind::Other,
        starts: ctx.today(),
        ends: None,
        city: None,
        country: None,
        our_role: OurRole::Participant,
        organisations: Vec::new(),
        people: Vec::new(),
        objectives: Vec::new(),
        outcome: None,
        support_won: None,
        created_at: now.clone(),
        updated_at: now,
    };
    let mut db = ctx.open_db()?;
    let links = apply(ctx, db.conn(), &mut e, &a.fields)?;
    db.write(|tx| {
        db::events::save(tx, &e)?;
        write_links(tx, &e.id, &links)
    })?;
    let stored = db::events::get(db.conn(), &e.id)?.ok_or_else(|| Error::internal("event vanished"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&stored),
        _ => ctx.out.line(&format!(
            "added event {} [{}] on {}",
            stored.name,
            short_id(&stored.id),
            stored.starts
        )),
    }
}
