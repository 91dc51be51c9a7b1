//! `liaison report quarterly`: the leadership's quarterly report.

use std::path::PathBuf;

use chrono::Days;
use clap::{Args, Subcommand};

use crate::calendar::{Calendar, Quarter};
use crate::cli::FormatArg;
use crate::context::Ctx;
use crate::dates::Tense;
use crate::error::{Error, Result};
use crate::report::{self, Lang, Period, ReportFormat};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Whom we reached, where, how often, what came of it, what is slipping
    Quarterly(QuarterlyArgs),
}

/// The quarterly report, with the previous period beside each figure.
/// Default: the last complete quarter. --format text|md|html|csv|json (or
/// the extension of --out; --out FILE.xlsx writes a workbook with a sheet
/// per section). Reproducible: the same database and
/// LIAISON_NOW give the same bytes.
#[derive(Debug, Args)]
pub struct QuarterlyArgs {
    /// The quarter, e.g. 2026Q3 (1405Q2 with --calendar persian)
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub quarter: Option<String>,
    /// Start of a custom period (with --to)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, requires = "to")]
    pub from: Option<String>,
    /// End of a custom period (with --from)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, requires = "from")]
    pub to: Option<String>,
    /// Calendar for quarters and dates [default: the `calendar` setting,
    /// else gregorian]
    #[arg(long, value_enum)]
    pub calendar: Option<Calendar>,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of the labels
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Add the people met with their e-mail, phone and messaging handles
    /// (left out by default: a report travels further than the database)
    #[arg(long)]
    pub include_contact_details: bool,
}

pub fn run(ctx: &mut Ctx, cmd: ReportCommand) -> Result<()> {
    match cmd {
        ReportCommand::Quarterly(a) => quarterly(ctx, a),
    }
}

fn quarterly(ctx: &mut Ctx, a: QuarterlyArgs) -> Result<()> {
    let today = ctx.today();
    let db = ctx.open_db()?;
    let cal = match a.calendar {
        Some(c) => c,
        None => super::config::calendar(&db)?.unwrap_or(Calendar::Gregorian),
    };
    let (period, previous) = periods(ctx, &a, cal, today)?;
    let asked = ctx.format.map(|f| match f {
        FormatArg::Table | FormatArg::Text => ReportFormat::Text,
        FormatArg::Md => ReportFormat::Md,
        FormatArg::Html => ReportFormat::Html,
        FormatArg::Json => ReportFormat::Json,
        FormatArg::Csv => ReportFormat::Csv,
    });
    let workbook = asked.is_none()
        && a.out
            .as_ref()
            .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")));
    let format = match (asked, &a.out) {
        (Some(f), _) => f,
        (None, Some(_)) if workbook => ReportFormat::Csv,
        (None, Some(path)) => ReportFormat::from_extension(path).ok_or_else(|| {
            Error::usage(format!(
                "cannot tell the format of {} from its name",
                path.display()
            ))
            .hint("end it in .txt, .md, .html, .csv, .json or .xlsx, or pass --format")
        })?,
        (None, None) => ReportFormat::Text,
    };
    let r = report::build(db.conn(), period, previous, today, a.include_contact_details)?;
    // Colour and the terminal's width only on screen: a file is read
    // elsewhere, later.
    let color = ctx.out.color && a.out.is_none();
    let width = ctx.out.width.filter(|_| a.out.is_none());
    let body = report::render(&r, format, a.lang, color, width)?;
    let bytes = if workbook {
        sections_workbook(&body, a.lang == report::Lang::Fa)?
    } else {
        body.into_bytes()
    };
    match &a.out {
        Some(path) => {
            use std::io::Write;
            let protected = crate::files::Protected::database(db.path());
            let mut file = crate::files::Output::create(path, &protected, crate::files::Existing::Replace)?;
            file.write_all(&bytes)?;
            file.commit()?;
            ctx.out.line(&format!("wrote {}", path.display()))
        }
        None => {
            use std::io::Write;
            ctx.out.out.write_all(&bytes)?;
            Ok(())
        }
    }
}

/// The report's long CSV (`section,key,value,previous`) as a workbook: one
/// sheet per section, figures as numbers.
fn sections_workbook(csv: &str, persian: bool) -> Result<Vec<u8>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut sections: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for record in reader.records() {
        let record = record?;
        let section = record.get(0).unwrap_or_default();
        let cells: Vec<String> = record.iter().skip(1).map(str::to_string).collect();
        match sections.iter_mut().find(|(s, _)| s == section) {
            Some((_, rows)) => rows.push(cells),
            None => sections.push((
                section.to_string(),
                vec![vec!["key".into(), "value".into(), "previous".into()], cells],
            )),
        }
    }
    let mut book = crate::csvio::book::Book::new();
    if persian {
        book = book.right_to_left();
    }
    for (section, rows) in &sections {
        // A sheet's name holds 31 characters.
        let name: String = section.chars().take(31).collect();
        book.add_table(&name, rows, true)?;
    }
    book.into_bytes()
}

/// The period asked for and the one before it.
fn periods(
    ctx: &Ctx,
    a: &QuarterlyArgs,
    cal: Calendar,
    today: chrono::NaiveDate,
) -> Result<(Period, Period)> {
    let of = |q: Quarter| -> Result<Period> {
        let (from, to) = q.bounds()?;
        Ok(Period::new(from, to, q.label(), cal, today))
    };
    if let (Some(f), Some(t)) = (&a.from, &a.to) {
        let from = ctx.date(f, Tense::Past)?;
        let to = ctx.date(t, Tense::Past)?;
        if to < from {
            return Err(Error::user(format!(
                "the period ends ({to}) before it starts ({from})"
            )));
        }
        // Exactly a quarter of the calendar: the same report as --quarter.
        let q = Quarter::containing(from, cal);
        if q.bounds()? == (from, to) {
            return Ok((of(q)?, of(q.previous())?));
        }
        // Otherwise as many days just before.
        let days = (to - from).num_days() as u64 + 1;
        let pto = from - Days::new(1);
        let pfrom = from - Days::new(days);
        let label = |f, t| {
            format!(
                "{} – {}",
                crate::calendar::format(f, cal),
                crate::calendar::format(t, cal)
            )
        };
        return Ok((
            Period::new(from, to, label(from, to), cal, today),
            Period::new(pfrom, pto, label(pfrom, pto), cal, today),
        ));
    }
    let q = match &a.quarter {
        Some(s) => Quarter::parse(s, cal)?,
        None => Quarter::containing(today, cal).previous(),
    };
    Ok((of(q)?, of(q.previous())?))
}
