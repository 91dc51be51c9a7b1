//! `liaison doc publish`: on our own website.

use clap::Args;

use super::resolve;
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::{Error, Result};
use crate::model::document::{Document, TranslationStatus};
use crate::model::fields;
use crate::model::person::short_id;

/// Record that a document was published on our own website.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  liaison doc publish 'Statement on the strike' --lang en --date 2026-09-20 --link https://example.org/en/strike"
)]
pub struct PublishArgs {
    /// ID prefix or part of the title (the original or a translation)
    pub doc: String,
    /// The language it was published in [default: the document's own]
    #[arg(long = "lang", value_name = "CODE")]
    pub language: Option<String>,
    /// When [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Where it is published
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
}

pub(super) fn publish(ctx: &mut Ctx, a: PublishArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(ctx, db.conn(), &a.doc)?;
    let copy = match &a.language {
        None => d,
        Some(l) => {
            let language = fields::language(l)?;
            let original = match &d.translation_of {
                Some(id) => db::documents::get(db.conn(), id)?.unwrap_or_else(|| d.clone()),
                None => d.clone(),
            };
            if original.language == language {
                original
            } else {
                db::documents::translations(db.conn(), &original.id)?
                    .into_iter()
                    .find(|t| t.language == language)
                    .ok_or_else(|| {
                        Error::user(format!("`{}` has no {language} translation", original.title)).hint(
                            format!(
                                "add it first: liaison doc translate {} --lang {language} --status done",
                                short_id(&original.id)
                            ),
                        )
                    })?
            }
        }
    };
    let date = match &a.date {
        Some(s) => ctx.date(s, Tense::Past)?,
        None => ctx.today(),
    };
    let link = fields::opt_line("link", a.link.as_deref())?;
    record_publication(ctx, &mut db, copy, date, link)
}

/// Marks `copy` published on `date` (a translation's status becomes
/// published) and says so.
pub(super) fn record_publication(
    ctx: &mut Ctx,
    db: &mut db::Db,
    mut copy: Document,
    date: chrono::NaiveDate,
    link: Option<String>,
) -> Result<()> {
    copy.published_on = Some(date);
    if link.is_some() {
        copy.link = link;
    }
    if copy.translation_of.is_some() {
        copy.translation_status = Some(TranslationStatus::Published);
    }
    copy.updated_at = ctx.now_str();
    db.write(|tx| db::documents::save(tx, &copy))?;
    let at = copy
        .link
        .as_deref()
        .map(|l| format!(" at {l}"))
        .unwrap_or_default();
    ctx.out.line(&format!(
        "published `{}` in {} on our website on {date}{at}",
        copy.title, copy.language
    ))
}
