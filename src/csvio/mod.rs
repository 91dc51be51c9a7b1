//! The one place that builds CSV writers (and, later, readers), and the
//! rule that keeps spreadsheets from running cells as formulas.

pub mod book;
pub mod headers;
pub mod read;
pub mod records;
pub mod sheet;
mod utf8;

use std::borrow::Cow;
use std::io::Write;

/// A CSV writer with the house dialect: comma, RFC 4180 quoting, `\n` rows.
/// With `bom`, a UTF-8 byte-order mark is written first (Excel wants it).
pub fn writer<W: Write>(mut out: W, bom: bool) -> csv::Writer<W> {
    if bom {
        // A failure here resurfaces on the first record write.
        let _ = out.write_all("\u{feff}".as_bytes());
    }
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// Prefixes a cell a spreadsheet would run as a formula (`= + - @`, tab,
/// carriage return at the start) with `'`, which spreadsheets show as text.
pub fn sanitize(cell: &str) -> Cow<'_, str> {
    if needs_escape(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell a spreadsheet would run, or one that already starts with the
/// escape before such a cell (it gets one more, so that import, which
/// removes one, gives back exactly what was stored).
fn needs_escape(cell: &str) -> bool {
    let risky = |c: Option<char>| matches!(c, Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let mut chars = cell.chars();
    let first = chars.next();
    risky(first) || (first == Some('\'') && needs_escape(chars.as_str()))
}

/// Undoes [`sanitize`] on import: a `'` before a formula character is
/// dropped.
pub fn unsanitize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        let cell = "=HYPERLINK(\"http://example.invalid\",\"click\")";
        assert_eq!(sanitize(cell), format!("'{cell}"));
        assert_eq!(unsanitize(&sanitize(cell)), cell);
        assert_eq!(sanitize("+30 210"), "'+30 210");
        assert_eq!(sanitize("KKE"), "KKE");
        assert_eq!(unsanitize("'quoted"), "'quoted");
        assert_eq!(
            unsanitize(&sanitize("'=typed with its quote")),
            "'=typed with its quote"
        );
    }
}
