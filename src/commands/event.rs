//! `liaison event …`: seminars, congresses, strikes, demonstrations.

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::{resolve_org, resolve_person, word};
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::event::{Event, EventKind, OurRole, PartnerRole};
use crate::model::person::short_id;
use crate::model::{country, fields, require};
use crate::render::{Format, opt};

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Record an event
    Add(AddArgs),
    /// List events
    #[command(alias = "ls")]
    List(ListArgs),
    /// Show one event
    Show(ShowArgs),
    /// Change an event
    Edit(EditArgs),
    /// Delete an event
    Rm(ShowArgs),
    /// Add organisations to an event with their role
    Join(JoinArgs),
}

pub fn run(ctx: &mut Ctx, cmd: EventCommand) -> Result<()> {
    match cmd {
        EventCommand::Add(a) => add(ctx, a),
        EventCommand::List(a) => list(ctx, a),
        EventCommand::Show(a) => show(ctx, a),
        EventCommand::Edit(a) => edit(ctx, a),
        EventCommand::Rm(a) => rm(ctx, a),
        EventCommand::Join(a) => join(ctx, a),
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

/// Record an event.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Its name
    pub name: String,
    #[command(flatten)]
    pub fields: EventFields,
}

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    require("name", &name)?;
    if a.fields.starts.is_none() {
        return Err(Error::usage("--starts is required to add an event").hint("e.g. --starts 2026-12-05"));
    }
    let now = ctx.now_str();
    let mut e = Event {
        id: new_id(),
        name,
        kind: EventKind::Other,
        starts: ctx.today(),
        ends: None,
        city: None,
        country: None,
        our_role: OurRole::Participant,
        organisations: Vec::new(),
        people: Vec::new(),
        objectives: Vec::new(),
        outcome: None,
        support_won: None,
        created_at: now.clone(),
        updated_at: now,
    };
    let mut db = ctx.open_db()?;
    let links = apply(ctx, db.conn(), &mut e, &a.fields)?;
    db.write(|tx| {
        db::events::save(tx, &e)?;
        write_links(tx, &e.id, &links)
    })?;
    let stored = db::events::get(db.conn(), &e.id)?.ok_or_else(|| Error::internal("event vanished"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&stored),
        _ => ctx.out.line(&format!(
            "added event {} [{}] on {}",
            stored.name,
            short_id(&stored.id),
            stored.starts
        )),
    }
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

/// List events.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only events from today on
    #[arg(long, conflicts_with = "past")]
    pub upcoming: bool,
    /// Only events before today
    #[arg(long)]
    pub past: bool,
    /// Only events in this country
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Only events in this UN M49 sub-region
    #[arg(long)]
    pub region: Option<String>,
    /// Only events of this kind
    #[arg(long, value_parser = word::<EventKind>)]
    pub kind: Option<EventKind>,
    /// Only events with this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only those serving this objective (its number or a word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
}

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let today = ctx.today();
    let mut f = db::events::Filter {
        kind: a.kind.map(|k| k.as_str().to_string()),
        objective_id: super::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
        ..Default::default()
    };
    if a.upcoming {
        f.from = Some(today);
    }
    if a.past {
        f.until = today.pred_opt();
    }
    if let Some(c) = &a.country {
        f.country = Some(country::resolve(c)?.code);
    }
    if let Some(o) = &a.org {
        f.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    let mut events = db::events::list(db.conn(), &f)?;
    if let Some(r) = &a.region {
        let region = country::resolve_region(r)?;
        events.retain(|e| {
            e.country
                .as_deref()
                .and_then(country::by_code)
                .is_some_and(|c| c.region == region)
        });
    }
    print(ctx, &events, "no events match")
}

