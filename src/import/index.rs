//! Lookups of organisations and people by handle or any name for imports,
//! so that a million rows need not run a query each.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::Connection;

use crate::db;
use crate::error::Result;
use crate::matching::Query;
use crate::model::fields;
use crate::model::org::OrgRef;
use crate::model::person::PersonRef;
use crate::text::fold;

/// Answers for names already looked up, unknown ones included, kept up to
/// a bound (a file names the same partners again and again; the bound keeps
/// memory from growing with the number of organisations or people). Two
/// generations: when the newer is full it becomes the older, and the older
/// is dropped; an answer found in the older moves to the newer, so the
/// names a file keeps using stay while the rest make room.
struct Answers<T> {
    newer: HashMap<Box<str>, T>,
    older: HashMap<Box<str>, T>,
}

/// How many answers are kept, at most.
const CACHED: usize = 50_000;

impl<T: Clone> Answers<T> {
    fn new() -> Answers<T> {
        Answers {
            newer: HashMap::new(),
            older: HashMap::new(),
        }
    }

    fn get_or(&mut self, name: &str, find: impl FnOnce() -> T) -> T {
        if let Some(hit) = self.newer.get(name) {
            return hit.clone();
        }
        let (key, answer) = match self.older.remove_entry(name) {
            Some(kept) => kept,
            None => (name.into(), find()),
        };
        if self.newer.len() >= CACHED / 2 {
            self.older = std::mem::take(&mut self.newer);
        }
        self.newer.insert(key, answer.clone());
        answer
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.newer.len() + self.older.len()
    }
}

/// Organisations by handle or any name, looked up in the database's name
/// index once per distinct cell.
pub struct OrgIndex {
    answers: Answers<OrgAnswer>,
}

type OrgAnswer = std::result::Result<Rc<OrgRef>, Rc<(String, String)>>;

impl OrgIndex {
    pub fn new() -> OrgIndex {
        OrgIndex {
            answers: Answers::new(),
        }
    }

    /// The live organisation named by a handle or any name; or the reason
    /// it is not found, with candidates (finding those reads every name).
    pub fn find(
        &mut self,
        conn: &Connection,
        name: &str,
    ) -> std::result::Result<Rc<OrgRef>, (String, String)> {
        self.answers
            .get_or(name, || {
                lookup_org(conn, name).unwrap_or_else(|e| Err(Rc::new((e.to_string(), String::new()))))
            })
            .map_err(|e| (*e).clone())
    }
}

fn lookup_org(conn: &Connection, name: &str) -> Result<OrgAnswer> {
    // Most cells are names, which cannot be handles: no query for those.
    let handle = name.to_ascii_lowercase();
    if fields::is_handle(&handle)
        && let Some((o, false)) = db::orgs::by_handle(conn, &handle)?
    {
        return Ok(Ok(Rc::new(o)));
    }
    let key = fold(name);
    let mut found = db::orgs::by_name_key(conn, &key)?;
    // The matcher's fallbacks, as an ORG argument has them: a lookalike
    // or Latin spelling of one name is taken; close matches are offered.
    let mut close = Vec::new();
    if found.is_empty() {
        (found, close) = db::search::org_fallbacks(conn, &Query::new(name))?;
    }
    Ok(match found.len() {
        1 => Ok(Rc::new(found.remove(0))),
        0 => {
            if close.is_empty() {
                close = db::orgs::closest(conn, &key)?;
            }
            let candidates = if close.is_empty() {
                String::new()
            } else {
                format!(
                    "closest: {}",
                    close.iter().map(|o| o.to_string()).collect::<Vec<_>>().join("; ")
                )
            };
            Err(Rc::new(("no organisation matches".into(), candidates)))
        }
        n => Err(Rc::new((
            format!("{n} organisations have this name"),
            found.iter().map(|o| o.to_string()).collect::<Vec<_>>().join("; "),
        ))),
    })
}

/// People by any of their names, looked up in the database once per
/// distinct name.
pub struct PersonIndex {
    answers: Answers<std::result::Result<PersonRef, String>>,
}

impl PersonIndex {
    pub fn new() -> PersonIndex {
        PersonIndex {
            answers: Answers::new(),
        }
    }

    pub fn find(&mut self, conn: &Connection, name: &str) -> std::result::Result<PersonRef, String> {
        self.answers.get_or(name, || {
            let mut found = db::people::by_name_key(conn, &fold(name)).map_err(|e| e.to_string())?;
            if found.is_empty() {
                found = db::search::person_fallbacks(conn, &Query::new(name))
                    .map_err(|e| e.to_string())?
                    .0;
            }
            match found.len() {
                1 => Ok(found.remove(0)),
                0 => Err("no person matches".into()),
                n => Err(format!("{n} people have this name")),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_found_once_and_kept_up_to_the_bound() {
        let mut answers: Answers<usize> = Answers::new();
        let mut lookups = 0;
        for _ in 0..3 {
            answers.get_or("kke", || {
                lookups += 1;
                7
            });
        }
        assert_eq!(lookups, 1);
        for i in 0..CACHED {
            answers.get_or(&i.to_string(), || i);
        }
        // Not asked for since: kke made room and is looked up anew.
        assert!(answers.len() <= CACHED);
        assert_eq!(answers.get_or("kke", || 8), 8);
    }

    #[test]
    fn answers_in_use_stay_while_others_come_and_go() {
        let mut answers: Answers<usize> = Answers::new();
        let mut lookups = 0;
        for i in 0..3 * CACHED {
            answers.get_or(&i.to_string(), || i);
            if i % 1000 == 0 {
                answers.get_or("kke", || {
                    lookups += 1;
                    7
                });
            }
            assert!(answers.len() <= CACHED);
        }
        assert_eq!(lookups, 1);
    }
}
