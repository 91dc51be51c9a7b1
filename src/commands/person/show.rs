//! `liaison person show`.

use clap::Args;

use crate::commands::resolve_person;
use crate::context::Ctx;
use crate::csvio::records;
use crate::db;
use crate::error::{Error, Result};
use crate::model::Sensitivity;
use crate::model::person::short_id;
use crate::render::{Format, join, opt};

/// Show one person.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Name (any script) or ID prefix
    #[arg(value_name = "PERSON")]
    pub person: String,
}

pub(super) fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let found = resolve_person(ctx, db.conn(), &a.person)?;
    let p = db::people::get(db.conn(), &found.id)?
        .ok_or_else(|| Error::internal("person vanished while reading"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&p),
        Format::Csv => ctx.out.csv(records::PERSON_COLUMNS, &[records::person(&p)]),
        Format::Table => {
            ctx.out.heading(&p.name)?;
            if let Some(n) = &p.native_name {
                ctx.out.line(n)?;
            }
            if let Some(n) = p.name_fa.as_ref().filter(|n| p.native_name.as_ref() != Some(n)) {
                ctx.out.line(n)?;
            }
            ctx.out.line("")?;
            ctx.out.fields(&[
                ("id", short_id(&p.id).to_string()),
                ("organisation", opt(&p.organisation)),
                ("role", opt(&p.role)),
                ("email", opt(&p.email)),
                ("phone", opt(&p.phone)),
                ("messaging", join(&p.messaging)),
                ("languages", join(&p.languages)),
                (
                    "contact",
                    if p.do_not_contact {
                        "do not contact".into()
                    } else {
                        String::new()
                    },
                ),
                (
                    "sensitivity",
                    if p.sensitivity == Sensitivity::Normal {
                        String::new()
                    } else {
                        p.sensitivity.to_string()
                    },
                ),
                ("notes", opt(&p.notes)),
            ])
        }
    }
}
