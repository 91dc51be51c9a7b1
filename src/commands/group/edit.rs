//! `liaison group edit`.

use clap::Args;

use super::{handle_free, name_free, resolve};
use crate::context::Ctx;
use crate::db;
use crate::error::{Error, Result};
use crate::model::{fields, require};
use crate::render::Format;

/// Rename a group, change its handle or Persian name, or mark it for the
/// report. An empty --name-fa clears it.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Handle or name of the group
    #[arg(value_name = "GROUP")]
    pub group: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// New handle
    #[arg(long)]
    pub handle: Option<String>,
    /// Name in Persian, for the Persian report
    #[arg(long, value_name = "NAME")]
    pub name_fa: Option<String>,
    /// Give the group its own section in the quarterly report
    #[arg(long, conflicts_with = "no_report")]
    pub report: bool,
    /// Leave the group out of the quarterly report
    #[arg(long)]
    pub no_report: bool,
}

pub(super) fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let name = a
        .name
        .as_deref()
        .map(|n| {
            let n = fields::line("name", n)?;
            require("name", &n)?;
            Ok::<_, Error>(n)
        })
        .transpose()?;
    let handle = a.handle.as_deref().map(fields::handle).transpose()?;
    let name_fa = a
        .name_fa
        .as_deref()
        .map(|n| fields::opt_line("Persian name", Some(n)))
        .transpose()?;
    let now = ctx.now_str();
    let mut db = ctx.open_db()?;
    let group = db.write(|tx| {
        let mut g = resolve(ctx, tx, &a.group)?;
        if let Some(n) = name {
            name_free(tx, &n, Some(&g.id))?;
            g.name = n;
        }
        if let Some(h) = handle {
            g.handle = handle_free(tx, &h, Some(&g.id))?;
        }
        if let Some(fa) = name_fa {
            g.name_fa = fa;
        }
        if a.report {
            g.in_report = true;
        }
        if a.no_report {
            g.in_report = false;
        }
        g.updated_at = now.clone();
        db::groups::update(tx, &g)?;
        Ok(g)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&group),
        _ => ctx.out.line(&format!(
            "updated group {}: {}{}",
            group.handle,
            group.name,
            if group.in_report { " (in the report)" } else { "" }
        )),
    }
}
