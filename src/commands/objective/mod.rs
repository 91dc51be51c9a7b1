//! `liaison objective …`: the mandates log entries, events and documents
//! serve.

mod add;
mod edit;
mod list;
mod rm;

use clap::Subcommand;

use super::resolve::{self, Candidate, Noun};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::fields;
use crate::model::objective::Objective;

#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    /// Add an objective
    Add(add::AddArgs),
    /// List objectives, with activity per objective for a period
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Change an objective
    Edit(edit::EditArgs),
    /// Delete an objective (records keep their links)
    Rm(rm::RmArgs),
}

pub fn run(ctx: &mut Ctx, cmd: ObjectiveCommand) -> Result<()> {
    match cmd {
        ObjectiveCommand::Add(a) => add::add(ctx, a),
        ObjectiveCommand::List(a) => list::list(ctx, a),
        ObjectiveCommand::Edit(a) => edit::edit(ctx, a),
        ObjectiveCommand::Rm(a) => rm::rm(ctx, a),
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
