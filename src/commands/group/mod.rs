//! `liaison group …`: the office's own groups of organisations (its
//! neighbours, Kurdistan, the Gulf), used wherever a region is.

mod add;
mod edit;
mod list;
mod rm;
mod show;

use clap::Subcommand;

use super::resolve::{self, Candidate, Noun};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::group::Group;

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Name a group of organisations
    Add(add::AddArgs),
    /// List the groups
    #[command(alias = "ls")]
    List,
    /// Show a group and its organisations
    Show(show::ShowArgs),
    /// Rename a group or mark it for the report
    Edit(edit::EditArgs),
    /// Delete a group (its organisations stay)
    Rm(show::ShowArgs),
}

pub fn run(ctx: &mut Ctx, cmd: GroupCommand) -> Result<()> {
    match cmd {
        GroupCommand::Add(a) => add::add(ctx, a),
        GroupCommand::List => list::list(ctx),
        GroupCommand::Show(a) => show::show(ctx, a),
        GroupCommand::Edit(a) => edit::edit(ctx, a),
        GroupCommand::Rm(a) => rm::rm(ctx, a),
    }
}

const GROUP: Noun = Noun {
    one: "group",
    many: "groups",
    list: "liaison group list",
    how: "name it by its handle",
};

/// Finds a group by its handle, its English or Persian name, part of one,
/// or an ID prefix.
pub fn resolve(ctx: &Ctx, conn: &rusqlite::Connection, query: &str) -> Result<Group> {
    if let Some(g) = db::groups::find(conn, query)? {
        return Ok(g);
    }
    let known = db::groups::list(conn)?;
    let rows = known
        .iter()
        .map(|g| Candidate {
            label: format!("{} ({})", g.name, g.handle),
            names: [g.handle.clone(), g.name.clone()]
                .into_iter()
                .chain(g.name_fa.clone())
                .collect(),
            id: g.id.clone(),
            row: g.clone(),
        })
        .collect();
    let found = resolve::matching(query, rows);
    if !found.is_empty() {
        return resolve::settle(ctx, &GROUP, query.trim(), found);
    }
    Err({
        let err = Error::user(format!("no group `{}`", query.trim()));
        if known.is_empty() {
            err.hint(format!("name it first: liaison group add \"{}\"", query.trim()))
        } else {
            let names: Vec<&str> = known.iter().map(|g| g.handle.as_str()).collect();
            err.hint(format!("the groups are: {}", names.join(", ")))
                .hint(format!(
                    "or name a new one: liaison group add \"{}\"",
                    query.trim()
                ))
        }
    })
}

/// Resolves several groups (repeated flags or `;` separated), each once.
pub fn resolve_all(ctx: &Ctx, conn: &rusqlite::Connection, queries: &[String]) -> Result<Vec<Group>> {
    let mut out: Vec<Group> = Vec::new();
    let names = queries.iter().flat_map(|q| q.split(';')).map(str::trim);
    for q in names.filter(|q| !q.is_empty()) {
        let g = resolve(ctx, conn, q)?;
        if !out.iter().any(|x| x.id == g.id) {
            out.push(g);
        }
    }
    Ok(out)
}

/// Fails if another group is named like `name`.
fn name_free(conn: &rusqlite::Connection, name: &str, except: Option<&str>) -> Result<()> {
    match db::groups::by_name(conn, name)? {
        Some(g) if Some(g.id.as_str()) != except => Err(Error::user(format!(
            "there is already a group named {} (`{}`)",
            g.name, g.handle
        ))
        .hint(format!("see it with: liaison group show {}", g.handle))
        .hint("or give the new group another name")),
        _ => Ok(()),
    }
}

/// Fails if another group holds `handle`.
fn handle_free(conn: &rusqlite::Connection, handle: &str, except: Option<&str>) -> Result<String> {
    match db::groups::by_handle(conn, handle)? {
        Some(g) if Some(g.id.as_str()) != except => Err(Error::user(format!(
            "handle `{handle}` is already taken by the group {}",
            g.name
        ))
        .hint("choose another with --handle")),
        _ => Ok(handle.to_string()),
    }
}
