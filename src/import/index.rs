//! Lookups of organisations and people by handle or any name for imports,
//! so that a million rows need not run a query each.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::Connection;

use crate::db;
use crate::error::Result;
use crate::model::org::OrgRef;
use crate::model::person::PersonRef;
use crate::text::fold;

/// Answers for names already looked up, unknown ones included, kept up to
/// a bound (a file names the same partners again and again; the bound keeps
/// memory from growing with the number of organisations or people).
struct Answers<T> {
    map: HashMap<Box<str>, T>,
}

/// How many answers are kept before the cache starts again.
const CACHED: usize = 50_000;

impl<T: Clone> Answers<T> {
    fn new() -> Answers<T> {
        Answers { map: HashMap::new() }
    }

    fn get_or(&mut self, name: &str, find: impl FnOnce() -> T) -> T {
        if let Some(hit) = self.map.get(name) {
            return hit.clone();
        }
        let answer = find();
        if self.map.len() >= CACHED {
            self.map.clear();
        }
        self.map.insert(name.into(), answer.clone());
        answer
    }
}

/// Organisations by handle or any name, looked up in the database's name
/// index once per distinct cell.
pub struct OrgIndex {
    answers: Answers<Found>,
}

type Found = std::result::Result<Rc<OrgRef>, Rc<(String, String)>>;

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

fn lookup_org(conn: &Connection, name: &str) -> Result<Found> {
    if let Some((o, false)) = db::orgs::by_handle(conn, &name.to_ascii_lowercase())? {
        return Ok(Ok(Rc::new(o)));
    }
    let key = fold(name);
    let mut found = db::orgs::by_name_key(conn, &key)?;
    Ok(match found.len() {
        1 => Ok(Rc::new(found.remove(0))),
        0 => {
            let close = db::orgs::closest(conn, &key)?;
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
        // The cache started again when it was full: kke is looked up anew.
        assert!(answers.map.len() <= CACHED);
        assert_eq!(answers.get_or("kke", || 8), 8);
    }
}
