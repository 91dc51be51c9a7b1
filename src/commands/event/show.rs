//! `liaison event show`.

use clap::Args;

use super::{print, resolve};
use crate::context::Ctx;
use crate::error::Result;
use crate::model::person::short_id;
use crate::render::{Format, opt};

/// Show one event.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// ID prefix or part of the name
    pub event: String,
}

pub(super) fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let e = resolve(ctx, db.conn(), &a.event)?;
    if ctx.format() != Format::Table {
        return print(ctx, &[e], "");
    }
    ctx.out.heading(&e.name)?;
    ctx.out.fields(&[
        ("id", short_id(&e.id).to_string()),
        ("kind", e.kind.to_string()),
        (
            "when",
            match e.ends {
                Some(end) => format!("{} – {end}", e.starts),
                None => e.starts.to_string(),
            },
        ),
        (
            "where",
            [e.city.clone(), e.country.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("our role", e.our_role.to_string()),
        (
            "partners",
            e.organisations
                .iter()
                .map(|o| format!("{} ({})", o.name, o.role))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("people", e.people.join("; ")),
        (
            "objectives",
            e.objectives
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("outcome", opt(&e.outcome)),
        ("support won", opt(&e.support_won)),
    ])
}
