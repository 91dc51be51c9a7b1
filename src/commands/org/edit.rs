use clap::Args;

use super::{OrgFields, apply, join_groups, summary};
use crate::commands::resolve_org;
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::{fields, require};
use crate::render::Format;

/// Change an organisation. Lists (--alias, --tag, --group) add to what is there;
/// --lang replaces the languages; an empty value clears a field.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Handle, ID prefix or any name of the organisation
    #[arg(value_name = "ORG")]
    pub org: String,
    /// New display name (the old one becomes an alias)
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: OrgFields,
    /// Remove a tag (repeatable)
    #[arg(long, value_name = "TAG")]
    pub untag: Vec<String>,
    /// Take it out of a group (repeatable)
    #[arg(long, value_name = "GROUP")]
    pub ungroup: Vec<String>,
    /// Remove an alias (repeatable)
    #[arg(long, value_name = "NAME")]
    pub unalias: Vec<String>,
}

pub fn run(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let found = resolve_org(ctx, db.conn(), &a.org)?;
    let mut org = db::orgs::get(db.conn(), &found.id)?
        .ok_or_else(|| Error::internal("organisation vanished while reading"))?;
    if let Some(n) = &a.name {
        let n = fields::line("name", n)?;
        require("name", &n)?;
        if n != org.name {
            let old = std::mem::replace(&mut org.name, n);
            if !org.aliases.contains(&old) {
                org.aliases.push(old);
            }
        }
    }
    apply(ctx, &mut org, &a.fields)?;
    for t in &a.untag {
        let t = fields::tag(t)?;
        org.tags.retain(|x| *x != t);
    }
    join_groups(ctx, db.conn(), &mut org, &a.fields)?;
    for g in crate::commands::group::resolve_all(ctx, db.conn(), &a.ungroup)? {
        org.groups.retain(|x| *x != g.name);
    }
    for u in &a.unalias {
        let key = crate::text::fold(u);
        org.aliases.retain(|x| crate::text::fold(x) != key);
    }
    let new_handle = a.fields.handle.as_deref().map(fields::handle).transpose()?;
    org.updated_at = ctx.now_str();
    let org = db.write(|tx| {
        if let Some(h) = new_handle.filter(|h| *h != org.handle) {
            org.handle = super::add::taken_check(tx, &h)?;
        }
        db::orgs::update(tx, &org)?;
        Ok(org)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&org),
        _ => ctx
            .out
            .line(&format!("updated {}: {}", org.handle, summary(&org))),
    }
}
