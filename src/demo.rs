//! The sample database of `liaison demo`: real parties, unions and
//! movements across the regions the office works with, with names in their
//! own scripts and people at some of them.

use chrono::NaiveDate;
use rusqlite::Transaction;
use serde::Deserialize;

use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::org::{Org, OrgKind, OrgStatus};
use crate::model::person::Person;
use crate::model::{Sensitivity, country};

/// A sample organisation, as `demo/orgs.json` lists it; a missing text is
/// empty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgSeed {
    handle: String,
    name: String,
    #[serde(default)]
    native_name: String,
    #[serde(default)]
    aliases: Vec<String>,
    country: String,
    kind: String,
    status: String,
    /// A date (YYYY-MM-DD), or empty.
    #[serde(default)]
    since: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    website: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    notes: String,
}

/// A sample person, as `demo/people.json` lists them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonSeed {
    name: String,
    #[serde(default)]
    native_name: String,
    /// Their name as the Persian report writes it.
    #[serde(default)]
    name_fa: String,
    /// The handle of their organisation.
    organisation: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    notes: String,
}

const ORGS: &str = include_str!("demo/orgs.json");
const PEOPLE: &str = include_str!("demo/people.json");

/// Reads one of the sample data files built into the program.
fn seeds<T: serde::de::DeserializeOwned>(name: &str, json: &str) -> Result<Vec<T>> {
    serde_json::from_str(json).map_err(|e| Error::internal(format!("the demo's {name} do not read: {e}")))
}

/// Writes the sample organisations and people; returns their counts.
pub fn build(tx: &Transaction, now: &str, today: NaiveDate) -> Result<(usize, usize)> {
    let orgs: Vec<OrgSeed> = seeds("organisations", ORGS)?;
    let people: Vec<PersonSeed> = seeds("people", PEOPLE)?;
    for (i, row) in orgs.iter().enumerate() {
        // Spread over the last year, so some organisations are new in a
        // quarter.
        let added = today - chrono::Days::new((i as u64 * 29) % 360);
        tx_org(tx, row, &format!("{added}T09:00:00Z"))?;
    }
    for (i, seed) in people.iter().enumerate() {
        let org_id = db::orgs::by_handle(tx, &seed.organisation)?.map(|(o, _)| o.id);
        let p = Person {
            id: new_id(),
            name: seed.name.clone(),
            native_name: some(&seed.native_name),
            name_fa: some(&seed.name_fa),
            organisation: Some(seed.organisation.clone()),
            role: some(&seed.role),
            email: None,
            phone: None,
            messaging: Vec::new(),
            languages: seed.languages.clone(),
            notes: some(&seed.notes),
            do_not_contact: false,
            sensitivity: if i == 6 {
                Sensitivity::Secret
            } else {
                Sensitivity::Normal
            },
            created_at: now.to_string(),
            updated_at: now.to_string(),
            org_id,
        };
        db::people::insert(tx, &p)?;
    }
    build_groups(tx, now)?;
    Ok((orgs.len(), people.len()))
}

/// A sample group of the office's own, as `demo/groups.json` lists it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSeed {
    handle: String,
    name: String,
    name_fa: String,
    /// Whether the quarterly report gives it a section.
    in_report: bool,
    /// Handles of its organisations.
    members: Vec<String>,
}

const GROUPS: &str = include_str!("demo/groups.json");

/// The office's own groups: Iran's neighbours (three UN sub-regions),
/// with a section in the report, and Kurdistan, across borders.
fn build_groups(tx: &Transaction, now: &str) -> Result<()> {
    for seed in seeds::<GroupSeed>("groups", GROUPS)? {
        let mut g = crate::model::group::Group::new(new_id(), seed.name.clone(), now);
        g.handle = seed.handle;
        g.name_fa = some(&seed.name_fa);
        g.in_report = seed.in_report;
        db::groups::insert(tx, &g)?;
        for m in &seed.members {
            let Some((r, _)) = db::orgs::by_handle(tx, m)? else {
                continue;
            };
            if let Some(mut org) = db::orgs::get(tx, &r.id)? {
                org.groups.push(g.name.clone());
                db::orgs::update(tx, &org)?;
            }
        }
    }
    Ok(())
}

