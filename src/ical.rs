//! Events and follow-ups as iCalendar (RFC 5545), for the calendar on a
//! phone: events as all-day VEVENTs, follow-ups as VTODOs due on their day.

use chrono::{DateTime, Days, Utc};
use icalendar::{Calendar, Component, EventLike, Todo, TodoStatus};

use crate::model::event::Event;
use crate::model::task::{Priority, Task, TaskStatus};

/// A calendar of `events` and `tasks`, stamped with `now` so that the same
/// database and `LIAISON_NOW` give the same bytes.
pub fn calendar(events: &[Event], tasks: &[Task], now: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name("liaison");
    for e in events {
        let mut v = icalendar::Event::new();
        v.uid(&format!("{}@liaison", e.id))
            .timestamp(now)
            .summary(&e.name)
            .starts(e.starts)
            // DTEND of an all-day event is the day after its last.
            .ends(e.ends.unwrap_or(e.starts) + Days::new(1));
        let place: Vec<&str> = e
            .city
            .iter()
            .chain(e.country.iter())
            .map(String::as_str)
            .collect();
        if !place.is_empty() {
            v.location(&place.join(", "));
        }
        let mut about = vec![format!("{} · our role: {}", e.kind, e.our_role)];
        if !e.organisations.is_empty() {
            let orgs: Vec<String> = e
                .organisations
                .iter()
                .map(|o| format!("{} ({})", o.name, o.role))
                .collect();
            about.push(orgs.join(", "));
        }
        about.extend(e.outcome.clone());
        v.description(&about.join("\n"));
        cal.push(v.done());
    }
    for t in tasks {
        let mut v = Todo::new();
        v.uid(&format!("{}@liaison", t.id))
            .timestamp(now)
            .summary(&t.title);
        if let Some(d) = t.due {
            v.due(d);
        }
        v.priority(match t.priority {
            Priority::High => 1,
            Priority::Normal => 5,
            Priority::Low => 9,
        });
        v.status(match t.status {
            TaskStatus::Open => TodoStatus::NeedsAction,
            TaskStatus::Done => TodoStatus::Completed,
            TaskStatus::Cancelled => TodoStatus::Cancelled,
        });
        let about: Vec<String> = t
            .organisation
            .iter()
            .map(|o| format!("organisation: {o}"))
            .chain(t.notes.clone())
            .collect();
        if !about.is_empty() {
            v.description(&about.join("\n"));
        }
        cal.push(v.done());
    }
    cal.done().to_string()
}
