//! The report as long CSV (`section,key,value,previous`), which a
//! spreadsheet pivots easily.

use super::{Meaning, Report};
use crate::error::Result;

pub fn render(r: &Report) -> Result<String> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut push = |section: &str, key: &str, value: String, previous: String| {
        rows.push([section.to_string(), key.to_string(), value, previous]);
    };
    push(
        "period",
        "from",
        r.period.from.to_string(),
        r.previous.period.from.to_string(),
    );
    push(
        "period",
        "to",
        r.period.to.to_string(),
        r.previous.period.to.to_string(),
    );
    push(
        "period",
        "label",
        r.period.label.clone(),
        r.previous.period.label.clone(),
    );
    push(
        "period",
        "as_of",
        r.period.as_of.to_string(),
        r.previous.period.as_of.to_string(),
    );
    for f in r.totals.beside(&r.previous.totals) {
        push("totals", f.key, f.value.to_string(), f.previous.to_string());
    }
    // Whether each change is good or bad news (a spreadsheet has no colour).
    for (k, c) in &r.changes.0 {
        let meaning = match c.meaning {
            Meaning::Good => "good",
            Meaning::Bad => "bad",
            Meaning::None => "none",
        };
        push("meaning", k, meaning.to_string(), String::new());
    }
    for x in &r.by_region {
        push(
            "region_contacts",
            &x.region,
            x.contacts.to_string(),
            x.previous_contacts.to_string(),
        );
        push(
            "region_organisations",
            &x.region,
            x.organisations.to_string(),
            String::new(),
        );
    }
    for x in &r.by_country {
        push(
            "country_contacts",
            &x.country,
            x.contacts.to_string(),
            x.previous_contacts.to_string(),
        );
        push(
            "country_organisations",
            &x.country,
            x.organisations.to_string(),
            String::new(),
        );
    }
    for x in &r.by_channel {
        push(
            "channel",
            &x.channel,
            x.contacts.to_string(),
            x.previous_contacts.to_string(),
        );
    }
    for x in &r.by_direction {
        push(
            "direction",
            &x.direction,
            x.contacts.to_string(),
            x.previous_contacts.to_string(),
        );
    }
    for g in &r.groups {
        let section = format!("group_{}", g.handle);
        push(
            &section,
            "contacts",
            g.contacts.to_string(),
            g.previous_contacts.to_string(),
        );
        push(
            &section,
            "organisations_contacted",
            g.organisations_contacted.to_string(),
            g.previous_organisations_contacted.to_string(),
        );
        push(
            &section,
            "organisations_reached",
            g.organisations_reached.to_string(),
            g.previous_organisations_reached.to_string(),
        );
        for x in &g.going_cold {
            push(
                &section,
                &format!("going_cold:{}", x.handle),
                x.last_contact.map(|d| d.to_string()).unwrap_or_default(),
                String::new(),
            );
        }
    }
    for x in &r.top_partners {
        push("top_partners", &x.handle, x.contacts.to_string(), String::new());
    }
    for x in &r.going_cold {
        push(
            "going_cold",
            &x.handle,
            x.last_contact.map(|d| d.to_string()).unwrap_or_default(),
            String::new(),
        );
    }
    for e in &r.events {
        push("event", &e.name, e.our_role.to_string(), e.starts.to_string());
        if let Some(s) = &e.support_won {
            push("event_support_won", &e.name, s.clone(), String::new());
        }
    }
    for d in &r.documents_by_language {
        push(
            "document_copies",
            &d.language,
            d.copies.to_string(),
            String::new(),
        );
    }
    // A publication: its title by date, with its language, author and link.
    for p in &r.published {
        let from = match (&p.author, p.direction.as_str()) {
            (Some(a), _) => a.clone(),
            (None, d) => d.to_string(),
        };
        push(
            "published",
            &p.date.to_string(),
            p.title.clone(),
            [
                p.language.as_str(),
                from.as_str(),
                p.link.as_deref().unwrap_or(""),
            ]
            .join("; "),
        );
    }
    for o in &r.objectives {
        push(
            "objective_log_entries",
            &o.number.to_string(),
            o.log_entries.to_string(),
            String::new(),
        );
        push(
            "objective_events",
            &o.number.to_string(),
            o.event_count.to_string(),
            String::new(),
        );
        push(
            "objective_documents",
            &o.number.to_string(),
            o.document_count.to_string(),
            String::new(),
        );
        let n = o.number.to_string();
        for c in &o.contacts {
            push(
                "objective_contact",
                &n,
                format!("{} {} ({})", c.date, c.subject, c.partners.join("; ")),
                String::new(),
            );
        }
        for e in &o.events {
            push(
                "objective_event",
                &n,
                format!(
                    "{} {} ({}): {}",
                    e.starts,
                    e.name,
                    e.our_role,
                    super::mandates::outcome_and_support(
                        super::Lang::En,
                        e.outcome.as_deref(),
                        e.support_won.as_deref()
                    )
                ),
                String::new(),
            );
        }
        for d in &o.documents {
            push(
                "objective_document",
                &n,
                format!("{} {} ({})", d.date, d.title, d.direction),
                String::new(),
            );
        }
        for b in &o.briefings {
            push(
                "objective_briefing",
                &n,
                format!("{} {} ({})", b.date, b.title, b.partners.join("; ")),
                b.audience.clone().unwrap_or_default(),
            );
        }
        for f in &o.open_follow_ups {
            push(
                "objective_open_follow_up",
                &n,
                format!("{} {}", f.due.map(|d| d.to_string()).unwrap_or_default(), f.title),
                String::new(),
            );
        }
    }
    for p in r.contact_details.iter().flatten() {
        let details = [p.email.as_deref(), p.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ");
        push(
            "contact",
            &p.name,
            details,
            p.organisation.clone().unwrap_or_default(),
        );
    }
    for x in &r.trend {
        push("month", &x.month, x.contacts.to_string(), String::new());
    }
    let mut out = Vec::new();
    {
        let mut w = crate::csvio::writer(&mut out, false);
        w.write_record(["section", "key", "value", "previous"])?;
        for row in &rows {
            w.write_record(row.iter().map(|c| crate::csvio::sanitize(c).into_owned()))?;
        }
        w.flush()?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}
