//! `liaison doc …`: documents, translations and their distribution.

use clap::{Args, Subcommand};

use super::{resolve_org, resolve_person, word};
use crate::context::Ctx;
use crate::dates::Lean;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::document::{DocDirection, DocKind, Document, SendChannel, TranslationStatus};
use crate::model::org::{OrgRef, OrgStatus};
use crate::model::person::short_id;
use crate::model::{country, fields, require};
use crate::render::{Format, opt};

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Record a document (ours, or received from a partner)
    Add(AddArgs),
    /// List documents
    #[command(alias = "ls")]
    List(ListArgs),
    /// Show a document: translations, who has it, who has not
    Show(ShowArgs),
    /// Change a document
    Edit(EditArgs),
    /// Delete a document (with --cascade, its translations and distribution too)
    Rm(RmArgs),
    /// Record that a document was sent, in each partner's language when a
    /// translation exists
    Send(SendArgs),
    /// Create a linked translation
    Translate(TranslateArgs),
    /// Record that a document (ours or received), in one of its languages,
    /// was published on our own website
    Publish(PublishArgs),
}

pub fn run(ctx: &mut Ctx, cmd: DocCommand) -> Result<()> {
    match cmd {
        DocCommand::Add(a) => add(ctx, a),
        DocCommand::List(a) => list(ctx, a),
        DocCommand::Show(a) => show(ctx, a),
        DocCommand::Edit(a) => edit(ctx, a),
        DocCommand::Rm(a) => rm(ctx, a),
        DocCommand::Send(a) => send(ctx, a),
        DocCommand::Translate(a) => translate(ctx, a),
        DocCommand::Publish(a) => publish(ctx, a),
    }
}

