//! `liaison export`: CSV for spreadsheets, with the import's column names.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::context::Ctx;
use crate::csvio::{self, records};
use crate::dates::Tense;
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::files::{self, Existing};

/// Export as RFC 4180 CSV in UTF-8, or as an .xlsx workbook when --out
/// names one (`all`: one sheet per entity). Columns have the names import
/// reads, so export → import loses nothing. CSV cells a spreadsheet would
/// run as a formula are prefixed with ' (import removes it) unless
/// --no-sanitize; in a workbook every cell is text, a date or a time.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export (`all`: one file each into the --out folder, or one
    /// sheet each into an --out FILE.xlsx)
    #[arg(value_enum)]
    pub what: What,
    /// Write to this file (a folder for `all`) instead of stdout; a name
    /// ending in .xlsx writes a workbook
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    /// Only log entries from this date on
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only log entries up to this date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Start with a UTF-8 byte-order mark (Excel wants it)
    #[arg(long)]
    pub bom: bool,
    /// Write cells exactly, even those a spreadsheet would run as formulas
    #[arg(long)]
    pub no_sanitize: bool,
    /// Write events or tasks as iCalendar (RFC 5545) for a calendar
    /// program (also chosen by an --out name ending in .ics)
    #[arg(long)]
    pub ical: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    Orgs,
    People,
    Log,
    Tasks,
    Events,
    Briefings,
    Docs,
    Distributions,
    All,
}

/// The columns of an exported task: the list number is a view, not data.
const TASK_EXPORT_COLUMNS: &[&str] = match records::TASK_COLUMNS.split_first() {
    Some((_number, rest)) => rest,
    None => &[],
};

pub fn run(ctx: &mut Ctx, a: ExportArgs) -> Result<()> {
    let db = ctx.open_db()?;
    if db.encrypted() {
        eprintln!(
            "warning: the database is encrypted, the export is plain text: keep it as safe as the database"
        );
    }
    let since = a.since.as_deref().map(|d| ctx.date(d, Tense::Past)).transpose()?;
    let until = a.until.as_deref().map(|d| ctx.date(d, Tense::Past)).transpose()?;
    let period = (since, until);
    let protected = files::Protected::database(db.path());
    let ics = a
        .out
        .as_deref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    if a.ical || ics {
        return ical(ctx, &db, &a, &protected);
    }
    if let Some(path) = &a.out
        && let Some(ext) = spreadsheet_extension(path)
    {
        if ext != "xlsx" {
            return Err(Error::usage(format!("export writes .xlsx workbooks, not .{ext}"))
                .hint("write FILE.xlsx: LibreOffice and every spreadsheet open it"));
        }
        let mut book = csvio::book::Book::new();
        for (what, name) in ALL {
            if a.what == what || a.what == What::All {
                let mut csv = Vec::new();
                write(&db, what, &mut csv, &a, period, Cells::Plain)?;
                book.add_csv(name, &csv)?;
            }
        }
        let bytes = book.into_bytes()?;
        let mut out = files::Output::create(path, &protected, Existing::Replace)?;
        out.write_all(&bytes)?;
        out.commit()?;
        if a.what == What::All {
            ctx.out.line(&format!("wrote {}", path.display()))?;
        }
        return Ok(());
    }
    if a.what == What::All {
        let Some(dir) = &a.out else {
            return Err(Error::usage(
                "export all writes one file per entity: give the folder with --out DIR",
            ));
        };
        files::create_private_folder(dir)?;
        for (what, name) in ALL {
            let path = dir.join(format!("{name}.csv"));
            let mut out = files::Output::create(&path, &protected, Existing::Replace)?;
            write(&db, what, &mut out, &a, period, Cells::ForSpreadsheets)?;
            out.commit()?;
            ctx.out.line(&format!("wrote {}", path.display()))?;
        }
        return Ok(());
    }
    match &a.out {
        Some(path) => {
            let mut out = files::Output::create(path, &protected, Existing::Replace)?;
            write(&db, a.what, &mut out, &a, period, Cells::ForSpreadsheets)?;
            out.commit()
        }
        None => write(&db, a.what, &mut ctx.out.out, &a, period, Cells::ForSpreadsheets),
    }
}

/// Every entity, with its file or sheet name, in the order an import wants.
const ALL: [(What, &str); 8] = [
    (What::Orgs, "orgs"),
    (What::People, "people"),
    (What::Log, "log"),
    (What::Tasks, "tasks"),
    (What::Events, "events"),
    (What::Briefings, "briefings"),
    (What::Docs, "docs"),
    (What::Distributions, "distributions"),
];

/// How CSV is written: for a spreadsheet to open (with --bom and, unless
/// --no-sanitize, formula cells escaped), or plain, to fill a workbook,
/// whose text cells are never run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cells {
    ForSpreadsheets,
    Plain,
}

