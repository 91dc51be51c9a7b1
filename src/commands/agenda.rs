//! `liaison agenda`: what needs attention now.

use chrono::{Days, NaiveDate};
use clap::Args;
use serde::Serialize;

use crate::commands::number;
use crate::context::Ctx;
use crate::db;
use crate::error::Result;
use crate::model::task::Task;
use crate::render::{Format, opt};
use crate::text::plural;

/// Overdue follow-ups, follow-ups due soon, and partners going cold (no
/// contact for longer than --cold days).
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Show follow-ups due within this many days
    #[arg(long, default_value_t = 7, value_parser = number::days, allow_negative_numbers = true)]
    pub days: u32,
    /// Show events starting within this many days (a seminar needs
    /// preparing weeks ahead)
    #[arg(long, default_value_t = 30, value_name = "DAYS", value_parser = number::days, allow_negative_numbers = true)]
    pub event_days: u32,
    /// A partner with no contact for more days than this is going cold
    /// [default: the `cold_days` setting, else 90]
    #[arg(long, value_name = "DAYS", value_parser = number::days, allow_negative_numbers = true)]
    pub cold: Option<u32>,
    /// List at most this many in each section (0: all)
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = number::count, allow_negative_numbers = true)]
    pub limit: usize,
    /// Write the follow-ups and events as iCalendar (RFC 5545) for a
    /// calendar program instead: liaison agenda --ical > agenda.ics
    #[arg(long)]
    pub ical: bool,
}

/// A partner with no recent contact.
#[derive(Debug, Serialize)]
pub struct Cold {
    pub handle: String,
    pub name: String,
    pub country: String,
    pub last_contact: Option<NaiveDate>,
    /// Days since the last contact; `null` when never contacted.
    pub days: Option<i64>,
}

/// The agenda, as `agenda --format json` writes it.
#[derive(Debug, Serialize)]
pub struct Agenda {
    pub today: NaiveDate,
    /// The first overdue follow-ups in list order (up to --limit).
    pub overdue: Vec<Task>,
    /// How many follow-ups are overdue in all.
    pub overdue_total: usize,
    pub upcoming: Vec<Task>,
    pub upcoming_total: usize,
    /// The partners silent longest (up to --limit).
    pub going_cold: Vec<Cold>,
    pub going_cold_total: usize,
    /// Events starting within --event-days (30).
    pub events: Vec<crate::model::event::Event>,
}

pub fn run(ctx: &mut Ctx, a: AgendaArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let today = ctx.today();
    let cold_days = match a.cold {
        Some(d) => d,
        None => super::config::cold_days(&db)?,
    };
    let until = today + Days::new(a.days.into());
    let cutoff = today - Days::new(cold_days.into());
    let limit = (a.limit > 0).then_some(a.limit);
    let ((overdue, overdue_total), (upcoming, upcoming_total)) = db.write_unrecorded(|tx| {
        db::tasks::renumber(tx)?;
        let overdue = db::tasks::page(
            tx,
            &db::tasks::Filter {
                due_before: Some(today),
                limit,
                ..Default::default()
            },
        )?;
        let upcoming = db::tasks::page(
            tx,
            &db::tasks::Filter {
                due_from: Some(today),
                due_until: Some(until),
                limit,
                ..Default::default()
            },
        )?;
        Ok((overdue, upcoming))
    })?;
    let going_cold: Vec<Cold> = db::log::going_cold(db.conn(), cutoff, limit)?
        .into_iter()
        .map(|(o, last)| Cold {
            handle: o.handle,
            name: o.name,
            country: o.country,
            days: last.map(|d| (today - d).num_days()),
            last_contact: last,
        })
        .collect();
    let going_cold_total = db::page_total(going_cold.len(), limit, || {
        db::log::going_cold_count(db.conn(), cutoff)
    })?;
    let events = db::events::list(
        db.conn(),
        &db::events::Filter {
            from: Some(today),
            until: Some(today + Days::new(a.event_days.into())),
            ..Default::default()
        },
    )?;
    let agenda = Agenda {
        today,
        overdue,
        overdue_total,
        upcoming,
        upcoming_total,
        going_cold,
        going_cold_total,
        events,
    };
    if a.ical {
        let tasks: Vec<Task> = agenda.overdue.iter().chain(&agenda.upcoming).cloned().collect();
        let text = crate::ical::calendar(&agenda.events, &tasks, ctx.now);
        return ctx.out.raw(&text);
    }
    match ctx.format() {
        Format::Json => ctx.out.json(&agenda),
        Format::Csv => csv(ctx, &agenda),
        Format::Table => text(ctx, &agenda, (a.days, a.event_days), cold_days),
    }
}