/// Subjects and summaries of the sample log, in the office's words.
const CONTACTS: &[(&str, &str)] = &[
    (
        "Sent English translation of our statement",
        "No answer yet; follow up.",
    ),
    (
        "News from their party congress",
        "They shared their resolution on the regional war; to be summarised for members.",
    ),
    (
        "Exchange of analyses on the region",
        "Agreed to exchange publications every quarter, 50% in English.",
    ),
    (
        "Request for speaker at conference",
        "They agreed to publish our statement in their weekly paper.",
    ),
    (
        "Invitation to joint seminar",
        "Meeting at their office.\nPresent: two members of their international department.\nAgreed on a joint seminar in spring.",
    ),
    (
        "Report on wage arrears in Khuzestan",
        "Discussed the situation of teachers' strikes; they asked for a written report.",
    ),
    (
        "Solidarity message for May Day",
        "Letter of solidarity received, signed by their central committee.",
    ),
    (
        "Statement on the oil workers' strike",
        "Asked about the situation of imprisoned labour activists; sent a list.",
    ),
    (
        "Coordination for the demonstration in Brussels",
        "Short call. Will send the Arabic version next week.",
    ),
];

/// Follow-ups the sample log creates.
const FOLLOW_UPS: &[&str] = &[
    "Send report on strikes",
    "Reply to their invitation",
    "Confirm speaker",
    "Send English translation",
    "Send Arabic translation of the statement",
];

