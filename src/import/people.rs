//! Rows of a list of people.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};

use super::index::OrgIndex;
use super::{Checks, Done, Importer, OnDuplicate, Options, Problem, Row};
use crate::csvio::headers::{Field, PERSON_FIELDS};
use crate::db::{self, new_id};
use crate::model::fields;
use crate::model::person::{self, Person};
use crate::text::fold;

pub struct People {
    orgs: OrgIndex,
    seen: HashMap<String, u64>,
}

impl People {
    pub fn new() -> People {
        People {
            orgs: OrgIndex::new(),
            seen: HashMap::new(),
        }
    }

    fn values(
        &mut self,
        conn: &Connection,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Person, Vec<Problem>> {
        let mut c = Checks::new(row);
        let mut p = Person::new(c.id().unwrap_or_else(new_id), String::new(), &opts.now);
        match row.get("name") {
            Some(n) => p.name = c.take("name", fields::line("name", n)).unwrap_or_default(),
            None => c.fail("name", "the name is empty"),
        }
        p.native_name = row
            .get("native_name")
            .and_then(|n| c.take("native_name", fields::opt_line("native name", Some(n))))
            .flatten();
        p.name_fa = row
            .get("name_fa")
            .and_then(|n| c.take("name_fa", fields::opt_line("Persian name", Some(n))))
            .flatten();
        if let Some(o) = c.org(conn, &mut self.orgs, "organisation") {
            p.org_id = Some(o.id);
            p.organisation = Some(o.handle);
        }
        p.role = row
            .get("role")
            .and_then(|r| c.take("role", fields::opt_line("role", Some(r))))
            .flatten();
        p.email = row.get("email").and_then(|e| c.take("email", fields::email(e)));
        p.phone = row.get("phone").and_then(|ph| c.take("phone", person::phone(ph)));
        for m in row.list("messaging") {
            if let Some(m) = c.take("messaging", fields::item("messaging handle", &m)) {
                p.messaging.push(m);
            }
        }
        p.languages = c
            .take("languages", fields::languages(&row.list("languages")))
            .unwrap_or_default();
        p.notes = c.notes();
        if let Some(v) = row.get("do_not_contact") {
            match fold(v).as_str() {
                "true" | "yes" | "y" | "1" | "x" | "بله" => p.do_not_contact = true,
                "false" | "no" | "n" | "0" | "خیر" => {}
                _ => c.fail("do_not_contact", "expected true or false"),
            }
        }
        if let Some(s) = row
            .get("sensitivity")
            .and_then(|s| c.take("sensitivity", s.parse()))
        {
            p.sensitivity = s;
        }
        if let Some(t) = c.time("created_at") {
            p.created_at = t;
        }
        if let Some(t) = c.time("updated_at") {
            p.updated_at = t;
        }
        c.finish(p)
    }
}

impl Importer for People {
    fn fields(&self) -> &'static [Field] {
        PERSON_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &[]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let p = self.values(tx, row, opts)?;
        let db_err = |e: crate::error::Error| vec![row.error("name", e)];
        let key = format!("{}|{}", fold(&p.name), p.org_id.as_deref().unwrap_or_default());
        if let Some(first) = self.seen.insert(key, row.line) {
            return Err(vec![
                row.problem("name", format!("the same person as line {first}")),
            ]);
        }
        let existing = match db::people::get(tx, &p.id).map_err(db_err)? {
            Some(e) => Some(e),
            None => db::people::by_name_key(tx, &fold(&p.name))
                .map_err(db_err)?
                .into_iter()
                .find(|x| x.organisation == p.organisation)
                .map(|x| db::people::get(tx, &x.id))
                .transpose()
                .map_err(db_err)?
                .flatten(),
        };
        match existing {
            None => {
                db::people::insert(tx, &p).map_err(db_err)?;
                Ok(Done::Added)
            }
            Some(stored) => match opts.on_duplicate {
                OnDuplicate::Skip => Ok(Done::Skipped),
                OnDuplicate::Fail => Err(vec![Problem {
                    candidates: "choose what to do with --on-duplicate skip|update|fill".into(),
                    ..row.problem("name", "already recorded")
                }]),
                OnDuplicate::Update | OnDuplicate::Fill => {
                    let fill = opts.on_duplicate == OnDuplicate::Fill;
                    let mut s = stored;
                    let given = |f: &str| row.get(f).is_some();
                    macro_rules! set {
                        ($field:ident, $col:literal, $empty:expr) => {
                            if given($col) && (!fill || $empty) {
                                s.$field = p.$field.clone();
                            }
                        };
                    }
                    set!(native_name, "native_name", s.native_name.is_none());
                    set!(name_fa, "name_fa", s.name_fa.is_none());
                    set!(role, "role", s.role.is_none());
                    set!(email, "email", s.email.is_none());
                    set!(phone, "phone", s.phone.is_none());
                    set!(messaging, "messaging", s.messaging.is_empty());
                    set!(languages, "languages", s.languages.is_empty());
                    set!(notes, "notes", s.notes.is_none());
                    set!(do_not_contact, "do_not_contact", false);
                    set!(sensitivity, "sensitivity", false);
                    s.updated_at = opts.now.clone();
                    db::people::update(tx, &s).map_err(db_err)?;
                    Ok(Done::Updated)
                }
            },
        }
    }
}
