//! Rows of a contact log, with their follow-ups.

use std::collections::HashSet;
use std::rc::Rc;

use rusqlite::{Connection, Transaction};

use super::index::{OrgIndex, PersonIndex};
use super::{Checks, Done, Importer, Options, Problem, Row};
use crate::csvio::headers::{Field, LOG_FIELDS};
use crate::db::changes::{Bulk, NewRows};
use crate::db::log::Seen;
use crate::db::{self, AscendingIds, new_id};
use crate::error::Result;
use crate::model::log::{Channel, Direction, LogEntry, time_of_day};
use crate::model::task::{Priority, Task, TaskStatus};
use crate::model::{fields, org::OrgRef};
use crate::text::fold;

pub struct Log {
    /// Organisations that had no log entry when the import began: rows for
    /// them cannot be in the database already, so no query is needed.
    /// `None` when the log was empty: then that holds for all.
    fresh: Option<HashSet<String>>,
    orgs: OrgIndex,
    people: PersonIndex,
    tasks: u64,
    /// IDs for the new entries, ascending.
    ids: AscendingIds,
    /// The entries of the file so far, to find those it repeats.
    seen: Seen,
    /// Whether the file is loaded in bulk, and into an empty log.
    in_bulk: bool,
    into_empty: bool,
    /// Set while loading in bulk.
    bulk: Option<Bulk>,
    /// The indexes to build again after a bulk load.
    indexes: Vec<String>,
    /// The last entry before the import: those after it get their search
    /// entries at the end.
    mark: i64,
}

/// From how many rows a log file is loaded in bulk.
const BULK_ROWS: u64 = 10_000;

/// Indexes dropped for a bulk load and built again at its end: those the
/// import itself never reads, whose keys arrive in random order.
const SUSPENDED_INDEXES: &[&str] = &[
    "interactions_date",
    "interactions_date_channel",
    "interaction_orgs_date",
];

impl Log {
    pub fn new(conn: &Connection) -> Result<Log> {
        let fresh = if db::log::max_rid(conn)? == 0 {
            None
        } else {
            Some(db::orgs::never_contacted(conn)?.into_iter().collect())
        };
        Ok(Log {
            fresh,
            orgs: OrgIndex::new(),
            people: PersonIndex::new(),
            tasks: 0,
            ids: AscendingIds::new(0),
            seen: Seen::new(0),
            in_bulk: false,
            into_empty: false,
            bulk: None,
            indexes: Vec::new(),
            mark: 0,
        })
    }

    /// The organisations of a cell: one name, or several separated by `;`.
    fn organisations(
        &mut self,
        conn: &Connection,
        cell: &str,
    ) -> std::result::Result<Vec<Rc<OrgRef>>, (String, String)> {
        match self.orgs.find(conn, cell) {
            Ok(o) => Ok(vec![o]),
            Err(whole) if cell.contains(';') => {
                let mut out: Vec<Rc<OrgRef>> = Vec::new();
                for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    let o = self
                        .orgs
                        .find(conn, part)
                        .map_err(|(r, c)| (format!("{}: {r}", crate::text::quoted(part)), c))?;
                    if !out.iter().any(|x| x.id == o.id) {
                        out.push(o);
                    }
                }
                if out.is_empty() { Err(whole) } else { Ok(out) }
            }
            Err(e) => Err(e),
        }
    }
}

/// Two independent 64-bit hashes of an entry's identity.
fn entry_hash(date: chrono::NaiveDate, org_ids: &[String], summary: &str) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let one = |salt: u8| {
        // DefaultHasher::new() has fixed keys: the same input, the same hash.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        date.hash(&mut h);
        org_ids.hash(&mut h);
        summary.hash(&mut h);
        h.finish()
    };
    (one(1), one(2))
}

