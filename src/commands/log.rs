//! `liaison log`: record a contact right after it happens.

use std::io::Read;

use clap::Args;

use super::{resolve_org, resolve_person, word};
use crate::context::Ctx;
use crate::csvio::records;
use crate::dates::Tense;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::log::{Channel, Direction, LogEntry, time_of_day};
use crate::model::org::OrgRef;
use crate::model::task::{Priority, Task, TaskStatus};
use crate::model::{fields, require};
use crate::prompt;
use crate::render::{Format, join, opt};

/// Log a contact with one or more organisations. On a terminal, missing
/// fields are asked for; in scripts (or with --no-input) a missing
/// organisation, channel or summary is an error.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_precedence_over_arg = true)]
pub struct LogArgs {
    #[command(subcommand)]
    pub command: Option<LogCommand>,
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
}

/// What `log` does besides logging.
#[derive(Debug, clap::Subcommand)]
pub enum LogCommand {
    /// Print one log entry whole: every field and the full summary
    Show(ShowArgs),
}

/// Print one log entry whole.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's ID or a prefix of four or more digits (`history` shows them)
    #[arg(value_name = "ID")]
    pub id: String,
}

pub fn run(ctx: &mut Ctx, a: LogArgs) -> Result<()> {
    if let Some(LogCommand::Show(s)) = a.command {
        return show(ctx, s);
    }
    let mut db = ctx.open_db()?;
    let orgs = organisations(ctx, db.conn(), &a.orgs)?;
    let today = ctx.today();
    let date = match &a.date {
        Some(d) => ctx.date(d, Tense::Past)?,
        None => today,
    };
    check_future(ctx, date, today)?;
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
    let objectives: Vec<String> = super::objective::resolve_all(ctx, db.conn(), &a.objectives)?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let now = ctx.now_str();
    let entry = LogEntry {
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
        logged_by: Some(ctx.user()),
        created_at: now.clone(),
        updated_at: now.clone(),
        org_ids: orgs.iter().map(|o| o.id.clone()).collect(),
        person_ids,
    };
    let follow_up = match &a.follow_up {
        Some(title) => {
            let title = fields::line("follow-up", title)?;
            require("follow-up", &title)?;
            let due = a.due.as_deref().map(|d| ctx.date(d, Tense::Future)).transpose()?;
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

/// A contact more than a week ahead is most likely a typo (2027 for
/// 2026): asked about on a terminal, warned about in a script.
fn check_future(ctx: &Ctx, date: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<()> {
    let days = (date - today).num_days();
    if days <= 7 || ctx.yes {
        return Ok(());
    }
    let ahead = format!(
        "the date {date} is {} ahead",
        crate::text::plural(days, "day", "days")
    );
    if !ctx.interactive {
        eprintln!("warning: {ahead}; logged as given");
        eprintln!("hint: if it is a typo, fix it with liaison undo and log it again");
        return Ok(());
    }
    if prompt::confirm(&format!("{ahead}: log it anyway?"))? {
        Ok(())
    } else {
        Err(Error::user("cancelled; nothing was changed").hint("give the date of the contact with --date"))
    }
}

fn missing(field: &str, example: &str) -> Error {
    Error::usage(format!("{field} is missing")).hint(format!("pass it as a flag, e.g. {example}"))
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

fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let q = a.id.trim().to_ascii_lowercase();
    if q.len() < 4 || !q.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::usage(format!(
            "`{}` is not a log entry ID",
            crate::text::printable(a.id.trim(), false)
        ))
        .hint("give four or more hex digits of its ID, as liaison history shows them"));
    }
    let ids = db::log::ids_by_prefix(db.conn(), &q)?;
    let id = match ids.as_slice() {
        [id] => id,
        [] => {
            return Err(Error::user(format!("no log entry has an ID starting with {q}"))
                .hint("find it with liaison history or liaison search"));
        }
        _ => {
            return Err(
                Error::user(format!("`{q}` starts {} IDs", ids.len())).hint("give more digits of the ID")
            );
        }
    };
    let i =
        db::log::get(db.conn(), id)?.ok_or_else(|| Error::internal("log entry vanished while reading"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&i),
        Format::Csv => ctx.out.csv(records::LOG_COLUMNS, &[records::log(&i)]),
        Format::Table => {
            let when = match &i.time {
                Some(t) => format!("{} {t}", i.date),
                None => i.date.to_string(),
            };
            ctx.out.fields(&[
                ("id", i.id.clone()),
                ("date", when),
                ("channel", i.channel.to_string()),
                ("direction", i.direction.to_string()),
                ("organisations", join(&i.organisations)),
                ("people", join(&i.people)),
                ("subject", opt(&i.subject)),
                ("tags", join(&i.tags)),
                (
                    "objectives",
                    i.objectives
                        .iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("logged by", opt(&i.logged_by)),
            ])?;
            ctx.out.line("")?;
            ctx.out.line(&i.summary)
        }
    }
}