/// Fields `doc add` and `doc edit` share.
#[derive(Debug, Args, Default)]
pub struct DocFields {
    /// statement, article, resolution, report, letter, news, other
    #[arg(long, value_parser = word::<DocKind>)]
    pub kind: Option<DocKind>,
    /// Date of the document [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Its language, e.g. fa, en, ar
    #[arg(long = "lang", value_name = "CODE")]
    pub language: Option<String>,
    /// It was received from this organisation (otherwise it is ours)
    #[arg(long, value_name = "ORG")]
    pub received_from: Option<String>,
    /// Where it is: a web address or a file path
    #[arg(long)]
    pub link: Option<String>,
    /// An objective it serves: number or a word of its title (repeatable)
    #[arg(long = "objective", value_name = "OBJECTIVE")]
    pub objectives: Vec<String>,
    /// Notes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

fn apply(ctx: &Ctx, conn: &rusqlite::Connection, d: &mut Document, f: &DocFields) -> Result<Vec<String>> {
    if let Some(k) = f.kind {
        d.kind = k;
    }
    if let Some(s) = &f.date {
        d.date = ctx.date(s, Lean::Past)?;
    }
    if let Some(l) = &f.language {
        d.language = fields::language(l)?;
    }
    if let Some(o) = &f.received_from {
        let org = resolve_org(ctx, conn, o)?;
        d.author_org_id = Some(org.id);
        d.author = Some(org.handle);
        d.direction = DocDirection::Received;
    }
    if let Some(l) = &f.link {
        d.link = fields::opt_line("link", Some(l))?;
    }
    if let Some(n) = &f.note {
        d.notes = fields::opt_text("notes", Some(n))?;
    }
    Ok(super::objective::resolve_all(conn, &f.objectives)?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

/// Record a document.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Its title
    pub title: String,
    #[command(flatten)]
    pub fields: DocFields,
}

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let title = fields::line("title", &a.title)?;
    require("title", &title)?;
    if a.fields.language.is_none() {
        return Err(Error::usage("--lang is required to add a document").hint("e.g. --lang fa"));
    }
    let now = ctx.now_str();
    let mut d = Document {
        id: new_id(),
        title,
        kind: DocKind::Statement,
        date: ctx.today(),
        language: String::new(),
        direction: DocDirection::Ours,
        author: None,
        translation_of: None,
        translation_status: None,
        link: None,
        notes: None,
        objectives: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
        author_org_id: None,
        published_on: None,
    };
    let mut db = ctx.open_db()?;
    let objectives = apply(ctx, db.conn(), &mut d, &a.fields)?;
    db.write(|tx| {
        db::documents::save(tx, &d)?;
        db::objectives::link(tx, db::objectives::LinkTable::Document, &d.id, &objectives)
    })?;
    match ctx.format() {
        Format::Json => ctx.out.json(&db::documents::get(db.conn(), &d.id)?),
        _ => {
            let whose = if d.direction == DocDirection::Ours {
                "our"
            } else {
                "received"
            };
            ctx.out.line(&format!(
                "added {whose} {} `{}` [{}]",
                d.kind,
                d.title,
                short_id(&d.id)
            ))
        }
    }
}

/// Finds a document by ID prefix or part of its title.
fn resolve(conn: &rusqlite::Connection, query: &str) -> Result<Document> {
    let q = query.trim();
    let mut found = db::documents::find(conn, q)?;
    // A document and its translations share a title: the original is meant.
    let originals: Vec<&String> = found
        .iter()
        .filter(|f| f.translation_of.is_none())
        .map(|f| &f.id)
        .collect();
    if let [original] = originals.as_slice()
        && found
            .iter()
            .all(|f| f.translation_of.is_none() || f.translation_of.as_ref() == Some(*original))
    {
        let id = (*original).clone();
        found.retain(|f| f.id == id);
    }
    match found.as_slice() {
        [one] => db::documents::get(conn, &one.id)?.ok_or_else(|| Error::internal("document vanished")),
        [] => Err(Error::user(format!("no document matches `{q}`")).hint("list them with: liaison doc list")),
        many => {
            let mut err = Error::user(format!("`{q}` matches {} documents", many.len()));
            for f in many.iter().take(8) {
                err = err.hint(format!("  {} ({}, {})", f.title, f.language, short_id(&f.id)));
            }
            Err(err.hint("name it by ID prefix"))
        }
    }
}

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

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let objective = super::objective::filter_id(db.conn(), a.objective.as_deref())?;
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

fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let d = resolve(db.conn(), &a.doc)?;
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

/// Change a document.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// ID prefix or part of the title
    pub doc: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// Translation status: planned, in progress, done, published
    #[arg(long, value_parser = word::<TranslationStatus>)]
    pub status: Option<TranslationStatus>,
    #[command(flatten)]
    pub fields: DocFields,
}

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let mut d = resolve(db.conn(), &a.doc)?;
    if let Some(t) = &a.title {
        let t = fields::line("title", t)?;
        require("title", &t)?;
        d.title = t;
    }
    if let Some(s) = a.status {
        if d.translation_of.is_none() {
            return Err(Error::user("only a translation has a translation status")
                .hint("create one with: liaison doc translate DOC --lang L"));
        }
        d.translation_status = Some(s);
    }
    let objectives = apply(ctx, db.conn(), &mut d, &a.fields)?;
    d.updated_at = ctx.now_str();
    db.write(|tx| {
        db::documents::save(tx, &d)?;
        db::objectives::link(tx, db::objectives::LinkTable::Document, &d.id, &objectives)
    })?;
    ctx.out
        .line(&format!("updated `{}` [{}]", d.title, short_id(&d.id)))
}

/// Delete a document.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// ID prefix or part of the title
    pub doc: String,
    /// Also delete its translations and the record of who received them
    #[arg(long)]
    pub cascade: bool,
}

fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(db.conn(), &a.doc)?;
    let (translations, copies) = db::documents::dependants(db.conn(), &d.id)?;
    if (translations > 0 || copies > 0) && !a.cascade {
        return Err(Error::user(format!(
            "`{}` has {} and {} sent",
            d.title,
            crate::text::plural(translations, "translation", "translations"),
            crate::text::plural(copies, "recorded copy", "recorded copies")
        ))
        .hint("delete them with it: liaison doc rm DOC --cascade"));
    }
    let now = ctx.now_str();
    db.write(|tx| db::documents::delete(tx, &d.id, a.cascade, &now))?;
    if a.cascade && (translations > 0 || copies > 0) {
        ctx.out.line(&format!(
            "deleted `{}` with {} and {} of copies sent",
            d.title,
            crate::text::plural(translations, "translation", "translations"),
            crate::text::plural(copies, "record", "records")
        ))
    } else {
        ctx.out.line(&format!("deleted `{}`", d.title))
    }
}

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

fn send(ctx: &mut Ctx, a: SendArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(db.conn(), &a.doc)?;
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
        .map(|g| crate::commands::group::resolve(db.conn(), g))
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
            Some(s) => ctx.date(s, Lean::Past)?,
            None => ctx.today(),
        };
        return record_publication(ctx, &mut db, d, date, None);
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
        Some(s) => ctx.date(s, Lean::Past)?,
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
                        channel: a.via.as_str(),
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

