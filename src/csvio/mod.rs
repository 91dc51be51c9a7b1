//! The one place that builds CSV writers (and, later, readers), and the
//! rule that keeps spreadsheets from running cells as formulas.

pub mod records;

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
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Undoes [`sanitize`] on import: a `'` before a formula character is
/// dropped.
pub fn unsanitize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
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
    }
}
