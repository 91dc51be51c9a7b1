//! Rows of events, briefings, documents and distributions.

use std::collections::HashSet;

use rusqlite::Transaction;

use super::index::{OrgIndex, PersonIndex};
use super::{Checks, Done, Importer, Options, Problem, Row};
use crate::csvio::headers::{BRIEFING_FIELDS, DISTRIBUTION_FIELDS, DOC_FIELDS, EVENT_FIELDS, Field};
use crate::db::{self, new_id};
use crate::model::document::{DocDirection, DocKind, Document, SendChannel};
use crate::model::event::{Event, EventKind, OurRole, PartnerRole};
use crate::model::{country, fields};
use crate::text::fold;

/// The objectives named in `field`: numbers or words of their titles.
pub(super) fn objectives(tx: &Transaction, row: &Row, c: &mut Checks) -> Vec<String> {
    objectives_in(tx, row, c, "objectives")
}

/// The objectives named in column `field`.
fn objectives_in(tx: &Transaction, row: &Row, c: &mut Checks, field: &str) -> Vec<String> {
    let wanted = row.list(field);
    if wanted.is_empty() {
        return Vec::new();
    }
    let all = match db::objectives::list(tx) {
        Ok(all) => all,
        Err(e) => {
            c.problems.push(row.error(field, e));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for q in wanted {
        let found = match q.parse::<i64>() {
            Ok(n) => all.iter().find(|o| o.number == n),
            Err(_) => all.iter().find(|o| fold(&o.title).contains(&fold(&q))),
        };
        match found {
            Some(o) => out.push(o.id.clone()),
            None => c.problems.push(Problem {
                value: q.clone(),
                ..row.problem(field, "no such objective")
            }),
        }
    }
    out
}

/// What a duplicate row becomes.
fn duplicate(row: &Row, field: &str, opts: &Options) -> std::result::Result<Done, Vec<Problem>> {
    super::duplicate(
        row,
        field,
        opts,
        "already recorded",
        "skip rows already recorded with --on-duplicate skip",
    )
}

pub struct Events {
    orgs: OrgIndex,
    people: PersonIndex,
    seen: HashSet<(String, chrono::NaiveDate)>,
}

impl Events {
    pub fn new() -> Events {
        Events {
            orgs: OrgIndex::new(),
            people: PersonIndex::new(),
            seen: HashSet::new(),
        }
    }
}

impl Importer for Events {
    fn fields(&self) -> &'static [Field] {
        EVENT_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["starts", "ends"]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let mut c = Checks::new(row);
        let id = c.id();
        let name = row
            .get("name")
            .and_then(|n| c.take("name", fields::line("name", n)))
            .unwrap_or_default();
        let starts = c.date("starts");
        let ends = c.date("ends");
        let kind = row
            .get("kind")
            .and_then(|k| c.take("kind", k.parse()))
            .unwrap_or(EventKind::Other);
        let our_role = row
            .get("our_role")
            .and_then(|k| c.take("our_role", k.parse()))
            .unwrap_or(OurRole::Participant);
        let city = row
            .get("city")
            .and_then(|v| c.take("city", fields::opt_line("city", Some(v))))
            .flatten();
        let cc = row
            .get("country")
            .and_then(|v| c.take("country", country::resolve(v)))
            .map(|c| c.code);
        let outcome = row
            .get("outcome")
            .and_then(|v| c.take("outcome", fields::opt_text("outcome", Some(v))))
            .flatten();
        let support_won = row
            .get("support_won")
            .and_then(|v| c.take("support_won", fields::opt_text("support won", Some(v))))
            .flatten();
        let mut orgs = Vec::new();
        for cell in row.list("organisations") {
            let (name, role) = match cell.rsplit_once('=') {
                Some((n, r)) => (
                    n.trim().to_string(),
                    c.take("organisations", r.parse::<PartnerRole>()),
                ),
                None => (cell.clone(), Some(PartnerRole::Participant)),
            };
            match (self.orgs.find(tx, &name), role) {
                (Ok(o), Some(role)) => orgs.push((o.id.clone(), role)),
                (Err((reason, candidates)), _) => c.problems.push(Problem {
                    candidates,
                    value: name,
                    ..row.problem("organisations", reason)
                }),
                _ => {}
            }
        }
        let mut people = Vec::new();
        for p in row.list("people") {
            match self.people.find(tx, &p) {
                Ok(p) => people.push(p.id),
                Err(reason) => c.problems.push(Problem {
                    value: p.clone(),
                    ..row.problem("people", reason)
                }),
            }
        }
        let objectives = objectives(tx, row, &mut c);
        let created = c.time("created_at");
        let updated = c.time("updated_at");
        if name.is_empty() {
            c.fail("name", "the name is empty");
        }
        let Some(starts) = starts else {
            c.fail("starts", "the start date is empty");
            return Err(c.problems);
        };
        if ends.is_some_and(|e| e < starts) {
            c.fail("ends", "the event ends before it starts");
        }
        let db_err = |e: crate::error::Error| vec![row.error("name", e)];
        let e = c.finish(Event {
            id: id.unwrap_or_else(new_id),
            name,
            kind,
            starts,
            ends,
            city,
            country: cc,
            our_role,
            organisations: Vec::new(),
            people: Vec::new(),
            objectives: Vec::new(),
            outcome,
            support_won,
            created_at: created.unwrap_or_else(|| opts.now.clone()),
            updated_at: updated.unwrap_or_else(|| opts.now.clone()),
        })?;
        if !self.seen.insert((fold(&e.name), e.starts))
            || db::events::get(tx, &e.id).map_err(db_err)?.is_some()
        {
            return duplicate(row, "name", opts);
        }
        db::events::save(tx, &e).map_err(db_err)?;
        for (org, role) in &orgs {
            db::events::join(tx, &e.id, org, *role).map_err(db_err)?;
        }
        for p in &people {
            db::events::add_person(tx, &e.id, p).map_err(db_err)?;
        }
        db::objectives::link(tx, db::objectives::LinkTable::Event, &e.id, &objectives).map_err(db_err)?;
        Ok(Done::Added)
    }
}

pub struct Docs {
    orgs: OrgIndex,
    seen: HashSet<(String, String, chrono::NaiveDate)>,
}

impl Docs {
    pub fn new() -> Docs {
        Docs {
            orgs: OrgIndex::new(),
            seen: HashSet::new(),
        }
    }
}

impl Importer for Docs {
    fn fields(&self) -> &'static [Field] {
        DOC_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["date", "published_on"]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let mut c = Checks::new(row);
        let id = c.id();
        let title = row
            .get("title")
            .and_then(|n| c.take("title", fields::line("title", n)))
            .unwrap_or_default();
        let date = c.date("date");
        let language = row
            .get("language")
            .and_then(|l| c.take("language", fields::language(l)))
            .unwrap_or_default();
        let kind = row
            .get("kind")
            .and_then(|k| c.take("kind", k.parse()))
            .unwrap_or(DocKind::Other);
        let mut direction = row
            .get("direction")
            .and_then(|k| c.take("direction", k.parse()))
            .unwrap_or(DocDirection::Ours);
        let (mut author, mut author_org_id) = (None, None);
        if let Some(o) = c.org(tx, &mut self.orgs, "author") {
            author = Some(o.handle);
            author_org_id = Some(o.id);
            direction = DocDirection::Received;
        }
        let translation_of = row.get("translation_of").map(str::to_ascii_lowercase);
        if let Some(t) = &translation_of {
            match db::documents::get(tx, t) {
                Ok(Some(_)) => {}
                Ok(None) => c.fail(
                    "translation_of",
                    "no document has this id; list originals before translations",
                ),
                Err(e) => c.problems.push(row.error("translation_of", e)),
            }
        }
        let translation_status = row
            .get("translation_status")
            .and_then(|s| c.take("translation_status", s.parse()));
        if translation_of.is_some() != translation_status.is_some() {
            c.fail(
                "translation_status",
                "a translation needs a status, and only a translation has one",
            );
        }
        let published_on = c.date("published_on");
        let link = row
            .get("link")
            .and_then(|v| c.take("link", fields::opt_line("link", Some(v))))
            .flatten();
        let notes = c.notes();
        let objectives = objectives(tx, row, &mut c);
        let created = c.time("created_at");
        let updated = c.time("updated_at");
        if title.is_empty() {
            c.fail("title", "the title is empty");
        }
        let Some(date) = date else {
            c.fail("date", "the date is empty");
            return Err(c.problems);
        };
        let d = c.finish(Document {
            id: id.unwrap_or_else(new_id),
            title,
            kind,
            date,
            language,
            direction,
            author,
            translation_of,
            translation_status,
            link,
            notes,
            objectives: Vec::new(),
            created_at: created.unwrap_or_else(|| opts.now.clone()),
            updated_at: updated.unwrap_or_else(|| opts.now.clone()),
            author_org_id,
            published_on,
        })?;
        let db_err = |e: crate::error::Error| vec![row.error("title", e)];
        if !self.seen.insert((fold(&d.title), d.language.clone(), d.date))
            || db::documents::get(tx, &d.id).map_err(db_err)?.is_some()
        {
            return duplicate(row, "title", opts);
        }
        db::documents::save(tx, &d).map_err(db_err)?;
        db::objectives::link(tx, db::objectives::LinkTable::Document, &d.id, &objectives).map_err(db_err)?;
        Ok(Done::Added)
    }
}

