//! `liaison objective …`: the mandates log entries, events and documents
//! serve.

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::objective::Objective;
use crate::model::{fields, require};
use crate::render::Format;

#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    /// Add an objective
    Add(AddArgs),
    /// List objectives, with activity per objective for a period
    #[command(alias = "ls")]
    List(ListArgs),
    /// Change an objective
    Edit(EditArgs),
    /// Delete an objective (records keep their links)
    Rm(RmArgs),
}

pub fn run(ctx: &mut Ctx, cmd: ObjectiveCommand) -> Result<()> {
    match cmd {
        ObjectiveCommand::Add(a) => add(ctx, a),
        ObjectiveCommand::List(a) => list(ctx, a),
        ObjectiveCommand::Edit(a) => edit(ctx, a),
        ObjectiveCommand::Rm(a) => rm(ctx, a),
    }
}

const OBJECTIVE: Noun = Noun {
    one: "objective",
    many: "objectives",
    list: "liaison objective list",
    how: "name objectives by number",
};

/// Finds an objective by its number, its title (English or Persian), a
/// word of it, or an ID prefix.
pub fn resolve(ctx: &Ctx, conn: &rusqlite::Connection, query: &str) -> Result<Objective> {
    let q = query.trim();
    if let Ok(n) = q.parse::<i64>() {
        return db::objectives::by_number(conn, n)?.ok_or_else(|| {
            Error::user(format!("no objective {n}")).hint(format!("list them with: {}", OBJECTIVE.list))
        });
    }
    let rows = db::objectives::list(conn)?
        .into_iter()
        .map(|o| Candidate {
            label: format!("{} {}", o.number, o.title),
            names: std::iter::once(o.title.clone())
                .chain(o.title_fa.clone())
                .collect(),
            id: o.id.clone(),
            row: o,
        })
        .collect();
    resolve::among(ctx, &OBJECTIVE, q, rows)
}

/// The ID of the objective a list is filtered by, if one is asked for.
pub fn filter_id(ctx: &Ctx, conn: &rusqlite::Connection, query: Option<&str>) -> Result<Option<String>> {
    query.map(|q| resolve(ctx, conn, q).map(|o| o.id)).transpose()
}

/// Resolves several objectives (repeated flags or comma separated).
pub fn resolve_all(ctx: &Ctx, conn: &rusqlite::Connection, queries: &[String]) -> Result<Vec<Objective>> {
    let mut out: Vec<Objective> = Vec::new();
    for q in fields::split_list(queries) {
        let o = resolve(ctx, conn, &q)?;
        if !out.iter().any(|x| x.id == o.id) {
            out.push(o);
        }
    }
    Ok(out)
}

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

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
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

/// List objectives with their activity in a period.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Start of the period [default: a year ago]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// End of the period [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
}

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let today = ctx.today();
    let since = ctx.date(a.since.as_deref().unwrap_or("-1y"), Tense::Past)?;
    let until = a
        .until
        .as_deref()
        .map(|d| ctx.date(d, Tense::Past))
        .transpose()?
        .unwrap_or(today);
    let rows = db::objectives::activity(db.conn(), since, until)?;
    match ctx.format() {
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|a| serde_json::json!({"number": a.number, "title": a.title, "title_fa": a.title_fa, "log_entries": a.log_entries, "events": a.events, "documents": a.documents}))
                .collect();
            ctx.out.json(&items)
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|a| {
                    vec![
                        a.number.to_string(),
                        a.title.clone(),
                        a.log_entries.to_string(),
                        a.events.to_string(),
                        a.documents.to_string(),
                        a.title_fa.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            ctx.out.csv(
                &[
                    "number",
                    "title",
                    "log_entries",
                    "events",
                    "documents",
                    "title_fa",
                ],
                &rows,
            )
        }
        Format::Table => {
            if rows.is_empty() {
                return ctx
                    .out
                    .line("no objectives yet; add one with: liaison objective add TITLE");
            }
            ctx.out.line(&format!("activity from {since} to {until}"))?;
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|a| {
                    let title = match &a.title_fa {
                        Some(fa) => format!("{} · {fa}", a.title),
                        None => a.title.clone(),
                    };
                    vec![
                        a.number.to_string(),
                        title,
                        a.log_entries.to_string(),
                        a.events.to_string(),
                        a.documents.to_string(),
                    ]
                })
                .collect();
            ctx.out
                .table(&["#", "objective", "log entries", "events", "documents"], &rows)
        }
    }
}

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

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
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

/// Delete an objective.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Number or a word of the title
    pub objective: String,
}

fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let o = resolve(ctx, db.conn(), &a.objective)?;
    let now = ctx.now_str();
    db.write(|tx| db::objectives::soft_delete(tx, &o.id, &now))?;
    ctx.out
        .line(&format!("deleted objective {}: {}", o.number, o.title))
}
