//! Rows of an organisation list.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};

use super::{Checks, Done, Importer, OnDuplicate, Options, Problem, Row};
use crate::csvio::headers::{Field, ORG_FIELDS};
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::country::{self, Country};
use crate::model::fields;
use crate::model::group::Group;
use crate::model::org::{Org, OrgRef};
use crate::text::fold;

pub struct Orgs {
    /// Countries by cell text: the same few recur in a file.
    countries: HashMap<String, std::result::Result<Country, (String, Vec<String>)>>,
    /// This file's rows by folded name + country, to catch an organisation
    /// listed twice.
    seen: HashMap<String, Vec<(u64, Org)>>,
    /// Handles given in the file, by the line that gave them.
    handles: HashMap<String, u64>,
    /// Handles made of an acronym with the country code added, because
    /// another organisation has the acronym.
    shared_acronyms: Vec<String>,
    /// Groups the file named that were not stored yet, made for it.
    new_groups: Vec<String>,
}

/// What one row describes, beyond the organisation itself.
struct Described {
    org: Org,
    handle_given: bool,
    acronym: Option<String>,
}

impl Orgs {
    pub fn new(_conn: &Connection, _opts: &Options) -> Result<Orgs> {
        Ok(Orgs {
            countries: HashMap::new(),
            seen: HashMap::new(),
            handles: HashMap::new(),
            shared_acronyms: Vec::new(),
            new_groups: Vec::new(),
        })
    }

    /// The country of a row: its country cell, or its country code cell,
    /// which must agree when both are given.
    fn row_country(&mut self, c: &mut Checks, row: &Row) -> Option<Country> {
        match (row.get("country"), row.get("country_code")) {
            (None, None) => {
                c.fail("country", "the country is empty");
                None
            }
            (Some(name), None) => c.take("country", self.country(name)),
            (None, Some(code)) => c.take("country_code", self.country(code)),
            (Some(name), Some(code)) => {
                let by_code = self.country(code);
                match (self.country(name), by_code) {
                    (Ok(a), Ok(b)) if a.code != b.code => {
                        c.fail(
                            "country",
                            &format!(
                                "{} ({}), but the country code column says `{code}`: {} ({})",
                                a.name, a.code, b.name, b.code
                            ),
                        );
                        None
                    }
                    (Ok(a), _) => Some(a),
                    // A name the country list does not know, with a code
                    // that settles it.
                    (Err(_), Ok(b)) => Some(b),
                    (Err(e), Err(_)) => c.take("country", Err(e)),
                }
            }
        }
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
    fn values(&mut self, row: &Row, opts: &Options) -> std::result::Result<Described, Vec<Problem>> {
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
        let acronym = row
            .get("acronym")
            .and_then(|a| c.take("acronym", fields::item("acronym", a)));
        for a in acronym.iter().cloned().chain(row.list("aliases")) {
            if let Some(a) = c.take("aliases", fields::item("alias", &a))
                && !org.aliases.contains(&a)
            {
                org.aliases.push(a);
            }
        }
        // Without an acronym column, an alias written as one stands in.
        let acronym = acronym.or_else(|| org.aliases.iter().find(|a| fields::is_acronym(a)).cloned());
        if let Some(found) = self.row_country(&mut c, row) {
            org.country = found.code;
            org.region = found.region;
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
        c.finish(Described {
            org,
            handle_given,
            acronym,
        })
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
        let Described {
            mut org,
            handle_given,
            acronym,
        } = self.values(row, opts)?;
        let db_err = |e: Error| vec![row.error("name", e)];
        if handle_given && let Some(first) = self.handles.get(&org.handle) {
            return Err(vec![row.problem(
                "handle",
                format!("handle `{}` is also given on line {first}", org.handle),
            )]);
        }
        let name_key = format!("{}|{}", fold(&org.name), org.country);
        if let Some((first, earlier)) = self.seen.get(&name_key).and_then(|rows| {
            rows.iter()
                .find(|(_, o)| o.told_apart_by(&org, handle_given).is_empty())
        }) {
            return Err(vec![Problem {
                candidates: "give one of them a handle, website or native name that tells them apart".into(),
                ..row.problem(
                    "name",
                    format!(
                        "the same organisation as line {first} ({} match)",
                        and_list(&earlier.matching_fields(&org))
                    ),
                )
            }]);
        }
        let existing = find_existing(tx, &org, handle_given).map_err(db_err)?;
        match existing {
            None => {
                if !handle_given {
                    org.handle = self.new_handle(tx, &org, acronym.as_deref()).map_err(db_err)?;
                }
                // Last, so that a row refused for anything else makes no group.
                org.groups = self.groups_of(tx, row, opts)?;
                db::orgs::insert(tx, &org).map_err(db_err)?;
                self.handles.insert(org.handle.clone(), row.line);
                self.seen.entry(name_key).or_default().push((row.line, org));
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
                    org.groups = self.groups_of(tx, row, opts)?;
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

    fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.shared_acronyms.is_empty() {
            notes.push(format!(
                "same acronym as another organisation, so the country code was added: {}",
                self.shared_acronyms.join(", ")
            ));
        }
        if !self.new_groups.is_empty() {
            notes.push(format!(
                "new groups: {}; give them a Persian name or a part in the report with liaison group edit",
                self.new_groups.join(", ")
            ));
        }
        notes
    }
}

impl Orgs {
    /// The names of the groups the row's `groups` cell names, by handle or
    /// name (English or Persian). A group not stored yet is made, and the
    /// import's closing notes name it: a file exported from another
    /// database brings its groups along.
    fn groups_of(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Vec<String>, Vec<Problem>> {
        let err = |e: Error| vec![row.error("groups", e)];
        let mut out: Vec<String> = Vec::new();
        for cell in row.list("groups") {
            let name = match db::groups::find(tx, &cell).map_err(err)? {
                Some(g) => g.name,
                None => {
                    let name = fields::line("group", &cell).map_err(err)?;
                    let mut g = Group::new(new_id(), name, &opts.now);
                    g.handle = db::groups::free_handle(tx, &g.name).map_err(err)?;
                    db::groups::insert(tx, &g).map_err(err)?;
                    self.new_groups.push(format!("{} (`{}`)", g.name, g.handle));
                    g.name
                }
            };
            if !out.contains(&name) {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// A handle for a new organisation: its acronym when free (with the
    /// country code when another organisation has the same acronym), else
    /// one made from its name.
    fn new_handle(&mut self, tx: &Transaction, org: &Org, acronym: Option<&str>) -> Result<String> {
        if let Some(a) = acronym
            && let Some((handle, holder)) = db::orgs::acronym_handle(tx, a, &org.country)?
        {
            if let Some(h) = holder {
                self.shared_acronyms
                    .push(format!("{handle} (`{}` is {}, {})", h.handle, h.name, h.country));
            }
            return Ok(handle);
        }
        db::orgs::free_handle(tx, &org.name, &org.country)
    }
}

/// `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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
    for candidate in db::orgs::same_name_and_country(tx, &org.name, &org.country)? {
        let Some(stored) = db::orgs::get(tx, &candidate.id)? else {
            continue;
        };
        if stored.told_apart_by(org, handle_given).is_empty() {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
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
    for g in new.groups {
        if !stored.groups.contains(&g) {
            stored.groups.push(g);
        }
    }
    stored.updated_at = now.to_string();
}
