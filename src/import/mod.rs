//! Importing spreadsheet CSV: validate every row, then store all of them
//! or none. Each entity has its own module turning a row into records;
//! this one reads the file, learns date orders, keeps the transaction and
//! collects the problems.

mod activity;
mod columns;
mod index;
mod log;
mod orgs;
mod people;
mod tasks;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use crate::csvio::headers::{self, Field, Mapping};
use crate::csvio::read::{self, Choices, Dialect, Source};
use crate::dates::{self, DateOrder, Tense};
use crate::db::Db;
use crate::error::{Cause, Context, Error, Result};

/// What to do with a row that is already in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnDuplicate {
    /// keep what is stored, ignore the row
    Skip,
    /// overwrite stored fields with the row's non-empty cells
    Update,
    /// set only the stored fields that are empty
    Fill,
    /// reject the file
    Fail,
}

/// The entity a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Entity {
    Orgs,
    People,
    Log,
    Tasks,
    Events,
    Briefings,
    Docs,
    Distributions,
}

/// How an import runs.
pub struct Options {
    pub entity: Entity,
    pub input: String,
    pub choices: Choices,
    pub maps: Vec<(String, String)>,
    pub on_duplicate: OnDuplicate,
    pub date_order: Option<DateOrder>,
    pub dry_run: bool,
    pub keep_unknown: bool,
    pub errors: Option<PathBuf>,
    /// Import the good rows; write the refused ones, with their reasons,
    /// to this file.
    pub partial: Option<PathBuf>,
    pub today: NaiveDate,
    pub now: String,
    pub user: String,
    pub progress: bool,
    /// Says something the user must see before anything is stored.
    pub warn: fn(&str),
}

/// One rejected cell or row.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub line: u64,
    pub column: String,
    /// The cell; a long one cut to its start and its length.
    pub value: String,
    pub reason: String,
    pub candidates: String,
    /// Where the start of a shortened `value` ends and its length begins.
    #[serde(skip)]
    pub shortened_at: Option<u32>,
}

/// What an import did (or, with --dry-run, would do).
#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub file: String,
    pub encoding: String,
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub skipped: u64,
    /// Rows refused by a partial import, written to `refused_file`.
    pub refused: u64,
    pub refused_file: Option<String>,
    /// Follow-up tasks created from a log file's follow-up column.
    pub tasks_added: u64,
    pub unknown_columns: Vec<String>,
    /// What the user should know about rows that went in.
    pub notes: Vec<String>,
    /// What --dry-run lets through but an import would refuse.
    pub warnings: Vec<String>,
    pub dry_run: bool,
    #[serde(skip)]
    pub problems: Vec<Problem>,
    #[serde(skip)]
    pub problem_count: u64,
}

/// What a row became.
pub enum Done {
    Added,
    Updated,
    Skipped,
}

/// At most this many problems are kept in memory and reported.
const KEEP_PROBLEMS: usize = 10_000;

/// One row of the file, seen through the header mapping.
pub struct Row<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
    mapping: &'a Mapping,
    fields: &'static [Field],
    headers: &'a [String],
    orders: &'a HashMap<usize, DateOrder>,
    today: NaiveDate,
    /// Whether cells carry CSV's formula escape (`'=…`); a sheet's text
    /// cells are text as they are.
    escaped: bool,
    /// Unknown columns as `Header: value` lines, with --keep-unknown.
    pub extra_notes: Option<String>,
}

