//! Reading and writing column values that are not plain SQLite types: JSON
//! lists of strings, and words of a closed set.

use crate::error::Error;

/// Reads a column holding a JSON array of strings.
pub(super) fn from_json_list(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// Writes a list of strings as a JSON array.
pub(super) fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Reads a column holding one of a closed set of words.
pub(super) fn parse_word<T: std::str::FromStr<Err = Error>>(
    r: &rusqlite::Row,
    i: usize,
) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    text.parse::<T>()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}
