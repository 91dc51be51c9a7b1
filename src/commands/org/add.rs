use clap::Args;

use super::{OrgFields, apply, join_groups, summary};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::fields;
use crate::model::org::{Org, OrgRef};
use crate::render::Format;

/// Add an organisation. Kind defaults to party and status to contact.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Display name, usually in Latin script
    pub name: String,
    #[command(flatten)]
    pub fields: OrgFields,
}

pub fn run(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    crate::model::require("name", &name)?;
    if a.fields.country.is_none() {
        return Err(Error::usage("--country is required to add an organisation")
            .hint("give its ISO code or name, e.g. --country GR"));
    }
    let handle = a.fields.handle.as_deref().map(fields::handle).transpose()?;
    let now = ctx.now_str();
    let mut org = Org::new(new_id(), name, &now);
    apply(ctx, &mut org, &a.fields)?;
    let mut db = ctx.open_db()?;
    join_groups(ctx, db.conn(), &mut org, &a.fields)?;
    let warn = check_near(ctx, db.conn(), &org)?;
    let (org, shared) = db.write(|tx| {
        if let Some(h) = &handle {
            org.handle = h.clone();
        }
        for dup in db::orgs::same_name_and_country(tx, &org.name, &org.country)? {
            let Some(stored) = db::orgs::get(tx, &dup.id)? else {
                continue;
            };
            if stored.told_apart_by(&org, handle.is_some()).is_empty() {
                return Err(Error::user(format!(
                    "{} ({}) is already recorded as `{}` ({} match)",
                    org.name,
                    org.country,
                    dup.handle,
                    stored.matching_fields(&org).join(", ")
                ))
                .hint(format!("see it with: liaison org show {}", dup.handle))
                .hint("to record another organisation of that name, tell them apart with --handle, --website or --native"));
            }
        }
        let mut shared = None;
        org.handle = match &handle {
            Some(h) => taken_check(tx, h)?,
            None => match org.aliases.iter().find(|a| fields::is_acronym(a)) {
                Some(a) => match db::orgs::acronym_handle(tx, a, &org.country)? {
                    Some((h, holder)) => {
                        shared = holder;
                        h
                    }
                    None => db::orgs::free_handle(tx, &org.name, &org.country)?,
                },
                None => db::orgs::free_handle(tx, &org.name, &org.country)?,
            },
        };
        db::orgs::insert(tx, &org)?;
        Ok((org, shared))
    })?;
    if let Some((what, first)) = warn {
        eprintln!("warning: {what}; added as another organisation, {}", org.handle);
        eprintln!("hint: did you mean {first}? then take it back with liaison undo");
    }
    match ctx.format() {
        Format::Json => ctx.out.json(&org),
        _ => {
            ctx.out
                .line(&format!("added {}: {}", org.handle, summary(&org)))?;
            if let Some(holder) = shared {
                ctx.out.line(&format!(
                    "same acronym as {} ({}), which has `{}`: the country code was added",
                    holder.name, holder.country, holder.handle
                ))?;
            }
            Ok(())
        }
    }
}

/// Organisations whose names are close to the new one's: the same folded
/// name anywhere (the same party recorded under another country), or a
/// few typing slips apart in the same country ("Tudeh Party of Iarn").
/// An exact name in the same country is refused later, as a duplicate.
pub fn near(conn: &rusqlite::Connection, org: &Org) -> Result<Vec<OrgRef>> {
    let keys: Vec<String> = std::iter::once(&org.name)
        .chain(org.native_name.as_ref())
        .map(|n| crate::text::fold(n))
        .collect();
    let mut found: Vec<OrgRef> = Vec::new();
    let mut add = |o: OrgRef| {
        if !found.iter().any(|f| f.id == o.id) {
            found.push(o);
        }
    };
    for key in &keys {
        for o in db::orgs::by_name_key(conn, key)? {
            if o.country != org.country {
                add(o);
            }
        }
    }
    for (o, name) in db::orgs::names_in_country(conn, &org.country)? {
        if keys.iter().any(|k| *k != name && slips_apart(k, &name)) {
            add(o);
        }
    }
    Ok(found)
}

/// Whether two folded names differ by a few typing slips: one edit for
/// each eight characters, at least one and at most three (a swap of two
/// letters is one).
fn slips_apart(a: &str, b: &str) -> bool {
    let len = a.chars().count().min(b.chars().count());
    let allowed = (len / 8).clamp(1, 3);
    len >= 4 && strsim::damerau_levenshtein(a, b) <= allowed
}

/// Asks on a terminal before adding a name close to one already recorded.
/// In a script it returns what to warn about once the organisation is
/// added (two parties may well be named alike). `--yes` adds it quietly.
fn check_near(ctx: &Ctx, conn: &rusqlite::Connection, org: &Org) -> Result<Option<(String, String)>> {
    let near = near(conn, org)?;
    let Some(first) = near.first() else {
        return Ok(None);
    };
    let list: Vec<String> = near.iter().take(3).map(ToString::to_string).collect();
    let what = format!("`{}` is close to {}", org.name, list.join(", "));
    if ctx.yes {
        return Ok(None);
    }
    if !ctx.interactive {
        return Ok(Some((what, first.handle.clone())));
    }
    if crate::prompt::confirm(&format!("{what}: add it as another organisation?"))? {
        return Ok(None);
    }
    Err(Error::user("cancelled; nothing was changed").hint(format!(
        "did you mean {0}? see it with: liaison org show {0}",
        first.handle
    )))
}

/// Fails if `handle` is held by another organisation, deleted or not.
pub fn taken_check(conn: &rusqlite::Connection, handle: &str) -> Result<String> {
    match db::orgs::by_handle(conn, handle)? {
        None => Ok(handle.to_string()),
        Some((owner, false)) => Err(Error::user(format!(
            "handle `{handle}` is already taken by {} ({})",
            owner.name, owner.country
        ))
        .hint("choose another with --handle")),
        Some((owner, true)) => Err(Error::user(format!(
            "handle `{handle}` belongs to the deleted organisation {}",
            owner.name
        ))
        .hint(format!("restore it with: liaison org restore {handle}"))
        .hint(format!(
            "or free the handle with: liaison org rm {handle} --purge"
        ))),
    }
}
