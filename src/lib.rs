//! liaison: a command-line relationship manager over a local SQLite file.
//!
//! `run` builds the context from the parsed command line and dispatches to
//! the handler of each noun under `commands/`.

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod context;
pub mod csvio;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod fault;
pub mod files;
pub mod help;
pub mod ical;
pub mod import;
pub mod matching;
pub mod model;
pub mod prompt;
pub mod render;
pub mod report;
pub mod text;

use std::io::{IsTerminal, Write};

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::{Error, Result};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    // Commands that need no database return before one is looked for.
    match &cli.command {
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(*shell, &mut cli::command(), "liaison", &mut out);
            out.flush()?;
            return Ok(());
        }
        Command::Man(args) => return commands::man::run(&cli.global, args),
        _ => {}
    }
    if matches!(cli.global.format, Some(cli::FormatArg::Html | cli::FormatArg::Md))
        && !matches!(cli.command, Command::Report(_) | Command::Demo(_))
    {
        return Err(Error::usage("--format html and md are for reports")
            .hint("listings take --format table, json or csv"));
    }
    let mut ctx = Ctx::new(&cli.global)?;
    let result = match cli.command {
        Command::Init(args) => commands::init::run(&mut ctx, args),
        Command::Demo(args) => commands::demo::run(&mut ctx, &cli.global, args),
        Command::Org(cmd) => commands::org::run(&mut ctx, cmd),
        Command::Group(cmd) => commands::group::run(&mut ctx, cmd),
        Command::Person(cmd) => commands::person::run(&mut ctx, cmd),
        Command::Log(args) => commands::log::run(&mut ctx, args),
        Command::History(args) => commands::history::run(&mut ctx, args),
        Command::Undo(args) => commands::undo::run(&mut ctx, args),
        Command::Changes(args) => commands::changes::run(&mut ctx, args),
        Command::Task(cmd) => commands::task::run(&mut ctx, cmd),
        Command::Agenda(args) => commands::agenda::run(&mut ctx, args),
        Command::Search(args) => commands::search::run(&mut ctx, args),
        Command::Event(cmd) => commands::event::run(&mut ctx, cmd),
        Command::Doc(cmd) => commands::doc::run(&mut ctx, cmd),
        Command::Briefing(cmd) => commands::briefing::run(&mut ctx, cmd),
        Command::Objective(cmd) => commands::objective::run(&mut ctx, cmd),
        Command::Import(args) => commands::import::run(&mut ctx, args),
        Command::Export(args) => commands::export::run(&mut ctx, args),
        Command::Report(cmd) => commands::report::run(&mut ctx, cmd),
        Command::Config(cmd) => commands::config::run(&mut ctx, cmd),
        Command::Backup(args) => commands::maintenance::backup(&mut ctx, args),
        Command::Check(args) => commands::maintenance::check(&mut ctx, args),
        Command::Encrypt(args) => commands::crypt::encrypt(&mut ctx, args),
        Command::Decrypt(args) => commands::crypt::decrypt(&mut ctx, args),
        Command::Rekey(args) => commands::crypt::rekey(&mut ctx, args),
        Command::Restore(args) => commands::maintenance::restore(&mut ctx, args),
        Command::Completions { .. } | Command::Man(_) => Ok(()),
    };
    let flushed = ctx.out.flush();
    result.and(flushed)
}

/// Prints an error and its hints to stderr; returns the exit code.
pub fn report(e: &Error) -> i32 {
    if e.is(crate::error::Cause::ClosedPipe) {
        return 0;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (red, yellow, reset) = if color {
        ("\x1b[31m", "\x1b[33m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{red}error:{reset} {}", text::printable(&e.message, false));
    for h in &e.hints {
        let _ = writeln!(err, "{yellow}hint:{reset} {}", text::printable(h, false));
    }
    e.kind.exit_code()
}

/// Turns a panic into one `error:` line and exit 255 instead of a backtrace.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "error: internal error: {what}{place}");
        let _ = writeln!(
            err,
            "hint: this is a bug in liaison; nothing was saved by this command. Please report it with the command you ran"
        );
        files::remove_temporary();
        std::process::exit(255);
    }));
}
