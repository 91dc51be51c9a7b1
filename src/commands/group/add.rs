//! `liaison group add`.

use clap::Args;

use super::{handle_free, name_free};
use crate::context::Ctx;
use crate::db::{self, new_id};
use crate::error::Result;
use crate::model::group::Group;
use crate::model::{fields, require};
use crate::render::Format;

/// Name a group of organisations, e.g. the office's neighbours, which
/// `org list --group`, `doc send --to-group` and the report use.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The group's name
    pub name: String,
    /// Short unique handle [default: made from the name]
    #[arg(long)]
    pub handle: Option<String>,
    /// Name in Persian, for the Persian report
    #[arg(long, value_name = "NAME")]
    pub name_fa: Option<String>,
    /// Give the group its own section in the quarterly report
    #[arg(long)]
    pub report: bool,
}

pub(super) fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    require("name", &name)?;
    let handle = a.handle.as_deref().map(fields::handle).transpose()?;
    let mut group = Group::new(new_id(), name, &ctx.now_str());
    group.name_fa = fields::opt_line("Persian name", a.name_fa.as_deref())?;
    group.in_report = a.report;
    let mut db = ctx.open_db()?;
    let group = db.write(|tx| {
        name_free(tx, &group.name, None)?;
        group.handle = match handle {
            Some(h) => handle_free(tx, &h, None)?,
            None => db::groups::free_handle(tx, &group.name)?,
        };
        db::groups::insert(tx, &group)?;
        Ok(group)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&group),
        _ => ctx.out.line(&format!(
            "added group {}: {}{}",
            group.handle,
            group.name,
            if group.in_report { " (in the report)" } else { "" }
        )),
    }
}
