//! `liaison event join`.

use clap::Args;

use super::resolve;
use crate::commands::{resolve_org, word};
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::event::PartnerRole;

/// Add organisations to an event.
#[derive(Debug, Args)]
pub struct JoinArgs {
    /// ID prefix or part of the name
    pub event: String,
    /// The organisations
    #[arg(required = true, value_name = "ORG")]
    pub orgs: Vec<String>,
    /// Their role: organiser, co-organiser, participant, signatory
    #[arg(long, value_parser = word::<PartnerRole>, default_value = "participant")]
    pub role: PartnerRole,
}

pub(super) fn join(ctx: &mut Ctx, a: JoinArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let e = resolve(ctx, db.conn(), &a.event)?;
    let mut orgs = Vec::new();
    for o in &a.orgs {
        orgs.push(resolve_org(ctx, db.conn(), o)?);
    }
    db.write(|tx| {
        orgs.iter()
            .try_for_each(|o| db::events::join(tx, &e.id, &o.id, a.role))
    })?;
    let names: Vec<String> = orgs.iter().map(|o| o.handle.clone()).collect();
    ctx.out
        .line(&format!("{} joined {} as {}", names.join(", "), e.name, a.role))
}
