use clap::Args;

use crate::commands::resolve_org;
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::text::plural;

/// Merge a duplicate into another organisation: its log, tasks, people,
/// events, documents, names (as aliases), tags and languages move over, and
/// the duplicate is deleted.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The duplicate, which goes away
    #[arg(value_name = "ORG")]
    pub from: String,
    /// The organisation that stays
    #[arg(value_name = "INTO")]
    pub into: String,
}

pub fn run(ctx: &mut Ctx, a: MergeArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let from_ref = resolve_org(ctx, db.conn(), &a.from)?;
    let into_ref = resolve_org(ctx, db.conn(), &a.into)?;
    if from_ref.id == into_ref.id {
        return Err(Error::user(format!(
            "cannot merge {} into itself",
            from_ref.handle
        )));
    }
    let read = |id: &str| {
        db::orgs::get(db.conn(), id)?.ok_or_else(|| Error::internal("organisation vanished while reading"))
    };
    let from = read(&from_ref.id)?;
    let mut into = read(&into_ref.id)?;
    if into.native_name.is_none() {
        into.native_name = from.native_name.clone();
    }
    if into.name_fa.is_none() {
        into.name_fa = from.name_fa.clone();
    }
    let before = into.aliases.len();
    for (_, name) in from.all_names() {
        let key = crate::text::fold(name);
        if into.all_names().iter().all(|(_, n)| crate::text::fold(n) != key) {
            into.aliases.push(name.to_string());
        }
    }
    let names_moved = into.aliases.len() - before;
    for t in &from.tags {
        if !into.tags.contains(t) {
            into.tags.push(t.clone());
        }
    }
    for l in &from.languages {
        if !into.languages.contains(l) {
            into.languages.push(l.clone());
        }
    }
    let now = ctx.now_str();
    into.updated_at = now.clone();
    let (people, log, tasks) = db.write(|tx| {
        let people = db::people::move_to_org(tx, &from.id, &into.id, &now)?;
        let log = db::log::move_to_org(tx, &from.id, &into.id)?;
        let tasks = db::tasks::move_to_org(tx, &from.id, &into.id, &now)?;
        db::orgs::move_activity(tx, &from.id, &into.id)?;
        db::orgs::update(tx, &into)?;
        db::orgs::soft_delete(tx, &from.id, &now)?;
        // The survivor's last contact is now the latest of both logs.
        db::log::refresh_last_contact(tx, &into.id)?;
        db::log::refresh_last_contact(tx, &from.id)?;
        Ok((people, log, tasks))
    })?;
    ctx.out.line(&format!(
        "merged {} into {}: {}, {}, {} and {} moved; {} is deleted",
        from.handle,
        into.handle,
        plural(log, "log entry", "log entries"),
        plural(tasks, "task", "tasks"),
        plural(people, "person", "people"),
        plural(names_moved, "name", "names"),
        from.handle
    ))
}
