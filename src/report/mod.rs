//! The quarterly report: aggregation into plain structs (this file) and
//! one renderer per format (the files beside it). Nothing here prints.

mod change;
mod csv;
mod html;
mod labels;
mod mandates;
mod text;

use chrono::{Days, NaiveDate};
use serde::Serialize;

pub use change::{Better, Changes, Figure, Meaning};
pub use labels::Lang;

use crate::calendar::{self, Calendar};
use crate::db;
use crate::error::Result;
use crate::model::country;
use crate::model::event::OurRole;

/// The reporting period.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub label: String,
    pub calendar: Calendar,
    /// The day "at the end of the period" means: `to`, or the report's
    /// `as_of` day for a period that has not ended (nothing is overdue
    /// before it is due).
    pub as_of: NaiveDate,
}

impl Period {
    /// The period from `from` to `to`, as it stands on `as_of`.
    pub fn new(
        from: NaiveDate,
        to: NaiveDate,
        label: String,
        calendar: Calendar,
        as_of: NaiveDate,
    ) -> Period {
        Period {
            from,
            to,
            label,
            calendar,
            as_of: to.min(as_of),
        }
    }

    /// Whether the period had not ended on the day the report describes.
    pub fn open(&self) -> bool {
        self.as_of < self.to
    }
}

/// Headline figures of a period.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Totals {
    pub contacts: i64,
    /// Organisations with a log entry in the period.
    pub organisations_contacted: i64,
    /// Organisations contacted or sent a document in the period.
    pub organisations_reached: i64,
    /// Organisations whose first contact (or the day the tie began, when
    /// recorded) falls in the period.
    pub new_ties: i64,
    /// Organisation records added in the period, whatever their history.
    pub organisations_added: i64,
    pub people_met: i64,
    /// Events that began in the period.
    pub events: i64,
    /// Briefings of our members in the period (internal: not contacts).
    pub briefings: i64,
    /// Our documents sent in the period (a translation is a copy of its
    /// original, not another document).
    pub documents_sent: i64,
    /// Copies of them sent: one per organisation and language.
    pub copies_sent: i64,
    /// The languages of those copies.
    pub languages: i64,
    /// Follow-ups opened in the period: on the date of the log entry they
    /// were made from, else on the day they were added.
    pub tasks_opened: i64,
    pub tasks_done: i64,
    pub tasks_overdue: i64,
    /// Partners with no contact in the period (see `going_cold`).
    pub partners_going_cold: i64,
}

