//! `liaison briefing …`: briefings of our members on partners' positions
//! (mandate 5). A briefing is internal: it is no contact with the partners
//! it is about and leaves their last contact as it was.

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::resolve_org;
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::briefing::Briefing;
use crate::model::person::short_id;
use crate::model::{fields, require};
use crate::render::{Format, opt};

#[derive(Debug, Subcommand)]
pub enum BriefingCommand {
    /// Record a briefing of our members on partners' positions
    Add(AddArgs),
    /// List briefings
    #[command(alias = "ls")]
    List(ListArgs),
    /// Show one briefing
    Show(ShowArgs),
    /// Change a briefing
    Edit(EditArgs),
    /// Delete a briefing
    Rm(ShowArgs),
}

pub fn run(ctx: &mut Ctx, cmd: BriefingCommand) -> Result<()> {
    match cmd {
        BriefingCommand::Add(a) => add(ctx, a),
        BriefingCommand::List(a) => list(ctx, a),
        BriefingCommand::Show(a) => show(ctx, a),
        BriefingCommand::Edit(a) => edit(ctx, a),
        BriefingCommand::Rm(a) => rm(ctx, a),
    }
}

/// Fields `briefing add` and `briefing edit` share.
#[derive(Debug, Args, Default)]
pub struct BriefingFields {
    /// The day of the briefing (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// What was said, in a few lines
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// A partner whose positions it brought (repeatable); the briefing is
    /// internal and does not count as contact with it
    #[arg(long = "org", value_name = "ORG")]
    pub orgs: Vec<String>,
    /// The objective it served: number or a word of its title (empty: none)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
    /// Who was briefed, e.g. "Tehran branch" (empty: none)
    #[arg(long, value_name = "WHO")]
    pub audience: Option<String>,
    /// Where it can be read, e.g. the bulletin's page (empty: none)
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
}

/// What to write beside the briefing itself.
struct Links {
    orgs: Vec<String>,
    /// The objective's ID; `None` when the command does not change it.
    objective: Option<Option<String>>,
}

fn apply(ctx: &Ctx, conn: &rusqlite::Connection, b: &mut Briefing, f: &BriefingFields) -> Result<Links> {
    if let Some(d) = &f.date {
        b.date = ctx.date(d, Tense::Past)?;
    }
    if let Some(s) = &f.summary {
        b.summary = fields::opt_text("summary", Some(s))?;
    }
    if let Some(a) = &f.audience {
        b.audience = fields::opt_line("audience", Some(a))?;
    }
    if let Some(l) = &f.link {
        b.link = fields::opt_line("link", Some(l))?;
    }
    let objective = match f.objective.as_deref().map(str::trim) {
        None => None,
        Some("") => {
            b.objective = None;
            Some(None)
        }
        Some(q) => {
            let o = super::objective::resolve(ctx, conn, q)?;
            b.objective = Some(o.number);
            Some(Some(o.id))
        }
    };
    let mut orgs = Vec::new();
    for o in &f.orgs {
        orgs.push(resolve_org(ctx, conn, o)?.id);
    }
    Ok(Links { orgs, objective })
}

fn save(tx: &rusqlite::Transaction, b: &Briefing, l: &Links) -> Result<()> {
    let objective = match &l.objective {
        Some(o) => o.clone(),
        None => db::briefings::objective_id(tx, &b.id)?,
    };
    db::briefings::save(tx, b, objective.as_deref())?;
    for org in &l.orgs {
        db::briefings::add_org(tx, &b.id, org)?;
    }
    Ok(())
}

/// Record a briefing of our members.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What it was about: a short title
    pub title: String,
    #[command(flatten)]
    pub fields: BriefingFields,
}

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let title = fields::line("title", &a.title)?;
    require("title", &title)?;
    let now = ctx.now_str();
    let mut b = Briefing {
        id: new_id(),
        date: ctx.today(),
        title,
        summary: None,
        audience: None,
        link: None,
        objective: None,
        organisations: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
    };
    let mut db = ctx.open_db()?;
    let links = apply(ctx, db.conn(), &mut b, &a.fields)?;
    db.write(|tx| save(tx, &b, &links))?;
    let stored = db::briefings::get(db.conn(), &b.id)?.ok_or_else(|| Error::internal("briefing vanished"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&stored),
        _ => ctx.out.line(&format!(
            "added briefing {} [{}] on {}",
            stored.title,
            short_id(&stored.id),
            stored.date
        )),
    }
}

