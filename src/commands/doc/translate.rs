//! `liaison doc translate`.

use clap::Args;

use super::super::word;
use super::resolve;
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::document::{Document, TranslationStatus};
use crate::model::fields;
use crate::model::person::short_id;

/// Create a translation of a document.
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// ID prefix or part of the title of the original
    pub doc: String,
    /// The translation's language
    #[arg(long = "lang", value_name = "CODE")]
    pub language: String,
    /// Its title [default: the original's]
    #[arg(long)]
    pub title: Option<String>,
    /// planned, in progress, done, published
    #[arg(long, value_parser = word::<TranslationStatus>, default_value = "planned")]
    pub status: TranslationStatus,
}

pub(super) fn translate(ctx: &mut Ctx, a: TranslateArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(ctx, db.conn(), &a.doc)?;
    let original = match &d.translation_of {
        Some(id) => db::documents::get(db.conn(), id)?.unwrap_or_else(|| d.clone()),
        None => d,
    };
    let language = fields::language(&a.language)?;
    if language == original.language {
        return Err(
            Error::user(format!("`{}` is already in {language}", original.title))
                .hint("a translation needs another language"),
        );
    }
    if let Some(t) = db::documents::translations(db.conn(), &original.id)?
        .into_iter()
        .find(|t| t.language == language)
    {
        return Err(Error::user(format!(
            "`{}` already has a {language} translation [{}]",
            original.title,
            short_id(&t.id)
        ))
        .hint(format!(
            "change its status with: liaison doc edit {} --status done",
            short_id(&t.id)
        )));
    }
    let title = match &a.title {
        Some(t) => fields::line("title", t)?,
        None => original.title.clone(),
    };
    let now = ctx.now_str();
    let t = Document {
        id: new_id(),
        title,
        language: language.clone(),
        translation_of: Some(original.id.clone()),
        translation_status: Some(a.status),
        created_at: now.clone(),
        updated_at: now,
        objectives: Vec::new(),
        link: None,
        notes: None,
        published_on: None,
        ..original.clone()
    };
    db.write(|tx| db::documents::save(tx, &t))?;
    ctx.out.line(&format!(
        "added {language} translation of `{}` ({}) [{}]",
        original.title,
        a.status,
        short_id(&t.id)
    ))
}
