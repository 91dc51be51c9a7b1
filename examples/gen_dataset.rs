//! A deterministic generator of realistic liaison data for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_dataset -- --orgs 20000 --log 1000000 --out DIR [--seed 1917] [--db]
//! ```
//!
//! Writes spreadsheet-style CSV files (`orgs.csv`, `people.csv`, `log.csv`,
//! `tasks.csv`) into DIR and, with `--db`, also builds `DIR/liaison.db`
//! through the library. Organisations spread over ~150 countries; about a
//! fifth have Persian or Arabic names and some Greek, Cyrillic or CJK ones;
//! contacts span ten years and a few partners get most of them. One entry
//! in twenty has a follow-up, open only when due in the last two months or
//! later: open follow-ups are written in `log.csv`'s `follow_up` and `due`
//! columns (as a spreadsheet of pending actions keeps them), closed ones in
//! `tasks.csv`, so importing both files gives the tasks `--db` stores.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use liaison::db::{self, Db};
use liaison::model::Sensitivity;
use liaison::model::country;
use liaison::model::log::{Channel, Direction, LogEntry};
use liaison::model::org::{Org, OrgKind, OrgStatus};
use liaison::model::person::Person;
use liaison::model::task::{Priority, Task, TaskStatus};

struct Args {
    orgs: usize,
    log: usize,
    out: PathBuf,
    seed: u64,
    db: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        orgs: 20_000,
        log: 1_000_000,
        out: PathBuf::from("bench-data"),
        seed: 1917,
        db: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--orgs" => a.orgs = value()?.parse().map_err(|e| format!("--orgs: {e}"))?,
            "--log" => a.log = value()?.parse().map_err(|e| format!("--log: {e}"))?,
            "--out" => a.out = PathBuf::from(value()?),
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--db" => a.db = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.orgs == 0 {
        return Err("--orgs must be at least 1".into());
    }
    Ok(a)
}

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// An index in `0..n` skewed towards 0: a few get most of the picks.
    fn skewed(&mut self, n: usize) -> usize {
        ((self.unit().powi(4)) * n as f64) as usize % n
    }
}

const LATIN_WORDS: &[&str] = &[
    "Communist",
    "Workers'",
    "Socialist",
    "Revolutionary",
    "Labour",
    "People's",
    "Democratic",
    "Progressive",
    "Union",
    "Front",
    "Movement",
    "Federation",
    "Party",
    "League",
    "Alliance",
    "Popular",
    "Unity",
    "Struggle",
];
const KINDS_EN: &[&str] = &[
    "Party",
    "Union",
    "Movement",
    "Front",
    "Federation",
    "Committee",
    "Network",
];
const PERSIAN_WORDS: &[&str] = &[
    "حزب",
    "کارگران",
    "کمونیست",
    "سندیکای",
    "اتحادیه",
    "جنبش",
    "همبستگی",
    "چپ",
    "مردم",
    "آزادی",
    "شورای",
    "معلمان",
];
const ARABIC_WORDS: &[&str] = &[
    "الحزب",
    "الشيوعي",
    "العمال",
    "النقابة",
    "الجبهة",
    "الديمقراطية",
    "التقدمي",
    "الشعبية",
    "حركة",
    "اتحاد",
];
const GREEK_WORDS: &[&str] = &[
    "Κόμμα",
    "Εργατών",
    "Κομμουνιστικό",
    "Ένωση",
    "Μέτωπο",
    "Λαϊκό",
    "Συνδικάτο",
];
const CYRILLIC_WORDS: &[&str] = &[
    "Партия",
    "Рабочих",
    "Коммунистическая",
    "Союз",
    "Фронт",
    "Народный",
    "Движение",
];
const CJK_WORDS: &[&str] = &["共産党", "労働者", "社会", "同盟", "戦線", "人民", "工会"];
const GIVEN: &[&str] = &[
    "Ana", "Eleni", "Giorgos", "Reza", "Sara", "Karwan", "Maria", "Ahmed", "Leila", "Yannis", "Olga", "Kemal",
];
const FAMILY: &[&str] = &[
    "Ribeiro",
    "Papadopoulou",
    "Karimi",
    "Ahmadi",
    "Ivanova",
    "Demir",
    "Haddad",
    "Santos",
    "Nikolaou",
];
const SUBJECTS: &[&str] = &[
    "Sent English translation of our statement",
    "News from their party congress",
    "Exchange of analyses on the region",
    "Request for speaker at conference",
    "Invitation to joint seminar",
    "Report on wage arrears",
    "Solidarity message for May Day",
    "Statement on the oil workers' strike",
];
const FOLLOW_UPS: &[&str] = &[
    "Send report on strikes",
    "Send the seminar programme",
    "Ask for their congress resolution",
    "Translate their statement",
    "Confirm the delegation",
    "Send our greetings to their congress",
];
const SUMMARIES: &[&str] = &[
    "No answer yet; follow up.",
    "They shared their resolution on the regional war; to be summarised for members.",
    "Agreed to exchange publications every quarter, 50% in English.",
    "Meeting at their office.\nPresent: two members of their international department.\nAgreed on a joint seminar in spring.",
    "گزارش اعتصاب کارگران نفت را فرستادیم و قرار شد ترجمه عربی آن را منتشر کنند.",
    "Discussed the situation of teachers' strikes; they asked for a written report.",
    "Letter of solidarity received, signed by their central committee.",
];

