//! `liaison task list`.

use clap::Args;

use crate::commands::{number, resolve_org};
use crate::context::Ctx;
use crate::csvio::records;
use crate::dates::Tense;
use crate::db;
use crate::error::Result;
use crate::model::task::{Priority, Task, TaskStatus};
use crate::render::{Format, opt};

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

pub(super) fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let today = ctx.today();
    let mut filter = db::tasks::Filter {
        all: a.all,
        limit: (a.limit > 0).then_some(a.limit),
        objective_id: crate::commands::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
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
    crate::commands::more(ctx, tasks.len(), total, crate::commands::ALL)
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
