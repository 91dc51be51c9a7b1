//! `liaison doc rm`.

use clap::Args;

use super::resolve;
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};

/// Delete a document.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// ID prefix or part of the title
    pub doc: String,
    /// Also delete its translations and the record of who received them
    #[arg(long)]
    pub cascade: bool,
}

pub(super) fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(ctx, db.conn(), &a.doc)?;
    let (translations, copies) = db::documents::dependants(db.conn(), &d.id)?;
    if (translations > 0 || copies > 0) && !a.cascade {
        return Err(Error::user(format!(
            "`{}` has {} and {} sent",
            d.title,
            crate::text::plural(translations, "translation", "translations"),
            crate::text::plural(copies, "recorded copy", "recorded copies")
        ))
        .hint("delete them with it: liaison doc rm DOC --cascade"));
    }
    let now = ctx.now_str();
    db.write(|tx| db::documents::delete(tx, &d.id, a.cascade, &now))?;
    if a.cascade && (translations > 0 || copies > 0) {
        ctx.out.line(&format!(
            "deleted `{}` with {} and {} of copies sent",
            d.title,
            crate::text::plural(translations, "translation", "translations"),
            crate::text::plural(copies, "record", "records")
        ))
    } else {
        ctx.out.line(&format!("deleted `{}`", d.title))
    }
}
