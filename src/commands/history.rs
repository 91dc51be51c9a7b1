//! `liaison history`: the contact timeline, newest first.

use clap::Args;

use super::{resolve_org, word};
use crate::commands::number;
use crate::context::Ctx;
use crate::csvio::records;
use crate::dates::Tense;
use crate::db;
use crate::error::Result;
use crate::model::fields;
use crate::model::log::{Channel, LogEntry};
use crate::render::{Format, opt};

/// Show the contact log, newest first, for one organisation or all.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only contacts with this organisation
    #[arg(value_name = "ORG")]
    pub org: Option<String>,
    /// From this date on
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Up to this date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only this channel
    #[arg(long, value_parser = word::<Channel>)]
    pub channel: Option<Channel>,
    /// Only entries with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only those serving this objective (its number or a word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
    /// At most this many entries (0: all)
    #[arg(long, default_value_t = 50, value_name = "N", value_parser = number::count, allow_negative_numbers = true)]
    pub limit: usize,
}

pub fn run(ctx: &mut Ctx, a: HistoryArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let filter = db::log::Filter {
        org_id: a
            .org
            .as_deref()
            .map(|o| resolve_org(ctx, db.conn(), o))
            .transpose()?
            .map(|o| o.id),
        since: a.since.as_deref().map(|d| ctx.date(d, Tense::Past)).transpose()?,
        until: a.until.as_deref().map(|d| ctx.date(d, Tense::Past)).transpose()?,
        channel: a.channel,
        tag: a.tag.as_deref().map(fields::tag).transpose()?,
        objective_id: super::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
        limit: super::limit(a.limit),
    };
    let entries = db::log::list(db.conn(), &filter)?;
    // Counted only when the page is full: the common short list costs nothing.
    let total = if filter.limit == Some(entries.len()) {
        db::log::count(db.conn(), &filter, entries.len() + super::COUNTED)?
    } else {
        entries.len()
    };
    print(ctx, &entries)?;
    super::more_counted(ctx, entries.len(), total, super::ALL)
}

/// Writes log entries in the chosen format.
pub fn print(ctx: &mut Ctx, entries: &[LogEntry]) -> Result<()> {
    match ctx.format() {
        Format::Json => ctx.out.json(entries),
        Format::Csv => {
            let rows: Vec<Vec<String>> = entries.iter().map(records::log).collect();
            ctx.out.csv(records::LOG_COLUMNS, &rows)
        }
        Format::Table => {
            if entries.is_empty() {
                return ctx.out.line("no log entries match");
            }
            ctx.out.table_hiding(
                &["date", "channel", "dir", "org", "subject", "summary", "id"],
                &rows(entries),
                &["dir", "channel"],
            )
        }
    }
}

/// Table rows for log entries: the summary's first line, shortened, marked
/// when there is more (`log show ID` prints it whole).
pub fn rows(entries: &[LogEntry]) -> Vec<Vec<String>> {
    entries
        .iter()
        .map(|i| {
            vec![
                i.date.to_string(),
                i.channel.to_string(),
                i.direction.to_string(),
                i.organisations.join(", "),
                opt(&i.subject),
                shorten(&crate::text::one_line(&i.summary), 60),
                crate::model::person::short_id(&i.id).to_string(),
            ]
        })
        .collect()
}

/// Cuts text to at most `max` characters, marking the cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}
