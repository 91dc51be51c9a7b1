use clap::Args;
use serde::Serialize;

use crate::commands::resolve_org;
use crate::context::Ctx;
use crate::csvio::records;
use crate::db;
use crate::error::{Error, Result};
use crate::model::country;
use crate::model::document::{Distribution, Document};
use crate::model::event::Event;
use crate::model::log::LogEntry;
use crate::model::org::Org;
use crate::model::person::{Person, short_id};
use crate::model::task::Task;
use crate::render::{Format, join, opt};

/// Show one organisation: the screen to open before a call.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Handle, ID prefix or any name of the organisation
    #[arg(value_name = "ORG")]
    pub org: String,
}

/// An organisation with what hangs off it, as `org show --format json`
/// writes it.
#[derive(Debug, Serialize)]
pub struct Profile {
    #[serde(flatten)]
    pub org: Org,
    /// Its people by name (at most twenty).
    pub people: Vec<Person>,
    /// How many people it has in all.
    pub people_total: usize,
    /// The latest log entries, newest first.
    pub recent_log: Vec<LogEntry>,
    /// The first open follow-ups in list order (at most ten).
    pub open_tasks: Vec<Task>,
    /// How many open follow-ups it has in all.
    pub open_tasks_total: usize,
    pub events: Vec<Event>,
    /// Copies of documents sent to it, with their language.
    pub documents_sent: Vec<Distribution>,
    /// Documents received from it.
    pub documents_received: Vec<Document>,
}

/// How many log entries the profile shows.
const RECENT: usize = 5;

/// How many open follow-ups the profile lists.
const OPEN_TASKS: usize = 10;

/// How many people the profile lists.
const PEOPLE: usize = 20;

pub fn run(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let found = resolve_org(ctx, db.conn(), &a.org)?;
    let org = db::orgs::get(db.conn(), &found.id)?
        .ok_or_else(|| Error::internal(format!("organisation {} vanished while reading", found.handle)))?;
    let (people, people_total) = db::people::page(
        db.conn(),
        &db::people::Filter {
            org_id: Some(org.id.clone()),
            limit: Some(PEOPLE),
            ..Default::default()
        },
    )?;
    let recent_log = db::log::list(
        db.conn(),
        &db::log::Filter {
            org_id: Some(org.id.clone()),
            limit: Some(RECENT),
            ..Default::default()
        },
    )?;
    let (open_tasks, open_tasks_total) = db::tasks::page(
        db.conn(),
        &db::tasks::Filter {
            org_id: Some(org.id.clone()),
            limit: Some(OPEN_TASKS),
            ..Default::default()
        },
    )?;
    let events = db::events::list(
        db.conn(),
        &db::events::Filter {
            org_id: Some(org.id.clone()),
            ..Default::default()
        },
    )?;
    let documents_sent = db::documents::distributions_to(db.conn(), &org.id)?;
    let documents_received = db::documents::received_from(db.conn(), &org.id)?;
    let profile = Profile {
        events,
        documents_sent,
        documents_received,
        org,
        people,
        people_total,
        recent_log,
        open_tasks,
        open_tasks_total,
    };
    match ctx.format() {
        Format::Json => ctx.out.json(&profile),
        Format::Csv => ctx.out.csv(records::ORG_COLUMNS, &[records::org(&profile.org)]),
        Format::Table => text(ctx, &profile),
    }
}

fn text(ctx: &mut Ctx, p: &Profile) -> Result<()> {
    let o = &p.org;
    ctx.out.heading(&format!("{}  [{}]", o.name, o.handle))?;
    if let Some(n) = &o.native_name {
        ctx.out.line(n)?;
    }
    if let Some(n) = o.name_fa.as_ref().filter(|n| Some(*n) != o.native_name.as_ref()) {
        ctx.out.line(n)?;
    }
    ctx.out.line("")?;
    let country =
        country::by_code(&o.country).map_or(o.country.clone(), |c| format!("{} ({})", c.name, c.code));
    let status = match o.since {
        Some(d) => format!("{} since {d}", o.status),
        None => o.status.to_string(),
    };
    let last = match o.last_contact {
        Some(d) => format!(
            "{d} ({} ago)",
            crate::text::plural((ctx.today() - d).num_days(), "day", "days")
        ),
        None => "never".into(),
    };
    ctx.out.fields(&[
        ("id", short_id(&o.id).to_string()),
        ("last contact", last),
        ("country", format!("{country}, {}", o.region)),
        ("kind", o.kind.to_string()),
        ("status", status),
        ("languages", join(&o.languages)),
        ("website", opt(&o.website)),
        ("email", opt(&o.email)),
        ("aliases", join(&o.aliases)),
        ("tags", join(&o.tags)),
        ("groups", join(&o.groups)),
        (
            "sensitivity",
            if o.sensitivity == crate::model::Sensitivity::Normal {
                String::new()
            } else {
                o.sensitivity.to_string()
            },
        ),
        ("notes", opt(&o.notes)),
    ])?;
    ctx.out.line("")?;
    ctx.out.heading(&format!("People ({})", p.people_total))?;
    if p.people.is_empty() {
        ctx.out.line(&format!(
            "none yet; add one with: liaison person add NAME --org {}",
            o.handle
        ))?;
    } else {
        let rows: Vec<Vec<String>> = p
            .people
            .iter()
            .map(|x| {
                vec![
                    x.name.clone(),
                    opt(&x.native_name),
                    opt(&x.role),
                    if x.do_not_contact {
                        "do not contact".into()
                    } else {
                        String::new()
                    },
                    short_id(&x.id).to_string(),
                ]
            })
            .collect();
        ctx.out.table(&["name", "native name", "role", "", "id"], &rows)?;
        crate::commands::more(
            ctx,
            p.people.len(),
            p.people_total,
            &format!("liaison person list --org {}", o.handle),
        )?;
    }
    ctx.out.line("")?;
    ctx.out
        .heading(&format!("Open follow-ups ({})", p.open_tasks_total))?;
    crate::commands::task::print(ctx, &p.open_tasks, "none")?;
    crate::commands::more(
        ctx,
        p.open_tasks.len(),
        p.open_tasks_total,
        &format!("liaison task list --org {}", o.handle),
    )?;
    if !p.events.is_empty() {
        ctx.out.line("")?;
        ctx.out.heading(&format!("Events ({})", p.events.len()))?;
        crate::commands::event::print(ctx, &p.events, "")?;
    }
    if !p.documents_sent.is_empty() || !p.documents_received.is_empty() {
        ctx.out.line("")?;
        ctx.out.heading("Documents")?;
        let mut rows: Vec<Vec<String>> = p
            .documents_sent
            .iter()
            .map(|d| {
                vec![
                    d.date.to_string(),
                    "sent".into(),
                    d.title.clone(),
                    d.language.clone(),
                ]
            })
            .collect();
        rows.extend(p.documents_received.iter().map(|d| {
            vec![
                d.date.to_string(),
                "received".into(),
                d.title.clone(),
                d.language.clone(),
            ]
        }));
        ctx.out.table(&["date", "", "document", "language"], &rows)?;
    }
    ctx.out.line("")?;
    ctx.out.heading("Recent contacts")?;
    if p.recent_log.is_empty() {
        ctx.out.line(&format!(
            "none yet; log one with: liaison log {} --channel email --summary '…'",
            o.handle
        ))?;
    } else {
        ctx.out.table_hiding(
            &["date", "channel", "dir", "org", "subject", "summary", "id"],
            &crate::commands::history::rows(&p.recent_log),
            &["dir", "channel"],
        )?;
    }
    Ok(())
}
