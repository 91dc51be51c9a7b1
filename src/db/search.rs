//! Full-text search (SQLite FTS5 over folded text).

use rusqlite::{Connection, params};

use crate::error::{Context, Result};
use crate::matching::{How, Query};
use crate::model::org::OrgRef;
use crate::model::person::PersonRef;
use crate::text::fold;

/// Sets the search entry of the row stored as `rid` in the full-text
/// index `fts` to `text` (already folded), or drops it when `None`. Names
/// come from the program, never from input.
pub fn put(conn: &Connection, fts: &str, rid: i64, text: Option<&str>) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {fts} WHERE rowid = ?1"))
        .and_then(|mut stmt| stmt.execute([rid]))
        .context("updating the search index")?;
    if let Some(text) = text {
        conn.prepare_cached(&format!("INSERT INTO {fts} (rowid, text) VALUES (?1, ?2)"))
            .and_then(|mut stmt| stmt.execute(params![rid, text]))
            .context("updating the search index")?;
    }
    Ok(())
}

/// What the search index of organisations or people holds for one of
/// them: folded text (names, notes…), and the Latin and consonant keys of
/// its names ([`crate::matching`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub latin: String,
    pub sound: String,
}

impl Entry {
    /// The entry for `text` (folded here) and `names` (one per line).
    pub fn new(text: &[&str], names: &[&str]) -> Entry {
        let names = names.join("\n");
        Entry {
            text: fold(&text.join("\n")),
            latin: crate::matching::latin_key(&names),
            sound: crate::matching::consonant_key_of_names(&names),
        }
    }
}

/// Sets the entry of the row stored as `rid` in the names index `fts`
/// (`org_fts`, `person_fts`), or drops it when `None`.
pub fn put_entry(conn: &Connection, fts: &str, rid: i64, entry: Option<&Entry>) -> Result<()> {
    put(conn, fts, rid, None)?;
    if let Some(e) = entry {
        conn.prepare_cached(&format!(
            "INSERT INTO {fts} (rowid, text, latin, sound) VALUES (?1, ?2, ?3, ?4)"
        ))
        .and_then(|mut stmt| stmt.execute(params![rid, e.text, e.latin, e.sound]))
        .context("updating the search index")?;
    }
    Ok(())
}

/// Rewrites the names-index entry of the row stored as `rid` in `table`
/// from the row as it is now, or drops it when there is no such row any
/// more: after an undo.
pub fn reindex_entry(
    conn: &Connection,
    table: &str,
    fts: &str,
    rid: i64,
    entry: impl FnOnce(&str) -> Result<Option<Entry>>,
) -> Result<()> {
    let entry = match super::id_of(conn, table, rid)? {
        Some(id) => entry(&id)?,
        None => None,
    };
    put_entry(conn, fts, rid, entry.as_ref())
}

/// Rewrites the search entry of the row stored as `rid` in `table` from
/// the row as it is now (`text` makes it from the row's ID, `None` when
/// there is nothing to index), or drops it when there is no such row any
/// more: after an undo.
pub fn reindex(
    conn: &Connection,
    table: &str,
    fts: &str,
    rid: i64,
    text: impl FnOnce(&str) -> Result<Option<String>>,
) -> Result<()> {
    let text = match super::id_of(conn, table, rid)? {
        Some(id) => text(&id)?,
        None => None,
    };
    put(conn, fts, rid, text.as_deref())
}

/// Builds an FTS5 query from what a user typed: every word must match, as
/// a prefix, after folding. Returns `None` when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = fold(input)
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

const ORGS: &str = "SELECT o.id FROM org_fts f JOIN organisations o ON o.rid = f.rowid
  WHERE org_fts MATCH ?1 AND o.deleted_at IS NULL ORDER BY f.rank LIMIT ?2";
const PEOPLE: &str = "SELECT p.id FROM person_fts f JOIN people p ON p.rid = f.rowid
  WHERE person_fts MATCH ?1 AND p.deleted_at IS NULL ORDER BY f.rank LIMIT ?2";

/// IDs of live organisations matching the query, best first (`limit` 0: all).
pub fn orgs(conn: &Connection, query: &str, limit: usize) -> Result<Vec<String>> {
    ids(conn, ORGS, query, limit)
}

/// How many live organisations match the query.
pub fn orgs_count(conn: &Connection, query: &str) -> Result<usize> {
    count(conn, ORGS, query)
}

/// IDs of live people matching the query, best first (`limit` 0: all).
pub fn people(conn: &Connection, query: &str, limit: usize) -> Result<Vec<String>> {
    ids(conn, PEOPLE, query, limit)
}

/// How many live people match the query.
pub fn people_count(conn: &Connection, query: &str) -> Result<usize> {
    count(conn, PEOPLE, query)
}

/// A list length as SQLite's LIMIT takes it: 0 (all) is -1, no limit.
pub fn sql_limit(limit: usize) -> i64 {
    if limit == 0 {
        -1
    } else {
        i64::try_from(limit).unwrap_or(-1)
    }
}

fn ids(conn: &Connection, sql: &str, query: &str, limit: usize) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql).context("searching")?;
    let rows = stmt
        .query_map(params![query, sql_limit(limit)], |r| r.get(0))
        .context("searching")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("searching")
}

/// The stages of matching a name that the search index answers, in the
/// order they are tried ([`crate::matching`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Folded text: exact and prefix matches.
    Text,
    /// Lookalike letters and Latin spellings.
    Spelling,
    /// Consonants of names in Arabic script: close matches.
    Consonants,
}