/// A small deterministic generator, so every demo shows the same story.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Writes a year of contacts up to `today` and their follow-ups, some
/// overdue; returns the counts of entries and tasks.
pub fn build_log(tx: &Transaction, today: NaiveDate, now: &str) -> Result<(usize, usize)> {
    use crate::model::log::{Channel, Direction, LogEntry};
    use crate::model::task::{Priority, Task, TaskStatus};
    // The most engaged partners come first and get most contacts; `cpb`
    // and `ptb` are left without recent contact, so they go cold.
    let weighted = [
        ("kcp", 8),
        ("icp", 7),
        ("kke", 6),
        ("pcp", 5),
        ("haft-tappeh", 5),
        ("disk", 4),
        ("tkp", 4),
        ("lcp", 3),
        ("vahed", 3),
        ("wftu", 3),
        ("akel", 2),
        ("cpim", 2),
        ("scp", 2),
        ("awsn", 1),
        ("komala", 1),
        ("ppp", 1),
    ];
    let mut pool = Vec::new();
    let mut people: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for (h, w) in weighted {
        let id = db::orgs::by_handle(tx, h)?.map(|(o, _)| o.id);
        if let Some(id) = id {
            let filter = db::people::Filter {
                org_id: Some(id.clone()),
                ..Default::default()
            };
            people.insert(
                id.clone(),
                db::people::list(tx, &filter)?.into_iter().map(|p| p.id).collect(),
            );
            pool.extend(std::iter::repeat_n((h, id), w));
        }
    }
    let mut rng = Lcg(1917);
    let (mut entries, mut tasks) = (0, 0);
    let mut day = today - chrono::Days::new(365);
    while day <= today {
        day = day + chrono::Days::new(1 + rng.next(4) as u64);
        if day > today {
            break;
        }
        let (handle, org_id) = &pool[rng.next(pool.len())];
        let mut org_ids = vec![org_id.clone()];
        if rng.next(8) == 0 {
            let (_, other) = &pool[rng.next(pool.len())];
            if other != org_id {
                org_ids.push(other.clone());
            }
        }
        let (subject, summary) = CONTACTS[rng.next(CONTACTS.len())];
        let entry = LogEntry {
            id: new_id(),
            date: day,
            time: None,
            channel: Channel::ALL[rng.next(Channel::ALL.len())],
            direction: Direction::ALL[rng.next(Direction::ALL.len())],
            organisations: Vec::new(),
            people: Vec::new(),
            subject: some(subject),
            summary: summary.to_string(),
            tags: Vec::new(),
            objectives: Vec::new(),
            logged_by: Some("secretary".into()),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            // Someone we know there was present at half of the meetings.
            person_ids: people
                .get(org_id)
                .and_then(|p| p.first())
                .filter(|_| rng.next(2) == 0)
                .cloned()
                .into_iter()
                .collect(),
            org_ids,
        };
        db::log::insert(tx, &entry)?;
        entries += 1;
        if rng.next(3) == 0 {
            let due = day + chrono::Days::new(5 + rng.next(25) as u64);
            // Older follow-ups were mostly done; a few slipped.
            let done = due < today && rng.next(5) != 0;
            let task = Task {
                number: None,
                id: new_id(),
                title: FOLLOW_UPS[rng.next(FOLLOW_UPS.len())].to_string(),
                organisation: Some(handle.to_string()),
                origin: Some(entry.id.clone()),
                due: Some(due),
                priority: if rng.next(4) == 0 {
                    Priority::High
                } else {
                    Priority::Normal
                },
                assignee: None,
                status: if done { TaskStatus::Done } else { TaskStatus::Open },
                done_on: if done {
                    Some(due - chrono::Days::new(rng.next(4) as u64))
                } else {
                    None
                },
                notes: None,
                // Opened when the contact it follows happened.
                created_at: format!("{day}T12:00:00Z"),
                updated_at: now.to_string(),
                org_id: Some(org_id.clone()),
            };
            db::tasks::insert(tx, &task, Some(&entry.id))?;
            tasks += 1;
        }
    }
    // Two partners last heard from months ago: they show as going cold.
    for (handle, days_ago, subject) in [
        ("cpb", 160, "Invitation to joint seminar"),
        ("ptb", 205, "Exchange of analyses on the region"),
    ] {
        let Some((org, _)) = db::orgs::by_handle(tx, handle)? else {
            continue;
        };
        let entry = LogEntry {
            id: new_id(),
            date: today - chrono::Days::new(days_ago),
            time: None,
            channel: Channel::Email,
            direction: Direction::Out,
            organisations: Vec::new(),
            people: Vec::new(),
            subject: some(subject),
            summary: "No answer yet; follow up.".into(),
            tags: Vec::new(),
            objectives: Vec::new(),
            logged_by: Some("secretary".into()),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            org_ids: vec![org.id],
            person_ids: Vec::new(),
        };
        db::log::insert(tx, &entry)?;
        entries += 1;
    }
    db::tasks::renumber(tx)?;
    Ok((entries, tasks))
}

/// Persian names of the partners the office writes about most; an Iranian
/// organisation's own name is already Persian.
const NAMES_FA: &[(&str, &str)] = &[
    ("kke", "حزب کمونیست یونان"),
    ("akel", "حزب مترقی زحمتکشان قبرس"),
    ("pcp", "حزب کمونیست پرتغال"),
    ("ptb", "حزب کار بلژیک"),
    ("cpb", "حزب کمونیست بریتانیا"),
    ("tkp", "حزب کمونیست ترکیه"),
    ("disk", "کنفدراسیون سندیکاهای کارگران انقلابی ترکیه"),
    ("icp", "حزب کمونیست عراق"),
    ("kcp", "حزب کمونیست کردستان"),
    ("lcp", "حزب کمونیست لبنان"),
    ("ppp", "حزب مردم فلسطین"),
    ("scp", "حزب کمونیست سودان"),
    ("cpim", "حزب کمونیست هند (مارکسیست)"),
    ("wftu", "فدراسیون جهانی سندیکاها"),
];