impl Row<'_> {
    fn column(&self, field: &str) -> Option<usize> {
        self.mapping.column(self.fields, field)
    }

    /// The cell of `field`, trimmed, spreadsheet escape removed; `None` when
    /// the column is missing or the cell empty.
    pub fn get(&self, field: &str) -> Option<&str> {
        let c = self.column(field)?;
        let v = self.record.get(c)?.trim();
        let v = if self.escaped {
            crate::csvio::unsanitize(v)
        } else {
            v
        };
        if v.is_empty() { None } else { Some(v) }
    }

    /// The header of `field`'s column, for messages.
    pub fn header(&self, field: &str) -> String {
        self.column(field)
            .map_or_else(|| field.to_string(), |c| self.headers[c].clone())
    }

    /// A problem with `field`'s cell.
    pub fn problem(&self, field: &str, reason: impl Into<String>) -> Problem {
        Problem {
            line: self.line,
            column: self.header(field),
            value: self.get(field).unwrap_or_default().to_string(),
            reason: reason.into(),
            candidates: String::new(),
            shortened_at: None,
        }
    }

    /// A problem from a validation error (its hints become the candidates).
    pub fn error(&self, field: &str, e: Error) -> Problem {
        let mut p = self.problem(field, e.message);
        p.candidates = e.hints.join("; ");
        p
    }

    /// Parses `field` as a date, in the order its column showed.
    pub fn date(&self, field: &str) -> std::result::Result<Option<NaiveDate>, Problem> {
        let Some(v) = self.get(field) else { return Ok(None) };
        let order = self.column(field).and_then(|c| self.orders.get(&c)).copied();
        dates::parse(v, self.today, order, Tense::Past)
            .map(Some)
            .map_err(|e| self.error(field, e))
    }

    /// A list cell split on `;` (names may hold commas; codes and tags are
    /// split on commas too by their own validation).
    pub fn list(&self, field: &str) -> Vec<String> {
        let Some(v) = self.get(field) else {
            return Vec::new();
        };
        v.split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Collects the problems of one row while its cells are read.
pub struct Checks<'r, 'a> {
    pub row: &'r Row<'a>,
    pub problems: Vec<Problem>,
}

impl<'r, 'a> Checks<'r, 'a> {
    pub fn new(row: &'r Row<'a>) -> Self {
        Checks {
            row,
            problems: Vec::new(),
        }
    }

    /// The value, or `None` after noting the problem with `field`.
    pub fn take<T>(&mut self, field: &str, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems.push(self.row.error(field, e));
                None
            }
        }
    }

    /// Notes a problem with `field`.
    pub fn fail(&mut self, field: &str, reason: &str) {
        self.problems.push(self.row.problem(field, reason));
    }

    /// The date in `field`, noting a problem if it does not parse.
    pub fn date(&mut self, field: &str) -> Option<NaiveDate> {
        match self.row.date(field) {
            Ok(d) => d,
            Err(p) => {
                self.problems.push(p);
                None
            }
        }
    }

    /// A 32-hex-digit ID from the `id` column, if given.
    pub fn id(&mut self) -> Option<String> {
        let id = self.row.get("id")?.to_ascii_lowercase();
        if id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()) {
            Some(id)
        } else {
            self.fail("id", "an id is 32 hex digits");
            None
        }
    }

    /// An RFC 3339 time from `field`, if given.
    pub fn time(&mut self, field: &str) -> Option<String> {
        let t = self.row.get(field)?;
        match chrono::DateTime::parse_from_rfc3339(t) {
            Ok(_) => Some(t.to_string()),
            Err(_) => {
                self.fail(field, "not an RFC 3339 time such as 2026-11-27T10:00:00Z");
                None
            }
        }
    }

    /// The notes cell, with unknown columns appended under --keep-unknown.
    pub fn notes(&mut self) -> Option<String> {
        let notes = match (self.row.get("notes"), &self.row.extra_notes) {
            (Some(n), Some(x)) => Some(format!("{n}\n{x}")),
            (Some(n), None) => Some(n.to_string()),
            (None, x) => x.clone(),
        };
        self.take("notes", crate::model::fields::opt_text("notes", notes.as_deref()))
            .flatten()
    }

    /// The problems, or `Ok` when there were none.
    pub fn finish<T>(self, value: T) -> std::result::Result<T, Vec<Problem>> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }
}

