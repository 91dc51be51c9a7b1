//! Finding the row a user means from what they typed: a handle, a number,
//! an ID prefix, or any of its names in any script. Every noun goes the same
//! way: exact (folded) name first, then ID prefix, then part of a name; one
//! match is taken, several are offered in a pick list on a terminal and
//! listed in scripts, none is an error naming where to look. Organisations
//! and people add their search index's fallbacks (lookalikes, Latin
//! spellings, close matches) after these steps.

use rusqlite::Connection;

use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::matching::Query;
use crate::model::org::OrgRef;
use crate::model::person::PersonRef;
use crate::text::{closest, fold};

/// How many candidates an error lists before saying "and N more".
const SHOWN: usize = 8;

/// What a resolver calls the thing it looks for, in its messages.
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
    /// The command that lists them all.
    pub list: &'static str,
    /// How to name one without doubt.
    pub how: &'static str,
}

const ORG: Noun = Noun {
    one: "organisation",
    many: "organisations",
    list: "liaison org list",
    how: "name it by its handle",
};

const PERSON: Noun = Noun {
    one: "person",
    many: "people",
    list: "liaison person list",
    how: "name them by ID prefix (shown in brackets)",
};

/// One row a resolver can choose: its ID, the names it is found by, how it
/// is shown among other candidates, and the row itself.
pub struct Candidate<T> {
    pub id: String,
    pub names: Vec<String>,
    pub label: String,
    pub row: T,
}