fn tx_org(tx: &Transaction, row: &OrgSeed, now: &str) -> Result<()> {
    let (handle, name, native) = (row.handle.as_str(), row.name.as_str(), row.native_name.as_str());
    let c = country::resolve(&row.country)?;
    let name_fa = if c.code == "IR" && native != name {
        some(native)
    } else {
        NAMES_FA.iter().find(|x| x.0 == handle).map(|x| x.1.to_string())
    };
    let org = Org {
        id: new_id(),
        handle: handle.to_string(),
        name: name.to_string(),
        native_name: if native == name { None } else { some(native) },
        name_fa,
        aliases: row.aliases.clone(),
        country: c.code.clone(),
        region: c.region.clone(),
        kind: row.kind.parse::<OrgKind>()?,
        status: row.status.parse::<OrgStatus>()?,
        since: NaiveDate::parse_from_str(&row.since, "%Y-%m-%d").ok(),
        languages: row.languages.clone(),
        website: some(&row.website),
        email: None,
        tags: row.tags.clone(),
        notes: some(&row.notes),
        sensitivity: Sensitivity::Normal,
        created_at: now.to_string(),
        updated_at: now.to_string(),
        region_overridden: false,
        groups: Vec::new(),
        last_contact: None,
    };
    db::orgs::insert(tx, &org)
}

fn some(s: &str) -> Option<String> {
    if s.is_empty() { None } else { Some(s.to_string()) }
}