/// What a row already stored (or seen earlier in the file) becomes: skipped,
/// or with `--on-duplicate fail` a problem saying why, with `hint`.
pub fn duplicate(
    row: &Row,
    field: &str,
    opts: &Options,
    reason: &str,
    hint: &str,
) -> std::result::Result<Done, Vec<Problem>> {
    match opts.on_duplicate {
        OnDuplicate::Fail => Err(vec![Problem {
            candidates: hint.to_string(),
            ..row.problem(field, reason)
        }]),
        _ => Ok(Done::Skipped),
    }
}

impl Checks<'_, '_> {
    /// The organisation named in `field` (handle or any name), noting the
    /// problem and the closest candidates when there is none.
    pub fn org(
        &mut self,
        conn: &Connection,
        orgs: &mut index::OrgIndex,
        field: &str,
    ) -> Option<crate::model::org::OrgRef> {
        let cell = self.row.get(field)?;
        match orgs.find(conn, cell) {
            Ok(o) => Some((*o).clone()),
            Err((reason, candidates)) => {
                self.problems.push(Problem {
                    candidates,
                    ..self.row.problem(field, reason)
                });
                None
            }
        }
    }
}

/// The rows of one entity: validating and storing them in the open
/// transaction.
pub trait Importer {
    fn fields(&self) -> &'static [Field];
    /// Date fields, whose columns learn their order from the whole file.
    fn date_fields(&self) -> &'static [&'static str];
    fn row(&mut self, tx: &Transaction, row: &Row, opts: &Options)
    -> std::result::Result<Done, Vec<Problem>>;
    /// Follow-up tasks created so far (log files only).
    fn extra_added(&self) -> u64 {
        0
    }
    /// What the user should know about rows that went in.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
    /// Whether about `rows` rows are a bulk load: large beside what the
    /// database holds, so that [`Db::write_bulk`] suits them. Asked once,
    /// before the transaction.
    fn bulk(&mut self, _conn: &Connection, _rows: u64) -> Result<bool> {
        Ok(false)
    }
    /// Called in the transaction before the first of about `rows` rows.
    fn begin(&mut self, _tx: &Transaction, _rows: u64) -> Result<()> {
        Ok(())
    }
    /// Called in the transaction after the last row, when all were good.
    fn finish(&mut self, _tx: &Transaction) -> Result<()> {
        Ok(())
    }
}

