//! `liaison demo`: build a sample database and walk through it.

use std::path::Path;

use clap::Args;

use crate::cli::Global;
use crate::context::{Ctx, default_data_dir};
use crate::db::{self, Db};
use crate::error::{Error, Result};

/// Build a realistic sample database and show what liaison does. It is
/// written to its own file (never your database): by default demo.db in
/// liaison's data folder, or --db PATH. LIAISON_DB is ignored here.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// Marks a database as built by `liaison demo`, so it may be rebuilt.
const DEMO_MARK: &str = "demo";

pub fn run(ctx: &mut Ctx, global: &Global, _a: DemoArgs) -> Result<()> {
    let path = match &global.db {
        Some(p) => p.clone(),
        None => default_data_dir()?.join("demo.db"),
    };
    clear_previous(&path)?;
    let mut db = Db::create(&path)?;
    db.set_actor(ctx.actor());
    let now = ctx.now_str();
    let today = ctx.today();
    let ((orgs, people), (entries, tasks)) = db.write(|tx| {
        db::set_meta(tx, DEMO_MARK, "1")?;
        let counts = (
            crate::demo::build(tx, &now, today)?,
            crate::demo::build_log(tx, today, &now)?,
        );
        crate::demo::build_activity(tx, today, &now)?;
        Ok(counts)
    })?;
    drop(db);
    ctx.db_path = path.clone();
    let shown = db::shell_quote(&path);
    ctx.out.heading(&format!(
        "Sample database with {orgs} organisations, {people} people, {entries} contacts and {tasks} follow-ups: {shown}"
    ))?;
    ctx.out
        .line(&format!("Try any command on it with --db {shown}"))?;
    step(
        ctx,
        &shown,
        "organisations in Western Asia (neighbours and the region)",
        &["org", "list", "--region", "western asia"],
    )?;
    step(
        ctx,
        &shown,
        "the screen before a call; names in any script find it",
        &["org", "show", "Κομμουνιστικό Κόμμα"],
    )?;
    step(
        ctx,
        &shown,
        "search with Arabic letters finds Persian and Kurdish spellings",
        &["search", "كمونيست"],
    )?;
    step(ctx, &shown, "what needs attention today", &["agenda"])?;
    step(
        ctx,
        &shown,
        "a statement, its translations and who received which",
        &["doc", "show", "oil"],
    )?;
    step(
        ctx,
        &shown,
        "the last contacts with one partner",
        &["history", "kcp", "--limit", "5"],
    )?;
    step(
        ctx,
        &shown,
        "the report for the leadership (also --format md|html|csv|json, --lang fa, --calendar persian)",
        &["report", "quarterly"],
    )?;
    Ok(())
}

/// Removes an earlier demo database at `path`; refuses any other file.
fn clear_previous(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let is_demo = Db::open(path)
        .and_then(|db| db.meta(DEMO_MARK))
        .map(|m| m.as_deref() == Some("1"))
        .unwrap_or(false);
    if !is_demo {
        return Err(
            Error::user(format!("{} exists and is not a demo database", path.display()))
                .hint("the demo never overwrites real data: give it another path with --db"),
        );
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::user(format!(
                    "cannot replace {}: {}",
                    path.display(),
                    db::io_reason(&e)
                )));
            }
        }
    }
    Ok(())
}

/// Prints a command as a user would type it, then runs it in-process.
fn step(ctx: &mut Ctx, db: &str, why: &str, args: &[&str]) -> Result<()> {
    ctx.out.line("")?;
    ctx.out.heading(&format!("# {why}"))?;
    let shown: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(' ') {
                format!("'{a}'")
            } else {
                a.to_string()
            }
        })
        .collect();
    ctx.out
        .line(&format!("$ liaison --db {db} {}", shown.join(" ")))?;
    let cli = <crate::cli::Cli as clap::Parser>::try_parse_from(
        std::iter::once("liaison").chain(args.iter().copied()),
    )
    .map_err(|e| Error::internal(format!("demo step `{}` does not parse: {e}", args.join(" "))))?;
    match cli.command {
        crate::cli::Command::Org(c) => crate::commands::org::run(ctx, c),
        crate::cli::Command::Person(c) => crate::commands::person::run(ctx, c),
        crate::cli::Command::Search(a) => crate::commands::search::run(ctx, a),
        crate::cli::Command::Agenda(a) => crate::commands::agenda::run(ctx, a),
        crate::cli::Command::History(a) => crate::commands::history::run(ctx, a),
        crate::cli::Command::Report(c) => crate::commands::report::run(ctx, c),
        crate::cli::Command::Doc(c) => crate::commands::doc::run(ctx, c),
        _ => Err(Error::internal("demo step is not a listing")),
    }
}
