//! Writing `.xlsx` workbooks: one sheet per table, built from the same
//! records as CSV. Text cells stay text (leading zeros and long numbers
//! survive), dates are dates, the header is bold and frozen. The workbook
//! is made in memory; the caller writes its bytes through the safe writer.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::error::{Error, Result};

/// Columns whose `YYYY-MM-DD` cells are written as dates.
const DATE_COLUMNS: &[&str] = &["date", "since", "due", "done_on", "starts", "ends"];

/// The most characters one spreadsheet cell holds.
const MAX_CELL: usize = 32_767;

/// The widest a column is made, in characters.
const MAX_WIDTH: usize = 60;

/// A workbook being filled, sheet by sheet.
pub struct Book {
    workbook: Workbook,
    header: Format,
    text: Format,
    date: Format,
    time: Format,
    /// Every sheet right to left (a Persian report), not only those whose
    /// text is mostly in Arabic script.
    right_to_left: bool,
}

impl Default for Book {
    fn default() -> Self {
        Self::new()
    }
}

impl Book {
    pub fn new() -> Book {
        Book {
            workbook: Workbook::new(),
            header: Format::new().set_bold().set_num_format("@"),
            text: Format::new().set_num_format("@"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("hh:mm"),
            right_to_left: false,
        }
    }

    /// Makes every sheet added from now on read right to left.
    pub fn right_to_left(mut self) -> Book {
        self.right_to_left = true;
        self
    }

    /// Adds a sheet named `name` holding the CSV in `csv` (header first),
    /// as liaison's export writes it (without formula escapes).
    pub fn add_csv(&mut self, name: &str, csv: &[u8]) -> Result<()> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv);
        let mut rows = Vec::new();
        for r in reader.records() {
            rows.push(r?.iter().map(str::to_string).collect::<Vec<_>>());
        }
        self.add_rows(name, &rows)
    }

    /// Adds a sheet named `name` with `rows`, the first being the header.
    pub fn add_rows(&mut self, name: &str, rows: &[Vec<String>]) -> Result<()> {
        self.add_table(name, rows, false)
    }

    /// Like [`Book::add_rows`]; with `numbers`, whole numbers (no leading
    /// zero) are written as numbers, for figures to sum and chart.
    pub fn add_table(&mut self, name: &str, rows: &[Vec<String>], numbers: bool) -> Result<()> {
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(name).map_err(|e| xlsx_error(name, e))?;
        let Some((header, body)) = rows.split_first() else {
            return Ok(());
        };
        let kinds: Vec<Kind> = header
            .iter()
            .map(|h| match h.as_str() {
                h if DATE_COLUMNS.contains(&h) => Kind::Date,
                "time" => Kind::Time,
                _ => Kind::Text,
            })
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        let fail = |e| xlsx_error(name, e);
        for (c, h) in header.iter().enumerate() {
            let col = column(c)?;
            sheet
                .write_string_with_format(0, col, h, &self.header)
                .map_err(fail)?;
            let format = match kinds[c] {
                Kind::Date => &self.date,
                Kind::Time => &self.time,
                Kind::Text => &self.text,
            };
            sheet.set_column_format(col, format).map_err(fail)?;
        }
        for (r, cells) in body.iter().enumerate() {
            let row = u32::try_from(r + 1)
                .ok()
                .filter(|&n| n < 1_048_576)
                .ok_or_else(|| too_many_rows(name))?;
            for (c, cell) in cells.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let col = column(c)?;
                if cell.chars().count() > MAX_CELL {
                    return Err(Error::user(format!(
                        "{name}: a cell of column `{}` is longer than the {} characters a spreadsheet cell holds",
                        header.get(c).map_or("", String::as_str),
                        crate::text::grouped(MAX_CELL as u64)
                    ))
                    .hint("export it as CSV instead"));
                }
                if let Some(w) = widths.get_mut(c) {
                    let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                    *w = (*w).max(longest);
                }
                let typed = match kinds.get(c).copied().unwrap_or(Kind::Text) {
                    Kind::Date => date(cell).map(|d| (d, &self.date)),
                    Kind::Time => time(cell).map(|t| (t, &self.time)),
                    Kind::Text => None,
                };
                if numbers && let Some(n) = whole_number(cell) {
                    sheet.write_number(row, col, n).map_err(fail)?;
                    continue;
                }
                match typed {
                    Some((value, format)) => {
                        sheet
                            .write_datetime_with_format(row, col, value, format)
                            .map_err(fail)?;
                    }
                    None => {
                        sheet
                            .write_string_with_format(row, col, cell, &self.text)
                            .map_err(fail)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        // A sheet read in Persian or Arabic starts at the right, as its
        // readers' spreadsheets do.
        if self.right_to_left || mostly_right_to_left(body) {
            sheet.set_right_to_left(true);
        }
        for (c, w) in widths.iter().enumerate() {
            let width = (*w).clamp(6, MAX_WIDTH) + 2;
            sheet.set_column_width(column(c)?, width as f64).map_err(fail)?;
        }
        Ok(())
    }

    /// The workbook's bytes.
    pub fn into_bytes(mut self) -> Result<Vec<u8>> {
        self.workbook
            .save_to_buffer()
            .map_err(|e| Error::user(format!("cannot build the workbook: {e}")))
    }
}

/// Whether most letters of the cells are in Arabic script (Persian,
/// Arabic, Kurdish).
fn mostly_right_to_left(rows: &[Vec<String>]) -> bool {
    let (mut rtl, mut all) = (0usize, 0usize);
    for c in rows.iter().flatten().flat_map(|cell| cell.chars()) {
        if c.is_alphabetic() {
            all += 1;
            if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
            {
                rtl += 1;
            }
        }
    }
    all > 0 && rtl * 2 > all
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    Time,
}

fn column(c: usize) -> Result<u16> {
    u16::try_from(c)
        .ok()
        .filter(|&n| n < 16_384)
        .ok_or_else(|| Error::user("more columns than a spreadsheet holds"))
}

fn too_many_rows(name: &str) -> Error {
    Error::user(format!(
        "{name}: more rows than the 1,048,576 a spreadsheet sheet holds"
    ))
    .hint("export it as CSV instead, or a period at a time with --since and --until")
}

fn xlsx_error(name: &str, e: rust_xlsxwriter::XlsxError) -> Error {
    Error::user(format!("cannot write sheet {name}: {e}"))
}

/// A cell that is a whole number a spreadsheet holds exactly, written
/// without a leading zero.
fn whole_number(cell: &str) -> Option<f64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let plain = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain
        .then(|| cell.parse::<i64>().ok())
        .flatten()
        .map(|n| n as f64)
}

/// A `YYYY-MM-DD` cell as a spreadsheet date.
fn date(cell: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    if cell.len() != 10 || !(1900..=9999).contains(&d.year()) {
        return None;
    }
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// An `HH:MM` cell as a spreadsheet time.
fn time(cell: &str) -> Option<ExcelDateTime> {
    let t = chrono::NaiveTime::parse_from_str(cell, "%H:%M").ok()?;
    use chrono::Timelike;
    if cell.len() != 5 {
        return None;
    }
    ExcelDateTime::from_hms(t.hour() as u16, t.minute() as u8, 0).ok()
}
