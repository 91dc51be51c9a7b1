//! `liaison event list`.

use clap::Args;

use crate::commands::{resolve_org, word};
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::country;
use crate::model::event::{Event, EventKind};
use crate::model::person::short_id;
use crate::render::{Format, opt};

/// List events.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only events from today on
    #[arg(long, conflicts_with = "past")]
    pub upcoming: bool,
    /// Only events before today
    #[arg(long)]
    pub past: bool,
    /// Only events in this country
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Only events in this UN M49 sub-region
    #[arg(long)]
    pub region: Option<String>,
    /// Only events of this kind
    #[arg(long, value_parser = word::<EventKind>)]
    pub kind: Option<EventKind>,
    /// Only events with this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only those serving this objective (its number or a word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
}

pub(super) fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let today = ctx.today();
    let mut f = db::events::Filter {
        kind: a.kind.map(|k| k.as_str().to_string()),
        objective_id: crate::commands::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?,
        ..Default::default()
    };
    if a.upcoming {
        f.from = Some(today);
    }
    if a.past {
        f.until = today.pred_opt();
    }
    if let Some(c) = &a.country {
        f.country = Some(country::resolve(c)?.code);
    }
    if let Some(o) = &a.org {
        f.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    let mut events = db::events::list(db.conn(), &f)?;
    if let Some(r) = &a.region {
        let region = country::resolve_region(r)?;
        events.retain(|e| {
            e.country
                .as_deref()
                .and_then(country::by_code)
                .is_some_and(|c| c.region == region)
        });
    }
    print(ctx, &events, "no events match")
}

/// Writes events in the chosen format.
pub fn print(ctx: &mut Ctx, events: &[Event], empty: &str) -> Result<()> {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.starts.to_string(),
                opt(&e.ends),
                e.name.clone(),
                e.kind.to_string(),
                [e.city.clone(), e.country.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                e.our_role.to_string(),
                e.organisations
                    .iter()
                    .map(|o| format!("{} ({})", o.handle, o.role))
                    .collect::<Vec<_>>()
                    .join("; "),
                short_id(&e.id).to_string(),
            ]
        })
        .collect();
    match ctx.format() {
        Format::Json => ctx.out.json(events),
        Format::Csv => ctx.out.csv(
            &[
                "starts",
                "ends",
                "name",
                "kind",
                "place",
                "our_role",
                "organisations",
                "id",
            ],
            &rows,
        ),
        Format::Table if events.is_empty() => ctx.out.line(empty),
        Format::Table => ctx.out.table_hiding(
            &[
                "starts",
                "ends",
                "event",
                "kind",
                "where",
                "our role",
                "organisations",
                "id",
            ],
            &rows,
            &["id", "kind", "where"],
        ),
    }
}
