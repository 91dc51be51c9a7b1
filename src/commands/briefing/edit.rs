//! `liaison briefing edit`.

use clap::Args;

use super::{BriefingFields, apply, resolve, save};
use crate::commands::resolve_org;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::person::short_id;
use crate::model::{fields, require};

/// Change a briefing. --org adds to the partners it was about; --drop-org
/// takes one away.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// ID prefix or part of the title
    pub briefing: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// A partner it was not about after all (repeatable)
    #[arg(long = "drop-org", value_name = "ORG")]
    pub drop_orgs: Vec<String>,
    #[command(flatten)]
    pub fields: BriefingFields,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut b = resolve(ctx, db.conn(), &a.briefing)?;
    if let Some(t) = &a.title {
        let t = fields::line("title", t)?;
        require("title", &t)?;
        b.title = t;
    }
    let links = apply(ctx, db.conn(), &mut b, &a.fields)?;
    let mut dropped = Vec::new();
    for o in &a.drop_orgs {
        dropped.push(resolve_org(ctx, db.conn(), o)?.id);
    }
    b.updated_at = ctx.now_str();
    db.write(|tx| {
        save(tx, &b, &links)?;
        dropped
            .iter()
            .try_for_each(|o| db::briefings::remove_org(tx, &b.id, o))
    })?;
    ctx.out
        .line(&format!("updated briefing {} [{}]", b.title, short_id(&b.id)))
}
