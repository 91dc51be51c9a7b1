//! `liaison person list`.

use clap::Args;

use crate::commands::resolve_org;
use crate::context::Ctx;
use crate::csvio::records;
use crate::db;
use crate::error::Result;
use crate::model::country;
use crate::model::person::short_id;
use crate::render::{Format, opt};

/// List people.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only people of this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only people of organisations in this country (repeatable)
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
}

pub(super) fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let mut filter = db::people::Filter::default();
    if let Some(o) = &a.org {
        filter.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    for c in &a.countries {
        filter.countries.push(country::resolve(c)?.code.clone());
    }
    let people = db::people::list(db.conn(), &filter)?;
    match ctx.format() {
        Format::Json => ctx.out.json(&people),
        Format::Csv => {
            let rows: Vec<Vec<String>> = people.iter().map(records::person).collect();
            ctx.out.csv(records::PERSON_COLUMNS, &rows)
        }
        Format::Table => {
            if people.is_empty() {
                return ctx.out.line("no people match");
            }
            let rows: Vec<Vec<String>> = people
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        opt(&p.native_name),
                        opt(&p.organisation),
                        opt(&p.role),
                        if p.do_not_contact {
                            "do not contact".into()
                        } else {
                            String::new()
                        },
                        short_id(&p.id).to_string(),
                    ]
                })
                .collect();
            ctx.out
                .table(&["name", "native name", "organisation", "role", "", "id"], &rows)
        }
    }
}
