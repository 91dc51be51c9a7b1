//! `liaison doc show`: translations, who has it, who has not.

use clap::Args;

use super::resolve;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::org::OrgStatus;
use crate::model::person::short_id;
use crate::render::{Format, opt};

/// Show a document.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// ID prefix or part of the title
    pub doc: String,
}

/// Partners with their correspondence languages.
fn partners(conn: &rusqlite::Connection) -> Result<Vec<crate::model::org::Org>> {
    db::orgs::list(
        conn,
        &db::orgs::Filter {
            status: Some(OrgStatus::Partner),
            ..Default::default()
        },
    )
}

pub(super) fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let d = resolve(ctx, db.conn(), &a.doc)?;
    let original = match &d.translation_of {
        Some(id) => db::documents::get(db.conn(), id)?.unwrap_or_else(|| d.clone()),
        None => d.clone(),
    };
    let translations = db::documents::translations(db.conn(), &original.id)?;
    let sent = db::documents::distributions_of_document(db.conn(), &original.id)?;
    let mut have: Vec<String> = vec![original.language.clone()];
    have.extend(translations.iter().map(|t| t.language.clone()));
    let partners = partners(db.conn())?;
    // A partner's first correspondence language is the one it prefers.
    let mut missing: Vec<String> = Vec::new();
    for p in &partners {
        if let Some(first) = p.languages.first()
            && !have.contains(first)
            && !missing.contains(first)
        {
            missing.push(first.clone());
        }
    }
    missing.sort();
    let not_yet: Vec<String> = partners
        .iter()
        .filter(|p| !sent.iter().any(|s| s.organisation == p.handle))
        .map(|p| p.handle.clone())
        .collect();
    if ctx.format() == Format::Json {
        return ctx.out.json(&serde_json::json!({
            "document": original,
            "translations": translations,
            "distributions": sent,
            "languages_missing_for_partners": missing,
            "partners_not_sent": not_yet,
        }));
    }
    ctx.out.heading(&original.title)?;
    ctx.out.fields(&[
        ("id", short_id(&original.id).to_string()),
        ("kind", original.kind.to_string()),
        ("date", original.date.to_string()),
        ("language", original.language.clone()),
        ("from", original.author.clone().unwrap_or_else(|| "ours".into())),
        ("link", opt(&original.link)),
        (
            "objectives",
            original
                .objectives
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("notes", opt(&original.notes)),
    ])?;
    ctx.out.line("")?;
    ctx.out
        .heading(&format!("Translations ({})", translations.len()))?;
    for t in &translations {
        ctx.out.line(&format!(
            "  {}: {} ({}) [{}]",
            t.language,
            t.title,
            opt(&t.translation_status),
            short_id(&t.id)
        ))?;
    }
    if !missing.is_empty() {
        ctx.out.line(&format!(
            "  missing for partners' languages: {}",
            missing.join(", ")
        ))?;
    }
    ctx.out.line("")?;
    ctx.out.heading(&format!("Sent ({})", sent.len()))?;
    let rows: Vec<Vec<String>> = sent
        .iter()
        .map(|s| {
            vec![
                s.date.to_string(),
                s.organisation.clone(),
                s.language.clone(),
                s.channel.to_string(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        ctx.out.table(&["date", "to", "language", "via"], &rows)?;
    }
    ctx.out.line(&format!(
        "partners not sent it yet: {}",
        if not_yet.is_empty() {
            "none".to_string()
        } else {
            not_yet.join(", ")
        }
    ))
}