impl Totals {
    /// Each figure beside the same figure of `other`, in reading order.
    pub fn beside(&self, other: &Totals) -> Vec<Figure> {
        let (t, p) = (self, other);
        let figure = |key, value, previous, better| Figure {
            key,
            value,
            previous,
            better,
        };
        use Better::{Down, Neither, Up};
        vec![
            figure("contacts", t.contacts, p.contacts, Up),
            figure(
                "organisations_contacted",
                t.organisations_contacted,
                p.organisations_contacted,
                Up,
            ),
            figure(
                "organisations_reached",
                t.organisations_reached,
                p.organisations_reached,
                Up,
            ),
            figure("new_ties", t.new_ties, p.new_ties, Up),
            figure(
                "organisations_added",
                t.organisations_added,
                p.organisations_added,
                Neither,
            ),
            figure("people_met", t.people_met, p.people_met, Up),
            figure("events", t.events, p.events, Up),
            figure("briefings", t.briefings, p.briefings, Up),
            figure("documents_sent", t.documents_sent, p.documents_sent, Up),
            figure("copies_sent", t.copies_sent, p.copies_sent, Up),
            figure("languages", t.languages, p.languages, Up),
            figure("tasks_opened", t.tasks_opened, p.tasks_opened, Neither),
            figure("tasks_done", t.tasks_done, p.tasks_done, Up),
            figure("tasks_overdue", t.tasks_overdue, p.tasks_overdue, Down),
            figure(
                "partners_going_cold",
                t.partners_going_cold,
                p.partners_going_cold,
                Down,
            ),
        ]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Previous {
    pub period: Period,
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionRow {
    pub region: String,
    pub contacts: i64,
    pub organisations: i64,
    pub previous_contacts: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryRow {
    pub country: String,
    pub name: String,
    #[serde(skip)]
    pub name_fa: String,
    pub contacts: i64,
    pub organisations: i64,
    pub previous_contacts: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelRow {
    pub channel: String,
    pub contacts: i64,
    pub previous_contacts: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DirectionRow {
    pub direction: String,
    pub contacts: i64,
    pub previous_contacts: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerRow {
    pub handle: String,
    pub name: String,
    pub country: String,
    pub contacts: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColdRow {
    pub handle: String,
    pub name: String,
    pub country: String,
    pub last_contact: Option<NaiveDate>,
}

/// One of the office's groups marked for the report: its contacts, the
/// organisations in it reached, and its partners going cold.
#[derive(Debug, Clone, Serialize)]
pub struct GroupSection {
    pub handle: String,
    pub name: String,
    pub name_fa: Option<String>,
    /// Log entries with an organisation of the group.
    pub contacts: i64,
    pub previous_contacts: i64,
    pub organisations_contacted: i64,
    pub previous_organisations_contacted: i64,
    /// Organisations of the group contacted or sent a document.
    pub organisations_reached: i64,
    pub previous_organisations_reached: i64,
    pub going_cold: Vec<ColdRow>,
}

impl GroupSection {
    /// The group's name in the report's language.
    pub fn name_in(&self, l: Lang) -> &str {
        match (l, &self.name_fa) {
            (Lang::Fa, Some(fa)) => fa,
            _ => &self.name,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUpRow {
    pub organisation: Option<String>,
    pub title: String,
    pub due: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// A person met in the period and how to reach them (only with
/// `--include-contact-details`).
#[derive(Debug, Clone, Serialize)]
pub struct ContactRow {
    pub name: String,
    /// Their name in Persian, when they have one.
    pub name_fa: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub messaging: Vec<String>,
}

/// An event of the period and our part in it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub name: String,
    pub starts: NaiveDate,
    pub our_role: OurRole,
    pub country: Option<String>,
    /// What came of it (agreements, statements).
    pub outcome: Option<String>,
    /// What support it won.
    pub support_won: Option<String>,
}

/// Copies of our documents sent in one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageRow {
    pub language: String,
    pub copies: i64,
}

/// What was done for one objective (a mandate) in the period: the
/// counts, and the items themselves.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveRow {
    pub number: i64,
    pub title: String,
    /// The title in Persian, when it has one.
    pub title_fa: Option<String>,
    pub log_entries: i64,
    pub event_count: i64,
    pub document_count: i64,
    pub contacts: Vec<MandateContact>,
    pub events: Vec<MandateEvent>,
    pub documents: Vec<MandateDocument>,
    /// Follow-ups still open (as of the report's day) from contacts made
    /// for it, whenever they were made.
    pub open_follow_ups: Vec<MandateFollowUp>,
    /// Briefings of our members made for it in the period.
    pub briefings: Vec<MandateBriefing>,
}

impl ObjectiveRow {
    /// Whether nothing at all was recorded for it.
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
            && self.events.is_empty()
            && self.documents.is_empty()
            && self.open_follow_ups.is_empty()
            && self.briefings.is_empty()
    }
}

/// The items listed under a mandate: the rows the database gives, as
/// they are (the JSON contract of `objectives[]`).
pub use crate::db::objectives::{
    EventPartner, ObjectiveBriefing as MandateBriefing, ObjectiveContact as MandateContact,
    ObjectiveDocument as MandateDocument, ObjectiveEvent as MandateEvent,
    ObjectiveFollowUp as MandateFollowUp,
};

/// Contacts in one month of the report's calendar.
#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    pub month: String,
    pub contacts: i64,
}

/// The whole report, as `--format json` writes it.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub period: Period,
    /// The day the report describes the world as of (pinned by LIAISON_NOW).
    pub as_of: NaiveDate,
    pub totals: Totals,
    pub previous: Previous,
    /// Each headline figure's change against the previous period, and
    /// whether it is good or bad news.
    pub changes: Changes,
    pub by_region: Vec<RegionRow>,
    /// A section per group the office marked for the report.
    pub groups: Vec<GroupSection>,
    pub by_country: Vec<CountryRow>,
    pub by_channel: Vec<ChannelRow>,
    pub by_direction: Vec<DirectionRow>,
    pub top_partners: Vec<PartnerRow>,
    pub going_cold: Vec<ColdRow>,
    pub follow_ups_done: Vec<FollowUpRow>,
    pub follow_ups_overdue: Vec<FollowUpRow>,
    /// Contacts per month over the last twelve months of the period.
    pub trend: Vec<MonthRow>,
    pub events: Vec<EventRow>,
    /// Copies of our documents sent, per language.
    pub documents_by_language: Vec<LanguageRow>,
    /// Documents published on our own website in the period.
    pub published: Vec<crate::db::documents::Publication>,
    /// Activity per objective (the congress mandates).
    pub objectives: Vec<ObjectiveRow>,
    /// Organisations' Persian names by their English names, for the
    /// Persian report.
    #[serde(skip)]
    pub names_fa: std::collections::BTreeMap<String, String>,
    /// People met and their contact details: present only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_details: Option<Vec<ContactRow>>,
}

/// How many partners "most engaged" lists.
const TOP: usize = 10;

/// Builds a report for `period` compared with `previous`; personal contact
/// details are read only when `with_contacts` is set.
pub fn build(
    conn: &rusqlite::Connection,
    period: Period,
    previous: Period,
    as_of: NaiveDate,
    with_contacts: bool,
) -> Result<Report> {
    let (from, to) = (period.from, period.to);
    let (pfrom, pto) = (previous.from, previous.to);
    let mut totals = totals_of(conn, &period)?;
    let mut previous_totals = totals_of(conn, &previous)?;
    let places = db::report::places(conn)?;
    let now = Links::of(&db::report::links(conn, from, to)?, &places);
    let before = Links::of(&db::report::links(conn, pfrom, pto)?, &places);
    totals.organisations_contacted = now.per_org.len() as i64;
    previous_totals.organisations_contacted = before.per_org.len() as i64;
    let sent_now = db::report::sent_to(conn, from, to)?;
    let sent_before = db::report::sent_to(conn, pfrom, pto)?;
    totals.organisations_reached = now.reached(sent_now.clone());
    previous_totals.organisations_reached = before.reached(sent_before.clone());
    let by_region = now
        .rows(|p| p.region.clone())
        .into_iter()
        .map(|(region, contacts, organisations)| RegionRow {
            previous_contacts: before.contacts(|p| p.region == region),
            region,
            contacts,
            organisations,
        })
        .collect();
    let by_country = now
        .rows(|p| p.country.clone())
        .into_iter()
        .map(|(code, contacts, organisations)| {
            let c = country::by_code(&code);
            CountryRow {
                previous_contacts: before.contacts(|p| p.country == code),
                name: c.as_ref().map_or_else(|| code.clone(), |c| c.name.clone()),
                name_fa: c.map_or_else(|| code.clone(), |c| c.name_fa),
                country: code,
                contacts,
                organisations,
            }
        })
        .collect();
    let prev_channels = db::report::by_log_column(conn, false, pfrom, pto)?;
    let by_channel = db::report::by_log_column(conn, false, from, to)?
        .into_iter()
        .map(|(channel, contacts)| ChannelRow {
            previous_contacts: count_for(&prev_channels, &channel),
            channel,
            contacts,
        })
        .collect();
    let prev_directions = db::report::by_log_column(conn, true, pfrom, pto)?;
    let by_direction = db::report::by_log_column(conn, true, from, to)?
        .into_iter()
        .map(|(direction, contacts)| DirectionRow {
            previous_contacts: count_for(&prev_directions, &direction),
            direction,
            contacts,
        })
        .collect();
    let top_partners = now.top(TOP);
    previous_totals.partners_going_cold = db::report::silent_partners(conn, pfrom, pto)?.len() as i64;
    let going_cold: Vec<ColdRow> = db::report::silent_partners(conn, from, to)?
        .into_iter()
        .map(|p| ColdRow {
            handle: p.handle,
            name: p.name,
            country: p.country,
            last_contact: p.last_contact,
        })
        .collect();
    totals.partners_going_cold = going_cold.len() as i64;
    let groups = group_sections(
        conn,
        &places,
        (&now, &before),
        (&sent_now, &sent_before),
        &going_cold,
    )?;
    let follow = |overdue| -> Result<Vec<FollowUpRow>> {
        let to = if overdue { period.as_of } else { to };
        Ok(db::report::follow_ups(conn, from, to, overdue)?
            .into_iter()
            .map(|f| FollowUpRow {
                organisation: f.organisation,
                title: f.title,
                due: f.due,
                done_on: f.done_on,
            })
            .collect())
    };
    let follow_ups_done = follow(false)?;
    let follow_ups_overdue = follow(true)?;
    let trend = trend(conn, to, period.calendar)?;
    let events = db::events::in_period(conn, from, to)?
        .into_iter()
        .map(|e| EventRow {
            name: e.name,
            starts: e.starts,
            our_role: e.our_role,
            country: e.country,
            outcome: e.outcome,
            support_won: e.support_won,
        })
        .collect();
    let documents_by_language = db::documents::sent_by_language(conn, from, to)?
        .into_iter()
        .map(|(language, copies)| LanguageRow { language, copies })
        .collect();
    let objectives = mandates::build(conn, from, to)?;
    let contact_details = if with_contacts {
        let rows = db::report::people_met(conn, from, to)?;
        Some(
            rows.into_iter()
                .map(|p| ContactRow {
                    name: p.name,
                    name_fa: p.name_fa,
                    organisation: p.organisation,
                    email: p.email,
                    phone: p.phone,
                    messaging: serde_json::from_str(&p.messaging).unwrap_or_default(),
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(Report {
        changes: Changes::of(&totals.beside(&previous_totals)),
        totals,
        previous: Previous {
            period: previous,
            totals: previous_totals,
        },
        period,
        as_of,
        by_region,
        groups,
        by_country,
        by_channel,
        by_direction,
        top_partners,
        going_cold,
        follow_ups_done,
        follow_ups_overdue,
        trend,
        events,
        documents_by_language,
        published: db::documents::published_in(conn, from, to)?,
        objectives,
        contact_details,
        names_fa: db::report::names_fa(conn)?,
    })
}

impl Report {
    /// An organisation's name in the report's language: its Persian name
    /// in Persian when it has one, else the name as stored.
    pub fn org_name(&self, l: Lang, name: &str) -> String {
        match (l, self.names_fa.get(name)) {
            (Lang::Fa, Some(fa)) => fa.clone(),
            _ => name.to_string(),
        }
    }
}

impl ObjectiveRow {
    /// The objective's title in the report's language.
    pub fn title_in(&self, l: Lang) -> &str {
        match (l, &self.title_fa) {
            (Lang::Fa, Some(fa)) => fa,
            _ => &self.title,
        }
    }
}

/// A section for each group marked for the report, counted from the
/// same links as the whole report.
fn group_sections(
    conn: &rusqlite::Connection,
    places: &std::collections::HashMap<String, db::report::Place>,
    (now, before): (&Links, &Links),
    (sent_now, sent_before): (&[String], &[String]),
    going_cold: &[ColdRow],
) -> Result<Vec<GroupSection>> {
    use std::collections::HashSet;
    let memberships = db::groups::memberships(conn)?;
    let mut out = Vec::new();
    for g in db::groups::list(conn)?.into_iter().filter(|g| g.in_report) {
        let ids: HashSet<&str> = memberships
            .iter()
            .filter(|(_, group)| *group == g.id)
            .map(|(org, _)| org.as_str())
            .collect();
        let handles: HashSet<&str> = ids
            .iter()
            .filter_map(|id| places.get(*id))
            .map(|p| p.handle.as_str())
            .collect();
        let contacted = |links: &Links| {
            links
                .per_org
                .keys()
                .filter(|id| ids.contains(id.as_str()))
                .count() as i64
        };
        let reached = |links: &Links, sent: &[String]| {
            let mut all: HashSet<&str> = links.per_org.keys().map(String::as_str).collect();
            all.extend(sent.iter().map(String::as_str));
            all.retain(|id| ids.contains(id));
            all.len() as i64
        };
        out.push(GroupSection {
            contacts: now.contacts(|p| handles.contains(p.handle.as_str())),
            previous_contacts: before.contacts(|p| handles.contains(p.handle.as_str())),
            organisations_contacted: contacted(now),
            previous_organisations_contacted: contacted(before),
            organisations_reached: reached(now, sent_now),
            previous_organisations_reached: reached(before, sent_before),
            going_cold: going_cold
                .iter()
                .filter(|c| handles.contains(c.handle.as_str()))
                .cloned()
                .collect(),
            handle: g.handle,
            name: g.name,
            name_fa: g.name_fa,
        });
    }
    Ok(out)
}

fn totals_of(conn: &rusqlite::Connection, period: &Period) -> Result<Totals> {
    let (from, to) = (period.from, period.to);
    let c = db::report::counts(conn, from, to, period.as_of)?;
    let sent = db::documents::sent_in_period(conn, from, to)?;
    Ok(Totals {
        contacts: c.contacts,
        organisations_contacted: 0,
        organisations_reached: 0,
        new_ties: c.new_ties,
        organisations_added: c.organisations_added,
        people_met: c.people_met,
        events: db::events::in_period(conn, from, to)?.len() as i64,
        briefings: db::briefings::in_period(conn, from, to)?.len() as i64,
        documents_sent: sent.documents,
        copies_sent: sent.copies,
        languages: sent.languages,
        tasks_opened: c.tasks_opened,
        tasks_done: c.tasks_done,
        tasks_overdue: c.tasks_overdue,
        partners_going_cold: 0,
    })
}

/// The period's links between entries and organisations, with each
/// organisation's place: regions, countries and the most engaged partners
/// are counted from these in memory, exactly (an entry with two
/// organisations of one region counts once for it).
struct Links<'p> {
    /// (entry, organisation) pairs.
    pairs: Vec<(String, &'p db::report::Place)>,
    /// Entries per organisation ID.
    per_org: std::collections::HashMap<String, (i64, &'p db::report::Place)>,
}

impl<'p> Links<'p> {
    fn of(
        links: &[(String, String)],
        places: &'p std::collections::HashMap<String, db::report::Place>,
    ) -> Links<'p> {
        let mut pairs = Vec::with_capacity(links.len());
        let mut per_org: std::collections::HashMap<String, (i64, &db::report::Place)> =
            std::collections::HashMap::new();
        for (entry, org) in links {
            let Some(place) = places.get(org) else { continue };
            pairs.push((entry.clone(), place));
            per_org.entry(org.clone()).or_insert((0, place)).0 += 1;
        }
        Links { pairs, per_org }
    }

    /// (key, entries, organisations) per key, most entries first.
    fn rows(&self, key: impl Fn(&db::report::Place) -> String) -> Vec<(String, i64, i64)> {
        use std::collections::{BTreeMap, HashSet};
        let mut groups: BTreeMap<String, (HashSet<&str>, HashSet<&str>)> = BTreeMap::new();
        for (entry, place) in &self.pairs {
            let g = groups.entry(key(place)).or_default();
            g.0.insert(entry.as_str());
            g.1.insert(place.handle.as_str());
        }
        let mut rows: Vec<(String, i64, i64)> = groups
            .into_iter()
            .map(|(k, (e, o))| (k, e.len() as i64, o.len() as i64))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }

    /// How many organisations were contacted or sent a copy (`sent_to`).
    fn reached(&self, sent_to: Vec<String>) -> i64 {
        let mut all: std::collections::HashSet<&str> = self.per_org.keys().map(String::as_str).collect();
        all.extend(sent_to.iter().map(String::as_str));
        all.len() as i64
    }

    /// Entries with some organisation matching `pred`.
    fn contacts(&self, pred: impl Fn(&db::report::Place) -> bool) -> i64 {
        let entries: std::collections::HashSet<&str> = self
            .pairs
            .iter()
            .filter(|(_, p)| pred(p))
            .map(|(e, _)| e.as_str())
            .collect();
        entries.len() as i64
    }

    /// The `n` organisations with most entries, ties by name.
    fn top(&self, n: usize) -> Vec<PartnerRow> {
        let mut all: Vec<&(i64, &db::report::Place)> = self.per_org.values().collect();
        all.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.sort_key.cmp(&b.1.sort_key))
                .then_with(|| a.1.handle.cmp(&b.1.handle))
        });
        all.into_iter()
            .take(n)
            .map(|(count, p)| PartnerRow {
                handle: p.handle.clone(),
                name: p.name.clone(),
                country: p.country.clone(),
                contacts: *count,
            })
            .collect()
    }
}

/// The count `rows` hold for `key`, or 0.
fn count_for(rows: &[(String, i64)], key: &str) -> i64 {
    rows.iter().find(|r| r.0 == key).map_or(0, |r| r.1)
}

/// Contacts per month (of the report's calendar) for the twelve months
/// ending with the period's last month, empty months included.
fn trend(conn: &rusqlite::Connection, to: NaiveDate, cal: Calendar) -> Result<Vec<MonthRow>> {
    let mut months: Vec<((i32, u8), i64)> = Vec::new();
    let (mut y, mut m) = calendar::month_of(to, cal);
    for _ in 0..12 {
        months.push(((y, m), 0));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    months.reverse();
    let from = to.checked_sub_days(Days::new(380)).unwrap_or(to);
    for (day, n) in db::report::per_day(conn, from, to)? {
        let key = calendar::month_of(day, cal);
        if let Some(slot) = months.iter_mut().find(|(k, _)| *k == key) {
            slot.1 += n;
        }
    }
    Ok(months
        .into_iter()
        .map(|((y, m), contacts)| MonthRow {
            month: format!("{y:04}-{m:02}"),
            contacts,
        })
        .collect())
}

/// An output format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Md,
    Html,
    Csv,
    Json,
}

impl ReportFormat {
    /// The format a file name's extension asks for.
    pub fn from_extension(path: &std::path::Path) -> Option<ReportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(ReportFormat::Text),
            "md" | "markdown" => Some(ReportFormat::Md),
            "html" | "htm" => Some(ReportFormat::Html),
            "csv" => Some(ReportFormat::Csv),
            "json" => Some(ReportFormat::Json),
            _ => None,
        }
    }
}

/// Renders the report; `color` and `width` (the width its tables fit)
/// only affect the text format.
pub fn render(
    r: &Report,
    format: ReportFormat,
    lang: Lang,
    color: bool,
    width: Option<usize>,
) -> Result<String> {
    Ok(match format {
        ReportFormat::Text => text::render(r, lang, text::Style::Text { color, width }),
        ReportFormat::Md => text::render(r, lang, text::Style::Markdown),
        ReportFormat::Html => html::render(r, lang),
        ReportFormat::Csv => csv::render(r)?,
        ReportFormat::Json => serde_json::to_string_pretty(r)? + "\n",
    })
}
