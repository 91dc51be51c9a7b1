use clap::{Args, ValueEnum};

use super::word;
use crate::commands::number;
use crate::context::Ctx;
use crate::csvio::records;
use crate::db::orgs::{self, Filter, Sort};
use crate::error::Result;
use crate::model::country;
use crate::model::org::{Org, OrgKind, OrgStatus};
use crate::render::{Format, join, opt};

/// List organisations, by name unless --sort says otherwise.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this country: ISO code or name (repeatable)
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
    /// Only this UN M49 sub-region, e.g. "Western Asia"
    #[arg(long)]
    pub region: Option<String>,
    /// Only organisations in this group of the office's (handle or name)
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Only this kind
    #[arg(long, value_parser = word::<OrgKind>)]
    pub kind: Option<OrgKind>,
    /// Only this status
    #[arg(long, value_parser = word::<OrgStatus>)]
    pub status: Option<OrgStatus>,
    /// Only organisations with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only organisations with no contact for more than this many days
    #[arg(long, value_name = "DAYS", value_parser = number::days, allow_negative_numbers = true)]
    pub cold: Option<u32>,
    /// Order of the list (last-contact: longest silence first)
    #[arg(long, value_enum, default_value_t = SortBy::Name)]
    pub sort: SortBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    Name,
    Country,
    LastContact,
}

pub fn run(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let mut filter = Filter {
        kind: a.kind,
        status: a.status,
        sort: match a.sort {
            SortBy::Name => Sort::Name,
            SortBy::Country => Sort::Country,
            SortBy::LastContact => Sort::LastContact,
        },
        silent_since: a.cold.map(|d| ctx.today() - chrono::Days::new(d.into())),
        ..Filter::default()
    };
    for c in &a.countries {
        filter.countries.push(country::resolve(c)?.code.clone());
    }
    if let Some(r) = &a.region {
        filter.region = Some(country::resolve_region(r)?.to_string());
    }
    if let Some(t) = &a.tag {
        filter.tag = Some(crate::model::fields::tag(t)?);
    }
    let db = ctx.open_db()?;
    if let Some(g) = &a.group {
        filter.group = Some(crate::commands::group::resolve(ctx, db.conn(), g)?.id);
    }
    let list = orgs::list(db.conn(), &filter)?;
    print(ctx, &list)
}

/// Writes organisations in the chosen format.
pub fn print(ctx: &mut Ctx, list: &[Org]) -> Result<()> {
    match ctx.format() {
        Format::Json => ctx.out.json(list),
        Format::Csv => {
            let rows: Vec<Vec<String>> = list.iter().map(records::org).collect();
            ctx.out.csv(records::ORG_COLUMNS, &rows)
        }
        Format::Table => {
            if list.is_empty() {
                return ctx.out.line("no organisations match");
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|o| {
                    vec![
                        o.handle.clone(),
                        o.name.clone(),
                        opt(&o.native_name),
                        o.country.clone(),
                        o.kind.to_string(),
                        o.status.to_string(),
                        opt(&o.last_contact),
                        join(&o.tags),
                    ]
                })
                .collect();
            ctx.out.table_hiding(
                &[
                    "handle",
                    "name",
                    "native name",
                    "country",
                    "kind",
                    "status",
                    "last contact",
                    "tags",
                ],
                &rows,
                &["tags", "kind", "native name"],
            )
        }
    }
}