const BRIEFING: Noun = Noun {
    one: "briefing",
    many: "briefings",
    list: "liaison briefing list",
    how: "name it by ID prefix",
};

/// Finds a briefing by its title, part of it, or an ID prefix.
fn resolve(ctx: &Ctx, conn: &rusqlite::Connection, query: &str) -> Result<Briefing> {
    let rows = db::briefings::candidates(conn)?
        .into_iter()
        .map(|b| Candidate {
            label: format!("{} ({}, {})", b.title, b.date, short_id(&b.id)),
            names: vec![b.title.clone()],
            id: b.id.clone(),
            row: b,
        })
        .collect();
    let b = resolve::among(ctx, &BRIEFING, query, rows)?;
    db::briefings::get(conn, &b.id)?.ok_or_else(|| Error::internal("briefing vanished"))
}

/// List briefings.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only briefings on or after this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Only briefings on or before this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Only briefings about this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only those serving this objective (its number or a word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
}

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let mut f = db::briefings::Filter {
        objective_id: super::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
        ..Default::default()
    };
    if let Some(d) = &a.from {
        f.from = Some(ctx.date(d, Tense::Past)?);
    }
    if let Some(d) = &a.to {
        f.until = Some(ctx.date(d, Tense::Past)?);
    }
    if let Some(o) = &a.org {
        f.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    let briefings = db::briefings::list(db.conn(), &f)?;
    print(ctx, &briefings, "no briefings match")
}

/// Writes briefings in the chosen format.
fn print(ctx: &mut Ctx, briefings: &[Briefing], empty: &str) -> Result<()> {
    let rows: Vec<Vec<String>> = briefings
        .iter()
        .map(|b| {
            vec![
                b.date.to_string(),
                b.title.clone(),
                opt(&b.audience),
                b.organisations
                    .iter()
                    .map(|o| o.handle.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                b.objective.map(|n| n.to_string()).unwrap_or_default(),
                short_id(&b.id).to_string(),
            ]
        })
        .collect();
    match ctx.format() {
        Format::Json => ctx.out.json(briefings),
        Format::Csv => ctx.out.csv(
            &["date", "title", "audience", "organisations", "objective", "id"],
            &rows,
        ),
        Format::Table if briefings.is_empty() => ctx.out.line(empty),
        Format::Table => ctx.out.table_hiding(
            &["date", "briefing", "audience", "on", "objective", "id"],
            &rows,
            &["id", "objective", "audience"],
        ),
    }
}

/// Show one briefing.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// ID prefix or part of the title
    pub briefing: String,
}

fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let b = resolve(ctx, db.conn(), &a.briefing)?;
    if ctx.format() != Format::Table {
        return print(ctx, &[b], "");
    }
    ctx.out.heading(&b.title)?;
    ctx.out.fields(&[
        ("id", short_id(&b.id).to_string()),
        ("date", b.date.to_string()),
        ("audience", opt(&b.audience)),
        (
            "on",
            b.organisations
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            "objective",
            b.objective.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("summary", opt(&b.summary)),
        ("link", opt(&b.link)),
    ])
}

/// Change a briefing. --org adds to the partners it was about; --drop-org
/// takes one away.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// ID prefix or part of the title
    pub briefing: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// A partner it was not about after all (repeatable)
    #[arg(long = "drop-org", value_name = "ORG")]
    pub drop_orgs: Vec<String>,
    #[command(flatten)]
    pub fields: BriefingFields,
}

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut b = resolve(ctx, db.conn(), &a.briefing)?;
    if let Some(t) = &a.title {
        let t = fields::line("title", t)?;
        require("title", &t)?;
        b.title = t;
    }
    let links = apply(ctx, db.conn(), &mut b, &a.fields)?;
    let mut dropped = Vec::new();
    for o in &a.drop_orgs {
        dropped.push(resolve_org(ctx, db.conn(), o)?.id);
    }
    b.updated_at = ctx.now_str();
    db.write(|tx| {
        save(tx, &b, &links)?;
        dropped
            .iter()
            .try_for_each(|o| db::briefings::remove_org(tx, &b.id, o))
    })?;
    ctx.out
        .line(&format!("updated briefing {} [{}]", b.title, short_id(&b.id)))
}

fn rm(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let b = resolve(ctx, db.conn(), &a.briefing)?;
    let now = ctx.now_str();
    db.write(|tx| db::briefings::soft_delete(tx, &b.id, &now))?;
    ctx.out
        .line(&format!("deleted briefing {} [{}]", b.title, short_id(&b.id)))
}
