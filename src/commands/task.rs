//! `liaison task …`: follow-ups. Tasks are named by their number in the
//! last list shown (as in taskwarrior) or by an ID prefix.

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::{resolve_org, word};
use crate::commands::number;
use crate::context::Ctx;
use crate::csvio::records;
use crate::dates::Tense;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::person::short_id;
use crate::model::task::{Priority, Task, TaskStatus};
use crate::model::{fields, require};
use crate::render::{Format, opt};

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a follow-up
    Add(AddArgs),
    /// List open follow-ups (numbers shown here name them in other commands)
    #[command(alias = "ls")]
    List(ListArgs),
    /// Mark follow-ups done
    Done(DoneArgs),
    /// Change a follow-up
    Edit(EditArgs),
    /// Delete a follow-up
    Rm(RmArgs),
}

pub fn run(ctx: &mut Ctx, cmd: TaskCommand) -> Result<()> {
    match cmd {
        TaskCommand::Add(a) => add(ctx, a),
        TaskCommand::List(a) => list(ctx, a),
        TaskCommand::Done(a) => done(ctx, a),
        TaskCommand::Edit(a) => edit(ctx, a),
        TaskCommand::Rm(a) => rm(ctx, a),
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

/// Add a follow-up.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What is to be done
    pub title: String,
    #[command(flatten)]
    pub fields: TaskFields,
}

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
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

/// List follow-ups: open ones unless --all.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only open tasks past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only open tasks due within this time, e.g. 7d, 2w
    #[arg(long, value_name = "SPAN")]
    pub due_within: Option<String>,
    /// Only tasks of this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Done and cancelled tasks too
    #[arg(long)]
    pub all: bool,
    /// Only follow-ups of contacts serving this objective (its number or a
    /// word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
    /// At most this many (0: all)
    #[arg(long, default_value_t = 100, value_name = "N", value_parser = number::count, allow_negative_numbers = true)]
    pub limit: usize,
}

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let today = ctx.today();
    let mut filter = db::tasks::Filter {
        all: a.all,
        limit: (a.limit > 0).then_some(a.limit),
        objective_id: super::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
        ..Default::default()
    };
    if a.overdue {
        filter.due_before = Some(today);
    }
    if let Some(span) = &a.due_within {
        let span = if span.starts_with(['+', '-']) {
            span.clone()
        } else {
            format!("+{span}")
        };
        filter.due_until = Some(ctx.date(&span, Tense::Future)?);
    }
    if let Some(o) = &a.org {
        filter.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    // Showing the list fixes the numbers that name tasks until the next one.
    let (tasks, total) = db.write_unrecorded(|tx| {
        db::tasks::renumber(tx)?;
        db::tasks::page(tx, &filter)
    })?;
    print(ctx, &tasks, "no tasks match")?;
    super::more(ctx, tasks.len(), total, super::ALL)
}

/// Writes tasks in the chosen format.
pub fn print(ctx: &mut Ctx, tasks: &[Task], empty: &str) -> Result<()> {
    let today = ctx.today();
    match ctx.format() {
        Format::Json => ctx.out.json(tasks),
        Format::Csv => {
            let rows: Vec<Vec<String>> = tasks.iter().map(records::task).collect();
            ctx.out.csv(records::TASK_COLUMNS, &rows)
        }
        Format::Table => {
            if tasks.is_empty() {
                return ctx.out.line(empty);
            }
            let rows: Vec<Vec<String>> = tasks
                .iter()
                .map(|t| {
                    let due = match t.due {
                        Some(d) if t.overdue(today) => format!("{d} (overdue {}d)", (today - d).num_days()),
                        Some(d) => d.to_string(),
                        None => String::new(),
                    };
                    vec![
                        opt(&t.number),
                        due,
                        if t.priority == Priority::Normal {
                            String::new()
                        } else {
                            t.priority.to_string()
                        },
                        opt(&t.organisation),
                        t.title.clone(),
                        opt(&t.assignee),
                        if t.status == TaskStatus::Open {
                            String::new()
                        } else {
                            t.status.to_string()
                        },
                    ]
                })
                .collect();
            ctx.out.table(
                &["#", "due", "priority", "org", "task", "assignee", "status"],
                &rows,
            )
        }
    }
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

/// Mark follow-ups done.
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// Task numbers (from the last list) or ID prefixes
    #[arg(required = true, value_name = "N")]
    pub tasks: Vec<String>,
}

fn done(ctx: &mut Ctx, a: DoneArgs) -> Result<()> {
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

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
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

/// Delete a follow-up.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Task number (from the last list) or ID prefix
    #[arg(value_name = "N")]
    pub task: String,
}

fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let t = resolve(ctx, db.conn(), &a.task)?;
    let now = ctx.now_str();
    db.write(|tx| db::tasks::soft_delete(tx, &t.id, &now))?;
    ctx.out
        .line(&format!("deleted task {}: {}", opt(&t.number), describe(&t)))
}
