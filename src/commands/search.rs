//! `liaison search`: full-text search in any script.

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::commands::number;
use crate::context::Ctx;
use crate::db;
use crate::db::search::Stage;
use crate::error::{Error, Result};
use crate::matching::Query;
use crate::model::person::short_id;
use crate::render::Format;
use crate::text::{excerpt, fold};

/// Search names, aliases, roles, notes, log entries, documents and events. Matching ignores case, accents,
/// Arabic/Persian/Kurdish letter variants and harakat; every word must match the
/// start of a word. Names also match by lookalike letters, Latin spelling,
/// consonants (Arabic script) and their country's name; such results say how.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
    /// Where to look (comma separated) [default: everywhere]
    #[arg(long = "in", value_enum, value_delimiter = ',')]
    pub scopes: Vec<Scope>,
    /// At most this many results of each kind (0: all)
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = number::count, allow_negative_numbers = true)]
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    Orgs,
    People,
    Log,
    Docs,
    Events,
}

/// One search result, as `search --format json|csv` writes it.
#[derive(Debug, Serialize)]
pub struct Hit {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: String,
    /// Handle of the organisation (the record's own, or a person's).
    pub organisation: Option<String>,
    pub name: String,
    pub excerpt: String,
    /// How the record matched when not exactly: `prefix`, `lookalike`,
    /// `latin spelling`, `country` or `close`.
    pub how: Option<&'static str>,
}

