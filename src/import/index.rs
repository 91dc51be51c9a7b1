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

/// Organisations by handle or any name, looked up in the database's name
/// index once per distinct cell. The answers are kept for the cells that
/// recur (a file names the same partners again and again), up to a bound,
/// so memory does not grow with the number of organisations.
#[derive(Default)]
pub struct OrgIndex {
    /// Answers for cells already looked up, unknown ones included (finding
    /// the closest names reads them all).
    cache: HashMap<Box<str>, Found>,
}

type Found = std::result::Result<Rc<OrgRef>, Rc<(String, String)>>;

/// How many answers are kept before the cache starts again.
const CACHED: usize = 50_000;

impl OrgIndex {
    pub fn new() -> OrgIndex {
        OrgIndex::default()
    }

    /// The live organisation named by a handle or any name; or the reason
    /// it is not found, with candidates.
    pub fn find(
        &mut self,
        conn: &Connection,
        name: &str,
    ) -> std::result::Result<Rc<OrgRef>, (String, String)> {
        if let Some(hit) = self.cache.get(name) {
            return hit.clone().map_err(|e| (*e).clone());
        }
        let answer = match lookup(conn, name) {
            Ok(found) => found,
            Err(e) => Err(Rc::new((e.to_string(), String::new()))),
        };
        if self.cache.len() >= CACHED {
            self.cache.clear();
        }
        self.cache.insert(name.into(), answer.clone());
        answer.map_err(|e| (*e).clone())
    }
}

fn lookup(conn: &Connection, name: &str) -> Result<Found> {
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

/// People by folded name.
pub struct PersonIndex {
    by_key: HashMap<String, Vec<PersonRef>>,
}

impl PersonIndex {
    pub fn load(conn: &Connection) -> Result<PersonIndex> {
        let mut by_key: HashMap<String, Vec<PersonRef>> = HashMap::new();
        for (key, p) in db::people::all_name_keys(conn)? {
            let list = by_key.entry(key).or_default();
            if !list.iter().any(|x| x.id == p.id) {
                list.push(p);
            }
        }
        Ok(PersonIndex { by_key })
    }

    pub fn find(&self, name: &str) -> std::result::Result<PersonRef, String> {
        match self.by_key.get(&fold(name)).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if !many.is_empty() => Err(format!("{} people have this name", many.len())),
            _ => Err("no person matches".into()),
        }
    }
}
