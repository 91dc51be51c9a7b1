//! `liaison event …`: seminars, congresses, strikes, demonstrations.

mod add;
mod edit;
mod join;
mod list;
mod rm;
mod show;

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::{resolve_org, resolve_person, word};
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::{Error, Result};
use crate::model::event::{Event, EventKind, OurRole, PartnerRole};
use crate::model::person::short_id;
use crate::model::{country, fields};

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Record an event
    Add(add::AddArgs),
    /// List events
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Show one event
    Show(show::ShowArgs),
    /// Change an event
    Edit(edit::EditArgs),
    /// Delete an event
    Rm(show::ShowArgs),
    /// Add organisations to an event with their role
    Join(join::JoinArgs),
}

pub use list::print;

pub fn run(ctx: &mut Ctx, cmd: EventCommand) -> Result<()> {
    match cmd {
        EventCommand::Add(a) => add::add(ctx, a),
        EventCommand::List(a) => list::list(ctx, a),
        EventCommand::Show(a) => show::show(ctx, a),
        EventCommand::Edit(a) => edit::edit(ctx, a),
        EventCommand::Rm(a) => rm::rm(ctx, a),
        EventCommand::Join(a) => join::join(ctx, a),
    }
}

/// Fields `event add` and `event edit` share.
#[derive(Debug, Args, Default)]
pub struct EventFields {
    /// seminar, conference, congress, strike, demonstration, action, joint seminar, meeting, other
    #[arg(long, value_parser = word::<EventKind>)]
    pub kind: Option<EventKind>,
    /// First day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub starts: Option<String>,
    /// Last day (empty: one day)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub ends: Option<String>,
    /// City
    #[arg(long)]
    pub city: Option<String>,
    /// Country: ISO code or name
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Our part: none, observer, participant, speaker, co-organiser, organiser
    #[arg(long = "role", value_parser = word::<OurRole>)]
    pub our_role: Option<OurRole>,
    /// A partner organisation, as ORG or ORG=ROLE (organiser, co-organiser, participant, signatory)
    #[arg(long = "org", value_name = "ORG[=ROLE]")]
    pub orgs: Vec<String>,
    /// Someone of ours or theirs who went (repeatable)
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Vec<String>,
    /// An objective it served: number or a word of its title (repeatable)
    #[arg(long = "objective", value_name = "OBJECTIVE")]
    pub objectives: Vec<String>,
    /// What came of it
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// What support it won, e.g. "joint statement signed by 12 parties" (empty: none)
    #[arg(long, value_name = "TEXT")]
    pub support_won: Option<String>,
}

/// Links to write after the event itself.
struct Links {
    orgs: Vec<(String, PartnerRole)>,
    people: Vec<String>,
    objectives: Vec<String>,
}

fn apply(ctx: &Ctx, conn: &rusqlite::Connection, e: &mut Event, f: &EventFields) -> Result<Links> {
    if let Some(k) = f.kind {
        e.kind = k;
    }
    if let Some(s) = &f.starts {
        e.starts = ctx.date(s, Tense::Future)?;
    }
    if let Some(s) = &f.ends {
        e.ends = if s.trim().is_empty() {
            None
        } else {
            Some(ctx.date(s, Tense::Future)?)
        };
    }
    if let Some(end) = e.ends.filter(|end| *end < e.starts) {
        return Err(
            Error::user(format!("the event ends ({end}) before it starts ({})", e.starts))
                .hint("check --starts and --ends"),
        );
    }
    if let Some(c) = &f.city {
        e.city = fields::opt_line("city", Some(c))?;
    }
    if let Some(c) = &f.country {
        e.country = if c.trim().is_empty() {
            None
        } else {
            Some(country::resolve(c)?.code)
        };
    }
    if let Some(r) = f.our_role {
        e.our_role = r;
    }
    if let Some(o) = &f.outcome {
        e.outcome = fields::opt_text("outcome", Some(o))?;
    }
    if let Some(w) = &f.support_won {
        e.support_won = fields::opt_text("support won", Some(w))?;
    }
    let mut orgs = Vec::new();
    for o in &f.orgs {
        let (name, role) = match o.rsplit_once('=') {
            Some((n, r)) => (n, r.parse::<PartnerRole>()?),
            None => (o.as_str(), PartnerRole::Participant),
        };
        orgs.push((resolve_org(ctx, conn, name)?.id, role));
    }
    let mut people = Vec::new();
    for p in &f.with {
        people.push(resolve_person(ctx, conn, p)?.id);
    }
    let objectives = super::objective::resolve_all(ctx, conn, &f.objectives)?
        .into_iter()
        .map(|o| o.id)
        .collect();
    Ok(Links {
        orgs,
        people,
        objectives,
    })
}

fn write_links(tx: &rusqlite::Transaction, id: &str, l: &Links) -> Result<()> {
    for (org, role) in &l.orgs {
        db::events::join(tx, id, org, *role)?;
    }
    for p in &l.people {
        db::events::add_person(tx, id, p)?;
    }
    db::objectives::link(tx, db::objectives::LinkTable::Event, id, &l.objectives)
}

const EVENT: Noun = Noun {
    one: "event",
    many: "events",
    list: "liaison event list",
    how: "name it by ID prefix",
};

/// Finds an event by its name, part of it, or an ID prefix.
fn resolve(ctx: &Ctx, conn: &rusqlite::Connection, query: &str) -> Result<Event> {
    let rows = db::events::candidates(conn)?
        .into_iter()
        .map(|e| Candidate {
            label: format!("{} ({}, {})", e.name, e.starts, short_id(&e.id)),
            names: vec![e.name.clone()],
            id: e.id.clone(),
            row: e,
        })
        .collect();
    let e = resolve::among(ctx, &EVENT, query, rows)?;
    db::events::get(conn, &e.id)?.ok_or_else(|| Error::internal("event vanished"))
}