/// Imports a file; on any problem nothing is stored and the problems are
/// returned in the error (and written to `--errors`).
pub fn run(db: &mut Db, opts: &Options) -> Result<Outcome> {
    let mut protected = crate::files::Protected::database(db.path());
    if opts.input != "-" {
        protected = protected.input(std::path::Path::new(&opts.input));
    }
    // Refused before any work: the problems file must not replace the
    // database or the file being imported.
    for path in opts.errors.iter().chain(&opts.partial) {
        protected.check(path)?;
    }
    let source = Source::open(&opts.input, db.encrypted())?;
    if source.is_empty() {
        return Err(Error::user(format!("{} is empty", source.name))
            .hint("export the sheet again, with its header row"));
    }
    let dialect = read::detect(&source, &opts.choices)?;
    let mut importer: Box<dyn Importer> = match opts.entity {
        Entity::Orgs => Box::new(orgs::Orgs::new(db.conn(), opts)?),
        Entity::People => Box::new(people::People::new()),
        Entity::Log => Box::new(log::Log::new(db.conn())?),
        Entity::Tasks => Box::new(tasks::Tasks::new()),
        Entity::Events => Box::new(activity::Events::new()),
        Entity::Briefings => Box::new(activity::Briefings::new()),
        Entity::Docs => Box::new(activity::Docs::new()),
        Entity::Distributions => Box::new(activity::Distributions::new()),
    };
    let fields = importer.fields();
    let (mut records, watch) = read::reader(&source, &dialect)?;
    let mut header = csv::StringRecord::new();
    if !records
        .read_record(&mut header)
        .map_err(|e| csv_error(&source, e))?
    {
        return Err(Error::user(format!("{} has no header row", source.name)));
    }
    if header.iter().any(|h| h.contains('\u{fffd}')) {
        // Headers that did not decode match nothing: say which bytes are
        // wrong, in the whole file, rather than that a column is missing.
        while records
            .read_record(&mut header)
            .map_err(|e| csv_error(&source, e))?
        {}
        watch.check_utf8(&source)?;
        records = read::reader(&source, &dialect)?.0;
        records
            .read_record(&mut header)
            .map_err(|e| csv_error(&source, e))?;
    }
    let headers: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    // The column a partial import adds to the rows it refuses is not data.
    let mut maps = opts.maps.clone();
    if let Some(h) = headers
        .iter()
        .find(|h| crate::text::fold(h) == crate::text::fold(REFUSED_COLUMN))
    {
        maps.push((h.clone(), "-".into()));
    }
    let mapping = headers::map(&source.name, &headers, fields, &maps)?;
    if !opts.keep_unknown {
        for (column, what) in columns::worth_keeping(&source, &dialect, &mapping, &headers)? {
            (opts.warn)(&format!(
                "column `{column}` holds {what} and is not imported; read it as a field with --map '{column}=FIELD', keep it in the notes with --keep-unknown, or drop it with --map '{column}=-'"
            ));
        }
    }
    let mut outcome = Outcome {
        file: source.name.clone(),
        encoding: dialect.describe(),
        unknown_columns: mapping.unknown.clone(),
        dry_run: opts.dry_run,
        ..Outcome::default()
    };
    let (orders, total) = learn_orders(
        &source,
        &dialect,
        &mapping,
        &headers,
        fields,
        importer.date_fields(),
        opts,
        &mut outcome,
    )?;
    if opts.partial.is_some() && outcome.problem_count > 0 {
        // A problem of a whole column is no row's to set aside.
        return Err(rejected(&outcome, opts, &protected)?);
    }
    let mut refused = Refused::default();
    let progress = progress_bar(opts.progress, total);
    db.set_cache_mib(64)?;
    let bulk = importer.bulk(db.conn(), total)?;
    let result = db.write_bulk(bulk, |tx| {
        importer.begin(tx, total)?;
        let mut record = csv::StringRecord::new();
        let (mut reader, _) = read::reader(&source, &dialect)?;
        reader
            .read_record(&mut record)
            .map_err(|e| csv_error(&source, e))?;
        while reader
            .read_record(&mut record)
            .map_err(|e| csv_error(&source, e))?
        {
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            outcome.rows += 1;
            if let Some(p) = shape_problem(&record, &headers, line, &dialect) {
                if opts.partial.is_some() {
                    refused.add(&record, vec![p]);
                } else {
                    note(&mut outcome, vec![p]);
                }
                continue;
            }
            let row = Row {
                line,
                record: &record,
                mapping: &mapping,
                fields,
                headers: &headers,
                orders: &orders,
                today: opts.today,
                escaped: dialect.sheet.is_none(),
                extra_notes: if opts.keep_unknown {
                    extra_notes(&record, &mapping, &headers)
                } else {
                    None
                },
            };
            let done = if opts.partial.is_some() {
                // A row refused half-way leaves nothing behind.
                tx.execute_batch("SAVEPOINT import_row")
                    .context("importing a row")?;
                let done = importer.row(tx, &row, opts);
                if done.is_err() {
                    tx.execute_batch("ROLLBACK TO import_row")
                        .context("setting a row aside")?;
                }
                tx.execute_batch("RELEASE import_row")
                    .context("importing a row")?;
                done
            } else {
                importer.row(tx, &row, opts)
            };
            match done {
                Ok(Done::Added) => outcome.added += 1,
                Ok(Done::Updated) => outcome.updated += 1,
                Ok(Done::Skipped) => outcome.skipped += 1,
                Err(problems) if opts.partial.is_some() => refused.add(&record, problems),
                Err(problems) => note(&mut outcome, problems),
            }
            if let Some(pb) = &progress {
                pb.inc(1);
            }
        }
        outcome.tasks_added = importer.extra_added();
        outcome.notes = importer.notes();
        outcome.refused = refused.rows.len() as u64;
        if opts.dry_run {
            outcome.problems = std::mem::take(&mut refused.problems);
        }
        if outcome.problem_count > 0 || opts.dry_run {
            // Rolling back by failing the transaction on purpose.
            return Err(Error::user("rolled back").because(Cause::RolledBack));
        }
        importer.finish(tx)?;
        if let Some(path) = &opts.partial
            && !refused.rows.is_empty()
        {
            // Written before the rows are committed: if it cannot be,
            // nothing is imported.
            refused.write(path, &header, &dialect, &protected)?;
            if let Some(errors) = &opts.errors {
                write_errors(errors, &refused.problems, &protected)?;
            }
            outcome.refused_file = Some(path.display().to_string());
            outcome.problems = refused.problems;
        }
        Ok(())
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    match result {
        Ok(()) => Ok(outcome),
        Err(e) if e.is(Cause::RolledBack) && outcome.problem_count == 0 => Ok(outcome),
        Err(e) if e.is(Cause::RolledBack) => Err(rejected(&outcome, opts, &protected)?),
        Err(e) => Err(e),
    }
}

/// The header a partial import adds to the rows it refuses, for their
/// reasons; an import of that file ignores it.
pub const REFUSED_COLUMN: &str = "refused because";

/// The rows a partial import sets aside, as they were read, with their
/// problems.
#[derive(Default)]
struct Refused {
    rows: Vec<(Vec<String>, String)>,
    problems: Vec<Problem>,
}

impl Refused {
    fn add(&mut self, record: &csv::StringRecord, problems: Vec<Problem>) {
        let reasons: Vec<String> = problems.iter().map(describe).collect();
        self.rows
            .push((record.iter().map(str::to_string).collect(), reasons.join("; ")));
        if self.problems.len() < KEEP_PROBLEMS {
            self.problems.extend(problems);
        }
    }

    /// Writes the refused rows under the file's header, each with its
    /// reasons in a last column: as an .xlsx workbook when `path` says so,
    /// otherwise as CSV in the input's encoding and delimiter.
    fn write(
        &self,
        path: &std::path::Path,
        header: &csv::StringRecord,
        dialect: &Dialect,
        protected: &crate::files::Protected,
    ) -> Result<()> {
        let mut rows = Vec::with_capacity(self.rows.len() + 1);
        let mut head: Vec<String> = header.iter().map(str::to_string).collect();
        head.push(REFUSED_COLUMN.to_string());
        rows.push(head);
        for (cells, reason) in &self.rows {
            let mut row = cells.clone();
            row.push(reason.clone());
            rows.push(row);
        }
        let xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let bytes = if xlsx {
            let mut book = crate::csvio::book::Book::new();
            let name = dialect.sheet.as_ref().map_or("refused", |s| s.name.as_str());
            book.add_rows(name, &rows)?;
            book.into_bytes()?
        } else {
            let mut text = Vec::new();
            let mut w = csv::WriterBuilder::new()
                .delimiter(dialect.delimiter)
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut text);
            for row in &rows {
                w.write_record(row)?;
            }
            w.flush()?;
            drop(w);
            let text = String::from_utf8_lossy(&text);
            encode(&text, dialect)
        };
        let mut file = crate::files::Output::create(path, protected, crate::files::Existing::Replace)?;
        std::io::Write::write_all(&mut file, &bytes)?;
        file.commit()
    }
}

/// `text` in the encoding of the input, with its byte-order mark if it
/// had one (always for UTF-16).
fn encode(text: &str, dialect: &Dialect) -> Vec<u8> {
    let enc = dialect.encoding;
    let mut out = Vec::new();
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        let le = enc == encoding_rs::UTF_16LE;
        for unit in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
            out.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return out;
    }
    if dialect.bom && enc == encoding_rs::UTF_8 {
        out.extend("\u{feff}".as_bytes());
    }
    out.extend(enc.encode(text).0.iter());
    out
}

