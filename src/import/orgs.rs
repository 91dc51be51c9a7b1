//! Rows of an organisation list.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};

use super::{Checks, Done, Importer, OnDuplicate, Options, Problem, Row};
use crate::csvio::headers::{Field, ORG_FIELDS};
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::country::{self, Country};
use crate::model::fields;
use crate::model::org::{Org, OrgRef};
use crate::text::fold;

pub struct Orgs {
    /// Countries by cell text: the same few recur in a file.
    countries: HashMap<String, std::result::Result<Country, (String, Vec<String>)>>,
    /// This file's rows by handle and by folded name + country, to catch an
    /// organisation listed twice.
    seen: HashMap<String, u64>,
}

impl Orgs {
    pub fn new(_conn: &Connection, _opts: &Options) -> Result<Orgs> {
        Ok(Orgs {
            countries: HashMap::new(),
            seen: HashMap::new(),
        })
    }

    fn country(&mut self, cell: &str) -> Result<Country> {
        let entry = self
            .countries
            .entry(cell.to_string())
            .or_insert_with(|| country::resolve(cell).map_err(|e| (e.message, e.hints)));
        match entry {
            Ok(c) => Ok(c.clone()),
            Err((message, hints)) => Err(hints
                .iter()
                .fold(Error::user(message.clone()), |e, h| e.hint(h.clone()))),
        }
    }

    /// The organisation a row describes, every cell validated.
    fn values(&mut self, row: &Row, opts: &Options) -> std::result::Result<(Org, bool), Vec<Problem>> {
        let mut c = Checks::new(row);
        let mut org = Org::new(new_id(), String::new(), &opts.now);
        match row.get("name") {
            Some(n) => org.name = c.take("name", fields::line("name", n)).unwrap_or_default(),
            None => c.fail("name", "the name is empty"),
        }
        if let Some(id) = c.id() {
            org.id = id;
        }
        let handle_given = match row.get("handle") {
            Some(h) => c
                .take("handle", fields::handle(h))
                .map(|h| org.handle = h)
                .is_some(),
            None => false,
        };
        if let Some(n) = row.get("native_name") {
            org.native_name = c
                .take("native_name", fields::opt_line("native name", Some(n)))
                .flatten();
        }
        if let Some(n) = row.get("name_fa") {
            org.name_fa = c
                .take("name_fa", fields::opt_line("Persian name", Some(n)))
                .flatten();
        }
        for a in row.list("aliases") {
            if let Some(a) = c.take("aliases", fields::item("alias", &a))
                && !org.aliases.contains(&a)
            {
                org.aliases.push(a);
            }
        }
        match row.get("country") {
            Some(cell) => {
                if let Some(found) = c.take("country", self.country(cell)) {
                    org.country = found.code;
                    org.region = found.region;
                }
            }
            None => c.fail("country", "the country is empty"),
        }
        if let Some(r) = row.get("region")
            && let Some(r) = c.take("region", country::resolve_region(r))
            && r != org.region
        {
            org.region = r.to_string();
            org.region_overridden = true;
        }
        if let Some(k) = row.get("kind").and_then(|k| c.take("kind", k.parse())) {
            org.kind = k;
        }
        if let Some(s) = row.get("status").and_then(|s| c.take("status", s.parse())) {
            org.status = s;
        }
        org.since = c.date("since");
        org.languages = c
            .take("languages", fields::languages(&row.list("languages")))
            .unwrap_or_default();
        org.website = row
            .get("website")
            .and_then(|w| c.take("website", fields::website(w)));
        org.email = row.get("email").and_then(|e| c.take("email", fields::email(e)));
        org.tags = c
            .take("tags", fields::tags(&row.list("tags")))
            .unwrap_or_default();
        org.notes = c.notes();
        if let Some(s) = row
            .get("sensitivity")
            .and_then(|s| c.take("sensitivity", s.parse()))
        {
            org.sensitivity = s;
        }
        if let Some(t) = c.time("created_at") {
            org.created_at = t;
        }
        if let Some(t) = c.time("updated_at") {
            org.updated_at = t;
        }
        c.finish((org, handle_given))
    }
}

