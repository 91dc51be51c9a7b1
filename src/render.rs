//! Output of lists and records as tables, JSON or CSV, and the colour
//! policy. Commands hand values here; nothing else prints them.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::text::printable;

mod table;
pub use table::{Tone, cells, shorten, wrap, wrap_words};

/// How a listing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// aligned columns for people
    Table,
    /// a JSON array (or object for `show`), for scripts
    Json,
    /// RFC 4180 CSV with a header row, for spreadsheets
    Csv,
}

/// Where output goes and how it may look.
pub struct Output {
    pub out: Box<dyn Write>,
    /// Whether stdout is a terminal.
    pub terminal: bool,
    /// The width tables fit: `COLUMNS` when set, else the terminal's;
    /// `None` (no wrapping) when piped.
    pub width: Option<usize>,
    pub color: bool,
}

impl Output {
    /// Writes one line of plain text, made safe for the terminal.
    pub fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{}", printable(text, true))?;
        Ok(())
    }

    /// Writes text exactly as given (a file format such as iCalendar).
    pub fn raw(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Writes a section heading.
    pub fn heading(&mut self, text: &str) -> Result<()> {
        if self.color {
            writeln!(self.out, "\x1b[1m{}\x1b[0m", printable(text, false))?;
        } else {
            writeln!(self.out, "{}", printable(text, false))?;
        }
        Ok(())
    }

    /// Writes `value` as pretty JSON.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value)?;
        writeln!(self.out)?;
        Ok(())
    }

    /// Writes rows as an aligned table. Cells are made safe for the
    /// terminal; mixed scripts and wide characters keep columns aligned
    /// because widths are measured in terminal cells, not bytes.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        self.table_hiding(headers, rows, &[])
    }

    /// Like [`Output::table`]; on a terminal too narrow for every column,
    /// the columns named in `optional` are left out, first named first, and
    /// a line under the table says which.
    pub fn table_hiding(&mut self, headers: &[&str], rows: &[Vec<String>], optional: &[&str]) -> Result<()> {
        let optional: Vec<usize> = optional
            .iter()
            .filter_map(|o| headers.iter().position(|h| h == o))
            .collect();
        let headers: Vec<String> = headers.iter().map(|h| printable(h, false)).collect();
        let rows = printable_rows(rows);
        let text = table::lay_out(&headers, &rows, self.width, &optional, &|_, _| None);
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    /// Writes label/value pairs, labels aligned, skipping empty values.
    pub fn fields(&mut self, pairs: &[(&str, String)]) -> Result<()> {
        let width = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k.len())
            .max()
            .unwrap_or(0);
        // Long values wrap at spaces under themselves on a narrow terminal.
        let room = self.width.map(|w| w.saturating_sub(width + 2).max(20));
        for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            let lines: Vec<String> = printable(v, true)
                .lines()
                .flat_map(|l| match room {
                    Some(room) => wrap_words(l, room, false),
                    None => vec![l.to_string()],
                })
                .collect();
            let value = lines.join(&format!("\n{:width$}  ", ""));
            writeln!(self.out, "{k:>width$}  {value}")?;
        }
        Ok(())
    }

    /// Writes rows as CSV through the shared writer (formula-safe).
    pub fn csv(&mut self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut w = crate::csvio::writer(&mut self.out, false);
        w.write_record(headers)?;
        for row in rows {
            w.write_record(row.iter().map(|c| crate::csvio::sanitize(c).into_owned()))?;
        }
        w.flush()?;
        Ok(())
    }

    /// Flushes what was written.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// Lays rows out as an aligned table (widths in terminal cells, so mixed
/// scripts and wide characters line up), fitted to `width` cells when
/// given.
pub fn table_string<H: AsRef<str>>(headers: &[H], rows: &[Vec<String>], width: Option<usize>) -> String {
    toned_table_string(headers, rows, width, |_, _| None)
}

/// Like [`table_string`], the cell at (row, column) coloured by `tone`
/// (the caller decides whether colour is on).
pub fn toned_table_string<H: AsRef<str>>(
    headers: &[H],
    rows: &[Vec<String>],
    width: Option<usize>,
    tone: impl Fn(usize, usize) -> Option<Tone>,
) -> String {
    let headers: Vec<String> = headers.iter().map(|h| printable(h.as_ref(), false)).collect();
    table::lay_out(&headers, &printable_rows(rows), width, &[], &tone)
}

/// Cells made safe for the terminal.
fn printable_rows(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| printable(&crate::text::one_line(c), false))
                .collect()
        })
        .collect()
}

/// The width output should fit: `COLUMNS` when it is a number, else the
/// width of the terminal on stdout; `None` when stdout is not a terminal
/// (piped output is never wrapped) or reports no useful width.
pub fn output_width(terminal: bool) -> Option<usize> {
    let usable = |w: usize| (w >= 20).then_some(w);
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
    {
        return usable(w);
    }
    if !terminal {
        return None;
    }
    // SAFETY: TIOCGWINSZ fills a winsize on the stack; stdout is open.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    if ok {
        usable(usize::from(size.ws_col))
    } else {
        None
    }
}

/// The lines of `text` wrapped at spaces to `width` cells when given;
/// words are never cut.
pub fn wrap_to(text: &str, width: Option<usize>) -> Vec<String> {
    text.lines()
        .flat_map(|l| match width {
            Some(w) => wrap_words(l, w, false),
            None => vec![l.to_string()],
        })
        .collect()
}

/// Joins a list for one table or CSV cell.
pub fn join(items: &[String]) -> String {
    items.join("; ")
}

/// Shows an optional value as text, empty when missing.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
