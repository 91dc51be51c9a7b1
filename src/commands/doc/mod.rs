//! `liaison doc …`: documents, translations and their distribution.

mod add;
mod edit;
mod list;
mod publish;
mod rm;
mod send;
mod show;
mod translate;

use clap::{Args, Subcommand};

use super::resolve::{self, Candidate, Noun};
use super::{resolve_org, word};
use crate::context::Ctx;
use crate::dates::Tense;
use crate::db;
use crate::error::{Error, Result};
use crate::model::document::{DocDirection, DocKind, Document};
use crate::model::fields;
use crate::model::person::short_id;

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Record a document (ours, or received from a partner)
    Add(add::AddArgs),
    /// List documents
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Show a document: translations, who has it, who has not
    Show(show::ShowArgs),
    /// Change a document
    Edit(edit::EditArgs),
    /// Delete a document (with --cascade, its translations and distribution too)
    Rm(rm::RmArgs),
    /// Record that a document was sent, in each partner's language when a
    /// translation exists
    Send(send::SendArgs),
    /// Create a linked translation
    Translate(translate::TranslateArgs),
    /// Record that a document (ours or received), in one of its languages,
    /// was published on our own website
    Publish(publish::PublishArgs),
}

pub fn run(ctx: &mut Ctx, cmd: DocCommand) -> Result<()> {
    match cmd {
        DocCommand::Add(a) => add::add(ctx, a),
        DocCommand::List(a) => list::list(ctx, a),
        DocCommand::Show(a) => show::show(ctx, a),
        DocCommand::Edit(a) => edit::edit(ctx, a),
        DocCommand::Rm(a) => rm::rm(ctx, a),
        DocCommand::Send(a) => send::send(ctx, a),
        DocCommand::Translate(a) => translate::translate(ctx, a),
        DocCommand::Publish(a) => publish::publish(ctx, a),
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
        d.date = ctx.date(s, Tense::Past)?;
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
    Ok(super::objective::resolve_all(ctx, conn, &f.objectives)?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

const DOCUMENT: Noun = Noun {
    one: "document",
    many: "documents",
    list: "liaison doc list",
    how: "name it by ID prefix",
};

/// Finds a document by its title, part of it, or an ID prefix.
fn resolve(ctx: &Ctx, conn: &rusqlite::Connection, query: &str) -> Result<Document> {
    let rows = db::documents::candidates(conn)?
        .into_iter()
        .map(|d| Candidate {
            label: format!("{} ({}, {})", d.title, d.language, short_id(&d.id)),
            names: vec![d.title.clone()],
            id: d.id.clone(),
            row: d,
        })
        .collect();
    let mut found = resolve::matching(query, rows);
    // A document and its translations share a title: the original is meant.
    let originals: Vec<&String> = found
        .iter()
        .filter(|f| f.row.translation_of.is_none())
        .map(|f| &f.id)
        .collect();
    if let [original] = originals.as_slice()
        && found
            .iter()
            .all(|f| f.row.translation_of.is_none() || f.row.translation_of.as_ref() == Some(*original))
    {
        let id = (*original).clone();
        found.retain(|f| f.id == id);
    }
    let d = resolve::settle(ctx, &DOCUMENT, query.trim(), found)?;
    db::documents::get(conn, &d.id)?.ok_or_else(|| Error::internal("document vanished"))
}
