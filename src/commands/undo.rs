//! `liaison undo`: revert the last commands from the change history.

use clap::Args;
use rusqlite::Connection;

use super::changes::{Entry, entry, heading, local_time};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::change::Command;
use crate::render::Format;

/// Revert the last command that changed something (or the last N), from
/// the change history. It shows what it will revert and asks first
/// (`--yes` in scripts). The undo is recorded too: `--redo` puts back what
/// it reverted, also after other commands, as long as they did not change
/// the same rows. A purge (`rm --purge`) cannot be undone.
///
/// Examples: `liaison undo`, `liaison --yes undo 3`, `liaison undo --command 12`,
/// `liaison undo --redo`, `liaison undo --list`
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// How many commands to revert, newest first [default: 1]
    #[arg(value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub n: Option<u16>,
    /// Revert only the command with this number in --list, when no later
    /// command changed the same rows
    #[arg(long, value_name = "SEQ", conflicts_with_all = ["n", "redo", "list"])]
    pub command: Option<i64>,
    /// Show the recent commands and whether they were undone, instead
    #[arg(long, conflicts_with = "redo")]
    pub list: bool,
    /// Put back what the most recent undo not yet redone reverted
    #[arg(long, conflicts_with = "n")]
    pub redo: bool,
    /// With --list: how many commands to show (0: all)
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = super::number::count, allow_negative_numbers = true)]
    pub limit: usize,
}

/// How many changed rows of each reverted command are described.
const SHOWN: usize = 20;

/// What an undo or redo will revert.
struct Plan {
    /// `undo` or `redo`.
    kind: &'static str,
    /// The commands reverted, newest first: for a redo, the undo.
    targets: Vec<Command>,
    /// The commands whose changes go or come back, newest first.
    described: Vec<Command>,
}

impl Plan {
    fn seqs(&self) -> Vec<i64> {
        self.targets.iter().map(|t| t.seq).collect()
    }
}

pub fn run(ctx: &mut Ctx, a: UndoArgs) -> Result<()> {
    if a.list {
        return list(ctx, a.limit);
    }
    let mut db = ctx.open_db()?;
    let planned = plan(db.conn(), &a, i64::MAX)?;
    // Described before reverting, while the rows still carry their names.
    let mut done: Vec<Entry> = Vec::new();
    for c in &planned.described {
        let shown = db::changes::changes_of(db.conn(), c.seq, SHOWN)?;
        done.push(entry(db.conn(), c.clone(), shown));
    }
    if ctx.interactive && !ctx.yes {
        let verb = if planned.kind == "redo" {
            "will redo"
        } else {
            "will undo"
        };
        for line in describe(verb, &done) {
            eprintln!("{}", crate::text::printable(&line, true));
        }
    }
    super::confirm(ctx, &question(&planned), &again(&a))?;
    let kind = planned.kind;
    let seqs = planned.seqs();
    db.write_recorded(|tx, by| {
        // Another process may have written while we asked.
        if plan(tx, &a, by)?.seqs() != seqs {
            return Err(
                Error::user("the history changed while asking; nothing was changed")
                    .hint("look again with: liaison undo --list"),
            );
        }
        db::changes::revert(tx, &seqs, by, kind)?;
        Ok(())
    })?;
    if ctx.format() == Format::Json {
        return ctx.out.json(&done);
    }
    for line in describe(if kind == "redo" { "redid" } else { "undid" }, &done) {
        ctx.out.line(&line)?;
    }
    if kind == "undo" {
        ctx.out.line("put it back with: liaison undo --redo")?;
    }
    Ok(())
}

