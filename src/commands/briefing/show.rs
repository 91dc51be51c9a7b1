//! `liaison briefing show`.

use clap::Args;

use super::list::print;
use super::resolve;
use crate::context::Ctx;
use crate::error::Result;
use crate::model::person::short_id;
use crate::render::{Format, opt};

/// Show one briefing.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// ID prefix or part of the title
    pub briefing: String,
}

pub(super) fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let b = resolve(ctx, db.conn(), &a.briefing)?;
    if ctx.format() != Format::Table {
        return print(ctx, &[b], "");
    }
    ctx.out.heading(&b.title)?;
    ctx.out.fields(&[
        ("id", short_id(&b.id).to_string()),
        ("date", b.date.to_string()),
        ("audience", opt(&b.audience)),
        (
            "on",
            b.organisations
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            "objective",
            b.objective.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("summary", opt(&b.summary)),
        ("link", opt(&b.link)),
    ])
}
