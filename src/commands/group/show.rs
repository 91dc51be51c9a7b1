//! `liaison group show`.

use clap::Args;

use super::resolve;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::render::Format;

/// Show a group and the organisations in it.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Handle or name of the group
    #[arg(value_name = "GROUP")]
    pub group: String,
}

pub(super) fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let group = resolve(ctx, db.conn(), &a.group)?;
    let orgs = db::orgs::list(
        db.conn(),
        &db::orgs::Filter {
            group: Some(group.id.clone()),
            ..Default::default()
        },
    )?;
    match ctx.format() {
        Format::Json => ctx.out.json(&serde_json::json!({
            "group": group,
            "organisations": orgs,
        })),
        Format::Csv => crate::commands::org::print_list(ctx, &orgs),
        Format::Table => {
            ctx.out.line(&format!("{} ({})", group.name, group.handle))?;
            if let Some(fa) = &group.name_fa {
                ctx.out.line(&format!("Persian name: {fa}"))?;
            }
            ctx.out.line(&format!(
                "in the quarterly report: {}",
                if group.in_report { "yes" } else { "no" }
            ))?;
            ctx.out.line("")?;
            crate::commands::org::print_list(ctx, &orgs)
        }
    }
}