/// Create a translation of a document.
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// ID prefix or part of the title of the original
    pub doc: String,
    /// The translation's language
    #[arg(long = "lang", value_name = "CODE")]
    pub language: String,
    /// Its title [default: the original's]
    #[arg(long)]
    pub title: Option<String>,
    /// planned, in progress, done, published
    #[arg(long, value_parser = word::<TranslationStatus>, default_value = "planned")]
    pub status: TranslationStatus,
}

fn translate(ctx: &mut Ctx, a: TranslateArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(db.conn(), &a.doc)?;
    let original = match &d.translation_of {
        Some(id) => db::documents::get(db.conn(), id)?.unwrap_or_else(|| d.clone()),
        None => d,
    };
    let language = fields::language(&a.language)?;
    if language == original.language {
        return Err(
            Error::user(format!("`{}` is already in {language}", original.title))
                .hint("a translation needs another language"),
        );
    }
    if let Some(t) = db::documents::translations(db.conn(), &original.id)?
        .into_iter()
        .find(|t| t.language == language)
    {
        return Err(Error::user(format!(
            "`{}` already has a {language} translation [{}]",
            original.title,
            short_id(&t.id)
        ))
        .hint(format!(
            "change its status with: liaison doc edit {} --status done",
            short_id(&t.id)
        )));
    }
    let title = match &a.title {
        Some(t) => fields::line("title", t)?,
        None => original.title.clone(),
    };
    let now = ctx.now_str();
    let t = Document {
        id: new_id(),
        title,
        language: language.clone(),
        translation_of: Some(original.id.clone()),
        translation_status: Some(a.status),
        created_at: now.clone(),
        updated_at: now,
        objectives: Vec::new(),
        link: None,
        notes: None,
        published_on: None,
        ..original.clone()
    };
    db.write(|tx| db::documents::save(tx, &t))?;
    ctx.out.line(&format!(
        "added {language} translation of `{}` ({}) [{}]",
        original.title,
        a.status,
        short_id(&t.id)
    ))
}

/// Record that a document was published on our own website.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  liaison doc publish 'Statement on the strike' --lang en --date 2026-09-20 --link https://example.org/en/strike"
)]
pub struct PublishArgs {
    /// ID prefix or part of the title (the original or a translation)
    pub doc: String,
    /// The language it was published in [default: the document's own]
    #[arg(long = "lang", value_name = "CODE")]
    pub language: Option<String>,
    /// When [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Where it is published
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
}

fn publish(ctx: &mut Ctx, a: PublishArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let d = resolve(db.conn(), &a.doc)?;
    let copy = match &a.language {
        None => d,
        Some(l) => {
            let language = fields::language(l)?;
            let original = match &d.translation_of {
                Some(id) => db::documents::get(db.conn(), id)?.unwrap_or_else(|| d.clone()),
                None => d.clone(),
            };
            if original.language == language {
                original
            } else {
                db::documents::translations(db.conn(), &original.id)?
                    .into_iter()
                    .find(|t| t.language == language)
                    .ok_or_else(|| {
                        Error::user(format!("`{}` has no {language} translation", original.title)).hint(
                            format!(
                                "add it first: liaison doc translate {} --lang {language} --status done",
                                short_id(&original.id)
                            ),
                        )
                    })?
            }
        }
    };
    let date = match &a.date {
        Some(s) => ctx.date(s, Lean::Past)?,
        None => ctx.today(),
    };
    let link = fields::opt_line("link", a.link.as_deref())?;
    record_publication(ctx, &mut db, copy, date, link)
}

/// Marks `copy` published on `date` (a translation's status becomes
/// published) and says so.
fn record_publication(
    ctx: &mut Ctx,
    db: &mut db::Db,
    mut copy: Document,
    date: chrono::NaiveDate,
    link: Option<String>,
) -> Result<()> {
    copy.published_on = Some(date);
    if link.is_some() {
        copy.link = link;
    }
    if copy.translation_of.is_some() {
        copy.translation_status = Some(TranslationStatus::Published);
    }
    copy.updated_at = ctx.now_str();
    db.write(|tx| db::documents::save(tx, &copy))?;
    let at = copy
        .link
        .as_deref()
        .map(|l| format!(" at {l}"))
        .unwrap_or_default();
    ctx.out.line(&format!(
        "published `{}` in {} on our website on {date}{at}",
        copy.title, copy.language
    ))
}
