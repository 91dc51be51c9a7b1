//! `liaison doc list`.

use clap::Args;

use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::person::short_id;
use crate::render::Format;

/// List documents.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Translations too
    #[arg(long)]
    pub all: bool,
    /// Only those serving this objective (its number or a word of its title)
    #[arg(long, value_name = "N|WORD")]
    pub objective: Option<String>,
}

pub(super) fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let objective = super::super::objective::filter_id(ctx, db.conn(), a.objective.as_deref())?;
    let docs = db::documents::list_for(db.conn(), a.all, objective.as_deref())?;
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                d.date.to_string(),
                d.title.clone(),
                d.kind.to_string(),
                d.language.clone(),
                d.author.clone().unwrap_or_else(|| "ours".into()),
                d.translation_status.map(|s| s.to_string()).unwrap_or_default(),
                short_id(&d.id).to_string(),
            ]
        })
        .collect();
    match ctx.format() {
        Format::Json => ctx.out.json(&docs),
        Format::Csv => ctx.out.csv(
            &[
                "date",
                "title",
                "kind",
                "language",
                "from",
                "translation_status",
                "id",
            ],
            &rows,
        ),
        Format::Table if docs.is_empty() => ctx.out.line("no documents yet"),
        Format::Table => ctx.out.table(
            &["date", "title", "kind", "lang", "from", "translation", "id"],
            &rows,
        ),
    }
}
