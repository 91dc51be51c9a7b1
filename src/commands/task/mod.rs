//! `liaison task …`: follow-ups. Tasks are named by their number in the
//! last list shown (as in taskwarrior) or by an ID prefix.

mod add;
mod done;
mod edit;
mod list;
mod rm;

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::{resolve_org, word};
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::{Error, Result};
use crate::model::fields;
use crate::model::person::short_id;
use crate::model::task::{Priority, Task};

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a follow-up
    Add(add::AddArgs),
    /// List open follow-ups (numbers shown here name them in other commands)
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Mark follow-ups done
    Done(done::DoneArgs),
    /// Change a follow-up
    Edit(edit::EditArgs),
    /// Delete a follow-up
    Rm(rm::RmArgs),
}

pub use list::print;

pub fn run(ctx: &mut Ctx, cmd: TaskCommand) -> Result<()> {
    match cmd {
        TaskCommand::Add(a) => add::add(ctx, a),
        TaskCommand::List(a) => list::list(ctx, a),
        TaskCommand::Done(a) => done::done(ctx, a),
        TaskCommand::Edit(a) => edit::edit(ctx, a),
        TaskCommand::Rm(a) => rm::rm(ctx, a),
    }
}

/// Fields shared by `task add` and `task edit`; an empty value clears.
#[derive(Debug, Args, Default)]
pub struct TaskFields {
    /// The organisation it concerns
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Due date, e.g. friday, +3d, 2026-12-04
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// high, normal or low
    #[arg(long, value_parser = word::<Priority>)]
    pub priority: Option<Priority>,
    /// Who will do it
    #[arg(long = "assign", value_name = "WHO")]
    pub assignee: Option<String>,
    /// Notes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

fn apply(ctx: &Ctx, conn: &rusqlite::Connection, t: &mut Task, f: &TaskFields) -> Result<()> {
    if let Some(o) = &f.org {
        if o.trim().is_empty() {
            t.org_id = None;
            t.organisation = None;
        } else {
            let org = resolve_org(ctx, conn, o)?;
            t.org_id = Some(org.id);
            t.organisation = Some(org.handle);
        }
    }
    if let Some(d) = &f.due {
        t.due = if d.trim().is_empty() {
            None
        } else {
            Some(ctx.date(d, Tense::Future)?)
        };
    }
    if let Some(p) = f.priority {
        t.priority = p;
    }
    if let Some(a) = &f.assignee {
        t.assignee = fields::opt_line("assignee", Some(a))?;
    }
    if let Some(n) = &f.note {
        t.notes = fields::opt_text("notes", Some(n))?;
    }
    Ok(())
}

fn describe(t: &Task) -> String {
    let mut s = t.title.clone();
    if let Some(o) = &t.organisation {
        s.push_str(&format!(" [{o}]"));
    }
    if let Some(d) = t.due {
        s.push_str(&format!(" (due {d})"));
    }
    s
}

const TASK: Noun = Noun {
    one: "task",
    many: "tasks",
    list: "liaison task list",
    how: "give more digits of the ID",
};

/// Finds a task by list number or ID prefix.
fn resolve(ctx: &Ctx, conn: &rusqlite::Connection, r: &str) -> Result<Task> {
    let r = r.trim();
    if let Ok(n) = r.parse::<i64>()
        && r.len() <= 6
    {
        return db::tasks::by_number(conn, n)?.ok_or_else(|| {
            Error::user(format!("no task {n} in the current list"))
                .hint("see the numbers with: liaison task list")
        });
    }
    if r.len() >= 4 && r.chars().all(|c| c.is_ascii_hexdigit()) {
        let found: Vec<Candidate<Task>> = db::tasks::by_id_prefix(conn, &r.to_ascii_lowercase())?
            .into_iter()
            .map(|t| Candidate {
                label: format!("{} ({})", t.title, short_id(&t.id)),
                names: vec![t.title.clone()],
                id: t.id.clone(),
                row: t,
            })
            .collect();
        if !found.is_empty() {
            return resolve::settle(ctx, &TASK, r, found);
        }
    }
    Err(Error::user(format!("no task `{r}`")).hint("name tasks by their number in: liaison task list"))
}
