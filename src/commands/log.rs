//! `liaison log`: record a contact right after it happens.

use std::io::Read;

use clap::Args;

use super::{resolve_org, resolve_person, word};
use crate::context::Ctx;
use crate::dates::{self, DateOrder, Lean};
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::log::{Channel, Direction, Interaction, time_of_day};
use crate::model::org::OrgRef;
use crate::model::task::{Priority, Task, TaskStatus};
use crate::model::{fields, require};
use crate::prompt;
use crate::render::Format;

/// Log a contact with one or more organisations. On a terminal, missing
/// fields are asked for; in scripts (or with --no-input) a missing
/// organisation, channel or summary is an error.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The organisations involved: handles or any of their names
    #[arg(value_name = "ORG")]
    pub orgs: Vec<String>,
    /// When it happened [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Time of day, HH:MM
    #[arg(long)]
    pub time: Option<String>,
    /// meeting, call, video, email, letter, message, event or other
    #[arg(long, value_parser = word::<Channel>)]
    pub channel: Option<Channel>,
    /// in, out or both [default: both]
    #[arg(long, value_parser = word::<Direction>)]
    pub direction: Option<Direction>,
    /// A person present: name or ID prefix (repeatable)
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Vec<String>,
    /// One-line subject
    #[arg(long)]
    pub subject: Option<String>,
    /// What happened; `-` reads it from stdin
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// Write the summary in $EDITOR
    #[arg(long, conflicts_with = "summary")]
    pub edit: bool,
    /// A tag (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// An objective the contact served: number or a word of its title
    /// (repeatable)
    #[arg(long = "objective", value_name = "OBJECTIVE")]
    pub objectives: Vec<String>,
    /// Create a follow-up task linked to this entry
    #[arg(long = "follow-up", value_name = "TEXT")]
    pub follow_up: Option<String>,
    /// Due date of the follow-up
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, requires = "follow_up")]
    pub due: Option<String>,
    /// Priority of the follow-up: high, normal or low
    #[arg(long, value_parser = word::<Priority>, requires = "follow_up")]
    pub priority: Option<Priority>,
    /// How to read dates such as 03/04/2026
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrder>,
}

pub fn run(ctx: &mut Ctx, a: LogArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let date_order = match a.date_order {
        Some(o) => Some(o),
        None => super::config::date_order(&db)?,
    };
    let orgs = organisations(ctx, db.conn(), &a.orgs)?;
    let today = ctx.today();
    let date = match &a.date {
        Some(d) => dates::parse(d, today, date_order, Lean::Past)?,
        None => today,
    };
    let time = a.time.as_deref().map(time_of_day).transpose()?;
    let channel = match a.channel {
        Some(c) => c,
        None if ctx.interactive => {
            let names: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
            Channel::ALL[prompt::select("channel", &names, 0)?]
        }
        None => return Err(missing("channel", "--channel email")),
    };
    let direction = a.direction.unwrap_or(Direction::Both);
    let mut person_ids = Vec::new();
    for p in &a.with {
        person_ids.push(resolve_person(ctx, db.conn(), p)?.id);
    }
    let subject = fields::opt_line("subject", a.subject.as_deref())?;
    let summary = summary(ctx, &a)?;
    let tags = fields::tags(&a.tags)?;
    let objectives: Vec<String> = super::objective::resolve_all(db.conn(), &a.objectives)?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let now = ctx.now_str();
    let entry = Interaction {
        id: new_id(),
        date,
        time,
        channel,
        direction,
        organisations: orgs.iter().map(|o| o.handle.clone()).collect(),
        people: Vec::new(),
        subject,
        summary,
        tags,
        objectives: Vec::new(),
        logged_by: Some(ctx.user.clone()),
        created_at: now.clone(),
        updated_at: now.clone(),
        org_ids: orgs.iter().map(|o| o.id.clone()).collect(),
        person_ids,
    };
    let follow_up = match &a.follow_up {
        Some(title) => {
            let title = fields::line("follow-up", title)?;
            require("follow-up", &title)?;
            let due = a
                .due
                .as_deref()
                .map(|d| dates::parse(d, today, date_order, Lean::Future))
                .transpose()?;
            if let Some(d) = due.filter(|d| *d < date) {
                eprintln!("warning: the follow-up is due ({d}) before the contact it follows ({date})");
            }
            Some(Task {
                number: None,
                id: new_id(),
                title,
                organisation: orgs.first().map(|o| o.handle.clone()),
                origin: Some(entry.id.clone()),
                due,
                priority: a.priority.unwrap_or(Priority::Normal),
                assignee: None,
                status: TaskStatus::Open,
                done_on: None,
                notes: None,
                created_at: now.clone(),
                updated_at: now,
                org_id: orgs.first().map(|o| o.id.clone()),
            })
        }
        None => None,
    };
    let number = db.write(|tx| {
        db::log::insert(tx, &entry)?;
        db::objectives::link(tx, db::objectives::LinkTable::Log, &entry.id, &objectives)?;
        follow_up
            .as_ref()
            .map(|t| db::tasks::insert(tx, t, Some(&entry.id)))
            .transpose()
    })?;
    if ctx.format() == Format::Json {
        let stored = db::log::get(db.conn(), &entry.id)?;
        return ctx.out.json(&stored);
    }
    ctx.out.line(&format!(
        "logged {} {} with {} [{}]",
        entry.date,
        entry.channel,
        entry.organisations.join(", "),
        &entry.id[..8]
    ))?;
    if let (Some(t), Some(n)) = (&follow_up, number) {
        let due = t.due.map(|d| format!(" (due {d})")).unwrap_or_default();
        ctx.out.line(&format!("follow-up {n}: {}{due}", t.title))?;
    }
    Ok(())
}