impl<T> std::fmt::Display for Candidate<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The one of `rows` that `query` names (see the module's comment).
pub fn among<T>(ctx: &Ctx, noun: &Noun, query: &str, rows: Vec<Candidate<T>>) -> Result<T> {
    let q = query.trim();
    if q.is_empty() {
        return Err(Error::user(format!("no {} given", noun.one)).hint(noun.how));
    }
    settle(ctx, noun, q, matching(q, rows))
}

/// The rows `query` names: those with an exact (folded) name if any, else
/// those whose ID starts with it (four hex digits or more), else those
/// with a name containing it.
pub fn matching<T>(query: &str, rows: Vec<Candidate<T>>) -> Vec<Candidate<T>> {
    let q = query.trim();
    let key = fold(q);
    if key.is_empty() {
        return Vec::new();
    }
    let folded: Vec<Vec<String>> = rows
        .iter()
        .map(|c| c.names.iter().map(|n| fold(n)).collect())
        .collect();
    let pick = |keep: &dyn Fn(usize) -> bool, rows: Vec<Candidate<T>>| -> Vec<Candidate<T>> {
        rows.into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect()
    };
    let exact = |i: usize| folded[i].contains(&key);
    if (0..rows.len()).any(exact) {
        return pick(&exact, rows);
    }
    if is_id_prefix(q) {
        let prefix = q.to_ascii_lowercase();
        let by_id: Vec<bool> = rows.iter().map(|c| c.id.starts_with(&prefix)).collect();
        if by_id.contains(&true) {
            return pick(&|i| by_id[i], rows);
        }
    }
    pick(&|i| folded[i].iter().any(|n| n.contains(&key)), rows)
}

/// One of `found`: the only one, the one picked on a terminal, or an error
/// listing them (or saying there is none).
pub fn settle<T>(ctx: &Ctx, noun: &Noun, q: &str, found: Vec<Candidate<T>>) -> Result<T> {
    if found.is_empty() {
        return Err(Error::user(format!("no {} matches `{q}`", noun.one))
            .hint(format!("list them with: {}", noun.list)));
    }
    choose(ctx, noun, q, found, |c| Ok(c.names.clone())).map(|c| c.row)
}

/// Resolves `ORG`: handle, then exact name in any script (folded), then ID
/// prefix, then part of a name, then lookalike letters or a Latin
/// spelling, then close matches (consonants, offered, never taken). Several matches: a pick list on a
/// terminal, otherwise an error listing the candidates.
pub fn resolve_org(ctx: &Ctx, conn: &Connection, query: &str) -> Result<OrgRef> {
    let q = query.trim();
    if q.is_empty() {
        return Err(Error::user("no organisation given").hint("name it by handle or by any of its names"));
    }
    if let Some((found, deleted)) = db::orgs::by_handle(conn, &q.to_ascii_lowercase())? {
        if !deleted {
            return Ok(found);
        }
        return Err(
            Error::user(format!("organisation `{}` was deleted", found.handle))
                .hint(format!("restore it with: liaison org restore {}", found.handle)),
        );
    }
    let key = fold(q);
    let mut found = db::orgs::by_name_key(conn, &key)?;
    if found.is_empty() && is_id_prefix(q) {
        found = db::orgs::by_id_prefix(conn, &q.to_ascii_lowercase())?;
    }
    if found.is_empty() {
        found = db::orgs::by_name_part(conn, &key, 200)?;
    }
    let mut close = Vec::new();
    if found.is_empty() {
        (found, close) = db::search::org_fallbacks(conn, &Query::new(q))?;
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 if !close.is_empty() => close_only(ctx, &ORG, q, close),
        0 => {
            Err(not_found(&ORG, q, db::orgs::closest(conn, &key)?)
                .hint(format!("list them with: {}", ORG.list)))
        }
        _ => choose(ctx, &ORG, q, found, |o| {
            Ok(db::orgs::get(conn, &o.id)?
                .map(|full| org_names(&full))
                .unwrap_or_default())
        }),
    }
}

/// Only close matches: a terminal asks which one was meant (if any);
/// otherwise an error lists them.
fn close_only<T: std::fmt::Display>(ctx: &Ctx, noun: &Noun, q: &str, mut close: Vec<T>) -> Result<T> {
    let what = noun.one;
    if ctx.interactive {
        let items: Vec<crate::prompt::Choice> = close
            .iter()
            .map(|c| crate::prompt::Choice {
                label: c.to_string(),
                names: Vec::new(),
            })
            .collect();
        let i = crate::prompt::pick(
            &format!("no {what} is named `{q}`; did you mean one of these close matches?"),
            &items,
        )?;
        return Ok(close.swap_remove(i));
    }
    let names: Vec<String> = close.iter().take(SHOWN).map(ToString::to_string).collect();
    Err(Error::user(format!("no {what} matches `{q}`"))
        .hint(format!("close matches: {}", names.join("; ")))
        .hint(noun.how))
}

/// Resolves a person by ID prefix or any of their names.
pub fn resolve_person(ctx: &Ctx, conn: &Connection, query: &str) -> Result<PersonRef> {
    let q = query.trim();
    if q.is_empty() {
        return Err(Error::user("no person given").hint("name them by name or ID prefix"));
    }
    let key = fold(q);
    let mut found = db::people::by_name_key(conn, &key)?;
    if found.is_empty() && is_id_prefix(q) {
        found = db::people::by_id_prefix(conn, &q.to_ascii_lowercase())?;
    }
    if found.is_empty() {
        found = db::people::by_name_part(conn, &key, 200)?;
    }
    let mut close = Vec::new();
    if found.is_empty() {
        (found, close) = db::search::person_fallbacks(conn, &Query::new(q))?;
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 if !close.is_empty() => close_only(ctx, &PERSON, q, close),
        0 => Err(
            not_found(&PERSON, q, closest(db::people::all_name_keys(conn)?, &key))
                .hint(format!("list them with: {}", PERSON.list)),
        ),
        _ => choose(ctx, &PERSON, q, found, |p| {
            Ok(db::people::get(conn, &p.id)?
                .map(|full| full.native_name.into_iter().chain([full.name]).collect())
                .unwrap_or_default())
        }),
    }
}

/// An ID prefix is at least four hex digits.
pub fn is_id_prefix(q: &str) -> bool {
    q.len() >= 4 && q.len() <= 32 && q.chars().all(|c| c.is_ascii_hexdigit())
}

/// Every name an organisation is found by in a pick list: its handle, its
/// name, native name and aliases.
pub fn org_names(o: &crate::model::org::Org) -> Vec<String> {
    std::iter::once(o.handle.clone())
        .chain(o.all_names().into_iter().map(|(_, n)| n.to_string()))
        .collect()
}

/// One of several `found`: picked on a terminal (filtered on `names`),
/// listed in an error otherwise.
fn choose<T: std::fmt::Display>(
    ctx: &Ctx,
    noun: &Noun,
    q: &str,
    mut found: Vec<T>,
    names: impl Fn(&T) -> Result<Vec<String>>,
) -> Result<T> {
    if found.len() == 1 {
        return Ok(found.remove(0));
    }
    let what = noun.one;
    if ctx.interactive {
        let items = found
            .iter()
            .map(|f| {
                Ok(crate::prompt::Choice {
                    label: f.to_string(),
                    names: names(f)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let i = crate::prompt::pick(&format!("which {what} did you mean by `{q}`?"), &items)?;
        return Ok(found.swap_remove(i));
    }
    let mut err = Error::user(format!("`{q}` matches {} {}", found.len(), noun.many));
    for c in found.iter().take(SHOWN) {
        err = err.hint(format!("  {c}"));
    }
    if found.len() > SHOWN {
        err = err.hint(format!("  … and {} more", found.len() - SHOWN));
    }
    Err(err.hint(noun.how))
}

fn not_found<T: std::fmt::Display>(noun: &Noun, q: &str, close: Vec<T>) -> Error {
    let mut err = Error::user(format!("no {} matches `{q}`", noun.one));
    if !close.is_empty() {
        let names: Vec<String> = close.iter().map(ToString::to_string).collect();
        err = err.hint(format!("closest: {}", names.join("; ")));
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefixes_are_hex() {
        assert!(is_id_prefix("3f2a"));
        assert!(!is_id_prefix("3f2"));
        assert!(!is_id_prefix("kke1"));
    }
}
