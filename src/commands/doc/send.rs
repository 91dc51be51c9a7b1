//! `liaison doc send`: copies to organisations, each in a language it reads.

use clap::Args;

use super::super::{resolve_org, resolve_person, word};
use super::resolve;
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::country;
use crate::model::document::{Document, SendChannel, TranslationStatus};
use crate::model::org::{OrgRef, OrgStatus};

/// Record that a document was sent. Each organisation gets the copy in the
/// first of its correspondence languages that exists, else in English,
/// else the original (and the command says it does not read it).
#[derive(Debug, Args)]
pub struct SendArgs {
    /// ID prefix or part of the title
    pub doc: String,
    /// An organisation it went to (repeatable)
    #[arg(long = "to", value_name = "ORG")]
    pub to: Vec<String>,
    /// Every organisation with this status, e.g. partner
    #[arg(long, value_parser = word::<OrgStatus>)]
    pub to_status: Option<OrgStatus>,
    /// Every organisation in this UN M49 sub-region we have a relationship
    /// with (status partner or contact; see --any-status)
    #[arg(long, value_name = "REGION")]
    pub to_region: Option<String>,
    /// Every organisation in this group of the office's (see `liaison
    /// group list`) we have a relationship with, as with --to-region
    #[arg(long, value_name = "GROUP")]
    pub to_group: Option<String>,
    /// With --to-region or --to-group: every organisation there,
    /// prospects, dormant and ended ties included
    #[arg(long)]
    pub any_status: bool,
    /// When [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// email, letter, message, meeting, website, other
    #[arg(long, value_parser = word::<SendChannel>, default_value = "email")]
    pub via: SendChannel,
    /// The person it went to (with a single --to)
    #[arg(long = "with", value_name = "PERSON")]
    pub person: Option<String>,
}

pub(super) fn send(ctx: &mut Ctx, a: SendArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(ctx, db.conn(), &a.doc)?;
    let original = match &d.translation_of {
        Some(id) => db::documents::get(db.conn(), id)?.unwrap_or_else(|| d.clone()),
        None => d.clone(),
    };
    let mut copies: Vec<Document> = vec![original.clone()];
    copies.extend(
        db::documents::translations(db.conn(), &original.id)?
            .into_iter()
            .filter(|t| {
                matches!(
                    t.translation_status,
                    Some(TranslationStatus::Done | TranslationStatus::Published)
                )
            }),
    );
    let mut targets: Vec<crate::model::org::Org> = Vec::new();
    for o in &a.to {
        let r: OrgRef = resolve_org(ctx, db.conn(), o)?;
        if let Some(org) = db::orgs::get(db.conn(), &r.id)? {
            targets.push(org);
        }
    }
    if a.any_status && a.to_region.is_none() && a.to_group.is_none() {
        return Err(Error::usage("--any-status goes with --to-region or --to-group")
            .hint("e.g. liaison doc send DOC --to-group neighbours --any-status"));
    }
    let group = a
        .to_group
        .as_deref()
        .map(|g| crate::commands::group::resolve(ctx, db.conn(), g))
        .transpose()?;
    if a.to_status.is_some() || a.to_region.is_some() || group.is_some() {
        let region = a
            .to_region
            .as_deref()
            .map(country::resolve_region)
            .transpose()?
            .map(str::to_string);
        let filter = db::orgs::Filter {
            status: a.to_status,
            region,
            group: group.map(|g| g.id),
            ..Default::default()
        };
        // A broadcast to a region or group goes to the ties we have, unless a
        // status is named or every status is asked for.
        let related = |o: &crate::model::org::Org| {
            a.to_status.is_some()
                || a.any_status
                || matches!(o.status, OrgStatus::Partner | OrgStatus::Contact)
        };
        for org in db::orgs::list(db.conn(), &filter)? {
            if related(&org) && !targets.iter().any(|t| t.id == org.id) {
                targets.push(org);
            }
        }
    }
    if targets.is_empty() && a.via == SendChannel::Website {
        // Put on our own website: published, not sent to anyone.
        let date = match &a.date {
            Some(s) => ctx.date(s, Tense::Past)?,
            None => ctx.today(),
        };
        return super::publish::record_publication(ctx, &mut db, d, date, None);
    }
    if targets.is_empty() {
        return Err(Error::user("no organisation to send to")
            .hint("name them with --to ORG, --to-status partner, --to-region R or --to-group G"));
    }
    let person = match &a.person {
        Some(p) if targets.len() == 1 => Some(resolve_person(ctx, db.conn(), p)?.id),
        Some(_) => return Err(Error::usage("--with names one person: use it with a single --to")),
        None => None,
    };
    let date = match &a.date {
        Some(s) => ctx.date(s, Tense::Past)?,
        None => ctx.today(),
    };
    let now = ctx.now_str();
    let plan: Vec<(&crate::model::org::Org, &Document)> =
        targets.iter().map(|org| (org, copy_for(org, &copies))).collect();
    let results = db.write(|tx| {
        plan.iter()
            .map(|(org, copy)| {
                db::documents::send(
                    tx,
                    &db::documents::Sending {
                        id: &new_id(),
                        document_id: &copy.id,
                        org_id: &org.id,
                        person_id: person.as_deref(),
                        date,
                        channel: a.via,
                    },
                    &now,
                )
            })
            .collect::<Result<Vec<bool>>>()
    })?;
    for ((org, copy), added) in plan.iter().zip(results) {
        if added {
            ctx.out.line(&format!(
                "sent to {} in {} ({})",
                org.handle, copy.language, copy.title
            ))?;
            if copy.translation_of.is_none() && !reads(org, &copy.language) {
                let known = if org.languages.is_empty() {
                    "its languages are not recorded".to_string()
                } else {
                    format!("it reads {}", org.languages.join(", "))
                };
                eprintln!(
                    "note: {} got the {} original: {known}, and there is no translation it reads nor one in English",
                    org.handle, copy.language
                );
            }
        } else {
            eprintln!(
                "warning: {} already got `{}` on {date}; not recorded twice",
                org.handle, copy.title
            );
        }
    }
    Ok(())
}

/// The copy an organisation gets: the first of its languages that exists,
/// else English, else the original.
fn copy_for<'a>(org: &crate::model::org::Org, copies: &'a [Document]) -> &'a Document {
    let find = |l: &str| copies.iter().find(|c| c.language == l);
    org.languages
        .iter()
        .find_map(|l| find(l))
        .or_else(|| find("en"))
        .unwrap_or(&copies[0])
}

/// Whether an organisation reads a language: English when its languages
/// are not recorded.
fn reads(org: &crate::model::org::Org, language: &str) -> bool {
    if org.languages.is_empty() {
        language == "en"
    } else {
        org.languages.iter().any(|l| l == language)
    }
}
