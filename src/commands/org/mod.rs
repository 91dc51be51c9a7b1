//! `liaison org …`: organisations.

mod add;
mod edit;
mod list;
mod merge;
mod rm;
mod show;

use clap::{Args, Subcommand};

use crate::context::Ctx;
use crate::dates::Tense;
use crate::error::Result;
use crate::model::org::{Org, OrgKind, OrgStatus};
use crate::model::{Sensitivity, country, fields};

use super::word;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organisation
    Add(add::AddArgs),
    /// List organisations, with filters
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Show one organisation: profile, people and more
    Show(show::ShowArgs),
    /// Change an organisation's fields
    Edit(edit::EditArgs),
    /// Delete an organisation (restorable unless --purge)
    Rm(rm::RmArgs),
    /// Bring back a deleted organisation
    Restore(rm::RestoreArgs),
    /// Merge a duplicate into another organisation
    Merge(merge::MergeArgs),
}

pub use list::print as print_list;

pub fn run(ctx: &mut Ctx, cmd: OrgCommand) -> Result<()> {
    match cmd {
        OrgCommand::Add(a) => add::run(ctx, a),
        OrgCommand::List(a) => list::run(ctx, a),
        OrgCommand::Show(a) => show::run(ctx, a),
        OrgCommand::Edit(a) => edit::run(ctx, a),
        OrgCommand::Rm(a) => rm::run(ctx, a),
        OrgCommand::Restore(a) => rm::restore(ctx, a),
        OrgCommand::Merge(a) => merge::run(ctx, a),
    }
}

/// The fields `org add` and `org edit` share. An empty value clears an
/// optional field on edit.
#[derive(Debug, Args, Default)]
pub struct OrgFields {
    /// Name in the organisation's own script
    #[arg(long, value_name = "NAME")]
    pub native: Option<String>,
    /// Name in Persian, for the Persian report
    #[arg(long, value_name = "NAME")]
    pub name_fa: Option<String>,
    /// Another name it is known by (repeatable)
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,
    /// Short unique handle [default: made from the name]
    #[arg(long)]
    pub handle: Option<String>,
    /// Country: ISO code (GR), English or Persian name
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// UN M49 sub-region [default: the country's]
    #[arg(long)]
    pub region: Option<String>,
    /// party, union, movement, organisation, media or other
    #[arg(long, value_parser = word::<OrgKind>)]
    pub kind: Option<OrgKind>,
    /// partner, contact, prospect, dormant or ended
    #[arg(long, value_parser = word::<OrgStatus>)]
    pub status: Option<OrgStatus>,
    /// When the relationship began
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Language for correspondence, e.g. en, fa, ckb (repeatable)
    #[arg(long = "lang", value_name = "CODE")]
    pub languages: Vec<String>,
    /// Web site
    #[arg(long, value_name = "URL")]
    pub website: Option<String>,
    /// E-mail address
    #[arg(long)]
    pub email: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// One of the office's groups, by handle or name (repeatable; see
    /// `liaison group list`)
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
    /// Notes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// normal, confidential or secret
    #[arg(long, value_parser = word::<Sensitivity>)]
    pub sensitivity: Option<Sensitivity>,
}

/// Applies the given fields to `org` after validating each. The handle is
/// left to the caller, which must check it is free.
pub fn apply(ctx: &Ctx, org: &mut Org, f: &OrgFields) -> Result<()> {
    if let Some(n) = &f.native {
        org.native_name = fields::opt_line("native name", Some(n))?;
    }
    if let Some(n) = &f.name_fa {
        org.name_fa = fields::opt_line("Persian name", Some(n))?;
    }
    for a in &f.aliases {
        let a = fields::item("alias", a)?;
        if !a.is_empty() && !org.aliases.contains(&a) {
            org.aliases.push(a);
        }
    }
    if let Some(c) = &f.country {
        let c = country::resolve(c)?;
        org.country = c.code.clone();
        if !org.region_overridden {
            org.region = c.region.clone();
        }
    }
    if let Some(r) = &f.region {
        if r.trim().is_empty() {
            org.region_overridden = false;
            org.region = country::by_code(&org.country)
                .map(|c| c.region.clone())
                .unwrap_or_default();
        } else {
            org.region = country::resolve_region(r)?.to_string();
            org.region_overridden = true;
        }
    }
    if let Some(k) = f.kind {
        org.kind = k;
    }
    if let Some(s) = f.status {
        org.status = s;
    }
    if let Some(s) = &f.since {
        org.since = if s.trim().is_empty() {
            None
        } else {
            Some(ctx.date(s, Tense::Past)?)
        };
    }
    if !f.languages.is_empty() {
        org.languages = fields::languages(&f.languages)?;
    }
    if let Some(w) = &f.website {
        org.website = if w.trim().is_empty() {
            None
        } else {
            Some(fields::website(w)?)
        };
    }
    if let Some(e) = &f.email {
        org.email = if e.trim().is_empty() {
            None
        } else {
            Some(fields::email(e)?)
        };
    }
    for t in fields::tags(&f.tags)? {
        if !org.tags.contains(&t) {
            org.tags.push(t);
        }
    }
    if let Some(n) = &f.note {
        org.notes = fields::opt_text("notes", Some(n))?;
    }
    if let Some(s) = f.sensitivity {
        org.sensitivity = s;
    }
    Ok(())
}

/// Puts `org` in the groups named by `--group`, which must exist.
pub fn join_groups(ctx: &Ctx, conn: &rusqlite::Connection, org: &mut Org, f: &OrgFields) -> Result<()> {
    for g in crate::commands::group::resolve_all(ctx, conn, &f.groups)? {
        if !org.groups.contains(&g.name) {
            org.groups.push(g.name);
        }
    }
    Ok(())
}

/// One line describing an organisation, for confirmations.
pub fn summary(o: &Org) -> String {
    format!(
        "{} ({}, {}; {}, {})",
        o.name, o.country, o.region, o.kind, o.status
    )
}