struct GenOrg {
    org: Org,
}

fn org_name(rng: &mut Rng, i: usize) -> (String, Option<String>) {
    let script = rng.below(100);
    let latin = format!(
        "{} {} {} {}",
        rng.pick(LATIN_WORDS),
        rng.pick(LATIN_WORDS),
        rng.pick(KINDS_EN),
        i
    );
    let native = match script {
        0..=11 => Some(format!(
            "{} {} {} {}",
            rng.pick(PERSIAN_WORDS),
            rng.pick(PERSIAN_WORDS),
            rng.pick(PERSIAN_WORDS),
            i
        )),
        12..=19 => Some(format!(
            "{} {} {} {}",
            rng.pick(ARABIC_WORDS),
            rng.pick(ARABIC_WORDS),
            rng.pick(ARABIC_WORDS),
            i
        )),
        20..=24 => Some(format!(
            "{} {} {}",
            rng.pick(GREEK_WORDS),
            rng.pick(GREEK_WORDS),
            i
        )),
        25..=29 => Some(format!(
            "{} {} {}",
            rng.pick(CYRILLIC_WORDS),
            rng.pick(CYRILLIC_WORDS),
            i
        )),
        30..=32 => Some(format!("{}{}{}", rng.pick(CJK_WORDS), rng.pick(CJK_WORDS), i)),
        _ => None,
    };
    (latin, native)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\nhint: gen_dataset --orgs N --log N --out DIR [--seed S] [--db]");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(a: &Args) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(&a.out)?;
    let mut rng = Rng(a.seed);
    let countries: Vec<&country::Country> = country::all()
        .iter()
        .step_by(country::all().len() / 150)
        .collect();
    // The generator's own clock, so that the same seed gives the same files.
    let now = "2026-11-27T10:00:00Z".to_string();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("bad date")?;

    let mut orgs = Vec::with_capacity(a.orgs);
    for i in 0..a.orgs {
        let (name, native) = org_name(&mut rng, i);
        let c = rng.pick(&countries);
        let status = match rng.below(10) {
            0..=1 => OrgStatus::Partner,
            2..=5 => OrgStatus::Contact,
            6..=7 => OrgStatus::Prospect,
            8 => OrgStatus::Dormant,
            _ => OrgStatus::Ended,
        };
        orgs.push(GenOrg {
            org: Org {
                id: format!(
                    "{:032x}",
                    (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64())
                ),
                handle: format!("o{i}"),
                name,
                native_name: native,
                name_fa: None,
                aliases: Vec::new(),
                country: c.code.clone(),
                region: c.region.clone(),
                kind: *rng.pick(OrgKind::ALL),
                status,
                since: None,
                languages: vec!["en".into()],
                website: None,
                email: None,
                tags: Vec::new(),
                notes: None,
                sensitivity: Sensitivity::Normal,
                created_at: now.clone(),
                updated_at: now.clone(),
                last_contact: None,
                region_overridden: false,
                groups: Vec::new(),
            },
        });
    }
    write_orgs(&a.out.join("orgs.csv"), &orgs)?;

    let people: Vec<Person> = (0..a.orgs / 2)
        .map(|i| {
            let o = &orgs[rng.skewed(orgs.len())].org;
            Person {
                id: format!(
                    "{:032x}",
                    (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64())
                ),
                name: format!("{} {} {i}", rng.pick(GIVEN), rng.pick(FAMILY)),
                native_name: None,
                name_fa: None,
                organisation: Some(o.handle.clone()),
                role: Some("international department".into()),
                email: None,
                phone: None,
                messaging: Vec::new(),
                languages: Vec::new(),
                notes: None,
                do_not_contact: false,
                sensitivity: Sensitivity::Normal,
                created_at: now.clone(),
                updated_at: now.clone(),
                org_id: Some(o.id.clone()),
            }
        })
        .collect();
    write_people(&a.out.join("people.csv"), &people)?;

    let mut db = if a.db {
        let path = a.out.join("liaison.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut db = Db::create(&path)?;
        db.write(|tx| {
            for o in &orgs {
                db::orgs::insert(tx, &o.org)?;
            }
            for p in &people {
                db::people::insert(tx, p)?;
            }
            Ok(())
        })?;
        Some(db)
    } else {
        None
    };

    let mut log_csv = csv::Writer::from_path(a.out.join("log.csv"))?;
    log_csv.write_record([
        "date",
        "organisation",
        "channel",
        "direction",
        "subject",
        "summary",
        "follow_up",
        "due",
    ])?;
    let mut tasks_csv = csv::Writer::from_path(a.out.join("tasks.csv"))?;
    tasks_csv.write_record(["title", "organisation", "due", "priority", "status", "done_on"])?;
    let batch = 20_000;
    let mut written = 0;
    while written < a.log {
        let n = batch.min(a.log - written);
        let mut entries = Vec::with_capacity(n);
        let mut tasks = Vec::new();
        for _ in 0..n {
            let o = &orgs[rng.skewed(orgs.len())].org;
            let date = today - Days::new(rng.below(3650) as u64);
            let entry = LogEntry {
                id: format!(
                    "{:032x}",
                    (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64())
                ),
                date,
                time: None,
                channel: *rng.pick(Channel::ALL),
                direction: *rng.pick(Direction::ALL),
                organisations: vec![o.handle.clone()],
                people: Vec::new(),
                subject: Some(rng.pick(SUBJECTS).to_string()),
                // A reference number keeps two entries of one day apart.
                summary: format!("{} (ref {})", rng.pick(SUMMARIES), written + entries.len()),
                tags: Vec::new(),
                objectives: Vec::new(),
                logged_by: Some("bench".into()),
                created_at: now.clone(),
                updated_at: now.clone(),
                org_ids: vec![o.id.clone()],
                person_ids: Vec::new(),
            };
            let follow = rng.below(20) == 0;
            let (title, due) = if follow {
                // Titles differ by the entry's reference, as two real
                // follow-ups of one partner due the same day would.
                let reference = written + entries.len();
                let title = format!("{} (ref {reference})", FOLLOW_UPS[reference % FOLLOW_UPS.len()]);
                let due = date + Days::new(7 + rng.below(30) as u64);
                let open = due >= today - Days::new(60) && rng.below(3) != 0;
                tasks.push((
                    Task {
                        number: None,
                        id: format!(
                            "{:032x}",
                            (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64())
                        ),
                        title: title.clone(),
                        organisation: Some(o.handle.clone()),
                        origin: Some(entry.id.clone()),
                        due: Some(due),
                        priority: Priority::Normal,
                        assignee: None,
                        status: if open { TaskStatus::Open } else { TaskStatus::Done },
                        // Closed ones were done around their due date (without
                        // drawing from `rng`, which would change every later row).
                        done_on: (!open).then(|| (due + Days::new(reference as u64 % 10)).min(today)),
                        notes: None,
                        created_at: now.clone(),
                        updated_at: now.clone(),
                        org_id: Some(o.id.clone()),
                    },
                    entry.id.clone(),
                ));
                if open {
                    (title, due.to_string())
                } else {
                    (String::new(), String::new())
                }
            } else {
                (String::new(), String::new())
            };
            let display = o
                .native_name
                .as_deref()
                .filter(|_| rng.below(4) == 0)
                .unwrap_or(&o.name);
            log_csv.write_record([
                date.to_string().as_str(),
                display,
                entry.channel.as_str(),
                entry.direction.as_str(),
                entry.subject.as_deref().unwrap_or_default(),
                &entry.summary,
                &title,
                &due,
            ])?;
            entries.push(entry);
        }
        for (t, _) in tasks.iter().filter(|(t, _)| t.status != TaskStatus::Open) {
            tasks_csv.write_record([
                t.title.as_str(),
                t.organisation.as_deref().unwrap_or_default(),
                &t.due.map(|d| d.to_string()).unwrap_or_default(),
                t.priority.as_str(),
                t.status.as_str(),
                &t.done_on.map(|d| d.to_string()).unwrap_or_default(),
            ])?;
        }
        if let Some(db) = db.as_mut() {
            db.write(|tx| {
                for e in &entries {
                    db::log::insert(tx, e)?;
                }
                for (t, origin) in &tasks {
                    db::tasks::insert(tx, t, Some(origin))?;
                }
                Ok(())
            })?;
        }
        written += n;
        eprint!("\r{written} of {} log entries", a.log);
    }
    eprintln!();
    log_csv.flush()?;
    tasks_csv.flush()?;
    if let Some(db) = db.as_mut() {
        db.write(|tx| db::tasks::renumber(tx))?;
        db.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
    }
    println!(
        "wrote {} organisations, {} people, {} log entries to {}",
        orgs.len(),
        people.len(),
        a.log,
        a.out.display()
    );
    Ok(())
}

fn write_orgs(path: &Path, orgs: &[GenOrg]) -> Result<(), Box<dyn std::error::Error>> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    // As a spreadsheet saves it: BOM, semicolons, CRLF, day-first dates.
    f.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(f);
    w.write_record([
        "Name",
        "Name (original)",
        "Country",
        "Type",
        "Status",
        "Since",
        "Languages",
        "Handle",
    ])?;
    for o in orgs {
        let o = &o.org;
        let country = country::by_code(&o.country).map_or_else(|| o.country.clone(), |c| c.name);
        w.write_record([
            o.name.as_str(),
            o.native_name.as_deref().unwrap_or_default(),
            &country,
            o.kind.as_str(),
            o.status.as_str(),
            "",
            &o.languages.join(";"),
            &o.handle,
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn write_people(path: &Path, people: &[Person]) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(["name", "organisation", "role"])?;
    for p in people {
        w.write_record([
            p.name.as_str(),
            p.organisation.as_deref().unwrap_or_default(),
            p.role.as_deref().unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
