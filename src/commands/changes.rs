//! `liaison changes`: who changed what and when, from the change history.

use std::collections::HashMap;

use chrono::{DateTime, Local};
use clap::{Args, CommandFactory};
use rusqlite::Connection;
use serde::Serialize;

use crate::commands::number;
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::change::{Change, Command, Entity, describe, net};
use crate::render::Format;

/// Show what changed, who changed it and when, newest first: for one
/// organisation (its record, people, log entries, tasks, events and
/// copies sent) or for everything.
#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Only changes that concern this organisation (handle or any name)
    #[arg(value_name = "ORG")]
    pub org: Option<String>,
    /// At most this many commands (0: all)
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = number::count, allow_negative_numbers = true)]
    pub limit: usize,
    /// At most this many changed rows shown per command
    #[arg(long, default_value_t = 50, value_name = "N", value_parser = number::count, allow_negative_numbers = true)]
    pub rows: usize,
}

/// A command with the changes shown for it.
#[derive(Debug, Serialize)]
pub struct Entry {
    #[serde(flatten)]
    pub command: Command,
    /// One line per change worth reading.
    pub summary: Vec<String>,
    /// The recorded rows, before and after.
    #[serde(rename = "rows")]
    pub shown: Vec<Change>,
}

pub fn run(ctx: &mut Ctx, a: ChangesArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let conn = db.conn();
    let (entries, total) = match &a.org {
        Some(q) => {
            let org = match db::orgs::by_handle(conn, &q.trim().to_ascii_lowercase())? {
                Some((o, _)) => o,
                None => super::resolve_org(ctx, conn, q)?,
            };
            let found = db::changes::changes_for_org(conn, &org.id, a.limit)?;
            let mut by_command: Vec<(i64, Vec<Change>)> = Vec::new();
            for c in found {
                match by_command.last_mut() {
                    Some((seq, list)) if *seq == c.command => list.push(c),
                    _ => by_command.push((c.command, vec![c])),
                }
            }
            let mut entries = Vec::new();
            for (seq, mut list) in by_command {
                list.reverse();
                list.truncate(a.rows);
                if let Some(command) = db::changes::command(conn, seq)? {
                    let mut e = entry(conn, command, list);
                    for merged in merged_into(conn, seq, &org.id)? {
                        e.summary
                            .insert(0, format!("merged organisation {merged} into {}", org.handle));
                    }
                    entries.push(e);
                }
            }
            let total = if a.limit > 0 && entries.len() >= a.limit {
                db::changes::commands_for_org(conn, &org.id)?
            } else {
                entries.len()
            };
            (entries, total)
        }
        None => {
            let mut entries = Vec::new();
            for command in db::changes::recent(conn, a.limit)? {
                let list = db::changes::changes_of(conn, command.seq, a.rows)?;
                entries.push(entry(conn, command, list));
            }
            let total = if a.limit > 0 && entries.len() >= a.limit {
                db::changes::command_count(conn)?
            } else {
                entries.len()
            };
            (entries, total)
        }
    };
    print(ctx, &entries, a.org.is_some())?;
    super::more(ctx, entries.len(), total, super::ALL)
}

/// The organisations a command deleted while it changed `org_id` (a
/// merge): the rows of the duplicate itself do not concern `org_id`, so
/// they are read from the whole command.
fn merged_into(conn: &Connection, seq: i64, org_id: &str) -> Result<Vec<String>> {
    let deleted = |row: &Option<crate::model::change::Row>| {
        row.as_ref()
            .and_then(|r| r.get("deleted_at"))
            .is_some_and(|v| !v.is_null())
    };
    let mut names = Vec::new();
    for c in db::changes::org_changes_of(conn, seq)? {
        let Some(id) = c.record.as_deref() else {
            continue;
        };
        if c.table == "organisations"
            && c.op == "update"
            && id != org_id
            && !deleted(&c.before)
            && deleted(&c.after)
        {
            let name = db::changes::label(conn, Entity::Organisation, id)?;
            names.push(name.unwrap_or_else(|| "an organisation".to_string()));
        }
    }
    Ok(names)
}