/// Adds the matches not already found, up to `limit` in all.
fn add(
    found: &mut Vec<(String, Option<&'static str>)>,
    new: Vec<(String, crate::matching::How)>,
    limit: usize,
) {
    for (id, how) in new {
        if limit > 0 && found.len() >= limit {
            break;
        }
        if !found.iter().any(|(f, _)| *f == id) {
            found.push((id, how.label()));
        }
    }
}

pub fn run(ctx: &mut Ctx, a: SearchArgs) -> Result<()> {
    let text = a.text.join(" ");
    let Some(query) = db::search::fts_query(&text) else {
        return Err(Error::user("nothing to search for").hint("give a word or two, in any script"));
    };
    let q = Query::new(&text);
    let terms: Vec<String> = fold(&text).split_whitespace().map(str::to_string).collect();
    let wants = |s: Scope| a.scopes.is_empty() || a.scopes.contains(&s);
    let db = ctx.open_db()?;
    let conn = db.conn();
    // Matches beyond --limit, said under the list.
    let mut hidden = 0;
    let full = |n: usize| a.limit > 0 && n >= a.limit;
    // Exact and prefix matches, then lookalikes and Latin spellings (and
    // organisations of a country named), then close matches.
    let mut orgs: Vec<(String, Option<&'static str>)> = Vec::new();
    let mut people: Vec<(String, Option<&'static str>)> = Vec::new();
    for stage in [Stage::Text, Stage::Spelling] {
        if wants(Scope::Orgs) {
            add(
                &mut orgs,
                db::search::org_matches(conn, &q, stage, a.limit)?,
                a.limit,
            );
        }
        if wants(Scope::People) {
            add(
                &mut people,
                db::search::person_matches(conn, &q, stage, a.limit)?,
                a.limit,
            );
        }
    }
    if wants(Scope::Orgs)
        && !full(orgs.len())
        && let Some(country) = crate::model::country::by_name(&text)
    {
        let filter = db::orgs::Filter {
            countries: vec![country.code],
            ..Default::default()
        };
        for o in db::orgs::list(conn, &filter)? {
            if full(orgs.len()) {
                break;
            }
            if !orgs.iter().any(|(id, _)| *id == o.id) {
                orgs.push((o.id, Some("country")));
            }
        }
    }
    // A Latin query is compared by consonants with names in Arabic script
    // after the rest; a query in Arabic script only when nothing else
    // matched, so close matches are never mixed with exact ones.
    let close = |orgs: &[(String, Option<&str>)], people: &[(String, Option<&str>)]| {
        !q.is_arabic() || (orgs.is_empty() && people.is_empty())
    };
    if close(&orgs, &people) {
        if wants(Scope::Orgs) {
            add(
                &mut orgs,
                db::search::org_matches(conn, &q, Stage::Consonants, a.limit)?,
                a.limit,
            );
        }
        if wants(Scope::People) {
            add(
                &mut people,
                db::search::person_matches(conn, &q, Stage::Consonants, a.limit)?,
                a.limit,
            );
        }
    }
    let mut hits = Vec::new();
    for (id, how) in orgs {
        let Some(o) = db::orgs::get(conn, &id)? else {
            continue;
        };
        let mut texts: Vec<&str> = vec![&o.name];
        texts.extend(o.native_name.as_deref());
        texts.extend(o.aliases.iter().map(String::as_str));
        texts.extend(o.tags.iter().map(String::as_str));
        texts.extend(o.notes.as_deref());
        hits.push(Hit {
            kind: "organisation",
            excerpt: excerpt_for(&q, how, &texts, &terms),
            id: o.id,
            organisation: Some(o.handle),
            name: o.name,
            how,
        });
    }
    for (id, how) in people {
        let Some(p) = db::people::get(conn, &id)? else {
            continue;
        };
        let mut texts: Vec<&str> = vec![&p.name];
        texts.extend(p.native_name.as_deref());
        texts.extend(p.role.as_deref());
        texts.extend(p.notes.as_deref());
        hits.push(Hit {
            kind: "person",
            excerpt: excerpt_for(&q, how, &texts, &terms),
            id: p.id,
            organisation: p.organisation,
            name: p.name,
            how,
        });
    }
    // Whether the log's matches beyond the list were counted only as far
    // as COUNTED.
    let mut at_least = false;
    if wants(Scope::Log) {
        let log_query = db::log::search_query(conn, &text)?.unwrap_or_else(|| query.clone());
        let ids = db::log::search(conn, &log_query, a.limit)?;
        if full(ids.len()) {
            let counted = db::log::search_count(conn, &log_query, ids.len() + super::COUNTED)?;
            at_least = counted >= ids.len() + super::COUNTED;
            hidden += counted.saturating_sub(ids.len());
        }
        for id in ids {
            let Some(i) = db::log::get(db.conn(), &id)? else {
                continue;
            };
            let mut texts: Vec<&str> = Vec::new();
            texts.extend(i.subject.as_deref());
            texts.push(&i.summary);
            texts.extend(i.tags.iter().map(String::as_str));
            hits.push(Hit {
                kind: "log",
                excerpt: best_excerpt(&texts, &terms),
                name: format!(
                    "{} {} {}",
                    i.date,
                    i.channel,
                    i.subject.as_deref().unwrap_or_default()
                )
                .trim()
                .to_string(),
                organisation: Some(i.organisations.join(", ")),
                id: i.id,
                how: None,
            });
        }
    }
    // Documents and events are few: their titles are matched in memory.
    let matches = |texts: &[&str]| {
        let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
        terms.iter().all(|t| {
            folded
                .iter()
                .any(|f| f.split_whitespace().any(|w| w.starts_with(t.as_str())))
        })
    };
    if wants(Scope::Docs) {
        for d in db::documents::list(db.conn(), true)? {
            let mut texts: Vec<&str> = vec![&d.title];
            texts.extend(d.notes.as_deref());
            if !matches(&texts) {
                continue;
            }
            if full(hits.iter().filter(|h| h.kind == "document").count()) {
                hidden += 1;
            } else {
                hits.push(Hit {
                    kind: "document",
                    excerpt: best_excerpt(&texts, &terms),
                    organisation: d.author.clone(),
                    name: format!("{} ({})", d.title, d.language),
                    id: d.id,
                    how: None,
                });
            }
        }
    }
    if wants(Scope::Events) {
        for e in db::events::list(db.conn(), &db::events::Filter::default())? {
            let mut texts: Vec<&str> = vec![&e.name];
            texts.extend(e.outcome.as_deref());
            texts.extend(e.city.as_deref());
            if !matches(&texts) {
                continue;
            }
            if full(hits.iter().filter(|h| h.kind == "event").count()) {
                hidden += 1;
            } else {
                hits.push(Hit {
                    kind: "event",
                    excerpt: best_excerpt(&texts, &terms),
                    organisation: Some(
                        e.organisations
                            .iter()
                            .map(|o| o.handle.clone())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    name: format!("{} ({})", e.name, e.starts),
                    id: e.id,
                    how: None,
                });
            }
        }
    }
    print(ctx, &hits, &text)?;
    if at_least {
        super::more_than(ctx, hidden, super::ALL)
    } else {
        super::more(ctx, hits.len(), hits.len() + hidden, super::ALL)
    }
}

fn print(ctx: &mut Ctx, hits: &[Hit], text: &str) -> Result<()> {
    match ctx.format() {
        Format::Json => ctx.out.json(hits),
        Format::Csv => {
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| {
                    vec![
                        h.kind.into(),
                        h.id.clone(),
                        h.organisation.clone().unwrap_or_default(),
                        h.name.clone(),
                        h.excerpt.clone(),
                        h.how.unwrap_or_default().into(),
                    ]
                })
                .collect();
            ctx.out
                .csv(&["type", "id", "organisation", "name", "excerpt", "how"], &rows)
        }
        Format::Table => {
            if hits.is_empty() {
                return ctx.out.line(&format!("nothing matches `{text}`"));
            }
            // How each matched, when one did not match exactly.
            let labelled = hits.iter().any(|h| h.how.is_some());
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| {
                    let mut row = vec![
                        h.kind.into(),
                        h.organisation.clone().unwrap_or_default(),
                        h.name.clone(),
                        h.excerpt.clone(),
                    ];
                    if labelled {
                        row.push(h.how.unwrap_or_default().into());
                    }
                    row.push(short_id(&h.id).into());
                    row
                })
                .collect();
            if labelled {
                ctx.out
                    .table(&["type", "org", "name", "match", "how", "id"], &rows)
            } else {
                ctx.out.table(&["type", "org", "name", "match", "id"], &rows)
            }
        }
    }
}

/// The excerpt of a name or person: for a lookalike, Latin or close match
/// the text that matched so.
fn excerpt_for(q: &Query, how: Option<&str>, texts: &[&str], terms: &[String]) -> String {
    match how {
        Some("lookalike" | "latin spelling" | "close") => texts
            .iter()
            .find(|t| q.against(t).is_some())
            .map(|t| t.to_string())
            .unwrap_or_else(|| best_excerpt(texts, terms)),
        _ => best_excerpt(texts, terms),
    }
}

/// The excerpt of the first text with a matching word, else the first text.
fn best_excerpt(texts: &[&str], terms: &[String]) -> String {
    texts
        .iter()
        .find_map(|t| excerpt(t, terms, 6))
        .unwrap_or_else(|| texts.first().map(|t| t.to_string()).unwrap_or_default())
}