fn note(outcome: &mut Outcome, problems: Vec<Problem>) {
    for mut p in problems {
        outcome.problem_count += 1;
        if outcome.problems.len() < KEEP_PROBLEMS {
            // A cell may be megabytes long: messages and --errors show its
            // start and its length.
            if let (start, Some(n)) = crate::text::clipped(&p.value) {
                let start = start.into_owned();
                p.shortened_at = u32::try_from(start.len()).ok();
                p.value = format!("{start} ({} characters)", crate::text::grouped(n as u64));
            }
            outcome.problems.push(p);
        }
    }
}

fn csv_error(source: &Source, e: csv::Error) -> Error {
    let at = e
        .position()
        .map(|p| format!(" at line {}", p.line()))
        .unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => Error::user(format!(
            "{}{at}: the text is not valid in its encoding",
            source.name
        ))
        .hint("name the encoding with --encoding, e.g. windows-1256 or utf-16le"),
        _ => Error::user(format!("{}{at}: cannot read CSV: {e}", source.name)),
    }
}

/// A row with the wrong number of cells, an unclosed quote, or text that
/// did not decode.
fn shape_problem(
    record: &csv::StringRecord,
    headers: &[String],
    line: u64,
    dialect: &Dialect,
) -> Option<Problem> {
    let problem = |column: &str, value: &str, reason: String| Problem {
        line,
        column: column.to_string(),
        value: value.to_string(),
        reason,
        candidates: String::new(),
        shortened_at: None,
    };
    if record.len() != headers.len() {
        let spans_lines = record.iter().any(|c| c.contains('\n'));
        let reason = if record.len() < headers.len() && spans_lines {
            format!(
                "a quoted field seems never to be closed (the row has {} of {} cells)",
                record.len(),
                headers.len()
            )
        } else {
            format!(
                "the row has {}; the header has {}",
                crate::text::plural(record.len(), "cell", "cells"),
                headers.len()
            )
        };
        return Some(problem("", "", reason));
    }
    for (i, cell) in record.iter().enumerate() {
        if cell.contains('\u{fffd}') {
            return Some(problem(
                &headers[i],
                cell,
                format!(
                    "not valid {} text; the file may be in another encoding",
                    dialect.encoding.name()
                ),
            ));
        }
        if cell.contains('\0') {
            return Some(problem(&headers[i], "", "contains a NUL byte".into()));
        }
    }
    None
}

