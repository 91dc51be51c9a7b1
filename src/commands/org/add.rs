use clap::Args;

use super::{OrgFields, apply, summary};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::fields;
use crate::model::org::Org;
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