impl Importer for Log {
    fn fields(&self) -> &'static [Field] {
        LOG_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["date", "due"]
    }

    fn extra_added(&self) -> u64 {
        self.tasks
    }

    fn bulk(&mut self, conn: &Connection, rows: u64) -> Result<bool> {
        // A file large beside the log it joins is loaded in bulk: its rows
        // recorded in the change history per table at the end, the indexes
        // by date built once from the whole table, and the organisations'
        // last contact set once.
        let existing = db::log::max_rid(conn)?;
        self.in_bulk = rows >= BULK_ROWS && rows.saturating_mul(4) >= existing;
        self.into_empty = existing == 0;
        Ok(self.in_bulk)
    }

    fn begin(&mut self, tx: &Transaction, rows: u64) -> Result<()> {
        self.mark = db::log::defer_indexing(tx)?;
        self.seen = Seen::new(rows);
        self.ids = AscendingIds::new(rows);
        if self.in_bulk {
            self.bulk = Some(db::changes::begin_bulk(
                tx,
                &[
                    ("interactions", NewRows::Added),
                    ("interaction_orgs", NewRows::WithRecord),
                    ("interaction_people", NewRows::WithRecord),
                    ("interaction_tags", NewRows::WithRecord),
                    ("interaction_objectives", NewRows::WithRecord),
                    ("tasks", NewRows::Added),
                ],
            )?);
            self.indexes = db::suspend_indexes(tx, SUSPENDED_INDEXES)?;
            // Into an empty log no row can repeat an entry already stored,
            // so the index that check reads can wait for the end too.
            if self.into_empty {
                self.indexes
                    .extend(db::suspend_indexes(tx, &["interaction_orgs_org_date"])?);
            }
        }
        Ok(())
    }

    fn finish(&mut self, tx: &Transaction) -> Result<()> {
        // The rows are in; what is left sorts, which wants the memory the
        // duplicate check and the page cache held.
        self.seen.end(tx)?;
        if !self.indexes.is_empty() {
            db::set_cache_size(tx, 16)?;
        }
        db::log::index_deferred(tx, self.mark)?;
        if let Some(bulk) = self.bulk.take() {
            db::changes::end_bulk(tx, bulk)?;
        }
        db::restore_indexes(tx, &self.indexes)?;
        if self.in_bulk {
            db::log::refresh_last_contacts(tx)?;
        }
        Ok(())
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let mut c = Checks::new(row);
        let id = c.id();
        let date = c.date("date");
        if date.is_none() && row.get("date").is_none() {
            c.fail("date", "the date is empty");
        }
        let orgs = match row.get("organisations") {
            Some(cell) => match self.organisations(tx, cell) {
                Ok(o) => o,
                Err((reason, candidates)) => {
                    c.problems.push(Problem {
                        candidates,
                        ..row.problem("organisations", reason)
                    });
                    Vec::new()
                }
            },
            None => {
                c.fail("organisations", "no organisation given");
                Vec::new()
            }
        };
        let mut person_ids = Vec::new();
        for name in row.list("people") {
            match self.people.find(tx, &name) {
                Ok(p) => person_ids.push(p.id),
                Err(reason) => c.problems.push(Problem {
                    value: name.clone(),
                    ..row.problem("people", reason)
                }),
            }
        }
        let channel = row
            .get("channel")
            .and_then(|v| c.take("channel", v.parse()))
            .unwrap_or(Channel::Other);
        let direction = row
            .get("direction")
            .and_then(|v| c.take("direction", v.parse()))
            .unwrap_or(Direction::Both);
        let time = row.get("time").and_then(|t| c.take("time", time_of_day(t)));
        let subject = row
            .get("subject")
            .and_then(|s| c.take("subject", fields::opt_line("subject", Some(s))))
            .flatten();
        let summary = row
            .get("summary")
            .and_then(|s| c.take("summary", fields::opt_text("summary", Some(s))))
            .flatten();
        if summary.is_none() && row.get("summary").is_none() {
            c.fail("summary", "the summary is empty");
        }
        let tags = c
            .take("tags", fields::tags(&row.list("tags")))
            .unwrap_or_default();
        let objective_ids = super::activity::objectives(tx, row, &mut c);
        let follow_up = row
            .get("follow_up")
            .and_then(|f| c.take("follow_up", fields::line("follow-up", f)));
        let due = c.date("due");
        if due.is_some() && follow_up.is_none() {
            c.fail("due", "a due date without a follow-up");
        }
        let created = c.time("created_at");
        let updated = c.time("updated_at");
        let logged_by = row
            .get("logged_by")
            .map(str::to_string)
            .or_else(|| Some(opts.user.clone()));
        if !c.problems.is_empty() {
            return Err(c.problems);
        }
        let (Some(date), Some(summary)) = (date, summary) else {
            return Err(vec![row.problem("date", "the date is empty")]);
        };
        let db_err = |e: crate::error::Error| vec![row.error("summary", e)];
        let org_ids: Vec<String> = orgs.iter().map(|o| o.id.clone()).collect();
        if let Some(earlier) = self
            .seen
            .first_sighting(tx, entry_hash(date, &org_ids, &fold(&summary)), row.line)
            .map_err(db_err)?
        {
            return super::duplicate(
                row,
                "summary",
                opts,
                &format!("repeats line {earlier} (the same entry)"),
                "",
            );
        }
        let fresh = self.fresh.as_ref().is_none_or(|f| f.contains(&org_ids[0]));
        let duplicate = match &id {
            Some(id) => db::log::get(tx, id).map_err(db_err)?.is_some(),
            None if fresh => false,
            None => db::log::same_entry(tx, &org_ids[0], date, &summary).map_err(db_err)?,
        };
        if duplicate {
            return super::duplicate(
                row,
                "summary",
                opts,
                "already in the log",
                "skip entries already logged with --on-duplicate skip",
            );
        }
        let now = opts.now.clone();
        let entry = LogEntry {
            id: id.unwrap_or_else(|| self.ids.next_id()),
            date,
            time,
            channel,
            direction,
            organisations: Vec::new(),
            people: Vec::new(),
            subject,
            summary,
            tags,
            objectives: Vec::new(),
            logged_by,
            created_at: created.unwrap_or_else(|| now.clone()),
            updated_at: updated.unwrap_or_else(|| now.clone()),
            org_ids,
            person_ids,
        };
        db::log::insert_with(tx, &entry, true).map_err(db_err)?;
        if !self.in_bulk {
            db::log::move_last_contact(tx, &entry).map_err(db_err)?;
        }
        db::objectives::link(tx, db::objectives::LinkTable::Log, &entry.id, &objective_ids)
            .map_err(db_err)?;
        if let Some(title) = follow_up {
            let task = Task {
                number: None,
                id: new_id(),
                title,
                organisation: None,
                origin: Some(entry.id.clone()),
                due,
                priority: Priority::Normal,
                assignee: None,
                status: TaskStatus::Open,
                done_on: None,
                notes: None,
                // Opened when the contact it follows happened.
                created_at: format!("{}T00:00:00Z", entry.date),
                updated_at: now,
                org_id: entry.org_ids.first().cloned(),
            };
            db::tasks::insert(tx, &task, Some(&entry.id)).map_err(db_err)?;
            self.tasks += 1;
        }
        Ok(Done::Added)
    }
}
