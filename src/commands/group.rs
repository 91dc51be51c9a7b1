//! `liaison group …`: the office's own groups of organisations (its
//! neighbours, Kurdistan, the Gulf), used wherever a region is.

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::group::Group;
use crate::model::{fields, require};
use crate::render::{Format, opt};

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Name a group of organisations
    Add(AddArgs),
    /// List the groups
    #[command(alias = "ls")]
    List,
    /// Show a group and its organisations
    Show(ShowArgs),
    /// Rename a group or mark it for the report
    Edit(EditArgs),
    /// Delete a group (its organisations stay)
    Rm(ShowArgs),
}

pub fn run(ctx: &mut Ctx, cmd: GroupCommand) -> Result<()> {
    match cmd {
        GroupCommand::Add(a) => add(ctx, a),
        GroupCommand::List => list(ctx),
        GroupCommand::Show(a) => show(ctx, a),
        GroupCommand::Edit(a) => edit(ctx, a),
        GroupCommand::Rm(a) => rm(ctx, a),
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

/// Name a group of organisations, e.g. the office's neighbours, which
/// `org list --group`, `doc send --to-group` and the report use.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The group's name
    pub name: String,
    /// Short unique handle [default: made from the name]
    #[arg(long)]
    pub handle: Option<String>,
    /// Name in Persian, for the Persian report
    #[arg(long, value_name = "NAME")]
    pub name_fa: Option<String>,
    /// Give the group its own section in the quarterly report
    #[arg(long)]
    pub report: bool,
}

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    require("name", &name)?;
    let handle = a.handle.as_deref().map(fields::handle).transpose()?;
    let mut group = Group::new(new_id(), name, &ctx.now_str());
    group.name_fa = fields::opt_line("Persian name", a.name_fa.as_deref())?;
    group.in_report = a.report;
    let mut db = ctx.open_db()?;
    let group = db.write(|tx| {
        name_free(tx, &group.name, None)?;
        group.handle = match handle {
            Some(h) => handle_free(tx, &h, None)?,
            None => db::groups::free_handle(tx, &group.name)?,
        };
        db::groups::insert(tx, &group)?;
        Ok(group)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&group),
        _ => ctx.out.line(&format!(
            "added group {}: {}{}",
            group.handle,
            group.name,
            if group.in_report { " (in the report)" } else { "" }
        )),
    }
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

fn list(ctx: &mut Ctx) -> Result<()> {
    let db = ctx.open_db()?;
    let groups = db::groups::list(db.conn())?;
    match ctx.format() {
        Format::Json => ctx.out.json(&groups),
        Format::Csv => {
            let rows: Vec<Vec<String>> = groups.iter().map(row).collect();
            ctx.out.csv(COLUMNS, &rows)
        }
        Format::Table => {
            if groups.is_empty() {
                return ctx
                    .out
                    .line("no groups yet; name one with: liaison group add Neighbours --report");
            }
            let rows: Vec<Vec<String>> = groups
                .iter()
                .map(|g| {
                    vec![
                        g.handle.clone(),
                        g.name.clone(),
                        opt(&g.name_fa),
                        if g.in_report { "yes" } else { "" }.to_string(),
                        g.organisations.to_string(),
                    ]
                })
                .collect();
            ctx.out.table(
                &["handle", "name", "Persian name", "in report", "organisations"],
                &rows,
            )
        }
    }
}

/// The CSV columns of `group list`.
const COLUMNS: &[&str] = &[
    "id",
    "handle",
    "name",
    "name_fa",
    "in_report",
    "organisations",
    "created_at",
    "updated_at",
];

fn row(g: &Group) -> Vec<String> {
    vec![
        g.id.clone(),
        g.handle.clone(),
        g.name.clone(),
        opt(&g.name_fa),
        g.in_report.to_string(),
        g.organisations.to_string(),
        g.created_at.clone(),
        g.updated_at.clone(),
    ]
}

/// Show a group and the organisations in it.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Handle or name of the group
    #[arg(value_name = "GROUP")]
    pub group: String,
}

fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let group = resolve(ctx, db.conn(), &a.group)?;
    let orgs = db::orgs::list(
        db.conn(),
        &db::orgs::Filter {
            group: Some(group.id.clone()),
            ..Default::default()
        },
    )?;
    match ctx.format() {
        Format::Json => ctx.out.json(&serde_json::json!({
            "group": group,
            "organisations": orgs,
        })),
        Format::Csv => super::org::print_list(ctx, &orgs),
        Format::Table => {
            ctx.out.line(&format!("{} ({})", group.name, group.handle))?;
            if let Some(fa) = &group.name_fa {
                ctx.out.line(&format!("Persian name: {fa}"))?;
            }
            ctx.out.line(&format!(
                "in the quarterly report: {}",
                if group.in_report { "yes" } else { "no" }
            ))?;
            ctx.out.line("")?;
            super::org::print_list(ctx, &orgs)
        }
    }
}

/// Rename a group, change its handle or Persian name, or mark it for the
/// report. An empty --name-fa clears it.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Handle or name of the group
    #[arg(value_name = "GROUP")]
    pub group: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// New handle
    #[arg(long)]
    pub handle: Option<String>,
    /// Name in Persian, for the Persian report
    #[arg(long, value_name = "NAME")]
    pub name_fa: Option<String>,
    /// Give the group its own section in the quarterly report
    #[arg(long, conflicts_with = "no_report")]
    pub report: bool,
    /// Leave the group out of the quarterly report
    #[arg(long)]
    pub no_report: bool,
}

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let name = a
        .name
        .as_deref()
        .map(|n| {
            let n = fields::line("name", n)?;
            require("name", &n)?;
            Ok::<_, Error>(n)
        })
        .transpose()?;
    let handle = a.handle.as_deref().map(fields::handle).transpose()?;
    let name_fa = a
        .name_fa
        .as_deref()
        .map(|n| fields::opt_line("Persian name", Some(n)))
        .transpose()?;
    let now = ctx.now_str();
    let mut db = ctx.open_db()?;
    let group = db.write(|tx| {
        let mut g = resolve(ctx, tx, &a.group)?;
        if let Some(n) = name {
            name_free(tx, &n, Some(&g.id))?;
            g.name = n;
        }
        if let Some(h) = handle {
            g.handle = handle_free(tx, &h, Some(&g.id))?;
        }
        if let Some(fa) = name_fa {
            g.name_fa = fa;
        }
        if a.report {
            g.in_report = true;
        }
        if a.no_report {
            g.in_report = false;
        }
        g.updated_at = now.clone();
        db::groups::update(tx, &g)?;
        Ok(g)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&group),
        _ => ctx.out.line(&format!(
            "updated group {}: {}{}",
            group.handle,
            group.name,
            if group.in_report { " (in the report)" } else { "" }
        )),
    }
}

fn rm(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let group = db.write(|tx| {
        let g = resolve(ctx, tx, &a.group)?;
        db::groups::delete(tx, &g.id)?;
        Ok(g)
    })?;
    ctx.out.line(&format!(
        "deleted group {} ({}); organisations that were in it: {}. Undo with: liaison undo",
        group.handle, group.name, group.organisations
    ))
}
