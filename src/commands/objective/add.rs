//! `liaison objective add`.

use clap::Args;

use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::Result;
use crate::model::{fields, require};

/// Add an objective.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// A short title
    pub title: String,
    /// The title in Persian, for the Persian report
    #[arg(long, value_name = "TITLE")]
    pub title_fa: Option<String>,
    /// What it means
    #[arg(long)]
    pub description: Option<String>,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let title = fields::line("title", &a.title)?;
    require("title", &title)?;
    let title_fa = fields::opt_line("Persian title", a.title_fa.as_deref())?;
    let description = fields::opt_text("description", a.description.as_deref())?;
    let now = ctx.now_str();
    let mut db = ctx.open_db()?;
    let new = db::objectives::NewObjective {
        title: &title,
        title_fa: title_fa.as_deref(),
        description: description.as_deref(),
    };
    let n = db.write(|tx| db::objectives::insert(tx, &new_id(), &new, &now))?;
    ctx.out.line(&format!("added objective {n}: {title}"))
}