fn missing(field: &str, example: &str) -> Error {
    Error::user(format!("{field} is missing")).hint(format!("pass it as a flag, e.g. {example}"))
}

/// The organisations named, or one picked from all of them on a terminal.
fn organisations(ctx: &Ctx, conn: &rusqlite::Connection, names: &[String]) -> Result<Vec<OrgRef>> {
    let mut out: Vec<OrgRef> = Vec::new();
    for n in names {
        let o = resolve_org(ctx, conn, n)?;
        if !out.iter().any(|x| x.id == o.id) {
            out.push(o);
        }
    }
    if out.is_empty() {
        if !ctx.interactive {
            return Err(missing(
                "organisation",
                "liaison log kke --channel email --summary '…'",
            ));
        }
        let all = db::orgs::list(conn, &db::orgs::Filter::default())?;
        if all.is_empty() {
            return Err(Error::user("there are no organisations yet")
                .hint("add one with: liaison org add NAME --country CC"));
        }
        let items: Vec<prompt::Choice> = all
            .iter()
            .map(|o| prompt::Choice {
                label: o.to_ref().to_string(),
                names: super::resolve::org_names(o),
            })
            .collect();
        let i = prompt::pick("organisation", &items)?;
        out.push(all[i].to_ref());
    }
    Ok(out)
}

/// The summary from the flag, stdin, the editor or a prompt.
fn summary(ctx: &Ctx, a: &LogArgs) -> Result<String> {
    let text = match a.summary.as_deref() {
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Error::user(format!("cannot read the summary from stdin: {e}")))?;
            s
        }
        Some(s) => s.to_string(),
        None if a.edit => prompt::editor("")?.unwrap_or_default(),
        None if ctx.interactive => {
            let line = prompt::input("summary (leave empty to open $EDITOR)", None, true)?;
            if line.trim().is_empty() {
                prompt::editor("")?.unwrap_or_default()
            } else {
                line
            }
        }
        None => {
            return Err(missing(
                "summary",
                "--summary 'what was said', or --summary - to read stdin",
            ));
        }
    };
    let text = fields::opt_text("summary", Some(&text))?.unwrap_or_default();
    if text.is_empty() {
        return Err(Error::user("summary is empty").hint("say in a line what happened; nothing was logged"));
    }
    Ok(text)
}