/// Writes events in the chosen format.
pub fn print(ctx: &mut Ctx, events: &[Event], empty: &str) -> Result<()> {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.starts.to_string(),
                opt(&e.ends),
                e.name.clone(),
                e.kind.to_string(),
                [e.city.clone(), e.country.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                e.our_role.to_string(),
                e.organisations
                    .iter()
                    .map(|o| format!("{} ({})", o.handle, o.role))
                    .collect::<Vec<_>>()
                    .join("; "),
                short_id(&e.id).to_string(),
            ]
        })
        .collect();
    match ctx.format() {
        Format::Json => ctx.out.json(events),
        Format::Csv => ctx.out.csv(
            &[
                "starts",
                "ends",
                "name",
                "kind",
                "place",
                "our_role",
                "organisations",
                "id",
            ],
            &rows,
        ),
        Format::Table if events.is_empty() => ctx.out.line(empty),
        Format::Table => ctx.out.table_hiding(
            &[
                "starts",
                "ends",
                "event",
                "kind",
                "where",
                "our role",
                "organisations",
                "id",
            ],
            &rows,
            &["id", "kind", "where"],
        ),
    }
}

/// Show one event.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// ID prefix or part of the name
    pub event: String,
}

fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let e = resolve(ctx, db.conn(), &a.event)?;
    if ctx.format() != Format::Table {
        return print(ctx, &[e], "");
    }
    ctx.out.heading(&e.name)?;
    ctx.out.fields(&[
        ("id", short_id(&e.id).to_string()),
        ("kind", e.kind.to_string()),
        (
            "when",
            match e.ends {
                Some(end) => format!("{} – {end}", e.starts),
                None => e.starts.to_string(),
            },
        ),
        (
            "where",
            [e.city.clone(), e.country.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("our role", e.our_role.to_string()),
        (
            "partners",
            e.organisations
                .iter()
                .map(|o| format!("{} ({})", o.name, o.role))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("people", e.people.join("; ")),
        (
            "objectives",
            e.objectives
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("outcome", opt(&e.outcome)),
        ("support won", opt(&e.support_won)),
    ])
}

/// Change an event. --org and --with add to what is there.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// ID prefix or part of the name
    pub event: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: EventFields,
}

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut e = resolve(ctx, db.conn(), &a.event)?;
    if let Some(n) = &a.name {
        let n = fields::line("name", n)?;
        require("name", &n)?;
        e.name = n;
    }
    let links = apply(ctx, db.conn(), &mut e, &a.fields)?;
    e.updated_at = ctx.now_str();
    db.write(|tx| {
        db::events::save(tx, &e)?;
        write_links(tx, &e.id, &links)
    })?;
    ctx.out
        .line(&format!("updated event {} [{}]", e.name, short_id(&e.id)))
}

fn rm(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let e = resolve(ctx, db.conn(), &a.event)?;
    let now = ctx.now_str();
    db.write(|tx| db::events::soft_delete(tx, &e.id, &now))?;
    ctx.out
        .line(&format!("deleted event {} [{}]", e.name, short_id(&e.id)))
}

/// Add organisations to an event.
#[derive(Debug, Args)]
pub struct JoinArgs {
    /// ID prefix or part of the name
    pub event: String,
    /// The organisations
    #[arg(required = true, value_name = "ORG")]
    pub orgs: Vec<String>,
    /// Their role: organiser, co-organiser, participant, signatory
    #[arg(long, value_parser = word::<PartnerRole>, default_value = "participant")]
    pub role: PartnerRole,
}

fn join(ctx: &mut Ctx, a: JoinArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let e = resolve(ctx, db.conn(), &a.event)?;
    let mut orgs = Vec::new();
    for o in &a.orgs {
        orgs.push(resolve_org(ctx, db.conn(), o)?);
    }
    db.write(|tx| {
        orgs.iter()
            .try_for_each(|o| db::events::join(tx, &e.id, &o.id, a.role))
    })?;
    let names: Vec<String> = orgs.iter().map(|o| o.handle.clone()).collect();
    ctx.out
        .line(&format!("{} joined {} as {}", names.join(", "), e.name, a.role))
}