/// Finds what the arguments ask to revert, before command `below`; refuses
/// what cannot be reverted.
fn plan(conn: &Connection, a: &UndoArgs, below: i64) -> Result<Plan> {
    let list_hint = "see what was done and undone with: liaison undo --list";
    if a.redo {
        let undo = db::changes::redoable(conn, below)?.ok_or_else(|| {
            Error::user("nothing to redo: every undo has been put back already").hint(list_hint)
        })?;
        let back = db::changes::undone_by(conn, undo.seq)?;
        return Ok(Plan {
            kind: "redo",
            targets: vec![undo],
            described: back,
        });
    }
    if let Some(seq) = a.command {
        let c = db::changes::command(conn, seq)?
            .filter(|c| c.seq < below)
            .ok_or_else(|| Error::user(format!("no command #{seq} in the history")).hint(list_hint))?;
        if let Some(by) = c.undone_by {
            return Err(
                Error::user(format!("command #{seq} is undone already (by #{by})"))
                    .hint("put it back with: liaison undo --redo"),
            );
        }
        if let Some(kind) = &c.reverts {
            return Err(Error::user(format!("command #{seq} is itself a {kind}"))
                .hint("put back what an undo reverted with: liaison undo --redo"));
        }
        if c.purge {
            return Err(db::changes::purged(&c, "undo"));
        }
        return Ok(Plan {
            kind: "undo",
            targets: vec![c.clone()],
            described: vec![c],
        });
    }
    let n = usize::from(a.n.unwrap_or(1));
    let targets = db::changes::undoable(conn, n, below)?;
    if targets.is_empty() {
        return Err(Error::user("nothing to undo: no recorded command is left to revert").hint(list_hint));
    }
    if targets.len() < n {
        let left = targets.len();
        return Err(Error::user(format!(
            "cannot undo {}: only {} left to undo",
            commands(n),
            commands(left)
        ))
        .hint(format!("undo all of them with: liaison undo {left}"))
        .hint(list_hint));
    }
    if let Some(at) = targets.iter().position(|c| c.purge) {
        let purge = &targets[at];
        if at == 0 {
            return Err(db::changes::purged(purge, "undo"));
        }
        return Err(Error::user(format!(
            "cannot undo {n} commands: #{} among them (liaison {}) removed records for good",
            purge.seq, purge.line
        ))
        .hint(format!("undo the ones after it with: liaison undo {at}"))
        .hint("undo an earlier command by its number: liaison undo --command N"));
    }
    Ok(Plan {
        kind: "undo",
        described: targets.clone(),
        targets,
    })
}

/// The one-line question asked before reverting, naming what goes.
fn question(p: &Plan) -> String {
    let rows: i64 = p.described.iter().map(|c| c.changes).sum();
    match (p.kind, p.described.as_slice()) {
        ("undo", [c]) => format!("undo {}", brief(c)),
        ("redo", [c]) => format!("redo #{}, putting back {}", p.targets[0].seq, brief(c)),
        (kind, all) => {
            let seqs: Vec<String> = all.iter().map(|c| format!("#{}", c.seq)).collect();
            let what = if kind == "redo" {
                format!("redo #{}, putting back", p.targets[0].seq)
            } else {
                "undo".to_string()
            };
            format!(
                "{what} {} ({}; {})",
                commands(all.len()),
                seqs.join(", "),
                rows_word(rows)
            )
        }
    }
}

/// "#12 of 2026-11-27 10:00 by ana, 3 rows: liaison org add …".
fn brief(c: &Command) -> String {
    format!(
        "#{} of {} by {}, {}: liaison {}",
        c.seq,
        local_time(&c.at),
        c.user,
        rows_word(c.changes),
        c.line
    )
}

/// The command line that confirms the same request in a script.
fn again(a: &UndoArgs) -> String {
    match (a.redo, a.command, a.n) {
        (true, ..) => "liaison --yes undo --redo".into(),
        (_, Some(seq), _) => format!("liaison --yes undo --command {seq}"),
        (_, _, Some(n)) => format!("liaison --yes undo {n}"),
        _ => "liaison --yes undo".into(),
    }
}

/// The lines that say what goes (`verb` `undid`) or comes back (`redid`).
fn describe(verb: &str, entries: &[Entry]) -> Vec<String> {
    let mut lines = Vec::new();
    for e in entries {
        lines.push(format!("{verb} {}", heading(&e.command)));
        for s in &e.summary {
            lines.push(format!("    {s}"));
        }
        let hidden = e.command.changes - e.shown.len() as i64;
        if hidden > 0 {
            lines.push(format!("    … and {} more", rows_word(hidden)));
        }
    }
    lines
}

fn list(ctx: &mut Ctx, limit: usize) -> Result<()> {
    let db = ctx.open_db()?;
    let commands = db::changes::recent(db.conn(), limit)?;
    let total = if limit > 0 && commands.len() >= limit {
        db::changes::command_count(db.conn())?
    } else {
        commands.len()
    };
    print_list(ctx, &commands)?;
    super::more(ctx, commands.len(), total, super::ALL)
}

fn print_list(ctx: &mut Ctx, commands: &[crate::model::change::Command]) -> Result<()> {
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
                        c.purge.to_string(),
                    ]
                })
                .collect();
            ctx.out.csv(
                &[
                    "command",
                    "at",
                    "user",
                    "line",
                    "changes",
                    "reverts",
                    "undone_by",
                    "purge",
                ],
                &rows,
            )
        }
        Format::Table => {
            if commands.is_empty() {
                return ctx.out.line("no recorded commands");
            }
            for c in commands {
                ctx.out
                    .line(&format!("{}  ({})", heading(c), rows_word(c.changes)))?;
            }
            Ok(())
        }
    }
}

/// "1 row", "2 rows".
fn rows_word(n: i64) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

/// "1 command", "2 commands".
fn commands(n: usize) -> String {
    if n == 1 {
        "1 command".into()
    } else {
        format!("{n} commands")
    }
}
