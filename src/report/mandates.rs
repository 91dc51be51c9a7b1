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
    Ok(db::objectives::activity(conn, from, to)?
        .into_iter()
        .map(
            |(number, title, log_entries, event_count, document_count)| ObjectiveRow {
                number,
                title,
                log_entries,
                event_count,
                document_count,
                contacts: of(&contacts, number, |c| c.objective),
                events: of(&events, number, |e| e.objective),
                documents: of(&documents, number, |d| d.objective),
                open_follow_ups: of(&follow_ups, number, |f| f.objective),
            },
        )
        .collect())
}

/// The items of objective `number`.
fn of<T: Clone>(items: &[T], number: i64, objective: impl Fn(&T) -> i64) -> Vec<T> {
    items.iter().filter(|x| objective(x) == number).cloned().collect()
}

/// One section per objective: a row per item (what, when, the item, with
/// whom, what came of it), or "nothing recorded".
pub fn sections(r: &Report, l: Lang) -> Vec<Section> {
    let cal = r.period.calendar;
    let date = |d: NaiveDate| l.date(d, cal);
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
                c.partners.join("; "),
                String::new(),
            ]);
        }
        for e in &o.events {
            let when = match e.ends {
                Some(end) if end != e.starts => format!("{} – {}", date(e.starts), date(end)),
                _ => date(e.starts),
            };
            let partners = e
                .partners
                .iter()
                .map(|p| format!("{} ({})", p.name, l.t(&p.role)))
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(vec![
                format!("{} ({}: {})", l.t("event"), l.t("our_role"), l.t(&e.our_role)),
                when,
                e.name.clone(),
                partners,
                e.outcome.clone().unwrap_or_default(),
            ]);
        }
        for d in &o.documents {
            let (what, with, result) = if d.direction == "ours" {
                (
                    l.t("our_document"),
                    format!("{} {}", l.num(d.partners_reached), l.t("partners_reached")),
                    d.languages.join(", "),
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
                    d.author.clone().unwrap_or_default(),
                    done.join(", "),
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
        for f in &o.open_follow_ups {
            rows.push(vec![
                l.t("open_follow_up").to_string(),
                f.due.map(date).unwrap_or_default(),
                f.title.clone(),
                f.organisation.clone().unwrap_or_default(),
                String::new(),
            ]);
        }
        out.push(Section {
            heading: format!("{}. {}", l.num(o.number), o.title),
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
