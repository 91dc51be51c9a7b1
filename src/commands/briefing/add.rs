//! `liaison briefing add`.

use clap::Args;

use super::{BriefingFields, apply, save};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::briefing::Briefing;
use crate::model::person::short_id;
use crate::model::{fields, require};
use crate::render::Format;

/// Record a briefing of our members.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What it was about: a short title
    pub title: String,
    #[command(flatten)]
    pub fields: BriefingFields,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let title = fields::line("title", &a.title)?;
    require("title", &title)?;
    let now = ctx.now_str();
    let mut b = Briefing {
        id: new_id(),
        date: ctx.today(),
        title,
        summary: None,
        audience: None,
        link: None,
        objective: None,
        organisations: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
    };
    let mut db = ctx.open_db()?;
    let links = apply(ctx, db.conn(), &mut b, &a.fields)?;
    db.write(|tx| save(tx, &b, &links))?;
    let stored = db::briefings::get(db.conn(), &b.id)?.ok_or_else(|| Error::internal("briefing vanished"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&stored),
        _ => ctx.out.line(&format!(
            "added briefing {} [{}] on {}",
            stored.title,
            short_id(&stored.id),
            stored.date
        )),
    }
}