fn extra_notes(record: &csv::StringRecord, mapping: &Mapping, headers: &[String]) -> Option<String> {
    let lines: Vec<String> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .filter_map(|(i, _)| {
            let v = record.get(i)?.trim();
            let h = headers.get(i)?;
            (!v.is_empty() && !h.is_empty()).then(|| format!("{h}: {v}"))
        })
        .collect();
    if lines.is_empty() {
        None
    } else {
        Some(lines.join("\n"))
    }
}

/// Cells of one column whose letters a spreadsheet replaced with `?`, as
/// it does when it saves text in a code page that lacks them.
#[derive(Default, Clone)]
struct QuestionMarks {
    filled: u64,
    replaced: u64,
    first: Option<(u64, String)>,
}

impl QuestionMarks {
    fn see(&mut self, line: u64, cell: &str) {
        let cell = cell.trim();
        if cell.is_empty() {
            return;
        }
        self.filled += 1;
        let marks = cell.chars().filter(|&c| c == '?').count();
        let visible = cell.chars().filter(|c| !c.is_whitespace()).count();
        // `????? ?????`: mostly marks, in runs where words were.
        if marks >= 3 && cell.contains("??") && marks * 2 >= visible {
            self.replaced += 1;
            if self.first.is_none() {
                self.first = Some((line, cell.to_string()));
            }
        }
    }

