//! Finding the organisation or person a user means from what they typed:
//! a handle, an ID prefix, or any of their names in any script.

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
        0 if !close.is_empty() => close_only(ctx, "organisation", q, close, "name it by its handle"),
        0 => Err(not_found("organisation", q, db::orgs::closest(conn, &key)?)
            .hint("list them with: liaison org list")),
        _ => choose(ctx, "organisation", q, found, "name it by its handle", |o| {
            Ok(db::orgs::get(conn, &o.id)?
                .map(|full| org_names(&full))
                .unwrap_or_default())
        }),
    }
}

/// Only close matches: a terminal asks which one was meant (if any);
/// otherwise an error lists them.
fn close_only<T: std::fmt::Display>(
    ctx: &Ctx,
    what: &str,
    q: &str,
    mut close: Vec<T>,
    how: &str,
) -> Result<T> {
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
        .hint(how.to_string()))
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
        0 if !close.is_empty() => close_only(
            ctx,
            "person",
            q,
            close,
            "name them by ID prefix (shown in brackets)",
        ),
        0 => Err(
            not_found("person", q, closest(db::people::all_name_keys(conn)?, &key))
                .hint("list them with: liaison person list"),
        ),
        _ => choose(
            ctx,
            "person",
            q,
            found,
            "name them by ID prefix (shown in brackets)",
            |p| {
                Ok(db::people::get(conn, &p.id)?
                    .map(|full| full.native_name.into_iter().chain([full.name]).collect())
                    .unwrap_or_default())
            },
        ),
    }
}

/// An ID prefix is at least four hex digits.
fn is_id_prefix(q: &str) -> bool {
    q.len() >= 4 && q.len() <= 32 && q.chars().all(|c| c.is_ascii_hexdigit())
}

/// Every name an organisation is found by in a pick list: its handle, its
/// name, native name and aliases.
pub fn org_names(o: &crate::model::org::Org) -> Vec<String> {
    std::iter::once(o.handle.clone())
        .chain(o.all_names().into_iter().map(|(_, n)| n.to_string()))
        .collect()
}

fn choose<T: std::fmt::Display>(
    ctx: &Ctx,
    what: &str,
    q: &str,
    mut found: Vec<T>,
    how: &str,
    names: impl Fn(&T) -> Result<Vec<String>>,
) -> Result<T> {
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
    let mut err = Error::user(format!("`{q}` matches {} {what}s", found.len()).replace("persons", "people"));
    for c in found.iter().take(SHOWN) {
        err = err.hint(format!("  {c}"));
    }
    if found.len() > SHOWN {
        err = err.hint(format!("  … and {} more", found.len() - SHOWN));
    }
    Err(err.hint(how.to_string()))
}

fn not_found<T: std::fmt::Display>(what: &str, q: &str, close: Vec<T>) -> Error {
    let mut err = Error::user(format!("no {what} matches `{q}`"));
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