impl Stage {
    fn fts(self, q: &Query) -> Option<String> {
        match self {
            Stage::Text => q.fts_exact(),
            Stage::Spelling => q.fts_latin(),
            Stage::Consonants => q.fts_consonants(),
        }
    }
}

/// How `q` matched a record found at `stage`, from its names and other
/// indexed texts: the best of its names' matches that the stage can make.
fn classify(q: &Query, stage: Stage, names: &[&str], texts: &[&str]) -> Option<How> {
    let best = names.iter().filter_map(|n| q.against(n)).min();
    match stage {
        Stage::Text => Some(match best {
            Some(h) if h <= How::Prefix => h,
            // Found by a tag, a note or a role: exact when every word is a
            // whole word there.
            _ => {
                let words: Vec<String> = texts
                    .iter()
                    .flat_map(|t| {
                        fold(t)
                            .split(|c: char| !c.is_alphanumeric())
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                let all = q
                    .folded()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .all(|w| words.iter().any(|x| x == w));
                if all { How::Exact } else { How::Prefix }
            }
        }),
        Stage::Spelling => Some(match best {
            Some(h) if h <= How::Latin => h,
            _ => How::Latin,
        }),
        Stage::Consonants => best,
    }
}

/// Live organisations matching `q` at `stage` (at most `limit`), with how
/// each matched, best first.
pub fn org_matches(conn: &Connection, q: &Query, stage: Stage, limit: usize) -> Result<Vec<(String, How)>> {
    let Some(fts) = stage.fts(q) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for id in orgs(conn, &fts, limit)? {
        let Some(o) = super::orgs::get(conn, &id)? else {
            continue;
        };
        let mut names: Vec<&str> = o.all_names().into_iter().map(|(_, n)| n).collect();
        names.push(&o.handle);
        let mut texts = names.clone();
        texts.extend(o.tags.iter().map(String::as_str));
        texts.extend(o.notes.as_deref());
        if let Some(how) = classify(q, stage, &names, &texts) {
            out.push((id, how));
        }
    }
    out.sort_by_key(|(_, how)| *how);
    Ok(out)
}

/// Live people matching `q` at `stage` (at most `limit`), with how each
/// matched, best first.
pub fn person_matches(
    conn: &Connection,
    q: &Query,
    stage: Stage,
    limit: usize,
) -> Result<Vec<(String, How)>> {
    let Some(fts) = stage.fts(q) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for id in people(conn, &fts, limit)? {
        let Some(p) = super::people::get(conn, &id)? else {
            continue;
        };
        let mut names: Vec<&str> = vec![&p.name];
        names.extend(p.native_name.as_deref());
        let mut texts = names.clone();
        texts.extend(p.role.as_deref());
        texts.extend(p.notes.as_deref());
        if let Some(how) = classify(q, stage, &names, &texts) {
            out.push((id, how));
        }
    }
    out.sort_by_key(|(_, how)| *how);
    Ok(out)
}

/// How many lookalike, Latin or close matches a name lookup considers.
const FALLBACKS: usize = 50;

/// Organisations the query finds after its exact and prefix matches, in
/// the matcher's order ([`crate::matching`]): those with lookalike names
/// or Latin spellings, else none and the close matches (consonants of
/// names in Arabic script).
pub fn org_fallbacks(conn: &Connection, q: &Query) -> Result<(Vec<OrgRef>, Vec<OrgRef>)> {
    let refs = |found: Vec<(String, How)>| -> Result<Vec<OrgRef>> {
        let mut out = Vec::new();
        for (id, _) in found {
            if let Some(o) = super::orgs::get(conn, &id)? {
                out.push(o.to_ref());
            }
        }
        Ok(out)
    };
    let spelt = refs(org_matches(conn, q, Stage::Spelling, FALLBACKS)?)?;
    if !spelt.is_empty() {
        return Ok((spelt, Vec::new()));
    }
    Ok((
        Vec::new(),
        refs(org_matches(conn, q, Stage::Consonants, FALLBACKS)?)?,
    ))
}

/// People the query finds after its exact and prefix matches: as
/// [`org_fallbacks`].
pub fn person_fallbacks(conn: &Connection, q: &Query) -> Result<(Vec<PersonRef>, Vec<PersonRef>)> {
    let refs = |found: Vec<(String, How)>| -> Result<Vec<PersonRef>> {
        let mut out = Vec::new();
        for (id, _) in found {
            if let Some(p) = super::people::get(conn, &id)? {
                out.push(PersonRef {
                    id: p.id,
                    name: p.name,
                    organisation: p.organisation,
                });
            }
        }
        Ok(out)
    };
    let spelt = refs(person_matches(conn, q, Stage::Spelling, FALLBACKS)?)?;
    if !spelt.is_empty() {
        return Ok((spelt, Vec::new()));
    }
    Ok((
        Vec::new(),
        refs(person_matches(conn, q, Stage::Consonants, FALLBACKS)?)?,
    ))
}

/// How many rows the search `sql` finds with no limit.
pub fn count(conn: &Connection, sql: &str, query: &str) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM ({sql})"))
        .and_then(|mut s| s.query_row(params![query, -1], |r| r.get(0)))
        .context("counting matches")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_folded_prefixes() {
        assert_eq!(
            fts_query("Comunista PORTUGUÊS").unwrap(),
            "\"comunista\"* \"portugues\"*"
        );
        assert_eq!(fts_query("كمونيست").unwrap(), "\"کمونیست\"*");
        assert_eq!(fts_query("a\"b").unwrap(), "\"a\"\"b\"*");
        assert_eq!(fts_query("   "), None);
    }
}
