//! Rows of a list of follow-up tasks.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::index::OrgIndex;
use super::{Checks, Done, Importer, Options, Problem, Row};
use crate::csvio::headers::{Field, TASK_FIELDS};
use crate::db::{self, new_id};
use crate::model::fields;
use crate::model::task::Task;
use crate::text::fold;

pub struct Tasks {
    orgs: OrgIndex,
    /// Tasks of the file so far, with their lines.
    seen: HashMap<(String, Option<String>, Option<chrono::NaiveDate>), u64>,
}

impl Tasks {
    pub fn new() -> Tasks {
        Tasks {
            orgs: OrgIndex::new(),
            seen: HashMap::new(),
        }
    }
}

impl Importer for Tasks {
    fn fields(&self) -> &'static [Field] {
        TASK_FIELDS
    }

    fn date_fields(&self) -> &'static [&'static str] {
        &["due", "done_on"]
    }

    fn row(
        &mut self,
        tx: &Transaction,
        row: &Row,
        opts: &Options,
    ) -> std::result::Result<Done, Vec<Problem>> {
        let mut c = Checks::new(row);
        let mut t = Task::new(c.id().unwrap_or_else(new_id), String::new(), &opts.now);
        match row.get("title") {
            Some(v) => t.title = c.take("title", fields::line("title", v)).unwrap_or_default(),
            None => c.fail("title", "the title is empty"),
        }
        if let Some(o) = c.org(tx, &mut self.orgs, "organisation") {
            t.org_id = Some(o.id);
            t.organisation = Some(o.handle);
        }
        if let Some(origin) = row.get("origin") {
            match db::log::get(tx, &origin.to_ascii_lowercase()) {
                Ok(Some(_)) => t.origin = Some(origin.to_ascii_lowercase()),
                Ok(None) => c.fail("origin", "no log entry has this id; import the log first"),
                Err(e) => c.problems.push(row.error("origin", e)),
            }
        }
        t.due = c.date("due");
        t.done_on = c.date("done_on");
        if let Some(p) = row.get("priority").and_then(|p| c.take("priority", p.parse())) {
            t.priority = p;
        }
        t.assignee = row
            .get("assignee")
            .and_then(|a| c.take("assignee", fields::opt_line("assignee", Some(a))))
            .flatten();
        if let Some(s) = row.get("status").and_then(|s| c.take("status", s.parse())) {
            t.status = s;
        }
        t.notes = c.notes();
        if let Some(v) = c.time("created_at") {
            t.created_at = v;
        }
        if let Some(v) = c.time("updated_at") {
            t.updated_at = v;
        }
        let t = c.finish(t)?;
        let db_err = |e: crate::error::Error| vec![row.error("title", e)];
        let key = (fold(&t.title), t.org_id.clone(), t.due);
        if let Some(earlier) = self.seen.get(&key) {
            let reason = format!("repeats line {earlier} (the same task)");
            return super::duplicate(row, "title", opts, &reason, "");
        }
        self.seen.insert(key, row.line);
        // By exact ID: a prefix search cannot use the index, and over half a
        // million rows one scan per row is hours.
        let duplicate = db::tasks::exists(tx, &t.id).map_err(db_err)?
            || db::tasks::same_task(tx, &t.title, t.org_id.as_deref(), t.due).map_err(db_err)?;
        if duplicate {
            return super::duplicate(
                row,
                "title",
                opts,
                "already recorded",
                "skip tasks already recorded with --on-duplicate skip",
            );
        }
        let origin = t.origin.clone();
        db::tasks::insert(tx, &t, origin.as_deref()).map_err(db_err)?;
        Ok(Done::Added)
    }
}
