//! `liaison import`: CSV from spreadsheets, all rows or none.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use crate::context::Ctx;
use crate::csvio::read::{self, Choices};
use crate::error::{Error, Result};
use crate::import::{self, Entity, OnDuplicate, Options};
use crate::render::Format;

/// Import a CSV file (or - for stdin) as a spreadsheet saved it, or a
/// sheet of an .xlsx or .ods file. Every row
/// is checked first; if any is wrong nothing is stored, and each problem is
/// reported with its line, column and value.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_enum)]
    pub entity: Entity,
    /// The CSV, .xlsx or .ods file, or - for stdin
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Check everything and say what would change, storing nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Read a column as a field: --map 'Partei=name' (or 'Column=-' to ignore it)
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// What to do with rows already in the database
    #[arg(long, value_enum, default_value_t = OnDuplicate::Fail)]
    pub on_duplicate: OnDuplicate,
    /// auto, utf-8, utf-16le, utf-16be, windows-1256, windows-1252, iso-8859-7…
    #[arg(long, default_value = "auto")]
    pub encoding: String,
    /// auto, ',', ';', tab or '|'
    #[arg(long, default_value = "auto")]
    pub delimiter: String,
    /// The sheet to read from an .xlsx or .ods file (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Put columns liaison does not know into the notes
    #[arg(long)]
    pub keep_unknown: bool,
    /// Write every problem to this CSV file
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Import the good rows and write the refused ones, unchanged, with
    /// their reasons in a last column, to FILE (in the input's encoding and
    /// delimiter, or a workbook if it ends in .xlsx): correct them there
    /// and import FILE
    #[arg(long, value_name = "FILE")]
    pub partial: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, a: ImportArgs) -> Result<()> {
    let mut maps = Vec::new();
    for m in &a.maps {
        let Some((column, field)) = m.split_once('=') else {
            return Err(
                Error::usage(format!("--map {m}: expected COLUMN=FIELD")).hint("e.g. --map 'Partei=name'")
            );
        };
        maps.push((column.trim().to_string(), field.trim().to_string()));
    }
    let opts = Options {
        entity: a.entity,
        input: a.file.clone(),
        choices: Choices {
            encoding: read::encoding_choice(&a.encoding)?,
            delimiter: read::delimiter_choice(&a.delimiter)?,
            sheet: a.sheet.clone(),
        },
        maps,
        on_duplicate: a.on_duplicate,
        date_order: ctx.date_order,
        dry_run: a.dry_run,
        keep_unknown: a.keep_unknown,
        errors: a.errors.clone(),
        partial: a.partial.clone(),
        today: ctx.today(),
        now: ctx.now_str(),
        user: ctx.user(),
        progress: std::io::stderr().is_terminal(),
        warn: |m| eprintln!("warning: {m}"),
    };
    let mut db = ctx.open_db()?;
    let mut opts = opts;
    if opts.date_order.is_none() {
        opts.date_order = super::config::date_order(&db)?;
    }
    let outcome = import::run(&mut db, &opts)?;
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    if ctx.format() == Format::Json {
        return ctx.out.json(&outcome);
    }
    let verb = if outcome.dry_run {
        "would import"
    } else {
        "imported"
    };
    let refused = if a.partial.is_some() {
        format!(", {} refused", outcome.refused)
    } else {
        String::new()
    };
    let mut line = format!(
        "{verb} {}: {} added, {} updated, {} skipped{refused} ({}; {})",
        outcome.file,
        outcome.added,
        outcome.updated,
        outcome.skipped,
        crate::text::plural(outcome.rows, "row", "rows"),
        outcome.encoding
    );
    if outcome.tasks_added > 0 {
        line.push_str(&format!(
            "; {}",
            crate::text::plural(outcome.tasks_added, "follow-up", "follow-ups")
        ));
    }
    ctx.out.line(&line)?;
    for n in &outcome.notes {
        ctx.out.line(n)?;
    }
    if !outcome.unknown_columns.is_empty() {
        let what = if a.keep_unknown {
            "kept in the notes"
        } else {
            "ignored"
        };
        let names: Vec<_> = outcome
            .unknown_columns
            .iter()
            .map(|c| crate::text::clipped(c).0)
            .collect();
        ctx.out.line(&format!("columns {what}: {}", names.join(", ")))?;
    }
    if outcome.refused > 0 {
        for p in outcome.problems.iter().take(20) {
            ctx.out.line(&format!("  {}", import::describe(p)))?;
        }
        if outcome.problems.len() > 20 {
            ctx.out
                .line(&format!("  … and {} more", outcome.problems.len() - 20))?;
        }
        if let Some(file) = &outcome.refused_file {
            ctx.out.line(&format!(
                "refused rows written to {file}, each with its reason: correct them there and import that file"
            ))?;
        }
    }
    if outcome.dry_run {
        ctx.out.line("nothing was stored (--dry-run)")?;
    }
    Ok(())
}
