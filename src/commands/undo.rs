//! `liaison undo`: revert the last commands from the change history.

use clap::Args;

use super::changes::{Entry, entry, heading};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::render::Format;

/// Revert the last command's changes (or the last N commands'), from the
/// change history. The undo is recorded too: `--redo` puts back what it
/// reverted.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// How many commands to revert, newest first
    #[arg(value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub n: u16,
    /// Show the recent commands and whether they were undone, instead
    #[arg(long, conflicts_with = "redo")]
    pub list: bool,
    /// Put back what the last undo reverted (right after it)
    #[arg(long)]
    pub redo: bool,
    /// With --list: how many commands to show
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// How many changed rows of each reverted command are described.
const SHOWN: usize = 20;

pub fn run(ctx: &mut Ctx, a: UndoArgs) -> Result<()> {
    if a.list {
        return list(ctx, a.limit);
    }
    let mut db = ctx.open_db()?;
    let (kind, done) = db.write_recorded(|tx, by| {
        let (kind, targets) = if a.redo {
            let undo = db::changes::redoable(tx, by)?.ok_or_else(|| {
                Error::user("nothing to redo: the last command was not an undo")
                    .hint("see what was done and undone with: liaison undo --list")
            })?;
            ("redo", vec![undo])
        } else {
            let targets = db::changes::undoable(tx, a.n.into(), by)?;
            if targets.is_empty() {
                return Err(
                    Error::user("nothing to undo: no recorded command is left to revert")
                        .hint("see what was done and undone with: liaison undo --list"),
                );
            }
            ("undo", targets)
        };
        // Described before reverting, while the rows still carry their
        // names; a redo is described by the commands it puts back.
        let described = if kind == "redo" {
            db::changes::undone_by(tx, targets[0].seq)?
        } else {
            targets.clone()
        };
        let mut done: Vec<Entry> = Vec::new();
        for t in &described {
            let shown = db::changes::changes_of(tx, t.seq, SHOWN)?;
            done.push(entry(tx, t.clone(), shown));
        }
        let seqs: Vec<i64> = targets.iter().map(|t| t.seq).collect();
        db::changes::revert(tx, &seqs, by, kind)?;
        Ok((kind, done))
    })?;
    if ctx.format() == Format::Json {
        return ctx.out.json(&done);
    }
    for e in &done {
        ctx.out.line(&format!(
            "{} {}",
            if kind == "redo" { "redid" } else { "undid" },
            heading(&e.command)
        ))?;
        for s in &e.summary {
            ctx.out.line(&format!("    {s}"))?;
        }
        let hidden = e.command.changes - e.shown.len() as i64;
        if hidden > 0 {
            ctx.out.line(&format!("    … and {} more", rows(hidden)))?;
        }
    }
    if kind == "undo" {
        ctx.out.line("put it back with: liaison undo --redo")?;
    }
    Ok(())
}

fn list(ctx: &mut Ctx, limit: usize) -> Result<()> {
    let db = ctx.open_db()?;
    let commands = db::changes::recent(db.conn(), limit)?;
    match ctx.format() {
        Format::Json => ctx.out.json(&commands),
        Format::Csv => {
            let rows: Vec<Vec<String>> = commands
                .iter()
                .map(|c| {
                    vec![
                        c.seq.to_string(),
                        c.at.clone(),
                        c.user.clone(),
                        c.line.clone(),
                        c.changes.to_string(),
                        c.reverts.clone().unwrap_or_default(),
                        c.undone_by.map(|n| n.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            ctx.out.csv(
                &["command", "at", "user", "line", "changes", "reverts", "undone_by"],
                &rows,
            )
        }
        Format::Table => {
            if commands.is_empty() {
                return ctx.out.line("no recorded commands");
            }
            for c in &commands {
                ctx.out.line(&format!("{}  ({})", heading(c), rows(c.changes)))?;
            }
            Ok(())
        }
    }
}

/// "1 row", "2 rows".
fn rows(n: i64) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}
