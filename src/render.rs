//! Output of lists and records as tables, JSON or CSV, and the colour
//! policy. Commands hand values here; nothing else prints them.

use std::io::Write;

use comfy_table::{Cell, Color, ContentArrangement, Table};
use serde::Serialize;

use crate::error::Result;
use crate::text::printable;

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

/// Columns separated by spaces, a rule under the header, nothing else
/// (the order of the characters is comfy-table's preset order).
const PLAIN: &str = "     ─             ";

/// Where output goes and how it may look.
pub struct Output {
    pub out: Box<dyn Write>,
    /// Whether stdout is a terminal (tables then fit its width).
    pub terminal: bool,
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
        writeln!(self.out, "{}", table_string(headers, rows, self.terminal))?;
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
        for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            let value = printable(v, true).replace('\n', &format!("\n{:width$}  ", ""));
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
/// scripts and wide characters line up); `fit` wraps to the terminal.
pub fn table_string<H: AsRef<str>>(headers: &[H], rows: &[Vec<String>], fit: bool) -> String {
    toned_table_string(headers, rows, fit, |_, _| None)
}

/// What colour says about a cell, when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Good news: green.
    Good,
    /// Bad news: red.
    Bad,
}

/// Like [`table_string`], the cell at (row, column) coloured by `tone`
/// (the caller decides whether colour is on).
pub fn toned_table_string<H: AsRef<str>>(
    headers: &[H],
    rows: &[Vec<String>],
    fit: bool,
    tone: impl Fn(usize, usize) -> Option<Tone>,
) -> String {
    let mut t = Table::new();
    t.load_preset(PLAIN);
    // A terminal that reports no useful width (a pseudo-terminal of size 0)
    // would squeeze every column to a letter: then lay the table out in full.
    let fits = fit && t.width().is_some_and(|w| w >= 40);
    t.set_content_arrangement(if fits {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    t.set_header(headers.iter().map(|h| Cell::new(h.as_ref())));
    let mut toned = false;
    for (i, row) in rows.iter().enumerate() {
        t.add_row(row.iter().enumerate().map(|(j, c)| {
            let cell = Cell::new(printable(&crate::text::one_line(c), false));
            match tone(i, j) {
                Some(Tone::Good) => {
                    toned = true;
                    cell.fg(Color::Green)
                }
                Some(Tone::Bad) => {
                    toned = true;
                    cell.fg(Color::Red)
                }
                None => cell,
            }
        }));
    }
    if toned {
        // Coloured whether or not stdout is a terminal, and whatever
        // NO_COLOR says: the caller's colour policy already heard it.
        t.enforce_styling();
        crossterm::style::force_color_output(true);
    }
    t.trim_fmt()
}

/// Joins a list for one table or CSV cell.
pub fn join(items: &[String]) -> String {
    items.join("; ")
}

/// Shows an optional value as text, empty when missing.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