fn text(ctx: &mut Ctx, a: &Agenda, (days, event_days): (u32, u32), cold_days: u32) -> Result<()> {
    ctx.out.heading(&format!("Overdue ({})", a.overdue_total))?;
    super::task::print(ctx, &a.overdue, "nothing overdue")?;
    super::more(
        ctx,
        a.overdue.len(),
        a.overdue_total,
        "liaison task list --overdue",
    )?;
    ctx.out.line("")?;
    ctx.out.heading(&format!(
        "Due in the next {} ({})",
        plural(days, "day", "days"),
        a.upcoming_total
    ))?;
    super::task::print(ctx, &a.upcoming, "nothing due")?;
    super::more(ctx, a.upcoming.len(), a.upcoming_total, super::ALL)?;
    ctx.out.line("")?;
    ctx.out.heading(&format!(
        "Events in the next {} ({})",
        plural(event_days, "day", "days"),
        a.events.len()
    ))?;
    super::event::print(ctx, &a.events, "none")?;
    ctx.out.line("")?;
    ctx.out.heading(&format!(
        "Partners going cold: no contact for over {} ({})",
        plural(cold_days, "day", "days"),
        a.going_cold_total
    ))?;
    if a.going_cold.is_empty() {
        return ctx.out.line("none");
    }
    let rows: Vec<Vec<String>> = a
        .going_cold
        .iter()
        .map(|c| {
            vec![
                c.handle.clone(),
                c.name.clone(),
                c.country.clone(),
                opt(&c.last_contact),
                c.days.map_or("never".into(), |d| plural(d, "day", "days")),
            ]
        })
        .collect();
    ctx.out.table(
        &["handle", "name", "country", "last contact", "silent for"],
        &rows,
    )?;
    super::more(ctx, a.going_cold.len(), a.going_cold_total, super::ALL)
}

fn csv(ctx: &mut Ctx, a: &Agenda) -> Result<()> {
    let mut rows = Vec::new();
    for (section, tasks) in [("overdue", &a.overdue), ("upcoming", &a.upcoming)] {
        for t in tasks {
            rows.push(vec![
                section.into(),
                opt(&t.number),
                t.title.clone(),
                opt(&t.organisation),
                opt(&t.due),
            ]);
        }
    }
    for e in &a.events {
        rows.push(vec![
            "event".into(),
            String::new(),
            e.name.clone(),
            String::new(),
            e.starts.to_string(),
        ]);
    }
    for c in &a.going_cold {
        rows.push(vec![
            "going_cold".into(),
            String::new(),
            c.name.clone(),
            c.handle.clone(),
            opt(&c.last_contact),
        ]);
    }
    ctx.out
        .csv(&["section", "number", "title", "organisation", "date"], &rows)?;
    for (shown, total, what) in [
        (a.overdue.len(), a.overdue_total, "overdue"),
        (a.upcoming.len(), a.upcoming_total, "upcoming"),
        (a.going_cold.len(), a.going_cold_total, "going_cold"),
    ] {
        super::more(ctx, shown, total, &format!("{what}; {}", super::ALL))?;
    }
    Ok(())
}
