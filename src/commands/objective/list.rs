//! `liaison objective list`.

use clap::Args;

use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::Result;
use crate::render::Format;

/// List objectives with their activity in a period.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Start of the period [default: a year ago]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// End of the period [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
}

pub(super) fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let today = ctx.today();
    let since = ctx.date(a.since.as_deref().unwrap_or("-1y"), Tense::Past)?;
    let until = a
        .until
        .as_deref()
        .map(|d| ctx.date(d, Tense::Past))
        .transpose()?
        .unwrap_or(today);
    let rows = db::objectives::activity(db.conn(), since, until)?;
    match ctx.format() {
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|a| serde_json::json!({"number": a.number, "title": a.title, "title_fa": a.title_fa, "log_entries": a.log_entries, "events": a.events, "documents": a.documents}))
                .collect();
            ctx.out.json(&items)
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|a| {
                    vec![
                        a.number.to_string(),
                        a.title.clone(),
                        a.log_entries.to_string(),
                        a.events.to_string(),
                        a.documents.to_string(),
                        a.title_fa.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            ctx.out.csv(
                &[
                    "number",
                    "title",
                    "log_entries",
                    "events",
                    "documents",
                    "title_fa",
                ],
                &rows,
            )
        }
        Format::Table => {
            if rows.is_empty() {
                return ctx
                    .out
                    .line("no objectives yet; add one with: liaison objective add TITLE");
            }
            ctx.out.line(&format!("activity from {since} to {until}"))?;
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|a| {
                    let title = match &a.title_fa {
                        Some(fa) => format!("{} · {fa}", a.title),
                        None => a.title.clone(),
                    };
                    vec![
                        a.number.to_string(),
                        title,
                        a.log_entries.to_string(),
                        a.events.to_string(),
                        a.documents.to_string(),
                    ]
                })
                .collect();
            ctx.out
                .table(&["#", "objective", "log entries", "events", "documents"], &rows)
        }
    }
}
