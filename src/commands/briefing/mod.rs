//! `liaison briefing …`: briefings of our members on partners' positions
//! (mandate 5). A briefing is internal: it is no contact with the partners
//! it is about and leaves their last contact as it was.

mod add;
mod edit;
mod list;
mod rm;
mod show;

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::resolve_org;
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::{Error, Result};
use crate::model::briefing::Briefing;
use crate::model::fields;
use crate::model::person::short_id;

#[derive(Debug, Subcommand)]
pub enum BriefingCommand {
    /// Record a briefing of our members on partners' positions
    Add(add::AddArgs),
    /// List briefings
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Show one briefing
    Show(show::ShowArgs),
    /// Change a briefing
    Edit(edit::EditArgs),
    /// Delete a briefing
    Rm(show::ShowArgs),
}

pub fn run(ctx: &mut Ctx, cmd: BriefingCommand) -> Result<()> {
    match cmd {
        BriefingCommand::Add(a) => add::add(ctx, a),
        BriefingCommand::List(a) => list::list(ctx, a),
        BriefingCommand::Show(a) => show::show(ctx, a),
        BriefingCommand::Edit(a) => edit::edit(ctx, a),
        BriefingCommand::Rm(a) => rm::rm(ctx, a),
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