/// `xlsx`, `ods`, `xls`… when `path` names a spreadsheet file.
fn spreadsheet_extension(path: &std::path::Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "fods" | "xlsb").then_some(ext)
}

type Period = (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

fn write(
    db: &Db,
    what: What,
    out: &mut dyn Write,
    a: &ExportArgs,
    period: Period,
    cells: Cells,
) -> Result<()> {
    let csv = cells == Cells::ForSpreadsheets;
    let mut w = csvio::writer(out, a.bom && csv);
    let sanitize = csv && !a.no_sanitize;
    match what {
        What::Orgs => {
            put(&mut w, strings(records::ORG_COLUMNS), false)?;
            for o in db::orgs::list(db.conn(), &db::orgs::Filter::default())? {
                put(&mut w, records::org(&o), sanitize)?;
            }
        }
        What::People => {
            put(&mut w, strings(records::PERSON_COLUMNS), false)?;
            for p in db::people::list(db.conn(), &db::people::Filter::default())? {
                put(&mut w, records::person(&p), sanitize)?;
            }
        }
        What::Log => {
            put(&mut w, strings(records::LOG_COLUMNS), false)?;
            db::log::for_each_row(db.conn(), period.0, period.1, |cells| {
                put_cells(&mut w, cells, sanitize)
            })?;
        }
        What::Tasks => {
            put(&mut w, strings(TASK_EXPORT_COLUMNS), false)?;
            for t in db::tasks::all(db.conn())? {
                put(&mut w, records::task(&t)[1..].to_vec(), sanitize)?;
            }
        }
        What::Events => {
            put(&mut w, strings(records::EVENT_COLUMNS), false)?;
            for e in db::events::list(db.conn(), &db::events::Filter::default())? {
                put(&mut w, records::event(&e), sanitize)?;
            }
        }
        What::Briefings => {
            put(&mut w, strings(records::BRIEFING_COLUMNS), false)?;
            for b in db::briefings::list(db.conn(), &db::briefings::Filter::default())? {
                put(&mut w, records::briefing(&b), sanitize)?;
            }
        }
        What::Docs => {
            put(&mut w, strings(records::DOC_COLUMNS), false)?;
            let mut docs = db::documents::list(db.conn(), true)?;
            // Originals before their translations, so an import can link them.
            docs.sort_by_key(|d| {
                (
                    d.translation_of.is_some(),
                    d.date,
                    d.created_at.clone(),
                    d.id.clone(),
                )
            });
            for d in docs {
                put(&mut w, records::document(&d), sanitize)?;
            }
        }
        What::Distributions => {
            put(&mut w, strings(records::DISTRIBUTION_COLUMNS), false)?;
            for x in db::documents::all_distributions(db.conn())? {
                put(&mut w, records::distribution(&x), sanitize)?;
            }
        }
        What::All => unreachable!("handled by run"),
    }
    w.flush()?;
    Ok(())
}

/// Writes one record of borrowed cells, escaping formula cells when asked.
fn put_cells<W: Write>(w: &mut csv::Writer<W>, cells: &[&str], sanitize: bool) -> Result<()> {
    if sanitize {
        w.write_record(
            cells
                .iter()
                .map(|c| csvio::sanitize(c))
                .collect::<Vec<_>>()
                .iter()
                .map(|c| c.as_bytes()),
        )?;
    } else {
        w.write_record(cells)?;
    }
    Ok(())
}

/// Writes one record, escaping formula cells when asked.
fn put<W: Write>(w: &mut csv::Writer<W>, cells: Vec<String>, sanitize: bool) -> Result<()> {
    if sanitize {
        w.write_record(cells.iter().map(|c| csvio::sanitize(c).into_owned()))?;
    } else {
        w.write_record(&cells)?;
    }
    Ok(())
}

fn strings(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| c.to_string()).collect()
}

/// `export events|tasks --ical`: every event, or every open follow-up, as
/// an iCalendar file.
fn ical(ctx: &mut Ctx, db: &Db, a: &ExportArgs, protected: &files::Protected) -> Result<()> {
    let (events, tasks) = match a.what {
        What::Events => (
            db::events::list(db.conn(), &db::events::Filter::default())?,
            Vec::new(),
        ),
        What::Tasks => {
            let open = db::tasks::all(db.conn())?
                .into_iter()
                .filter(|t| t.status == crate::model::task::TaskStatus::Open)
                .collect();
            (Vec::new(), open)
        }
        _ => {
            return Err(Error::usage("iCalendar holds events and tasks only")
                .hint("liaison export events --ical, or liaison export tasks --ical"));
        }
    };
    let text = crate::ical::calendar(&events, &tasks, ctx.now);
    match &a.out {
        Some(path) => {
            let mut out = files::Output::create(path, protected, Existing::Replace)?;
            out.write_all(text.as_bytes())?;
            out.commit()
        }
        None => ctx.out.raw(&text),
    }
}
