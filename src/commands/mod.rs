//! One module per noun: its command-line arguments and handlers. Handlers
//! fetch through `db`, compute with `model`, and hand values to `render`.

pub mod agenda;
pub mod briefing;
pub mod changes;
pub mod config;
pub mod crypt;
pub mod demo;
pub mod doc;
pub mod event;
pub mod export;
pub mod group;
pub mod history;
pub mod import;
pub mod init;
pub mod log;
pub mod maintenance;
pub mod man;
pub mod objective;
pub mod org;
pub mod person;
pub mod report;
pub mod search;
pub mod task;
pub mod undo;

pub mod number;
mod resolve;

pub use resolve::{resolve_org, resolve_person};

use std::str::FromStr;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::render::Format;

/// What a capped list's closing line says unless it points elsewhere.
pub const ALL: &str = "--limit 0 shows all";

/// Says how many items a capped list left out, "… and N more (HINT)":
/// under the table, or on stderr when the output is data for another
/// program.
pub fn more(ctx: &mut Ctx, shown: usize, total: usize, hint: &str) -> Result<()> {
    if total <= shown {
        return Ok(());
    }
    closing(ctx, &format!("… and {} more ({hint})", total - shown))
}

/// How far the items beyond a full page are counted where counting them
/// all would read a large part of the file (a partner's whole log, every
/// entry with a common word): "… and over 1000 more" tells a reader as
/// much as the exact figure.
pub const COUNTED: usize = 1000;

/// Like [`more`], for a `total` counted no further than `shown + COUNTED`.
pub fn more_counted(ctx: &mut Ctx, shown: usize, total: usize, hint: &str) -> Result<()> {
    if total >= shown + COUNTED {
        more_than(ctx, total - shown, hint)
    } else {
        more(ctx, shown, total, hint)
    }
}

/// Says under a list that more than `over` further items exist, when
/// they were counted only that far.
pub fn more_than(ctx: &mut Ctx, over: usize, hint: &str) -> Result<()> {
    closing(ctx, &format!("… and over {over} more ({hint})"))
}

fn closing(ctx: &mut Ctx, text: &str) -> Result<()> {
    match ctx.format() {
        Format::Table => ctx.out.line(text),
        Format::Json | Format::Csv => {
            eprintln!("note: {text}");
            Ok(())
        }
    }
}

/// A `--limit` as SQL takes it: 0 (all) is no limit.
pub fn limit(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

/// A clap value parser for the closed word sets of `model` (kinds,
/// statuses…), so a bad value is a usage error naming the choices.
pub fn word<T: FromStr<Err = Error>>(s: &str) -> std::result::Result<T, String> {
    s.parse::<T>().map_err(|e| {
        let mut msg = e.message;
        for h in e.hints {
            msg.push_str("; ");
            msg.push_str(&h);
        }
        msg
    })
}

/// Asks before something that cannot be undone, unless `--yes` was given.
/// Without a terminal the answer must come from `--yes`.
pub fn confirm(ctx: &crate::context::Ctx, question: &str, flag_hint: &str) -> Result<()> {
    if ctx.yes {
        return Ok(());
    }
    if !ctx.interactive {
        return Err(Error::user(format!("{question}: needs confirmation"))
            .hint(format!("add --yes to confirm: {flag_hint}")));
    }
    if crate::prompt::confirm(question)? {
        Ok(())
    } else {
        Err(Error::user("cancelled; nothing was changed"))
    }
}
