//! In-memory lookups of organisations and people by handle or any name,
//! built once per import so that a million rows need no query each.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::commands::closest;
use crate::db;
use crate::error::Result;
use crate::model::org::OrgRef;
use crate::model::person::PersonRef;
use crate::text::fold;

/// Organisations by handle and by every folded name.
pub struct OrgIndex {
    by_handle: HashMap<String, OrgRef>,
    by_key: HashMap<String, Vec<OrgRef>>,
    /// Answers for names already looked up, unknown ones included (the
    /// "closest" search is slow and the same name recurs in a file).
    cache: HashMap<String, std::result::Result<OrgRef, (String, String)>>,
}

impl OrgIndex {
    pub fn load(conn: &Connection) -> Result<OrgIndex> {
        let mut by_handle = HashMap::new();
        let mut by_key: HashMap<String, Vec<OrgRef>> = HashMap::new();
        for (key, o) in db::orgs::all_name_keys(conn)? {
            by_handle.entry(o.handle.clone()).or_insert_with(|| o.clone());
            let list = by_key.entry(key).or_default();
            if !list.iter().any(|x| x.id == o.id) {
                list.push(o);
            }
        }
        Ok(OrgIndex {
            by_handle,
            by_key,
            cache: HashMap::new(),
        })
    }

    /// The organisation named by a handle or any name; or the reason it is
    /// not found, with candidates.
    pub fn find(&mut self, name: &str) -> std::result::Result<OrgRef, (String, String)> {
        if let Some(hit) = self.cache.get(name) {
            return hit.clone();
        }
        let answer = self.lookup(name);
        self.cache.insert(name.to_string(), answer.clone());
        answer
    }

    fn lookup(&self, name: &str) -> std::result::Result<OrgRef, (String, String)> {
        if let Some(o) = self.by_handle.get(&name.to_ascii_lowercase()) {
            return Ok(o.clone());
        }
        let key = fold(name);
        match self.by_key.get(&key).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if !many.is_empty() => Err((
                format!("{} organisations have this name", many.len()),
                many.iter().map(|o| o.to_string()).collect::<Vec<_>>().join("; "),
            )),
            _ => {
                let names: Vec<(String, OrgRef)> = self
                    .by_key
                    .iter()
                    .flat_map(|(k, v)| v.iter().map(move |o| (k.clone(), o.clone())))
                    .collect();
                let close = closest(names, &key);
                let candidates = if close.is_empty() {
                    String::new()
                } else {
                    format!(
                        "closest: {}",
                        close.iter().map(|o| o.to_string()).collect::<Vec<_>>().join("; ")
                    )
                };
                Err(("no organisation matches".into(), candidates))
            }
        }
    }
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
