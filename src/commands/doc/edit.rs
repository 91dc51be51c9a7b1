//! `liaison doc edit`.

use clap::Args;

use super::super::word;
use super::{DocFields, apply, resolve};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::document::TranslationStatus;
use crate::model::person::short_id;
use crate::model::{fields, require};

/// Change a document.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// ID prefix or part of the title
    pub doc: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// Translation status: planned, in progress, done, published
    #[arg(long, value_parser = word::<TranslationStatus>)]
    pub status: Option<TranslationStatus>,
    #[command(flatten)]
    pub fields: DocFields,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut d = resolve(ctx, db.conn(), &a.doc)?;
    if let Some(t) = &a.title {
        let t = fields::line("title", t)?;
        require("title", &t)?;
        d.title = t;
    }
    if let Some(s) = a.status {
        if d.translation_of.is_none() {
            return Err(Error::user("only a translation has a translation status")
                .hint("create one with: liaison doc translate DOC --lang L"));
        }
        d.translation_status = Some(s);
    }
    let objectives = apply(ctx, db.conn(), &mut d, &a.fields)?;
    d.updated_at = ctx.now_str();
    db.write(|tx| {
        db::documents::save(tx, &d)?;
        db::objectives::link(tx, db::objectives::LinkTable::Document, &d.id, &objectives)
    })?;
    ctx.out
        .line(&format!("updated `{}` [{}]", d.title, short_id(&d.id)))
}
