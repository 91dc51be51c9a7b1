//! `liaison objective edit`.

use clap::Args;

use super::resolve;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::{fields, require};

/// Change an objective.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Number or a word of the title
    pub objective: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// New Persian title (empty clears)
    #[arg(long, value_name = "TITLE")]
    pub title_fa: Option<String>,
    /// New description (empty clears)
    #[arg(long)]
    pub description: Option<String>,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut o = resolve(ctx, db.conn(), &a.objective)?;
    if let Some(t) = &a.title {
        let t = fields::line("title", t)?;
        require("title", &t)?;
        o.title = t;
    }
    if let Some(t) = &a.title_fa {
        o.title_fa = fields::opt_line("Persian title", Some(t))?;
    }
    if let Some(d) = &a.description {
        o.description = fields::opt_text("description", Some(d))?;
    }
    let now = ctx.now_str();
    db.write(|tx| db::objectives::update(tx, &o, &now))?;
    ctx.out
        .line(&format!("updated objective {}: {}", o.number, o.title))
}