/// Describes a command's changes with names looked up in the database.
pub fn entry(conn: &Connection, command: Command, shown: Vec<Change>) -> Entry {
    let mut cache: HashMap<(Entity, String), Option<String>> = HashMap::new();
    let mut label = |e: Entity, id: &str| {
        cache
            .entry((e, id.to_string()))
            .or_insert_with(|| db::changes::label(conn, e, id).ok().flatten())
            .clone()
    };
    let summary = describe(&net(&shown), &mut label);
    Entry {
        command,
        summary,
        shown,
    }
}

/// The heading of a command: number, local time, user, what was typed.
pub fn heading(c: &Command) -> String {
    let state = match (c.reverts.as_deref(), c.undone_by) {
        (_, Some(by)) => format!("  (undone by #{by})"),
        (Some(kind), None) => format!("  ({kind})"),
        _ if c.purge => "  (purge: cannot be undone)".to_string(),
        _ => String::new(),
    };
    format!(
        "#{}  {}  {}  liaison {}{state}",
        c.seq,
        local_time(&c.at),
        c.user,
        c.line
    )
}

/// A recorded time as the local date and minute.
pub fn local_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn print(ctx: &mut Ctx, entries: &[Entry], for_org: bool) -> Result<()> {
    match ctx.format() {
        Format::Json => ctx.out.json(entries),
        Format::Csv => {
            let mut rows = Vec::new();
            for e in entries {
                for s in &e.summary {
                    rows.push(vec![
                        e.command.seq.to_string(),
                        e.command.at.clone(),
                        e.command.user.clone(),
                        e.command.line.clone(),
                        s.clone(),
                    ]);
                }
            }
            ctx.out.csv(&["command", "at", "user", "line", "change"], &rows)
        }
        Format::Table => {
            if entries.is_empty() {
                return ctx.out.line(if for_org {
                    "no recorded changes concern it"
                } else {
                    "no recorded changes"
                });
            }
            for e in entries {
                ctx.out.heading(&heading(&e.command))?;
                for s in &e.summary {
                    ctx.out.line(&format!("    {s}"))?;
                }
                let hidden = e.command.changes - e.shown.len() as i64;
                if !for_org && hidden > 0 {
                    ctx.out
                        .line(&format!("    … and {hidden} more changed rows (see --rows)"))?;
                }
            }
            Ok(())
        }
    }
}

/// What a recorded command line becomes when it named a record removed
/// for good: only the words of the command (`person rm`), never its
/// arguments.
pub const PURGED_LINE: &str = "[details removed by a purge]";

/// The recorded line of a command that named a purged record: its command
/// words and [`PURGED_LINE`].
pub fn purged_line(line: &str) -> String {
    if line.ends_with(PURGED_LINE) {
        return line.to_string();
    }
    let mut words = vec!["liaison".to_string()];
    words.extend(shell_words(line));
    let mut kept: Vec<String> = Vec::new();
    if let Ok(m) = crate::cli::Cli::command().try_get_matches_from(words) {
        let mut m = &m;
        while let Some((name, sub)) = m.subcommand() {
            kept.push(name.to_string());
            m = sub;
        }
    }
    kept.push(PURGED_LINE.to_string());
    kept.join(" ")
}

/// Splits a line quoted the way the history records it (POSIX shell
/// quoting) into its words.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            '\\' if !quoted => word.get_or_insert_with(String::new).extend(chars.next()),
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// Finishes a purge once it is saved: rewrites the file and empties its
/// write-ahead log, which still hold old copies of what was removed.
pub fn after_purge(db: &db::Db) -> Result<()> {
    let emptied = db::changes::rewrite_file(db.conn()).map_err(|e| {
        Error::new(
            e.kind,
            format!(
                "the record is removed, but old copies may remain in the file: {}",
                e.message
            ),
        )
        .hint("the removal itself is saved; the next purge rewrites the file again")
    })?;
    if !emptied {
        eprintln!(
            "note: another program has the database open; the removed rows leave its write-ahead log ({}-wal) when that program closes",
            db.path().display()
        );
    }
    Ok(())
}
