//! Reading `.xlsx`, `.xls` and `.ods` files as the rows import reads from
//! CSV: each cell as the text it shows, dates and times stored as
//! spreadsheet serials turned into `2026-03-04` and `14:30`, text cells
//! kept exactly (leading zeros and long numbers survive).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Sheets};
use chrono::Timelike;

use super::read::Source;
use crate::error::{Error, Result};

/// One sheet of a spreadsheet file, read whole.
#[derive(Debug)]
pub struct Sheet {
    /// `xlsx`, `xls`, `xlsb` or `ods`.
    pub format: &'static str,
    /// The sheet's name.
    pub name: String,
    /// The rows that hold anything, each with its row number as the
    /// spreadsheet shows it (from 1).
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Whether the first bytes of a file are those of a spreadsheet: a ZIP
/// archive (`.xlsx`, `.ods`) or an OLE compound file (`.xls`).
pub fn looks_like_spreadsheet(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads the sheet named `wanted`, or the first one.
pub fn load(source: &Source, wanted: Option<&str>) -> Result<Sheet> {
    let mut bytes = Vec::new();
    source.file()?.read_to_end(&mut bytes)?;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::user(format!("{}: cannot read it as a spreadsheet: {e}", source.name))
            .hint("save it again as .xlsx, .ods or CSV UTF-8")
    })?;
    let format = match &book {
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Xls(_) => "xls",
        Sheets::Xlsb(_) => "xlsb",
        Sheets::Ods(_) => "ods",
    };
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| crate::text::fold(n) == crate::text::fold(w))
            })
            .cloned()
            .ok_or_else(|| {
                Error::user(format!("{}: no sheet named `{w}`", source.name))
                    .hint(format!("its sheets: {}", names.join(", ")))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::user(format!("{}: the spreadsheet has no sheet", source.name)))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        Error::user(format!("{}: cannot read sheet `{name}`: {e}", source.name))
            .hint("save it again as .xlsx, .ods or CSV UTF-8")
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    // Columns left of the first cell are empty in every row: keep them,
    // so that the header and every row have the same width.
    let rows = range
        .rows()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !matches!(c, Data::Empty)))
        .map(|(i, cells)| {
            let mut row: Vec<String> = vec![String::new(); left as usize];
            row.extend(cells.iter().map(text));
            (u64::from(top) + i as u64 + 1, row)
        })
        .collect();
    Ok(Sheet { format, name, rows })
}

/// The text of one cell.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            if d.is_duration() {
                return d
                    .as_duration()
                    .map(|x| clock(x.num_seconds()))
                    .unwrap_or_else(|| number(d.as_f64()));
            }
            let serial = d.as_f64();
            match d.as_datetime() {
                // A time alone is a serial under one day.
                Some(t) if (0.0..1.0).contains(&serial) => {
                    clock(i64::from(t.time().num_seconds_from_midnight()))
                }
                Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
                None => number(serial),
            }
        }
        Data::DateTimeIso(s) => {
            let s = s.strip_suffix("T00:00:00").unwrap_or(s);
            match s.strip_prefix("T").or_else(|| s.strip_prefix("1899-12-30T")) {
                Some(time) => time.strip_suffix(":00").unwrap_or(time).to_string(),
                None => s.to_string(),
            }
        }
        Data::DurationIso(s) => iso_duration(s).map_or_else(|| s.clone(), clock),
        Data::Error(e) => e.to_string(),
    }
}

/// `HH:MM`, or `HH:MM:SS` when there are seconds.
fn clock(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// `PT11H15M00S` (how `.ods` files store times) in seconds.
fn iso_duration(s: &str) -> Option<i64> {
    let rest = s.strip_prefix("PT")?;
    let (mut total, mut digits) = (0f64, String::new());
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => digits.push(c),
            'H' | 'M' | 'S' => {
                let n: f64 = digits.parse().ok()?;
                total += n * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
                digits.clear();
            }
            _ => return None,
        }
    }
    Some(total.round() as i64)
}

/// A number as a spreadsheet shows it in general format: whole numbers
/// without a decimal point.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_they_show() {
        assert_eq!(text(&Data::Float(42.0)), "42");
        assert_eq!(text(&Data::Float(2.5)), "2.5");
        assert_eq!(text(&Data::String("0042".into())), "0042");
        assert_eq!(text(&Data::DateTimeIso("2009-05-14".into())), "2009-05-14");
        assert_eq!(
            text(&Data::DateTimeIso("2009-05-14T00:00:00".into())),
            "2009-05-14"
        );
        assert_eq!(text(&Data::DurationIso("PT11H15M00S".into())), "11:15");
        assert_eq!(text(&Data::DurationIso("PT09H05M30S".into())), "09:05:30");
    }
}
