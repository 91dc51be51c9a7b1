//! What was done on each mandate (objective) in the period: the items
//! under each, so that the leadership reads what was done, with whom and
//! what came of it, and sees a neglected mandate at a glance.

use chrono::NaiveDate;

use super::text::Section;
use super::{Lang, ObjectiveRow, Report};
use crate::db;
use crate::error::Result;

/// Every live objective with its counts and items for the period.
pub fn build(conn: &rusqlite::Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ObjectiveRow>> {
    let contacts = db::objectives::contacts_in(conn, from, to)?;
    let events = db::objectives::events_in(conn, from, to)?;
    let documents = db::objectives::documents_in(conn, from, to)?;
    let follow_ups = db::objectives::open_follow_ups(conn)?;
    let briefings = db::objectives::briefings_in(conn, from, to)?;
    Ok(db::objectives::activity(conn, from, to)?
        .into_iter()
        .map(|a| ObjectiveRow {
            number: a.number,
            title: a.title,
            title_fa: a.title_fa,
            log_entries: a.log_entries,
            event_count: a.events,
            document_count: a.documents,
            contacts: of(&contacts, a.number, |c| c.objective),
            events: of(&events, a.number, |e| e.objective),
            documents: of(&documents, a.number, |d| d.objective),
            open_follow_ups: of(&follow_ups, a.number, |f| f.objective),
            briefings: of(&briefings, a.number, |b| b.objective),
        })
        .collect())
}

/// The items of objective `number`.
fn of<T: Clone>(items: &[T], number: i64, objective: impl Fn(&T) -> i64) -> Vec<T> {
    items.iter().filter(|x| objective(x) == number).cloned().collect()
}

/// What came of an event and the support it won, in one cell.
pub fn outcome_and_support(l: Lang, outcome: Option<&str>, support: Option<&str>) -> String {
    match (outcome, support) {
        // After a full stop the label starts a sentence of its own.
        (Some(o), Some(s)) if o.ends_with(['.', '!', '?']) => {
            format!("{o} {}: {s}", l.t("support_won_sentence"))
        }
        (Some(o), Some(s)) => format!("{o}; {}: {s}", l.t("support_won")),
        (None, Some(s)) => format!("{}: {s}", l.t("support_won")),
        (Some(o), None) => o.to_string(),
        (None, None) => String::new(),
    }
}

/// One section per objective: a row per item (what, when, the item, with
/// whom, what came of it), or "nothing recorded".
pub fn sections(r: &Report, l: Lang) -> Vec<Section> {
    let cal = r.period.calendar;
    let date = |d: NaiveDate| l.date(d, cal);
    let name = |n: &str| r.org_name(l, n);
    let mut out = vec![Section {
        heading: l.t("mandates").to_string(),
        level: 1,
        headers: Vec::new(),
        rows: Vec::new(),
        empty: Some(String::new()),
        figures: false,
        meanings: Vec::new(),
    }];
    for o in &r.objectives {
        let mut rows = Vec::new();
        for c in &o.contacts {
            rows.push(vec![
                l.t("contact").to_string(),
                date(c.date),
                c.subject.clone(),
                l.list(c.partners.iter().map(|p| name(p))),
                String::new(),
            ]);
        }
        for e in &o.events {
            let when = match e.ends {
                Some(end) if end != e.starts => format!("{} – {}", date(e.starts), date(end)),
                _ => date(e.starts),
            };
            let partners = l.list(
                e.partners
                    .iter()
                    .map(|p| format!("{} ({})", name(&p.name), l.t(p.role.as_str()))),
            );
            rows.push(vec![
                format!(
                    "{} ({}: {})",
                    l.t("event"),
                    l.t("our_role"),
                    l.t(e.our_role.as_str())
                ),
                when,
                e.name.clone(),
                partners,
                outcome_and_support(l, e.outcome.as_deref(), e.support_won.as_deref()),
            ]);
        }
        for d in &o.documents {
            let (what, with, result) = if d.direction == "ours" {
                (
                    l.t("our_document"),
                    format!("{} {}", l.num(d.partners_reached), l.t("partners_reached")),
                    l.words(d.languages.iter().map(|x| l.language(x))),
                )
            } else {
                let mut done = Vec::new();
                if d.translated {
                    done.push(l.t("translated"));
                }
                if d.published {
                    done.push(l.t("published"));
                }
                (
                    l.t("received_document"),
                    d.author.as_deref().map(name).unwrap_or_default(),
                    l.words(done.into_iter().map(str::to_string)),
                )
            };
            rows.push(vec![
                what.to_string(),
                date(d.date),
                d.title.clone(),
                with,
                result,
            ]);
        }
        for b in &o.briefings {
            // Who was briefed and where to read it, each a cell's text of
            // its own script rather than mixed into the label.
            let result = [b.audience.as_deref(), b.link.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            rows.push(vec![
                l.t("briefing").to_string(),
                date(b.date),
                b.title.clone(),
                l.list(b.partners.iter().map(|p| name(p))),
                result,
            ]);
        }
        for f in &o.open_follow_ups {
            rows.push(vec![
                l.t("open_follow_up").to_string(),
                f.due.map(date).unwrap_or_default(),
                f.title.clone(),
                f.organisation.as_deref().map(name).unwrap_or_default(),
                String::new(),
            ]);
        }
        out.push(Section {
            heading: format!("{}. {}", l.num(o.number), o.title_in(l)),
            level: 2,
            headers: [l.t("what"), l.t("when"), l.t("item"), l.t("with"), l.t("result")]
                .iter()
                .map(|h| h.to_string())
                .collect(),
            rows,
            empty: Some(l.t("nothing_recorded").to_string()),
            figures: false,
            meanings: Vec::new(),
        });
    }
    out
}
