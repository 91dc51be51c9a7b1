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
    let org = db.write(|tx| {
        if let Some(dup) = db::orgs::same_name_and_country(tx, &org.name, &org.country)?.first() {
            return Err(Error::user(format!(
                "{} ({}) is already recorded as `{}`",
                org.name, org.country, dup.handle
            ))
            .hint(format!("see it with: liaison org show {}", dup.handle))
            .hint("to record another organisation of that name, give it a distinguishing name"));
        }
        org.handle = match &handle {
            Some(h) => taken_check(tx, h)?,
            None => db::orgs::free_handle(tx, &org.name, &org.country)?,
        };
        db::orgs::insert(tx, &org)?;
        Ok(org)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&org),
        _ => ctx.out.line(&format!("added {}: {}", org.handle, summary(&org))),
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
