//! `liaison briefing list`.

use clap::Args;

use crate::commands::resolve_org;
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::Result;
use crate::model::briefing::Briefing;
use crate::model::person::short_id;
use crate::render::{Format, opt};

/// List briefings.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only briefings on or after this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Only briefings on or before this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Only briefings about this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only those serving this objective (its number or a word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
}

pub(super) fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let mut f = db::briefings::Filter {
        objective_id: crate::commands::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
        ..Default::default()
    };
    if let Some(d) = &a.from {
        f.from = Some(ctx.date(d, Tense::Past)?);
    }
    if let Some(d) = &a.to {
        f.until = Some(ctx.date(d, Tense::Past)?);
    }
    if let Some(o) = &a.org {
        f.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    let briefings = db::briefings::list(db.conn(), &f)?;
    print(ctx, &briefings, "no briefings match")
}

/// Writes briefings in the chosen format.
pub(super) fn print(ctx: &mut Ctx, briefings: &[Briefing], empty: &str) -> Result<()> {
    let rows: Vec<Vec<String>> = briefings
        .iter()
        .map(|b| {
            vec![
                b.date.to_string(),
                b.title.clone(),
                opt(&b.audience),
                b.organisations
                    .iter()
                    .map(|o| o.handle.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                b.objective.map(|n| n.to_string()).unwrap_or_default(),
                short_id(&b.id).to_string(),
            ]
        })
        .collect();
    match ctx.format() {
        Format::Json => ctx.out.json(briefings),
        Format::Csv => ctx.out.csv(
            &["date", "title", "audience", "organisations", "objective", "id"],
            &rows,
        ),
        Format::Table if briefings.is_empty() => ctx.out.line(empty),
        Format::Table => ctx.out.table_hiding(
            &["date", "briefing", "audience", "on", "objective", "id"],
            &rows,
            &["id", "objective", "audience"],
        ),
    }
}
