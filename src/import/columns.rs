//! Columns an import would drop that hold something worth keeping: names,
//! or text in a script other than Latin. They are named before anything is
//! stored, so native-script names are not lost unnoticed.

use crate::csvio::headers::{Mapping, normalise};
use crate::csvio::read::{self, Dialect, Source};
use crate::error::Result;

/// Rows looked at: enough to see what a column holds.
const SAMPLE_ROWS: usize = 200;

/// Words in a header that say the column holds names.
const NAME_WORDS: &[&str] = &[
    "name",
    "names",
    "nom",
    "nombre",
    "nome",
    "naam",
    "acronym",
    "abbreviation",
    "نام",
    "اسم",
    "الاسم",
    "όνομα",
    "название",
    "имя",
    "ad",
    "isim",
];

/// The ignored columns that hold names or non-Latin text, each with what
/// it holds.
pub fn worth_keeping(
    source: &Source,
    dialect: &Dialect,
    mapping: &Mapping,
    headers: &[String],
) -> Result<Vec<(String, &'static str)>> {
    let ignored: Vec<usize> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(i, c)| c.is_none() && mapping.unknown.contains(&headers[*i]))
        .map(|(i, _)| i)
        .collect();
    if ignored.is_empty() {
        return Ok(Vec::new());
    }
    let mut non_latin = vec![false; headers.len()];
    let mut filled = vec![false; headers.len()];
    let (mut reader, _) = read::reader(source, dialect)?;
    let mut record = csv::StringRecord::new();
    // The header row; a row that does not read ends the sample quietly:
    // the import proper reports it.
    let _ = reader.read_record(&mut record);
    for _ in 0..SAMPLE_ROWS {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            _ => break,
        }
        for &i in &ignored {
            let cell = record.get(i).unwrap_or("");
            filled[i] |= cell.chars().any(char::is_alphabetic);
            non_latin[i] |= cell.chars().any(is_non_latin_letter);
        }
    }
    Ok(ignored
        .into_iter()
        .filter(|i| filled[*i])
        .filter_map(|i| {
            let names = normalise(&headers[i]).split(' ').any(|w| NAME_WORDS.contains(&w));
            let what = if non_latin[i] {
                "text in a non-Latin script"
            } else if names {
                "names"
            } else {
                return None;
            };
            Some((headers[i].clone(), what))
        })
        .collect())
}

/// A letter outside the Latin script (Arabic, Greek, Cyrillic, CJK…).
fn is_non_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && !c.is_ascii()
        && !matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{00AA}' | '\u{00BA}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert!(is_non_latin_letter('ک') && is_non_latin_letter('Κ') && is_non_latin_letter('Ж'));
        assert!(!is_non_latin_letter('é') && !is_non_latin_letter('ő') && !is_non_latin_letter('a'));
    }
}