    /// The first such cell, when the column has enough of them to tell.
    fn replaced(&self) -> Option<&(u64, String)> {
        (self.replaced >= 2 || (self.replaced == 1 && self.filled == 1))
            .then_some(self.first.as_ref())
            .flatten()
    }
}

/// What the dates of one column showed.
#[derive(Default)]
struct Evidence {
    ambiguous: bool,
    /// The first date that reads either way.
    example: Option<String>,
    day_first: Option<(u64, String)>,
    month_first: Option<(u64, String)>,
}

/// First pass: learn each date column's order from the dates that prove
/// it, and count the rows (for the progress bar).
#[allow(clippy::too_many_arguments)]
fn learn_orders(
    source: &Source,
    dialect: &Dialect,
    mapping: &Mapping,
    headers: &[String],
    fields: &[Field],
    date_fields: &[&str],
    opts: &Options,
    outcome: &mut Outcome,
) -> Result<(HashMap<usize, DateOrder>, u64)> {
    let columns: Vec<usize> = date_fields
        .iter()
        .filter_map(|f| mapping.column(fields, f))
        .collect();
    let mut seen: HashMap<usize, Evidence> = HashMap::new();
    let mut marks = vec![QuestionMarks::default(); headers.len()];
    let (mut reader, watch) = read::reader(source, dialect)?;
    let mut record = csv::StringRecord::new();
    let mut rows = 0;
    reader
        .read_record(&mut record)
        .map_err(|e| csv_error(source, e))?;
    while reader
        .read_record(&mut record)
        .map_err(|e| csv_error(source, e))?
    {
        rows += 1;
        let line = record.position().map_or(0, |p| p.line());
        for (cell, m) in record.iter().zip(marks.iter_mut()) {
            m.see(line, cell);
        }
        for c in &columns {
            let Some(v) = record.get(*c).map(str::trim) else {
                continue;
            };
            let e = seen.entry(*c).or_default();
            match dates::order_evidence(v) {
                Some(DateOrder::Dmy) if e.day_first.is_none() => e.day_first = Some((line, v.to_string())),
                Some(DateOrder::Mdy) if e.month_first.is_none() => {
                    e.month_first = Some((line, v.to_string()))
                }
                _ => {}
            }
            if dates::is_ambiguous(v) {
                e.ambiguous = true;
                e.example.get_or_insert_with(|| v.to_string());
            }
        }
    }
    watch.check_utf8(source)?;
    if let Some(line) = watch.unclosed_quote() {
        return Err(Error::user(format!(
            "{}: the quote opened at line {line} is never closed",
            source.name
        ))
        .hint("close it in the spreadsheet, or write a quote inside a quoted cell as two: \"\""));
    }
    for (m, header) in marks.iter().zip(headers) {
        if let Some((line, value)) = m.replaced() {
            let message = format!(
                "{}: column `{header}` has {} cells such as `{value}` (line {line}): the spreadsheet replaced the letters with ?: save as CSV UTF-8 or xlsx",
                source.name, m.replaced
            );
            if opts.dry_run {
                outcome.warnings.push(message);
            } else {
                return Err(Error::user(message).hint(
                    "the letters are not in this file any more: save the sheet again as CSV UTF-8 (or .xlsx) and import that",
                ));
            }
        }
    }
    let mut orders = HashMap::new();
    for c in columns {
        let Some(e) = seen.get(&c) else { continue };
        let header = &headers[c];
        let order = match (opts.date_order, &e.day_first, &e.month_first) {
            (Some(o), _, _) => Some(o),
            (None, Some((l1, v1)), Some((l2, v2))) => {
                note(
                    outcome,
                    vec![Problem {
                        line: *l2,
                        column: header.clone(),
                        value: v2.clone(),
                        reason: format!(
                            "month-first, but line {l1} (`{v1}`) is day-first: the column mixes both orders"
                        ),
                        candidates: String::new(),
                        shortened_at: None,
                    }],
                );
                None
            }
            (None, Some(_), None) => Some(DateOrder::Dmy),
            (None, None, Some(_)) => Some(DateOrder::Mdy),
            (None, None, None) if e.ambiguous => {
                let example = e.example.as_deref().unwrap_or("03/04/2026");
                let mut err = Error::user(format!(
                    "{}: column `{header}` has dates such as {example} that read either day-first or month-first, and none shows which",
                    source.name
                ))
                .hint("say which with --date-order dmy or --date-order mdy (or once for all: liaison config set date-order mdy)");
                if dates::has_short_year(example) {
                    err = err.hint(dates::short_year_rule(opts.today));
                }
                return Err(err);
            }
            (None, None, None) => None,
        };
        if let Some(o) = order {
            orders.insert(c, o);
        }
    }
    Ok((orders, rows))
}

