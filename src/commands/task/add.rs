//! `liaison task add`.

use clap::Args;

use super::{TaskFields, apply, describe};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::Result;
use crate::model::task::Task;
use crate::model::{fields, require};
use crate::render::Format;

/// Add a follow-up.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What is to be done
    pub title: String,
    #[command(flatten)]
    pub fields: TaskFields,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let title = fields::line("title", &a.title)?;
    require("title", &title)?;
    let mut db = ctx.open_db()?;
    let now = ctx.now_str();
    let mut t = Task::new(new_id(), title, &now);
    apply(ctx, db.conn(), &mut t, &a.fields)?;
    let n = db.write(|tx| db::tasks::insert(tx, &t, None))?;
    t.number = Some(n);
    match ctx.format() {
        Format::Json => ctx.out.json(&t),
        _ => ctx.out.line(&format!("added task {n}: {}", describe(&t))),
    }
}