pub struct Briefings {
    orgs: OrgIndex,
    seen: HashSet<(String, chrono::NaiveDate)>,
}

impl Briefings {
    pub fn new() -> Briefings {
        Briefings {
            orgs: OrgIndex::new(),
            seen: HashSet::new(),
        }
    }
}

impl Importer for Briefings {
    fn fields(&self) -> &'static [Field] {
        BRIEFING_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["date"]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let mut c = Checks::new(row);
        let id = c.id();
        let title = row
            .get("title")
            .and_then(|n| c.take("title", fields::line("title", n)))
            .unwrap_or_default();
        let date = c.date("date");
        let text = |c: &mut Checks, field: &str| {
            row.get(field)
                .and_then(|v| c.take(field, fields::opt_text(field, Some(v))))
                .flatten()
        };
        let summary = text(&mut c, "summary");
        let line = |c: &mut Checks, field: &str| {
            row.get(field)
                .and_then(|v| c.take(field, fields::opt_line(field, Some(v))))
                .flatten()
        };
        let audience = line(&mut c, "audience");
        let link = line(&mut c, "link");
        let mut orgs = Vec::new();
        for name in row.list("organisations") {
            match self.orgs.find(tx, &name) {
                Ok(o) => orgs.push(o.id.clone()),
                Err((reason, candidates)) => c.problems.push(Problem {
                    candidates,
                    value: name,
                    ..row.problem("organisations", reason)
                }),
            }
        }
        let objective = objectives_in(tx, row, &mut c, "objective");
        if objective.len() > 1 {
            c.fail("objective", "a briefing serves one objective");
        }
        let created = c.time("created_at");
        let updated = c.time("updated_at");
        if title.is_empty() {
            c.fail("title", "the title is empty");
        }
        let Some(date) = date else {
            c.fail("date", "the date is empty");
            return Err(c.problems);
        };
        let db_err = |e: crate::error::Error| vec![row.error("title", e)];
        let b = c.finish(crate::model::briefing::Briefing {
            id: id.unwrap_or_else(new_id),
            date,
            title,
            summary,
            audience,
            link,
            objective: None,
            organisations: Vec::new(),
            created_at: created.unwrap_or_else(|| opts.now.clone()),
            updated_at: updated.unwrap_or_else(|| opts.now.clone()),
        })?;
        if !self.seen.insert((fold(&b.title), b.date))
            || db::briefings::get(tx, &b.id).map_err(db_err)?.is_some()
        {
            return duplicate(row, "title", opts);
        }
        db::briefings::save(tx, &b, objective.first().map(String::as_str)).map_err(db_err)?;
        for org in &orgs {
            db::briefings::add_org(tx, &b.id, org).map_err(db_err)?;
        }
        Ok(Done::Added)
    }
}