fn progress_bar(show: bool, total: u64) -> Option<indicatif::ProgressBar> {
    if !show || total < 5_000 {
        return None;
    }
    let pb = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows  {eta} left") {
        pb.set_style(style);
    }
    Some(pb)
}

/// The error for a rejected file: the count, then each problem.
fn rejected(outcome: &Outcome, opts: &Options, protected: &crate::files::Protected) -> Result<Error> {
    if let Some(path) = &opts.errors {
        write_errors(path, &outcome.problems, protected)?;
    }
    let first = &outcome.problems[0];
    let mut err = if outcome.problem_count == 1 {
        Error::user(format!(
            "{}: {}; nothing was imported",
            outcome.file,
            describe(first)
        ))
    } else {
        let mut e = Error::user(format!(
            "{}: {} in {}; nothing was imported",
            outcome.file,
            crate::text::plural(outcome.problem_count, "problem", "problems"),
            crate::text::plural(outcome.rows, "row", "rows")
        ));
        for p in outcome.problems.iter().take(20) {
            e = e.hint(format!("  {}", describe(p)));
        }
        if outcome.problem_count > 20 {
            e = e.hint(format!("  … and {} more", outcome.problem_count - 20));
        }
        e
    };
    if outcome.problem_count == 1 && !first.candidates.is_empty() {
        err = err.hint(first.candidates.clone());
    }
    if let Some(p) = outcome.problems.iter().find(|p| p.reason.starts_with("already"))
        && outcome.problem_count > 1
    {
        err = err.hint(p.candidates.clone());
    }
    if outcome
        .problems
        .iter()
        .any(|p| p.reason.starts_with("no organisation matches"))
    {
        err = err.hint("add a missing name as an alias: liaison org edit HANDLE --alias 'NAME'");
    }
    if opts.errors.is_none() {
        err = err.hint("--errors FILE writes every problem as CSV");
    }
    Ok(err)
}

pub fn describe(p: &Problem) -> String {
    let mut s = format!("line {}", p.line);
    if !p.column.is_empty() {
        s.push_str(&format!(", column {}", p.column));
    }
    if !p.value.is_empty() {
        match p
            .shortened_at
            .and_then(|at| p.value.split_at_checked(at as usize))
        {
            Some((start, length)) => s.push_str(&format!(", `{start}`{length}")),
            None => s.push_str(&format!(", `{}`", p.value)),
        }
    }
    s.push_str(&format!(": {}", p.reason));
    if !p.candidates.is_empty() && p.reason.starts_with("no ") {
        s.push_str(&format!(" ({})", p.candidates));
    }
    s
}

fn write_errors(
    path: &std::path::Path,
    problems: &[Problem],
    protected: &crate::files::Protected,
) -> Result<()> {
    let mut file = crate::files::Output::create(path, protected, crate::files::Existing::Replace)?;
    let mut w = crate::csvio::writer(&mut file, false);
    w.write_record(["line", "column", "value", "reason", "candidates"])?;
    for p in problems {
        let line = p.line.to_string();
        w.write_record(
            [line.as_str(), &p.column, &p.value, &p.reason, &p.candidates]
                .map(|c| crate::csvio::sanitize(c).into_owned()),
        )?;
    }
    w.flush()?;
    drop(w);
    file.commit()
}
