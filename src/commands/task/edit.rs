//! `liaison task edit`.

use clap::Args;

use super::{TaskFields, apply, describe, resolve};
use crate::commands::word;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::task::TaskStatus;
use crate::model::{fields, require};
use crate::render::{Format, opt};

/// Change a follow-up.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Task number (from the last list) or ID prefix
    #[arg(value_name = "N")]
    pub task: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// open, done or cancelled
    #[arg(long, value_parser = word::<TaskStatus>)]
    pub status: Option<TaskStatus>,
    #[command(flatten)]
    pub fields: TaskFields,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut t = resolve(ctx, db.conn(), &a.task)?;
    if let Some(title) = &a.title {
        let title = fields::line("title", title)?;
        require("title", &title)?;
        t.title = title;
    }
    if let Some(s) = a.status {
        t.done_on = if s == TaskStatus::Open {
            None
        } else {
            Some(ctx.today())
        };
        t.status = s;
    }
    apply(ctx, db.conn(), &mut t, &a.fields)?;
    t.updated_at = ctx.now_str();
    db.write(|tx| db::tasks::update(tx, &t))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&t),
        _ => ctx
            .out
            .line(&format!("updated task {}: {}", opt(&t.number), describe(&t))),
    }
}
