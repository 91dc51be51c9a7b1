//! `liaison doc add`.

use clap::Args;

use super::{DocFields, apply};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::document::{DocDirection, DocKind, Document};
use crate::model::person::short_id;
use crate::model::{fields, require};
use crate::render::Format;

/// Record a document.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Its title
    pub title: String,
    #[command(flatten)]
    pub fields: DocFields,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let title = fields::line("title", &a.title)?;
    require("title", &title)?;
    if a.fields.language.is_none() {
        return Err(Error::usage("--lang is required to add a document").hint("e.g. --lang fa"));
    }
    let now = ctx.now_str();
    let mut d = Document {
        id: new_id(),
        title,
        kind: DocKind::Statement,
        date: ctx.today(),
        language: String::new(),
        direction: DocDirection::Ours,
        author: None,
        translation_of: None,
        translation_status: None,
        link: None,
        notes: None,
        objectives: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
        author_org_id: None,
        published_on: None,
    };
    let mut db = ctx.open_db()?;
    let objectives = apply(ctx, db.conn(), &mut d, &a.fields)?;
    db.write(|tx| {
        db::documents::save(tx, &d)?;
        db::objectives::link(tx, db::objectives::LinkTable::Document, &d.id, &objectives)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&db::documents::get(db.conn(), &d.id)?),
        _ => {
            let whose = if d.direction == DocDirection::Ours {
                "our"
            } else {
                "received"
            };
            ctx.out.line(&format!(
                "added {whose} {} `{}` [{}]",
                d.kind,
                d.title,
                short_id(&d.id)
            ))
        }
    }
}