impl Importer for Orgs {
    fn fields(&self) -> &'static [Field] {
        ORG_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["since"]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let (mut org, handle_given) = self.values(row, opts)?;
        let db_err = |e: Error| vec![row.error("name", e)];
        let name_key = format!("n:{}|{}", fold(&org.name), org.country);
        let handle_key = format!("h:{}", org.handle);
        for key in [&handle_key, &name_key] {
            if key != "h:"
                && let Some(first) = self.seen.get(key)
            {
                return Err(vec![
                    row.problem("name", format!("the same organisation as line {first}")),
                ]);
            }
        }
        let existing = find_existing(tx, &org, handle_given).map_err(db_err)?;
        self.seen.insert(name_key, row.line);
        match existing {
            None => {
                if !handle_given {
                    org.handle = db::orgs::free_handle(tx, &org.name, &org.country).map_err(db_err)?;
                }
                self.seen.insert(format!("h:{}", org.handle), row.line);
                db::orgs::insert(tx, &org).map_err(db_err)?;
                Ok(Done::Added)
            }
            Some(stored) => match opts.on_duplicate {
                OnDuplicate::Skip => Ok(Done::Skipped),
                OnDuplicate::Fail => Err(vec![Problem {
                    candidates: "choose what to do with --on-duplicate skip|update|fill".into(),
                    ..row.problem("name", format!("already recorded as `{}`", stored.handle))
                }]),
                OnDuplicate::Update | OnDuplicate::Fill => {
                    let mut current = db::orgs::get(tx, &stored.id)
                        .map_err(db_err)?
                        .ok_or_else(|| vec![row.problem("name", "vanished while importing")])?;
                    merge(
                        &mut current,
                        org,
                        row,
                        opts.on_duplicate == OnDuplicate::Fill,
                        &opts.now,
                    );
                    db::orgs::update(tx, &current).map_err(db_err)?;
                    Ok(Done::Updated)
                }
            },
        }
    }
}

/// The stored organisation a row matches: by ID, then handle, then folded
/// name and country.
fn find_existing(tx: &Transaction, org: &Org, handle_given: bool) -> Result<Option<OrgRef>> {
    if let Some(o) = db::orgs::get(tx, &org.id)? {
        return Ok(Some(o.to_ref()));
    }
    if handle_given && let Some((o, _)) = db::orgs::by_handle(tx, &org.handle)? {
        return Ok(Some(o));
    }
    Ok(db::orgs::same_name_and_country(tx, &org.name, &org.country)?
        .into_iter()
        .next())
}

/// Applies a row to a stored organisation: `fill` sets only empty fields,
/// otherwise every non-empty cell replaces what is stored.
fn merge(stored: &mut Org, new: Org, row: &Row, fill: bool, now: &str) {
    let given = |f: &str| row.get(f).is_some();
    macro_rules! set {
        ($field:ident, $col:literal, $empty:expr) => {
            if given($col) && (!fill || $empty) {
                stored.$field = new.$field.clone();
            }
        };
    }
    set!(native_name, "native_name", stored.native_name.is_none());
    set!(name_fa, "name_fa", stored.name_fa.is_none());
    set!(kind, "kind", false);
    set!(status, "status", false);
    set!(since, "since", stored.since.is_none());
    set!(languages, "languages", stored.languages.is_empty());
    set!(website, "website", stored.website.is_none());
    set!(email, "email", stored.email.is_none());
    set!(notes, "notes", stored.notes.is_none());
    set!(sensitivity, "sensitivity", false);
    if given("country") && !fill {
        stored.country = new.country.clone();
        stored.region = new.region.clone();
        stored.region_overridden = new.region_overridden;
    }
    for a in new.aliases {
        if !stored.aliases.contains(&a) {
            stored.aliases.push(a);
        }
    }
    for t in new.tags {
        if !stored.tags.contains(&t) {
            stored.tags.push(t);
        }
    }
    stored.updated_at = now.to_string();
}
