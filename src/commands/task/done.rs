//! `liaison task done`.

use clap::Args;

use super::{describe, resolve};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::task::{Task, TaskStatus};
use crate::render::opt;

/// Mark follow-ups done.
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// Task numbers (from the last list) or ID prefixes
    #[arg(required = true, value_name = "N")]
    pub tasks: Vec<String>,
}

pub(super) fn done(ctx: &mut Ctx, a: DoneArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut tasks = Vec::new();
    for r in &a.tasks {
        let t = resolve(ctx, db.conn(), r)?;
        if t.status != TaskStatus::Open {
            return Err(Error::user(format!(
                "task {r} is already {}: {}",
                t.status, t.title
            )));
        }
        if !tasks.iter().any(|x: &Task| x.id == t.id) {
            tasks.push(t);
        }
    }
    let (today, now) = (ctx.today(), ctx.now_str());
    for t in &mut tasks {
        t.status = TaskStatus::Done;
        t.done_on = Some(today);
        t.updated_at = now.clone();
    }
    db.write(|tx| tasks.iter().try_for_each(|t| db::tasks::update(tx, t)))?;
    for t in &tasks {
        ctx.out
            .line(&format!("done {}: {}", opt(&t.number), describe(t)))?;
    }
    Ok(())
}
