//! `liaison group list`.

use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::group::Group;
use crate::render::{Format, opt};

pub(super) fn list(ctx: &mut Ctx) -> Result<()> {
    let db = ctx.open_db()?;
    let groups = db::groups::list(db.conn())?;
    match ctx.format() {
        Format::Json => ctx.out.json(&groups),
        Format::Csv => {
            let rows: Vec<Vec<String>> = groups.iter().map(row).collect();
            ctx.out.csv(COLUMNS, &rows)
        }
        Format::Table => {
            if groups.is_empty() {
                return ctx
                    .out
                    .line("no groups yet; name one with: liaison group add Neighbours --report");
            }
            let rows: Vec<Vec<String>> = groups
                .iter()
                .map(|g| {
                    vec![
                        g.handle.clone(),
                        g.name.clone(),
                        opt(&g.name_fa),
                        if g.in_report { "yes" } else { "" }.to_string(),
                        g.organisations.to_string(),
                    ]
                })
                .collect();
            ctx.out.table(
                &["handle", "name", "Persian name", "in report", "organisations"],
                &rows,
            )
        }
    }
}

/// The CSV columns of `group list`.
const COLUMNS: &[&str] = &[
    "id",
    "handle",
    "name",
    "name_fa",
    "in_report",
    "organisations",
    "created_at",
    "updated_at",
];

fn row(g: &Group) -> Vec<String> {
    vec![
        g.id.clone(),
        g.handle.clone(),
        g.name.clone(),
        opt(&g.name_fa),
        g.in_report.to_string(),
        g.organisations.to_string(),
        g.created_at.clone(),
        g.updated_at.clone(),
    ]
}