pub struct Distributions {
    orgs: OrgIndex,
}

impl Distributions {
    pub fn new() -> Distributions {
        Distributions {
            orgs: OrgIndex::new(),
        }
    }
}

impl Importer for Distributions {
    fn fields(&self) -> &'static [Field] {
        DISTRIBUTION_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["date"]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let mut c = Checks::new(row);
        let id = c.id();
        let document = row
            .get("document")
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match db::documents::get(tx, &document) {
            Ok(Some(_)) => {}
            Ok(None) => c.fail("document", "no document has this id; import the documents first"),
            Err(e) => c.problems.push(row.error("document", e)),
        }
        if row.get("organisation").is_none() {
            c.fail("organisation", "no organisation given");
        }
        let org = c.org(tx, &mut self.orgs, "organisation");
        let date = c.date("date");
        let channel = row
            .get("channel")
            .and_then(|v| c.take("channel", v.parse()))
            .unwrap_or(SendChannel::Other);
        if date.is_none() && row.get("date").is_none() {
            c.fail("date", "the date is empty");
        }
        let (org, date) = c.finish((org, date))?;
        let (Some(org), Some(date)) = (org, date) else {
            return Err(vec![row.problem("date", "the date is empty")]);
        };
        let db_err = |e: crate::error::Error| vec![row.error("document", e)];
        let sending = db::documents::Sending {
            id: &id.unwrap_or_else(new_id),
            document_id: &document,
            org_id: &org.id,
            person_id: None,
            date,
            channel,
        };
        if db::documents::send(tx, &sending, &opts.now).map_err(db_err)? {
            Ok(Done::Added)
        } else {
            duplicate(row, "document", opts)
        }
    }
}