/// The seven congress mandates, a joint seminar, a strike abroad, and a
/// statement translated into English and Arabic and sent to the partners
/// in each one's language; some log entries serve the mandates.
pub fn build_activity(tx: &Transaction, today: NaiveDate, now: &str) -> Result<()> {
    use crate::model::document::{DocDirection, DocKind, Document, SendChannel, TranslationStatus};
    use crate::model::event::{Event, EventKind, OurRole, PartnerRole};
    let mut objectives = Vec::new();
    for (title, title_fa, description) in crate::model::objective::DEFAULTS {
        let new = db::objectives::NewObjective {
            title,
            title_fa: Some(title_fa),
            description: Some(description),
        };
        let id = new_id();
        db::objectives::insert(tx, &id, &new, now)?;
        objectives.push(id);
    }
    let org = |h: &str| -> Result<String> {
        Ok(db::orgs::by_handle(tx, h)?.map(|(o, _)| o.id).unwrap_or_default())
    };
    let days_ago = |n: u64| today - chrono::Days::new(n);
    let event = |name: &str, kind, starts, city: &str, cc: &str, role, outcome: &str| Event {
        id: new_id(),
        name: name.to_string(),
        kind,
        starts,
        ends: None,
        city: some(city),
        country: some(cc),
        our_role: role,
        organisations: Vec::new(),
        people: Vec::new(),
        objectives: Vec::new(),
        outcome: some(outcome),
        support_won: None,
        created_at: now.to_string(),
        updated_at: now.to_string(),
    };
    let mut seminar = event(
        "Joint seminar on the regional war",
        EventKind::JointSeminar,
        days_ago(75),
        "Athens",
        "GR",
        OurRole::CoOrganiser,
        "Joint declaration adopted by the three parties.",
    );
    seminar.support_won = some("Declaration endorsed by nine more parties");
    db::events::save(tx, &seminar)?;
    for (h, role) in [
        ("kke", PartnerRole::Organiser),
        ("icp", PartnerRole::CoOrganiser),
        ("kcp", PartnerRole::CoOrganiser),
    ] {
        db::events::join(tx, &seminar.id, &org(h)?, role)?;
    }
    db::objectives::link(
        tx,
        db::objectives::LinkTable::Event,
        &seminar.id,
        &[objectives[6].clone(), objectives[2].clone()],
    )?;
    let strike = event(
        "Solidarity with the Haft Tappeh strike",
        EventKind::Strike,
        days_ago(40),
        "Shush",
        "IR",
        OurRole::Participant,
        "Message of support read at the gate.",
    );
    db::events::save(tx, &strike)?;
    db::events::join(tx, &strike.id, &org("haft-tappeh")?, PartnerRole::Organiser)?;
    // Mandate 5: partners' positions brought to our members.
    let briefing = crate::model::briefing::Briefing {
        id: new_id(),
        date: days_ago(70),
        title: "Partners on the regional war".into(),
        summary: some("What KKE, the ICP and the KCP said at the joint seminar."),
        audience: some("Tehran branch"),
        link: None,
        objective: None,
        organisations: Vec::new(),
        created_at: now.to_string(),
        updated_at: now.to_string(),
    };
    db::briefings::save(tx, &briefing, Some(&objectives[4]))?;
    for h in ["kke", "icp", "kcp"] {
        db::briefings::add_org(tx, &briefing.id, &org(h)?)?;
    }
    db::objectives::link(
        tx,
        db::objectives::LinkTable::Event,
        &strike.id,
        &[objectives[3].clone()],
    )?;
    let congress = event(
        "International meeting of workers' parties",
        EventKind::Conference,
        today + chrono::Days::new(5),
        "Lisbon",
        "PT",
        OurRole::Speaker,
        "",
    );
    db::events::save(tx, &congress)?;
    db::events::join(tx, &congress.id, &org("pcp")?, PartnerRole::Organiser)?;

    let statement = Document {
        id: new_id(),
        title: "بیانیه درباره اعتصاب کارگران نفت".into(),
        kind: DocKind::Statement,
        date: days_ago(60),
        language: "fa".into(),
        direction: DocDirection::Ours,
        author: None,
        translation_of: None,
        translation_status: None,
        link: some("https://example.org/fa/oil-strike"),
        notes: None,
        objectives: Vec::new(),
        created_at: now.to_string(),
        updated_at: now.to_string(),
        author_org_id: None,
        published_on: Some(days_ago(59)),
    };
    db::documents::save(tx, &statement)?;
    db::objectives::link(
        tx,
        db::objectives::LinkTable::Document,
        &statement.id,
        &[objectives[1].clone(), objectives[5].clone()],
    )?;
    let mut copies = vec![statement.clone()];
    for (lang, title) in [
        ("en", "Statement on the oil workers' strike"),
        ("ar", "بيان حول إضراب عمال النفط"),
    ] {
        let t = Document {
            id: new_id(),
            title: title.into(),
            language: lang.into(),
            translation_of: Some(statement.id.clone()),
            translation_status: Some(TranslationStatus::Published),
            link: some(&format!("https://example.org/{lang}/oil-strike")),
            published_on: Some(days_ago(59)),
            ..statement.clone()
        };
        db::documents::save(tx, &t)?;
        copies.push(t);
    }
    for (h, lang) in [
        ("kke", "en"),
        ("icp", "ar"),
        ("lcp", "ar"),
        ("pcp", "en"),
        ("cpb", "en"),
        ("tudeh", "fa"),
    ] {
        let Some(copy) = copies.iter().find(|c| c.language == lang) else {
            continue;
        };
        let sending = db::documents::Sending {
            id: &new_id(),
            document_id: &copy.id,
            org_id: &org(h)?,
            person_id: None,
            date: days_ago(55),
            channel: SendChannel::Email,
        };
        db::documents::send(tx, &sending, now)?;
    }
    // Contacts serve mandates too: every third entry, round the list.
    let ids: Vec<String> = {
        let mut stmt = tx
            .prepare("SELECT id FROM interactions ORDER BY date, rid")
            .map_err(|e| crate::error::from_sqlite(e, "reading the log"))?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| crate::error::from_sqlite(e, "reading the log"))?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| crate::error::from_sqlite(e, "reading the log"))?
    };
    for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        db::objectives::link(
            tx,
            db::objectives::LinkTable::Log,
            id,
            &[objectives[i % objectives.len()].clone()],
        )?;
    }
    Ok(())
}
